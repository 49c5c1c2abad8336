"""A test that starts the bot gets the same outcome at any time of day: no configured digest time, and no
start-up catch-up of one, reaches it (tests/quiet_schedule.py).

The end-to-end body below is what many bot tests do (a subscriber with news asks for /digest) run with
the clock set just before and just after one of the default digest times; the control runs it on the
default schedule, to show that the clock set here is the one the real scheduler reads.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from digest_seed import add_recent_story, add_subscribers

from nashra.config import Config
from nashra.delivery.slots import latest_instant, next_instant
from nashra.storage import Database
from nashra.texts import text
from tests.bot_harness import BotHarness, running_bot
from tests.quiet_schedule import quiet_digest_time

SLOT = datetime(2026, 5, 12, 8, 0, tzinfo=UTC)  # 08:00 UTC: one of the default digest times
CHAT = 1
CLOCKS = {
    "a second before a digest time": SLOT - timedelta(seconds=1),
    "five seconds after one (start-up catch-up)": SLOT + timedelta(seconds=5),
}


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "Pacific/Kiritimati", "America/Havana"])
@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 5, 12, 7, 59, 50, tzinfo=UTC),
        datetime(2026, 5, 12, 8, 0, 5, tzinfo=UTC),
        datetime(2026, 5, 12, 19, 59, 55, tzinfo=UTC),
        datetime(2026, 5, 12, 23, 59, 58, tzinfo=UTC),
        datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC),  # Europe springs forward at 01:00 UTC
        datetime(2026, 10, 25, 0, 59, 59, tzinfo=UTC),  # and falls back
        datetime(2026, 3, 8, 4, 59, 59, tzinfo=UTC),  # Havana springs forward at midnight local
    ],
)
def test_the_quiet_digest_time_is_half_a_day_away_on_both_sides(now: datetime, zone: str) -> None:
    # Ten hours, not twelve: a daylight-saving change in between moves the local time by one.
    hhmm = quiet_digest_time(now, zone)
    assert now - latest_instant(now, hhmm, ZoneInfo(zone)) > timedelta(hours=10)
    assert next_instant(now, hhmm, ZoneInfo(zone)) - now > timedelta(hours=10)


async def _subscriber_with_news(db: Database) -> None:
    """What a restarted bot finds: a subscriber never sent a digest, and a story from the last hour."""
    await add_recent_story(db)
    await add_subscribers(db, [(CHAT, ["SY"])])


async def _asks_for_a_digest_once_the_slot_passed(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> str:
    """Wait (for the scheduler's own reports, not for a fixed time) until the start-up catch-up has run,
    the clock has passed the digest time and a job for that time, if any, has run; let whatever they owed
    be sent; then ask for /digest. Returns its reply."""
    queue = harness.application.job_queue
    assert queue is not None
    # A job for the digest time fires at it, unless the bot started only after it (the catch-up serves it).
    slot_job = any(job.name == f"digest {SLOT:%H:%M} UTC" and job.next_t == SLOT for job in queue.jobs())

    def done() -> bool:
        reports = [record.getMessage() for record in caplog.records]
        return (
            any(report.startswith("digest catch-up after start") for report in reports)
            and datetime.now(UTC) >= SLOT + timedelta(seconds=1)
            and (
                not slot_job or any(report.startswith(f"scheduled digest {SLOT:%H:%M}") for report in reports)
            )
        )

    deadline = time.monotonic() + 10
    while not done():
        assert time.monotonic() < deadline, "the scheduler never reported its start-up catch-up"
        await asyncio.sleep(0.02)
    await harness.drain()
    return (await harness.say(CHAT, "/digest")).plain_text


def _digests(harness: BotHarness) -> list[str]:
    return [m.plain_text for m in harness.api.sent_to(CHAT) if m.plain_text.lstrip("\u200f").startswith("📰")]


@pytest.fixture(params=list(CLOCKS))
def clock(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture) -> Iterator[datetime]:
    caplog.set_level(logging.INFO, logger="nashra.scheduler")
    with time_machine.travel(CLOCKS[request.param], tick=True):
        yield CLOCKS[request.param]


async def test_a_bot_test_sees_only_the_digest_it_asks_for_at_a_digest_time(
    tmp_path: Path, clock: datetime, caplog: pytest.LogCaptureFixture
) -> None:
    async with running_bot(tmp_path, seed=_subscriber_with_news) as harness:
        reply = await _asks_for_a_digest_once_the_slot_passed(harness, caplog)
        (digest,) = _digests(harness)
    assert reply == digest and "درعا" in digest


async def test_control_on_the_default_schedule_the_slot_serves_the_news_first(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="nashra.scheduler")

    def default_schedule(config: Config) -> None:
        config.schedule.digest_times = Config().schedule.digest_times

    with time_machine.travel(CLOCKS["a second before a digest time"], tick=True):
        async with running_bot(tmp_path, configure=default_schedule, seed=_subscriber_with_news) as harness:
            reply = await _asks_for_a_digest_once_the_slot_passed(harness, caplog)
            (digest,) = _digests(harness)
    assert "درعا" in digest
    assert reply == text("ar", "digest_empty")
