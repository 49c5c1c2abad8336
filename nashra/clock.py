"""Clock times and time zones as people write them, for the config file and the bot's /time alike.

A time is 24-hour ``H:MM`` or ``HH:MM``; ``.``, the Arabic decimal separator ``٫`` and the Arabic comma
``،`` also separate hours from minutes, and Arabic-Indic or Persian digits count as digits ("٧:٣٠" is
07:30). A person may also say the hour alone and which half of the day it is in ("8 مساءً", "٨ص", "8:30pm"; see
:func:`spoken_time`). A time zone is an IANA name ("Asia/Damascus"), matched without regard to case;
"UTC" and "GMT" mean UTC.
"""

from __future__ import annotations

import difflib
import functools
import importlib.resources
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale
from babel.core import get_global

from nashra.arabic import fold_digits, normalize

_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.٫،]([0-5]\d)$")
# An hour, its minutes if given, and the half of the day if written against it: "8", "8:30", "8م", "8pm".
_HOUR = re.compile(r"^(\d{1,2})(?:[:.٫،](\d{2}))?([^\W\d_][\w.]*)?$")
# Words and phrases (normalized: no tanwin, ة as ه, lower case) that put an hour in the morning or in the
# afternoon and evening, in Arabic as written and as spoken («9 المسا», «3 بعد الضهر») and in English
# ("9 in the evening").
_MORNING = frozenset(
    {"am", "a.m.", "a.m", "ص", "صباحا", "صباح", "الصبح", "بالصبح", "فجرا", "الفجر"}
    | {"الصباح", "بالصباح", "في الصباح", "morning", "in the morning"}
)
_EVENING = frozenset(
    {"pm", "p.m.", "p.m", "م", "مساء", "مساءا", "المساء", "بالمساء", "في المساء", "عصرا", "العصر"}
    | {"مسا", "المسا", "بالمسا", "بعد الظهر", "بعد الضهر", "بعد الظهيره"}
    | {"evening", "in the evening", "afternoon", "in the afternoon"}
)
# Words for parts of the day that straddle a half: noon («12 ظهراً», "12 noon" is 12:00, «2 ظهراً» 14:00)
# and night («11 ليلاً», "11 at night" is 23:00, «12 ليلاً», "12 midnight" midnight, «2 ليلاً» 02:00).
_NOON = frozenset({"ظهرا", "ظهر", "الظهر", "الظهيره", "ضهرا", "ضهر", "الضهر", "noon", "midday"})
_NIGHT = frozenset({"ليلا", "ليل", "الليل", "بالليل", "في الليل", "night", "at night", "midnight"})
_HALVES = _MORNING | _EVENING | _NOON | _NIGHT
# Minutes said in words after the hour, as Arabic says them (normalized): «9 ونص» (9:30), «9 وربع» (9:15),
# «9 وثلث» (9:20), «9 إلا ربع» (8:45), «9 إلا ثلث» (8:40); the conjunction written joined or apart.
_FRACTIONS = {
    f"{joined}{fraction}": minutes
    for fraction, minutes in (("نص", 30), ("نصف", 30), ("ربع", 15), ("ثلث", 20))
    for joined in ("و", "و ")
} | {"الا ربع": -15, "الا ثلث": -20}
# Phrases said after an hour, longest (in words) first, so that "at night" is tried before "night".
_AFTER_HOUR = sorted(_HALVES | _FRACTIONS.keys(), key=lambda phrase: -len(phrase.split()))
# The most words a half of the day is said in ("in the evening").
_LONGEST_HALF = max(len(phrase.split()) for phrase in _HALVES)
# Words that are a time on their own ("/time noon").
_ALONE = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
# Words said before an hour (normalized), as the hour's name or minutes in English words: «الساعة 9»,
# "at 9 pm"; "half past 9" (9:30), "quarter past 9" (9:15), "a quarter to 9" (8:45).
_BEFORE_HOUR = {"الساعه": 0, "at": 0} | {
    f"{article}{fraction}": minutes
    for fraction, minutes in (("half past", 30), ("quarter past", 15), ("quarter to", -15))
    for article in ("", "a ")
}
EXAMPLE_ZONE = "Asia/Damascus"
# Words (normalized, lower case) that ask for no time of one's own: back to the configured schedule.
_NO_TIME = frozenset({"off", "none", "default", "cancel", "الغاء", "بدون", "لا", "الافتراضي"})


