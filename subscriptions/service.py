"""Subscription rules over storage: what a user's words mean, who may change a chat's regions.

Handlers stay thin: they pass the user's text here and render the result. Region names are read by
:func:`nashra.regions.lookup.read_regions`, so Arabic and English names, aliases, cities, ISO codes,
proclitics, qualified names and typos all work, with bounded work per message.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from babel.core import get_global

from nashra.arabic import normalize
from nashra.clock import (
    HalvesError,
    NoTimeError,
    main_zone,
    merged_times,
    spoken_times,
    time_zone,
    zone_of_city,
    zone_said_again,
    zones_described_as,
    zones_named,
    zones_of_arabic_city,
)
from nashra.keywords import MAX_KEYWORDS, Keyword, KeywordError, parse_keywords
from nashra.regions import get_gazetteer
from nashra.regions.lookup import Candidate, Unknown, one_slip, read_regions
from nashra.storage.db import Database
from nashra.storage.outbox import HeldChange
from nashra.storage.preferences import PreferenceStore
from nashra.storage.subscribers import SubscriberStore
from subscriptions.model import (
    ChangeResult,
    ChannelBinding,
    DigestFormat,
    KeywordRow,
    ParsedRegions,
    Subscriber,
    Toggled,
)

# A shared name offers at most this many regions to choose from.
MAX_CHOICES = 6
# What stands for "every region" (or every keyword) after a verb, normalized (nashra.arabic.normalize:
# ة as ه), without the punctuation that may end it.
_ALL_WORDS = frozenset(
    {"all", "everything", "all regions", "all of them", "الكل", "كل", "الجميع", "جميع", "كلها", "كله", "كلهم"}
    | {"كل المناطق", "جميع المناطق", "كل شي", "كل شيء"}
)
ADMIN_STATUSES = ("creator", "administrator", "owner")


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    """One place a shared name may mean, for /time: the region ``code``, the ``place`` named inside it
    (as typed; None when the name is the region's own), and its IANA ``zone``."""

    code: str
    place: str | None
    zone: str


class TimeError(ValueError):
    """A /time argument that is not HH:MM or not a known time zone; ``term`` is the bad part. Kind
    ``"zones"``: ``term`` is in ``country`` (ISO 3166 code), which has several time zones; ``"shared"``:
    ``term`` names places in different zones, ``choices`` each; ``"places"``: ``term`` names several
    places, in different zones, ``choices`` each (the chat has one zone); ``"times"``: ``term`` names several
    different times (a chat has one digest time), ``times`` ("HH:MM" each); ``"zone_names"``: ``term``
    is the names of several zones, ``zones`` (IANA names, each once). ``moment`` is the time read when the
    zone was the trouble ("" otherwise)."""

    def __init__(
        self,
        kind: str,
        term: str,
        country: str = "",
        *,
        choices: tuple[ZoneChoice, ...] = (),
        times: tuple[str, ...] = (),
        zones: tuple[str, ...] = (),
        moment: str = "",
    ) -> None:
        super().__init__(f"{kind}: {term}")
        self.kind = kind
        self.term = term
        self.country = country
        self.choices = choices
        self.times = times
        self.zones = zones
        self.moment = moment


class TimeSetting(NamedTuple):
    """What /time asked for: ``time`` ("HH:MM"), ``zone`` (IANA name), and ``repeated``, the times
    that named the same time several times, as written ("/time 8:00 08:00" -> ("8:00", "08:00")): they
    are one time, and the reply says so; () when it was named once."""

    time: str
    zone: str
    repeated: tuple[str, ...] = ()


def may_change_subscriptions(chat_type: str, member_status: str | None) -> bool:
    """Private chats and channels change their own subscriptions; in groups only the admins may."""
    if chat_type in ("private", "channel"):
        return True
    return member_status in ADMIN_STATUSES


def parse_time(text: str, default_timezone: str) -> TimeSetting:
    """ "07:30 Asia/Damascus" -> 07:30 in "Asia/Damascus", "8 مساءً دمشق" -> 20:00 in "Asia/Damascus"
    (see :func:`nashra.clock.spoken_time`); the zone defaults to ``default_timezone``. A place where
    the zone's name is expected names its zone: a zone's city ("new york"), or a region of a country
    with one time zone ("دمشق", "السعودية", "Baghdad"), or a city of a country with several that names
    one of them («موسكو»), else a place in a country whose main zone the tz database tells (its
    :func:`nashra.clock.main_zone`: «ميونخ», «ألمانيا», «الصين»). One time written twice ("8:00
    08:00") is one time (:func:`nashra.clock.merged_times`).

    Raises :class:`TimeError` naming the time or the zone it could not read (kind ``"zones"`` for a
    place in a country of several zones and no main one, "روسيا": which one the user lives in is not
    guessed;
    ``"shared"`` for a name of places in different zones, «عمان» or «طرابلس»; ``"places"`` for several
    places in different zones, «القاهرة دمشق»; ``"zone_names"`` for several zones' names, "Asia/Riyadh
    Asia/Dubai"; ``"times"`` for several different times)."""
    parts = text.split()
    if not parts:
        raise TimeError("time", "")
    try:
        moments, written, zone = spoken_times(text)
    except HalvesError as exc:
        raise TimeError("time", exc.written) from None
    except NoTimeError as exc:
        raise TimeError("time", exc.written) from None
    kept, _ = merged_times(moments)
    if len(kept) > 1:
        raise TimeError("times", " ".join(written), times=tuple(kept))
    repeated = tuple(written) if len(written) > 1 else ()
    moment = kept[0]
    zone = zone or default_timezone
    try:
        return TimeSetting(moment, time_zone(zone), repeated)
    except ValueError:
        pass
    by_place = zone_said_again(zone) or zone_of_city(zone) or zone_of_region(zone)
    if by_place is not None:
        return TimeSetting(moment, by_place, repeated)
    named = zones_named(zone)
    if named:  # two zones or more, each known: which one the chat keeps is not guessed
        raise TimeError("zone_names", zone, zones=named, moment=moment)
    shared = _zones_of_shared_name(zone)
    if len({choice.zone for choice in shared}) == 1:
        return TimeSetting(moment, shared[0].zone, repeated)
    if shared:
        raise TimeError("shared", zone, choices=shared, moment=moment)
    several = _zones_of_places(zone)
    if several:
        raise TimeError("places", zone, choices=several, moment=moment)
    by_city = zones_of_arabic_city(zone)  # a city the gazetteer lacks, in CLDR's Arabic («لشبونة»)
    if len(by_city) == 1:
        return TimeSetting(moment, next(iter(by_city)), repeated)
    country = _country_named(zone)
    main = _main_zone(country) if country else None
    if main is not None:  # «ألمانيا», «ميونخ»: Büsingen's zone is no one's guess for Germany
        return TimeSetting(moment, main, repeated)
    if len(get_global("territory_zones").get(country, ())) > 1:
        raise TimeError("zones", zone, country, moment=moment)
    raise TimeError("timezone", zone, moment=moment)


def zone_of_region(name: str) -> str | None:
    """The time zone of the regions ``name`` names ("دمشق" -> "Asia/Damascus", «الخليل» ->
    "Asia/Hebron", «موسكو» -> "Europe/Moscow"), when they are all in one country: its zone when it has
    one (CLDR's territory zones, through Babel), else the one of its zones named after the place (the
    region's English name, or the city's Arabic name, as a zone's city); else None."""
    parsed = parse_regions(name, command=True)  # /time's place: a lone code in capitals is one
    if parsed.unknown:
        return None
    zones = {_zone_of_code(code, name, parsed.via.get(code)) for code in parsed.codes}
    return zones.pop() if len(zones) == 1 else None


def _zone_of_code(code: str, name: str, place: str | None = None) -> str | None:
    """The zone of region ``code`` (named ``name`` by the user, through the city ``place`` when it
    named one): its country's when the country has one (CLDR's territory zones), else the one of the
    country's zones named after the region or the place (its English name, the gazetteer's
    ``city_names_en`` giving «تورنتو» as "Toronto", or ``name`` as CLDR's Arabic name of a zone's
    city), or the one the tz database describes by that English name ("Canary Islands": its
    :func:`nashra.clock.zones_described_as`); else None."""
    zones = tuple(get_global("territory_zones").get(code.partition("-")[0], ()))
    if len(zones) == 1:
        return zones[0]
    gaz = get_gazetteer()
    english = {gaz.name(code, "en")} if "-" in code else set()
    if place is not None:
        english |= set(gaz.place_names.get((code, place), ()))
    by_name = {zone_of_city(each) for each in english}
    for each in english:
        by_name |= zones_described_as(code.partition("-")[0], each)
    by_name = (by_name | zones_of_arabic_city(name)) & set(zones)
    return by_name.pop() if len(by_name) == 1 else None


def _main_zone(country: str) -> str | None:
    """:func:`nashra.clock.main_zone` of ``country``, told its cities in the gazetteer's order
    (``countries.json`` ``cities_en``, the capital first for each country this decides: Tashkent,
    Kuala Lumpur, Buenos Aires), so that a country whose zones keep one clock is named after its
    capital: Uzbekistan after Tashkent, not Samarkand."""
    return main_zone(country, get_gazetteer().cities_en.get(country.upper(), ()))


def _zones_of_shared_name(name: str) -> tuple[ZoneChoice, ...]:
    """The region, place and zone of each place a name shared by several regions may mean («عمان»: Amman and
    Oman; «طرابلس»: Libya's and Lebanon's), when ``name`` is one such name and each place has a zone;
    else ()."""
    parsed = parse_regions(name, command=True)  # /time's place: a lone code in capitals is one
    if parsed.codes or len(parsed.ambiguous) != 1 or len(parsed.unknown) != 1:
        return ()
    codes = parsed.suggestions.get(parsed.ambiguous[0], [])
    zones = [_zone_of_code(code, name) or _main_zone(code.partition("-")[0]) for code in codes]
    if not zones or None in zones:
        return ()
    return tuple(
        ZoneChoice(code, parsed.places.get(code), zone)
        for code, zone in zip(codes, zones, strict=True)
        if zone is not None
    )


def _zones_of_places(name: str) -> tuple[ZoneChoice, ...]:
    """The region, place and zone of each place ``name`` names when it names several, all read, in more
    than one zone («القاهرة دمشق»: Cairo and Damascus); else (). A name shared by places in different
    regions among them offers each of its places («دمشق بيروت عمان»: Amman and Oman too). A chat has one
    zone, and which of them the user lives in is not guessed."""
    parsed = parse_regions(name, command=True)  # /time's place: a lone code in capitals is one
    shared = set(parsed.ambiguous)
    if any(unread not in shared for unread in parsed.unknown):
        return ()
    codes = [*parsed.codes, *(code for each in parsed.ambiguous for code in parsed.suggestions.get(each, []))]
    if len(codes) < 2:
        return ()
    choices = []
    for code in dict.fromkeys(codes):
        place = parsed.via.get(code) or parsed.places.get(code)
        zone = _zone_of_code(code, place or name, place) or _main_zone(code.partition("-")[0])
        if zone is None:
            return ()
        choices.append(ZoneChoice(code, place, zone))
    return tuple(choices) if len({choice.zone for choice in choices}) > 1 else ()


def _country_named(name: str) -> str:
    """The ISO 3166 code of the one country whose regions ``name`` names; "" when it names none, a
    name it could not read, or regions of several countries."""
    parsed = parse_regions(name, command=True)  # /time's place: a lone code in capitals is one
    countries = {code.partition("-")[0] for code in parsed.codes}
    return countries.pop() if len(countries) == 1 and not parsed.unknown else ""


def parse_regions(text: str, *, by_list: bool = True, command: bool = False) -> ParsedRegions:
    """Region codes named in ``text`` ("درعا، حلب", "Daraa and Aleppo", "SY-DR sy-hl", "بدرعا",
    "طرابلس لبنان"), the names it could not settle and what to offer for each; see :class:`ParsedRegions`.
    ``by_list=False`` leaves a shared name the list around it would settle ambiguous
    (:func:`nashra.regions.lookup.read_regions`). ``command``: ``text`` is a /subscribe or /unsubscribe
    command's arguments, where a lone code is one in any case ("it": Italy; read_regions says which
    words are excepted).
    """
    out = ParsedRegions()
    reading = read_regions(text, by_list=by_list, command=command)
    if reading.overflow:
        out.problem = "too_long"
        return out
    if reading.prose:
        out.problem = "not_a_list"
        return out
    for found in reading.found:
        if len(found.candidates) == 1 or found.together:
            for candidate in found.candidates:
                if candidate.code not in out.codes:
                    out.codes.append(candidate.code)
                if candidate.via_place:
                    out.via[candidate.code] = candidate.via_place
        elif found.term not in out.unknown:
            out.unknown.append(found.term)
            out.ambiguous.append(found.term)
            out.suggestions[found.term] = [c.code for c in found.candidates[:MAX_CHOICES]]
            _remember_places(out, found.candidates[:MAX_CHOICES])
    for unknown in reading.unknown:
        if unknown.term not in out.unknown:
            out.unknown.append(unknown.term)
            out.suggestions[unknown.term] = [c.code for c in unknown.suggestions]
            _remember_places(out, unknown.suggestions)
    return out


def names_in_sentence(text: str) -> str:
    """What a request written as a sentence names, for a formal verb addressed to the bot («@bot اشترك
    في الأخبار اللي تخص مصر لو سمحت» -> «الأخبار ، مصر لو سمحت», read as Egypt): ``text`` with each run
    of words that names nothing and does not look like a region cut out (replaced by «،», so the
    words either side stay apart); "" when nothing is left that names or looks like a region («شكرا
    على جهودكم الرائعة في نقل الأخبار»), or for prose. A run looks like a region when its best
    suggestion is a region's own name (a country or subdivision: «سوريي» for Syria, «دير الزوو»), or,
    when that run is all the text names, also a city («موسكوو»), or, beside a name, a city it is
    typed with one slip (:func:`nashra.regions.lookup.one_slip`: «الرياض وجدةة», so that the reply
    says what it did not recognise and offers Jeddah): talk offered as a town or village («شكرا»:
    شقرا, شكا) or, beside a name, as a city it does not slip from («اللي تخص»: اللد; «بس»: الرس) is
    not. The fillers around a request («في», «لو سمحت») are the lookup's
    (:data:`nashra.regions.lookup._FILLERS`)."""
    reading = read_regions(text)
    if reading.overflow or reading.prose:
        return ""
    alone = not reading.found and len(reading.unknown) == 1
    kept = text
    looks_like_a_region = False
    for unknown in reading.unknown:
        best = unknown.suggestions[0].rank if unknown.suggestions else None
        if _slipped(unknown) or (best is not None and best <= (_CITY_RANK if alone else _REGION_RANK)):
            looks_like_a_region = True
        else:
            kept = re.sub(rf"(?<!\w){re.escape(unknown.term)}(?!\w)", "،", kept, count=1)
    return kept if reading.found or looks_like_a_region else ""


def names_with_slips(text: str) -> bool:
    """Whether ``text`` is nothing but names, some typed with a slip (:func:`_slipped`: «جدةة», "Jedda",
    "Riyadh and Jedda"): every run of words the lookup could not read is a slip from a region or city it
    suggests. For the words after an everyday verb («أضف», "add"), which act only on a list of names: one
    mistyped is answered as /subscribe answers it, with the name it slipped from, while talk («احذف
    الصورة», "remove sports", "delete my data") is none. False when everything was read (nothing
    slipped), and for prose or a message too long to read."""
    reading = read_regions(text)
    if reading.overflow or reading.prose or not reading.unknown:
        return False
    return all(_slipped(unknown) for unknown in reading.unknown)


def _slipped(unknown: Unknown) -> bool:
    """Whether words the lookup could not read are a region's or a city's name typed with a slip: in Arabic
    one slip of the hand from a name it suggests (:func:`nashra.regions.lookup.one_slip`: «جدةة», «مصرر»),
    in Latin letters a name, capitalised, that the lookup comes close to ("Jedda", "Riyad": transliterations
    vary by a letter, where a word in lower case, "sports", merely looks like a name)."""
    names = [c for c in unknown.suggestions if c.rank <= _CITY_RANK]
    if _LATIN_NAME.fullmatch(unknown.term):
        return bool(names)
    return any(one_slip(unknown.term, c.matched) for c in names)


# Latin words each written as a name: capitalised, the rest in lower case ("Jedda", "Ras Tanura").
_LATIN_NAME = re.compile(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)*")
# Candidate.rank of a region's own name and of a city (nashra.regions.lookup.Candidate).
_REGION_RANK = 0
_CITY_RANK = 1


def _remember_places(out: ParsedRegions, candidates: tuple[Candidate, ...]) -> None:
    for candidate in candidates:
        if candidate.via_place:
            out.places.setdefault(candidate.code, candidate.via_place)


def is_all(text: str) -> bool:
    """Whether ``text`` asks for everything ("الكل", «كلها», «كل المناطق», "all.")."""
    return normalize(text).strip(" .!؟?،,").lower() in _ALL_WORDS


class SubscriptionService:
    """The subscriber domain: subscriptions, preferences and forgetting, over :class:`SubscriberStore`."""

    def __init__(self, db: Database) -> None:
        self.store = SubscriberStore(db)
        self.preferences = PreferenceStore(db)

    async def get(self, chat_id: int) -> Subscriber | None:
        row = await self.store.get(chat_id)
        if row is None:
            return None
        return Subscriber(
            chat_id=row.chat_id,
            kind=row.kind,
            language=row.language,
            timezone=row.timezone,
            digest_time=row.digest_time,
            paused=row.paused,
            blocked=row.blocked,
            last_digest_at=row.last_digest_at,
            regions=await self.store.regions_of(chat_id),
            created_at=row.created_at,
            life=row.life,
        )

    async def language_of(self, chat_id: int) -> str:
        row = await self.store.get(chat_id)
        return row.language if row else "ar"

    async def ensure(self, chat_id: int, kind: str, language: str = "ar") -> None:
        await self.store.ensure(chat_id, kind, language)

    async def subscribe(
        self, chat_id: int, kind: str, text: str, language: str = "ar", *, command: bool = False
    ) -> ChangeResult:
        """Follow the regions in ``text`` (``command``: a command's arguments, see :func:`parse_regions`)."""
        # Off the event loop: a long message of ordinary words is the slowest input a user can send.
        parsed = await asyncio.to_thread(parse_regions, text, command=command)
        result = ChangeResult(parsed=parsed)
        if parsed.codes:
            await self.store.ensure(chat_id, kind, language)
            result.changed = await self.store.add_codes(chat_id, parsed.codes)
            result.unchanged = [c for c in parsed.codes if c not in result.changed]
        return result

    async def unsubscribe(self, chat_id: int, text: str, *, command: bool = False) -> ChangeResult:
        """Stop following the regions in ``text``. A shared name («طرابلس») means the one the chat follows
        when it follows exactly one of them, and all of them (none followed) when it follows none; only
        when it follows several is the user asked. What the chat follows says more than the list the
        name stands in: «سوريا، عمان» from a chat that follows Amman stops Amman, not Oman. ``command``:
        ``text`` is a command's arguments (:func:`parse_regions`)."""
        if is_all(text):
            return ChangeResult(changed=await self.store.clear_codes(chat_id))
        parsed = await asyncio.to_thread(parse_regions, text, by_list=False, command=command)
        codes = list(parsed.codes)
        if parsed.ambiguous:
            following = set(await self.store.regions_of(chat_id))
            for term in list(parsed.ambiguous):
                followed = [code for code in parsed.suggestions[term] if code in following]
                if len(followed) > 1:
                    continue
                codes.extend(code for code in followed or parsed.suggestions[term] if code not in codes)
                parsed.ambiguous.remove(term)
                parsed.unknown.remove(term)
                del parsed.suggestions[term]
        result = ChangeResult(parsed=parsed)
        if codes:
            result.changed = await self.store.remove_codes(chat_id, codes)
            result.unchanged = [c for c in codes if c not in result.changed]
        return result

    async def read(self, text: str) -> ParsedRegions:
        """The regions ``text`` names (:func:`parse_regions`), read off the event loop."""
        return await asyncio.to_thread(parse_regions, text)

    async def pick(
        self, chat_id: int, kind: str, code: str, *, subscribe: bool, language: str = "ar"
    ) -> bool:
        """Follow (or stop following) one region offered by a button; returns whether anything changed.

        Raises ValueError for a code the gazetteer does not know.
        """
        if not get_gazetteer().is_known(code):
            raise ValueError(f"unknown region code {code!r}")
        if not subscribe:
            return bool(await self.store.remove_codes(chat_id, [code]))
        await self.store.ensure(chat_id, kind, language)
        return bool(await self.store.add_codes(chat_id, [code]))

    async def toggle(self, chat_id: int, kind: str, code: str, language: str = "ar") -> Toggled:
        """Flip one region (from the keyboard): whether the chat now follows it, and all it follows."""
        if not get_gazetteer().is_known(code):
            raise ValueError(f"unknown region code {code!r}")
        await self.store.ensure(chat_id, kind, language)
        if code in await self.store.regions_of(chat_id):
            await self.store.remove_codes(chat_id, [code])
        else:
            await self.store.add_codes(chat_id, [code])
        regions = await self.store.regions_of(chat_id)
        return Toggled(code in regions, regions)

    async def regions_of(self, chat_id: int) -> list[str]:
        return await self.store.regions_of(chat_id)

    async def set_language(self, chat_id: int, kind: str, language: str) -> None:
        await self.store.ensure(chat_id, kind, language)
        await self.store.set_language(chat_id, language)

    async def set_time(self, chat_id: int, kind: str, text: str, default_timezone: str) -> TimeSetting:
        """Set the chat's digest time from ``text`` (:func:`parse_time`, off the event loop: a place
        named for the zone is read by the region lookup). A time written without a zone keeps the zone
        the chat chose before ("/time 8 مساءً القاهرة", then "/time 9": 9:00 in Cairo), else
        ``default_timezone``. Raises :class:`TimeError`."""
        row = await self.store.get(chat_id)
        zone = row.timezone if row is not None and row.timezone else default_timezone
        setting = await asyncio.to_thread(parse_time, text, zone)
        await self.store.ensure(chat_id, kind)
        await self.store.set_time(chat_id, setting.time, setting.zone)
        return setting

    async def clear_time(self, chat_id: int, kind: str) -> None:
        """Drop the chat's own digest time: its digests come at the configured schedule again."""
        await self.store.ensure(chat_id, kind)
        await self.store.set_time(chat_id, None, None)

    async def set_paused(
        self, chat_id: int, kind: str, paused: bool, *, max_age: timedelta | None = None
    ) -> HeldChange:
        """Pause or resume the chat; what became of its messages not sent yet (alerts held longer than
        ``max_age`` expire at /resume: :meth:`SubscriberStore.set_paused`)."""
        await self.store.ensure(chat_id, kind)
        return await self.store.set_paused(chat_id, paused, max_age=max_age) or HeldChange()

    async def mark_blocked(self, chat_id: int, blocked: bool) -> None:
        """The chat blocked (or unblocked) the bot; nothing is sent to a blocked chat."""
        await self.store.set_blocked(chat_id, blocked)

    async def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        await self.store.migrate_chat(old_chat_id, new_chat_id)

    async def forget(self, chat_id: int) -> bool:
        return await self.store.forget(chat_id)

    # -- keyword filters ------------------------------------------------------------------------------

    async def keywords(self, chat_id: int) -> list[KeywordRow]:
        return await self.preferences.keywords(chat_id)

    async def add_keywords(
        self, chat_id: int, kind: str, text: str, *, exclude: bool = False
    ) -> tuple[list[Keyword], list[Keyword]]:
        """Add the keywords in ``text`` (``exclude`` makes them all exclusions); returns (added, unchanged).

        Raises :class:`KeywordError` for a bad keyword, or ("too_many", count) past the per-chat limit.
        """
        parsed = parse_keywords(text)
        if exclude:
            parsed = [Keyword(k.phrase, k.shown, True) for k in parsed]
        existing = {row.phrase for row in await self.preferences.keywords(chat_id)}
        if len(existing | {k.phrase for k in parsed}) > MAX_KEYWORDS:
            raise KeywordError("too_many", str(MAX_KEYWORDS))
        await self.store.ensure(chat_id, kind)
        changed = set(
            await self.preferences.add_keywords(chat_id, [(k.phrase, k.shown, k.exclude) for k in parsed])
        )
        return [k for k in parsed if k.phrase in changed], [k for k in parsed if k.phrase not in changed]

    async def remove_keywords(self, chat_id: int, text: str) -> tuple[list[Keyword], list[Keyword]]:
        """Remove the keywords in ``text`` ("الكل" clears them); returns (removed, not found)."""
        if is_all(text):
            rows = await self.preferences.keywords(chat_id)
            await self.preferences.clear_keywords(chat_id)
            return [Keyword(r.phrase, r.shown, r.exclude) for r in rows], []
        parsed = parse_keywords(text)
        removed = set(await self.preferences.remove_keywords(chat_id, [k.phrase for k in parsed]))
        return [k for k in parsed if k.phrase in removed], [k for k in parsed if k.phrase not in removed]

    async def remove_keyword_id(self, chat_id: int, keyword_id: int) -> bool:
        return await self.preferences.remove_keyword_id(chat_id, keyword_id)

    # -- digest format --------------------------------------------------------------------------------

    async def digest_format(self, chat_id: int) -> DigestFormat:
        return await self.preferences.digest_format(chat_id)

    async def set_format(
        self,
        chat_id: int,
        kind: str,
        *,
        style: str | None = None,
        link_previews: bool | None = None,
        max_items: int | None = None,
    ) -> DigestFormat:
        await self.store.ensure(chat_id, kind)
        return await self.preferences.set_format(
            chat_id, style=style, link_previews=link_previews, max_items=max_items
        )

    # -- forum topics ---------------------------------------------------------------------------------

    async def bind_topic(self, chat_id: int, kind: str, thread_id: int, text: str) -> ChangeResult:
        """Subscribe the forum to the regions in ``text`` and route them into topic ``thread_id``."""
        result = await self.subscribe(chat_id, kind, text)
        if result.parsed.codes:
            await self.preferences.bind_topic(chat_id, thread_id, result.parsed.codes)
        return result

    async def unbind_topic(self, chat_id: int, thread_id: int) -> list[str]:
        return await self.preferences.unbind_topic(chat_id, thread_id)

    async def topics(self, chat_id: int) -> dict[str, int]:
        return await self.preferences.topics(chat_id)

    # -- region channels ------------------------------------------------------------------------------

    async def channels(self) -> list[ChannelBinding]:
        """Every region channel, by chat id, whether bound by an admin or by the config."""
        return await self.preferences.channels()

    async def bind_channel(self, chat_id: int, text: str, created_by: int | None) -> ParsedRegions:
        """Make channel ``chat_id`` follow exactly the regions named in ``text`` (one digest per cycle and
        their alerts); nothing changes unless every name was settled. Returns what ``text`` named."""
        parsed = await asyncio.to_thread(parse_regions, text, command=True)
        if parsed.codes and not parsed.unknown and not parsed.problem:
            await self.preferences.bind_channel(chat_id, parsed.codes, "command", created_by)
        return parsed

    async def unbind_channel(self, chat_id: int) -> bool:
        """Stop posting to a region channel; False when it was not one."""
        return await self.preferences.unbind_channel(chat_id)

    async def sync_config_channels(self, bindings: Sequence[tuple[int, Sequence[str]]]) -> list[int]:
        """Bind the config's ``[[channels]]`` and unbind config channels no longer listed (returned)."""
        return await self.preferences.sync_config_channels(bindings)
