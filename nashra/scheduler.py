"""Recurring work on python-telegram-bot's JobQueue (APScheduler's AsyncIOScheduler underneath).

- one daily job per configured ``[schedule] digest_times`` in ``[schedule] timezone``, on a trigger that
  runs a time falling in a daylight-saving gap at the first minute after it (APScheduler's cron trigger
  skips it; see :mod:`nashra.delivery.slots`);
- a job every minute for subscribers with a personal /time (``subscribers.digest_time``);
- a catch-up job at start: the JobQueue keeps no jobs across restarts, so the latest configured slot
  missed during downtime (within ``misfire_grace_minutes``) runs once; personal times catch up the same
  way. Because a digest holds everything since the subscriber's previous one, a missed slot is coalesced
  into the next digest instead of being replayed;
- feed ingestion every ``ingest_every_minutes`` and summarization of pending sections every
  ``summarize_every_seconds`` (until the backlog is empty), when the services provide them;
- once a day (first ten minutes after start), the messages (digests, alerts, broadcasts) settled more
  than ``[delivery] keep_days`` ago are pruned with the digest fragments nothing uses any more, and so
  are the subscriber profiles no subscriber holds (:func:`nashra.storage.profiles.prune_profiles`).

Every job is ``coalesce=True`` and ``max_instances=1`` with the configured misfire grace, so a loop that
was busy or a machine that slept does not run a job several times in a row. Running a slot again is
harmless: a subscriber owed at or after the slot's instant is no longer due for it, and a window is
never owed twice (see :mod:`nashra.storage.outbox`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from telegram.ext import Application, ContextTypes

from nashra.config import Config
from nashra.delivery.slots import LocalTimeTrigger, latest_instant
from nashra.storage.db import Database, StorageError
from nashra.storage.profiles import prune_profiles

log = logging.getLogger(__name__)

SUMMARY_BATCH = 64
PRUNE_EVERY_S = 24 * 3600
PRUNE_FIRST_S = 600


class JobServices(Protocol):
    db: Database
    config: Config
    deliverer: Any


def _job_kwargs(config: Config) -> dict[str, Any]:
    return {
        "coalesce": True,
        "max_instances": 1,
        "misfire_grace_time": config.schedule.misfire_grace_minutes * 60,
    }


def install_jobs(application: Application, services: JobServices) -> list[str]:
    """Schedule digests, ingestion and summarization on ``application.job_queue``; returns job names."""
    queue = application.job_queue
    if queue is None:
        raise RuntimeError("the Application has no JobQueue: install python-telegram-bot[job-queue]")
    config = services.config
    zone = ZoneInfo(config.schedule.timezone)
    kwargs = _job_kwargs(config)
    names: list[str] = []

    async def scheduled_digest(context: ContextTypes.DEFAULT_TYPE) -> None:
        job = context.job
        hhmm = str(job.data) if job is not None else ""
        now = datetime.now(UTC)
        # The occurrence this run is for: a run late past midnight is still for yesterday's slot, not
        # for tomorrow's (whose slot id would then be taken, and tomorrow's digest owed to nobody).
        report = await services.deliverer.run_scheduled_digest(latest_instant(now, hhmm, zone), now)
        log.info("scheduled digest %s: %s", hhmm, report)

    for hhmm in config.schedule.digest_times:
        name = f"digest {hhmm} {config.schedule.timezone}"
        queue.run_custom(
            scheduled_digest,
            job_kwargs={**kwargs, "trigger": LocalTimeTrigger(hhmm, zone)},
            name=name,
            data=hhmm,
        )
        names.append(name)

    async def personal_digests(context: ContextTypes.DEFAULT_TYPE) -> None:
        await services.deliverer.run_personal_digests()

    now = datetime.now(UTC)
    queue.run_repeating(
        personal_digests,
        interval=60,
        first=60 - now.second + 1,
        name="personal digests",
        job_kwargs=kwargs,
    )
    names.append("personal digests")

    async def catch_up(context: ContextTypes.DEFAULT_TYPE) -> None:
        report = await services.deliverer.run_catch_up()
        log.info("digest catch-up after start: %s", report)

    queue.run_once(catch_up, when=1, name="digest catch-up")
    names.append("digest catch-up")

    async def prune(context: ContextTypes.DEFAULT_TYPE) -> None:
        keep = timedelta(days=config.delivery.keep_days)
        try:
            pruned = await services.deliverer.outbox.prune_settled(datetime.now(UTC) - keep)
        except StorageError as exc:
            # What was pruned before the failure stays pruned; the rest goes at the next run.
            log.error("cannot prune old outbox messages (%s); trying again in a day", exc)
            return
        log.info(
            "pruned %d digest and %d alert or broadcast messages settled over %g days ago and %d unused "
            "fragments",
            pruned.messages - pruned.alerts,
            pruned.alerts,
            config.delivery.keep_days,
            pruned.fragments,
        )
        try:
            profiles = await prune_profiles(services.db)
        except StorageError as exc:
            log.error("cannot prune unused subscriber profiles (%s); trying again in a day", exc)
            return
        log.info("pruned %d subscriber profiles no subscriber holds", profiles)

    queue.run_repeating(
        prune, interval=PRUNE_EVERY_S, first=PRUNE_FIRST_S, name="prune outbox", job_kwargs=kwargs
    )
    names.append("prune outbox")

    ingest: Callable[[], Awaitable[Any]] | None = getattr(services, "ingest", None)
    if ingest is not None:

        async def ingest_job(context: ContextTypes.DEFAULT_TYPE) -> None:
            await ingest()

        queue.run_repeating(
            ingest_job,
            interval=config.schedule.ingest_every_minutes * 60,
            first=5,
            name="ingest feeds",
            job_kwargs=kwargs,
        )
        names.append("ingest feeds")

    worker = getattr(services, "summary_worker", None)
    if worker is not None:

        async def summarize(context: ContextTypes.DEFAULT_TYPE) -> None:
            while await worker.run_once(SUMMARY_BATCH):
                pass

        queue.run_repeating(
            summarize,
            interval=max(1, config.schedule.summarize_every_seconds),
            first=2,
            name="summarize pending sections",
            job_kwargs=kwargs,
        )
        names.append("summarize pending sections")
    return names
