"""python-telegram-bot's rate-limiter hook, backed by the one :class:`RateGovernor` of the bot.

Every Bot API call of an ``ExtBot`` built with :class:`GovernedRateLimiter` passes through
:meth:`GovernedRateLimiter.process_request`: replies, keyboard edits and callback answers book their
slot in the same governor as the outbox sender's messages, so together they stay within Telegram's
limits (~30 messages a second per bot, one a second per chat, 20 a minute per group).

- Messages (``send*``, ``copy*``, ``forward*``) and edits (``edit*``) are paced bot-wide and per chat.
- Callback answers, chat actions and deletions are paced bot-wide only: they put nothing in the chat.
- Reads (``getChatMember``, ``getMe`` …) and ``getUpdates`` are not paced.
- The outbox sender books its own slots (it picks among many chats the next one that may receive) and
  marks its calls with :data:`OUTBOX`; they pass straight through.

A call waits for its slot at most ``max_wait_s``; one that would wait longer (the bot is paused by a
long ``retry_after``) fails at once with ``RetryAfter``, and :meth:`close` ends every wait, so a reply
never holds up shutdown. The wait happens in the task of the update being handled: with
:class:`bot.throttle.ChatLanes` that is the lane of its own chat, so a flooding chat's replies queue
behind each other while other chats are answered at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from nashra.delivery.ratelimit import RateGovernor
from nashra.telegram_limits import retry_after_seconds

log = logging.getLogger(__name__)

# rate_limit_args of a call the outbox sender has already booked with the governor.
OUTBOX: dict[str, bool] = {"outbox": True}
MAX_WAIT_S = 10.0
# A call (a reply, or the outbox sender's send) books its slot with the governor once it is due within
# this long (a slot or two at Telegram's 30 a second): late enough that a reply or an alert arriving
# meanwhile goes first, early enough that slots stay evenly spaced however late the loop wakes up.
BOOK_AHEAD_S = 0.05
RETRIES = 2
_PER_CHAT = ("send", "copy", "forward", "edit")
_BOT_WIDE = ("answer", "delete", "sendChatAction", "pin", "unpin")


class GovernedRateLimiter(BaseRateLimiter[dict[str, bool]]):
    """Paces a bot's calls with ``governor``; see the module docstring."""

    def __init__(
        self, governor: RateGovernor, *, max_wait_s: float = MAX_WAIT_S, retries: int = RETRIES
    ) -> None:
        self.governor = governor
        self.max_wait_s = max_wait_s
        self.retries = retries
        self._closed = asyncio.Event()

    async def initialize(self) -> None:
        self._closed = asyncio.Event()

    async def shutdown(self) -> None:
        self.close()

    def close(self) -> None:
        """End every wait now (their calls fail with ``RetryAfter``): the bot is stopping."""
        self._closed.set()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, bool] | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if (rate_limit_args or {}).get("outbox"):
            return await callback(*args, **kwargs)
        scope = _scope(endpoint)
        if scope is None:
            return await callback(*args, **kwargs)
        chat_id = _chat_id(data) if scope == "chat" else None
        is_group = chat_id is not None and chat_id < 0
        paid = bool(data.get("allow_paid_broadcast"))
        for attempt in range(self.retries + 1):
            await self._take_turn(chat_id, is_group, paid)
            self.governor.begin(chat_id, paid)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                seconds = retry_after_seconds(exc)
                self.governor.retry_after(chat_id, seconds)
                log.warning("Telegram asked to wait %.0fs (%s to chat %s)", seconds, endpoint, chat_id)
                if attempt == self.retries or seconds > self.max_wait_s:
                    raise
            finally:
                self.governor.finished(chat_id)
        raise AssertionError("unreachable")

    async def _take_turn(self, chat_id: int | None, is_group: bool, paid: bool) -> None:
        """Wait (unbooked) until the call may start, then book its slot just in time.

        Booking early would hold the bot-wide pace for the moment this chat is ready (a second away
        for a flooding chat), and every other chat's reply would wait behind it.
        """
        clock = self.governor.clock
        deadline = clock() + self.max_wait_s

        def check(start: float) -> None:
            if start > deadline or self._closed.is_set():
                raise RetryAfter(timedelta(seconds=max(1, math.ceil(start - clock()))))

        # First the chat's own pace (a flooding chat waits here, in its own lane, holding up no one).
        while True:
            check(self.governor.peek(chat_id, is_group, paid))
            ready = self.governor.chat_ready_at(chat_id, is_group) if chat_id is not None else 0.0
            if ready - clock() <= BOOK_AHEAD_S:
                break
            await self._sleep(ready - clock() - BOOK_AHEAD_S)
        # Then the bot-wide pace: the outbox sender books nothing new until this call has its slot.
        self.governor.callers_waiting += 1
        try:
            while True:
                start = self.governor.peek(chat_id, is_group, paid)
                check(start)
                if start - clock() <= BOOK_AHEAD_S:
                    break
                await self._sleep(start - clock() - BOOK_AHEAD_S)
            start = self.governor.reserve(chat_id, is_group, paid)
        finally:
            self.governor.callers_waiting -= 1
        await self._sleep(start - clock())
        # The actual start (see RateGovernor.wait_to_start); the caller begins the call with no await
        # in between.
        while (held := self.governor.wait_to_start(chat_id, paid)) > 0:
            check(clock() + held)  # a long pause of the whole bot: fail at once, as above
            # Held by the bot-wide pace alone, it goes before the outbox's held sends.
            ahead = not paid and self.governor.chat_wait(chat_id) <= 0
            self.governor.callers_holding += int(ahead)
            try:
                await self._sleep(held)
            finally:
                self.governor.callers_holding -= int(ahead)

    async def _sleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closed.wait(), seconds)
        if self._closed.is_set():
            raise RetryAfter(timedelta(seconds=max(1, math.ceil(seconds))))


def _scope(endpoint: str) -> str | None:
    """ "chat" (paced per chat and bot-wide), "bot" (bot-wide only) or None (not paced)."""
    if endpoint.startswith(_BOT_WIDE):
        return "bot"
    if endpoint.startswith(_PER_CHAT):
        return "chat"
    return None


def _chat_id(data: dict[str, Any]) -> int | None:
    raw = data.get("chat_id")
    if raw is None:
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None  # "@channelname": paced bot-wide only


__all__ = ["OUTBOX", "GovernedRateLimiter"]
