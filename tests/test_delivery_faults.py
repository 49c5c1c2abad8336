"""The outbox sender against a misbehaving Bot API (the sandbox's fault hooks): what each fault means.

Outcomes that cannot be saved, unreadable answers, outages, messages refused as too long, chats that
are gone, deleted forum topics, a proxy refusing everything, and a flood-control wait of an hour.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from digest_seed import add_recent_story, add_subscribers
from telegram import Bot
from telegram.request import HTTPXRequest

from nashra.articles.ingest import ingest
from nashra.articles.inputs import plan
from nashra.config import Config
from nashra.delivery import Deliverer, sender
from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database, StorageError
from nashra.storage.db import from_db_time, to_db_time
from nashra.storage.outbox import PRIORITY_BROADCAST, NewMessage, OutboxStore, Outcome
from nashra.storage.preferences import PreferenceStore
from nashra.storage.subscribers import SubscriberStore

TOKEN = "123456:faults-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa"
CHATS = list(range(1, 21))


@pytest.fixture
async def api() -> AsyncIterator[SandboxBotAPI]:
    async with SandboxBotAPI(
        limits=SandboxLimits(global_per_second=None, per_chat_per_second=None)
    ) as server:
        yield server


@pytest.fixture
def config() -> Config:
    config = Config()
    config.delivery.global_per_second = 500
    config.delivery.per_chat_per_second = 100
    config.delivery.max_in_flight = 4
    config.delivery.retry_base_seconds = 0.1
    config.delivery.max_attempts = 3
    config.delivery.request_timeout_s = 1.0
    config.telegram.admins = [4242]
    return config


@pytest.fixture
async def deliverer(db: Database, api: SandboxBotAPI, config: Config) -> AsyncIterator[Deliverer]:
    request = HTTPXRequest(connection_pool_size=16, read_timeout=1.0)
    async with Bot(TOKEN, base_url=api.base_url, request=request) as bot:
        service = Deliverer(bot, db, config)
        yield service
        await service.stop()


@pytest.fixture
def quick_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sender's pauses, shortened so a test sees several rounds in a second or two."""
    monkeypatch.setattr(sender, "OUTAGE_FIRST_PAUSE_S", 0.2)
    monkeypatch.setattr(sender, "OUTAGE_MAX_PAUSE_S", 0.5)
    monkeypatch.setattr(sender, "MASS_PAUSE_S", 0.5)
    monkeypatch.setattr(sender, "MASS_PROBE_EVERY_S", 0.1)
    monkeypatch.setattr(sender, "GONE_HOLD_S", 0.5)


async def _owe(db: Database, text: str = "إعلان للجميع", chats: list[int] = CHATS) -> None:
    await add_subscribers(db, [(chat, ["SY"]) for chat in chats])
    await OutboxStore(db).add(
        [NewMessage(chat, "broadcast", "b1", 0, text, PRIORITY_BROADCAST) for chat in chats]
    )


async def _until(predicate: Callable[[], object], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.02)


def _said(caplog: pytest.LogCaptureFixture, part: str) -> bool:
    return any(part in record.getMessage() for record in caplog.records)


def _hold_until_the_refusal_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Gone verdicts are held far longer than a loaded machine takes to see a mass refusal: the hold
    is there for that (a verdict marked before the refusal is seen would block its chat for good)."""
    monkeypatch.setattr(sender, "GONE_HOLD_S", 600.0)


def _end_every_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here a gone verdict still held, not withdrawn by the mass refusal, is marked at the
    worker's next turn once sending resumes: its chat would then receive nothing."""
    monkeypatch.setattr(sender, "GONE_HOLD_S", 0.0)


class _LeapingClock:
    """The worker's monotonic clock, which a test moves ahead at once instead of waiting."""

    def __init__(self) -> None:
        self.ahead = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.ahead

    def leap(self, seconds: float) -> None:
        self.ahead += seconds


