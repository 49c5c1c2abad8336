"""A publication date as an article gives it, read as a reader of Arabic news would: the one owner of
what a written date means, for every input format (JSON, feeds, saved pages, plain text).

Saudi and Gulf outlets date their pages by the Hijri calendar (Umm al-Qura), and a crawler that writes
such a date in ISO form gives «1436-10-25» for 10 August 2015. Read as a Gregorian date it is fourteen
centuries old: older than every digest window, the story would be stored and never sent. Such a date
is converted as written: its calendar day first, then its time of day and zone, as a Gregorian date's
(«1436-10-01T01:00+03:00» is 17 July 2015 01:00 in Mecca, 16 July 22:00 UTC). Converting the UTC
moment instead would name another day, or none (the 30th of the month before, which may not exist).

A date whose day does not exist (the 30th of a 29-day Hijri month, 30 February) is no date: the
article is kept without it, with one warning naming the item and the date. Kept, because the story
itself is sound and a reader loses it if it is refused over a crawler's digit; without the date,
because any day guessed for it (the next one, as a feed reader's rollover gives, or the month's last)
may be a day wrong and move the story into or out of a digest. A date at a time no clock shows
(«25:00», «10:61») or in a month the year lacks (13) is no date either: never rolled over into another
day, as the calendar arithmetic of feed readers does. An undated article is dated by its crawl time
where its input gives one, else when it is stored. Every format reads it this way: ISO text through
:func:`read_iso`, a date written in parts (a text article's stamp, an RFC 822 date) through
:func:`read_date`, a date already made a ``datetime`` through :func:`publication_date`.
"""

from __future__ import annotations

import calendar
import dataclasses
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from hijridate import Hijri

from nashra.arabic import fold_digits

log = logging.getLogger(__name__)

HIJRI_YEARS = range(1343, 1501)
"""The Hijri years the Umm al-Qura calendar tables cover (``hijridate``: 1343–1500 AH, 1924–2077 CE):
a date with such a year is read as Hijri. No digital news is dated by those Gregorian years."""

OLDEST_YEAR = 1900
"""Other dates before this year are no publication dates (a crawler's placeholder, «0001-01-01»)."""

