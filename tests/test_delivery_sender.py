"""The outbox worker against the sandbox Bot API over HTTP: limits, errors, alerts, idempotent cycles."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from digest_seed import add_recent_story, add_subscribers
from telegram import Bot
from telegram.request import HTTPXRequest

from nashra.config import Config
from nashra.delivery import Deliverer, RateGovernor, sender
from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database
from nashra.storage.outbox import PRIORITY_BROADCAST, NewMessage, OutboxStore
from nashra.storage.subscribers import SubscriberStore

TOKEN = "123456:delivery-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaa"


@pytest.fixture
async def api() -> AsyncIterator[SandboxBotAPI]:
    async with SandboxBotAPI(limits=SandboxLimits(global_per_second=200)) as server:
        yield server


@pytest.fixture
async def deliverer(db: Database, api: SandboxBotAPI) -> AsyncIterator[Deliverer]:
    config = Config()
    config.delivery.global_per_second = 200
    config.delivery.retry_base_seconds = 0.1
    bot = Bot(TOKEN, base_url=api.base_url, request=HTTPXRequest(connection_pool_size=80))
    async with bot:
        service = Deliverer(bot, db, config)
        await service.start()
        yield service
        await service.stop()


async def _story(db: Database) -> None:
    await add_recent_story(db)


async def _drain(deliverer: Deliverer) -> None:
    for _ in range(100):
        if await deliverer.worker.idle():
            return
        await deliverer.worker.wait_progress(0.2)
    raise AssertionError("the outbox did not drain")


async def test_cycle_delivers_once_and_a_second_cycle_owes_nothing(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await _story(db)
    await add_subscribers(db, [(i, ["SY"]) for i in range(1, 51)])
    report = await deliverer.run_digest_cycle()
    assert (report.subscribers, report.messages) == (50, 50)
    await _drain(deliverer)
    again = await deliverer.run_digest_cycle()
    assert again.messages == 0
    assert all(len(api.sent_to(i)) == 1 for i in range(1, 51))


async def test_digest_on_request_sends_what_is_new_once(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await _story(db)
    await add_subscribers(db, [(42, ["SY-DR"]), (43, ["SY-DR"])])
    assert (await deliverer.digest_now(42)).messages == 1
    await _drain(deliverer)
    assert "ريف درعا" in api.last(42).plain_text and not api.sent_to(43)
    assert (await deliverer.digest_now(42)).messages == 0


async def test_digest_on_request_is_kept_when_sending_fails_for_now(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await _story(db)
    await add_subscribers(db, [(44, ["SY-DR"])])
    api.fail_next("sendMessage", 502, "Bad Gateway")
    await deliverer.digest_now(44)
    await _drain(deliverer)
    assert "ريف درعا" in api.last(44).plain_text


async def test_blocked_chat_is_marked_and_others_still_get_it(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sender, "GONE_HOLD_S", 0.2)  # the chat is marked when the hold ends, not 2 s on
    await _story(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    api.block(1)
    await deliverer.run_digest_cycle()
    await _drain(deliverer)
    row = await db.fetchone("SELECT blocked FROM subscribers WHERE chat_id = 1")
    assert row["blocked"] == 1 and len(api.sent_to(2)) == 1


async def test_retry_after_and_server_errors_are_retried(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await _story(db)
    await add_subscribers(db, [(1, ["SY"])])
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    api.fail_next("sendMessage", 502, "Bad Gateway")
    await deliverer.run_digest_cycle()
    await _drain(deliverer)
    assert len(api.sent_to(1)) == 1
    row = await db.fetchone("SELECT state, attempts FROM outbox WHERE chat_id = 1")
    assert (row["state"], row["attempts"]) == ("sent", 2)


async def test_bad_request_fails_without_retrying(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await _story(db)
    await add_subscribers(db, [(1, ["SY"])])
    api.fail_next("sendMessage", 400, "Bad Request: reply message not found")
    await deliverer.run_digest_cycle()
    await _drain(deliverer)
    row = await db.fetchone("SELECT state, attempts FROM outbox WHERE chat_id = 1")
    assert (row["state"], row["attempts"]) == ("failed", 1)


async def test_markup_telegram_cannot_parse_goes_out_as_plain_text(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await _story(db)
    await add_subscribers(db, [(1, ["SY"])])
    api.fail_next("sendMessage", 400, "Bad Request: can't parse entities: unsupported start tag")
    await deliverer.run_digest_cycle()
    await _drain(deliverer)
    (message,) = api.sent_to(1)
    assert message.parse_mode is None and "ريف درعا" in message.text and "<" not in message.text


async def test_migrated_group_moves_to_its_supergroup(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await _story(db)
    await add_subscribers(db, [(-5, ["SY"])], kind="group")
    api.migrate(-5, -1005)
    await deliverer.run_digest_cycle()
    await _drain(deliverer)
    assert len(api.sent_to(-1005)) == 1
    assert await db.fetchone("SELECT 1 FROM subscriptions WHERE chat_id = -1005 AND code = 'SY'")


async def test_alert_reaches_subscribers_of_the_region_and_its_country(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    await add_subscribers(db, [(1, ["SY-DR"]), (2, ["SY"]), (3, ["LB"])])
    assert await deliverer.audience_size(["SY-DR"]) == 2
    ticket = await deliverer.enqueue_alert(["SY-DR"], "انقطاع الطرق <الآن>", created_by=9)
    report = await deliverer.wait_alert(ticket.alert_id, timeout=10)
    assert (ticket.audience, report.delivered, report.pending) == (2, 2, 0)
    assert "<الآن>" in api.last(1).plain_text and not api.sent_to(3)


async def test_alert_for_a_country_reaches_followers_of_its_subdivisions(
    db: Database, deliverer: Deliverer
) -> None:
    await add_subscribers(db, [(1, ["SY-DR"]), (2, ["SY"]), (3, ["JO-AM"])])
    assert await deliverer.audience_size(["SY"]) == 2


async def test_alert_leaves_out_paused_and_blocked_subscribers(db: Database, deliverer: Deliverer) -> None:
    await add_subscribers(db, [(1, ["SY-DR"]), (2, ["SY-DR"]), (3, ["SY-DR"])])
    async with db.transaction() as conn:
        await conn.execute("UPDATE subscribers SET paused = 1 WHERE chat_id = 2")
        await conn.execute("UPDATE subscribers SET blocked = 1 WHERE chat_id = 3")
    assert await deliverer.audience_size(["SY-DR"]) == 1


def test_governor_spaces_sends_evenly_and_per_chat() -> None:
    clock = [0.0]
    governor = RateGovernor(10, 1, 20, clock=lambda: clock[0])
    starts = [governor.reserve(chat, False) for chat in range(5)]
    assert starts == pytest.approx([0.0, 0.1, 0.2, 0.3, 0.4])
    assert governor.chat_ready_at(0, False) == pytest.approx(1.0)


def test_governor_lets_an_evenly_paced_call_start_on_its_slot() -> None:
    clock = [0.0]
    governor = RateGovernor(10, 1, 20, clock=lambda: clock[0])
    for chat in range(25):
        clock[0] = governor.reserve(chat, False)
        assert governor.wait_to_start(chat) == pytest.approx(0.0)
        governor.begin(chat)
        governor.finished(chat)


def test_governor_keeps_late_calls_that_went_out_together_from_filling_a_second() -> None:
    clock = [0.05]
    governor = RateGovernor(10, 1, 20, clock=lambda: clock[0])
    governor.begin(1)
    governor.begin(2)  # two late calls went out together at 0.05 s
    for chat in range(3, 12):  # then nine on an even pace, 0.1 to 0.9 s
        clock[0] = chat / 10 - 0.2
        governor.begin(chat)
    clock[0] = 1.05
    # Ten started in the last second, but eleven in the last 1.1 s: starting now would fill the second
    # exactly, and the second late call's request arriving a millisecond later would make it twelve.
    assert governor.wait_to_start(12) == pytest.approx(0.1)


def test_governor_holds_a_call_to_a_chat_until_a_second_after_its_last_answer() -> None:
    clock = [0.0]
    governor = RateGovernor(10, 1, 20, clock=lambda: clock[0])
    governor.begin(1)
    assert governor.wait_to_start(1) > 0  # unanswered: a second call to the chat waits
    clock[0] = 0.4
    governor.finished(1)
    clock[0] = 1.0
    assert governor.wait_to_start(1) == pytest.approx(0.4)
    assert governor.wait_to_start(2) == 0.0


def test_governor_holds_an_outbox_call_while_a_handlers_call_is_held_by_the_bot_wide_pace() -> None:
    clock = [0.0]
    governor = RateGovernor(2, 1, 20, clock=lambda: clock[0])
    for chat in (1, 2):
        governor.begin(chat)
        governor.finished(chat)
    clock[0] = 1.6  # the window has room again
    governor.callers_holding = 1  # a reply held by the full window has not started yet
    assert governor.wait_to_start(3) == 0.0
    assert governor.wait_to_start(4, behind_callers=True) > 0


def test_governor_holds_a_call_booked_before_telegram_paused_the_bot() -> None:
    clock = [0.0]
    governor = RateGovernor(30, 1, 20, clock=lambda: clock[0])
    start = governor.reserve(1, False)
    governor.retry_after(2, 5)  # another chat's send: Telegram asks the whole bot to wait 5 s
    clock[0] = start
    assert governor.wait_to_start(1) == pytest.approx(5.0)


def test_governor_counts_a_groups_minute_from_its_calls_actual_starts() -> None:
    clock = [0.0]
    governor = RateGovernor(30, 1, 3, clock=lambda: clock[0])
    for _ in range(3):
        clock[0] = governor.reserve(-5, True) + 2.0  # each call starts 2 s after its slot (a slow reading)
        governor.begin(-5)
        governor.finished(-5)
    first_start = 2.0
    assert governor.chat_ready_at(-5, True) == pytest.approx(first_start + 60.5)


def test_governor_forgets_chats_quiet_for_a_minute() -> None:
    clock = [0.0]
    governor = RateGovernor(1_000_000, 1, 20, clock=lambda: clock[0])
    for minute in range(4):
        for chat in range(50_000):
            governor.reserve(minute * 50_000 + chat, chat % 7 == 0)
        clock[0] += 62  # a minute past the moment each of those chats could have had its next message
    assert len(governor) <= 50_000


async def test_a_chat_that_stops_gets_none_of_the_messages_still_waiting_for_its_turn(
    db: Database, api: SandboxBotAPI, deliverer: Deliverer
) -> None:
    # One message a second per chat: the second and third wait in the sender's memory for their turn.
    await add_subscribers(db, [(7, ["SY"])])
    await OutboxStore(db).add(
        [NewMessage(7, "broadcast", "b1", part, f"إعلان {part}", PRIORITY_BROADCAST) for part in range(3)]
    )
    deliverer.worker.wake()
    for _ in range(100):
        if api.sent_to(7):
            break
        await deliverer.worker.wait_progress(0.05)
    await SubscriberStore(db).forget(7)
    await _drain(deliverer)
    assert len(api.sent_to(7)) == 1
