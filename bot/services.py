"""What the handlers need, in one object: config, database, subscription domain, deliverer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.throttle import FloodGuard
from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.storage.db import Database
from subscriptions import SubscriptionService


@dataclass
class Services:
    """Built before the Application; the deliverer joins in :func:`bot.app.start_bot` (it needs the bot)."""

    config: Config
    db: Database
    subscriptions: SubscriptionService
    flood: FloodGuard
    deliverer: Deliverer | None = None

    @classmethod
    def create(cls, config: Config, db: Database) -> Services:
        return cls(
            config=config,
            db=db,
            subscriptions=SubscriptionService(db),
            flood=FloodGuard(config.telegram.flood_messages_per_minute),
        )
