"""Backups of a live database with SQLite's online backup API.

Copying ``nashra.db`` with ``cp`` while the bot runs can give a torn copy (pages written between the
reads, the WAL left behind). SQLite's backup API copies a consistent snapshot page by page, a few
hundred pages per step so a running bot is never locked out for long, and restarts the copy when
the source changes under it (https://www.sqlite.org/backup.html). The copy is written beside the
destination, checked with ``quick_check``, and only then renamed into place, so a backup file that
exists is a complete one.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from nashra.storage.db import StorageError, check_finding, fault, folder_not_database, read_only_file_system

# The files SQLite keeps beside a database, named after it: its write-ahead log, the log's index and
# the rollback journal. Replacing one loses or damages what the database holds.
_COMPANIONS = ("-wal", "-shm", "-journal")
# Pages copied per step (4 KiB each by default): about 4 MB between two chances for the bot to write.
PAGES_PER_STEP = 1024


@dataclass(frozen=True, slots=True)
class BackupResult:
    """What was written: the file, its size in bytes, its pages and the seconds the copy took."""

    path: Path
    size: int
    pages: int
    seconds: float


def default_destination(source: Path, now: float | None = None) -> Path:
    """``<folder>/<name>-backup-YYYYmmdd-HHMMSS<suffix>`` beside the database, in local time."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    return source.with_name(f"{source.stem}-backup-{stamp}{source.suffix or '.db'}")


def backup_database(source: Path, destination: Path, *, overwrite: bool = False) -> BackupResult:
    """Copy the database at ``source`` to ``destination`` (blocking: run it in a thread).

    Raises StorageError naming the fault: a missing source or a folder in its place, a destination
    that is the database or one of its -wal, -shm and -journal files, an existing destination
    (unless ``overwrite``; never one with a -wal or -journal beside it, which SQLite would replay
    onto the copy), a missing destination folder, a damaged source (the copy fails its check, and is
    removed), or whatever keeps either file from being read or written.
    """
    if source.is_dir():
        raise folder_not_database(source)
    if not source.is_file():
        raise StorageError(f"database {source} does not exist", "missing")
    if destination.is_dir():
        destination = destination / default_destination(source).name
    itself = source.resolve()
    if destination.resolve() == itself:
        raise StorageError(f"{destination} is the database itself: choose another name")
    if destination.resolve() in {Path(f"{itself}{suffix}") for suffix in _COMPANIONS}:
        raise StorageError(
            f"{destination} is a file of the database itself (SQLite keeps what was last written there): "
            "choose another name"
        )
    if destination.exists() and not overwrite:
        raise StorageError(f"{destination} already exists: choose another name, or add --force")
    if not destination.parent.is_dir():
        raise StorageError(f"cannot write {destination}: folder {destination.parent} does not exist")
    for suffix in ("-wal", "-journal"):
        companion = destination.with_name(destination.name + suffix)
        if destination.exists() and companion.exists():
            # SQLite would replay that journal onto the copy: a damaged backup, and the other lost.
            raise StorageError(
                f"{destination} is in use or was not closed cleanly ({companion.name} lies beside it): "
                "stop what uses it, or choose another name"
            )
    # A fresh file, never one that happens to have the name: it is written through, and removed on failure.
    try:
        handle, name = tempfile.mkstemp(
            prefix=f"{destination.name}.", suffix=".partial", dir=destination.parent
        )
    except OSError as exc:
        raise StorageError(f"cannot write {destination}: {exc.strerror or exc}") from exc
    os.close(handle)
    partial = Path(name)
    started = time.monotonic()
    try:
        pages = _copy(source, partial)
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(destination, destination.stat().st_size, pages, time.monotonic() - started)


def _open_source(source: Path) -> sqlite3.Connection:
    """A read-only connection to ``source``, its schema read, so a fault here is the source's.

    SQLite reads a WAL database through its -shm file, which it cannot create in a folder it may not
    write (a snapshot mounted read-only, a backup job run by a user who may only read). When no -wal
    lies beside the database either, nothing there can change it while it is copied, and it is opened
    as immutable, which needs no -shm.
    """
    uri = f"file:{quote(str(source.resolve()))}?mode=ro"
    reader: sqlite3.Connection | None = None
    try:
        reader = sqlite3.connect(uri, uri=True)
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return reader
    except sqlite3.DatabaseError as exc:
        if reader is not None:
            reader.close()
        wal = source.with_name(source.name + "-wal")
        if not str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_CANTOPEN") or wal.exists():
            raise fault(str(source), exc, "read") from exc
        if os.access(source.parent, os.W_OK) and not read_only_file_system(source.parent):
            raise fault(str(source), exc, "read") from exc
    try:
        reader = sqlite3.connect(f"{uri}&immutable=1", uri=True)
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise fault(str(source), exc, "read") from exc
    return reader


def _copy(source: Path, target: Path) -> int:
    reader = _open_source(source)
    try:
        writer = sqlite3.connect(target)
    except sqlite3.DatabaseError as exc:
        reader.close()
        raise fault(str(target), exc, "write to") from exc
    try:
        try:
            reader.execute("PRAGMA busy_timeout = 10000")
            reader.backup(writer, pages=PAGES_PER_STEP)
        except sqlite3.DatabaseError as exc:
            name = str(getattr(exc, "sqlite_errorname", ""))
            blamed = source if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) else target
            raise fault(str(blamed), exc, "back up") from exc
        verdict = writer.execute("PRAGMA quick_check(1)").fetchone()[0]
        if verdict != "ok":
            raise StorageError(
                f"database {source} is damaged: restore a backup (its copy fails SQLite's check: "
                f"{check_finding(verdict)})",
                "damaged",
            )
        pages = int(writer.execute("PRAGMA page_count").fetchone()[0])
        writer.commit()
    finally:
        writer.close()
        reader.close()
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
    return pages
