"""Subscribers and their regions: the domain the bot's handlers call."""

from subscriptions.model import (
    ChangeResult,
    ChannelBinding,
    DigestFormat,
    KeywordRow,
    ParsedRegions,
    Subscriber,
)
from subscriptions.service import (
    ADMIN_STATUSES,
    SubscriptionService,
    TimeError,
    TimeSetting,
    ZoneChoice,
    may_change_subscriptions,
    names_in_sentence,
    names_with_slips,
    parse_regions,
    parse_time,
)
from subscriptions.stats import Stats, collect_stats

__all__ = [
    "ADMIN_STATUSES",
    "ChangeResult",
    "ChannelBinding",
    "DigestFormat",
    "KeywordRow",
    "ParsedRegions",
    "Stats",
    "Subscriber",
    "SubscriptionService",
    "TimeError",
    "TimeSetting",
    "ZoneChoice",
    "collect_stats",
    "may_change_subscriptions",
    "names_in_sentence",
    "names_with_slips",
    "parse_regions",
    "parse_time",
]
