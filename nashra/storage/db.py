"""The SQLite database: one aiosqlite connection, WAL, foreign keys, versioned migrations.

Every SQL statement of Nashra lives in this package. Writers go through :meth:`Database.transaction`,
which serializes them on the event loop, so two coroutines never share a half-done transaction and an
interrupted write leaves the database as it was before it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from nashra.storage.hashes import hashes_outdated, rehash_stored

log = logging.getLogger(__name__)

# How long a statement waits for another connection's lock (milliseconds), on both connections.
_BUSY_TIMEOUT = "PRAGMA busy_timeout = 10000"
_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
    _BUSY_TIMEOUT,
    "PRAGMA temp_store = MEMORY",
)
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class StorageError(Exception):
    """The database cannot be opened, read or written; the message names the fault in one line.

    ``kind`` says which fault, for callers that advise what to do (the doctor): "damaged",
    "not_a_database", "disk_full", "size_limit", "read_only_file", "read_only_folder",
    "read_only_file_system", "locked", "missing_folder", "is_a_folder", "schema", "replaced" (the file
    was deleted or another put in its place while Nashra had it open) or "other".
    """

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind


def utcnow() -> str:
    """Timestamps are stored as ISO 8601 UTC text, which sorts chronologically."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_db_instant(moment: datetime) -> str:
    """``moment`` as a database instant: ISO 8601 UTC text to the microsecond (always six digits).

    Digest windows are bounded by such instants and articles stamped with them
    (:func:`nashra.storage.digests.settled_instant`). They sort with second-precision stamps
    (:func:`to_db_time`) as their times do, the whole second first ("…:05+00:00" < "…:05.000001+00:00"
    < "…:06+00:00": "+" sorts before "." and before every digit)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def now_instant() -> str:
    """The current time as a database instant (:func:`to_db_instant`)."""
    return to_db_instant(datetime.now(UTC))


def to_db_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_db_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


async def _connect(target: str, *, uri: bool = False, path: str | None = None) -> aiosqlite.Connection:
    """An aiosqlite connection to ``target`` (a ``file:`` URI with ``uri``, the database at ``path``);
    StorageError (one line, naming ``path``, never the URI) when SQLite cannot open it.

    aiosqlite runs the connection on a thread of its own. When connecting fails, or is interrupted
    (Ctrl-C at start), that thread still has to hand its last result to the event loop; were the loop
    closed first, the thread would print "Event loop is closed" tracebacks after Nashra's one-line
    message. So the thread is waited for (it is only closing the connection) before the error goes on.
    """
    connection = aiosqlite.connect(target, isolation_level=None, uri=uri)
    try:
        return await connection
    except sqlite3.DatabaseError as exc:
        await asyncio.to_thread(_join_worker, connection)
        raise fault(path or target, exc, "open") from exc
    except BaseException:
        # Cancelled (Ctrl-C): no more awaiting here; the worker has one short step left.
        _join_worker(connection)
        raise


def _join_worker(connection: aiosqlite.Connection) -> None:
    """Wait (a second at most) for the worker thread of a connection that failed to open to stop."""
    thread = getattr(connection, "_thread", None)
    if thread is not None and thread.is_alive():
        thread.join(_WORKER_JOIN_S)


_WORKER_JOIN_S = 1.0


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped in the package, in order."""
    found = []
    for entry in resources.files("nashra.storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [version for version, _, _ in found]
    if len(set(versions)) != len(versions):
        raise StorageError(f"two migrations share a version number: {[name for _, name, _ in found]}")
    return found


def folder_not_database(path: str | Path) -> StorageError:
    """The refusal of a database path that is a folder (``--db data/`` for ``--db data/nashra.db``),
    alike wherever a database is opened or copied."""
    return StorageError(
        f"database path {path} is a folder, not a file: point database.path (or --db) at a file, "
        f"such as {Path(path) / 'nashra.db'}",
        "is_a_folder",
    )


class Database:
    """An open Nashra database. Use :meth:`open`; close with :meth:`close` or ``async with``."""

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._write_lock = asyncio.Lock()
        # A second, read-only connection for reads of committed rows only (see fetchall_committed),
        # to the file this one opened whatever the working folder is later.
        self._resolved = None if path == ":memory:" else Path(path).resolve()
        self._snapshot_uri = None if self._resolved is None else f"{self._resolved.as_uri()}?mode=ro"
        # The file this connection has open (device, inode), read just after it opened it: the second
        # connection must read that one, not a file put in its place later.
        self._file = None if self._resolved is None else _file_identity(self._resolved)
        self._snapshot: aiosqlite.Connection | None = None
        self._snapshot_opening = asyncio.Lock()
        self._closed = False
        # Whether the file is in WAL mode (read at open): only then does a second connection read the
        # last commit without waiting for this one's writes.
        self._wal = False

    @classmethod
    async def open(cls, path: str | Path, *, migrate: bool = True) -> Database:
        """Open (creating if needed) the database at ``path``, check it and bring its schema up to date;
        with ``migrate=False``, open it to inspect it, leaving its schema and journal mode as they are.

        Raises StorageError with one line naming the fault: a missing folder, a damaged file (SQLite's
        ``quick_check`` runs at every open, so a damaged page is found before anything reads or writes
        around it), a file of another kind, a folder where the file should be, a read-only file or
        folder, a full disk.
        """
        target = str(path)
        if target != ":memory:":
            parent = Path(target).expanduser().resolve().parent
            if not parent.is_dir():
                raise StorageError(
                    f"cannot open database {target}: folder {parent} does not exist", "missing_folder"
                )
            if Path(target).expanduser().is_dir():
                raise folder_not_database(target)
            target = str(Path(target).expanduser())
        conn = await _connect(target)
        db = cls(conn, target)
        try:
            conn.row_factory = aiosqlite.Row
            for pragma in _PRAGMAS:
                # Opened for inspection only (``migrate=False``, the doctor), the file keeps its journal
                # mode: switching another program's database to WAL would change it.
                if migrate or "journal_mode" not in pragma:
                    await conn.execute(pragma)
            (mode,) = next(iter(await conn.execute_fetchall("PRAGMA journal_mode")))
            db._wal = str(mode).lower() == "wal"
            if migrate and not db._wal and target != ":memory:":
                log.warning(
                    "database %s could not switch to WAL (journal mode %s): readers wait for writers; "
                    "keep it on a local file system",
                    target,
                    mode,
                )
            if migrate:
                await db._quick_check()
                await db.migrate()
                await db._rehash()
        except sqlite3.DatabaseError as exc:
            await conn.close()
            raise fault(target, exc, "open") from exc
        except BaseException:
            await conn.close()
            raise
        return db

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close both connections; a read-only one still opening is closed once open (never left with
        its thread running), and none is opened afterwards."""
        self._closed = True
        try:
            async with self._snapshot_opening:
                snapshot, self._snapshot = self._snapshot, None
                if snapshot is not None:
                    await snapshot.close()
        finally:
            await self._conn.close()

    @property
    def conn(self) -> aiosqlite.Connection:
        return self._conn

    async def applied_migrations(self) -> set[int]:
        await self._conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        return {int(row[0]) for row in await self.fetchall("SELECT version FROM schema_migrations")}

    async def schema_version(self) -> int:
        return max(await self.applied_migrations(), default=0)

    async def table_names(self) -> set[str]:
        """The tables in the file, read without creating or changing anything (``nashra doctor``)."""
        return {row[0] for row in await self.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")}

    async def recorded_version(self) -> int:
        """The highest migration recorded in the file, 0 when none is; read only, unlike
        :meth:`schema_version`, which creates the migrations table of an empty file."""
        if "schema_migrations" not in await self.table_names():
            return 0
        row = await self.fetchone("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        return int(row[0]) if row else 0

    async def migrate(self) -> list[str]:
        """Apply every shipped migration the database has not seen yet, in order, each in its own
        transaction. Applied versions are tracked one by one, so a migration numbered below one already
        applied (two lines of work merged) is still applied; each is looked for again under the write
        lock, so processes opening the database together apply it once."""
        try:
            done = await self.applied_migrations()
        except sqlite3.DatabaseError as exc:
            raise fault(self.path, exc, "open") from exc
        known = migrations()
        unknown = done - {version for version, _, _ in known}
        if unknown:
            raise StorageError(
                f"{self.path} has schema migration {max(unknown)}, which this Nashra does not know: "
                "upgrade Nashra instead of using an older one",
                "schema",
            )
        applied = []
        latest = 0
        for version, name, sql in known:
            if version in done:
                continue
            async with self.transaction() as conn:
                # Another process (``nashra run`` and an ingest started together) may have applied it
                # between the read above and this write lock.
                async with conn.execute(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", (version,)
                ) as cursor:
                    if await cursor.fetchone() is not None:
                        continue
                for statement in _split_sql(sql):
                    await conn.execute(statement)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, utcnow()),
                )
            log.debug("applied database migration %s", name)
            applied.append(name)
            latest = version
        # One line, not one per migration: a new database's first command would open with a dozen.
        if applied and not done:
            log.info("created database %s (schema version %d)", self.path, latest)
        elif applied:
            log.info("upgraded database %s: applied %s", self.path, ", ".join(applied))
        return applied

    async def _rehash(self) -> None:
        """Key stored texts by this Nashra's hash rules when an older one keyed them
        (nashra.storage.hashes); a read, not a write lock, when they are up to date."""
        if await hashes_outdated(self.conn):
            async with self.transaction() as conn:
                await rehash_stored(conn)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction (BEGIN IMMEDIATE … COMMIT), rolled back on any exception."""
        async with self._transaction("BEGIN IMMEDIATE") as conn:
            yield conn

    @asynccontextmanager
    async def temporary(self) -> AsyncIterator[aiosqlite.Connection]:
        """A transaction that writes only this connection's temporary tables (BEGIN … COMMIT), rolled
        back on any exception. It takes no lock on the database file, so another program's writer
        never blocks it (cleaning up after a cycle that failed on that lock included); like
        :meth:`transaction`, it never joins another coroutine's open transaction."""
        async with self._transaction("BEGIN") as conn:
            yield conn

    @asynccontextmanager
    async def _transaction(self, begin: str) -> AsyncIterator[aiosqlite.Connection]:
        async with self._write_lock:
            try:
                await self._conn.execute(begin)
            except sqlite3.DatabaseError as exc:
                if _is_environment_error(exc):
                    raise fault(self.path, exc, "write to") from exc
                raise
            except BaseException:
                # Cancelled while BEGIN waits on the connection's thread (for another program's lock,
                # up to the busy timeout): it still runs there, and would leave the connection inside a
                # transaction nobody ends, refusing every later BEGIN and holding the file's write lock.
                # The ROLLBACK runs after it on that thread; with no transaction open it is refused.
                with contextlib.suppress(sqlite3.DatabaseError):
                    await self._conn.execute("ROLLBACK")
                raise
            try:
                yield self._conn
                await self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    try:
                        await self._conn.execute("ROLLBACK")
                    except sqlite3.DatabaseError:
                        log.debug("rollback failed after %s", exc)
                if isinstance(exc, sqlite3.DatabaseError) and _is_environment_error(exc):
                    raise fault(self.path, exc, "write to") from exc
                raise

    # Reads run whole in one call on the connection's thread: a statement is never left open between two
    # awaits, where another coroutine's BEGIN IMMEDIATE would find the connection holding an old
    # snapshot and fail at once with SQLITE_BUSY_SNAPSHOT instead of waiting for the lock.

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        return next(iter(await self.fetchall(sql, params)), None)

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        try:
            return list(await self._conn.execute_fetchall(sql, tuple(params)))
        except sqlite3.DatabaseError as exc:
            raise self._read_fault(exc) from exc

    async def fetchall_committed(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        """``fetchall`` of committed rows only, without waiting for a transaction open on this
        connection: read on a second, read-only connection to the file (opened at the first call),
        which in WAL mode sees the last commit while this one writes. On the one connection, a read
        made during a transaction sees its changes, which it may still roll back (the outbox rows of a
        digest chunk, say, whose ids are then given out again). A database in memory has no second
        connection, and one not in WAL mode would make it wait for this one's writes at the file's
        lock: there the read waits for the open transaction to end instead."""
        if self._snapshot_uri is None or not self._wal:
            return await self.fetchall_after_writes(sql, params)
        try:
            snapshot = await self._snapshot_connection(self._snapshot_uri)
            return list(await snapshot.execute_fetchall(sql, tuple(params)))
        except sqlite3.DatabaseError as exc:
            raise self._read_fault(exc) from exc

    async def _snapshot_connection(self, uri: str) -> aiosqlite.Connection:
        """The read-only connection, opened at the first call. ValueError once :meth:`close` was
        called (like a read on the closed connection); StorageError naming the path when the file is
        gone or another was put in its place since this connection opened it (a backup moved over it
        while the bot runs): the sender would read one file's rows and record their outcomes in the
        other."""
        async with self._snapshot_opening:
            if self._closed:
                raise ValueError(f"database {self.path} is closed")
            if self._snapshot is None:
                self._same_file()
                conn = await _connect(uri, uri=True, path=self.path)
                try:
                    self._same_file()  # not replaced while opening either
                    conn.row_factory = aiosqlite.Row
                    await conn.execute(_BUSY_TIMEOUT)
                    if self._closed:  # closed meanwhile, when close could not wait for this open
                        raise ValueError(f"database {self.path} is closed")
                except BaseException:
                    await conn.close()
                    raise
                self._snapshot = conn
            return self._snapshot

    def _same_file(self) -> None:
        if (
            self._resolved is not None
            and self._file is not None
            and _file_identity(self._resolved) != self._file
        ):
            raise StorageError(
                f"database {self.path} was deleted or replaced while Nashra had it open: restart Nashra "
                "(stop it before moving a backup into place)",
                "replaced",
            )

    async def fetchall_after_writes(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        """``fetchall`` of committed rows only, waiting for a transaction open on this connection to
        end (where :meth:`fetchall_committed` reads the last commit at once): for a reading that must not see
        half of a write, such as counts a transaction moves from one table to another."""
        async with self._write_lock:
            return await self.fetchall(sql, params)

    def _read_fault(self, exc: sqlite3.DatabaseError) -> Exception:
        """A read refused by the file (damage, a lock held too long) as a StorageError; Nashra's own SQL
        mistakes stay what they are."""
        if _is_environment_error(exc):
            return fault(self.path, exc, "read")
        return exc

    async def require_writable(self) -> None:
        """Raise StorageError unless a write can succeed now: the file, its folder and its disk.

        A long-running process (``nashra run``) checks this at start rather than failing job after job:
        SQLite opens a read-only file for reading without complaint. The probe writes in a transaction
        that is rolled back, so nothing changes.
        """
        if self.path == ":memory:":
            return
        async with self._write_lock:
            try:
                await self._conn.execute("BEGIN IMMEDIATE")
                try:
                    await self._conn.execute("CREATE TABLE nashra_write_probe (x)")
                finally:
                    await self._conn.execute("ROLLBACK")
            except sqlite3.DatabaseError as exc:
                raise fault(self.path, exc, "write to") from exc
        free = _free_bytes(self.path)
        if free is not None and free < MIN_FREE_BYTES:
            raise _disk_full(self.path, free)

    async def _quick_check(self) -> None:
        if self.path == ":memory:":
            return
        row = await self.fetchone("PRAGMA quick_check(1)")
        verdict = str(row[0]) if row else "no answer"
        if verdict != "ok":
            raise StorageError(
                f"database {self.path} is damaged: restore a backup (SQLite: {check_finding(verdict)})",
                "damaged",
            )

    async def integrity_check(self) -> str:
        row = await self.fetchone("PRAGMA integrity_check")
        return str(row[0]) if row else "no answer"


# Errors of the database's surroundings (a read-only file or folder, a full disk, a lock held too long,
# a damaged file), not of Nashra's SQL: they are reported in one line, not as a traceback.
_ENVIRONMENT_ERRORS = (
    "SQLITE_READONLY",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_CANTOPEN",
    "SQLITE_CORRUPT",
    "SQLITE_NOTADB",
)
# Below this much free space a write of Nashra's (an ingest, an outbox fan-out) cannot be trusted to
# fit, and SQLite reports the full disk as a mere "disk I/O error" when it cannot grow the -shm file.
MIN_FREE_BYTES = 1 << 20


# Python's sqlite3 reports a stored text that is not UTF-8 (Nashra writes only UTF-8, so the bytes were
# damaged where SQLite's page checks cannot see: inside a record) with this message and no error name.
_NOT_UTF8 = re.compile(r"^Could not decode to UTF-8 column '([^']*)'")


def _is_environment_error(exc: sqlite3.DatabaseError) -> bool:
    name = str(getattr(exc, "sqlite_errorname", ""))
    return name.startswith(_ENVIRONMENT_ERRORS) or _NOT_UTF8.match(str(exc)) is not None


def fault(path: str, exc: sqlite3.DatabaseError, action: str) -> StorageError:
    """The StorageError whose one line names what keeps SQLite from using the database at ``path``.

    ``action`` is what was tried ("open", "read", "write to"). SQLite's error names say part of it
    (SQLITE_CORRUPT, SQLITE_READONLY_DIRECTORY, SQLITE_FULL); the file system says the rest, because
    SQLite reports a read-only folder as "unable to open database file" and a full disk, when the
    shared-memory file cannot grow, as "disk I/O error".
    """
    name = str(getattr(exc, "sqlite_errorname", ""))
    file = Path(path)
    folder = file.parent
    not_utf8 = _NOT_UTF8.match(str(exc))
    if not_utf8 is not None:  # the message goes on with the damaged bytes: not worth showing
        return StorageError(
            f"database {path} is damaged: restore a backup (a stored text of column {not_utf8.group(1)} "
            "is not UTF-8)",
            "damaged",
        )
    if name.startswith("SQLITE_CORRUPT"):
        return StorageError(f"database {path} is damaged: restore a backup (SQLite: {exc})", "damaged")
    if name.startswith("SQLITE_NOTADB"):
        return StorageError(
            f"{path} is not an SQLite database, or its first page is damaged: point database.path at a "
            "Nashra database, or restore a backup",
            "not_a_database",
        )
    free = _free_bytes(path)
    if name.startswith("SQLITE_FULL") or (
        name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) and free is not None and free < MIN_FREE_BYTES
    ):
        if free is not None and free < MIN_FREE_BYTES:
            return _disk_full(path, free)
        return StorageError(f"database {path} reached its size limit (SQLite: {exc})", "size_limit")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR")):
        if read_only_file_system(folder):
            return StorageError(
                f"database {path} is on a read-only file system: move it to a writable one",
                "read_only_file_system",
            )
        if name == "SQLITE_READONLY_DIRECTORY" or not os.access(folder, os.W_OK):
            return StorageError(
                f"folder {folder} of database {path} is read-only: SQLite needs to create {file.name}-wal "
                f"and {file.name}-shm beside the database; give the user running Nashra write access to it",
                "read_only_folder",
            )
        if file.exists() and not os.access(file, os.W_OK):
            return StorageError(
                f"database {path} is a read-only file: give the user running Nashra write access to it",
                "read_only_file",
            )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError(
            f"database {path} is locked by another program (SQLite: {exc}); is another Nashra running?",
            "locked",
        )
    return StorageError(f"cannot {action} database {path}: {exc}")


def check_finding(verdict: str) -> str:
    """SQLite's integrity-check report in one line ("Page 21: btreeInitPage() returns error code 11")."""
    lines = [line.strip() for line in verdict.splitlines() if line.strip() and not line.startswith("***")]
    return "; ".join(lines) or verdict.strip()


def _file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path`` (through symbolic links), None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _free_bytes(path: str) -> int | None:
    if path == ":memory:":
        return None
    try:
        return shutil.disk_usage(Path(path).parent).free
    except OSError:
        return None


def _disk_full(path: str, free: int) -> StorageError:
    return StorageError(
        f"disk full: no space left for database {path} ({free // 1024} KiB free on its file system)",
        "disk_full",
    )


def read_only_file_system(folder: Path) -> bool:
    """Whether ``folder`` lies on a file system mounted read-only (False when that cannot be told)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (sqlite3.complete_statement knows about strings)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise StorageError(f"migration ends with an incomplete statement: {buffer.strip()[:80]}")
    return statements
