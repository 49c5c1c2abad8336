"""A digest schedule that no test run can meet, for tests that start the real scheduler.

A bot built with :func:`bot.build_application` runs the configured digest times (08:00 and 20:00 UTC by
default) and, one second after it starts, catches up the latest one missed within
``[schedule] misfire_grace_minutes`` (see :mod:`nashra.scheduler`). A test started near one of those
times would see a digest it did not ask for: a chat gets one message more, or /digest finds nothing new
"since your last digest". So every test that starts the scheduler, in its own process or as ``nashra run``
/ ``nashra sandbox``, configures one digest time half a day from now: the latest occurrence is 12 hours
past (far outside any grace a test uses) and the next is 12 hours ahead (after any test has ended).
Tests of the scheduling itself give their runs a ``now`` instead (tests/test_scheduler.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from nashra.config import Config

AWAY = timedelta(hours=12)


def quiet_digest_time(now: datetime | None = None, zone: str = "UTC") -> str:
    """``"HH:MM"`` on the clock of ``zone`` half a day from ``now`` (default: the clock)."""
    return ((now or datetime.now(UTC)) + AWAY).astimezone(ZoneInfo(zone)).strftime("%H:%M")


def quiet_schedule(config: Config) -> Config:
    """``config`` with its one digest time half a day from now, in its own time zone; returned."""
    config.schedule.digest_times = [quiet_digest_time(zone=config.schedule.timezone)]
    return config


def quiet_schedule_toml() -> str:
    """The same schedule as a ``[schedule]`` table, for a config file given to a ``nashra`` process."""
    return f'[schedule]\ntimezone = "UTC"\ndigest_times = ["{quiet_digest_time()}"]\n'
