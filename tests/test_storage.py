"""The database opens with WAL and foreign keys, migrates once, and refuses what it cannot use."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from nashra.storage import Database, StorageError
from nashra.storage import db as db_module
from nashra.storage.db import migrations


async def test_new_database_uses_wal_and_foreign_keys(db: Database) -> None:
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"
    assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1


async def test_migrations_are_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    async with await Database.open(path) as first:
        version = await first.schema_version()
    async with await Database.open(path) as second:
        assert await second.migrate() == []
        assert await second.schema_version() == version == migrations()[-1][0]


async def test_failed_transaction_leaves_no_trace(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO sources (name, created_at) VALUES ('x', 'now')")
            raise RuntimeError("interrupted")
    assert (await db.fetchone("SELECT COUNT(*) FROM sources"))[0] == 0


async def test_a_transaction_cancelled_while_it_begins_leaves_the_connection_free(db: Database) -> None:
    # BEGIN still runs on the connection's thread after its task is cancelled (a prune or a handler
    # stopped at shutdown, a timeout): the next transaction must not find one open.
    async def write() -> None:
        async with db.transaction() as conn:
            await conn.execute("CREATE TABLE never (x)")

    task = asyncio.create_task(write())
    await asyncio.sleep(0)  # the task now waits for its BEGIN IMMEDIATE
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with db.transaction() as conn:
        await conn.execute("CREATE TABLE later (x)")
    assert not db.conn.in_transaction
    names = await db.fetchall("SELECT name FROM sqlite_master WHERE name IN ('never', 'later')")
    assert [row["name"] for row in names] == ["later"]


async def test_a_write_the_database_refuses_is_a_storage_error_naming_it(db: Database) -> None:
    await db.conn.execute("PRAGMA query_only = ON")  # what SQLite does with a read-only file or folder
    with pytest.raises(
        StorageError, match=re.escape(f"cannot write to database {db.path}: attempt to write a readonly")
    ):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO sources (name, created_at) VALUES ('x', 'now')")
    await db.conn.execute("PRAGMA query_only = OFF")
    assert (await db.fetchone("SELECT COUNT(*) FROM sources"))[0] == 0


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="not"):
        await Database.open(path)


async def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        await Database.open(tmp_path / "missing" / "n.db")


async def test_a_migration_numbered_below_an_applied_one_is_still_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = (1, "0001_a.sql", "CREATE TABLE a (x INTEGER);")
    second = (2, "0002_b.sql", "CREATE TABLE b (x INTEGER);")
    third = (3, "0003_c.sql", "CREATE TABLE c (x INTEGER);")
    monkeypatch.setattr(db_module, "migrations", lambda: [first, third])
    async with await Database.open(tmp_path / "n.db"):
        pass
    monkeypatch.setattr(db_module, "migrations", lambda: [first, second, third])
    async with await Database.open(tmp_path / "n.db") as db:
        assert await db.fetchone("SELECT COUNT(*) FROM b") is not None
        assert await db.applied_migrations() == {1, 2, 3}


async def test_a_database_from_a_newer_nashra_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    async with await Database.open(path) as db, db.transaction() as conn:
        await conn.execute("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'now')")
    with pytest.raises(StorageError, match="does not know"):
        await Database.open(path)


async def test_a_migration_another_process_applied_meanwhile_is_not_applied_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes opening a database that needs migrating (``nashra run`` and an ingest from cron
    after an upgrade) both see the migration missing; the second to get the write lock must find it
    applied rather than fail on "table … already exists"."""
    path = tmp_path / "n.db"
    late = await Database.open(path, migrate=False)
    seen_before = await late.applied_migrations()  # read before the other process migrated
    early = await Database.open(path)
    try:
        monkeypatch.setattr(late, "applied_migrations", lambda: _returns(seen_before))
        assert await late.migrate() == []
    finally:
        await early.close()
        await late.close()


async def _returns(value: set[int]) -> set[int]:
    return value
