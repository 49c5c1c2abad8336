"""The outbox worker's priorities and limits against the sandbox Bot API: alerts first, groups, 429s."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from digest_seed import add_recent_story, add_subscribers
from telegram import Bot
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from nashra.config import Config
from nashra.delivery import Deliverer, OutboxWorker, RateGovernor
from nashra.delivery.limiter import GovernedRateLimiter
from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database
from nashra.storage.outbox import PRIORITY_BROADCAST, NewMessage, OutboxStore

TOKEN = "123456:limits-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa"


class ShiftedClock:
    """Monotonic time that a test can move forward, shared by the worker and the sandbox."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset


@pytest.fixture
def clock() -> ShiftedClock:
    return ShiftedClock()


@pytest.fixture
async def api(clock: ShiftedClock) -> AsyncIterator[SandboxBotAPI]:
    limits = SandboxLimits(global_per_second=500, per_chat_per_second=1, group_per_minute=3)
    async with SandboxBotAPI(limits=limits, clock=clock) as server:
        yield server


@pytest.fixture
async def bot(api: SandboxBotAPI) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=api.base_url, request=HTTPXRequest(connection_pool_size=16)) as client:
        yield client


def _config() -> Config:
    config = Config()
    config.delivery.global_per_second = 50
    config.delivery.group_per_minute = 3
    config.delivery.max_in_flight = 4
    return config


async def _owe(db: Database, chat_id: int, count: int) -> None:
    await OutboxStore(db).add(
        [
            NewMessage(chat_id, "broadcast", f"b{n}", 0, f"إعلان رقم {n}", PRIORITY_BROADCAST)
            for n in range(count)
        ]
    )


