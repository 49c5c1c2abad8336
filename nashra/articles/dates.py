"""A publication date as an article gives it, read as a reader of Arabic news would.

Saudi and Gulf outlets date their pages by the Hijri calendar (Umm al-Qura), and a crawler that writes
such a date in ISO form gives «1436-10-25» for 10 August 2015. Read as a Gregorian date it is fourteen
centuries old: older than every digest window, the story would be stored and never sent.
"""

from __future__ import annotations

from datetime import datetime

from hijridate import Hijri

HIJRI_YEARS = range(1343, 1501)
"""The Hijri years the Umm al-Qura calendar tables cover (``hijridate``: 1343–1500 AH, 1924–2077 CE):
a date with such a year is read as Hijri. No digital news is dated by those Gregorian years."""

OLDEST_YEAR = 1900
"""Other dates before this year are no publication dates (a crawler's placeholder, «0001-01-01»)."""


def publication_date(moment: datetime) -> tuple[datetime | None, str]:
    """``moment`` as a Gregorian publication date, and how it was read: ``""`` (as given), ``"hijri"``
    (a Hijri date converted, its time of day and zone kept) or ``"implausible"`` (None: a year before
    :data:`OLDEST_YEAR` that is no Hijri year, or a Hijri date that does not exist, such as the 30th
    of a 29-day month). ``moment`` is read as given: an input's time in another zone has been turned
    into UTC before (:func:`nashra.articles.ingest.admit`), so a Hijri date with a time that falls on
    the day before in UTC is converted as that day."""
    if moment.year >= OLDEST_YEAR:
        return moment, ""
    if moment.year not in HIJRI_YEARS:
        return None, "implausible"
    try:
        day = Hijri(moment.year, moment.month, moment.day).to_gregorian()
    except (ValueError, OverflowError):
        return None, "implausible"
    return moment.replace(year=day.year, month=day.month, day=day.day), "hijri"
