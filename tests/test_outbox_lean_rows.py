"""Digest rows are written lean (migration 0220): a short window key, and no index entry by slot.

A cycle writes a row per subscriber, so every byte of a digest row is paid a million times. Alerts and
broadcasts are still counted through an index by slot, a digest run counts its own rows by id
(tests/test_digest_run_counts.py), and a chat's last digest is the one owed last, whatever its key
looks like.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from digest_seed import add_subscribers
from query_plans import plan_of

from nashra.storage import Database
from nashra.storage import db as db_module
from nashra.storage.db import migrations, to_db_time
from nashra.storage.digests import window_key
from nashra.storage.outbox import NewMessage, OutboxStore, Outcome

NOW = datetime(2026, 11, 30, 8, 0, 12, tzinfo=UTC)


async def _owe(db: Database, chat: int, slot: str, text: str, state: str = "pending") -> int:
    """One digest message ``text`` owed to ``chat`` under ``slot``, then settled as ``state``; its id."""
    store = OutboxStore(db)
    await store.add([NewMessage(chat, "digest", slot, 0, text)])
    row = await db.fetchone("SELECT id FROM outbox WHERE chat_id = ? AND slot = ?", (chat, slot))
    assert row is not None
    if state != "pending":
        await store.record([Outcome(int(row["id"]), state, 1, message_id=1 if state == "sent" else None)])
    return int(row["id"])


def test_a_window_key_is_the_slot_and_the_window_end_in_iso_8601_basic_format() -> None:
    assert window_key("digest:2026-11-30T08:00Z", to_db_time(NOW)) == "20261130T0800Z/20261130T080012Z"


async def test_a_digest_row_is_indexed_only_by_the_outbox_key_and_while_pending_held_or_owed_again(
    db: Database,
) -> None:
    # Each index on the outbox costs every digest row of a cycle an entry.
    rows = await db.fetchall(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'"
    )
    indexes = {row["name"]: row["sql"] or "" for row in rows}
    assert set(indexes) == {
        "sqlite_autoindex_outbox_1",
        "outbox_pending",
        "outbox_held",
        "outbox_first",
        "outbox_notice_slot",
    }
    assert indexes["outbox_pending"].endswith("WHERE state = 'pending'")
    assert indexes["outbox_held"].endswith("WHERE state = 'held'")
    assert indexes["outbox_first"].endswith("WHERE first_id IS NOT NULL")
    assert indexes["outbox_notice_slot"].endswith("WHERE kind <> 'digest'")


async def test_an_alerts_count_is_read_through_the_slot_index(db: Database) -> None:
    await add_subscribers(db, [(1, ["SY"])])
    store = OutboxStore(db)
    alert, _ = await store.create_alert(
        kind="alert", codes=["SY"], texts={"ar": "عاجل"}, raw_text="عاجل", created_by=1
    )
    plan = await plan_of(db, store.alert_counts(alert), "pruned_sent")
    assert "USING INDEX outbox_notice_slot" in plan


async def test_the_last_digest_sent_is_the_one_owed_last_whatever_its_key(db: Database) -> None:
    # A key of the extended form (before migration 0220) sorts after every key of the basic form.
    await _owe(db, 1, "digest:2026-11-29T08:00Z/2026-11-29T08:00:12+00:00", "أمس", "sent")
    await _owe(db, 1, window_key("digest:2026-11-30T08:00Z", to_db_time(NOW)), "اليوم", "sent")
    assert await OutboxStore(db).last_sent(1, "digest") == ["اليوم"]


async def test_the_last_alert_sent_is_the_one_owed_last_past_alert_nine(db: Database) -> None:
    store = OutboxStore(db)
    for number in (9, 10):
        await store.add([NewMessage(1, "alert", f"alert:{number}", 0, f"عاجل {number}")])
        row = await db.fetchone("SELECT id FROM outbox WHERE slot = ?", (f"alert:{number}",))
        assert row is not None
        await store.record([Outcome(int(row["id"]), "sent", 1, message_id=number)])
    assert await store.last_sent(1, "alert") == ["عاجل 10"]


async def test_an_outbox_owed_before_the_migration_keeps_its_rows_and_alert_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    monkeypatch.setattr(db_module, "migrations", lambda: [m for m in shipped if m[0] < 220])
    async with await Database.open(path) as old:
        await add_subscribers(old, [(1, ["SY"]), (2, ["SY"])])
        alert, _ = await OutboxStore(old).create_alert(
            kind="alert", codes=["SY"], texts={"ar": "عاجل"}, raw_text="عاجل", created_by=1
        )
        await _owe(old, 1, "digest:2026-11-29T08:00Z/2026-11-29T08:00:12+00:00", "أمس", "sent")
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        store = OutboxStore(db)
        assert (await store.alert_counts(alert))["pending"] == 2
        assert await store.last_sent(1, "digest") == ["أمس"]
