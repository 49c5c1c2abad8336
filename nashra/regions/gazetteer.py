"""The region gazetteer: countries, first-level subdivisions and places, with a name index for matching.

Loaded once per process from ``nashra/regions/data/*.json`` (format in ``data/README.md``). Every
Arabic name is normalized with :func:`nashra.arabic.normalize` at load and indexed by its first word,
so the matcher can find names in a text with one dictionary look-up per word.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from nashra.arabic import QUOTE, normalize
from nashra.regions.context import TITLES

DATA_DIR = Path(__file__).resolve().parent / "data"
# Written by nashra.regions.derive_usage from a news corpus: which names are mostly ordinary words.
DERIVED_USAGE = DATA_DIR / "derived" / "name_usage.json"

# normalize() folds ة into ه and آ into ا, but news text writes both consistently and they tell place names
# from ordinary words: جدة (Jeddah) / جده ("his grandfather"), مأرب (Marib) / مآرب ("aims"). The "light"
# form keeps them by parking them on letters normalize() leaves alone; it has the same length, letter for
# letter, as the normalized form, so word offsets hold in both. (Not on the Urdu teh marbuta ۃ, which
# normalize() folds as ة; it is parked as ة is.)
_TA_PARKED = "\u0774"
_MADDA_PARKED = "\u0773"
# Two more things normalize() drops tell names from words. Tanween marks an indefinite word, and a
# place name is never indefinite: دوماً is "always", not Douma. It is kept as a letter (TANWEEN) at the
# end of its word, so the word matches no name. Double quotation marks, which set off an outlet's name
# ('قال لـ"الرياض"'), are kept as QUOTE (nashra.arabic), a mark that is no letter.
TANWEEN = "\u0776"
# The three tanween marks, and the open tanween marks of vocalized (Quranic-style) text: U+08F0-08F2.
_TANWEEN_MARKS = ("\u064b", "\u064c", "\u064d", "\u08f0", "\u08f1", "\u08f2")
_DOUBLE_QUOTES = ('"', "«", "»", "“", "”", "„", "‟")


def light_normalize(text: str) -> str:
    """normalize(), except that ة and آ are kept, tanween is kept as TANWEEN and double quotation marks
    as QUOTE: ``fold_light(light_normalize(t)) == normalize(t)`` for text without tanween or quotes."""
    # str.replace, not str.translate: it is two orders of magnitude faster on Arabic text.
    parked = text.replace("ة", _TA_PARKED).replace("ۃ", _TA_PARKED).replace("آ", _MADDA_PARKED)
    for mark in _TANWEEN_MARKS:
        if mark in parked:
            parked = parked.replace(mark, TANWEEN)
    for quote in _DOUBLE_QUOTES:
        if quote in parked:
            parked = parked.replace(quote, f" {QUOTE} ")
    return normalize(parked).replace(_TA_PARKED, "ة").replace(_MADDA_PARKED, "آ")


def fold_light(light: str) -> str:
    """The normalized form of a light form: ة becomes ه and آ becomes ا, as normalize() does."""
    return light.replace("ة", "ه").replace("آ", "ا")


LATIN_MIN = 5
# A country name's measured tier is trusted only from this many uses in the corpus. Its only signal is a
# preposition before it, and a country named as an actor («بابا الفاتيكان», «منتخب الإكوادور», «محاولات
# الفاتيكان») shows none, as a word does: twenty uses of a name news writes a few times a year cannot
# tell the two. The country names that are words (بنين "sons", مالي "financial") are written far more.
COUNTRY_TIER_MIN_USES = 50
# At this estimated share of place uses a place's name is plainly one (nashra.regions.derive_usage measures
# the share); below it a name needs evidence. The article signal for places is sharp, and a name used
# otherwise once in ten costs more precision than the 0.95 Nashra aims at.
PLAIN_PLACE_SHARE = 0.9
# Kinds of places (data "kind") that need locative evidence unless the corpus shows them mostly places.
UNPROVEN_KINDS = frozenset(("town", "village", "area", "landmark"))
_GENERIC_LATIN = frozenset(
    ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "capital")
)

COUNTRY = "country"
SUBDIVISION = "subdivision"
PLACE = "place"
ADJECTIVE = "adjective"
# The kind of a lookup name that covers several subdivisions at once (دارفور: the five Darfur states).
GROUP = "group"


_QUALIFIER = re.compile(r"\s*\([^)]*\)")


def bare_name(name: str) -> str:
    """A data name without its parenthesised qualifier: "Tripoli (Lebanon)" -> "Tripoli"."""
    return _QUALIFIER.sub("", name).strip() or name


@dataclass(frozen=True, slots=True)
class Region:
    """A country or a first-level subdivision: the units users subscribe to and sections are tagged with."""

    code: str
    kind: str
    parent: str | None
    names_ar: tuple[str, ...]
    names_en: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sense:
    """One thing a name can mean: a region, reached directly or through a named place inside it."""

    code: str
    kind: str
    via_place: str | None
    needs_context: bool
    # Taken only right after a place word (محافظة البحر الأحمر, not the sea): see data/README.md.
    only_after_place_word: bool = False
    # What a name that is mostly an ordinary word needs at each mention ("" for nothing more): "locative"
    # or "strict" (see Matcher.evidenced), "verb" for a name that is also a verb (data only), or "rare"
    # for a sense of a shared name that news hardly speaks of. Measured on real news by
    # nashra.regions.derive_usage.
    evidence: str = ""
    # For a place: its kind in the data (city, town, village, area, landmark); "" for a region.
    place_kind: str = ""


@dataclass(frozen=True, slots=True)
class NameEntry:
    """An indexed Arabic name: its words after the first, and its senses (none for a non-place name).

    ``spellings`` are the light forms (ة and آ kept) of the data's spellings of the name, split into
    words: the matcher refuses a text word that is spelled against all of them.
    """

    words: tuple[str, ...]
    senses: tuple[Sense, ...]
    spellings: tuple[tuple[str, ...], ...] = ()
    # A sports club's name (الريان, الزمالك, الاتحاد السكندري): None for no club, else what the name
    # means when the text speaks of the club, the country of a country adjective in it (الكويت الكويتي).
    club: tuple[Sense, ...] | None = None
    # A foreign city's name (countries.json ``cities``) that clubs and hotels also take: it is the club
    # only on plain evidence next to it (see ``RegionMatcher.names_club``), never for a sports report's
    # sake alone, since a sports report also names the cities where teams play and travel.
    named_after: bool = False

    @property
    def is_blocker(self) -> bool:
        """A media outlet or phrase that contains a place name but is not about the place."""
        return not self.senses and self.club is None


@dataclass(slots=True)
class LookupName:
    """A name (Arabic or English, normalized) a user may type, with the region it leads to.

    ``kind`` is what the name names: ``country``, ``subdivision``, ``group`` (one of the subdivisions a
    name covers together, such as Darfur's five states), ``adjective`` (an English demonym, "Saudi"), or a
    place's kind from the data (``city``, ``town``, ``village``, ``area``, ``landmark``); lookup asks the
    user to choose when a bare name is shared by regions or cities of several regions.
    """

    norm: str
    code: str
    shown: str
    via_place: str | None
    kind: str = ""


@dataclass
class Gazetteer:
    """All regions, their hierarchy and display names, and the Arabic name index used by the matcher."""

    regions: dict[str, Region] = field(default_factory=dict)
    # First normalized word -> entries starting with it, longest first.
    index: dict[str, list[NameEntry]] = field(default_factory=dict)
    lookup_names: list[LookupName] = field(default_factory=list)
    # Words read as a name through a proclitic that are, in real news, mostly something else
    # (فاطمه read as ف + أطمة): normalized surface -> evidence tier, as Sense.evidence.
    surface_evidence: dict[str, str] = field(default_factory=dict)
    # Names written with a preposition proclitic that real news uses as places with it (بتبوك, بنجران:
    # measured often enough, at PLAIN_PLACE_SHARE or more): the clitic is the preposition before a place.
    surface_places: frozenset[str] = frozenset()
    # First names, measured on real news as the words that follow titles (الدكتور أيمن): a definite
    # name or nisba right after one is a surname (أيمن المغربي).
    given_names: frozenset[str] = frozenset()
    # How often real news names each name as a place (normalized name -> name_usage.json's "placed"
    # count; Arabic names only): of two places a typo is equally close to («وجدةة»: Oujda's «وجدة» and
    # Jeddah's «جدة» under the conjunction), the one news names more is the likelier meant.
    place_uses: dict[str, int] = field(default_factory=dict)
    # Adjectives of subdivisions (البقاعية -> LB-BI): after a place name they settle which one it is.
    region_adjectives: dict[str, str] = field(default_factory=dict)
    # Names that cover several subdivisions and tag them all (دارفور -> the five Darfur states):
    # normalized name -> codes. The name's sense is their country; the matcher adds these to it.
    group_tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Fully vocalized spellings of names that regions share but say differently (عَمَّان, JO-AM; عُمَان,
    # OM): normalized name -> code -> spellings. The marks a user or a text writes on such a name settle
    # which region it is (nashra.arabic.marks_fit).
    vocalized: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # (region code, a place's shown name in either language, with or without its qualifier) -> the
    # place's (Arabic, English) names without it: a place a user typed in one language is named in the
    # language of the reply, and the region it is in says what the qualifier said.
    place_names: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    # A country's cities by their English names, in the order ``countries.json`` lists them
    # (``cities_en``: the capital first where the capital is what news names most): code -> names.
    cities_en: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Fully vocalized spellings of a country's adjective where a word of another region is spelled with
    # the same letters (عُمَانِيّ Omani; عَمّاني of Amman): code -> spellings. An adjective written with
    # marks that fit none of them is that other word.
    adjective_marks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Which subdivisions share a border, for the countries whose file lists them (``borders``): code ->
    # the codes of its neighbours. A place said to lie near another subdivision is in it or beside it.
    borders: dict[str, frozenset[str]] = field(default_factory=dict)
    # A state's style that news writes bare for the state («المملكة»: Saudi Arabia in a Saudi paper,
    # Jordan in a Jordanian one): normalized style (with its article) -> the countries of that style.
    # The matcher takes it for the one of them the article names (see Matcher.styled_countries).
    styles: dict[str, frozenset[str]] = field(default_factory=dict)
    # Who speaks for a country in news text: its ruler named with his title («الملك محمد السادس»), its
    # state news agency («وكالة الأنباء الأردنية», «بترا»). Normalized name -> country. A kingdom one of
    # them names is named for the bare style: «المملكة» in a report credited to «بترا» is Jordan, not a
    # Saudi outlet's home (see ``nashra.regions.matcher.tag_sections``). Agencies' one-word names (وام
    # is also «وأم», "and a mother"; بنا "with us") count only in quotation marks or parentheses:
    # ``agency_words`` holds those.
    speakers: dict[str, str] = field(default_factory=dict)
    agency_words: dict[str, str] = field(default_factory=dict)
    # The adjective names that name a person, not a nisba a place takes: a ruler or standing title
    # («الملك محمد السادس», «خادم الحرمين الشريفين») and a player's word with his nationality («المحترف
    # العاجي»), normalized as the index keys are. Right after a place they say who was there, not which
    # country's namesake the place is («في الرياض الملك محمد السادس» is Riyadh; see
    # ``Matcher._settle_by_text``).
    persons: set[str] = field(default_factory=set)
    _subdivisions: dict[str, list[str]] = field(default_factory=dict)

    def is_known(self, code: str) -> bool:
        return code.upper() in self.regions

    def place_name(self, code: str, place: str, lang: str = "ar") -> str:
        """The name in ``lang`` of the place inside region ``code`` that ``place`` names in either
        language ("Jeddah" -> "جدة"); ``place`` itself when the data gives it no other name (a
        country's cities are listed per language, not paired)."""
        names = self.place_names.get((code.upper(), place))
        if names is None:
            return place
        return names[0] if lang == "ar" else names[1]

    def name(self, code: str, lang: str = "ar") -> str:
        """Display name: the first Arabic or English name of the region."""
        region = self.regions[code.upper()]
        names = region.names_ar if lang == "ar" else region.names_en
        return names[0] if names else (region.names_en or region.names_ar or (code,))[0]

    def parent(self, code: str) -> str | None:
        return self.regions[code.upper()].parent

    def expand(self, codes: Iterable[str]) -> set[str]:
        """The codes plus all their ancestors (a subdivision brings its country)."""
        out: set[str] = set()
        for code in codes:
            current: str | None = code
            while current is not None and current not in out:
                out.add(current)
                region = self.regions.get(current)
                current = region.parent if region else None
        return out

    def countries(self) -> list[str]:
        return sorted(code for code, r in self.regions.items() if r.kind == COUNTRY)

    def subdivisions(self, country: str) -> list[str]:
        return list(self._subdivisions.get(country.upper(), []))


# Vowel letters and the feminine ending: a name written with one for another (سوريا / سورية) shows no
# second spelling of a consonant.
_VOWEL_LETTERS = frozenset("اأإآةىيو")


def adjective_spellings(names: Iterable[str], adjectives: Iterable[str]) -> list[str]:
    """A country's adjectives as written, and as written with each consonant its names show two ways.

    Foreign sounds have two Arabic letters each, and an outlet keeps to its own: G as غ or ج (بنغلاديش /
    بنجلاديش), K as ك or ق, T as ت or ط. The data lists the names both ways, the adjectives mostly one
    way; an outlet that writes «بنجلاديش» also writes «بنجلاديشي الجنسية». Two one-word names (article
    dropped) of one length that differ in one consonant give the other spelling to every adjective
    written on the same stem: the letter with the two before it and the one after (بنغل / بنجل), so
    «غياني» (Guyanese) does not become «جياني» (Gianni) from غويانا / جويانا.
    """
    adjectives = list(adjectives)
    words = {n.removeprefix("ال") for n in names if " " not in n.strip()}
    stems: set[tuple[str, str]] = set()
    for one in words:
        for other in words:
            if len(one) != len(other) or one == other:
                continue
            diff = [i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
            if len(diff) != 1 or {one[diff[0]], other[diff[0]]} & _VOWEL_LETTERS:
                continue
            i = diff[0]
            stems.add((one[max(0, i - 2) : i + 2], other[max(0, i - 2) : i + 2]))
    out = list(adjectives)
    for adjective in adjectives:
        for stem, variant in sorted(stems):
            spelled = adjective.replace(stem, variant)
            if stem in adjective and spelled not in out:
                out.append(spelled)
    return out


# Words for a player or a national side, after which a ``player_adjectives`` nisba is a nationality
# («المحترف العاجي», the Ivorian pro). From the sports reports of SaudiNewsNet.
PLAYER_WORDS = ("المحترف", "اللاعب", "المهاجم", "المدافع", "الحارس", "النجم", "الدولي", "المدرب", "المنتخب")
# Words for soldiers and a country's people, after which a ``player_adjectives`` nisba (its plural too) is
# a nationality as well («الجنود الماليين», Malian soldiers; «المحللين الماليين» are financial analysts).
NATIONAL_WORDS = (
    "الجندي",
    "الجنود",
    "العسكريين",
    "المواطنين",
    "المواطنون",
    "الرعايا",
    "اللاجئين",
    "اللاجئون",
    "المهاجرين",
    "المهاجرون",
    "المتمردين",
    "المتمردون",
    "اللاعبين",
    "اللاعبون",
)


class _Builder:
    """Collects names while the data files are read, then freezes them into a :class:`Gazetteer`."""

    def __init__(self) -> None:
        self.gaz = Gazetteer()
        self.senses: dict[str, list[Sense]] = {}
        self.spellings: dict[str, set[str]] = {}
        self.blockers: set[str] = set()
        self.clubs: set[str] = set()
        self.named_after: set[str] = set()
        self.tiers: dict[str, str] = {}
        self.sense_tiers: dict[str, dict[str, str]] = {}
        self.small_names: set[str] = set()
        # Names the corpus saw often enough to judge (None: no usage file read), and how often.
        self.measured: set[str] | None = None
        self.uses: dict[str, int] = {}
        # Titles written before people's names (normalized): a place named after a person starts with one.
        self.titles: frozenset[str] = frozenset()

    def add_name(self, name: str, sense: Sense) -> None:
        light = light_normalize(name)
        norm = fold_light(light)
        if not norm:
            return
        for form, spelling in ((norm, light), (norm.replace(" ", ""), light.replace(" ", ""))):
            bucket = self.senses.setdefault(form, [])
            if sense not in bucket:
                bucket.append(sense)
            self.spellings.setdefault(form, set()).add(spelling)

    def add_person(self, name: str) -> None:
        """Record an adjective name as a person's (``Gazetteer.persons``), keyed as ``add_name`` keys it."""
        self.gaz.persons.add(fold_light(light_normalize(name)))

    def add_latin(self, name: str, sense: Sense) -> None:
        """An English name, for Latin script inside Arabic text ("في Aleppo", a caption "Lebanon").

        Hyphens and apostrophes are read as the text's words will be (Deir ez-Zor, Sana'a). One-word
        names shorter than LATIN_MIN letters, and English words for directions and capitals, are left
        out: they are English words more often than places.
        """
        norm = normalize(name.replace("-", " ").replace("'", "").replace("’", ""))
        if not norm or (" " not in norm and (len(norm) < LATIN_MIN or norm in _GENERIC_LATIN)):
            return
        bucket = self.senses.setdefault(norm, [])
        if sense not in bucket:
            bucket.append(sense)

    def add_vocalized(self, data: dict, code: str) -> None:
        """The entry's ``vocalized`` spellings, each of one of its Arabic names (ValueError otherwise)."""
        names = {normalize(name) for name in data.get("ar", [])}
        for spelling in data.get("vocalized", []):
            norm = normalize(spelling)
            if norm not in names:
                raise ValueError(f"vocalized spelling {spelling!r} of {code} is none of its Arabic names")
            known = self.gaz.vocalized.setdefault(norm, {}).get(code, ())
            self.gaz.vocalized[norm][code] = (*known, spelling)

    def add_adjective_marks(self, data: dict, code: str) -> None:
        """The country's ``vocalized_adjectives``, each of one of its adjectives (ValueError otherwise)."""
        adjectives = {normalize(name) for name in data.get("adjectives", [])}
        spellings = tuple(data.get("vocalized_adjectives", []))
        for spelling in spellings:
            if normalize(spelling) not in adjectives:
                raise ValueError(f"vocalized adjective {spelling!r} of {code} is none of its adjectives")
        if spellings:
            self.gaz.adjective_marks[code] = spellings

    def add_lookup(self, names: Iterable[str], code: str, via_place: str | None, kind: str) -> None:
        for name in names:
            norm = normalize(name)
            if norm:
                self.gaz.lookup_names.append(LookupName(norm, code, name, via_place, kind))

    def load_countries(self, path: Path) -> None:
        for code, data in json.loads(path.read_text(encoding="utf-8")).items():
            names_ar, names_en = tuple(data.get("ar", [])), tuple(data.get("en", []))
            self.gaz.regions[code] = Region(code, COUNTRY, None, names_ar, names_en)
            for name in names_ar:
                self.add_name(name, Sense(code, COUNTRY, None, False))
            for name in names_en:
                self.add_latin(name, Sense(code, COUNTRY, None, False))
            for name in adjective_spellings(names_ar, data.get("adjectives", [])):
                self.add_name(name, Sense(code, ADJECTIVE, None, False))
            # A head of state's standing title («خادم الحرمين الشريفين»): it names the country as an
            # adjective does, and, like one, is never a place (no dateline, no lookup name).
            for name in data.get("titles", []):
                self.add_name(name, Sense(code, ADJECTIVE, None, False))
                self.add_person(name)
            # An adjective that is also a common word («العاجي», "of ivory"): the country only right after
            # a word for a player or a national side («المحترف العاجي», «المنتخب العاجي»), never alone
            # («برجه العاجي», his ivory tower).
            for adjective in data.get("player_adjectives", []):
                for word in PLAYER_WORDS + NATIONAL_WORDS:
                    self.add_name(f"{word} {adjective}", Sense(code, ADJECTIVE, None, False))
                    self.add_person(f"{word} {adjective}")
            # A ruler named with his title names his country as a standing title does; his name and the
            # state agency's also tell whose news a report is (``Gazetteer.speakers``).
            for name in data.get("rulers", []):
                self.add_name(name, Sense(code, ADJECTIVE, None, False))
                self.add_person(name)
                self.gaz.speakers[normalize(name)] = code
            for name in data.get("agencies", []):
                target = self.gaz.agency_words if " " not in name else self.gaz.speakers
                target[normalize(name)] = code
            for style in data.get("styles", []):
                norm = normalize(style)
                self.gaz.styles[norm] = self.gaz.styles.get(norm, frozenset()) | {code}
            # Capitals and major cities of countries without subdivision files: in Arab news they
            # stand for the country ("موسكو ترد", "غارات على خاركيف").
            # Clubs and hotels take these cities' names (طرابزون, ليدز يونايتد, فندق ميونخ): each is read
            # as a club's name too, so that a sports word or a hotel beside it makes it the club.
            for name in data.get("cities", []):
                self.add_name(name, Sense(code, PLACE, name, False, place_kind="city"))
                if norm := normalize(name):
                    self.named_after.add(norm)
            self.add_lookup(names_ar, code, None, COUNTRY)
            self.add_vocalized(data, code)
            self.add_adjective_marks(data, code)
            self.add_lookup(names_en, code, None, COUNTRY)
            for name in data.get("cities", []):
                self.add_lookup((name,), code, name, "city")
            for name in data.get("cities_en", []):
                self.add_lookup((name,), code, name, "city")
            self.gaz.cities_en[code] = tuple(data.get("cities_en", ()))
            self.add_city_names(data, code)
            # English demonyms ("Saudi", "Lebanese"): what users type for a country; lookup only.
            self.add_lookup(data.get("adjectives_en", []), code, None, ADJECTIVE)

    def add_city_names(self, data: dict, code: str) -> None:
        """Pair a country's cities with their English names (``city_names_en``: Arabic name -> English
        name, both as ``cities`` and ``cities_en`` list them), so a reply or a button names «موسكو» as
        "Moscow" to a reader of English, and "Moscow" as «موسكو» to a reader of Arabic; and their other
        English spellings (``spellings_en``: spelling -> the paired English name, ``{"Kiev": "Kyiv"}``),
        so "Kiev" is named «كييف» and "Kyiv" as well. Raises ValueError for a name of neither list."""
        cities, cities_en = set(data.get("cities", [])), set(data.get("cities_en", []))
        for name_ar, name_en in data.get("city_names_en", {}).items():
            if name_ar not in cities or name_en not in cities_en:
                raise ValueError(
                    f"{code}: city_names_en pairs a name of cities with one of cities_en, not {name_ar!r}"
                )
            for name in (name_ar, name_en):
                self.gaz.place_names.setdefault((code, name), (name_ar, name_en))
        # Other English spellings of a paired city ("Kiev" beside "Kyiv"): named as the city is.
        for spelling, name_en in data.get("spellings_en", {}).items():
            names = self.gaz.place_names.get((code, name_en))
            if spelling not in cities_en or names is None:
                raise ValueError(
                    f"{code}: spellings_en pairs a name of cities_en with a paired one, not {spelling!r}"
                )
            self.gaz.place_names.setdefault((code, spelling), names)

    def load_country_file(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        country = data.get("country")
        # world.json has no country: only names that are no place anywhere (أمريكا اللاتينية).
        subs = self.gaz._subdivisions.setdefault(country, []) if country else []
        for code, sub in data.get("subdivisions", {}).items():
            names_ar, names_en = tuple(sub.get("ar", [])), tuple(sub.get("en", []))
            if not names_en:
                names_en = (_pycountry_name(code),)
            self.gaz.regions[code] = Region(code, SUBDIVISION, country, names_ar, names_en)
            subs.append(code)
            needs_context = bool(sub.get("needs_context"))
            strict = bool(sub.get("only_after_place_word"))
            for name in names_ar:
                self.add_name(name, Sense(code, SUBDIVISION, None, needs_context or strict, strict))
            for name in sub.get("en", []):
                self.add_latin(name, Sense(code, SUBDIVISION, None, needs_context or strict, strict))
            for adjective in sub.get("adjectives", []):
                self.gaz.region_adjectives[normalize(adjective)] = code
            self.add_lookup(names_ar, code, None, SUBDIVISION)
            self.add_vocalized(sub, code)
            self.add_lookup(names_en, code, None, SUBDIVISION)
        for place in data.get("places", []):
            shown = (place.get("ar") or place.get("en") or [""])[0]
            needs_context = bool(place.get("needs_context"))
            strict = bool(place.get("only_after_place_word"))
            kind = place.get("kind", "town")
            word = place.get("word_evidence", "")
            if word not in ("", "locative", "strict", "verb"):
                raise ValueError(f"{shown}: word_evidence is locative, strict or verb, not {word!r}")
            sense = Sense(place["in"], PLACE, shown, needs_context or strict, strict, word, kind)
            for name in place.get("ar", []):
                self.add_name(name, sense)
                if place.get("kind") in UNPROVEN_KINDS and " " not in name.strip():
                    # (A name of several words is specific enough.)
                    self.small_names.add(fold_light(light_normalize(name)))
            for name in place.get("en", []):
                self.add_latin(name, sense)
            shown_en = (place.get("en") or [shown])[0]
            self.add_lookup(place.get("ar", []), place["in"], shown, kind)
            self.add_vocalized(place, place["in"])
            self.add_lookup(place.get("en", []), place["in"], shown_en, kind)
            names = (bare_name(shown), bare_name(shown_en))
            for name in {shown, shown_en, *names}:
                self.gaz.place_names.setdefault((place["in"], name), names)
        for group in data.get("groups", []):
            self.load_group(group)
        for pair in data.get("borders", []):
            if len(pair) != 2 or not all(code in data.get("subdivisions", {}) for code in pair):
                raise ValueError(f"{country}: a border joins two of the file's subdivisions, not {pair!r}")
            first, second = pair
            self.gaz.borders[first] = self.gaz.borders.get(first, frozenset()) | {second}
            self.gaz.borders[second] = self.gaz.borders.get(second, frozenset()) | {first}
        for name in data.get("not_places", []):
            norm = normalize(name)
            if norm:
                self.blockers.update({norm, norm.replace(" ", "")})
        for name in data.get("clubs", []):
            norm = normalize(name)
            if norm:
                self.clubs.add(norm)

    def load_group(self, group: dict) -> None:
        """A name that covers several subdivisions together (دارفور, الضفة الغربية, سيناء).

        Lookup reads it as all of ``covers`` at once. In news text it tags ``tags``: one code (the
        country: the West Bank is not each of its eleven governorates), or a list of codes of one
        country, all tagged (دارفور: the five Darfur states).
        """
        names_ar, names_en = group.get("ar", []), group.get("en", [])
        shown = (names_ar or names_en)[0]
        tags = group.get("tags")
        if tags:
            codes = (tags,) if isinstance(tags, str) else tuple(tags)
            country = codes[0].split("-", 1)[0]
            sense = Sense(country, PLACE, shown, False, place_kind="area")
            for name in names_ar:
                self.add_name(name, sense)
                if len(codes) > 1 or codes[0] != country:
                    self.gaz.group_tags[fold_light(light_normalize(name))] = codes
            for name in names_en:
                self.add_latin(name, sense)
                if len(codes) > 1 or codes[0] != country:
                    self.gaz.group_tags[normalize(name)] = codes
        for code in group["covers"]:
            self.add_lookup(names_ar, code, None, GROUP)
            self.add_lookup(names_en, code, None, GROUP)

    def club_senses(self, norm: str) -> tuple[Sense, ...]:
        """What a club's name still says when it names the club: the country its words name, if any."""
        senses: dict[str, Sense] = {}
        for word in norm.split(" "):
            for sense in self.senses.get(word, ()):
                if sense.kind in (COUNTRY, ADJECTIVE) and not sense.needs_context:
                    senses.setdefault(sense.code, sense)
        return tuple(senses.values())

    def load_usage(self, path: Path) -> None:
        """Evidence tiers measured on real news (see nashra.regions.derive_usage)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        names = data.get("names", {})
        self.tiers = {name: e["tier"] for name, e in names.items() if e.get("tier")}
        least = data.get("min_occurrences", 0)
        self.measured = {name for name, e in names.items() if e.get("n", 0) >= least}
        self.uses = {name: e.get("n", 0) for name, e in names.items()}
        self.sense_tiers = {name: e["sense_tiers"] for name, e in names.items() if e.get("sense_tiers")}
        surfaces = data.get("surfaces", {})
        self.gaz.surface_evidence = {surface: e["tier"] for surface, e in surfaces.items() if e.get("tier")}
        self.gaz.surface_places = frozenset(
            surface
            for surface, e in surfaces.items()
            if not e.get("tier") and e.get("n", 0) >= least and e.get("place_share", 0) >= PLAIN_PLACE_SHARE
        )
        self.gaz.given_names = frozenset(data.get("given_names", ()))
        self.gaz.place_uses = {name: e["placed"] for name, e in names.items() if e.get("placed")}

    def _with_tier(self, name: str, sense: Sense) -> Sense:
        # An adjective is never preceded by a preposition or a place word: its tier would drop it always.
        if sense.kind == ADJECTIVE:
            return sense
        tier = self.tiers.get(name, "")
        if sense.kind == COUNTRY and self.uses.get(name, 0) < COUNTRY_TIER_MIN_USES:
            tier = ""
        # A tier the data file gives (a name that is also a word the corpus cannot tell apart from it)
        # comes before the rare tier of a shared name's sense.
        tier = tier or sense.evidence or self.sense_tiers.get(name, {}).get(sense.code, "")
        # A place named after a person (الشيخ زايد, السيدة زينب) is no more specific than one word: the
        # words name the person as often, or a mosque or hospital named after them.
        titled = name.split(" ", 1)[0] in self.titles
        unmeasured = self.measured is not None and name not in self.measured
        if not tier and unmeasured and (" " not in name or titled):
            # Real news hardly names it: nothing shows it is mostly a place. A name its data file calls
            # an ordinary word (التل "the hill") is held as one; a town or village needs the evidence a
            # place gets (الحصبة "measles" is also a district of Sanaa).
            if sense.needs_context:
                tier = "strict"
            elif sense.kind == PLACE and (name in self.small_names or titled):
                tier = "locative"
        if tier == "strict" and (sense.kind == COUNTRY or (sense.kind == PLACE and "-" not in sense.code)):
            # A foreign city stands for its country, which Arab news seldom names beside it ("في جنيف"
            # with no سويسرا), so the corpus under-measures it as a place: a preposition before it is
            # evidence enough, as for the locative tier. So is a foreign country named with none of its
            # neighbours or cities ("اجتماع عقد في الفاتيكان", "في الإكوادور").
            tier = "locative"
        return replace(sense, evidence=tier) if tier else sense

    def finish(self) -> Gazetteer:
        entries: dict[str, tuple[Sense, ...]] = {
            k: tuple(self._with_tier(k, sense) for sense in v) for k, v in self.senses.items()
        }
        for name in self.blockers | self.clubs | self.named_after:
            entries.setdefault(name, ())
        for norm, senses in entries.items():
            first, *rest = norm.split(" ")
            spellings = tuple(sorted(tuple(s.split(" ")) for s in self.spellings.get(norm, ())))
            named_after = norm in self.named_after and norm not in self.clubs
            club = self.club_senses(norm) if norm in self.clubs or named_after else None
            self.gaz.index.setdefault(first, []).append(
                NameEntry(tuple(rest), senses, spellings, club, named_after)
            )
        for bucket in self.gaz.index.values():
            bucket.sort(key=lambda e: (-len(e.words), e.is_blocker))
        for subs in self.gaz._subdivisions.values():
            subs.sort()
        return self.gaz


def _pycountry_name(code: str) -> str:
    """English name of a subdivision from pycountry, for subdivisions the data gives no English name."""
    import pycountry  # 40 ms to import, for the few subdivisions without an English name in the data

    sub = pycountry.subdivisions.get(code=code)
    return sub.name if sub is not None else code


def load(data_dir: Path = DATA_DIR, usage: Path | None = DERIVED_USAGE) -> Gazetteer:
    """Read every data file of ``data_dir`` into a fresh gazetteer (tests use this; code uses
    :func:`get_gazetteer`, loaded once per process).

    ``usage`` is the derived name-usage file (None: no evidence tiers, as the derivation itself reads).
    """
    builder = _Builder()
    builder.titles = TITLES
    builder.load_countries(data_dir / "countries.json")
    for path in sorted(data_dir.glob("*.json")):
        if path.name != "countries.json":
            builder.load_country_file(path)
    if usage is not None and usage.is_file():
        builder.load_usage(usage)
    return builder.finish()


_lock = threading.Lock()
_cached: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use (0.6–0.7 s of CPU in a bot's process on the
    shared 2-core VM, ``python benchmarks/startup_costs.py``); every later call returns the same object.
    Named apart from this module, ``nashra.regions.gazetteer``, so that the package's name for one never
    hides the other."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                _cached = load()
    return _cached


__all__ = [
    "Gazetteer",
    "LookupName",
    "NameEntry",
    "Region",
    "Sense",
    "fold_light",
    "get_gazetteer",
    "light_normalize",
    "load",
]
