"""Delivery: the outbox, Telegram's rate limits and the sender.

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