def asks_no_time(text: str) -> bool:
    """Whether ``text`` asks to drop a personal time (``/time off``, «/time إلغاء», «بدون»), so the
    chat's digests come at the configured schedule again."""
    return normalize(text.strip().strip(".!،")).lower() in _NO_TIME


class NoTimeError(ValueError):
    """Words that are no time; ``written``: them as written, from the first word of the time («الساعة
    تسعة», "half past nine": the words that open a time and the one where its hour should be), for the
    refusal to name."""

    def __init__(self, written: str) -> None:
        super().__init__(f"must be a 24-hour time such as 08:00 or 8:30 (HH:MM), not {written!r}")
        self.written = written


def clock_time(text: str) -> str:
    """``"8:00"`` -> ``"08:00"``. Raises :class:`NoTimeError` saying what is expected when ``text`` is
    no time."""
    match = _CLOCK.match(fold_digits(text.strip()))
    if match is None:
        raise NoTimeError(text)
    return time(int(match.group(1)), int(match.group(2))).strftime("%H:%M")


def spoken_time(text: str) -> tuple[str, str]:
    """The time a person wrote at the start of ``text`` and what follows it: ``"8 مساءً دمشق"`` ->
    ``("20:00", "دمشق")``, ``"07:30 Asia/Damascus"`` -> ``("07:30", "Asia/Damascus")``, ``"8"`` ->
    ``("08:00", "")``, «9 ونص مساءً» -> ``("21:30", "")``, "9 at night" -> ``("21:00", "")``. An hour
    said with a half of the day (:data:`_MORNING`, :data:`_EVENING`) is read on a 12-hour clock (12 ص
    is midnight, 12 م noon; noon and night words, :data:`_NOON` and :data:`_NIGHT`, as
    :func:`on_24_hours` says), else on a 24-hour one; minutes said in words after the hour
    (:data:`_FRACTIONS`) go before the half of the day, which is then the half of the time meant
    («12 إلا ربع الصبح» is 11:45); «الساعة», "at" and minutes said in English words before the hour
    (:data:`_BEFORE_HOUR`: "half past 9 pm" is 21:30) open it ("noon" and "midnight" alone: :data:`_ALONE`).

    Raises :class:`NoTimeError` (as :func:`clock_time`) when ``text`` does not start with a time, naming
    the words read up to where the hour should be («الساعة تسعة»), or the time as read when its hour,
    minutes or half of the day cannot be («13 مساءً», "25").
    """
    words = text.split()
    folded = [normalize(fold_digits(word)) for word in words]
    lead, offset = _before_hour(folded)
    if lead < len(folded) and folded[lead] in _ALONE and not offset:
        return _ALONE[folded[lead]], " ".join(words[lead + 1 :])
    match = _HOUR.match(folded[lead]) if lead < len(folded) else None
    if match is None or (match.group(3) and match.group(3) not in _HALVES) or (offset and match.group(2)):
        return clock_time(" ".join(words[: lead + 1])), " ".join(words[lead + 1 :])
    hour, minutes, half = int(match.group(1)), int(match.group(2) or 0), match.group(3) or ""
    taken = lead + 1
    while not half:
        said = next((p for p in _AFTER_HOUR if folded[taken : taken + len(p.split())] == p.split()), None)
        if said is None or (said in _FRACTIONS and (offset or match.group(2))):
            break
        taken += len(said.split())
        if said in _FRACTIONS:
            offset = _FRACTIONS[said]
        else:
            half = said
    if (half and not 1 <= hour <= 12) or hour > 23 or minutes > 59:
        return clock_time(" ".join(words[:taken])), " ".join(words[taken:])
    if half:  # the half of the day is the time's: «12 إلا ربع الصبح» is 11:45 in the morning, not 23:45
        hour, minutes = divmod((hour % 12 * 60 + minutes + offset) % (12 * 60), 60)
        hour, offset = on_24_hours(hour or 12, half), 0
    hour, minutes = divmod((hour * 60 + minutes + offset) % (24 * 60), 60)
    return time(hour, minutes).strftime("%H:%M"), " ".join(words[taken:])


