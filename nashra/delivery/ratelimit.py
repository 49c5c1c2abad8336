"""The send governor: one bot-wide pace, one pace per chat, and a per-minute window per group.

Sends are spaced evenly (no bursts) at the bot-wide rate, because Telegram and the sandbox count sends
in sliding one-second windows: an even pace at the configured rate never crosses such a window's
limit, while a bucket that allows bursts does. A send that fell behind never catches up in a burst.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

# Margin on the per-minute group window: requests reach the server later than we reserve them.
GROUP_WINDOW_MARGIN_S = 0.5


class RateGovernor:
    """Reserves send start times that respect the global, per-chat and per-group limits."""

    def __init__(
        self,
        global_per_second: float,
        per_chat_per_second: float,
        group_per_minute: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if min(global_per_second, per_chat_per_second, group_per_minute) <= 0:
            raise ValueError("rate limits must be greater than 0")
        self.clock = clock
        self.global_per_second = global_per_second
        self._global_interval = 1.0 / global_per_second
        self._chat_interval = 1.0 / per_chat_per_second
        self._group_limit = max(1, int(group_per_minute))
        self._next_global = 0.0
        self._paid_interval: float | None = None
        self._next_paid = 0.0
        self._chat_next: dict[int, float] = {}
        self._chat_gap: dict[int, float] = {}
        self._group_sends: dict[int, deque[float]] = {}

    def chat_ready_at(self, chat_id: int, is_group: bool) -> float:
        """The earliest moment (clock time) the chat may receive its next message."""
        ready = self._chat_next.get(chat_id, 0.0)
        if is_group:
            window = self._group_sends.get(chat_id)
            if window is not None and len(window) >= self._group_limit:
                ready = max(ready, window[0] + 60.0 + GROUP_WINDOW_MARGIN_S)
        return ready

    def allow_paid(self, paid_per_second: float) -> None:
        """Paid broadcasts (``allow_paid_broadcast``) get their own, higher bot-wide pace."""
        if paid_per_second <= 0:
            raise ValueError("rate limits must be greater than 0")
        self._paid_interval = 1.0 / paid_per_second

    def reserve(self, chat_id: int, is_group: bool, paid: bool = False) -> float:
        """Book the next send to this chat; returns when it may start (now or later).

        A ``paid`` send is paced by the paid ceiling (see :meth:`allow_paid`) instead of the free one.
        """
        now = self.clock()
        if paid and self._paid_interval is not None:
            start = max(now, self._next_paid, self.chat_ready_at(chat_id, is_group))
            self._next_paid = start + self._paid_interval
        else:
            start = max(now, self._next_global, self.chat_ready_at(chat_id, is_group))
            self._next_global = start + self._global_interval
        previous = self._chat_next.get(chat_id)
        if previous is not None:
            self._chat_gap[chat_id] = start - (previous - self._chat_interval)
        else:
            self._chat_gap.pop(chat_id, None)
        self._chat_next[chat_id] = start + self._chat_interval
        if is_group:
            window = self._group_sends.setdefault(chat_id, deque(maxlen=self._group_limit))
            window.append(start)
        if len(self._chat_next) > 100_000:
            self._forget_before(now - 60.0)
        return start

    def defer_chat(self, chat_id: int, until: float) -> None:
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), until)

    def pause_all(self, until: float) -> None:
        """Telegram asked the whole bot to wait (429 not explained by a per-chat limit)."""
        self._next_global = max(self._next_global, until)

    def chat_pace_explains(self, chat_id: int) -> bool:
        """Whether the chat's own pace could explain a 429 for its last send (else the bot is flooding)."""
        gap = self._chat_gap.get(chat_id)
        return gap is not None and gap < 2 * self._chat_interval

    def _forget_before(self, moment: float) -> None:
        self._chat_next = {chat: t for chat, t in self._chat_next.items() if t > moment}
        self._chat_gap = {chat: g for chat, g in self._chat_gap.items() if chat in self._chat_next}
        self._group_sends = {chat: w for chat, w in self._group_sends.items() if w and w[-1] > moment - 60.0}
