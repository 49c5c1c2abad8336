"""Digest times on a zone's clock, daylight-saving nights included (field case 07)."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from digest_seed import add_subscribers
from telegram import Bot
from telegram.ext import Application

from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.delivery.slots import latest_instant
from nashra.scheduler import install_jobs
from nashra.storage import Database

CAIRO = ZoneInfo("Africa/Cairo")
TOKEN = "123456:slots-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa"


def _case_config(shared_dir: Path) -> Config:
    case = tomllib.loads((shared_dir / "cases" / "07_dst_midnight_digest.toml").read_text(encoding="utf-8"))
    config = Config()
    config.schedule.timezone = case["schedule"]["timezone"]
    config.schedule.digest_times = case["schedule"]["digest_times"]
    return config


class _Services:
    def __init__(self, db: Database, config: Config) -> None:
        self.db, self.config = db, config
        self.deliverer = Deliverer(Bot(TOKEN), db, config)


async def test_digest_in_a_spring_forward_gap_fires_at_the_first_minute_after_it(
    db: Database, shared_dir: Path
) -> None:
    config = _case_config(shared_dir)
    application = Application.builder().token(TOKEN).build()
    install_jobs(application, _Services(db, config))
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name("digest 00:30 Africa/Cairo")
    trigger = job.job.trigger
    fires, previous, now = [], None, datetime(2025, 4, 23, 12, 0, tzinfo=UTC)
    for _ in range(3):
        previous = trigger.get_next_fire_time(previous, now)
        fires.append(previous.astimezone(CAIRO).strftime("%m-%d %H:%M"))
    # 2025-04-25 has no 00:30 in Cairo (00:00 -> 01:00): that night's digest runs at 01:00, not never.
    assert fires == ["04-24 00:30", "04-25 01:00", "04-26 00:30"]


def test_a_time_shown_twice_on_a_fall_back_night_is_the_first_one() -> None:
    # 2025-10-30 in Cairo: 23:00-23:59 happens twice (clocks go from 24:00 back to 23:00).
    after_both = datetime(2025, 10, 30, 22, 0, tzinfo=UTC)
    assert latest_instant(after_both, "23:30", CAIRO) == datetime(2025, 10, 30, 20, 30, tzinfo=UTC)


async def test_catch_up_in_the_gap_night_owes_that_nights_digest(db: Database, shared_dir: Path) -> None:
    config = _case_config(shared_dir)
    await add_subscribers(db, [(1, ["EG"])], last_digest_at="2025-04-23T22:30:00+00:00")
    report = await Deliverer(Bot(TOKEN), db, config).run_catch_up(datetime(2025, 4, 24, 22, 10, tzinfo=UTC))
    assert report.slots == ("digest:2025-04-24T22:00Z",) and report.subscribers == 1