def _before_hour(folded: list[str]) -> tuple[int, int]:
    """How many of the ``folded`` words (normalized, lower case) open a time before its hour
    (:data:`_BEFORE_HOUR`: «الساعة», "at", "half past") and the minutes they add to the hour; ``(0, 0)``
    when none does, or nothing follows them."""
    taken, offset = 0, 0
    while True:
        said = next(
            (p for p in _BEFORE_HOUR if folded[taken : taken + len(p.split())] == p.split()),
            None,
        )
        if said is None or (offset and _BEFORE_HOUR[said]):
            break
        taken += len(said.split())
        offset = offset or _BEFORE_HOUR[said]
    return (taken, offset) if taken < len(folded) else (0, 0)


# The words that say a zone follows, as Arabic writes it: «بتوقيت مكة», «توقيت سوريا» (as the bot names
# zones, :func:`zone_label`), «حسب توقيت دمشق», «على توقيت القاهرة», «وفق توقيت الرياض».
_ZONE_INTRO = re.compile(r"^(?:(?:حسب|على|علي|وفق)\s+)?[بل]?توقيت\s+")


class HalvesError(ValueError):
    """Both halves of the day said after one time («9 am pm», «9 ونص مساءً صباحاً»); ``written``: the
    time and both halves, as written, for the refusal to name."""

    def __init__(self, written: str) -> None:
        super().__init__(f"two halves of the day: {written}")
        self.written = written


def spoken_times(text: str) -> tuple[list[str], list[str], str]:
    """Every time a person wrote at the start of ``text``, each as :func:`spoken_time` reads it, the
    same as written, and what follows them, less the words that say a zone follows (``_ZONE_INTRO``):
    ``"8:00 08:00 بتوقيت دمشق"`` -> ``(["08:00", "08:00"], ["8:00", "08:00"], "دمشق")``. Raises
    ValueError (as :func:`clock_time`) when ``text`` starts with no time."""
    moment, rest = spoken_time(text)
    times, written = [moment], [" ".join(text.split()[: len(text.split()) - len(rest.split())])]
    rest = _without_half_again(moment, written[-1], rest)
    while rest:
        try:
            moment, after = spoken_time(rest)
        except ValueError:
            break
        times.append(moment)
        written.append(" ".join(rest.split()[: len(rest.split()) - len(after.split())]))
        rest = _without_half_again(moment, written[-1], after)  # after each time: «8 am AM 9 pm»
    intro = _ZONE_INTRO.match(normalize(rest))
    if intro:
        rest = " ".join(rest.split()[len(intro.group().split()) :])
    return times, written, rest


def _without_half_again(moment: str, written: str, rest: str) -> str:
    """``rest`` less a half of the day said again after a time («9 pm PM»: no place named "PM", the
    ISO code of Saint Pierre and Miquelon). Raises :class:`HalvesError` when it is the other half
    («9 am pm»): which one was meant is not guessed."""
    words = rest.split()
    size = next((n for n in range(_LONGEST_HALF, 0, -1) if normalize(" ".join(words[:n])) in _HALVES), 0)
    if not words or not size:
        return rest
    said = written.split()
    # The time as written less its own half of the day: «9 ونص مساءً» -> «9 ونص».
    for own in range(_LONGEST_HALF, 0, -1):
        if len(said) > own and normalize(" ".join(said[-own:])) in _HALVES:
            said = said[:-own]
            break
    again, _ = spoken_time(" ".join([*said, *words[:size]]))
    if again != moment:
        raise HalvesError(f"{written} {' '.join(words[:size])}")
    return " ".join(words[size:])


