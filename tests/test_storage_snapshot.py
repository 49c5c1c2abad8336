"""Writes never fail with SQLITE_BUSY_SNAPSHOT while another process writes and this one reads too."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

from nashra.storage import Database, StorageError

ROUNDS = 300


async def test_a_write_beside_reads_waits_for_the_lock_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "nashra.db"
    db = await Database.open(path)
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO sources (name, created_at) VALUES (?, 'x')", [(f"s{i}",) for i in range(300)]
        )
    stop = threading.Event()

    def other_process() -> None:  # `nashra ingest` writing at the same time
        outside = sqlite3.connect(path, isolation_level=None, timeout=10)
        n = 0
        while not stop.is_set():
            outside.execute("BEGIN IMMEDIATE")
            outside.execute("UPDATE sources SET created_at = ? WHERE id = 1", (str(n),))
            outside.execute("COMMIT")
            n += 1
            stop.wait(0.001)  # a moment between two writes, unless told to stop
        outside.close()

    failures: list[str] = []

    async def reads() -> None:
        for _ in range(ROUNDS):
            await db.fetchall("SELECT * FROM sources")
            await db.fetchone("SELECT * FROM sources")

    async def writes() -> None:
        for n in range(ROUNDS):
            try:
                async with db.transaction() as conn:
                    await conn.execute("UPDATE sources SET url = ? WHERE id = 2", (str(n),))
            except StorageError as exc:
                failures.append(str(exc))

    writer = threading.Thread(target=other_process)
    writer.start()
    try:
        await asyncio.gather(reads(), reads(), writes(), writes())
    finally:
        stop.set()
        writer.join()
        await db.close()
    assert failures == []
