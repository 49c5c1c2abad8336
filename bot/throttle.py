"""Per-chat flood control: a chat that sends more than N updates a minute is ignored for a while.

The first update over the limit gets one warning; the rest are dropped silently until the chat's
one-minute window has room again, so a flooding chat costs the bot no replies.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum

WINDOW_S = 60.0


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"
    DROP = "drop"


class FloodGuard:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._warned: set[int] = set()

    def check(self, chat_id: int) -> Verdict:
        """Count one update from the chat and say what to do with it."""
        if self.per_minute <= 0:
            return Verdict.ALLOW
        now = self._clock()
        seen = self._seen.setdefault(chat_id, deque())
        while seen and now - seen[0] >= WINDOW_S:
            seen.popleft()
        if len(seen) < self.per_minute:
            seen.append(now)
            self._warned.discard(chat_id)
            return Verdict.ALLOW
        if chat_id in self._warned:
            return Verdict.DROP
        self._warned.add(chat_id)
        return Verdict.WARN