def merged_times(times: Iterable[str]) -> tuple[list[str], list[str]]:
    """The digest times ``times`` name, each once: ``["08:00", "8:00", "20:00", "08:00"]`` -> ``(["08:00",
    "20:00"], ["08:00"])``: the times as :func:`clock_time` writes them, in the order first named, and
    those named more than once, each once in that same HH:MM form (however they were written), so a
    warning names each repeated time once. The one rule for a repeated time, whether the config file
    lists it (``[schedule] digest_times``) or a subscriber types it (/time): it is one time, so one
    digest. Raises ValueError (as :func:`clock_time`) for an item that is no time."""
    kept: dict[str, str] = {}
    repeated: dict[str, None] = {}
    for written in times:
        moment = clock_time(written)
        if moment in kept:
            repeated[moment] = None
        else:
            kept[moment] = written
    return list(kept), list(repeated)


def on_24_hours(hour: int, half: str) -> int:
    """A 12-hour clock's ``hour`` (1-12) said with ``half`` (a word of :data:`_MORNING`, :data:`_EVENING`,
    :data:`_NOON` or :data:`_NIGHT`) on the 24-hour clock."""
    if half in _NOON:
        return hour + 12 if hour < 6 else hour
    if half in _NIGHT:
        return hour % 12 + (12 if hour >= 6 and hour != 12 else 0)
    return hour % 12 + (12 if half in _EVENING else 0)


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
            return _canonical(text)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    exact = _zones_by_folded_name().get(_fold(text))
    if exact is not None:
        return _canonical(exact)
    raise ValueError(f"{name!r} is not a known time zone; {_hint(text)}")


def zones_named(text: str) -> tuple[str, ...]:
    """The zones ``text`` names when it is nothing but two or more zones' names (IANA names in any case,
    "UTC"), apart or between commas: ("Asia/Riyadh",) for "Asia/Riyadh asia/riyadh", ("Asia/Riyadh",
    "Africa/Cairo") for "Asia/Riyadh, Africa/Cairo", each once in the order named; () for anything else."""
    names = [name for name in re.split(r"[\s,،]+", text.strip()) if name]
    if len(names) < 2:
        return ()
    try:
        return tuple(dict.fromkeys(time_zone(name) for name in names))
    except ValueError:
        return ()


def zone_said_again(text: str) -> str | None:
    """The zone ``text`` names when it is one zone's name written more than once, in any case ("Asia/Riyadh
    Asia/Riyadh", "utc, UTC"): one zone, as one time written twice is one time (:func:`merged_times`);
    None for anything else, two different zones included (which one was meant is not guessed:
    :func:`zones_named` names them)."""
    zones = zones_named(text)
    return zones[0] if len(zones) == 1 else None


def _canonical(zone: str) -> str:
    """The zone a legacy IANA name is a link to, where the link is no country's own zone: "Egypt" ->
    "Africa/Cairo", "America/Montreal" -> "America/Toronto", "Europe/Kiev" -> "Europe/Kyiv" (the tz
    database's links, ``L`` lines of tzdata's ``tzdata.zi``), so that it is stored and named as the
    zone people of that place keep. A link that ``zone.tab`` lists as a country's zone stays as it is:
    "Asia/Aden" is Yemen's, not Saudi Arabia's "Asia/Riyadh" that the tz database merged it into."""
    return _link_targets().get(zone, zone)


