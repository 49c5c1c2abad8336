"""Reads of committed rows only (the sender's): answered at once while a write is open, never with it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from nashra.storage import Database


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
