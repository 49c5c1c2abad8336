"""Clock times and time zones as people write them, for the config file and the bot's /time alike.

A time is 24-hour ``H:MM`` or ``HH:MM``; ``.`` and the Arabic decimal separator ``٫`` also separate
hours from minutes, and Arabic-Indic or Persian digits count as digits ("٧:٣٠" is 07:30). A time zone is
an IANA name ("Asia/Damascus"), matched without regard to case; "UTC" and "GMT" mean UTC.
"""

from __future__ import annotations

import difflib
import functools
import re
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from nashra.arabic import fold_digits

_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.٫]([0-5]\d)$")
EXAMPLE_ZONE = "Asia/Damascus"


def clock_time(text: str) -> str:
    """``"8:00"`` -> ``"08:00"``. Raises ValueError saying what is expected when ``text`` is no time."""
    match = _CLOCK.match(fold_digits(text.strip()))
    if match is None:
        raise ValueError(f"must be a 24-hour time such as 08:00 or 8:30 (HH:MM), not {text!r}")
    return time(int(match.group(1)), int(match.group(2))).strftime("%H:%M")


def time_zone(name: str) -> str:
    """The IANA name of the zone ``name`` denotes (``"asia/damascus"`` -> ``"Asia/Damascus"``).

    Raises ValueError naming the closest known zone when there is one, else an example.
    """
    text = name.strip()
    if text.upper() in ("UTC", "GMT", "Z"):
        return "UTC"
    if text and not text.startswith(("/", ".")):
        try:
            ZoneInfo(text)
            return text
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    exact = _zones_by_folded_name().get(_fold(text))
    if exact is not None:
        return exact
    raise ValueError(f"{name!r} is not a known time zone; {_hint(text)}")


def zone_of_city(name: str) -> str | None:
    """The IANA zone named after the city ``name`` ("damascus" -> "Asia/Damascus", "new york" ->
    "America/New_York") when exactly one zone is; None otherwise. For people who type a city where
    a zone name is expected (/time 7:30 Damascus)."""
    city = _fold(name).rsplit("/", 1)[-1]
    zones = sorted({zone for key, zone in _zones_by_folded_name().items() if key.rsplit("/", 1)[-1] == city})
    return zones[0] if len(zones) == 1 and city else None


def _fold(name: str) -> str:
    return name.strip().replace(" ", "_").casefold()


@functools.cache
def _zones_by_folded_name() -> dict[str, str]:
    """Every IANA zone by its case-folded name (read from the system's or tzdata's zone list once)."""
    return {zone.casefold(): zone for zone in available_timezones()}


def _hint(text: str) -> str:
    zones = _zones_by_folded_name()
    folded = _fold(text)
    by_city: dict[str, list[str]] = {}
    for key, zone in zones.items():
        by_city.setdefault(key.rsplit("/", 1)[-1], []).append(zone)
    city = folded.rsplit("/", 1)[-1]
    candidates = sorted(by_city.get(city, []))
    if not candidates:
        close = difflib.get_close_matches(city, list(by_city), n=1, cutoff=0.75)
        candidates = sorted(by_city[close[0]]) if close else []
    if candidates:
        return f"did you mean {candidates[0]!r}?"
    return f"use an IANA name such as {EXAMPLE_ZONE!r} or 'UTC'"