@functools.cache
def _link_targets() -> dict[str, str]:
    """Link name -> target zone for the tz database's links that name no country's zone of their own."""
    own = {row[2] for row in _tab_rows("zone.tab")}
    targets = {}
    for line in _tz_file("tzdata.zi").splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[0] == "L" and fields[2] not in own:
            targets[fields[2]] = fields[1]
    return targets


def main_zone(country: str, cities: Sequence[str] = ()) -> str | None:
    """The zone most of ``country`` (ISO 3166 code) keeps, when the tz database tells one: the one of
    its zones (``zone.tab``: a row per country and zone) described as "most of <country>" or
    "<country> (mainland)" ("Europe/Berlin" for Germany beside Büsingen, "Europe/Madrid" for Spain beside
    the Canaries), or that ``zonenow.tab`` names after the country alone ("Asia/Shanghai", "China
    (CST)"; "Asia/Gaza", "Palestine"); else, when all its zones keep one clock from now on, the one
    named after the first of ``cities`` (English names, as the gazetteer's ``cities_en`` lists them,
    the capital usually first) that names one ("Asia/Tashkent" for Uzbekistan, not "Asia/Samarkand", which the
    tables list first, west before east), or failing that the first of them (the tables' order, the most
    populous where geography allows: "America/Argentina/Buenos_Aires" of Argentina's twelve). None
    for a country whose zones keep different clocks and none of which the tables call its main one
    (the United States, Russia, Brazil, Australia, Canada, Indonesia): which one a person lives in is
    theirs to say. A country of one zone: that zone."""
    country = country.upper()
    rows = [row for row in _tab_rows("zone.tab") if row[0] == country]
    zones = [row[2] for row in rows]
    if len(zones) <= 1:
        return zones[0] if zones else None
    name = _country_names().get(country, "")
    described = {row[2] for row in rows if row[3] in (f"most of {name}", f"{name} (mainland)")}
    described |= {
        row[2]
        for row in _tab_rows("zonenow.tab")
        if row[2] in zones and re.fullmatch(rf"{re.escape(name)}(?: \([A-Z]+\))?", row[3])
    }
    if len(described) == 1:
        return described.pop()
    if described or not _one_clock(tuple(zones)):
        return None
    named = (zone_of_city(city) for city in cities)
    return next((zone for zone in named if zone in zones), zones[0])


def zones_described_as(country: str, place: str) -> frozenset[str]:
    """The zones of ``country`` (ISO 3166 code) whose ``zone.tab`` description names ``place``, an
    English name, in whole words and any case: ("ES", "Canary Islands") -> {"Atlantic/Canary"}, ("CN",
    "Xinjiang") -> {"Asia/Urumqi"}, ("PT", "Azores") -> {"Atlantic/Azores"}: a place whose zone is
    named after no city of it. A place several descriptions name ("US", "Alaska") gets all their zones,
    for the caller to see that it settles none."""
    words = re.compile(rf"(?<!\w){re.escape(place.strip())}(?!\w)", re.IGNORECASE)
    rows = _tab_rows("zone.tab")
    return frozenset(
        row[2] for row in rows if row[0] == country.upper() and place.strip() and words.search(row[3])
    )


# How far ahead zones are compared, and how often: an hour apart, over two years, sees every daylight
# saving change the tz database predicts for them (its rules repeat yearly).
_AHEAD = timedelta(days=731)
_STEP = timedelta(hours=1)


@functools.cache
def _one_clock(zones: tuple[str, ...]) -> bool:
    """Whether ``zones`` all show the same time at every hour of the next two years (zonenow.tab's
    "civil timestamps are predicted to agree from now on"), as the installed tz data predicts."""
    infos = [ZoneInfo(zone) for zone in zones]
    moment = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    end = moment + _AHEAD
    while moment < end:
        if len({info.utcoffset(moment) for info in infos}) > 1:
            return False
        moment += _STEP
    return True


@functools.cache
def _country_names() -> dict[str, str]:
    """ISO 3166 code -> the English name the tz database uses for the country (``iso3166.tab``)."""
    return {row[0]: row[1] for row in _tab_rows("iso3166.tab")}


