"""The SQLite database: one aiosqlite connection, WAL, foreign keys, versioned migrations.

Every SQL statement of Nashra lives in this package. Writers go through :meth:`Database.transaction`,
which serializes them on the event loop, so two coroutines never share a half-done transaction and an
interrupted write leaves the database as it was before it.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA temp_store = MEMORY",
)
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class StorageError(Exception):
    """The database cannot be opened or migrated; the message says why."""


def utcnow() -> str:
    """Timestamps are stored as ISO 8601 UTC text, which sorts chronologically."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_db_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_db_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


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


class Database:
    """An open Nashra database. Use :meth:`open`; close with :meth:`close` or ``async with``."""

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, *, migrate: bool = True) -> Database:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date; with
        ``migrate=False``, open it to inspect it, leaving its schema and journal mode as they are."""
        target = str(path)
        if target != ":memory:":
            parent = Path(target).expanduser().resolve().parent
            if not parent.is_dir():
                raise StorageError(f"cannot open database {target}: folder {parent} does not exist")
            target = str(Path(target).expanduser())
        try:
            conn = await aiosqlite.connect(target, isolation_level=None)
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot open database {target}: {exc}") from exc
        try:
            conn.row_factory = aiosqlite.Row
            for pragma in _PRAGMAS:
                # Opened for inspection only (``migrate=False``, the doctor), the file keeps its journal
                # mode: switching another program's database to WAL would change it.
                if migrate or "journal_mode" not in pragma:
                    await conn.execute(pragma)
        except sqlite3.DatabaseError as exc:
            await conn.close()
            raise StorageError(f"{target} is not a usable SQLite database: {exc}") from exc
        db = cls(conn, target)
        if migrate:
            try:
                await db.migrate()
            except BaseException:
                await conn.close()
                raise
        return db

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
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

    async def migrate(self) -> list[str]:
        """Apply every shipped migration the database has not seen yet, in order, each in its own
        transaction. Applied versions are tracked one by one, so a migration numbered below one already
        applied (two lines of work merged) is still applied."""
        try:
            done = await self.applied_migrations()
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{self.path} is not a usable SQLite database: {exc}") from exc
        known = migrations()
        unknown = done - {version for version, _, _ in known}
        if unknown:
            raise StorageError(
                f"{self.path} has schema migration {max(unknown)}, which this Nashra does not know: "
                "upgrade Nashra instead of using an older one"
            )
        applied = []
        for version, name, sql in known:
            if version in done:
                continue
            async with self.transaction() as conn:
                for statement in _split_sql(sql):
                    await conn.execute(statement)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, utcnow()),
                )
            log.info("applied database migration %s", name)
            applied.append(name)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction (BEGIN IMMEDIATE … COMMIT), rolled back on any exception."""
        async with self._write_lock:
            try:
                await self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as exc:
                if _is_environment_error(exc):
                    raise self._write_error(exc) from exc
                raise
            try:
                yield self._conn
                await self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    await self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.DatabaseError) and _is_environment_error(exc):
                    raise self._write_error(exc) from exc
                raise

    def _write_error(self, exc: sqlite3.DatabaseError) -> StorageError:
        """A write refused by the file system or another process, as the one-line error users can act on."""
        return StorageError(f"cannot write to database {self.path}: {exc}")

    # Reads run whole in one call on the connection's thread: a statement is never left open between two
    # awaits, where another coroutine's BEGIN IMMEDIATE would find the connection holding an old
    # snapshot and fail at once with SQLITE_BUSY_SNAPSHOT instead of waiting for the lock.

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        rows = await self._conn.execute_fetchall(sql, tuple(params))
        return next(iter(rows), None)

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        return list(await self._conn.execute_fetchall(sql, tuple(params)))

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


def _is_environment_error(exc: sqlite3.DatabaseError) -> bool:
    return str(getattr(exc, "sqlite_errorname", "")).startswith(_ENVIRONMENT_ERRORS)


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
