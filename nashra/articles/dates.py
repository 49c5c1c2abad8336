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
may be a day wrong and move the story into or out of a digest. An undated article is dated by its
crawl time where its input gives one, else when it is stored. Every format reads it this way: ISO
text through :func:`read_iso`, a date already made a ``datetime`` through :func:`publication_date`.
"""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

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
    date), ``kind`` how (``""`` as given, ``"hijri"`` a Hijri date converted, ``"no_day"`` a day its
    calendar does not have, ``"implausible"`` a year before :data:`OLDEST_YEAR` that is no Hijri
    year), ``written`` the date as the input wrote it, ``day`` the Gregorian day it names there
    (before the time and zone move it) and ``problem`` why it is no day, for the warning."""

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


# The calendar day an ISO 8601 date opens with (extended or basic form), and what may follow it.
_ISO_DAY = re.compile(r"(?P<year>\d{4})(?P<dash>-?)(?P<month>\d{2})(?P=dash)(?P<day>\d{2})(?=$|[T ])")


def read_iso(value: str) -> Reading:
    """An ISO 8601 date or date and time («1436-10-25T08:30:00+03:00», «2015-08-10 22:22»; no zone is
    UTC) as a publication date (:func:`publication_date`), read before the Gregorian calendar checks
    its day: «1436-02-30» (30 Safar, 22 December 2014) is no 30 February. Arabic-Indic digits read as
    ASCII ones, in the time and zone too (:func:`nashra.arabic.fold_digits`). Empty text is no date,
    as a missing one is; so is a year before :data:`OLDEST_YEAR` that is no Hijri year, whatever its
    month and day (MySQL's zero date «0000-00-00 00:00:00», which PHP exports write for none). Raises
    ValueError for text that is no ISO 8601 date."""
    text = fold_digits(value).strip()
    if not text:
        return Reading(None)
    found = _ISO_DAY.match(text)
    if found is None:
        return publication_date(datetime.fromisoformat(text))
    year, month, day = int(found["year"]), int(found["month"]), int(found["day"])
    dash = found["dash"]
    # The time and zone as they are written, on a day every calendar has (ValueError if they are none).
    shape = datetime.fromisoformat(f"2000{dash}01{dash}01{text[found.end() :]}")
    if year < OLDEST_YEAR and year not in HIJRI_YEARS:
        return Reading(None, "implausible", text[: found.end()])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"no ISO 8601 date: {value!r}")
    shape = shape if shape.tzinfo else shape.replace(tzinfo=UTC)
    written = text[: found.end()]
    if year in HIJRI_YEARS:
        return _on_day(shape, year, month, day, written)
    days = calendar.monthrange(year, month)[1]
    if day > days:
        return Reading(None, "no_day", written, problem=f"{_MONTHS[month - 1]} {year} has {days} days")
    return publication_date(shape.replace(year=year, month=month, day=day))


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
    None when it names none (see ``_ZONE_AFTER_TIME``); an offset of a day or more is none."""
    found = _ZONE_AFTER_TIME.match(rest)
    if found is None:
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
    return offset if abs(offset) < timedelta(hours=24) else None
