"""Digest times on the clock of a time zone, as instants: daylight-saving nights included.

A digest time is a wall-clock time ("00:30") in a zone. On most days it names one instant. On a
spring-forward night the wall clock skips an hour, and a time inside the gap names none: the digest
runs at the first minute the clock does show after the gap (in Africa/Cairo on 2025-04-25, 00:30 ->
01:00). On a fall-back night the wall clock shows an hour twice, and a time inside it names two
instants: the digest runs at the first. So every local day has exactly one digest per digest time.

APScheduler 3's ``CronTrigger`` skips a time that falls in a gap (and python-telegram-bot's
``run_daily`` uses it), so :class:`LocalTimeTrigger` stands in for it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger

from nashra.clock import zone_label


def slot_id(moment: datetime) -> str:
    """The id of a digest slot: its instant in UTC to the minute, the same for every subscriber."""
    return "digest:" + moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def slot_time(slot: str) -> datetime | None:
    """The instant of a digest slot id (the inverse of :func:`slot_id`); None for another kind of slot."""
    try:
        return datetime.strptime(slot.removeprefix("digest:")[:17], "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def slot_label(slot: str, zone: ZoneInfo | None = None, language: str | None = None) -> str:
    """A digest slot as people read it: "2026-05-12 08:00 UTC", or in ``zone`` ("… 11:00 Asia/Damascus").

    With ``language`` (a chat's), the zone is named as that chat reads zones everywhere else
    (:func:`nashra.clock.zone_label`): "2026-05-12 11:00 (توقيت سوريا)"."""
    moment = slot_time(slot)
    if moment is None:
        return slot
    local = moment.astimezone(zone) if zone is not None else moment
    key = zone.key if zone is not None else "UTC"
    if language is not None:
        return f"{local:%Y-%m-%d %H:%M} ({zone_label(key, language)})"
    return f"{local:%Y-%m-%d %H:%M} {key}"


def parse_hhmm(hhmm: str) -> time:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return time(hour, minute)


def occurrence(day: date, at: time, zone: tzinfo) -> datetime:
    """The instant (UTC) the clock of ``zone`` first reads ``at`` on ``day``, or, when ``at`` falls in a
    daylight-saving gap that day, the first instant after the gap."""
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        # Not in a gap; in an overlap fold=0 is the earlier of the two instants.
        return first
    # In a gap: fold=0 reads the wall time with the offset before the change, which lands after the gap;
    # fold=1 with the offset after it, which lands before. The change lies between: find its second.
    low = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    high = first
    low, high = min(low, high), max(low, high)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def latest_instant(now: datetime, hhmm: str, zone: tzinfo) -> datetime:
    """The latest digest instant of ``hhmm`` in ``zone`` at or before ``now`` (see :func:`occurrence`)."""
    at = parse_hhmm(hhmm)
    today = now.astimezone(zone).date()
    candidates = (occurrence(today - timedelta(days=back), at, zone) for back in range(3))
    return max(c for c in candidates if c <= now)


def next_instant(start: datetime, hhmm: str, zone: tzinfo) -> datetime:
    """The first digest instant of ``hhmm`` in ``zone`` at or after ``start``."""
    at = parse_hhmm(hhmm)
    today = start.astimezone(zone).date()
    candidates = (occurrence(today + timedelta(days=ahead), at, zone) for ahead in range(-1, 3))
    return min(c for c in candidates if c >= start)


class LocalTimeTrigger(BaseTrigger):
    """An APScheduler trigger firing once a local day at ``hhmm`` in ``zone``, daylight-saving nights
    included (see the module docstring)."""

    def __init__(self, hhmm: str, zone: str | ZoneInfo) -> None:
        self.hhmm = hhmm
        self.zone = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
        parse_hhmm(hhmm)

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        start = now if previous_fire_time is None else previous_fire_time + timedelta(seconds=1)
        return next_instant(start, self.hhmm, self.zone)

    def __str__(self) -> str:
        return f"daily at {self.hhmm} {self.zone.key}"

    def __repr__(self) -> str:
        return f"<LocalTimeTrigger {self.hhmm} {self.zone.key}>"


__all__ = [
    "LocalTimeTrigger",
    "latest_instant",
    "next_instant",
    "occurrence",
    "slot_id",
    "slot_label",
    "slot_time",
]
