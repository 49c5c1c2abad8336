"""Opens of one file, as the kernel reports them (Linux inotify): a test that must know another process
looked at a file (a lock it tries to take) waits for that, instead of sleeping and hoping it did."""

from __future__ import annotations

import asyncio
import ctypes
import os
import struct
import time
from pathlib import Path

IN_OPEN = 0x20
# Closes are watched too, though not counted: inotify merges an event with the unread one before it when
# they are alike, and an open then a close then an open are not.
IN_CLOSE = 0x08 | 0x10
_EVENT = struct.Struct("iIII")  # struct inotify_event: wd, mask, cookie, len (then len bytes of name)


class FileOpens:
    """Counts the opens of ``path`` (an existing file) by any process from the moment it is made.
    Use as a context manager; ``available`` is False where the kernel offers no inotify, and then
    :meth:`wait` returns at once (there is nothing to wait for)."""

    def __init__(self, path: Path) -> None:
        self.seen = 0
        self._fd = -1
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        except (OSError, AttributeError):
            return
        if fd < 0:
            return
        if libc.inotify_add_watch(fd, os.fsencode(path), IN_OPEN | IN_CLOSE) < 0:
            os.close(fd)
            return
        self._fd = fd

    @property
    def available(self) -> bool:
        return self._fd >= 0

    def __enter__(self) -> FileOpens:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def count(self) -> int:
        """The opens seen so far."""
        while self._fd >= 0:
            try:
                data = os.read(self._fd, 4096)
            except BlockingIOError:
                break
            offset = 0
            while offset < len(data):
                _, mask, _, size = _EVENT.unpack_from(data, offset)
                offset += _EVENT.size + size
                self.seen += bool(mask & IN_OPEN)
        return self.seen

    async def wait(self, more: int, timeout: float = 60.0) -> None:
        """Wait until ``more`` opens come after those seen so far; ``timeout`` guards against a hang."""
        if not self.available:
            return
        target = self.count() + more
        deadline = time.monotonic() + timeout
        while self.count() < target:
            assert time.monotonic() < deadline, f"{target - self.seen} more opens of the file never came"
            await asyncio.sleep(0.02)
