"""Digest scheduling: the JobQueue jobs, catch-up of missed runs, personal /time digests, idempotent slots."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from digest_seed import SectionSeed, add_article, add_subscribers
from telegram import Bot
from telegram.ext import Application, CallbackContext

from nashra.config import Config
from nashra.delivery import Deliverer, DigestRunReport, slot_id
from nashra.digest.fanout import owe_digests
from nashra.scheduler import install_jobs
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.digests import due_subscribers
from tests.owed_rows import write_owed

TOKEN = "123456:scheduler-test-token-aaaaaaaaaaaaaaaaaaaaaaaa"
RIYADH = ZoneInfo("Asia/Riyadh")  # UTC+3 all year


class CountingDeliverer(Deliverer):
    """The real deliverer (its sender never started), counting the personal-digest runs it is asked for."""

    def __init__(self, bot: Bot, db: Database, config: Config) -> None:
        super().__init__(bot, db, config)
        self.personal_runs = 0

    async def run_personal_digests(self, now: datetime | None = None) -> DigestRunReport:
        self.personal_runs += 1
        return await super().run_personal_digests(now)


@dataclass
class Services:
    db: Database
    config: Config
    deliverer: CountingDeliverer


def _config() -> Config:
    config = Config()
    config.schedule.timezone = "Asia/Riyadh"
    config.schedule.digest_times = ["08:00", "20:00"]
    config.schedule.misfire_grace_minutes = 30
    return config


@pytest.fixture
async def services(db: Database) -> AsyncIterator[Services]:
    config = _config()
    yield Services(db, config, CountingDeliverer(Bot(TOKEN), db, config))


async def _story(db: Database, ingested: datetime) -> None:
    await add_article(
        db, title="درعا", source="عنب بلدي", url=f"https://a.example/{ingested.timestamp()}",
        published_at=to_db_time(ingested - timedelta(minutes=5)), ingested_at=to_db_time(ingested),
        sections=[SectionSeed("x", ["SY", "SY-DR"], summary="اشتباكات في ريف درعا الغربي")],
    )  # fmt: skip


async def _owed(db: Database) -> list[tuple[int, str]]:
    """(chat, run slot) of every digest row; a row's slot is "<run slot>/<end of its window>", both in
    ISO 8601's basic format (nashra.storage.digests.window_key)."""
    await write_owed(db)
    rows = await db.fetchall("SELECT chat_id, slot FROM outbox WHERE kind = 'digest' ORDER BY chat_id, slot")
    return [(row["chat_id"], row["slot"].split("/")[0]) for row in rows]


def _local(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=RIYADH)


async def test_daily_digest_jobs_run_in_the_configured_zone_with_coalescing_and_grace(
    services: Services,
) -> None:
    application = Application.builder().token(TOKEN).build()
    install_jobs(application, services)
    assert application.job_queue is not None
    for hhmm in ("08:00", "20:00"):
        (job,) = application.job_queue.get_jobs_by_name(f"digest {hhmm} Asia/Riyadh")
        scheduled = job.job
        assert scheduled.coalesce is True and scheduled.max_instances == 1
        assert scheduled.misfire_grace_time == 30 * 60
        fire = scheduled.trigger.get_next_fire_time(None, datetime(2026, 3, 1, 0, 0, tzinfo=UTC))
        hour, minute = (int(x) for x in hhmm.split(":"))
        assert fire == datetime(2026, 3, 1, hour, minute, tzinfo=RIYADH)


class RecordingDeliverer(CountingDeliverer):
    """Records the slot instants the daily digest jobs ask for."""

    def __init__(self, bot: Bot, db: Database, config: Config) -> None:
        super().__init__(bot, db, config)
        self.scheduled: list[datetime] = []

    async def run_scheduled_digest(
        self, scheduled_for: datetime, now: datetime | None = None
    ) -> DigestRunReport:
        self.scheduled.append(scheduled_for)
        return await super().run_scheduled_digest(scheduled_for, now)


async def test_daily_digest_run_late_past_midnight_is_for_the_day_before(db: Database) -> None:
    # Riyadh's clock reads 00:20 on 2 March, and the 23:59 digest of 1 March runs 21 minutes late.
    config = _config()
    config.schedule.digest_times = ["23:59"]
    config.schedule.misfire_grace_minutes = 120
    deliverer = RecordingDeliverer(Bot(TOKEN), db, config)
    application = Application.builder().token(TOKEN).build()
    install_jobs(application, Services(db, config, deliverer))
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name("digest 23:59 Asia/Riyadh")
    with time_machine.travel(_local(2, 0, 20), tick=False):
        await job.callback(CallbackContext.from_job(job, application))
    assert deliverer.scheduled == [_local(1, 23, 59).astimezone(UTC)]


