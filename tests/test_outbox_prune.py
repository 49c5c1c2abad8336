"""Pruning: settled digest messages go after ``[delivery] keep_days``, with the fragments nothing uses;
pending messages, their fragments and everything recent stay (alerts: tests/test_outbox_prune_alerts.py)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest
from digest_seed import add_subscribers
from telegram.ext import Application, CallbackContext

from nashra.config import Config
from nashra.scheduler import install_jobs
from nashra.storage import Database
from nashra.storage import db as db_module
from nashra.storage.db import migrations, to_db_time
from nashra.storage.digests import store_fragments
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore, Outcome
from nashra.storage.subscribers import SubscriberStore

NOW = datetime.now(UTC)
KEEP = timedelta(days=30)
TOKEN = "123456:TEST"


async def _owe(db: Database, chat: int, slot: str, state: str, owed: datetime, fragments: list[int]) -> int:
    """A digest row owed at ``owed`` listing ``fragments``, in ``state``; returns its id."""
    stamp = to_db_time(owed)
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT OR IGNORE INTO subscribers (chat_id, kind, created_at, updated_at) "
            "VALUES (?, 'private', ?, ?)",
            (chat, stamp, stamp),
        )
        cursor = await conn.execute(
            "INSERT INTO outbox (chat_id, kind, slot, part, text, fragments, state, created_at, updated_at) "
            "VALUES (?, 'digest', ?, 0, '', ?, ?, ?, ?)",
            (chat, slot, " ".join(map(str, fragments)), state, stamp, stamp),
        )
        return int(cursor.lastrowid or 0)


async def _age_fragments(db: Database, ids: list[int], used: datetime) -> None:
    async with db.transaction() as conn:
        await conn.executemany(
            "UPDATE digest_fragments SET used_at = ? WHERE id = ?", [(to_db_time(used), i) for i in ids]
        )


async def _ids(db: Database, table: str) -> set[int]:
    return {int(row[0]) for row in await db.fetchall(f"SELECT id FROM {table}")}


async def test_settled_digest_messages_older_than_the_cutoff_are_deleted(db: Database) -> None:
    old = NOW - KEEP - timedelta(days=1)
    sent = await _owe(db, 1, "digest:a", "sent", old, [])
    blocked = await _owe(db, 2, "digest:a", "blocked", old, [])
    failed = await _owe(db, 3, "digest:a", "failed", old, [])
    pruned = await OutboxStore(db).prune_settled(NOW - KEEP)
    assert pruned.messages == 3
    assert not {sent, blocked, failed} & await _ids(db, "outbox")


async def test_a_pending_digest_message_is_kept_however_old(db: Database) -> None:
    pending = await _owe(db, 1, "digest:a", "pending", NOW - KEEP * 3, [])
    await OutboxStore(db).prune_settled(NOW - KEEP)
    assert pending in await _ids(db, "outbox")


async def test_a_message_owed_after_the_cutoff_is_kept(db: Database) -> None:
    recent = await _owe(db, 1, "digest:b", "sent", NOW - KEEP + timedelta(hours=1), [])
    await OutboxStore(db).prune_settled(NOW - KEEP)
    assert recent in await _ids(db, "outbox")


async def test_rows_are_deleted_a_batch_per_transaction_until_none_is_left(db: Database) -> None:
    old = NOW - KEEP - timedelta(days=2)
    for chat in range(1, 8):
        await _owe(db, chat, "digest:a", "sent", old, [])
    pruned = await OutboxStore(db).prune_settled(NOW - KEEP, batch=3)
    assert pruned.messages == 7
    assert await _ids(db, "outbox") == set()


async def test_fragments_no_message_uses_any_more_are_deleted(db: Database) -> None:
    ids = await store_fragments(db, ["<b>📍 درعا</b>", "خبر قديم"])
    await _age_fragments(db, ids, NOW - KEEP - timedelta(days=2))
    await _owe(db, 1, "digest:a", "sent", NOW - KEEP - timedelta(days=2), ids)
    today = await store_fragments(db, ["خبر اليوم"])
    pruned = await OutboxStore(db).prune_settled(NOW - KEEP)
    assert pruned.fragments == 2
    assert await _ids(db, "digest_fragments") == set(today)


async def test_a_fragment_a_pending_message_lists_is_kept(db: Database) -> None:
    ids = await store_fragments(db, ["خبر ينتظر الإرسال"])
    await _age_fragments(db, ids, NOW - KEEP * 3)
    await _owe(db, 1, "digest:a", "pending", NOW - KEEP * 3, ids)
    await OutboxStore(db).prune_settled(NOW - KEEP)
    assert set(ids) <= await _ids(db, "digest_fragments")


@pytest.mark.parametrize("spacing", ["{} {}", "{}  {}", " {} {}", "{} {} ", "{}\t{}", "{}\n{}", "0{} 0{}"])
async def test_a_pending_message_whose_list_is_written_oddly_keeps_its_fragments(
    db: Database, spacing: str
) -> None:
    # The sender reads a list split on any whitespace; the prune must read it the same way, and one
    # such row must not stop the prune of every other fragment.
    [unused] = await store_fragments(db, ["خبر لا يذكره أحد"])
    ids = await store_fragments(db, ["خبر ينتظر", "خبر آخر"])
    await _age_fragments(db, [*ids, unused], NOW - KEEP * 3)
    row = await _owe(db, 1, "digest:a", "pending", NOW - KEEP * 3, [])
    async with db.transaction() as conn:
        await conn.execute("UPDATE outbox SET fragments = ? WHERE id = ?", (spacing.format(*ids), row))
    pruned = await OutboxStore(db).prune_settled(NOW - KEEP)
    assert pruned.fragments == 1
    assert await _ids(db, "digest_fragments") == set(ids)


async def test_a_pending_message_with_an_unreadable_list_does_not_stop_the_prune(db: Database) -> None:
    [unused] = await store_fragments(db, ["خبر لا يذكره أحد"])
    await _age_fragments(db, [unused], NOW - KEEP * 3)
    await store_fragments(db, ["خبر اليوم"])
    row = await _owe(db, 1, "digest:a", "pending", NOW - KEEP * 3, [])
    async with db.transaction() as conn:
        await conn.execute("UPDATE outbox SET fragments = '1,\"2' WHERE id = ?", (row,))
    pruned = await OutboxStore(db).prune_settled(NOW - KEEP)
    assert pruned.fragments == 1


async def test_the_newest_fragment_is_kept_so_that_its_id_is_never_given_again(db: Database) -> None:
    # SQLite gives a new row the largest id plus one: were the newest fragment deleted, its id would
    # name another text, and anything still holding the old id would read the wrong news.
    ids = await store_fragments(db, ["خبر قديم", "خبر أقدم"])
    await _age_fragments(db, ids, NOW - KEEP * 3)
    await OutboxStore(db).prune_settled(NOW - KEEP)
    [new] = await store_fragments(db, ["خبر جديد"])
    assert new > max(ids)


async def test_a_fragment_stored_again_by_a_new_cycle_is_kept(db: Database) -> None:
    [old] = await store_fragments(db, ["<b>📍 درعا</b>"])
    await _age_fragments(db, [old], NOW - KEEP * 3)
    [again] = await store_fragments(db, ["<b>📍 درعا</b>"])  # the same header, stored by today's cycle
    assert again == old
    await OutboxStore(db).prune_settled(NOW - KEEP)
    assert old in await _ids(db, "digest_fragments")


async def test_a_fragment_used_within_a_day_before_the_cutoff_is_kept(db: Database) -> None:
    # A cycle stores its fragments before it owes the rows listing them: a row owed just after the
    # cutoff may list a fragment stamped just before it.
    [kept] = await store_fragments(db, ["خبر"])
    await _age_fragments(db, [kept], NOW - KEEP - timedelta(hours=2))
    await OutboxStore(db).prune_settled(NOW - KEEP)
    assert kept in await _ids(db, "digest_fragments")


async def test_a_digest_still_reads_whole_after_a_prune(db: Database) -> None:
    ids = await store_fragments(db, ["<b>📍 درعا</b>\n", "خبر جديد"])
    await _owe(db, 1, "digest:a", "sent", NOW - KEEP - timedelta(days=5), [])
    await _owe(db, 1, "digest:b", "sent", NOW - timedelta(hours=1), ids)
    await OutboxStore(db).prune_settled(NOW - KEEP)
    assert await OutboxStore(db).last_sent(1, "digest") == ["<b>📍 درعا</b>\nخبر جديد"]


async def test_a_message_the_sender_settles_behind_the_prune_keeps_its_fragments(db: Database) -> None:
    # An old pending digest (held back by rate limits) is sent while the prune's batches are already
    # past its id: it stays until the next prune, and must still read whole meanwhile.
    ids = await store_fragments(db, ["<b>📍 درعا</b>\n", "خبر تأخر إرساله"])
    old = NOW - KEEP * 3
    await _age_fragments(db, ids, old)
    late = await _owe(db, 1, "digest:a", "pending", old, ids)
    await _owe(db, 2, "digest:a", "sent", old, [])
    await store_fragments(db, ["خبر اليوم"])  # the newest fragment, always kept
    store = OutboxStore(db)
    prune = asyncio.create_task(store.prune_settled(NOW - KEEP, batch=1))
    await asyncio.sleep(0)  # the prune holds the write lock for its first batch
    # Queued behind that batch: the sender's outcome commits before the prune's next batch.
    await store.record([Outcome(late, "sent", 1, message_id=7)])
    await prune
    assert late in await _ids(db, "outbox")
    assert await store.last_sent(1, "digest") == ["<b>📍 درعا</b>\nخبر تأخر إرساله"]


async def test_a_batch_of_zero_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="batch"):
        await OutboxStore(db).prune_settled(NOW, batch=0)


async def test_the_migration_stamps_existing_fragments_as_used_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    monkeypatch.setattr(db_module, "migrations", lambda: [m for m in shipped if m[0] < 180])
    async with await Database.open(path) as old, old.transaction() as conn:
        await conn.execute("INSERT INTO digest_fragments (hash, html) VALUES ('h', 'خبر')")
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        row = await db.fetchone("SELECT used_at FROM digest_fragments")
        assert row is not None
        assert abs(datetime.fromisoformat(row[0]) - datetime.now(UTC)) < timedelta(minutes=5)
        await OutboxStore(db).prune_settled(NOW - KEEP)
        assert len(await _ids(db, "digest_fragments")) == 1


class _Deliverer:
    def __init__(self, db: Database) -> None:
        self.outbox = OutboxStore(db)


class _Services:
    def __init__(self, db: Database, config: Config) -> None:
        self.db, self.config, self.deliverer = db, config, _Deliverer(db)


async def test_the_daily_prune_job_keeps_the_configured_days(db: Database) -> None:
    config = Config()
    config.delivery.keep_days = 2
    kept = await _owe(db, 1, "digest:b", "sent", NOW - timedelta(days=1), [])
    gone = await _owe(db, 2, "digest:a", "sent", NOW - timedelta(days=3), [])
    application = Application.builder().token(TOKEN).build()
    install_jobs(application, _Services(db, config))
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name("prune outbox")
    assert job.job.trigger.interval == timedelta(days=1)
    await job.callback(CallbackContext.from_job(job, application))
    assert kept in await _ids(db, "outbox")
    assert gone not in await _ids(db, "outbox")


async def test_the_daily_prune_job_deletes_the_subscriber_profiles_nobody_holds(db: Database) -> None:
    await add_subscribers(db, [(1, ["SY"])])
    await SubscriberStore(db).add_codes(1, ["LB"])  # nobody holds "SY" alone any more
    application = Application.builder().token(TOKEN).build()
    install_jobs(application, _Services(db, Config()))
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name("prune outbox")
    await job.callback(CallbackContext.from_job(job, application))
    assert [tuple(row) for row in await db.fetchall("SELECT codes FROM profiles")] == [("LB SY",)]


@pytest.mark.parametrize("listed", ["{missing}", "{kept} {missing}", "{kept},{kept}"])
async def test_a_pending_message_listing_a_missing_fragment_fails_alone(
    db: Database, listed: str, caplog: pytest.LogCaptureFixture
) -> None:
    # A row the sender cannot put together (a fragment deleted by hand, a list edited) must not stop
    # every digest behind it: it fails, said in the log, and the next rows are read.
    [kept] = await store_fragments(db, ["خبر"])
    broken = await _owe(db, 1, "digest:a", "pending", NOW, [])
    fine = await _owe(db, 2, "digest:a", "pending", NOW, [kept])
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE outbox SET fragments = ? WHERE id = ?",
            (listed.format(kept=kept, missing=kept + 99), broken),
        )
    rows = await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 100)
    assert [(row.id, row.text) for row in rows] == [(fine, "خبر")]
    state = await db.fetchone("SELECT state, last_error FROM outbox WHERE id = ?", (broken,))
    assert state is not None and state["state"] == "failed"
    assert "fragment" in state["last_error"]
    assert f"outbox row {broken}" in caplog.text


async def test_a_prune_the_database_refuses_is_one_log_line_and_the_job_stays(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    application = Application.builder().token(TOKEN).build()
    install_jobs(application, _Services(db, Config()))
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name("prune outbox")
    await db.fetchall("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(tmp_path / "nashra.db", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program writing
        await job.callback(CallbackContext.from_job(job, application))
    finally:
        other.close()
    [record] = [r for r in caplog.records if "prune" in r.getMessage()]
    assert record.levelname == "ERROR" and "locked by another program" in record.getMessage()
    assert record.exc_info is None
    assert application.job_queue.get_jobs_by_name("prune outbox") == (job,)


class _SettlingBetween(Database):
    """A database on which the sender settles ``row`` as sent just before the ``at``-th write
    transaction begins (counting from 0): an outcome recorded between two of a prune's transactions."""

    row: int | None = None
    at = 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        if self.row is not None:
            if self.at == 0:
                row, self.row = self.row, None
                async with super().transaction() as conn:
                    await conn.execute("UPDATE outbox SET state = 'sent' WHERE id = ?", (row,))
            self.at -= 1
        async with super().transaction() as conn:
            yield conn


async def test_a_row_settled_while_the_prune_runs_keeps_its_fragments(tmp_path: Path) -> None:
    async with await _SettlingBetween.open(tmp_path / "nashra.db") as db:
        ids = await store_fragments(db, ["خبر ينتظر", "خبر آخر"])
        await store_fragments(db, ["خبر اليوم"])
        await _age_fragments(db, ids, NOW - KEEP * 3)
        row = await _owe(db, 1, "digest:a", "pending", NOW - KEEP * 3, ids)
        db.row, db.at = row, 1  # after the prune's first transaction
        await OutboxStore(db).prune_settled(NOW - KEEP)
        listed = await db.fetchall("SELECT fragments FROM outbox WHERE fragments IS NOT NULL")
        assert {int(i) for r in listed for i in r[0].split()} <= await _ids(db, "digest_fragments")
