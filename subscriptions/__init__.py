"""Subscribers and their regions: the domain the bot's handlers call."""

from subscriptions.model import ChangeResult, ParsedRegions, Subscriber
from subscriptions.service import SubscriptionService, TimeError, may_change_subscriptions, parse_time

__all__ = [
    "ChangeResult",
    "ParsedRegions",
    "Subscriber",
    "SubscriptionService",
    "TimeError",
    "may_change_subscriptions",
    "parse_time",
]
