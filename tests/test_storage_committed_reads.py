"""Reads of committed rows only (the sender's): answered at once while a write is open, never with it."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from pathlib import Path

import pytest

from nashra.storage import Database, StorageError


async def _sources(db: Database) -> list[str]:
    return [row[0] for row in await db.fetchall_committed("SELECT name FROM sources ORDER BY name")]


async def test_a_committed_read_during_a_write_sees_the_last_commit_and_does_not_wait(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "nashra.db")
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO sources (name, created_at) VALUES ('عنب بلدي', 'x')")
    writing, read = asyncio.Event(), asyncio.Event()

    async def write() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO sources (name, created_at) VALUES ('سانا', 'x')")
            writing.set()
            await read.wait()  # the write stays open until the read has answered

    writer = asyncio.create_task(write())
    await writing.wait()
    seen = await asyncio.wait_for(_sources(db), 5)
    read.set()
    await writer
    assert seen == ["عنب بلدي"]
    assert await _sources(db) == ["سانا", "عنب بلدي"]
    await db.close()


async def test_a_committed_read_never_sees_a_write_that_is_rolled_back(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "nashra.db")
    seen: list[list[str]] = []

    async def write_then_fail() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO sources (name, created_at) VALUES ('سانا', 'x')")
            seen.append(await _sources(db))
            raise RuntimeError("stopped before the commit")

    with pytest.raises(RuntimeError):
        await write_then_fail()
    assert seen == [[]]
    assert await _sources(db) == []
    await db.close()


async def test_a_committed_read_reads_the_file_opened_even_after_the_working_folder_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = await Database.open("nashra.db")  # a relative path, as `--db nashra.db` gives it
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO sources (name, created_at) VALUES ('عنب بلدي', 'x')")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert await _sources(db) == ["عنب بلدي"]
    await db.close()


def _worker_threads() -> set[threading.Thread]:
    """The threads aiosqlite runs connections on."""
    return {t for t in threading.enumerate() if "_connection_worker_thread" in t.name}


async def _until_gone(threads: set[threading.Thread]) -> set[threading.Thread]:
    for _ in range(100):
        if not any(t.is_alive() for t in threads):
            break
        await asyncio.sleep(0.01)
    return {t for t in threads if t.is_alive()}


async def test_a_committed_read_of_a_database_deleted_under_a_running_bot_names_its_path(
    tmp_path: Path,
) -> None:
    path = tmp_path / "نشرة #1.db"
    db = await Database.open(path)
    path.unlink()  # the bot's own connection still has the file open
    with pytest.raises(StorageError) as raised:
        await _sources(db)
    await db.close()
    said = str(raised.value)
    assert str(path) in said
    assert "file:" not in said
    assert "deleted or replaced" in said


async def test_a_committed_read_never_reads_another_file_put_in_place_of_the_database(tmp_path: Path) -> None:
    path = tmp_path / "nashra.db"
    db = await Database.open(path)
    other = await Database.open(tmp_path / "backup.db")
    async with other.transaction() as conn:
        await conn.execute("INSERT INTO sources (name, created_at) VALUES ('سانا', 'x')")
    await other.close()
    (tmp_path / "backup.db").replace(path)  # a backup moved into place while the bot runs
    with pytest.raises(StorageError) as raised:
        await _sources(db)  # the bot writes to the file it opened: it must not read another
    await db.close()
    assert str(path) in str(raised.value)
    assert raised.value.kind == "replaced"


async def test_a_database_closed_while_its_committed_read_connection_opens_keeps_no_thread(
    tmp_path: Path,
) -> None:
    before = _worker_threads()
    db = await Database.open(tmp_path / "nashra.db")
    reading = asyncio.create_task(_sources(db))
    await asyncio.sleep(0)  # the read-only connection is being opened
    await db.close()
    with contextlib.suppress(ValueError):
        await reading
    assert await _until_gone(_worker_threads() - before) == set()


async def test_a_committed_read_after_close_opens_no_connection(tmp_path: Path) -> None:
    before = _worker_threads()
    db = await Database.open(tmp_path / "nashra.db")
    await db.close()
    with pytest.raises(ValueError):
        await _sources(db)
    assert await _until_gone(_worker_threads() - before) == set()


async def test_a_database_not_in_wal_mode_serves_committed_reads_on_its_one_connection(
    tmp_path: Path,
) -> None:
    path = tmp_path / "nashra.db"
    db = await Database.open(path)
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO sources (name, created_at) VALUES ('عنب بلدي', 'x')")
    await db.close()
    with sqlite3.connect(path) as other:  # an old file, or one inspected by another program
        other.execute("PRAGMA journal_mode = DELETE")
    inspected = await Database.open(path, migrate=False)
    before = _worker_threads()
    assert await _sources(inspected) == ["عنب بلدي"]
    assert _worker_threads() - before == set()
    await inspected.close()
