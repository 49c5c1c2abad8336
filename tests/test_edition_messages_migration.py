"""Migration 0300 moves each edition's messages into its own row: nothing owed by reference is lost.

A database from before it holds its editions' messages a row each (``digest_edition_parts``); the
subscribers owed those editions must get, once migrated, the outbox rows they would have got before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from digest_seed import add_subscribers

from nashra.storage import Database
from nashra.storage import db as db_module
from nashra.storage.db import migrations
from tests.owed_rows import write_owed

ROW = "chat_id, kind, slot, part, text, fragments, link_preview, state"


async def _owe_old_edition(
    db: Database, edition: int, chat: int, parts: list[tuple[str, str | None]]
) -> None:
    """An edition stored as migration 0250 stored it (a row per message), owed to ``chat``."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO digest_editions (id, slot, created_at, parts, empty) "
            "VALUES (?, 'digest:old', '2026-12-01T08:00:00+00:00', ?, 0)",
            (edition, len(parts)),
        )
        # Stored out of order: the part number, not the insertion, orders the messages.
        for part, (text, fragments) in reversed(list(enumerate(parts))):
            await conn.execute(
                "INSERT INTO digest_edition_parts (edition, part, text, fragments) VALUES (?, ?, ?, ?)",
                (edition, part, text, fragments),
            )
        await conn.execute("UPDATE subscribers SET owed_edition = ? WHERE chat_id = ?", (edition, chat))


async def test_editions_owed_before_the_migration_are_written_as_they_were_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    monkeypatch.setattr(db_module, "migrations", lambda: [m for m in shipped if m[0] < 300])
    async with await Database.open(path) as old:
        await add_subscribers(old, [(1, ["SY"]), (2, ["SY"]), (3, ["SY"])])
        await _owe_old_edition(old, 7, 1, [("", "1 2 3"), ("", "1 4"), ("", "1 5 6")])
        await _owe_old_edition(old, 8, 2, [("لا جديد في مناطقك", None)])
        await _owe_old_edition(old, 9, 3, [("", "10")])
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        stored = await db.fetchall("SELECT id, parts, text, fragments FROM digest_editions ORDER BY id")
        assert [tuple(row) for row in stored] == [
            (7, 3, None, "1 2 3,1 4,1 5 6"),
            (8, 1, "لا جديد في مناطقك", None),
            (9, 1, None, "10"),
        ]
        await write_owed(db)
        rows = await db.fetchall(f"SELECT {ROW} FROM outbox ORDER BY chat_id, part")
    assert [tuple(row) for row in rows] == [
        (1, "digest", "digest:old", 0, "", "1 2 3", 0, "pending"),
        (1, "digest", "digest:old", 1, "", "1 4", 0, "pending"),
        (1, "digest", "digest:old", 2, "", "1 5 6", 0, "pending"),
        (2, "digest", "digest:old", 0, "لا جديد في مناطقك", None, 0, "pending"),
        (3, "digest", "digest:old", 0, "", "10", 0, "pending"),
    ]
