"""/pause and /resume keep their word (docs/delivery.md, "A chat that pauses").

A paused chat receives nothing: its digests, alerts and broadcasts not sent yet are held. /resume owes
them again at once, and the sender is woken for them; an alert or broadcast held longer than
``[delivery] max_age_days`` is no longer news and is dropped unsent, counted in its alert's report. A
message whose send was under way when the chat paused and resumed is not sent twice, and a digest run
still counts the messages it owed that a pause and a resume gave new ids.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from digest_seed import add_subscribers
from query_plans import plan_of
from telegram import Bot
from telegram.request import HTTPXRequest

from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.delivery import sender as sender_module
from nashra.sandbox import SandboxBotAPI
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.digests import commit_slot, subscriber
from nashra.storage.outbox import (
    PRIORITY_ALERT,
    PRIORITY_BROADCAST,
    PRIORITY_DIGEST,
    HeldChange,
    NewMessage,
    OutboxStore,
    Outcome,
)
from nashra.storage.preferences import PreferenceStore
from nashra.storage.subscribers import SubscriberStore
from tests.bot_harness import ADMIN, running_bot

TOKEN = "123456:pause-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
CHAT = 7
FILLERS = list(range(101, 121))
# Ten sends a second, evenly spaced (nashra/delivery/ratelimit.py): a row owed after the twenty
# fillers waits about two seconds in the sender's memory for its turn, time enough for the test to
# pause its chat first even on a loaded host.
RATE = 10
MAX_AGE = timedelta(days=Config().delivery.max_age_days)
NOW = datetime.now(UTC)


async def _alert(db: Database, chats: list[int] | None = None) -> int:
    """An alert for Syria, owed to its followers (``CHAT`` by default); its id."""
    await add_subscribers(db, [(chat, ["SY"]) for chat in chats or [CHAT]])
    alert, _ = await OutboxStore(db).create_alert(
        kind="alert", codes=["SY"], texts={"ar": "🚨 طريق درعا مغلق"}, raw_text="طريق درعا مغلق", created_by=1
    )
    return alert


async def _age(db: Database, days: float) -> None:
    """Make every message owed so far ``days`` old."""
    async with db.transaction() as conn:
        await conn.execute("UPDATE outbox SET created_at = ?", (to_db_time(NOW - timedelta(days=days)),))


async def _states(db: Database) -> list[tuple[str, str]]:
    rows = await db.fetchall("SELECT kind, state FROM outbox WHERE chat_id = ? ORDER BY id", (CHAT,))
    return [(row[0], row[1]) for row in rows]


async def _resume(db: Database) -> HeldChange | None:
    return await SubscriberStore(db).set_paused(CHAT, False, max_age=MAX_AGE)


# -- what a paused chat receives: nothing -----------------------------------------------------------


async def test_pausing_holds_the_alerts_and_broadcasts_not_sent_yet(db: Database) -> None:
    await _alert(db)
    await OutboxStore(db).add([NewMessage(CHAT, "broadcast", "alert:99", 0, "📣 إعلان", PRIORITY_BROADCAST)])
    change = await SubscriberStore(db).set_paused(CHAT, True)
    assert change == HeldChange(held=2)
    assert await _states(db) == [("alert", "held"), ("broadcast", "held")]
    assert await OutboxStore(db).load_pending(PRIORITY_ALERT, 0, 10) == []


async def test_resuming_owes_a_held_alert_again(db: Database) -> None:
    await _alert(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    change = await _resume(db)
    (again,) = await OutboxStore(db).load_pending(PRIORITY_ALERT, 0, 10)
    assert (change, "طريق درعا مغلق" in again.text) == (HeldChange(owed=1), True)


async def test_an_alert_held_longer_than_max_age_days_is_dropped_unsent_at_resume(db: Database) -> None:
    await _alert(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await _age(db, MAX_AGE.days + 1)
    change = await _resume(db)
    assert (change, await _states(db)) == (HeldChange(expired=1), [])


async def test_an_alert_held_within_max_age_days_is_owed_again(db: Database) -> None:
    await _alert(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await _age(db, MAX_AGE.days - 1)
    assert await _resume(db) == HeldChange(owed=1)


async def test_a_held_digest_is_owed_again_however_old(db: Database) -> None:
    await add_subscribers(db, [(CHAT, ["SY"])])
    await OutboxStore(db).add([NewMessage(CHAT, "digest", "w1", 0, "نشرة", PRIORITY_DIGEST)])
    await SubscriberStore(db).set_paused(CHAT, True)
    await _age(db, MAX_AGE.days * 10)
    assert (await _resume(db), await _states(db)) == (HeldChange(owed=1), [("digest", "pending")])


async def test_a_held_notice_of_no_alert_is_owed_again_however_old(db: Database) -> None:
    # "Your forum topic is gone; the news goes to General now" still holds after any pause.
    await add_subscribers(db, [(CHAT, ["SY"])])
    await OutboxStore(db).add(
        [NewMessage(CHAT, "alert", "notice:topic-gone:5", 0, "الموضوع حُذف", PRIORITY_ALERT)]
    )
    await SubscriberStore(db).set_paused(CHAT, True)
    await _age(db, MAX_AGE.days * 10)
    assert await _resume(db) == HeldChange(owed=1)


async def test_an_alerts_report_counts_the_messages_held_for_paused_chats(db: Database) -> None:
    alert = await _alert(db, [CHAT, 8])
    await SubscriberStore(db).set_paused(CHAT, True)
    counts = await OutboxStore(db).alert_counts(alert)
    assert (counts["pending"], counts["held"], counts["expired"]) == (1, 1, 0)


async def test_an_alerts_report_counts_the_messages_that_expired_held(db: Database) -> None:
    alert = await _alert(db, [CHAT, 8])
    await SubscriberStore(db).set_paused(CHAT, True)
    await _age(db, MAX_AGE.days + 1)
    await _resume(db)
    counts = await OutboxStore(db).alert_counts(alert)
    assert (counts["pending"], counts["held"], counts["expired"]) == (1, 0, 1)


async def test_an_alerts_report_still_counts_its_expired_messages_after_a_prune(db: Database) -> None:
    alert = await _alert(db, [CHAT, 8])
    await SubscriberStore(db).set_paused(CHAT, True)
    await _age(db, MAX_AGE.days + 1)
    await _resume(db)
    store = OutboxStore(db)
    (other,) = await store.load_pending(PRIORITY_ALERT, 0, 10)
    await store.record([Outcome(other.id, "sent", 1, message_id=3)])
    before = await store.alert_counts(alert)
    await store.prune_settled(NOW + timedelta(days=1))
    assert await store.alert_counts(alert) == before


async def admins_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, then: Callable[[SubscriberStore], Awaitable[object]]
) -> str:
    """The admin's delivery report of an alert to one subscriber's region, ``then`` done to the
    subscriber's row once the alert is owed and before the sender loads it."""
    create = OutboxStore.create_alert

    async def owed_then(self: OutboxStore, **kwargs: Any) -> tuple[int, int]:
        owed = await create(self, **kwargs)
        await then(SubscriberStore(self.db))
        return owed

    # The sender's poll made an hour long: it loads the alert when woken after it was owed, not before.
    monkeypatch.setattr(sender_module, "IDLE_POLL_S", 3600.0)
    async with running_bot(tmp_path) as harness:
        await harness.say(CHAT, "/subscribe حلب")
        monkeypatch.setattr(OutboxStore, "create_alert", owed_then)
        report = await harness.say(ADMIN, "/alert حلب | طريق مغلق", count=2)  # queued, then the report
    return report.plain_text