async def _until(predicate: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the sandbox")
        await asyncio.sleep(0.02)


async def test_alert_overtakes_the_digest_messages_still_queued(
    db: Database, api: SandboxBotAPI, bot: Bot
) -> None:
    await add_recent_story(db)
    digest_chats = range(1, 201)
    await add_subscribers(db, [(i, ["SY"]) for i in digest_chats])
    await add_subscribers(db, [(i, ["LB"]) for i in range(1001, 1006)])
    config = _config()
    deliverer = Deliverer(bot, db, config)
    assert (await deliverer.run_digest_cycle()).messages == 200
    await deliverer.start()
    try:
        await _until(lambda: api.total_sent() >= 20)
        ticket = await deliverer.enqueue_alert(["LB"], "انقطاع الطريق الساحلي", created_by=9)
        enqueued = time.time()  # the alert is in the outbox from here (writing it may take a while)
        report = await deliverer.wait_alert(ticket.alert_id, timeout=10)
    finally:
        await deliverer.stop()
    assert (ticket.audience, report.delivered) == (5, 5)
    alert_done = max(api.last(i).date for i in range(1001, 1006))
    digests = [m.date for i in digest_chats for m in api.sent_to(i)]
    # Only the sends already started when the alert arrived (max_in_flight) may finish before it.
    overtaken = sum(1 for d in digests if enqueued < d <= alert_done)
    assert overtaken <= config.delivery.max_in_flight + 1, overtaken
    assert sum(1 for d in digests if d > alert_done) + (200 - len(digests)) > 100


async def test_group_gets_no_more_than_its_per_minute_limit(
    db: Database, api: SandboxBotAPI, bot: Bot, clock: ShiftedClock
) -> None:
    config = _config()
    config.delivery.per_chat_per_second = 20
    # Only the group limit is under test: a 20/s per-chat check at the server would turn request jitter
    # into 429s that have nothing to do with it.
    api.limits.per_chat_per_second = None
    api.chat(-5, "group")
    await add_subscribers(db, [(-5, ["SY"])], kind="group")
    await add_subscribers(db, [(7, ["SY"])])
    await _owe(db, -5, 5)
    await _owe(db, 7, 5)
    worker = OutboxWorker(bot, OutboxStore(db), config.delivery, clock=clock)
    await worker.start()
    try:
        await api.wait_for(7, 5)
        await api.wait_for(-5, 3)
        assert worker.governor.chat_ready_at(-5, True) - clock() > 55
        await asyncio.sleep(0.3)
        assert len(api.sent_to(-5)) == 3, "a fourth message inside the minute"
        clock.offset += 61
        worker.wake()
        await api.wait_for(-5, 5)
    finally:
        await worker.stop()
    assert api.too_many_requests == 0


@pytest.mark.parametrize("timedelta_mode", ["true", "false"], ids=["timedelta", "int"])
async def test_retry_after_is_waited_out_before_the_resend(
    db: Database,
    api: SandboxBotAPI,
    bot: Bot,
    clock: ShiftedClock,
    monkeypatch: pytest.MonkeyPatch,
    timedelta_mode: str,
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", timedelta_mode)
    await add_subscribers(db, [(1, ["SY"])])
    await _owe(db, 1, 1)
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 30", retry_after=30)
    worker = OutboxWorker(bot, OutboxStore(db), _config().delivery, clock=clock)
    await worker.start()
    try:
        await _until(lambda: worker.stats.rate_limited == 1)
        assert worker.governor.chat_ready_at(1, False) - clock() > 29
        await asyncio.sleep(0.3)
        assert not api.sent_to(1), "resent before retry_after passed"
        clock.offset += 31
        worker.wake()
        await api.wait_for(1, 1)
    finally:
        await worker.stop()
    row = await db.fetchone("SELECT state, attempts FROM outbox WHERE chat_id = 1")
    assert (row["state"], row["attempts"]) == ("sent", 1)


class FirstSendArrivesLate(HTTPXRequest):
    """A connection whose first message reaches the Bot API ``late`` seconds after its start (a busy
    event loop, a slow network), while the next ones arrive at once."""

    def __init__(self, late: float = 0.4) -> None:
        super().__init__(connection_pool_size=16)
        self.late = late
        self.delayed = False

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if url.endswith("/sendMessage") and not self.delayed:
            self.delayed = True
            await asyncio.sleep(self.late)
        return await super().do_request(url, method, *args, **kwargs)


async def test_a_chat_paced_by_arrival_gets_no_429_when_a_send_arrives_late(
    db: Database, api: SandboxBotAPI
) -> None:
    await add_subscribers(db, [(1, ["SY"])])
    await _owe(db, 1, 2)
    async with Bot(TOKEN, base_url=api.base_url, request=FirstSendArrivesLate()) as late_bot:
        worker = OutboxWorker(late_bot, OutboxStore(db), _config().delivery)
        await worker.start()
        try:
            await _until(lambda: len(api.sent_to(1)) == 2)
        finally:
            await worker.stop()
    assert api.too_many_requests == 0


async def test_a_reply_waits_for_the_answer_to_the_outbox_message_in_flight_to_its_chat(
    db: Database, api: SandboxBotAPI
) -> None:
    await add_subscribers(db, [(1, ["SY"])])
    await _owe(db, 1, 1)
    api.set_faults(delay_s=0.5)  # answers come 0.5 s after the message is in the chat
    config = _config()
    limiter = GovernedRateLimiter(RateGovernor.from_config(config.delivery))
    request = FirstSendArrivesLate(late=0.9)
    async with ExtBot(TOKEN, base_url=api.base_url, request=request, rate_limiter=limiter) as bot:
        worker = OutboxWorker(bot, OutboxStore(db), config.delivery)
        await worker.start()
        try:
            await _until(lambda: worker.in_flight == 1)
            await bot.send_message(1, "رد على الأمر")  # a handler's reply while the digest is in flight
            await _until(lambda: len(api.sent_to(1)) == 2)
        finally:
            await worker.stop()
    assert api.too_many_requests == 0


async def test_sends_held_up_by_a_slow_outbox_reading_do_not_go_out_together(
    db: Database, api: SandboxBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sandbox counts 10 a second bot-wide (with its 5 % slack), the sender paces at 10 a second,
    # and each reading of the outbox before a send takes 0.35 s: the sends booked meanwhile wait for
    # it, and must not then reach the Bot API together on top of the last second's.
    api.limits.global_per_second = 10
    api.limits.per_chat_per_second = None
    read = OutboxStore.still_pending

    async def slow(self: OutboxStore, ids: Any) -> set[int]:
        await asyncio.sleep(0.35)
        return await read(self, ids)

    monkeypatch.setattr(OutboxStore, "still_pending", slow)
    chats = list(range(1, 41))
    await add_subscribers(db, [(chat, ["SY"]) for chat in chats])
    for chat in chats:
        await _owe(db, chat, 1)
    config = _config()
    config.delivery.global_per_second = 10
    config.delivery.max_in_flight = 8
    async with Bot(TOKEN, base_url=api.base_url, request=HTTPXRequest(connection_pool_size=16)) as client:
        worker = OutboxWorker(client, OutboxStore(db), config.delivery)
        await worker.start()
        try:
            await _until(lambda: sum(len(api.sent_to(chat)) for chat in chats) == 40, timeout=20)
        finally:
            await worker.stop()
    assert api.too_many_requests == 0


async def test_a_send_booked_before_stop_does_not_start_after_it(
    db: Database, api: SandboxBotAPI, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add_subscribers(db, [(1, ["SY"])])
    await _owe(db, 1, 1)
    gate = asyncio.Event()
    reached = asyncio.Event()
    read = OutboxWorker._withdrawn

    async def held_up(self: OutboxWorker, row: Any) -> bool:
        reached.set()
        await gate.wait()  # the send is booked and held (a reading, the bot-wide pace) when stop comes
        return await read(self, row)

    monkeypatch.setattr(OutboxWorker, "_withdrawn", held_up)
    worker = OutboxWorker(bot, OutboxStore(db), _config().delivery)
    await worker.start()
    await asyncio.wait_for(reached.wait(), 10)
    stopping = asyncio.create_task(worker.stop())
    await asyncio.sleep(0.05)
    gate.set()
    await stopping
    assert api.sent_to(1) == []
    row = await db.fetchone("SELECT state FROM outbox WHERE chat_id = 1")
    assert row["state"] == "pending"
