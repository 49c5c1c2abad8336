"""A plain subscriber's digest is owed by reference until the sender needs it (materialize_owed).

A cycle writes no outbox row for its plain subscribers: each is owed its edition
(``subscribers.owed_edition``), and the rows are written when the sender's queue runs low, or first
when something must see them as rows (a pause, a move, another digest). Written late, they are the
rows the cycle would have written, and every rule of the outbox holds for them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from digest_seed import SectionSeed, add_article, add_subscribers
from telegram import Bot
from telegram.request import HTTPXRequest

from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.delivery.sender import OutboxWorker
from nashra.digest.fanout import owe_digests
from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database
from nashra.storage import outbox as outbox_module
from nashra.storage.db import to_db_time
from nashra.storage.digests import Audience, subscribers_of
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore
from nashra.storage.preferences import PreferenceStore
from nashra.storage.subscribers import SubscriberStore
from tests.owed_rows import write_owed

NOW = datetime.now(UTC)
TOKEN = "123456:delivery-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaa"
ROW = "chat_id, kind, slot, part, text, fragments, thread_id, link_preview, priority, state"


async def _story(db: Database, n: int, minutes_ago: int, code: str = "SY") -> None:
    await add_article(
        db, title=f"t{n}", source=f"مصدر {n}", url=f"https://x.example/{n}",
        published_at=to_db_time(NOW - timedelta(minutes=minutes_ago + 5)),
        ingested_at=to_db_time(NOW - timedelta(minutes=minutes_ago)),
        sections=[SectionSeed(f"s{n}", [code], summary=f"خبر رقم {n} عن المنطقة")],
    )  # fmt: skip


async def _cycle(db: Database, now: datetime = NOW, slot: str = "digest:test") -> Any:
    (totals,) = await owe_digests(db, Config(), {slot: Audience(to_db_time(now))}, now)
    return totals


async def _rows(db: Database, where: str = "1") -> list[tuple[Any, ...]]:
    found = await db.fetchall(f"SELECT {ROW} FROM outbox WHERE {where} ORDER BY id")
    return [tuple(row) for row in found]


async def _owed(db: Database) -> dict[int, int]:
    found = await db.fetchall("SELECT chat_id, owed_edition FROM subscribers WHERE owed_edition IS NOT NULL")
    return {int(row[0]): int(row[1]) for row in found}


async def test_a_cycle_owes_plain_subscribers_by_reference_and_writes_no_row(db: Database) -> None:
    await _story(db, 1, 20)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    totals = await _cycle(db)
    assert (totals.subscribers, totals.messages) == (2, 2)
    assert await _rows(db) == []
    assert set(await _owed(db)) == {1, 2}
    assert await OutboxStore(db).pending_count() == 2


async def test_rows_written_later_are_those_each_chat_composed_alone_gets(db: Database) -> None:
    await _story(db, 1, 20)
    await _story(db, 2, 10, "LB")
    await add_subscribers(db, [(1, ["SY", "LB"]), (2, ["SY"]), (3, ["QA"])])
    await PreferenceStore(db).set_format(1, link_previews=True)
    listed = await subscribers_of(db, [1, 2, 3])
    config = Config()
    config.delivery.send_empty_digest = True
    # The same chats composed one by one (commit_slot, which writes its rows at once), then put back.
    await owe_digests(db, config, {"digest:test": listed}, NOW)
    alone = await _rows(db)
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM outbox")
        await conn.execute("DELETE FROM digest_runs")
        await conn.execute("UPDATE subscribers SET last_digest_at = NULL")
    await owe_digests(db, config, {"digest:test": Audience(to_db_time(NOW))}, NOW)
    await write_owed(db)
    assert await _rows(db) == alone
    # Chat 1's message with a preview, chat 3's "nothing new" (a region without news) without one.
    assert [(row[0], row[7]) for row in alone] == [(1, 1), (2, 0), (3, 0)]


async def test_a_second_cycle_before_the_first_is_written_loses_nothing_and_keeps_the_order(
    db: Database,
) -> None:
    await _story(db, 1, 200)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    await _cycle(db, NOW - timedelta(hours=2), "digest:first")
    first = await _owed(db)
    await _story(db, 2, 20)
    await _cycle(db, NOW, "digest:second")
    await write_owed(db)
    rows = await _rows(db)
    assert [(row[0], row[2].split("/")[0]) for row in rows] == [
        (1, first_key := _key("digest:first")),
        (2, first_key),
        (1, _key("digest:second")),
        (2, _key("digest:second")),
    ]
    assert set(first) == {1, 2} and await _owed(db) == {}
    assert all("خبر رقم 2" not in str(row[4]) for row in rows[:2])


def _key(slot: str) -> str:
    return slot.removeprefix("digest:")


async def test_a_chat_that_pauses_before_its_rows_are_written_has_them_held_and_resume_owes_them(
    db: Database,
) -> None:
    await _story(db, 1, 20)
    await add_subscribers(db, [(1, ["SY"])])
    await _cycle(db)
    store = SubscriberStore(db)
    change = await store.set_paused(1, True)
    assert change is not None and change.held == 1
    assert [row[-1] for row in await _rows(db)] == ["held"]
    await write_owed(db)
    assert [row[-1] for row in await _rows(db)] == ["held"]
    await store.set_paused(1, False)
    (row,) = await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 10)
    assert "خبر رقم 1" in row.text


async def test_a_chat_that_stops_before_its_rows_are_written_is_sent_nothing(db: Database) -> None:
    await _story(db, 1, 20)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    await _cycle(db)
    await SubscriberStore(db).forget(1)
    await write_owed(db)
    assert [row[0] for row in await _rows(db)] == [2]


async def test_a_chat_that_blocked_the_bot_gets_no_row(db: Database) -> None:
    await _story(db, 1, 20)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    await _cycle(db)
    await SubscriberStore(db).set_blocked(1, True)
    await write_owed(db)
    assert [row[0] for row in await _rows(db)] == [2]
    assert await _owed(db) == {}


async def test_a_chat_that_blocked_the_bot_is_owed_no_pending_message(db: Database) -> None:
    await _story(db, 1, 20)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    await _cycle(db)
    await SubscriberStore(db).set_blocked(1, True)
    assert await OutboxStore(db).pending_count() == 1


async def test_a_chat_marked_blocked_by_a_send_loses_its_owed_edition(db: Database) -> None:
    await _story(db, 1, 20)
    await add_subscribers(db, [(1, ["SY"])])
    await _cycle(db)
    await OutboxStore(db).record([], blocked_chats=[1])
    assert await _owed(db) == {}
    assert not await OutboxStore(db).digest_pending_to(1)


async def test_a_prune_keeps_the_fragments_of_editions_still_owed_and_deletes_editions_once_written(
    db: Database,
) -> None:
    await _story(db, 1, 20)
    await add_subscribers(db, [(1, ["SY"])])
    await _cycle(db)
    outbox = OutboxStore(db)
    later = NOW + timedelta(days=30)
    pruned = await outbox.prune_settled(later)
    assert pruned.editions == 0
    await write_owed(db)
    (row,) = await outbox.load_pending(PRIORITY_DIGEST, 0, 10)
    assert "خبر رقم 1" in row.text
    async with db.transaction() as conn:
        await conn.execute("UPDATE outbox SET state = 'sent'")
    pruned = await outbox.prune_settled(later)
    assert pruned.editions == 1
    assert await db.fetchall("SELECT * FROM digest_editions") == []


async def test_the_sender_is_not_idle_while_digests_are_owed_by_reference(db: Database) -> None:
    await _story(db, 1, 20)
    await add_subscribers(db, [(1, ["SY"])])
    await _cycle(db)
    worker = OutboxWorker(Bot(TOKEN), OutboxStore(db), Config().delivery)
    assert not await worker.idle()


@pytest.fixture
async def api() -> AsyncIterator[SandboxBotAPI]:
    async with SandboxBotAPI(limits=SandboxLimits(global_per_second=200)) as server:
        yield server


async def test_a_scheduled_cycle_reaches_every_chat_once_through_the_bot_api(
    db: Database, api: SandboxBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outbox_module, "OWED_BATCH", 40)  # the sender writes them in three batches
    await _story(db, 1, 20)
    await add_subscribers(db, [(i, ["SY"]) for i in range(1, 121)])
    config = Config()
    config.delivery.global_per_second = 200
    bot = Bot(TOKEN, base_url=api.base_url, request=HTTPXRequest(connection_pool_size=80))
    async with bot:
        deliverer = Deliverer(bot, db, config)
        await deliverer.start()
        try:
            report = await deliverer.run_scheduled_digest(NOW, NOW)
            assert report.subscribers == 120 and report.rows == ()
            for _ in range(600):
                if await deliverer.worker.idle():
                    break
                await deliverer.worker.wait_progress(0.2)
        finally:
            await deliverer.stop()
    assert [len(api.sent_to(i)) for i in range(1, 121)] == [1] * 120
    assert await _owed(db) == {}


async def test_a_chunk_writes_the_rows_of_earlier_editions_only_for_the_chats_it_owes(db: Database) -> None:
    await _story(db, 1, 200)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"]), (3, ["SY"])])
    await add_subscribers(db, [(4, ["SY"])], digest_time="09:00", timezone="UTC")
    await _cycle(db, NOW - timedelta(hours=2), "digest:scheduled")
    scheduled = await _owed(db)
    # A personal time's chunk spans chat ids 1 to 4 but owes chat 4 alone: the digests owed to the
    # others stay owed by reference (written a batch at a time by the sender, not all in this chunk).
    (totals,) = await owe_digests(
        db, Config(), {"digest:personal": Audience(to_db_time(NOW), personal=(("09:00", "UTC"),))}, NOW
    )
    assert (totals.subscribers, totals.messages) == (1, 1)
    assert await _rows(db) == []
    assert await _owed(db) == {**scheduled, 4: (await _owed(db))[4]}
    assert set(scheduled) == {1, 2, 3}


@pytest.mark.parametrize("chunk_size", [1, 2])
async def test_every_chunk_writes_its_chats_earlier_edition_before_their_new_one(
    db: Database, chunk_size: int
) -> None:
    await _story(db, 1, 200)
    await add_subscribers(db, [(-3, ["SY"]), (1, ["SY"]), (2, ["SY"]), (5, ["SY"])])
    await _cycle(db, NOW - timedelta(hours=2), "digest:first")
    await _story(db, 2, 20)
    # Chunks of one or two chats: the first (from no chat id) and later ones end on each chat owed.
    await owe_digests(db, Config(), {"digest:second": Audience(to_db_time(NOW))}, NOW, chunk_size=chunk_size)
    await write_owed(db)
    rows = await _rows(db)
    assert [(row[0], row[2].split("/")[0]) for row in rows] == [
        *((chat, "first") for chat in (-3, 1, 2, 5)),
        *((chat, "second") for chat in (-3, 1, 2, 5)),
    ]


async def test_a_chat_that_moved_to_a_personal_time_gets_its_scheduled_edition_first(db: Database) -> None:
    await _story(db, 1, 200)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"]), (3, ["SY"])])
    await _cycle(db, NOW - timedelta(hours=2), "digest:scheduled")
    async with db.transaction() as conn:
        await conn.execute("UPDATE subscribers SET digest_time = '09:00', timezone = 'UTC' WHERE chat_id = 2")
    await _story(db, 2, 20)
    await owe_digests(
        db, Config(), {"digest:personal": Audience(to_db_time(NOW), personal=(("09:00", "UTC"),))}, NOW
    )
    # Chat 2's scheduled edition is written by the chunk that owes it its personal one, the others'
    # stay owed by reference.
    assert [(row[0], row[2].split("/")[0]) for row in await _rows(db)] == [(2, "scheduled")]
    await write_owed(db)
    assert [(row[0], row[2].split("/")[0]) for row in await _rows(db)] == [
        (2, "scheduled"),
        (1, "scheduled"),
        (2, "personal"),
        (3, "scheduled"),
    ]