async def _drain(deliverer: Deliverer, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not await deliverer.worker.idle():
        if time.monotonic() > deadline:
            raise AssertionError("the outbox did not drain")
        await deliverer.worker.wait_progress(0.1)


async def _states(db: Database) -> dict[str, int]:
    rows = await db.fetchall("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
    return {row["state"]: row["n"] for row in rows}


async def test_sending_pauses_while_outcomes_cannot_be_saved(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _owe(db)
    record = OutboxStore.record
    disk_full = True
    refused = 0  # saves refused so far

    async def failing_record(self: OutboxStore, *args: object, **kwargs: object) -> None:
        nonlocal refused
        if disk_full:
            refused += 1
            raise StorageError("cannot write to database: database or disk is full")
        await record(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(OutboxStore, "record", failing_record)
    await deliverer.start()
    await _until(lambda: api.total_sent() >= config.delivery.max_in_flight)
    # The sender tries the save again (every half second) while the window is full: two more refusals
    # after the window filled are two turns at which it could have sent on.
    full_at = refused
    await _until(lambda: refused >= full_at + 2)
    # A crash now would repeat what was sent: never more than the in-flight window.
    assert api.total_sent() == config.delivery.max_in_flight
    disk_full = False
    await _drain(deliverer)
    assert [len(api.sent_to(chat)) for chat in CHATS] == [1] * len(CHATS)


async def test_an_unreadable_answer_counts_as_an_attempt_with_backoff(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer, config: Config
) -> None:
    await _owe(db, chats=[1])
    api.set_faults(garbage='{"ok":true,"result":{}}')  # delivered, then an answer PTB cannot read
    await deliverer.start()
    await _drain(deliverer)
    row = await db.fetchone("SELECT state, attempts FROM outbox WHERE chat_id = 1")
    assert (row["state"], row["attempts"]) == ("failed", config.delivery.max_attempts)
    copies = [m.date for m in api.sent_to(1)]
    assert len(copies) == config.delivery.max_attempts
    assert copies[-1] - copies[0] >= 0.8 * (0.1 + 0.2), "retried without backing off"


@pytest.mark.usefixtures("quick_pauses")
@pytest.mark.parametrize(
    "fault", [{"status": 500}, {"status": 502}, {"reset": True}], ids=["500", "502", "reset"]
)
async def test_an_outage_is_waited_out_without_failing_any_row(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer, fault: dict[str, object]
) -> None:
    await _owe(db)
    api.set_faults(for_s=2.0, **fault)
    await deliverer.start()
    await _drain(deliverer)
    assert [len(api.sent_to(chat)) for chat in CHATS] == [1] * len(CHATS)
    assert await _states(db) == {"sent": len(CHATS)}
    assert deliverer.worker.stats.outages >= 1


@pytest.mark.usefixtures("quick_pauses")
async def test_unreadable_answers_on_every_chat_do_not_repeat_one_message_at_each_probe(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The quick pauses' outage pauses and a backoff each halved, for an outage half as long: the same
    # half-dozen probes during the outage, which would send one chat as many copies if they all went to it.
    monkeypatch.setattr(sender, "OUTAGE_FIRST_PAUSE_S", 0.1)
    monkeypatch.setattr(sender, "OUTAGE_MAX_PAUSE_S", 0.25)
    config.delivery.retry_base_seconds = 1.0
    await _owe(db)
    api.set_faults(garbage='{"ok":true,"result":{}}', for_s=1.5)  # delivered, answers unreadable
    await deliverer.start()
    await _drain(deliverer)
    assert await _states(db) == {"sent": len(CHATS)}
    copies = [len(api.sent_to(chat)) for chat in CHATS]
    assert max(copies) <= config.delivery.max_attempts, copies


async def test_a_message_refused_as_too_long_is_split_and_sent_whole(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    lines = [f"• بند رقم {n} من إعلان طويل عن درعا وريفها الغربي" for n in range(40)]
    await _owe(db, "<b>إعلان</b>\n" + "\n".join(lines), chats=[1])
    api.set_faults(max_text_units=300)  # a Telegram stricter than the sender thinks
    await deliverer.start()
    await _drain(deliverer)
    shown = "\n".join(m.plain_text for m in api.sent_to(1))
    assert len(api.sent_to(1)) > 3 and all(line in shown for line in lines)
    row = await db.fetchone("SELECT state, sent_offset, length(text) AS n FROM outbox WHERE chat_id = 1")
    assert row["state"] == "sent" and row["sent_offset"] == row["n"]


async def test_a_split_message_resumes_after_the_last_piece_delivered(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    text = "\n\n".join(f"فقرة رقم {n}: " + "كلام " * 200 for n in range(4))
    await _owe(db, text, chats=[1])
    first_end = text.index("\n\nفقرة رقم 1")
    async with db.transaction() as conn:  # a crash came after the first piece was recorded sent
        await conn.execute("UPDATE outbox SET sent_offset = ? WHERE chat_id = 1", (first_end,))
    await deliverer.start()
    await _drain(deliverer)
    shown = "\n".join(m.plain_text for m in api.sent_to(1))
    assert "فقرة رقم 0" not in shown and all(f"فقرة رقم {n}" in shown for n in (1, 2, 3))


async def test_an_item_with_a_4200_character_source_name_is_delivered(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer, shared_dir: Path
) -> None:
    feed = shared_dir / "cases" / "01_oversize_item_long_feed_title.xml"
    report = await ingest(db, plan([str(feed)]), Config().ingest)
    assert report.ingested == 1, report.rejected
    async with db.transaction() as conn:  # ingested a minute ago: the cycle's window holds it
        await conn.execute(
            "UPDATE articles SET ingested_at = ?", (to_db_time(datetime.now(UTC) - timedelta(minutes=1)),)
        )
    await add_subscribers(
        db, [(1, ["SY-DR"])], last_digest_at=to_db_time(datetime.now(UTC) - timedelta(days=3))
    )
    await deliverer.run_digest_cycle()
    await deliverer.start()
    await _drain(deliverer)
    assert "افتتاح طريق" in "\n".join(m.plain_text for m in api.sent_to(1))
    assert await _states(db) == {"sent": 1}


@pytest.mark.parametrize(
    "answer",
    [
        (400, "Bad Request: chat not found"),
        (400, "Bad Request: not enough rights to send text messages to the chat"),
        (403, "Forbidden: user is deactivated"),
        (403, "Forbidden: bot was kicked from the supergroup chat"),
    ],
    ids=["not found", "no rights", "deactivated", "kicked"],
)
async def test_a_chat_that_is_gone_is_marked_once_and_never_owed_again(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer, answer: tuple[int, str], quick_pauses: None
) -> None:
    await add_recent_story(db)
    await add_subscribers(
        db, [(1, ["SY"])], last_digest_at=to_db_time(datetime.now(UTC) - timedelta(hours=2))
    )
    api.fail_next("sendMessage", *answer)
    await deliverer.start()
    await deliverer.run_digest_cycle()
    await _drain(deliverer)
    assert (await db.fetchone("SELECT blocked FROM subscribers WHERE chat_id = 1"))["blocked"] == 1
    assert await _states(db) == {"blocked": 1}
    assert (await deliverer.run_digest_cycle()).subscribers == 0
    assert api.calls["sendMessage"] == 1


async def test_the_sender_is_not_idle_while_the_outcomes_it_records_are_not_committed(
    db: Database, deliverer: Deliverer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read on the one connection, a transaction recording outcomes shows the rows it settled before it
    # commits, and before it marks a gone chat blocked: the outbox has nothing pending then, and only
    # the worker knows that its outcomes are not saved yet.
    record = OutboxStore.record
    halfway, go_on = asyncio.Event(), asyncio.Event()

    async def in_two_steps(
        self: OutboxStore, outcomes: Sequence[Outcome], blocked: Iterable[int] = ()
    ) -> None:
        await record(self, outcomes)  # the rows settled, as this connection sees them mid-transaction
        halfway.set()
        await go_on.wait()
        await record(self, [], blocked)

    monkeypatch.setattr(OutboxStore, "record", in_two_steps)
    await _owe(db, chats=[1])
    await deliverer.start()
    await asyncio.wait_for(halfway.wait(), 5.0)
    idle = await deliverer.worker.idle()
    go_on.set()
    assert idle is False


async def test_a_deleted_topic_falls_back_to_general_unbinds_and_tells_the_group(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await add_recent_story(db)
    await add_subscribers(db, [(-100, ["SY-DR"])], kind="supergroup")
    await PreferenceStore(db).bind_topic(-100, 77, ["SY-DR"])
    api.chat(-100, "supergroup", is_forum=True)
    api.delete_topic(-100, 77)
    await deliverer.run_digest_cycle()
    await deliverer.start()
    await _drain(deliverer)
    messages = api.sent_to(-100)
    assert all(m.thread_id is None for m in messages)
    assert any("ريف درعا" in m.plain_text for m in messages)
    assert any("درعا" in m.plain_text and "/topic" in m.plain_text for m in messages), (
        "the group was not told"
    )
    assert await PreferenceStore(db).topics(-100) == {}
    assert await _states(db) == {"sent": 2}


@pytest.mark.usefixtures("quick_pauses")
async def test_a_proxy_refusing_everything_blocks_nobody_pauses_and_tells_the_admins(
    db: Database,
    api: SandboxBotAPI,
    deliverer: Deliverer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chats = list(range(1, 61))
    await _owe(db, chats=chats)
    _hold_until_the_refusal_is_seen(monkeypatch)
    api.set_faults(forbid_all=True)
    await deliverer.start()
    await _until(lambda: _said(caplog, "nobody is marked"))
    await _until(lambda: _said(caplog, "admin 4242"))  # the admins are told (and the proxy refuses that too)
    blocked = await db.fetchone("SELECT COUNT(*) AS n FROM subscribers WHERE blocked = 1")
    assert blocked["n"] == 0 and (await _states(db)).get("blocked", 0) == 0
    _end_every_hold(monkeypatch)
    api.set_faults()  # the proxy is fixed: the next probe goes through, and sending resumes
    await _drain(deliverer)
    assert [len(api.sent_to(chat)) for chat in chats] == [1] * len(chats)


@pytest.mark.usefixtures("quick_pauses")
async def test_a_proxy_refusing_a_small_audience_blocks_nobody(
    db: Database,
    api: SandboxBotAPI,
    deliverer: Deliverer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chats = list(range(1, 11))
    await _owe(db, chats=chats)
    _hold_until_the_refusal_is_seen(monkeypatch)
    api.set_faults(forbid_all=True)
    await deliverer.start()
    await _until(lambda: _said(caplog, "nobody is marked"))
    blocked = await db.fetchone("SELECT COUNT(*) AS n FROM subscribers WHERE blocked = 1")
    assert blocked["n"] == 0 and (await _states(db)).get("blocked", 0) == 0
    _end_every_hold(monkeypatch)
    api.set_faults()
    await _drain(deliverer)
    assert [len(api.sent_to(chat)) for chat in chats] == [1] * len(chats)


@pytest.mark.usefixtures("quick_pauses")
async def test_what_is_owed_to_a_chat_held_as_gone_is_sent_when_the_verdict_is_withdrawn(
    db: Database,
    api: SandboxBotAPI,
    deliverer: Deliverer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sender, "GONE_HOLD_S", 60.0)
    clock = _LeapingClock()
    monkeypatch.setattr(deliverer.worker, "clock", clock)
    monkeypatch.setattr(deliverer.worker.governor, "clock", clock)
    chats = list(range(1, 31))
    await _owe(db, chats=chats)
    api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", times=3)
    await deliverer.start()
    await _until(lambda: api.total_sent() == len(chats) - 3)
    clock.leap(sender.MASS_WINDOW_S + 1)  # the deliveries leave the window that tells a mass refusal
    # Owed while three chats are held as gone; then a proxy refuses everything: nobody was gone.
    await OutboxStore(db).add(
        [NewMessage(chat, "broadcast", "b2", 0, "إعلان ثان", PRIORITY_BROADCAST) for chat in chats]
    )
    api.set_faults(forbid_all=True)
    deliverer.worker.wake()
    await _until(lambda: any("nobody is marked" in r.getMessage() for r in caplog.records))
    api.set_faults()
    await _drain(deliverer)
    assert [len(api.sent_to(chat)) for chat in chats] == [2] * len(chats)


async def test_a_message_owed_after_a_pending_one_was_deleted_is_sent(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    store = OutboxStore(db)
    deliverer.config.delivery.retry_base_seconds = 600  # the failed send waits in memory for its retry
    api.fail_next("sendMessage", 502, "Bad Gateway")
    await store.add([NewMessage(1, "broadcast", "b1", 0, "إعلان", PRIORITY_BROADCAST)])
    await deliverer.start()
    await _until(lambda: deliverer.worker.stats.retried == 1)
    await SubscriberStore(db).forget(1)  # /stop: its pending message is dropped
    await store.add([NewMessage(2, "broadcast", "b2", 0, "إعلان آخر", PRIORITY_BROADCAST)])
    deliverer.worker.wake()
    await _until(lambda: len(api.sent_to(2)) == 1)


async def test_stopping_cuts_short_the_wait_retry_after_asks_and_leaves_the_rows_pending(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    # What the stop does, not how fast: 60 s guards against waiting out the hour.
    await _owe(db, chats=[1, 2, 3])
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 3600", retry_after=3600)
    await deliverer.start()
    await _until(lambda: deliverer.worker.stats.rate_limited == 1)
    deadline = time.monotonic() + 60
    while not await db.fetchall("SELECT 1 FROM outbox WHERE not_before IS NOT NULL"):  # the wait stored
        assert time.monotonic() < deadline, "Telegram's wait was never stored"
        await asyncio.sleep(0.02)
    await asyncio.wait_for(deliverer.stop(), 60)
    states = [r["state"] for r in await db.fetchall("SELECT state FROM outbox")]
    assert len(states) == 3 and set(states) <= {"pending", "sent"}, "a row was lost or given up"
    rows = await db.fetchall("SELECT state, not_before FROM outbox WHERE not_before IS NOT NULL")
    assert rows and all(row["state"] == "pending" for row in rows)
    waits = [(from_db_time(row["not_before"]) - datetime.now(UTC)).total_seconds() for row in rows]
    assert all(3500 < wait <= 3600 for wait in waits), "a row lost its not_before"


async def test_a_send_waiting_for_its_turn_at_stop_ends_without_the_grace_of_one_under_way(
    db: Database, api: SandboxBotAPI, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A slot every 100 s: the first send goes out at once, the next two are booked for their slots,
    # 100 and 200 s later. Those are no sends in flight, so a stop that would give an hour to a request
    # under way ends them at once (60 s guards against waiting them out: slots nearer than that would
    # be waited out within it), and their rows stay pending. (A 429 answered to the first send would
    # race the booking of the others: the worker books nothing while Telegram's wait is on.)
    monkeypatch.setattr(sender, "BOOK_AHEAD_S", 1000.0)
    config.delivery.global_per_second = 0.01
    await _owe(db, chats=[1, 2, 3])
    async with Bot(TOKEN, base_url=api.base_url) as bot:
        worker = Deliverer(bot, db, config).worker
        await worker.start()
        await _until(lambda: worker.stats.sent == 1 and worker.in_flight == 2)
        await asyncio.wait_for(worker.stop(grace=3600), 60)
    states = [r["state"] for r in await db.fetchall("SELECT state FROM outbox ORDER BY chat_id")]
    assert states == ["sent", "pending", "pending"]


async def test_sends_ended_waiting_for_their_turn_at_a_stop_go_out_once_after_a_start_again(
    db: Database, api: SandboxBotAPI, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stop ends the sends booked for later slots (no send under way): a start after it clears the
    # stop, so they are sent, each once, and no send waits on the old stop.
    monkeypatch.setattr(sender, "BOOK_AHEAD_S", 5.0)
    config.delivery.global_per_second = 1
    await _owe(db, chats=[1, 2, 3])
    async with Bot(TOKEN, base_url=api.base_url) as bot:
        worker = Deliverer(bot, db, config).worker
        await worker.start()
        await _until(lambda: worker.stats.sent == 1)
        await asyncio.wait_for(worker.stop(grace=3600), 60)
        await worker.start()
        await _until(lambda: worker.stats.sent == 3)
        await worker.stop()
    states = [r["state"] for r in await db.fetchall("SELECT state FROM outbox")]
    assert states == ["sent"] * 3
    assert [len(api.sent_to(chat)) for chat in (1, 2, 3)] == [1, 1, 1]


@pytest.mark.parametrize("retry", [True, False], ids=["retry", "no retry"])
async def test_a_timed_out_send_is_sent_again_only_if_configured(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer, retry: bool
) -> None:
    deliverer.config.delivery.retry_unknown_outcome = retry
    await _owe(db, chats=[1])
    api.set_faults(delay_s=1.5, for_s=1.0)  # delivered, but answered after the sender stopped waiting
    await deliverer.start()
    await _drain(deliverer)
    row = await db.fetchone("SELECT state FROM outbox WHERE chat_id = 1")
    if retry:  # it may arrive twice, never not at all
        assert (row["state"], len(api.sent_to(1))) == ("sent", 2)
    else:  # it arrives at most once: here it did, though the sender cannot know
        assert (row["state"], len(api.sent_to(1))) == ("failed", 1)
