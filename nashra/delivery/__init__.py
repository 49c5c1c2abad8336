"""Delivery: owing digests, alerts and broadcasts, and sending them within Telegram's limits.

- :mod:`~nashra.delivery.deliverer`: the service the bot, the scheduler and ``digest --run`` call;
- :mod:`~nashra.delivery.sender`: the outbox worker (one per database: :mod:`~nashra.delivery.lease`);
- :mod:`~nashra.delivery.errors`: what each answer of the Bot API means for a chat;
- :mod:`~nashra.delivery.ratelimit` and :mod:`~nashra.delivery.limiter`: one governor for every call;
- :mod:`~nashra.delivery.slots`: digest times as instants, daylight-saving nights included.

The guarantees and their argument: :mod:`nashra.storage.outbox` and docs/delivery.md.

Public API::

    from nashra.delivery import Deliverer, AlertTicket, AlertReport, DigestRunReport
    deliverer = Deliverer(bot, db, config); await deliverer.start() ... await deliverer.stop()
"""

from nashra.delivery.deliverer import AlertReport, AlertTicket, Deliverer, DigestRunReport
from nashra.delivery.ratelimit import RateGovernor
from nashra.delivery.sender import OutboxWorker, SenderStats
from nashra.delivery.slots import slot_id

__all__ = [
    "AlertReport",
    "AlertTicket",
    "Deliverer",
    "DigestRunReport",
    "OutboxWorker",
    "RateGovernor",
    "SenderStats",
    "slot_id",
]
