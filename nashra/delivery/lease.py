"""One sender per database: an exclusive lock that the operating system releases when its holder dies.

Two processes sending from one outbox would each send the other's pending rows. Before sending, a
process takes an exclusive ``flock`` on ``<database>.sender.lock`` beside the database; a second process
fails to take it, only owes messages, and says who holds it (the holder writes its pid and role into
the file). The kernel drops the lock when the holder exits in any way, SIGKILL and power loss
included, so a crashed sender never blocks the next one. A database in memory (``:memory:``) is
private to its process and needs no lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path


class SenderLease:
    """``acquire()`` (never blocks) before sending, ``release()`` after; ``holder()`` names the other one."""

    def __init__(self, database_path: str, role: str = "nashra") -> None:
        self.role = role
        # Beside the file itself: two processes naming one database differently (a symbolic link, a
        # relative path) must find one lock.
        self.path = (
            None if database_path == ":memory:" else Path(f"{os.path.realpath(database_path)}.sender.lock")
        )
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self.path is None or self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if nobody holds it; True when this process holds it (now or already)."""
        if self.held:
            return True
        assert self.path is not None
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} ({self.role})".encode())
        self._fd = fd
        return True

    def holder(self) -> str:
        """Who holds the lock, as its holder wrote it ("pid 123 (nashra run)"); "" when unknown."""
        if self.path is None:
            return ""
        with contextlib.suppress(OSError):
            return self.path.read_text(encoding="utf-8").strip()
        return ""

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


__all__ = ["SenderLease"]