async def test_an_admins_report_says_how_many_messages_wait_for_paused_chats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = await admins_report(tmp_path, monkeypatch, lambda store: store.set_paused(CHAT, True))
    assert report.endswith("بانتظار 0.\n⏸ محجوز حتى تستأنف محادثاته الإرسال (أوقفته مؤقتاً): 1.")


async def test_an_admins_report_says_how_many_messages_were_withdrawn_with_their_chats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = await admins_report(tmp_path, monkeypatch, lambda store: store.forget(CHAT))
    assert report.endswith("بانتظار 0.\n🚪 لم يُرسل لأن محادثته غادرت (/stop) أو أُلغي ربطها قبل الإرسال: 1.")


# -- sending: what goes out, and when ----------------------------------------------------------------


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


async def _drained(deliverer: Deliverer, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not await deliverer.worker.idle():
        if time.monotonic() > deadline:
            raise AssertionError("the outbox did not drain")
        await asyncio.sleep(0.05)


async def test_an_alert_waiting_its_turn_when_its_chat_pauses_is_not_sent_until_resume(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await add_subscribers(db, [(chat, ["SY"]) for chat in [*FILLERS, CHAT]])
    store = OutboxStore(db)
    await store.add([NewMessage(chat, "alert", "alert:1", 0, "عاجل", PRIORITY_ALERT) for chat in FILLERS])
    await store.add([NewMessage(CHAT, "alert", "alert:1", 0, "عاجل للقناة 7", PRIORITY_ALERT)])
    await deliverer.start()
    await _until(lambda: api.sent_to(FILLERS[0]))  # chat 7's alert is loaded, waiting its turn
    await SubscriberStore(db).set_paused(CHAT, True)
    await _until(lambda: all(api.sent_to(chat) for chat in FILLERS))
    await asyncio.sleep(0.3)  # chat 7's turn has come and gone
    assert api.sent_to(CHAT) == []
    await _resume(db)
    deliverer.worker.wake()
    await _drained(deliverer)
    assert [m.plain_text for m in api.sent_to(CHAT)] == ["عاجل للقناة 7"]


async def test_a_message_being_sent_when_its_chat_pauses_and_resumes_is_sent_once(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await add_subscribers(db, [(CHAT, ["SY"])])
    await OutboxStore(db).add([NewMessage(CHAT, "digest", "w1", 0, "نشرة القناة 7", PRIORITY_DIGEST)])
    api.set_faults(delay_s=0.5)  # delivered at once, answered half a second later
    await deliverer.start()
    await _until(lambda: api.sent_to(CHAT))
    await SubscriberStore(db).set_paused(CHAT, True)  # /pause, then /resume, while the send is under way
    await _resume(db)
    deliverer.worker.wake()
    api.set_faults()
    await _drained(deliverer)
    assert [m.plain_text for m in api.sent_to(CHAT)] == ["نشرة القناة 7"]
    assert await _states(db) == [("digest", "sent")]


async def test_a_message_waiting_its_turn_when_its_chat_pauses_and_resumes_at_once_is_sent_once(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await add_subscribers(db, [(chat, ["SY"]) for chat in [*FILLERS, CHAT]])
    await OutboxStore(db).add(
        [NewMessage(chat, "broadcast", "b1", 0, "إعلان", PRIORITY_BROADCAST) for chat in FILLERS]
    )
    await OutboxStore(db).add([NewMessage(CHAT, "digest", "w1", 0, "نشرة القناة 7", PRIORITY_DIGEST)])
    await deliverer.start()
    await _until(lambda: api.sent_to(FILLERS[0]))  # chat 7's digest is loaded, waiting its turn
    await SubscriberStore(db).set_paused(CHAT, True)  # within one reading of the rows' state
    await _resume(db)
    deliverer.worker.wake()
    await _drained(deliverer)
    assert [m.plain_text for m in api.sent_to(CHAT)] == ["نشرة القناة 7"]


async def test_a_message_piece_delivered_while_its_chat_paused_and_resumed_is_not_sent_again(
    db: Database,
) -> None:
    # The outcome of a send under way is recorded after /resume owed the message again: it is the new
    # row's, and the next piece follows the one delivered.
    await add_subscribers(db, [(CHAT, ["SY"])])
    store = OutboxStore(db)
    await store.add([NewMessage(CHAT, "digest", "w1", 0, "نشرة طويلة", PRIORITY_DIGEST)])
    (loaded,) = await store.load_pending(PRIORITY_DIGEST, 0, 10)
    await SubscriberStore(db).set_paused(CHAT, True)
    await _resume(db)
    await store.record([Outcome(loaded.id, "pending", 0, message_id=4, sent_offset=5, key=loaded.key)])
    (again,) = await store.load_pending(PRIORITY_DIGEST, 0, 10)
    assert (again.id > loaded.id, again.sent_offset) == (True, 5)


async def test_resume_wakes_the_sender_for_the_held_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sender's poll made an hour long: only a wake-up sends the held digest while the test waits.
    monkeypatch.setattr(sender_module, "IDLE_POLL_S", 3600.0)
    async with running_bot(tmp_path) as harness:
        await harness.say(CHAT, "/subscribe سوريا")
        await harness.say(CHAT, "/pause")
        await OutboxStore(harness.services.db).add([NewMessage(CHAT, "digest", "w1", 0, "نشرة محجوزة")])
        await SubscriberStore(harness.services.db).set_paused(CHAT, True)  # held, as /pause holds it
        before = len(harness.api.sent_to(CHAT))
        harness.api.user_says(CHAT, "/resume")
        sent = await harness.api.wait_for(CHAT, 2, after=before, timeout=5.0)
    assert "نشرة محجوزة" in [m.plain_text for m in sent]


# -- a digest run's report ------------------------------------------------------------------------------


async def _run_owes(db: Database) -> tuple[int, int]:
    """A digest run owes ``CHAT`` one message; the id range it wrote."""
    await add_subscribers(db, [(CHAT, ["SY"])])
    found = await subscriber(db, CHAT)
    assert found is not None
    cutoff = to_db_time(NOW)
    _, _, ids = await commit_slot(
        db,
        slot="digest:test",
        started_at=cutoff,
        cutoff=cutoff,
        windows=[(CHAT, None, found.revision)],
        parts=[(CHAT, 0, "خبر", None)],
    )
    assert ids is not None
    return ids


async def test_a_run_counts_its_message_owed_again_after_a_pause(db: Database) -> None:
    ids = await _run_owes(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await _resume(db)
    store = OutboxStore(db)
    assert ((await store.states_of([ids]))["pending"], await store.pending_of([ids])) == (1, 1)


async def test_a_run_counts_its_message_sent_after_a_pause_once(db: Database) -> None:
    ids = await _run_owes(db)
    store = OutboxStore(db)
    for _ in range(2):  # paused and resumed twice: the message is owed under a third id
        await SubscriberStore(db).set_paused(CHAT, True)
        await _resume(db)
    (again,) = await store.load_pending(PRIORITY_DIGEST, 0, 10)
    await store.record([Outcome(again.id, "sent", 1, message_id=9)])
    counts = await store.states_of([ids])
    assert (counts["sent"], sum(counts.values())) == (1, 1)


async def test_a_run_counts_its_held_messages_as_held(db: Database) -> None:
    ids = await _run_owes(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await _resume(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    assert (await OutboxStore(db).states_of([ids]))["held"] == 1


async def test_what_a_run_waits_for_reads_its_messages_owed_again_through_their_own_index(
    db: Database,
) -> None:
    plan = await plan_of(db, OutboxStore(db).pending_of([(7, 9)]), "first_id")
    assert "SEARCH o USING INDEX outbox_first (first_id>? AND first_id<?)" in plan
    assert "SEARCH o USING INDEX outbox_pending (priority=?)" not in plan


async def test_pausing_finds_the_chats_messages_through_the_outbox_key(db: Database) -> None:
    # The chat's pending rows, not every pending row of the outbox (a cycle's million).
    await add_subscribers(db, [(CHAT, ["SY"])])
    plan = await plan_of(db, SubscriberStore(db).set_paused(CHAT, True), "SET state = 'held'")
    assert plan == "SEARCH outbox USING INDEX sqlite_autoindex_outbox_1 (chat_id=?)"


async def test_an_outcome_finds_the_row_owed_again_through_the_outbox_key(db: Database) -> None:
    outcome = Outcome(5, "sent", 1, message_id=3, key=(CHAT, "digest", "w1", 0))
    plan = await plan_of(db, OutboxStore(db).record([outcome]), "AND part = ")
    assert plan.startswith("SEARCH outbox USING INDEX sqlite_autoindex_outbox_1 (chat_id=? AND kind=?")


# -- a forum topic gone while the chat is paused -------------------------------------------------------


async def test_the_notice_of_a_topic_gone_in_a_paused_chat_is_held(db: Database) -> None:
    # The notice is owed when a send to the topic comes back "thread not found": a send that was under
    # way when the chat paused. It waits for /resume like everything else owed to the chat.
    await add_subscribers(db, [(CHAT, ["SY"])], kind="supergroup")
    await SubscriberStore(db).set_paused(CHAT, True)
    notice = NewMessage(CHAT, "alert", "notice:topic-gone:5", 0, "الموضوع حُذف", PRIORITY_ALERT)
    await OutboxStore(db).drop_topic(CHAT, 5, notice)
    assert await _states(db) == [("alert", "held")]


async def test_a_paused_forum_is_told_of_its_topic_gone_only_after_resume(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add_subscribers(db, [(CHAT, ["SY"])], kind="supergroup")
    await PreferenceStore(db).bind_topic(CHAT, 5, ["SY"])
    api.chat(CHAT, "supergroup", is_forum=True)
    api.delete_topic(CHAT, 5)
    await OutboxStore(db).add([NewMessage(CHAT, "alert", "alert:1", 0, "عاجل", PRIORITY_ALERT, thread_id=5)])
    drop = OutboxStore.drop_topic

    async def paused_meanwhile(self: OutboxStore, *args: Any) -> list[str]:
        await SubscriberStore(self.db).set_paused(CHAT, True)  # /pause while the send was under way
        return await drop(self, *args)

    monkeypatch.setattr(OutboxStore, "drop_topic", paused_meanwhile)
    await deliverer.start()
    await _until(lambda: api.calls["sendMessage"] >= 1)
    await _drained(deliverer)  # nothing is left to send: the notice waits, held
    assert api.sent_to(CHAT) == []
    await _resume(db)
    deliverer.worker.wake()
    await _drained(deliverer)
    texts = [m.plain_text for m in api.sent_to(CHAT)]
    assert (len(texts), "عاجل" in texts, any("/topic" in t for t in texts)) == (2, True, True)


# -- a stale alert whose send was under way --------------------------------------------------------------


async def test_an_alert_delivered_while_its_chat_resumed_past_max_age_is_counted_delivered(
    db: Database,
) -> None:
    # /resume found it stale and counted it expired, but its send, under way, cannot be called back.
    alert = await _alert(db)
    store = OutboxStore(db)
    (loaded,) = await store.load_pending(PRIORITY_ALERT, 0, 10)
    await SubscriberStore(db).set_paused(CHAT, True)
    await _age(db, MAX_AGE.days + 1)
    await _resume(db)
    await store.record([Outcome(loaded.id, "sent", 1, message_id=3, key=loaded.key)])
    counts = await store.alert_counts(alert)
    assert (counts["sent"], counts["expired"]) == (1, 0)


async def test_a_stale_alert_being_sent_when_its_chat_pauses_and_resumes_is_reported_as_delivered(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    alert = await _alert(db)
    await _age(db, MAX_AGE.days + 1)  # owed days ago: the bot was down since, say
    api.set_faults(delay_s=0.5)  # delivered at once, answered half a second later
    await deliverer.start()
    await _until(lambda: api.sent_to(CHAT))
    await SubscriberStore(db).set_paused(CHAT, True)  # /pause, then /resume, while the send is under way
    assert await _resume(db) == HeldChange(expired=1)
    api.set_faults()
    await _drained(deliverer)
    report = await deliverer.alert_report(alert)
    assert (len(api.sent_to(CHAT)), report.delivered, report.expired) == (1, 1, 0)
