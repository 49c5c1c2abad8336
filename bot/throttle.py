"""Per-chat flow control: updates of one chat in order, different chats at once, and a flood guard.

:class:`ChatLanes` is the Application's update processor: each chat has a lane, its updates are handled
one after the other (a /subscribe is stored before the /mysubs that follows it is answered), and lanes
run concurrently, so a chat whose replies wait for Telegram's one-message-a-second pace, or whose
handler waits for the database, never delays another chat. A lane holds at most
``max_waiting_per_chat`` updates; more from a flooding chat are dropped at once.

:class:`FloodGuard`: a chat that sends more than N updates a minute is ignored for a while. The first
update over the limit gets one warning; the rest are dropped silently until the chat's one-minute
window has room again, so a flooding chat costs the bot no replies. Its state expires with the window,
so memory follows the chats active in the last minute, not every chat ever seen.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)

WINDOW_S = 60.0
# Quiet chats forgotten per update: more than one, so the state shrinks once traffic moves on.
FORGET_PER_CHECK = 4
# Updates processed at once over all chats, and waiting in one chat's lane (beyond the flood limit).
MAX_CONCURRENT_UPDATES = 1024
MAX_WAITING_PER_CHAT = 32
# What python-telegram-bot's own semaphore is given: it counts updates waiting in lanes too (see ChatLanes).
UNBOUNDED_UPDATES = 2**31 - 1


class FloodAction(Enum):
    ALLOW = "allow"
    WARN = "warn"
    DROP = "drop"


class FloodGuard:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        # Chats in the order they last sent an update: the front is the quietest, forgotten first.
        self._seen: OrderedDict[Hashable, deque[float]] = OrderedDict()
        self._warned: set[Hashable] = set()

    def check(self, chat_id: Hashable) -> FloodAction:
        """Count one update from the chat (or from whatever ``chat_id`` keys: a chat and a user) and
        say what to do with it."""
        if self.per_minute <= 0:
            return FloodAction.ALLOW
        now = self._clock()
        self._forget_quiet(now)
        seen = self._seen.setdefault(chat_id, deque())
        self._seen.move_to_end(chat_id)
        while seen and now - seen[0] >= WINDOW_S:
            seen.popleft()
        if len(seen) < self.per_minute:
            seen.append(now)
            self._warned.discard(chat_id)
            return FloodAction.ALLOW
        if chat_id in self._warned:
            return FloodAction.DROP
        self._warned.add(chat_id)
        return FloodAction.WARN

    def __len__(self) -> int:
        """Chats the guard holds state for."""
        return len(self._seen)

    def _forget_quiet(self, now: float) -> None:
        """Forget chats silent for a whole window, quietest first, a few per update (O(1) each)."""
        for _ in range(FORGET_PER_CHECK):
            if not self._seen:
                return
            chat_id, seen = next(iter(self._seen.items()))
            if seen and now - seen[-1] < WINDOW_S:
                return
            del self._seen[chat_id]
            self._warned.discard(chat_id)


@dataclass
class _Lane:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0


class ChatLanes(BaseUpdateProcessor):
    """python-telegram-bot update processor: one lane per chat; see the module docstring."""

    def __init__(
        self,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        max_waiting_per_chat: int = MAX_WAITING_PER_CHAT,
    ) -> None:
        # python-telegram-bot takes its semaphore before an update reaches its lane, so updates waiting
        # in lanes would count against it: a few flooding chats (each with its lane full) would fill it,
        # and every other chat would wait. Lanes bound what waits; the limit on updates handled at once
        # is taken here, once an update holds its lane.
        super().__init__(UNBOUNDED_UPDATES)
        self.max_running = max_concurrent_updates
        self._running = asyncio.BoundedSemaphore(max_concurrent_updates)
        self.max_waiting_per_chat = max_waiting_per_chat
        self._lanes: dict[int, _Lane] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _lane_key(update)
        if key is None:
            async with self._running:
                await coroutine
            return
        lane = self._lanes.get(key)
        if lane is None:
            lane = self._lanes[key] = _Lane()
        if lane.waiting >= self.max_waiting_per_chat:
            if asyncio.iscoroutine(coroutine):
                coroutine.close()
            log.debug("chat %s has %d updates waiting; dropping one more", key, lane.waiting)
            return
        lane.waiting += 1
        try:
            async with lane.lock, self._running:
                await coroutine
        finally:
            lane.waiting -= 1
            if lane.waiting == 0:
                self._lanes.pop(key, None)

    async def initialize(self) -> None:
        self._lanes.clear()

    async def shutdown(self) -> None:
        self._lanes.clear()


def _lane_key(update: object) -> int | None:
    """The chat an update belongs to (the user, for a button press without a chat); None: no lane."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None