async def test_job_missed_several_times_within_grace_runs_once(services: Services) -> None:
    application = Application.builder().token(TOKEN).build()
    install_jobs(application, services)
    queue = application.job_queue
    assert queue is not None
    (job,) = queue.get_jobs_by_name("personal digests")
    executed = asyncio.Event()
    errors: list[BaseException] = []

    def listener(event: JobExecutionEvent) -> None:
        if event.job_id == job.job.id:
            if event.exception is not None:
                errors.append(event.exception)
            executed.set()

    queue.scheduler.add_listener(listener, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    await queue.start()
    try:
        # The loop was busy (or the machine slept) through five one-minute runs, all within the grace.
        job.job.modify(next_run_time=datetime.now(UTC) - timedelta(minutes=5))
        await asyncio.wait_for(executed.wait(), 10)
    finally:
        await queue.stop()
    assert not errors
    assert services.deliverer.personal_runs == 1


async def test_missed_configured_slots_are_caught_up_once_with_everything_since(
    db: Database, services: Services
) -> None:
    await add_subscribers(db, [(1, ["SY"])], last_digest_at=to_db_time(_local(1, 20, 0)))
    await _story(db, _local(2, 7, 0).astimezone(UTC))
    await _story(db, _local(2, 19, 0).astimezone(UTC))
    deliverer = services.deliverer
    # Down through 08:00 and 20:00; back at 20:10: only the 20:00 slot is owed, holding both stories.
    report = await deliverer.run_catch_up(_local(2, 20, 10))
    assert report.slots == ("digest:2026-03-02T17:00Z",) and report.messages == 1
    again = await deliverer.run_catch_up(_local(2, 20, 12))
    assert again.messages == 0
    assert await _owed(db) == [(1, "20260302T1700Z")]


async def test_a_slot_run_again_after_an_upgrade_owes_nothing_to_those_its_first_run_owed(
    db: Database, services: Services
) -> None:
    slot = _local(2, 8, 0)
    # Before migration 0280 a run in the slot's first second ended its windows the second before it.
    await add_subscribers(db, [(1, ["SY"])], last_digest_at=to_db_time(slot - timedelta(seconds=1)))
    await _story(db, (slot + timedelta(minutes=1)).astimezone(UTC))

    again = await services.deliverer.run_scheduled_digest(slot, slot + timedelta(minutes=3))

    assert (again.subscribers, again.messages) == (0, 0)


async def test_personal_time_digest_fires_only_for_the_subscriber_whose_time_is_due(
    db: Database, services: Services
) -> None:
    week_ago = to_db_time(_local(1, 0, 0) - timedelta(days=7))
    await add_subscribers(db, [(1, ["SY"])], digest_time="07:30", last_digest_at=week_ago)
    await add_subscribers(db, [(2, ["SY"])], digest_time="09:00", last_digest_at=week_ago)
    await add_subscribers(db, [(3, ["SY"])], last_digest_at=week_ago)
    await _story(db, _local(2, 6, 0).astimezone(UTC))
    report = await services.deliverer.run_personal_digests(_local(2, 7, 31))
    assert (report.subscribers, report.messages) == (1, 1)
    assert await _owed(db) == [(1, "20260302T0430Z")]


async def test_running_the_same_slot_twice_owes_nothing_new(db: Database, services: Services) -> None:
    week_ago = to_db_time(_local(1, 0, 0) - timedelta(days=7))
    await add_subscribers(db, [(i, ["SY"]) for i in range(1, 6)], last_digest_at=week_ago)
    await _story(db, _local(2, 7, 0).astimezone(UTC))
    slot = _local(2, 8, 0)
    # A second process read the same due subscribers before the first one owed them.
    stale = await due_subscribers(db, to_db_time(slot))
    first = await services.deliverer.run_scheduled_digest(slot, slot + timedelta(seconds=1))
    raced = await owe_digests(db, services.config, {slot_id(slot): stale}, slot + timedelta(seconds=20))
    # The job retried, or the start-up catch-up after a restart, runs the slot once more.
    again = await services.deliverer.run_scheduled_digest(slot, slot + timedelta(seconds=30))
    # The raced run, whose cutoff is later, owes only what came after the first one's: nothing.
    assert (first.messages, raced[0].messages) == (5, 0)
    assert (again.subscribers, again.messages) == (0, 0)
    assert len(await _owed(db)) == 5
