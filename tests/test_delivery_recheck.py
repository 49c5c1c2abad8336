"""The sender's recheck of the rows waiting in its memory (see ``RECHECK_S``), against the sandbox Bot API:
rows withdrawn meanwhile are not sent, and nothing else is lost or delayed because of it."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from digest_seed import SectionSeed, add_article, add_subscribers
from telegram import Bot
from telegram.request import HTTPXRequest

from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.delivery import sender as sender_module
from nashra.digest import fanout
from nashra.digest.fanout import owe_digests
from nashra.sandbox import SandboxBotAPI
from nashra.storage import Database, StorageError
from nashra.storage.db import to_db_time
from nashra.storage.digests import Audience
from nashra.storage.outbox import PRIORITY_BROADCAST, PRIORITY_DIGEST, NewMessage, OutboxStore, Outcome
from nashra.storage.subscribers import SubscriberStore

TOKEN = "123456:recheck-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaa"
# Ten sends a second, evenly spaced (nashra/delivery/ratelimit.py): a row owed after the twenty
# fillers waits about two seconds in the sender's memory for its turn, time enough for the test to
# pause, stop or withdraw its chat first even on a loaded host.
RATE = 10
FILLERS = list(range(101, 121))
NOW = datetime.now(UTC)


@pytest.fixture
async def api() -> AsyncIterator[SandboxBotAPI]:
    async with SandboxBotAPI() as server:
        yield server


@pytest.fixture
async def deliverer(db: Database, api: SandboxBotAPI) -> AsyncIterator[Deliverer]:
    config = Config()
    config.delivery.global_per_second = RATE
    async with Bot(TOKEN, base_url=api.base_url, request=HTTPXRequest(connection_pool_size=16)) as bot:
        service = Deliverer(bot, db, config)
        yield service
        await service.stop()


async def _until(predicate: Callable[[], object]) -> None:
    """Poll ``predicate`` until it holds; 60 s is a guard against a hang, not a bound on the behaviour."""
    deadline = time.monotonic() + 60
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.02)


async def _until_idle(deliverer: Deliverer) -> None:
    """Wait until the sender has nothing loaded, in flight or pending (60 s: a guard against a hang)."""
    deadline = time.monotonic() + 60
    while not await deliverer.worker.idle():
        assert time.monotonic() < deadline, "the sender never ran out of work"
        await deliverer.worker.wait_progress(0.1)


def _broadcast(chat: int, slot: str, text: str) -> NewMessage:
    return NewMessage(chat, "broadcast", slot, 0, text, PRIORITY_BROADCAST)


async def test_a_row_left_behind_a_withdrawn_one_is_still_sent(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    # A group owes two broadcasts; the supergroup it becomes already got the first one, so moving the
    # group (as the bot's handler does when it sees the migration) withdraws only that one.
    store = OutboxStore(db)
    await add_subscribers(db, [(chat, ["SY"]) for chat in FILLERS])
    await add_subscribers(db, [(-7, ["SY"])], kind="group")
    await store.add([_broadcast(chat, "b1", "إعلان") for chat in FILLERS])
    await store.add([_broadcast(-7, "b1", "الإعلان الأول"), _broadcast(-7, "b2", "الإعلان الثاني")])
    await store.add([_broadcast(-1007, "b1", "الإعلان الأول")])
    sent = await db.fetchone("SELECT id FROM outbox WHERE chat_id = -1007")
    await store.record([Outcome(sent["id"], "sent", 1)])
    await deliverer.start()
    await _until(lambda: api.sent_to(FILLERS[0]))  # the group's rows are loaded, waiting their turn
    api.migrate(-7, -1007)
    await SubscriberStore(db).migrate_chat(-7, -1007)
    await _until(lambda: api.sent_to(-1007))
    assert [m.plain_text for m in api.sent_to(-1007)] == ["الإعلان الثاني"]


async def test_a_withdrawal_rolled_back_does_not_drop_the_rows_it_touched(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    # The database has one connection: a read made while another task's transaction is open sees its
    # changes before they are committed, and they may never be.
    store = OutboxStore(db)
    await add_subscribers(db, [(chat, ["SY"]) for chat in [*FILLERS, 7]])
    await store.add([_broadcast(chat, "b1", "إعلان") for chat in FILLERS])
    await store.add([_broadcast(7, "b1", "إعلان للقناة 7")])
    await deliverer.start()
    await _until(lambda: api.sent_to(FILLERS[0]))  # chat 7's row is loaded, waiting its turn
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM outbox WHERE chat_id = 7 AND state = 'pending'")
            await asyncio.sleep(0.4)  # sends go on meanwhile, and the rows waiting are read again
            raise RuntimeError("the withdrawal fails before its commit")
    await _until(lambda: api.sent_to(7))


async def test_a_recheck_that_cannot_read_the_outbox_neither_stops_sending_nor_floods_the_log(
    db: Database,
    api: SandboxBotAPI,
    deliverer: Deliverer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A withdrawal is a write to the same file: while it cannot be read, none can be committed either.
    async def unreadable(self: OutboxStore, ids: object) -> set[int]:
        raise StorageError("cannot read database: disk I/O error")

    monkeypatch.setattr(OutboxStore, "still_pending", unreadable)
    store = OutboxStore(db)
    await add_subscribers(db, [(chat, ["SY"]) for chat in FILLERS])
    await store.add([_broadcast(chat, "b1", "إعلان") for chat in FILLERS])
    await deliverer.start()
    await _until(lambda: all(api.sent_to(chat) for chat in FILLERS))
    said = [r for r in caplog.records if "disk I/O error" in r.getMessage() or r.exc_info]
    assert len(said) == 1


async def test_a_chat_that_stopped_while_a_digest_cycle_owes_its_chunks_is_sent_nothing_more(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each chunk of a cycle's plain subscribers lays out its new editions before its write
    # transaction: 20 to 250 ms per chunk of 5,000 subscribers of distinct regions (100,000 of them over
    # 200 codes, benchmarks/delivery.py's seed). Here the cycle's layouts wait until the test lets them
    # go on, so that the cycle is still owing its chunks for as long as the test needs.
    lay_out = fanout._edition_layouts
    laying, go_on = threading.Event(), threading.Event()

    def slow_layout(*args: Any) -> Any:
        laying.set()
        assert go_on.wait(60), "the test never let the cycle go on"
        return lay_out(*args)

    monkeypatch.setattr(fanout, "_edition_layouts", slow_layout)
    await add_article(
        db, title="خبر", source="مصدر", url="https://news.example/1",
        published_at=to_db_time(NOW - timedelta(minutes=20)),
        ingested_at=to_db_time(NOW - timedelta(minutes=15)),
        sections=[SectionSeed("نص", ["SY"], summary="ارتفاع أسعار الخبز في دمشق")],
    )  # fmt: skip
    for n in range(30):  # thirty windows: thirty editions, a chunk each
        window = to_db_time(NOW - timedelta(hours=1, minutes=n))
        await add_subscribers(db, [(1000 + n, ["SY"])], last_digest_at=window)
    await add_subscribers(db, [(chat, ["SY"]) for chat in [*FILLERS, 7]], last_digest_at=to_db_time(NOW))
    store = OutboxStore(db)
    await store.add([_broadcast(chat, "b1", "إعلان") for chat in FILLERS])
    await store.add([_broadcast(7, "b1", "إعلان للقناة 7")])
    await deliverer.start()
    await _until(lambda: api.sent_to(FILLERS[0]))  # chat 7's row is loaded, waiting its turn
    audience = {"digest:test": Audience(to_db_time(NOW), everyone=True)}
    cycle = asyncio.create_task(owe_digests(db, Config(), audience, NOW, chunk_size=1))
    try:
        await _until(laying.is_set)  # the cycle lays out its first chunk
        await SubscriberStore(db).forget(7)  # /stop, committed between two chunks of the cycle
        await _until(lambda: all(api.sent_to(chat) for chat in FILLERS))
        await _until_idle(deliverer)  # chat 7's turn has come and gone: nothing left to send
        assert not cycle.done()
    finally:
        go_on.set()
    await cycle
    assert api.sent_to(7) == []


async def test_a_digest_waiting_its_turn_when_its_chat_pauses_is_sent_once_after_resume(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    store = OutboxStore(db)
    chats = SubscriberStore(db)
    await add_subscribers(db, [(chat, ["SY"]) for chat in [*FILLERS, 7]])
    await store.add([_broadcast(chat, "b1", "إعلان") for chat in FILLERS])
    await store.add([NewMessage(7, "digest", "w1", 0, "نشرة القناة 7", PRIORITY_DIGEST)])
    await deliverer.start()
    await _until(lambda: api.sent_to(FILLERS[0]))  # chat 7's digest is loaded, waiting its turn
    await chats.set_paused(7, True)
    await _until(lambda: all(api.sent_to(chat) for chat in FILLERS))
    await asyncio.sleep(0.3)  # chat 7's turn has come and gone
    assert api.sent_to(7) == []
    await chats.set_paused(7, False)
    await _until(lambda: api.sent_to(7))
    await asyncio.sleep(0.3)
    assert [m.plain_text for m in api.sent_to(7)] == ["نشرة القناة 7"]


async def test_a_sender_that_cannot_load_the_outbox_says_so_once_while_the_fault_lasts(
    db: Database,
    api: SandboxBotAPI,
    deliverer: Deliverer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A database file replaced under the running bot is refused until a restart: one line, not one a poll.
    caplog.set_level(logging.INFO, logger="nashra.delivery.sender")
    load = OutboxStore.load_pending
    tries: list[float] = []

    async def unreadable(self: OutboxStore, *args: object) -> object:
        tries.append(time.monotonic())
        raise StorageError("database nashra.db was deleted or replaced while Nashra had it open", "replaced")

    monkeypatch.setattr(sender_module, "IDLE_POLL_S", 0.05)
    monkeypatch.setattr(OutboxStore, "load_pending", unreadable)
    await add_subscribers(db, [(7, ["SY"])])
    await OutboxStore(db).add([_broadcast(7, "b1", "إعلان للقناة 7")])
    await deliverer.start()
    await _until(lambda: len(tries) >= 5)
    said = [r.getMessage() for r in caplog.records if "cannot read the outbox" in r.getMessage()]
    assert len(said) == 1
    monkeypatch.setattr(OutboxStore, "load_pending", load)
    await _until(lambda: api.sent_to(7))
    assert any("can be read again" in r.getMessage() for r in caplog.records)