# Month names for the warnings, in English as the logs are (not the locale's, as ``calendar`` gives them).
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_HIJRI_MONTHS = (
    "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
    "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reading:
    """What a written date was read as: ``moment`` the Gregorian moment in UTC (None when it is no
    date), ``kind`` how (``""`` as given, ``"hijri"`` a Hijri date converted, ``"no_day"`` a day or
    time its calendar does not have, ``"implausible"`` a year before :data:`OLDEST_YEAR` that is no
    Hijri year, ``"unreadable"`` text no reader of its format makes a date of), ``written`` the date as
    the input wrote it, ``day`` the Gregorian day it names there (before the time and zone move it)
    and ``problem`` why it is no day, for the warning."""

    moment: datetime | None
    kind: str = ""
    written: str = ""
    day: date | None = None
    problem: str = ""

    def said(self, where: str) -> datetime | None:
        """``moment``, after one warning naming ``where`` (the item) and the date when it was converted
        or is no date."""
        if self.kind == "hijri":
            log.warning("%s: date %s read as a Hijri date, %s", where, self.written, self.day)
        elif self.kind == "no_day":
            log.warning(
                "%s: date %s is no day (%s); the article is kept without a date",
                where,
                self.written,
                self.problem,
            )
        elif self.kind == "unreadable":
            log.warning("%s: date %r cannot be read; the article is kept without a date", where, self.written)
        elif self.kind == "implausible":
            log.warning(
                "%s: date %s is no publication date; the article is dated when it is stored",
                where,
                self.written,
            )
        return self.moment


def publication_date(moment: datetime) -> Reading:
    """``moment`` (a time without a zone is UTC) as a Gregorian publication date in UTC: a Hijri year's
    calendar day converted in ``moment``'s own zone, then the zone applied (see the module)."""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    written = moment.date().isoformat()
    if moment.year >= OLDEST_YEAR:
        return Reading(_in_utc(moment), "", written, moment.date())
    if moment.year not in HIJRI_YEARS:
        return Reading(None, "implausible", written)
    return _on_day(moment, moment.year, moment.month, moment.day, written)


# The calendar day an ISO 8601 date opens with (extended or basic form), and what may follow it: the
# end, or the time after «T» (RFC 3339 also writes «t» or a space).
_ISO_DAY = re.compile(r"(?P<year>\d{4})(?P<dash>-?)(?P<month>\d{2})(?P=dash)(?P<day>\d{2})(?=$|[Tt ])")
# A calendar day followed by anything else («2015-08-10+03:00», «2015-08-10_10:00»): Python's parser
# takes any character for the «T» and would read the zone «+03:00» as the time 03:00.
_ISO_DAY_OPENING = re.compile(r"\d{4}(-?)\d{2}\1\d{2}")
# The clock time after it: hours, minutes, seconds (read before Python's parser, which refuses «25:00»
# as no ISO 8601 text at all, so that a reader falling back on a laxer parser would roll it over).
_ISO_CLOCK = re.compile(r"[Tt ](?P<hour>\d{2})(?::?(?P<minute>\d{2})(?::?(?P<second>\d{2}))?)?")
# The UTC offset ending it («+03:00», «+0300», «-04»): Python's parser reads «+03:75» as +04:15.
_ISO_OFFSET = re.compile(r"[+-](?P<hours>\d{2})(?::?(?P<minutes>\d{2}))?$")


def read_iso(value: str) -> Reading:
    """An ISO 8601 date or date and time («1436-10-25T08:30:00+03:00», «2015-08-10 22:22»; no zone is
    UTC) as a publication date (:func:`read_date`), read before the Gregorian calendar checks its day:
    «1436-02-30» (30 Safar, 22 December 2014) is no 30 February. Arabic-Indic digits read as ASCII
    ones, in the time and zone too (:func:`nashra.arabic.fold_digits`). Empty text is no date, as a
    missing one is; a date in ISO form whose month, day or clock time does not exist («2015-13-40»,
    «2015-08-10T25:00») is no day (:func:`read_date`), whatever follows it, and so is one whose UTC
    offset is none (:func:`no_zone`). Raises ValueError for text that is no ISO 8601 date, a day
    followed by anything but its time included («2015-08-10+03:00»)."""
    text = fold_digits(value).strip()
    if not text:
        return Reading(None)
    found = _ISO_DAY.match(text)
    if found is None:
        if _ISO_DAY_OPENING.match(text):
            raise ValueError(f"a date followed by no time: {text!r}")
        return publication_date(datetime.fromisoformat(text))
    year, month, day = int(found["year"]), int(found["month"]), int(found["day"])
    dash, rest = found["dash"], text[found.end() :]
    clock = _ISO_CLOCK.match(rest)
    if clock is not None:
        hour, minute, second = (int(clock[part] or 0) for part in ("hour", "minute", "second"))
        if not _on_the_clock(hour, minute, second):
            return read_date(
                year, month, day, hour, minute, second, written=text[: found.end() + clock.end()]
            )
    offset = _ISO_OFFSET.search(rest) if clock is not None else None
    if offset is not None and not names_a_zone(offset.group()[0], offset["hours"], offset["minutes"]):
        return no_zone(text, offset.group())
    end_of_day = clock is not None and clock["hour"] == "24"
    # The time and zone as they are written, on a day every calendar has (ValueError if they are none);
    # the day's end as the midnight that opens it, which Python's parser reads.
    shape = datetime.fromisoformat(
        f"2000{dash}01{dash}01{rest[0]}00{rest[3:]}" if end_of_day else f"2000{dash}01{dash}01{rest}"
    )
    return read_date(
        year,
        month,
        day,
        24 if end_of_day else shape.hour,
        shape.minute,
        shape.second,
        microsecond=shape.microsecond,
        zone=shape.tzinfo or UTC,
        written=text[: found.end()],
    )


def read_date(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    *,
    microsecond: int = 0,
    zone: tzinfo = UTC,
    written: str,
) -> Reading:
    """A date and clock time as an input writes them, in ``zone``, as a publication date: the one order
    of readings for every format (ISO text, :func:`read_iso`; a text article's stamp,
    :func:`nashra.articles.furniture.parse_published`). ``written`` is the date as written, for the
    warning.

    A year before :data:`OLDEST_YEAR` that is no Hijri year is no publication date; a year of
    :data:`HIJRI_YEARS` is a Hijri date, converted on its own day (:func:`_on_day`) before any Gregorian
    check could call its 30th of Safar a 30th of February; any other year is a Gregorian one. A month,
    day or clock time its calendar lacks (month 13, 32 August, 29 February 2015, hour 25, minute 60) is
    no day: refused (``kind`` ``"no_day"``), never rolled over to another day. «24:00» is the end of
    the day, as ISO 8601 writes it: the next day's midnight."""
    if year < OLDEST_YEAR and year not in HIJRI_YEARS:
        return Reading(None, "implausible", written)
    if not _on_the_clock(hour, minute, second, microsecond):
        fraction = f".{microsecond:06d}".rstrip("0") if microsecond else ""
        problem = f"a day has no time {hour:02d}:{minute:02d}:{second:02d}{fraction}"
        return Reading(None, "no_day", written, problem=problem)
    end_of_day = hour == 24
    clock = datetime(2000, 1, 1, 0 if end_of_day else hour, minute, second, microsecond, tzinfo=zone)
    if year in HIJRI_YEARS:
        reading = _on_day(clock, year, month, day, written)
    elif not 1 <= month <= 12:
        return Reading(None, "no_day", written, problem=f"a year has no month {month}")
    elif not 1 <= day <= (days := calendar.monthrange(year, month)[1]):
        return Reading(None, "no_day", written, problem=f"{_MONTHS[month - 1]} {year} has {days} days")
    else:
        reading = publication_date(clock.replace(year=year, month=month, day=day))
    if end_of_day and reading.moment is not None:
        return dataclasses.replace(reading, moment=_next_midnight(reading.moment))
    return reading


def _on_the_clock(hour: int, minute: int, second: int, microsecond: int = 0) -> bool:
    """Whether a clock shows this time: 00:00:00 to 23:59:59.999999, and 24:00:00 exactly (the day's
    end; «24:00:00.5» is none)."""
    within_the_day = 0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59
    return within_the_day or (hour, minute, second, microsecond) == (24, 0, 0, 0)


def _next_midnight(midnight: datetime) -> datetime:
    """The midnight a day later: the day's end «24:00». Past the calendar's last day (31 December 9999)
    the calendar's last moment, later than any fetch and clamped to it as :func:`_in_utc`'s are."""
    try:
        return midnight + timedelta(days=1)
    except OverflowError:
        return datetime.max.replace(tzinfo=midnight.tzinfo)


EARLIEST_OFFSET = timedelta(hours=-12)
LATEST_OFFSET = timedelta(hours=14)
"""The UTC offsets zones have: from UTC−12:00 (Etc/GMT+12, Baker Island) to UTC+14:00
(Pacific/Kiritimati), the ends of the IANA tz database's offsets; an offset outside them is no zone."""


def names_a_zone(sign: str, hours: str, minutes: str | None) -> bool:
    """Whether the UTC offset written ``sign`` ``hours``:``minutes`` («+», "03", "30") is one a zone has:
    minutes under 60, within :data:`EARLIEST_OFFSET` and :data:`LATEST_OFFSET`. The one rule for every
    format's offsets (ISO text, a text stamp's, a feed's RFC 822 and GMT+N)."""
    if int(minutes or 0) > 59:
        return False
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return EARLIEST_OFFSET <= (-offset if sign == "-" else offset) <= LATEST_OFFSET


def no_zone(written: str, zone: str) -> Reading:
    """The reading of a date whose UTC offset ``zone`` names no zone («+25:00», «+03:75»): no date, as
    a day its calendar lacks is, rather than a time moved by a day or a quarter of an hour."""
    return Reading(None, "no_day", written, problem=f"no zone is {zone} from UTC")


def first_date(*readings: Reading | None) -> Reading | None:
    """Of the dates an article's lines give, in their order (a byline's stamp, then the body's), the one
    it is dated by: the first that names a moment, else the first that is no date (so that its warning
    is said), else None."""
    given = [reading for reading in readings if reading is not None and (reading.moment or reading.kind)]
    return next((reading for reading in given if reading.moment is not None), given[0] if given else None)


def _on_day(moment: datetime, year: int, month: int, day: int, written: str) -> Reading:
    """``moment``'s time of day and zone on the Gregorian day of the Hijri date ``year-month-day``."""
    if not 1 <= month <= 12:
        return Reading(None, "no_day", written, problem=f"the Hijri year has no month {month}")
    name = f"{_HIJRI_MONTHS[month - 1]} {year}"
    try:
        days = Hijri(year, month, 1).month_length()
        gregorian = Hijri(year, month, day).to_gregorian() if 1 <= day <= days else None
    except (ValueError, OverflowError):  # the month is past the tables' end
        return Reading(None, "no_day", written, problem=f"the Umm al-Qura tables end before {name}")
    if gregorian is None:
        return Reading(None, "no_day", written, problem=f"{name} has {days} days in the Umm al-Qura calendar")
    local = moment.replace(year=gregorian.year, month=gregorian.month, day=gregorian.day)
    return Reading(_in_utc(local), "hijri", written, local.date())


def _in_utc(moment: datetime) -> datetime:
    """``moment`` in UTC, or as given at the edge of the calendar («9999-12-31T23:00-03:00» has no UTC
    time; it is later than any fetch, and clamped to it, :func:`nashra.articles.admission.admit`)."""
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return moment


# Time-zone abbreviations as feeds and pages of the Arab world write them, in hours east of UTC (the names
# of the IANA tz database's past and present abbreviations for these regions). feedparser reads "AST" as
# the Atlantic Standard Time of the Caribbean (UTC-4) and every other one here as UTC, as it does not know
# them; in these feeds "AST" is Arabia Standard Time and "GST" Gulf Standard Time.
ARAB_ZONES = {
    "ast": 3, "adt": 4,         # Arabia Standard/Daylight: Saudi Arabia, Iraq, Kuwait, Qatar, Bahrain, Yemen
    "gst": 4,                   # Gulf Standard Time: the UAE, Oman
    "eet": 2, "eest": 3,        # Eastern European (Summer): Egypt, Libya, Lebanon, Palestine, Syria, Jordan
    "cet": 1, "cest": 2,        # Central European (Summer) Time: Algeria, Tunisia
    "wet": 0, "west": 1,        # Western European (Summer) Time: Morocco, Western Sahara
    "cat": 2, "eat": 3,         # Central Africa Time: Sudan; East Africa Time: Somalia, Djibouti, Comoros
    "msk": 3, "trt": 3,         # Moscow Time (Russia's Arabic services), Turkey Time (outlets in Istanbul)
    "irst": 3.5, "irdt": 4.5,   # Iran Standard/Daylight Time (Arabic services in Tehran)
}  # fmt: skip

# A zone written after a clock time: «+03:00», «+0300», «GMT+3», «UTC», «Z», an abbreviation of
# :data:`ARAB_ZONES`, or the Arabic «بتوقيت مكة (المكرمة)» (UTC+3, Saudi Arabia keeps no summer time) and
# «بتوقيت غرينتش/جرينتش» (UTC), in either hamza and ta marbuta spelling.
_ZONE_AFTER_TIME = re.compile(
    r"\s*\(?\s*(?:"
    r"(?:(?:gmt|utc)\s*)?(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?(?![\d/.-])"
    r"|(?P<utc>gmt|utc|z)\b"
    r"|(?P<abbreviation>[a-z]{3,4})\b"
    r"|بتوقيت\s+(?:(?P<mecca>مك[ةه])|(?P<greenwich>[غج]رينتش))"
    r")",
    re.IGNORECASE,
)


def zone_after_time(rest: str) -> timedelta | None:
    """The offset from UTC of the zone ``rest`` opens with (what a line has after its clock time), or
    None when it names none (see ``_ZONE_AFTER_TIME``); an offset that is no zone (:func:`zone_refused`)
    is none."""
    found = _ZONE_AFTER_TIME.match(rest)
    if found is None or zone_refused(rest) is not None:
        return None
    if found["hours"]:
        offset = timedelta(hours=int(found["hours"]), minutes=int(found["minutes"] or 0))
        offset = -offset if found["sign"] == "-" else offset
    elif found["utc"] or found["greenwich"]:
        offset = timedelta(0)
    elif found["mecca"]:
        offset = timedelta(hours=3)
    else:
        hours = ARAB_ZONES.get(found["abbreviation"].lower())
        if hours is None:
            return None
        offset = timedelta(hours=hours)
    return offset


def zone_refused(rest: str) -> str | None:
    """The UTC offset ``rest`` opens with, as written, when it names no zone («+25:00», «GMT+15»,
    «+03:75»: outside the offsets zones have, or minutes past 59: :func:`names_a_zone`), else None. Its
    date is then no date (:func:`no_zone`), as ISO text with such an offset is (:func:`read_iso`), rather
    than a time read in UTC or moved by a quarter of an hour."""
    found = _ZONE_AFTER_TIME.match(rest)
    if found is None or not found["hours"]:
        return None
    if not names_a_zone(found["sign"], found["hours"], found["minutes"]):
        return found.group().strip(" (")
    return None
