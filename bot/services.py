"""What the handlers and jobs need, in one object: config, database, domain services, background work."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.throttle import FloodGuard
from nashra.articles.ingest import IngestReport, ingest
from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.storage.db import Database
from subscriptions import SubscriptionService
from summarizer import Summarizer, SummaryWorker

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Built before the Application; the deliverer joins in :func:`bot.app.start_bot` (it needs the bot).

    ``summary_worker`` summarizes newly ingested sections off the event loop; ``ingest`` fetches the
    configured feeds (None when there are none). The scheduler runs both.
    """

    config: Config
    db: Database
    subscriptions: SubscriptionService
    flood: FloodGuard
    summary_worker: SummaryWorker
    ingest: Callable[[], Awaitable[IngestReport]] | None = None
    deliverer: Deliverer | None = None

    @classmethod
    def create(cls, config: Config, db: Database) -> Services:
        worker = SummaryWorker(
            db, Summarizer.from_config(config.summarizer), interval_s=config.schedule.summarize_every_seconds
        )
        return cls(
            config=config,
            db=db,
            subscriptions=SubscriptionService(db),
            flood=FloodGuard(config.telegram.flood_messages_per_minute),
            summary_worker=worker,
            ingest=_feed_ingester(config, db) if config.ingest.feeds else None,
        )


def _feed_ingester(config: Config, db: Database) -> Callable[[], Awaitable[IngestReport]]:
    feeds = list(config.ingest.feeds)

    async def ingest_feeds() -> IngestReport:
        report = await ingest(db, feeds, config.ingest, on_reject=lambda line: log.warning("%s", line))
        log.info("feeds fetched: %s", report.summary())
        return report

    return ingest_feeds
