"""Pruning alerts and broadcasts: their settled messages go after ``[delivery] keep_days`` like digest
messages, pending ones and those waiting for a retry stay, and an alert's report reads the same before
and after (the counts of what was pruned are kept on the alert, migration 0200)."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from digest_seed import add_subscribers
from telegram import Bot

from nashra.config import Config
from nashra.delivery import AlertReport, Deliverer
from nashra.storage import Database
from nashra.storage import db as db_module
from nashra.storage.db import migrations, to_db_time
from nashra.storage.outbox import PRIORITY_ALERT, NewMessage, OutboxStore, Outcome, alert_of_slot
from nashra.storage.preferences import PreferenceStore
from nashra.storage.subscribers import SubscriberStore

NOW = datetime.now(UTC)
KEEP = timedelta(days=30)
# What an alert's report counts: its messages by state, those that expired held for a paused chat, and
# those withdrawn unsent with their chat.
NONE = ("pending", "sent", "blocked", "failed", "held", "expired", "withdrawn")
# The report of the alert _alert owes.
REPORTED = dict.fromkeys(NONE, 0) | {"pending": 1, "sent": 3, "blocked": 1, "failed": 1}
OLD = NOW - KEEP - timedelta(days=1)
# The outcome of each subscriber's message: chat id -> state.
OUTCOMES = {1: "sent", 2: "sent", 3: "sent", 4: "blocked", 5: "failed", 6: "pending"}


async def _alert(db: Database, *, kind: str = "alert", owed: datetime = OLD) -> int:
    """An alert (or broadcast) for Syria owed at ``owed`` to the chats of OUTCOMES, each message settled
    as OUTCOMES says; returns the alert id."""
    await add_subscribers(db, [(chat, ["SY"]) for chat in OUTCOMES if not await _subscribed(db, chat)])
    store = OutboxStore(db)
    alert_id, _ = await store.create_alert(
        kind=kind,
        codes=["SY"] if kind == "alert" else None,
        texts={"ar": "عاجل: إغلاق طريق دمشق درعا"},
        raw_text="إغلاق طريق دمشق درعا",
        created_by=1,
    )
    rows = await db.fetchall("SELECT id, chat_id FROM outbox WHERE slot = ?", (f"alert:{alert_id}",))
    await store.record([Outcome(row["id"], OUTCOMES[row["chat_id"]], 1) for row in rows])
    await _age(db, alert_id, owed)
    return alert_id


async def _subscribed(db: Database, chat: int) -> bool:
    return await db.fetchone("SELECT 1 FROM subscribers WHERE chat_id = ?", (chat,)) is not None


async def _age(db: Database, alert_id: int, owed: datetime) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE outbox SET created_at = ? WHERE slot = ?", (to_db_time(owed), f"alert:{alert_id}")
        )


async def _states(db: Database, alert_id: int) -> list[str]:
    rows = await db.fetchall(
        "SELECT state FROM outbox WHERE slot = ? ORDER BY chat_id", (f"alert:{alert_id}",)
    )
    return [row["state"] for row in rows]


async def test_an_alerts_report_is_the_same_before_and_after_its_messages_are_pruned(db: Database) -> None:
    alert = await _alert(db)
    store = OutboxStore(db)
    before = await store.alert_counts(alert)
    await store.prune_settled(NOW - KEEP)
    assert await store.alert_counts(alert) == before == REPORTED


async def test_the_admins_report_of_an_alert_reads_the_same_after_its_messages_are_pruned(
    db: Database,
) -> None:
    deliverer = Deliverer(Bot("123456:prune-test-token"), db, Config())
    await add_subscribers(db, [(chat, ["SY"]) for chat in OUTCOMES])
    ticket = await deliverer.enqueue_alert(["SY-DR"], "إغلاق طريق دمشق درعا", created_by=1)
    rows = await db.fetchall("SELECT id, chat_id FROM outbox WHERE kind = 'alert'")
    await deliverer.outbox.record([Outcome(row["id"], OUTCOMES[row["chat_id"]], 1) for row in rows])
    await _age(db, ticket.alert_id, OLD)
    await deliverer.outbox.prune_settled(NOW - KEEP)
    report = await deliverer.alert_report(ticket.alert_id)
    assert report == AlertReport(delivered=3, blocked=1, failed=1, pending=1)
    assert len(await _states(db, ticket.alert_id)) == 1


async def test_settled_alert_messages_older_than_the_cutoff_are_deleted(db: Database) -> None:
    alert = await _alert(db)
    pruned = await OutboxStore(db).prune_settled(NOW - KEEP)
    assert (pruned.messages, pruned.alerts) == (5, 5)
    assert await _states(db, alert) == ["pending"]


async def test_a_broadcasts_settled_messages_are_pruned_and_its_report_kept(db: Database) -> None:
    broadcast = await _alert(db, kind="broadcast")
    store = OutboxStore(db)
    before = await store.alert_counts(broadcast)
    await store.prune_settled(NOW - KEEP)
    assert await _states(db, broadcast) == ["pending"]
    assert await store.alert_counts(broadcast) == before


async def test_a_pending_alert_message_is_kept_however_old(db: Database) -> None:
    alert = await _alert(db, owed=NOW - KEEP * 10)
    await OutboxStore(db).prune_settled(NOW - KEEP)
    assert await _states(db, alert) == ["pending"]


async def test_an_alert_message_waiting_for_its_retry_is_kept(db: Database) -> None:
    alert = await _alert(db)
    [row] = await db.fetchall("SELECT id FROM outbox WHERE slot = ? AND chat_id = 5", (f"alert:{alert}",))
    retry_at = to_db_time(NOW + timedelta(minutes=5))
    await OutboxStore(db).record([Outcome(row["id"], "pending", 3, error="timed out", not_before=retry_at)])
    await OutboxStore(db).prune_settled(NOW - KEEP)
    assert await _states(db, alert) == ["pending", "pending"]


async def test_an_alert_owed_after_the_cutoff_is_kept_whole(db: Database) -> None:
    alert = await _alert(db, owed=NOW - KEEP + timedelta(hours=1))
    pruned = await OutboxStore(db).prune_settled(NOW - KEEP)
    assert pruned.messages == 0
    assert len(await _states(db, alert)) == len(OUTCOMES)


async def test_an_alert_pruned_over_several_batches_and_days_counts_each_message_once(db: Database) -> None:
    alert = await _alert(db)
    store = OutboxStore(db)
    before = await store.alert_counts(alert)
    await store.prune_settled(NOW - KEEP, batch=2)
    await store.prune_settled(NOW - KEEP, batch=2)  # the next day's prune finds nothing more to count
    assert await store.alert_counts(alert) == before


async def test_each_alert_keeps_its_own_counts(db: Database) -> None:
    first = await _alert(db)
    second = await _alert(db)
    store = OutboxStore(db)
    unsent = await db.fetchall(
        "SELECT id FROM outbox WHERE slot = ? AND state <> 'sent'", (f"alert:{second}",)
    )
    await store.record([Outcome(row["id"], "sent", 2) for row in unsent])
    await store.prune_settled(NOW - KEEP)
    assert await store.alert_counts(first) == REPORTED
    assert await store.alert_counts(second) == dict.fromkeys(NONE, 0) | {"sent": 6}


async def test_digest_and_alert_messages_are_pruned_in_the_same_batches(db: Database) -> None:
    alert = await _alert(db)
    stamp = to_db_time(OLD)
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO outbox (chat_id, kind, slot, part, text, state, created_at, updated_at) "
            "VALUES (1, 'digest', 'digest:a', 0, 'نشرة', 'sent', ?, ?)",
            (stamp, stamp),
        )
    pruned = await OutboxStore(db).prune_settled(NOW - KEEP, batch=4)
    assert (pruned.messages, pruned.alerts) == (6, 5)
    assert await OutboxStore(db).alert_counts(alert) == REPORTED


async def test_a_topic_gone_notice_is_pruned_though_it_belongs_to_no_alert(db: Database) -> None:
    await add_subscribers(db, [(-100, ["SY"])], kind="supergroup")
    store = OutboxStore(db)
    notice = NewMessage(-100, "alert", "notice:topic-gone:7", 0, "الموضوع حُذف", PRIORITY_ALERT)
    await store.add([notice])
    async with db.transaction() as conn:
        await conn.execute("UPDATE outbox SET state = 'sent', created_at = ?", (to_db_time(OLD),))
    pruned = await store.prune_settled(NOW - KEEP)
    assert pruned.alerts == 1
    assert await db.fetchall("SELECT id FROM outbox") == []


async def test_a_report_read_during_a_prune_waits_for_its_transaction(db: Database) -> None:
    # A prune deletes an alert's rows and adds them to its counts in one transaction; a report read on
    # the same connection between the two would miss the deleted messages.
    alert = await _alert(db)
    store = OutboxStore(db)
    async with db.transaction() as conn:
        reading = asyncio.create_task(store.alert_counts(alert))
        await conn.execute("DELETE FROM outbox WHERE state = 'sent'")
        await asyncio.sleep(0.05)
        assert not reading.done()
        await conn.execute("UPDATE alerts SET pruned_sent = 3 WHERE id = ?", (alert,))
    assert (await reading)["sent"] == 3


@pytest.mark.parametrize("ticks", [1, 2, 3, 5, 8, 13, 21, 34])
async def test_a_prune_cancelled_at_any_point_leaves_the_report_whole(db: Database, ticks: int) -> None:
    # Each batch moves counts and deletes rows in one transaction: stopped anywhere (the bot shutting
    # down), the report reads the same, and the next prune finishes the work.
    alert = await _alert(db)
    store = OutboxStore(db)
    before = await store.alert_counts(alert)
    prune = asyncio.create_task(store.prune_settled(NOW - KEEP, batch=1))
    for _ in range(ticks):
        await asyncio.sleep(0)
    prune.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await prune
    assert await store.alert_counts(alert) == before
    await store.prune_settled(NOW - KEEP)
    assert await store.alert_counts(alert) == before
    assert await _states(db, alert) == ["pending"]


@pytest.mark.parametrize(
    ("slot", "alert"),
    [
        ("alert:12", 12),
        ("notice:topic-gone:7", None),
        ("alert:", None),
        ("alert:x1", None),
        ("alert:٣", None),  # an Arabic-Indic digit: no slot alert_slot makes
        ("alert:012", None),  # another spelling of 12: its report never counted it
    ],
)
def test_the_alert_of_a_slot(slot: str, alert: int | None) -> None:
    assert alert_of_slot(slot) == alert


async def test_an_alert_stored_before_the_migration_reports_the_same_after_it_and_a_prune(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    monkeypatch.setattr(db_module, "migrations", lambda: [m for m in shipped if m[0] < 200])
    async with await Database.open(path) as old:
        alert = await _alert(old)
        rows = await old.fetchall("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        store = OutboxStore(db)
        expected = dict.fromkeys(NONE, 0) | {r["state"]: r["n"] for r in rows}
        assert await store.alert_counts(alert) == expected
        await store.prune_settled(NOW - KEEP)
        assert await store.alert_counts(alert) == expected


async def test_an_alert_deleted_by_hand_does_not_give_its_id_to_the_next_alert(db: Database) -> None:
    # The id keys the alert's outbox rows and its report: reused, the next alert would not be owed to
    # the chats still holding a row of the deleted one, and its report would count that one's messages.
    deleted = await _alert(db, owed=NOW)
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM alerts WHERE id = ?", (deleted,))
    store = OutboxStore(db)
    alert, audience = await store.create_alert(
        kind="alert", codes=["SY"], texts={"ar": "عاجل"}, raw_text="عاجل", created_by=1
    )
    assert alert != deleted
    assert audience == len(OUTCOMES)
    assert await store.alert_counts(alert) == dict.fromkeys(NONE, 0) | {"pending": len(OUTCOMES)}


async def test_the_first_alert_after_the_migration_follows_every_id_an_outbox_slot_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    monkeypatch.setattr(db_module, "migrations", lambda: [m for m in shipped if m[0] < 210])
    async with await Database.open(path) as old:
        kept = await _alert(old)
        deleted = await _alert(old)
        async with old.transaction() as conn:
            await conn.execute("DELETE FROM alerts WHERE id = ?", (deleted,))
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        store = OutboxStore(db)
        assert await store.alert_counts(kept) == REPORTED
        alert, _ = await store.create_alert(
            kind="broadcast", codes=None, texts={"ar": "تحديث"}, raw_text="تحديث", created_by=1
        )
        assert alert > deleted > kept


async def test_a_chat_that_stops_leaves_no_message_of_its_own(db: Database) -> None:
    await _alert(db, owed=NOW)
    await OutboxStore(db).add([NewMessage(1, "digest", "20261130T0800Z/20261130T080012Z", 0, "خبر")])
    await SubscriberStore(db).forget(1)
    assert await db.fetchall("SELECT id FROM outbox WHERE chat_id = 1") == []


async def test_an_alerts_report_reads_the_same_after_recipients_stop(db: Database) -> None:
    alert = await _alert(db, owed=NOW)
    before = await OutboxStore(db).alert_counts(alert)
    for chat in (1, 4, 5):  # sent, blocked, failed
        await SubscriberStore(db).forget(chat)
    assert await OutboxStore(db).alert_counts(alert) == before


async def test_a_chat_that_stops_leaves_the_other_chats_messages(db: Database) -> None:
    alert = await _alert(db, owed=NOW)
    await SubscriberStore(db).forget(1)
    assert await _states(db, alert) == [OUTCOMES[chat] for chat in sorted(OUTCOMES) if chat != 1]


async def test_an_alert_message_still_pending_when_its_chat_stops_is_counted_withdrawn(db: Database) -> None:
    alert = await _alert(db, owed=NOW)
    await SubscriberStore(db).forget(6)  # its message pending
    assert await OutboxStore(db).alert_counts(alert) == REPORTED | {"pending": 0, "withdrawn": 1}


async def test_an_alert_message_held_for_a_paused_chat_that_stops_is_counted_withdrawn(db: Database) -> None:
    alert = await _alert(db, owed=NOW)
    await SubscriberStore(db).set_paused(6, True)
    await SubscriberStore(db).forget(6)
    assert await OutboxStore(db).alert_counts(alert) == REPORTED | {"pending": 0, "withdrawn": 1}


async def test_an_alert_message_pending_for_a_channel_unbound_is_counted_withdrawn(db: Database) -> None:
    preferences = PreferenceStore(db)
    await preferences.bind_channel(-1001, ["SY"], "config")
    alert, _ = await OutboxStore(db).create_alert(
        kind="alert", codes=["SY"], texts={"ar": "عاجل: إغلاق طريق دمشق درعا"}, raw_text="إغلاق", created_by=1
    )
    await preferences.unbind_channel(-1001)
    assert await OutboxStore(db).alert_counts(alert) == dict.fromkeys(NONE, 0) | {"withdrawn": 1}
