"""The send governor: one bot-wide pace, one pace per chat, and a per-minute window per group.

Sends are spaced evenly (no bursts) at the bot-wide rate, because Telegram and the sandbox count sends
in sliding one-second windows: an even pace at the configured rate never crosses such a window's
limit, while a bucket that allows bursts does. A send that fell behind never catches up in a burst.

Bookings are made ahead of time; what reaches Telegram is the actual start, which a late wake-up or a
slow read of the outbox can delay. So just before each call goes out, :meth:`RateGovernor.wait_to_start`
checks the actual starts and answers, not the bookings:

- bot-wide, no more than the rate's whole number ``L`` of calls started in the last second, and no more
  than ``L + 1`` in the last second and an interval: late calls that went out close together cannot
  fill a second exactly, so requests reaching Telegram up to an interval later than others (a
  millisecond decides at an exact fill) still make at most one call over the rate, which Telegram's
  tolerance (the sandbox's 5 %) absorbs; an evenly paced call never waits for either;
- per chat, no call while another to the chat is unanswered, and none within an interval of the last
  answer: Telegram received a call before answering it, so every arrival is a full interval after the
  previous one, however late either started.

One governor serves every call of a bot: the outbox sender books its sends here, and so does the
python-telegram-bot rate limiter (:mod:`nashra.delivery.limiter`) for replies, edits and callback
answers, so together they never exceed Telegram's limits.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable

from nashra.config import DeliveryConfig

# Margin on the per-minute group window: requests reach the server later than we reserve them.
GROUP_WINDOW_MARGIN_S = 0.5
# How often a call polls while another to its chat is unanswered (Telegram answers in tens of ms).
BUSY_POLL_S = 0.02
# Chats examined for forgetting on each booking (more than are added, so the state stays bounded).
TIDY_PER_CALL = 2


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
        # Per chat: when it may receive next, in the order last touched (tidied a few at a time).
        self._chat_next: OrderedDict[int, float] = OrderedDict()
        self._chat_gap: dict[int, float] = {}
        self._group_sends: dict[int, deque[float]] = {}
        # Per group: the actual starts of its last calls, which a slow reading of the outbox can put
        # seconds after their booking; Telegram counts its 20 a minute from them (see wait_to_start).
        self._group_started: dict[int, deque[float]] = {}
        # The actual starts of the last L + 1 free calls (see wait_to_start).
        self._whole = max(1, int(global_per_second))
        self._started: deque[float] = deque(maxlen=self._whole + 1)
        # Per chat: a full interval after its last answered call (see wait_to_start).
        self._chat_answered: dict[int, float] = {}
        # Chats with a call started and not yet answered (the outbox's or a handler's): how many.
        self._chat_busy: dict[int, int] = {}
        # Calls of the bot's handlers waiting for a slot: they go before the outbox sender's next one.
        self.callers_waiting = 0
        # Calls of the bot's handlers booked and held by the bot-wide pace: they go before the outbox
        # sender's held calls (see wait_to_start).
        self.callers_holding = 0
        # Until when Telegram asked the whole bot to wait (see pause_all).
        self._paused_until = 0.0

    def chat_ready_at(self, chat_id: int, is_group: bool) -> float:
        """The earliest moment (clock time) the chat may receive its next message."""
        ready = self._chat_next.get(chat_id, 0.0)
        if chat_id in self._chat_busy:
            # A call to the chat is still unanswered: the next one counts from its answer (see finished).
            ready = max(ready, self.clock() + self._chat_interval)
        if is_group:
            ready = max(ready, self._group_free_at(self._group_sends.get(chat_id)))
            ready = max(ready, self._group_free_at(self._group_started.get(chat_id)))
        return ready

    def _group_free_at(self, window: deque[float] | None) -> float:
        """When a group whose last calls (booked or started) are ``window`` may get another one."""
        if window is None or len(window) < self._group_limit:
            return 0.0
        return window[0] + 60.0 + GROUP_WINDOW_MARGIN_S

    @classmethod
    def from_config(
        cls, config: DeliveryConfig, *, clock: Callable[[], float] = time.monotonic
    ) -> RateGovernor:
        """The governor of ``[delivery]``'s limits."""
        governor = cls(
            config.global_per_second, config.per_chat_per_second, config.group_per_minute, clock=clock
        )
        return governor

    def peek(self, chat_id: int | None, is_group: bool, paid: bool = False) -> float:
        """When a send to ``chat_id`` (None: a call that is paced bot-wide only) could start, unbooked."""
        shared = self._next_paid if paid and self._paid_interval is not None else self._next_global
        ready = self.chat_ready_at(chat_id, is_group) if chat_id is not None else 0.0
        return max(self.clock(), shared, ready)

    def global_ready_at(self) -> float:
        """The earliest moment any (free) send may start: later than now while the bot is paused."""
        return self._next_global

    def allow_paid(self, paid_per_second: float) -> None:
        """Paid broadcasts (``allow_paid_broadcast``) get their own, higher bot-wide pace."""
        if paid_per_second <= 0:
            raise ValueError("rate limits must be greater than 0")
        self._paid_interval = 1.0 / paid_per_second

    def reserve(self, chat_id: int | None, is_group: bool, paid: bool = False) -> float:
        """Book the next send to this chat; returns when it may start (now or later).

        A ``paid`` send is paced by the paid ceiling (see :meth:`allow_paid`) instead of the free one.
        ``chat_id`` None books a bot-wide slot only (a callback answer).
        """
        now = self.clock()
        start = self.peek(chat_id, is_group, paid)
        if paid and self._paid_interval is not None:
            self._next_paid = start + self._paid_interval
        else:
            self._next_global = start + self._global_interval
        if chat_id is None:
            return start
        previous = self._chat_next.get(chat_id)
        if previous is not None:
            self._chat_gap[chat_id] = start - (previous - self._chat_interval)
        else:
            self._chat_gap.pop(chat_id, None)
        self._chat_next[chat_id] = start + self._chat_interval
        self._chat_next.move_to_end(chat_id)
        if is_group:
            window = self._group_sends.setdefault(chat_id, deque(maxlen=self._group_limit))
            window.append(start)
        self._tidy(now)
        return start

    def wait_to_start(
        self, chat_id: int | None, paid: bool = False, *, behind_callers: bool = False
    ) -> float:
        """Seconds a booked call must still wait before it goes out now (0: it may start; then call
        :meth:`begin` before anything else is awaited). See the module docstring for the rules.

        A chat with a call still unanswered gets :data:`BUSY_POLL_S`: its answer ends the wait.
        ``behind_callers`` (the outbox sender's free calls) also waits while a call of the bot's
        handlers is held by the bot-wide pace alone (:attr:`callers_holding`): otherwise a reply would
        wake among the outbox's held sends (after a slow reading of the outbox, dozens) and lose to
        them slot after slot.
        """
        now = self.clock()
        wait = self.chat_wait(chat_id)
        if chat_id is not None and chat_id in self._chat_busy:
            return wait
        if not paid:
            started, whole = self._started, self._whole
            if len(started) >= whole:
                wait = max(wait, started[-whole] + 1.0 - now)
            if len(started) > whole:
                wait = max(wait, started[0] + 1.0 + self._global_interval - now)
            if behind_callers and self.callers_holding:
                wait = max(wait, BUSY_POLL_S)
            wait = max(wait, self._paused_until - now)  # booked before Telegram asked the bot to wait
        if chat_id is not None:
            # A group's minute counts from the actual starts: its earlier calls may have started late.
            wait = max(wait, self._group_free_at(self._group_started.get(chat_id)) - now)
        return max(0.0, wait)

    def chat_wait(self, chat_id: int | None) -> float:
        """Seconds the chat's own pace still holds a call to it (see :meth:`wait_to_start`)."""
        if chat_id is None:
            return 0.0
        if chat_id in self._chat_busy:
            return BUSY_POLL_S
        return max(0.0, self._chat_answered.get(chat_id, 0.0) - self.clock())

    def begin(self, chat_id: int | None, paid: bool = False) -> None:
        """A call to the chat (None: a bot-wide call) starts now, once :meth:`wait_to_start` said so;
        :meth:`finished` must follow (in a ``finally``)."""
        if not paid:
            self._started.append(self.clock())
        if chat_id is not None:
            self._chat_busy[chat_id] = self._chat_busy.get(chat_id, 0) + 1
            if chat_id in self._group_sends:
                started = self._group_started.setdefault(chat_id, deque(maxlen=self._group_limit))
                started.append(self.clock())

    def finished(self, chat_id: int | None) -> None:
        """A call to the chat got its answer (or failed): its next one starts a full interval after now.

        Slots are booked by start time, but a request can reach Telegram later than it started (a busy
        event loop, a slow connection) while the next one to the chat reaches it on time: a second
        apart at the start can be 0.6 s apart on arrival, and Telegram answers 429. Telegram received a
        call before answering it, so counting the interval from the answer, and booking no call to the
        chat while one is unanswered (a reply while the outbox's message is in flight, or the other way
        round), keeps every arrival a full interval after the previous one.
        """
        if chat_id is None:
            return
        busy = self._chat_busy.get(chat_id, 0) - 1
        if busy > 0:
            self._chat_busy[chat_id] = busy
        else:
            self._chat_busy.pop(chat_id, None)
        answered = self.clock() + self._chat_interval
        self._chat_answered[chat_id] = answered
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), answered)
        self._chat_next.move_to_end(chat_id)

    def defer_chat(self, chat_id: int, until: float) -> None:
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), until)
        self._chat_next.move_to_end(chat_id)
        self._tidy(self.clock())

    def pause_all(self, until: float) -> None:
        """Telegram asked the whole bot to wait (429 not explained by a per-chat limit): no free call
        is booked before ``until``, and none booked earlier starts before it (see wait_to_start)."""
        self._next_global = max(self._next_global, until)
        self._paused_until = max(self._paused_until, until)

    def retry_after(self, chat_id: int | None, seconds: float) -> float:
        """Telegram answered 429 with ``retry_after``: hold the chat, and the whole bot unless the chat's
        own pace explains it. Returns the moment (clock time) sending may resume."""
        until = self.clock() + seconds
        if chat_id is None:
            self.pause_all(until)
            return until
        self.defer_chat(chat_id, until)
        if not self.chat_pace_explains(chat_id):
            self.pause_all(until)
        return until

    def chat_pace_explains(self, chat_id: int) -> bool:
        """Whether the chat's own pace could explain a 429 for its last send (else the bot is flooding)."""
        gap = self._chat_gap.get(chat_id)
        return gap is not None and gap < 2 * self._chat_interval

    def _tidy(self, now: float) -> None:
        """Forget chats quiet for a minute (their pace no longer matters), looking at a few of the least
        recently touched on each call: memory follows the chats of the last minute, at O(1) a call."""
        for _ in range(TIDY_PER_CALL):
            if not self._chat_next:
                return
            chat_id, ready = next(iter(self._chat_next.items()))
            window = self._group_started.get(chat_id) or self._group_sends.get(chat_id)
            if ready >= now - 60.0 or (window and window[-1] >= now - 60.0 - GROUP_WINDOW_MARGIN_S):
                self._chat_next.move_to_end(chat_id)  # still in use (or deferred): look again later
                continue
            del self._chat_next[chat_id]
            self._chat_gap.pop(chat_id, None)
            self._chat_answered.pop(chat_id, None)
            self._group_sends.pop(chat_id, None)
            self._group_started.pop(chat_id, None)

    def __len__(self) -> int:
        """Chats the governor holds state for."""
        return len(self._chat_next)