@functools.cache
def _tab_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of one of the tz database's tables shipped in tzdata (``zone.tab``, ``zonenow.tab``,
    ``iso3166.tab``), each as its tab-separated fields, padded with "" to four (a missing comment)."""
    rows = []
    for line in _tz_file(name).splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            rows.append((*fields, *([""] * (4 - len(fields)))))
    return tuple(rows)


def _tz_file(name: str) -> str:
    """A file of the tz database as the tzdata package ships it (a declared dependency, so that the
    tables are there whatever the system has)."""
    return importlib.resources.files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")


def zone_of_city(name: str) -> str | None:
    """The IANA zone named after the city ``name`` ("damascus" -> "Asia/Damascus", "new york" ->
    "America/New_York"; a legacy name as the zone it links to, "montreal" -> "America/Toronto") when
    exactly one zone is; None otherwise. For people who type a city where a zone name is expected
    (/time 7:30 Damascus)."""
    offset = _offset_zone(_fold(name))
    if offset is not None:
        return offset
    area, _, city = _fold(name).rpartition("/")
    if area and area not in _zone_areas():
        return None  # "Cairo Asia/Riyadh", "Asia/Riyadh Africa/Cairo", "Riyadh/Cairo": not one zone's name
    zones = sorted(
        {_canonical(zone) for key, zone in _zones_by_folded_name().items() if key.rsplit("/", 1)[-1] == city}
    )
    return zones[0] if len(zones) == 1 and city else None


# "GMT+3", "utc -5", "GMT+03:00": an offset from UTC as people write it, east positive.
_OFFSET = re.compile(r"(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?00)?")


def _offset_zone(folded: str) -> str | None:
    """The tz database's fixed zone for an offset written as people write it ("gmt+3": three hours
    east of UTC), None for anything else. The database's ``Etc/GMT±N`` zones carry the POSIX sign,
    the reverse ("Etc/GMT-3" is UTC+3), so reading "GMT+3" as a zone's name set a Gulf chat's digest 6
    hours late. Offsets the database has: 14 hours east to 12 west."""
    found = _OFFSET.fullmatch(folded)
    if found is None:
        return None
    sign, hours = found.group(1), int(found.group(2))
    if hours == 0:
        return "Etc/UTC"
    if hours > (14 if sign == "+" else 12):
        return None
    return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"


def zones_of_arabic_city(name: str) -> frozenset[str]:
    """The IANA zones whose city CLDR names ``name`` in Arabic («موسكو» -> {"Europe/Moscow"}), through
    Babel. A name may also be a city elsewhere (CLDR's «طرابلس» is Libya's, not Lebanon's): the
    caller decides which country was meant."""
    return _zones_by_arabic_city().get(_fold(normalize(name)), frozenset())


@functools.cache
def _zones_by_arabic_city() -> dict[str, frozenset[str]]:
    by_city: dict[str, set[str]] = {}
    known = set(_zones_by_folded_name().values())
    for zone, names in Locale.parse("ar").time_zones.items():
        city = names.get("city")
        if city and zone in known:
            by_city.setdefault(_fold(normalize(city)), set()).add(_canonical(zone))
    return {city: frozenset(zones) for city, zones in by_city.items()}


# CLDR's territories of zones that belong to no country: "unknown region" ("Etc/UTC", "Etc/GMT-3") and
# "world" ("EST5EDT", "Antarctica/Troll").
_NO_TERRITORY = ("ZZ", "001")


def zone_label(zone: str, language: str) -> str:
    """How a reader of ``language`` names the zone: CLDR's name for it through Babel ("توقيت سوريا",
    "Syria Time", "توقيت الولايات المتحدة (نيويورك)"). The country alone names a zone the country's
    name tells (:func:`_country_tells_zone`: "Asia/Gaza" and "Asia/Hebron" -> «توقيت الأراضي
    الفلسطينية», "Asia/Shanghai" -> «توقيت الصين»), where CLDR, for any country of several zones, adds
    the city the zone is named after («(غزة)», «(شنغهاي)»): a city the reader did not ask about. A
    zone of no country is its offset from UTC when that is fixed ("Etc/UTC" -> "UTC", "Etc/GMT-3" ->
    "UTC+3": POSIX writes the sign reversed), else its own name; CLDR would call it "unknown region"."""
    # Imported here: babel.dates (with pytz and the local zone's lookup) is a third of what importing
    # the command line costs, and only the bot's replies name zones.
    from babel.dates import get_timezone_location

    territory = get_global("zone_territories").get(zone)
    if territory in (None, *_NO_TERRITORY):
        return _fixed_offset(zone) or zone
    locale = Locale.parse(language)
    country = locale.territories.get(territory)
    if country and _country_tells_zone(territory, zone):
        return str(locale.zone_formats["region"] % country)
    return str(get_timezone_location(zone, locale=language))


def _country_tells_zone(country: str, zone: str) -> bool:
    """Whether the name of ``country`` (ISO 3166 code) alone tells ``zone``, one of its zones: all its
    zones (``zone.tab``) keep one clock from now on (Palestine's Gaza and Hebron, Germany's Berlin and
    Büsingen), or ``zone`` is the one most of the country keeps (:func:`main_zone`: China's Shanghai
    beside Urumqi, Spain's Madrid beside the Canaries). A zone of a country of several clocks and no
    main one (the United States' New York, Russia's Moscow) is told by its city."""
    zones = _zones_of(country)
    return zone in zones and (_one_clock(zones) or main_zone(country) == zone)


@functools.cache
def _zones_of(country: str) -> tuple[str, ...]:
    """The zones of ``country`` (ISO 3166 code) in ``zone.tab``'s order: read once per country, as
    :func:`zone_label` asks for every reply naming a zone."""
    return tuple(row[2] for row in _tab_rows("zone.tab") if row[0] == country)


def prepare_zone_tables(languages: Iterable[str]) -> None:
    """Build every table the zone functions read, once, so that none is built while a reply waits: the
    tz database's tables, the zone names by folded and by Arabic city name (CLDR's, about 0.1 s), which
    countries' zones keep one clock (about 0.2 s for the 31 countries of several zones), and Babel's
    zone names in each of ``languages`` ("ar", "en"). For the bot to call off its event loop at
    start-up (:func:`asyncio.to_thread`); idempotent, each table is cached."""
    _link_targets()
    _zones_by_arabic_city()
    countries = {row[0] for row in _tab_rows("zone.tab")}
    for country in sorted(countries):
        zones = _zones_of(country)
        if len(zones) > 1:
            _one_clock(zones)
            main_zone(country)
    for language in languages:
        zone_label(EXAMPLE_ZONE, language)


def _fixed_offset(zone: str) -> str | None:
    """ "UTC", "UTC+3" or "UTC-9:30" for a zone whose offset never changes; None otherwise."""
    try:
        info = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    offsets = {info.utcoffset(datetime(2001, month, 1)) for month in (1, 7)}
    if len(offsets) != 1:
        return None
    (offset,) = offsets
    if offset is None:
        return None
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")


def _fold(name: str) -> str:
    return name.strip().replace(" ", "_").casefold()


@functools.cache
def _zones_by_folded_name() -> dict[str, str]:
    """Every IANA zone by its case-folded name (read from the system's or tzdata's zone list once)."""
    return {zone.casefold(): zone for zone in available_timezones()}


@functools.cache
def _zone_areas() -> frozenset[str]:
    """What stands before a zone's city in the tz database's names, case-folded ("asia",
    "america/argentina"): a name whose part before its last slash is none of them names no zone."""
    return frozenset(key.rpartition("/")[0] for key in _zones_by_folded_name())


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
