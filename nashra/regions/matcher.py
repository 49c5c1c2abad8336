"""Tag Arabic text with the regions it speaks of.

Finding names is a scan over the normalized words: each word (or a reading of it with its proclitics
removed) is looked up in the gazetteer's first-word index and the longest name that continues in the
following words wins. The words around a name may show it is part of something else: a person's name,
an outlet, a party, a currency, a street or a treaty (see :mod:`nashra.regions.context`); the words
after it may settle which place it is ("كفريا البقاعية", "دوما بمدينة نابلس").

Finding the *right* region is a second step. Names that real news uses mostly as ordinary words
(measured by :mod:`nashra.regions.derive_usage`) need locative evidence at the mention: a place word or
preposition before it, or their region named within EVIDENCE_WINDOW words (see :meth:`Matcher.evidenced`).
Names shared by several regions (طرابلس, عمان, الطيبة) are settled by the regions named unambiguously in
the same section, then in the whole article; a tie between two countries goes to the one named closest to
the mention. A bare «المملكة» is the one kingdom the section, else the article, names; names that
say nothing of which kingdom it is (set apart from it, or a person's nationality) are left out of that
count (see :mod:`nashra.regions.style`).

Two spelling distinctions that normalization folds are checked against the original words: a word
ending in ه is no name that is only ever spelled with ة (جده "his grandfather" / جدة), unless it carries
the article (الاسكندريه: informal spelling, since ال and a pronoun suffix never go together), and a word
with آ is no name only ever spelled with أ or ا (مآرب "aims" / مأرب).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from operator import itemgetter

from nashra.arabic import (
    clitic_stems,
    ends_doubled,
    has_vowel_marks,
    marks_fit,
    normalize,
    strip_diacritics,
    words,
)
from nashra.regions.context import Context
from nashra.regions.gazetteer import (
    ADJECTIVE,
    COUNTRY,
    PLACE,
    QUOTE,
    SUBDIVISION,
    Gazetteer,
    NameEntry,
    Sense,
    fold_light,
    get_gazetteer,
    light_normalize,
)
from nashra.regions.style import APART, NATIONAL, Named, nationalities, set_apart

# A word, or a number: a number run into a name is a word of its own («الطائف٤٠», «٣الرياض»); a
# one-letter proclitic run into a number stays one word with it («بـ207»), so the rules that count the
# words between a list's items count as many as before.
_TOKEN = re.compile(r"[^\W\d_]\u0640*\d+|[^\W\d_]+|\d+")
_LIST_SEPARATORS = frozenset("،,")
_PROCLITICS = frozenset("وفبلك")
_PREPOSITION_CLITICS = frozenset("بلك")
# Distinct words whose readings are remembered; news vocabulary stays well below this.
_CACHE_LIMIT = 300_000

# Words that announce a place name right after them: "مدينة X", "بريف X", "قرية X".
TRIGGERS: frozenset[str] = frozenset(
    normalize(w)
    for w in (
        "مدينة",
        "مدينتي",
        "مدن",
        "بلدة",
        "بلدتي",
        "بلدات",
        "قرية",
        "قريتي",
        "قرى",
        "ريف",
        "أرياف",
        "محافظة",
        "محافظتي",
        "محافظات",
        "منطقة",
        "منطقتي",
        "مناطق",
        "مخيم",
        "مخيمات",
        "حي",
        "الحي",
        "أحياء",
        "ناحية",
        "قضاء",
        "ولاية",
        "مديرية",
        "مديريات",
        "إقليم",
        "عاصمة",
        "بادية",
        "معبر",
        "مطار",
        "ميناء",
        "جبهة",
        "محور",
        "ضواحي",
        "أطراف",
        "مركز",
        "سهل",
        "جبل",
        "جبال",
        "وادي",
        "مرفأ",
        "شاطئ",
        "جزيرة",
        "سكان",
        "أهالي",
        "بلدية",
        "ضاحية",
    )
)

# Words for a neighbourhood: the name after one is the neighbourhood's, which is often named after a
# famous place elsewhere ("حي الجولان" in Fallujah, "أحياء الروضة وعصيفرة" in Taiz). The plural also
# reads "the neighbourhoods of" a city ("أحياء حلب").
QUARTER_WORDS: frozenset[str] = frozenset(normalize(w) for w in ("حي", "الحي", "حيي"))
QUARTERS_WORDS: frozenset[str] = frozenset(normalize(w) for w in ("أحياء", "الأحياء"))
ONE_QUARTER = "one"
MANY_QUARTERS = "many"

# Words naming an administrative unit: a subdivision whose name is also a common phrase (البحر الأحمر,
# الشرقية) is taken only right after one of these ("محافظة البحر الأحمر", "والي البحر الأحمر").
ADMIN_TRIGGERS: frozenset[str] = frozenset(
    normalize(w)
    for w in (
        "محافظة",
        "محافظتي",
        "محافظات",
        "محافظ",
        "ولاية",
        "ولايتي",
        "ولايات",
        "والي",
        "مديرية",
        "مديريات",
        "إقليم",
        "أقاليم",
        "بلدية",
    )
)

# Words that place what follows them without naming a kind of place: directions and nearness
# ("شمال حلب", "قرب دوما", "بالقرب من"). With TRIGGERS they are the place words of locative evidence.
DIRECTION_WORDS: frozenset[str] = frozenset(
    normalize(w)
    for w in (
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "شمالي",
        "جنوبي",
        "شرقي",
        "غربي",
        "وسط",
        "قرب",
        "محيط",
        "داخل",
        "خارج",
        "تخوم",
        "قبالة",
        "ساحل",
        "سواحل",
        "شواطئ",
        "مشارف",
    )
)

# The compass directions among them: "في شرق لبنان" is inside Lebanon ("قرب لبنان" is not).
_COMPASS: frozenset[str] = frozenset(
    normalize(w) for w in ("شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط")
)

# Prepositions of place: the other half of locative evidence ("في دوما", "إلى العقبة", "من مالي").
LOCATIVE_PREPOSITIONS: frozenset[str] = frozenset(
    normalize(w) for w in ("في", "من", "إلى", "الى", "نحو", "عند", "حول", "عبر", "باتجاه", "تجاه", "حتى")
)

# Events named after where they happened ("جريمة دوما", the arson near Nablus; "مجزرة الحولة"): the name
# after one is a place as surely as after a preposition, which it stands for.
EVENT_WORDS: frozenset[str] = frozenset(
    normalize(w)
    for w in (
        "جريمة",
        "مجزرة",
        "مذبحة",
        "معركة",
        "تفجير",
        "تفجيرات",
        "انفجار",
        "زلزال",
        "حصار",
    )
)

# People a story is told by the place it happened in ("معلمة تبوك", the Tabuk teacher; "مريضة عرعر", the
# Arar patient): the name after one is a place as surely as after a preposition, as after an event's name,
# unless it carries the article ("فتاة المصنع", a film, is the factory's girl, not Lebanon's Masnaa). Left
# out: words that also run on into common phrases ("معلم" is also a landmark, "طالب" a verb, "مواطن" places).
PEOPLE_OF_PLACE_WORDS: frozenset[str] = frozenset(
    normalize(w) for w in ("معلمة", "معلمات", "مريضة", "فتاة", "فتيات", "طالبة", "طالبات")
)

# Regional offices named after the region or city they serve ("صحة تبوك", the Tabuk health directorate;
# "تعليم جازان", "أمانة نجران"): evidence as a preposition is for a region or city whose name is often
# used as a word (LOCATIVE), not for one plainly a word (STRICT: "صحة الخبر" is "the report's truth", not
# Khobar's health directorate), nor for a country ("تعليم بنين" is boys' education). Left out: offices
# whose word also runs on into common phrases ("مرور الوقت", "جوازات سفرهم"), and police stations, named
# after a city's districts, which share their names with places elsewhere ("شرطة السليمانية" in Riyadh).
# A university named after the city it stands in is one too ("جامعة تبوك", "جامعة المجمعة"), and so are a
# region's emergency forces ("قوات طوارئ عسير", "مسجد طوارئ عسير"). For a name that needs context (عسير is
# also "hard"), the office shows the region as a place word does.
# A city's mayor is one too («أمين عمان», «أمين جدة»: the head of its أمانة).
OFFICE_WORDS: frozenset[str] = frozenset(
    normalize(w) for w in ("صحة", "تعليم", "أمانة", "أمين", "جامعة", "طوارئ")
)
# A city's municipality («بلدية عمان»: Amman's, not Oman's) is a place word, and the name after it is
# also served as an office's is: a city or a region, never a country (:func:`_office_served`).
MUNICIPAL_WORDS: frozenset[str] = frozenset(normalize(w) for w in ("بلدية", "بلديات"))

# How far (in words, either side) a region named counts as "nearby" for locative evidence.
EVIDENCE_WINDOW = 12

PLACE_WORD = "place_word"
PREPOSITION = "preposition"
OFFICE = "office"
# Evidence tiers of names that are mostly ordinary words, and of senses news hardly speaks of
# (data/derived/name_usage.json).
LOCATIVE = "locative"
STRICT = "strict"
RARE = "rare"
# A place whose name is also a verb (data ``word_evidence``: بوشر "was begun", يعبد "worships"): STRICT,
# and a preposition before it is evidence too unless a verb's complement follows it («في بوشر» is the
# town; «من يعبد الله», «الذي بوشر بتصويره» are the verbs).
VERB = "verb"

# Words that, within a few words of a club's name (data "clubs"), show that the text speaks of the club,
# not of its town: "فاز السد على الريان", "لاعب الزمالك", "ويلتقي الريان في الجولة المقبلة". Words that
# are as common outside sport (ضد, أمام, "على حساب", بهدف "aiming to") are left out: "هجمات ضد المنامة".
SPORTS_WORDS: frozenset[str] = frozenset(
    normalize(w)
    for w in (
        "نادي",
        "النادي",
        "فريق",
        "الفريق",
        "لاعب",
        "لاعبو",
        "لاعبي",
        "مدرب",
        "جماهير",
        "مباراة",
        "مباراته",
        "فاز",
        "يفوز",
        "فوز",
        "تعادل",
        "يتعادل",
        "تغلب",
        "يتغلب",
        "خسر",
        "يخسر",
        "هزم",
        "يهزم",
        "التقى",
        "يلتقي",
        "واجه",
        "يواجه",
        "الدوري",
        "دوري",
        "الجولة",
        "ديربي",
        "هدفين",
        "بهدفين",
        "أهداف",
        "سلبيا",
        "صدارته",
    )
)
_SPORTS_WINDOW = 3
# The sports words that show a foreign city's name is its club («فاز فريق طرابزون», «خسر الأهلي أمام
# غوانغتشو»): a match's words anywhere in the window, a team's words only right before it without the
# article («لاعب ميونخ»), since «زار اللاعب موسكو» is a player's visit to Moscow.
MATCH_WORDS: frozenset[str] = SPORTS_WORDS - frozenset(
    normalize(w) for w in ("نادي", "النادي", "فريق", "الفريق", "لاعب", "لاعبو", "لاعبي", "مدرب", "جماهير")
)
TEAM_WORDS: frozenset[str] = frozenset(
    normalize(w) for w in ("نادي", "فريق", "لاعب", "لاعبو", "لاعبي", "مدرب", "جماهير", "مضيفه", "ضيفه")
)
# A result right after a foreign city's name makes it the club too («وتغلب أنجيه على مضيفه مونبلييه
# بهدفين»), and a score is no word between a match's word and the name («فاز 2-صفر على مونبلييه»). Not
# «أهداف» (also aims and targets: «حق أنقرة في ضرب أهداف»), nor a result further on («طهران كان دورها
# سلبيا»).
SCORE_WORDS: frozenset[str] = frozenset(normalize(w) for w in ("هدفين", "بهدفين", "سلبيا"))
_SCORE_NUMBER = frozenset(normalize(w) for w in ("صفر", "مقابل"))
# Words right before a club's name that make it a business named after the town: «فندق ميونخ بالرياض».
NAMED_AFTER_WORDS: frozenset[str] = frozenset({normalize("فندق")})
# Words right before a foreign city's name that make it the venue or the destination of a match, not a
# club: «سيغادر إلى لندن للعب مباراة كأس السوبر», «ديربي لندن», «مباراة لندن».
_VENUE_BEFORE: frozenset[str] = frozenset(normalize(w) for w in ("إلى", "من", "مباراة", "ديربي"))
# Words right after a club's name that make it the club whatever the text: «ليدز يونايتد», «مانشستر سيتي»,
# «غوزتيبي سبور»; the foreign city names that end so («مكسيكو سيتي») are listed whole and read first.
CLUB_SUFFIXES: frozenset[str] = frozenset(
    normalize(w)
    for w in (
        "يونايتد",
        "سيتي",
        "سبور",
        "سبورت",
        "سبورتينغ",
        "سبورتنغ",
        "أتلتيك",
        "ألبيون",
        "روفرز",
        "واندررز",
    )
)
# A text with this many sports words is a sports report: a club's name in it is the club.
SPORTS_SECTION = 4

# Words after a place name and its outlet's name ("حلب اليوم", "دمشق الآن", "عدن الغد").
_TIME_WORDS = frozenset(normalize(w) for w in ("اليوم", "الآن", "الغد", "أمس", "الليلة", "24"))
# "The capital" before its city's name, with the article and the clitics it takes.
_CAPITAL_WORDS = frozenset(normalize(w) for w in ("العاصمة", "والعاصمة", "بالعاصمة", "فالعاصمة", "للعاصمة"))

# Words after which a bracketed name is still a place («في (أبها)»).
_PREPOSITIONS_BEFORE_BRACKET = frozenset(normalize(w) for w in ("في", "من", "إلى", "على", "عن"))

# Punctuation between two words that ends a person's name.
_NAME_BREAKS = frozenset("،,؛;:()[]")

# Adjectives a place name takes ("حلب الشرقية", "الموصل القديمة", "عمان الكبرى").
_PLACE_ADJECTIVES = frozenset(
    normalize(w)
    for w in (
        "الشرقية",
        "الغربية",
        "الشمالية",
        "الجنوبية",
        "الشرقي",
        "الغربي",
        "الشمالي",
        "الجنوبي",
        "الوسطى",
        "القديمة",
        "القديم",
        "الجديدة",
        "الجديد",
        "الكبرى",
        "الكبير",
        "الصغرى",
        "الصغير",
        "المحتلة",
        "المحتل",
        "المحررة",
        "المحاصرة",
        "المنكوبة",
        "الساحلية",
        "الحدودية",
    )
)
_PERSON = "person"
# A person's name the text shows to be a full name (Context.full_name): the bare name alone elsewhere in
# the text is the person too (Matcher._named_people).
_FULL_NAME = "full_name"
_OTHER = "other"
# "X قرب Y", "X بالقرب من Y", "X على مقربة من Y": X lies near Y (Matcher._nearby).
_NEAR_PHRASES = tuple(
    tuple(normalize(w) for w in phrase.split()) for phrase in ("قرب", "بالقرب من", "على مقربة من")
)
# "X التابعة لمحافظة Y": X lies in Y.
_ATTACHED = frozenset(normalize(w) for w in ("التابعة", "التابع", "التابعتين", "التابعين"))

_RANK = {COUNTRY: 0, ADJECTIVE: 0, SUBDIVISION: 1, PLACE: 2}

# A word right after a bare style that makes it a name or a kind of kingdom, not the state: «المتحدة»
# (the United Kingdom), the nisbas of its names («العربية», «الهاشمية») and of kinds of kingdom
# («النباتية»), and a nationality adjective of the gazetteer («الأردنية», «المغربية»). Any other nisba
# describes the noun before the style: «مطارات المملكة الإقليمية» are the Kingdom's regional airports.
_STYLE_NAMING = frozenset(
    normalize(w)
    for w in (
        *("المتحدة", "العربية", "الهاشمية", "النباتية", "الحيوانية", "السماوية", "الإلهية", "الفطرية"),
        # Kingdoms of history, fable and fun: «المملكة الوسطى» (China), «المملكة القديمة» (Egypt's Old
        # Kingdom), «المملكة السحرية» (a theme park).
        *("الوسطى", "القديمة", "الحديثة", "السحرية"),
    )
)
# A word right after a bare style that gives it one kingdom's own style: «المملكة الشريفة» and «المملكة
# العلوية» are Morocco, and so never stand for another kingdom (an outlet's home country among them).
_STYLE_OWNED = {normalize(w): frozenset({"MA"}) for w in ("الشريفة", "العلوية")}
# Demonstratives: «هذه المملكة» points back to a kingdom the text spoke of (an Armenian kingdom of the
# crusades), not at the state the paper calls the Kingdom.
_DEMONSTRATIVES = frozenset(normalize(w) for w in ("هذه", "تلك", "ذلك", "هذا"))
# One word in parentheses or quotation marks: where news writes an agency's short name as its credit
# («(بترا)», «"وام"», «“كونا”»).
_QUOTED_WORD = re.compile(r"[(«\"“”]\s*([^\W\d_]+)\s*[)»\"“”]")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in the text: where it is, what it may mean, and whether the text marks it a place."""

    start: int
    end: int
    senses: tuple[Sense, ...]
    marked: bool
    # Right after a place word (or its name starts with one), or listed after a name that is: what a
    # name flagged only_after_place_word needs; ``after_admin_word`` the same for administrative-unit words.
    after_place_word: bool = False
    after_admin_word: bool = False
    # The gazetteer name found (normalized, clitics removed): what corpus statistics are kept by.
    name: str = ""
    # The word before it as locative evidence (PLACE_WORD, PREPOSITION, OFFICE or None); a list item carries
    # the evidence of the list's first item ("في حلب ودوما").
    before: str | None = None
    # The evidence tier its surface form needs when it was read through a proclitic (فاطمة as ف + أطمة).
    surface_evidence: str = ""
    # Followed by a definite adjective that no place takes ("العقبة الوحيدة", "الصف الأول"): for a name
    # that is mostly a word, the common noun.
    common_noun: bool = False
    # After a neighbourhood word (ONE_QUARTER: حي; MANY_QUARTERS: أحياء), or listed after a name that
    # is: the name may be a neighbourhood's, named after the place (see Matcher.namesake_quarter).
    quarter: str = ""
    # The countries whose subdivisions the list it is an item of named before it after a place word
    # («مناطق مكة المكرمة، الرياض، الشرقية»): a bare subdivision name of one of them, flagged
    # only_after_place_word, is that country's region too.
    listed_countries: frozenset[str] = frozenset()
    # Right after an office word of its own («جامعة تبوك»), not one a list's first item stands after
    # («تعليم الرياض، فاطمة»): the office is named after it.
    office: bool = False
    # The surname of a person the text names in full more than once («رافائيل كوريا»; see
    # Matcher._repeated_full_names): no place where a section's names are settled, yet a use of the name
    # that derive_usage counts, as it counts the name's other uses.
    surname: bool = False
    # Followed, in the same clause, by what completes a verb the name also spells (see
    # Matcher._complement_follows): a preposition before it is then no evidence for the VERB tier.
    complement: bool = False

    @property
    def tiered(self) -> bool:
        """Whether any sense (or the surface) needs evidence: most mentions need none."""
        return bool(self.surface_evidence) or any(s.evidence for s in self.senses)

    def evidence_tier(self, sense: Sense) -> str:
        """What the mention needs for the sense: STRICT, VERB, LOCATIVE, RARE or "" (the stricter of the
        sense's tier and its surface's)."""
        tiers = (sense.evidence, self.surface_evidence)
        for tier in (STRICT, VERB, LOCATIVE, RARE):
            if tier in tiers:
                return tier
        return ""

    def locally_evidenced(self, tier: str, sense: Sense) -> bool:
        """Whether the words before the mention are evidence enough for the tier. An office serves a
        region or a city, never a country («تعليم بنين» is boys' education, not Benin's) nor a landmark
        («جامعة الأقصى» is in Gaza, not at the mosque)."""
        return (
            tier == RARE
            or self.before == PLACE_WORD
            or (tier == LOCATIVE and (self.before == PREPOSITION or self.serves(sense, tier)))
            or (tier == VERB and self.before == PREPOSITION and not self.complement)
        )

    def serves(self, sense: Sense, tier: str) -> bool:
        """Whether an office word before the mention names the region it serves («صحة عسير», «تعليم
        عسير», «طوارئ عسير»): a subdivision, or a city or town, whose name is no plain word (STRICT)."""
        return (
            self.before == OFFICE
            and tier != STRICT
            and (sense.kind == SUBDIVISION or (sense.kind == PLACE and sense.place_kind != "landmark"))
        )

    def codes(self) -> set[str]:
        return {s.code for s in self.senses}

    def may_be_quarter(self, sense: Sense) -> bool:
        """Whether the sense may be a neighbourhood's namesake here: after حي any place or subdivision;
        after أحياء only a place smaller than a city ("أحياء حلب" are Aleppo's neighbourhoods)."""
        if not self.quarter or sense.kind not in (PLACE, SUBDIVISION):
            return False
        return self.quarter == ONE_QUARTER or (sense.kind == PLACE and sense.place_kind != "city")

    def allows(self, sense: Sense) -> bool:
        """Whether the text marks this mention enough for the sense (only_after_place_word senses)."""
        if not sense.only_after_place_word:
            return True
        if sense.kind == SUBDIVISION:
            return self.after_admin_word or sense.code.split("-", 1)[0] in self.listed_countries
        return self.after_place_word


def _spelled_as(entry: NameEntry, light: str, spans: Sequence[tuple[int, int]], i: int, k: int) -> bool:
    """Whether the text's words i..i+k (light forms, ة and آ kept) may be one of the name's spellings.

    The first text word may carry proclitics, so words are compared from their ends.
    """
    if not entry.spellings:
        return True
    light_words = [light[a:b] for a, b in spans[i : i + k + 1]]
    if not any(w[-1] == "ه" or "آ" in w for w in light_words):
        return True
    return any(
        len(spelling) == len(light_words) and all(map(_word_spelled_as, light_words, spelling))
        for spelling in entry.spellings
    )


def _definite(word: str) -> bool:
    """Whether a word carries the article, proclitics allowed (الرقه, والرقه, بالرقه, للرقه)."""
    stripped = word.lstrip("وف")
    if stripped.startswith("لل"):
        return True
    if stripped[:1] in ("ب", "ك"):
        stripped = stripped[1:]
    return stripped.startswith("ال")


def _word_spelled_as(text_word: str, name_word: str) -> bool:
    # Final ه for ة is informal spelling only where no pronoun suffix can stand: on a word with ال.
    if text_word[-1] == "ه" and name_word[-1] == "ة" and not _definite(text_word):
        return False
    for k in range(1, min(len(text_word), len(name_word)) + 1):
        if text_word[-k] == "آ" and name_word[-k] != "آ":
            return False
    return True


@dataclass(frozen=True, slots=True)
class Scan:
    """A text as the matcher reads it: normalized form, word spans and words, and the names found."""

    norm: str
    spans: list[tuple[int, int]]
    tokens: list[str]
    mentions: list[Mention]


_LATIN_WORD = re.compile(r"[a-z]+")
# Latin words that place the name after them ("in Aleppo").
_LATIN_PREPOSITIONS = frozenset(("in", "at", "from", "to", "of", "near", "into", "across", "around"))


def _as_given_name(token: str, found: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """The readings of a word that is a given name (``Gazetteer.given_names``, measured on the corpus):
    the word is read whole, so its proclitic readings may only start a multiword name. «فاطمة» after a
    list comma or in «وادي فاطمة» is the name, not ف + أطمة (Atmeh, a Syrian town); «فوزان» is no ف +
    وزان."""
    return [(reading, multiword_only or reading != token) for reading, multiword_only in found]


def _office_served(mention: Mention, named: set[str]) -> Mention:
    """A mention right after an office word with the senses the office may serve: an office serves a city
    or a region, never a country, so a name that is one country's and a city or region of another is the
    city («أمانة عمان» is Amman's municipality, not Oman's; «جامعة عمان الأهلية»). Unless the section or
    the article otherwise speaks of that country (``named``: the countries the section's other names
    are settled to, those a name marked as a place may be in, and the article's anchors: Oman by «في
    مسقط», «سلطنة عمان» or «العماني»): «رئيس جامعة عمان في مسقط» may be Oman's university, and the name is
    settled by context as any other. Any other mention is kept as it is. Applied where a section's names
    are settled (:meth:`Matcher.tag_mentions`), not in the scan, so what
    :mod:`nashra.regions.derive_usage` counts of each name's uses stays as it was."""
    if not mention.office:
        return mention
    countries = {s.code for s in mention.senses if s.kind in (COUNTRY, ADJECTIVE)}
    if countries & named:
        return mention
    served = tuple(s for s in mention.senses if s.kind in (SUBDIVISION, PLACE))
    if countries and served and countries.isdisjoint(s.code.split("-", 1)[0] for s in served):
        return replace(mention, senses=served)
    return mention


def _written_words(text: str, count: int) -> list[str] | None:
    """For each of the ``count`` words the matcher reads in ``text``, the word it was read from, as
    written (vowel marks kept): where a stretch between spaces holds several («عمّان/عُمان»), each its
    own when the written words line up with the read ones, else the whole stretch. None when the two
    readings do not line up word for word."""
    out: list[str] = []
    for chunk in text.split():
        read = _words_read(chunk)
        written = [w.text for w in words(chunk)] if read > 1 else []
        out.extend(written if len(written) == read else [chunk] * read)
    return out if len(out) == count else None


@lru_cache(maxsize=16_384)
def _words_read(chunk: str) -> int:
    """How many words the matcher reads in one stretch of text between spaces. Cached: a text's
    written words are asked for at each name it lists, and news repeats its words."""
    return len(_TOKEN.findall(fold_light(light_normalize(chunk))))


def _pair_short_name(written: str, after: str, following: str, place_word: bool) -> bool:
    """Whether a two-letter name under و, joined to the place before it by و alone, is the name (see
    Matcher._listed_short_name): written with hamza below («صنعاء وإب»), or, as news also writes Ibb
    («أب», «اب»), where a place word before the pair says both are places («لمحافظتي تعز وأب», «محافظة
    تعز واب والمحافظات الأخرى», ``place_word``) or where the pair ends (punctuation or the end of the
    text, ``after`` being what follows the word). Elsewhere, and before a complement under ل (``following``,
    the next word: «وأب لخمسة أطفال»), it is "and a father" («صنعاء وأب مسن»)."""
    if "إ" in written:
        return True
    if following.startswith("ل") and not after.strip():
        return False
    return place_word or bool(after.strip()) or not after


def _score_part(token: str) -> bool:
    """Whether a word is part of a match's score («2», «صفر», «مقابل»)."""
    return token.isdigit() or token in _SCORE_NUMBER


def _latin_surname(tokens: Sequence[str], i: int) -> bool:
    return (
        i > 0
        and tokens[i].isascii()
        and bool(_LATIN_WORD.fullmatch(tokens[i]))
        and bool(_LATIN_WORD.fullmatch(tokens[i - 1]))
        and tokens[i - 1] not in _LATIN_PREPOSITIONS
    )


def _preposition_clitic(token: str, reading: str) -> bool:
    """Whether a word carries a preposition proclitic (ب, ل, ك; after و or ف) that its reading lacks:
    بحجة, وبدمشق, للرقة."""
    word = token[1:] if token[:1] in ("و", "ف") and not reading.startswith(token[:1]) else token
    return word != reading and word[:1] in _PREPOSITION_CLITICS and not reading.startswith(word[:1])


# Pronoun suffixes of a noun ("بابها" its door, "بابهم" their door).
_PRONOUN_SUFFIXES = tuple(normalize(w) for w in ("ها", "هما", "هم", "هن", "كم", "كما", "نا"))


def _noun_with_suffix(token: str, reading: str, written: str) -> bool:
    """Whether a word read as a preposition clitic on a name opening with alef also reads as a noun with
    a pronoun suffix: «بابها» is باب + ها ("its door") as well as ب + أبها, and the text writes the
    alef bare where the name has its hamza (بأبها "in Abha" says the place alone)."""
    if not reading.startswith("ا") or not token.endswith(_PRONOUN_SUFFIXES):
        return False
    if not _preposition_clitic(token, reading):
        return False
    letters = [ch for ch in strip_diacritics(written) if ch.isalpha()]
    clitics = len(token) - len(reading)
    return len(letters) == len(token) and letters[clitics] == "ا"


def _surname(reading: str, entry: NameEntry) -> bool:
    """Whether a name read in a person's name is a one-word surname that news repeats alone: a definite
    place name (المعلا, الخليل), not a nationality (أيمن المغربي)."""
    return not entry.words and reading.startswith("ال") and not _adjective_only(entry)


def _adjective_only(entry: NameEntry) -> bool:
    return bool(entry.senses) and all(s.kind == ADJECTIVE for s in entry.senses)


def _plain_country(entry: NameEntry) -> bool:
    """Whether a name is a country's and plainly so: no sense needs evidence or context (غانا, not
    بنين "sons")."""
    return bool(entry.senses) and all(
        s.kind == COUNTRY and not s.evidence and not s.needs_context for s in entry.senses
    )


def _may_be_country(mention: Mention) -> bool:
    return any(s.kind == COUNTRY for s in mention.senses)


def _name(reading: str, entry: NameEntry) -> str:
    return " ".join((reading, *entry.words))


def _dateline_agency(norm: str, spans: Sequence[tuple[int, int]], i: int) -> bool:
    """Whether word i stands in a dateline's agency slot ("الدوحة - قنا:", "عمّان - بترا:").

    A one-word name between a dash and a colon is the news agency (قنا, بترا), not a place.
    """
    if i == 0 or i + 1 > len(spans):
        return False
    before = norm[spans[i - 1][1] : spans[i][0]]
    after = norm[spans[i][1] : spans[i + 1][0]] if i + 1 < len(spans) else norm[spans[i][1] :]
    return "-" in before and ":" in after


class Matcher:
    """Finds and resolves region names against one gazetteer; keeps a cache of word readings."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._readings: dict[str, tuple[tuple[str, bool], ...]] = {}
        self._triggers: dict[str, tuple[bool, bool]] = {}
        self._sports: dict[str, bool] = {}
        self._locative: dict[str, str] = {}
        self._quarters: dict[str, str] = {}
        self.context = Context(gaz.given_names)

    # -- finding names -------------------------------------------------------------------------------

    def readings(self, token: str) -> tuple[tuple[str, bool], ...]:
        """Readings of a normalized word that start an indexed name, the word itself first.

        Each comes with a flag: True when the reading may only start a multiword name.

        A reading that only drops the article (الرقة -> رقة) is refused: the gazetteer lists names with
        and without ال where both are used, and dropping it turns ordinary words into places.
        """
        cached = self._readings.get(token)
        if cached is not None:
            return cached
        if len(self._readings) > _CACHE_LIMIT:
            self._readings.clear()
        every: set[str] = set()
        index = self.gaz.index
        found: list[tuple[str, bool]] = []
        if any(token[k:] in index or "ال" + token[k:] in index for k in range(4)):
            stems = list(clitic_stems(token))
            every = set(stems)
            found = [(s, False) for s in stems if s in index and "ال" + s not in every]
            # Short words keep their clitics in clitic_stems (وتل); the first word of a multiword name
            # may still carry one (وتل أبيض, بتل تمر).
            for size in (1, 2):
                rest = token[size:]
                if (
                    len(rest) >= 2
                    and all(ch in _PROCLITICS for ch in token[:size])
                    and rest not in every
                    and any(entry.words for entry in index.get(rest, ()))
                ):
                    found.append((rest, True))
        if token in self.gaz.given_names:
            found = _as_given_name(token, found)
        self._readings[token] = tuple(found)
        return self._readings[token]

    def _list_readings(
        self, token: str, readings: tuple[tuple[str, bool], ...], previous: Mention
    ) -> tuple[tuple[str, bool], ...]:
        """The readings of a word right after a name, the conjunction's first where the word is و and a
        name of the previous name's country, and the whole word a name of no such country: «الرياض،
        وجدة» lists Jeddah, not Morocco's Oujda (وجدة), as a list of one country's places goes on."""
        whole, bare = readings[0][0], token[1:]
        if whole != token or token[:1] != "و" or all(reading != bare for reading, _ in readings[1:]):
            return readings
        listed = {s.code.split("-", 1)[0] for s in previous.senses}

        def countries(reading: str) -> set[str]:
            return {s.code.split("-", 1)[0] for entry in self.gaz.index[reading] for s in entry.senses}

        if not listed & countries(bare) or listed & countries(whole):
            return readings
        return tuple(sorted(readings, key=lambda r: r[0] != bare))

    def _listed_short_name(
        self, token: str, gap: str, previous: Mention, written: str, after: str, following: str
    ) -> tuple[tuple[str, bool], ...]:
        """The reading of a two-letter name under و, listed right after a name of the same country: «وإب»
        in «البيضاء، وإب، وذمار» is Ibb (readings never strip a clitic off so short a word: «واب» is as
        often «وأب», and a father), as the list of Yemen's governorates goes on; so is the second of a
        pair joined by و alone («صنعاء وإب», «محافظتي تعز وإب»). Empty otherwise.

        A pair joined by و alone is read from the word as written (``written``; ``after`` is the text up
        to the next word, ``following`` that word; see :func:`_pair_short_name`): «وإب» is Ibb, «وأب» or
        «واب» only after a place word or where the pair ends, and else "and a father" («صنعاء وأب لخمسة
        أطفال», «صنعاء واب مسن»)."""
        bare = token[1:]
        separated = any(ch in _LIST_SEPARATORS for ch in gap)
        if token[:1] != "و" or len(bare) != 2 or not (separated or not gap.strip()):
            return ()
        if not separated and not _pair_short_name(written, after, following, previous.after_place_word):
            return ()
        listed = {s.code.split("-", 1)[0] for s in previous.senses if s.kind == SUBDIVISION}
        entries = [entry for entry in self.gaz.index.get(bare, ()) if not entry.words]
        named = {s.code.split("-", 1)[0] for entry in entries for s in entry.senses if s.kind == SUBDIVISION}
        return ((bare, False),) if listed & named else ()

    def trigger(self, token: str) -> tuple[bool, bool]:
        """Whether a word (clitics allowed) is a place word, and whether it names an administrative unit."""
        cached = self._triggers.get(token)
        if cached is None:
            if len(self._triggers) > _CACHE_LIMIT:
                self._triggers.clear()
            stems = list(clitic_stems(token))
            cached = (any(r in TRIGGERS for r in stems), any(r in ADMIN_TRIGGERS for r in stems))
            self._triggers[token] = cached
        return cached

    def quarter_word(self, token: str) -> str:
        """ONE_QUARTER for a word for a neighbourhood (حي, بحي), MANY_QUARTERS for its plural (أحياء),
        else ""."""
        cached = self._quarters.get(token)
        if cached is None:
            if len(self._quarters) > _CACHE_LIMIT:
                self._quarters.clear()
            stems = set(clitic_stems(token))
            # clitic_stems keeps the clitics of short words: بحي, وبحي.
            bare = token.lstrip("وف")
            stems |= {bare, bare[1:] if bare[:1] in _PREPOSITION_CLITICS else bare}
            cached = ONE_QUARTER if stems & QUARTER_WORDS else MANY_QUARTERS if stems & QUARTERS_WORDS else ""
            self._quarters[token] = cached
        return cached

    def is_name(self, token: str) -> bool:
        """Whether a word (clitics allowed) is a place's name by itself."""
        index = self.gaz.index
        readings = self.readings(token)
        return any(entry.senses and not entry.words for reading, _ in readings for entry in index[reading])

    def is_trigger(self, token: str) -> bool:
        return self.trigger(token)[0]

    def locative_before(self, tokens: Sequence[str], i: int) -> str | None:
        """What the word before tokens[i] says of it: PLACE_WORD (مدينة, ريف, شمال, قرب …),
        PREPOSITION (في, من, إلى …, or an event named after a place: جريمة, مجزرة …), OFFICE (an office
        named after the region it serves: صحة, تعليم …) or None."""
        if i == 0:
            return None
        before = tokens[i - 1]
        cached = self._locative.get(before)
        if cached is None:
            if len(self._locative) > _CACHE_LIMIT:
                self._locative.clear()
            stems = set(clitic_stems(before))
            if any(self.trigger(before)) or stems & DIRECTION_WORDS:
                cached = PLACE_WORD
            elif (
                before in LOCATIVE_PREPOSITIONS
                or (before[:1] in ("و", "ف") and before[1:] in LOCATIVE_PREPOSITIONS)
                or stems & EVENT_WORDS
            ):
                cached = PREPOSITION
            elif stems & OFFICE_WORDS:
                cached = OFFICE
            else:
                cached = ""
            self._locative[before] = cached
        if not cached and before in PEOPLE_OF_PLACE_WORDS and not _definite(tokens[i]):
            return PREPOSITION  # «معلمة تبوك»; «فتاة المصنع» (a film) is the factory's girl
        return cached or None

    def is_sports_word(self, token: str) -> bool:
        cached = self._sports.get(token)
        if cached is None:
            if len(self._sports) > _CACHE_LIMIT:
                self._sports.clear()
            cached = self._sports[token] = any(r in SPORTS_WORDS for r in clitic_stems(token))
        return cached

    def sporty(self, tokens: Sequence[str]) -> bool:
        """Whether a text is a sports report: at least SPORTS_SECTION sports words in it."""
        count = 0
        for token in tokens:
            count += self.is_sports_word(token)
            if count >= SPORTS_SECTION:
                return True
        return False

    def names_club(
        self,
        tokens: Sequence[str],
        start: int,
        end: int,
        reading: str,
        sporty: bool = False,
        named_after: bool = False,
    ) -> bool:
        """Whether a club's name at tokens[start:end] names the club: a club's word right after it
        («ليدز يونايتد») or a hotel's right before it («فندق ميونخ»); else a sports word a few words away,
        or a sports report around it (``sporty``), and no sign of the town (a place word or في before it,
        or the clitic ب: "بمدينة العين", "في الشارقة", "بالشارقة" are the venue). A foreign city's name
        (``named_after``) needs a match's word in the window before it or a team's word right before it,
        and is the venue after إلى, من, ل, مباراة or ديربي; a word for the host or the guest right before
        it («على مضيفه مونبلييه») or a result right after it («مونبلييه بهدفين») is a team's word too, and
        a score before it counts as no word («فاز 2-صفر على مونبلييه»)."""
        first = tokens[start]
        before = tokens[start - 1] if start else ""
        if (end < len(tokens) and tokens[end] in CLUB_SUFFIXES) or any(
            r in NAMED_AFTER_WORDS for r in clitic_stems(before)
        ):
            return True
        if (
            (reading != first and first.lstrip("وف").startswith("ب"))
            or before == "في"
            or self.is_trigger(before)
        ):
            return False
        if named_after:
            if before in _VENUE_BEFORE or (reading != first and first.lstrip("وف").startswith("ل")):
                return False
            # A match's word before the name only: after it, «طهران اليوم حيث التقى مع وزير …» is a visit.
            words = [t for t in tokens[max(0, start - 2 * _SPORTS_WINDOW) : start] if not _score_part(t)]
            near = words[-_SPORTS_WINDOW:]
            result = end < len(tokens) and tokens[end] in SCORE_WORDS
            return (
                before in TEAM_WORDS or result or any(r in MATCH_WORDS for t in near for r in clitic_stems(t))
            )
        if sporty:
            return True
        near = tokens[max(0, start - _SPORTS_WINDOW) : start] + tokens[end : end + _SPORTS_WINDOW]
        return any(self.is_sports_word(t) for t in near)

    def mentions(self, text: str) -> list[Mention]:
        """All names in a text, leftmost-longest, media outlets and other non-places removed."""
        return self.scan(text).mentions

    def scan(self, text: str) -> Scan:
        """The normalized words of a text and the names found among them (see :meth:`mentions`)."""
        light = light_normalize(text)
        norm = fold_light(light)
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(norm)]
        tokens = [norm[a:b] for a, b in spans]
        # gaps[j]: the text between tokens[j - 1] and tokens[j]; gaps[len(tokens)]: the text after.
        bounds = [0, *(b for _, b in spans)]
        gaps = [norm[bounds[j] : a] for j, (a, _) in enumerate(spans)] + [norm[bounds[-1] :]]
        linked = [False] + [not gaps[i].strip(" -") for i in range(1, len(spans))]
        index = self.gaz.index
        cached_readings = self._readings
        found: list[Mention] = []
        previous: Mention | None = None
        sporty: list[bool] = []
        person_end = -1
        # One-word names the text gives a person (see _named_people), and who tells in it (Context.speakers).
        people: set[str] = set()
        # Place names the text gives a person as a surname («سعود بن راشد المعلا»; see _told_surnames).
        surnames: set[str] = set()
        speakers: frozenset[str] | None = None
        outlets = self.context.quoted_outlets(tokens, gaps) if QUOTE in norm else frozenset()
        # The words as written (hamza and all), read only where a name's reading needs them.
        written: list[str] | None = None
        i = 0
        n = len(tokens)
        while i < n:
            match = None
            readings = cached_readings.get(tokens[i])
            if readings is None:
                readings = self.readings(tokens[i])
            if not readings and previous is not None and previous.end == i:
                if written is None:
                    written = _written_words(text, n) or []
                readings = self._listed_short_name(
                    tokens[i],
                    gaps[i],
                    previous,
                    written[i] if written else tokens[i],
                    gaps[i + 1],
                    tokens[i + 1] if i + 1 < n else "",
                )
            if not readings:
                i += 1
                continue
            if previous is not None and previous.end == i and len(readings) > 1:
                readings = self._list_readings(tokens[i], readings, previous)
            for reading, multiword_only in readings:
                for entry in index[reading]:
                    words = entry.words
                    k = len(words)
                    if k:
                        # The next word first: most buckets hold many names that share a first word.
                        if i + k >= n or tokens[i + 1] != words[0] or not linked[i + 1]:
                            continue
                    elif multiword_only:
                        continue
                    if all(
                        linked[i + j] and tokens[i + j] == w for j, w in enumerate(words[1:], start=2)
                    ) and _spelled_as(entry, light, spans, i, k):
                        if entry.is_blocker and self._blocker_yields(tokens, gaps, i, i + k + 1):
                            continue
                        if entry.club is not None and not entry.named_after and not sporty:
                            sporty.append(self.sporty(tokens))
                        club = entry.club is not None and self.names_club(
                            tokens,
                            i,
                            i + k + 1,
                            reading,
                            sporty[0] if sporty else False,
                            entry.named_after,
                        )
                        if entry.club is not None and not entry.senses and not club:
                            # Only a club's name, and the text is not about the club: read its words.
                            continue
                        match = (entry, k, reading, club)
                        break
                if match:
                    break
            if match is None:
                i += 1
                continue
            entry, k, reading, club = match
            end = i + k + 1
            if not k and _latin_surname(tokens, i):
                # "Michael Jordan": a one-word Latin name after another Latin word is part of a name.
                i = end
                continue
            if outlets and end == i + 1 and tokens[i] in outlets and QUOTE in gaps[i] and QUOTE in gaps[end]:
                # Quoted alone, as the text quotes it after a media word elsewhere: the outlet.
                i = end
                continue
            if not club and not entry.is_blocker:
                if not k and speakers is None:
                    speakers = self.context.speakers(tokens, gaps)
                part_of = self._part_of(
                    entry,
                    tokens,
                    gaps,
                    light[spans[i][0] : spans[i][1]],
                    i,
                    end,
                    person_end == i,
                    reading,
                    speakers or frozenset(),
                    light[spans[i - 1][0] : spans[i - 1][1]] if i else "",
                )
                if part_of:
                    # A person's name goes on: "أبو فاطمة التونسي", "أيمن المغربي".
                    if part_of in (_PERSON, _FULL_NAME):
                        person_end = end
                    if part_of == _FULL_NAME:
                        people.add(reading)
                    elif part_of == _PERSON and (
                        _surname(reading, entry) or self._kunya_nisba(tokens, i, reading)
                    ):
                        surnames.add(reading)
                    i = end
                    continue
            if club:
                # The club, not its town: only a country its name carries is spoken of.
                if entry.club:
                    previous = Mention(i, end, entry.club, False, name=_name(reading, entry))
                    found.append(previous)
                i = end
                continue
            if k == 0 and _dateline_agency(norm, spans, i):
                i = end
                continue
            if self._team_in_brackets(tokens, gaps, i, end, sporty, entry.senses):
                i = end
                continue
            if not entry.is_blocker:
                before = self.locative_before(tokens, i)
                surface = " ".join(tokens[i:end]) if reading != tokens[i] else ""
                surface_tier = self.gaz.surface_evidence.get(surface, "") if surface else ""
                if surface and not surface_tier and reading.startswith("ا"):
                    if written is None:
                        written = _written_words(text, n) or []
                    if written and _noun_with_suffix(tokens[i], reading, written[i]):
                        # «أغلقت بابها», «من بابها العريض»: the noun and its suffix, unless a place word
                        # or the place's region nearby shows the place (a preposition before it does not:
                        # a preposition is not written on another).
                        surface_tier = STRICT
                if (
                    not surface_tier
                    and before is None
                    and surface in self.gaz.surface_places
                    and _preposition_clitic(tokens[i], reading)
                ):
                    # «بتبوك»: the preposition is written on the name, which real news uses as a place so.
                    before = PREPOSITION
                place_word, admin_word = self.trigger(tokens[i - 1]) if i > 0 else (False, False)
                if (
                    place_word
                    and _definite(tokens[i - 1])
                    and _definite(tokens[i])
                    and not self._capital_named(tokens[i - 1], tokens[i], entry)
                ):
                    # "العاصمة الجديدة", "المدينة القديمة": a place word with the article before another
                    # definite word is a noun and its adjective, not "مدينة X".
                    place_word = admin_word = False
                    before = None if before == PLACE_WORD else before
                if before == OFFICE and not _definite(tokens[i]) and tokens[i][-1:] in ("ة", "ه"):
                    # "جامعة عريقة", "a long-established university": an indefinite feminine word after an
                    # office word is its adjective, not the place it serves.
                    before = None
                marked = place_word
                quarter = self.quarter_word(tokens[i - 1]) if place_word else ""
                if self.is_trigger(reading):
                    # The name starts with its own place word: المنطقة الشرقية, محافظة العاصمة.
                    place_word = admin_word = True
                    if k:
                        # More words follow: the name says itself that it is a place.
                        marked = True
                        before = PLACE_WORD
                office = before == OFFICE or bool(i and set(clitic_stems(tokens[i - 1])) & MUNICIPAL_WORDS)
                listed: frozenset[str] = frozenset()
                if previous is not None and previous.end == i:
                    gap = norm[spans[i - 1][1] : spans[i][0]]
                    # A list item is the bare name, or the name after و; one that carries its own
                    # preposition ("القدس، بحجة": "on the pretext") starts a new phrase.
                    joined = (
                        any(ch in _LIST_SEPARATORS for ch in gap)
                        or (reading != tokens[i] and tokens[i].startswith("و"))
                    ) and not _preposition_clitic(tokens[i], reading)
                    if joined:
                        marked = (
                            marked or previous.marked or not any(s.needs_context for s in previous.senses)
                        )
                        place_word = place_word or previous.after_place_word
                        admin_word = admin_word or previous.after_admin_word
                        before = before or previous.before
                        quarter = quarter or previous.quarter
                        listed = previous.listed_countries
                        if previous.after_place_word:
                            # Only a subdivision the item may be («الوسطى» in Bahrain), not one it
                            # would need the list for (the bare «الشرقية» is no Egyptian governorate
                            # for being listed after «مناطق»).
                            listed = listed | {
                                s.code.split("-", 1)[0]
                                for s in previous.senses
                                if s.kind == SUBDIVISION and previous.allows(s)
                            }
                        if not previous.marked and _plain_country(entry) and _may_be_country(previous):
                            # "وتعهدت بنين وغانا": a list of countries shows its first item, a
                            # country name that is mostly a word ("sons"), is a country too.
                            previous = replace(previous, marked=True)
                            found[-1] = previous
                previous = Mention(
                    i,
                    end,
                    entry.senses,
                    marked,
                    place_word,
                    admin_word,
                    _name(reading, entry),
                    before,
                    surface_tier,
                    self._adjective_follows(tokens, gaps, end),
                    quarter,
                    listed,
                    office,
                    complement=any(s.evidence == VERB for s in entry.senses)
                    and self._complement_follows(tokens, gaps, end),
                )
                found.append(previous)
            i = end
        if people:
            found = self._named_people(found, tokens, people)
        if surnames:
            found = self._told_surnames(found, tokens, gaps, surnames)
        if len(found) > 1:
            found = self._repeated_full_names(found, tokens, gaps)
        found = self._settle_by_marks(found, text, len(tokens))
        found = self._drop_doubled_ends(found, text, len(tokens))
        return Scan(norm, spans, tokens, self._settle_by_text(found, tokens, gaps))

    def _settle_by_marks(self, found: list[Mention], text: str, count: int) -> list[Mention]:
        """Let the vowel marks written on a shared name settle which place it is: «زار عَمَّانَ» is
        Amman and «زار عُمَانَ» Oman (see nashra.arabic.marks_fit and Gazetteer.vocalized). A sense
        whose name has no vocalized spelling is kept; marks that fit no sense, or all, change nothing.
        Marks that leave one region are the evidence a place word would be: the writer spelled out
        which place it is (Amman needs context only because the bare «عمان» is more often Oman).
        An adjective of one country with marks that fit none of its vocalized spellings is dropped: «عَمّاني»
        (of Amman, or a family name) is no «عُمَانِيّ» (Omani; Gazetteer.adjective_marks)."""
        vocalized = self.gaz.vocalized
        adjective_marks = self.gaz.adjective_marks

        def marked_adjective(m: Mention) -> tuple[str, ...]:
            codes = m.codes()
            if len(codes) != 1 or not all(s.kind == ADJECTIVE for s in m.senses):
                return ()
            return adjective_marks.get(next(iter(codes)), ())

        if not any(
            (m.name in vocalized and len(m.codes()) > 1) or marked_adjective(m) for m in found
        ) or not has_vowel_marks(text):
            return found
        written = _written_words(text, count)
        if written is None:
            return found
        out: list[Mention] = []
        for mention in found:
            adjective = marked_adjective(mention)
            if adjective:
                said = " ".join(dict.fromkeys(written[mention.start : mention.end]))
                if has_vowel_marks(said) and not any(marks_fit(said, v) for v in adjective):
                    continue
            spellings = vocalized.get(mention.name)
            if spellings and len(mention.codes()) > 1:
                said = " ".join(dict.fromkeys(written[mention.start : mention.end]))
                if not has_vowel_marks(said):
                    # A hamza seat alone is how the text spells the name, not a mark on it.
                    out.append(mention)
                    continue
                fitting = tuple(
                    s
                    for s in mention.senses
                    if s.code not in spellings or any(marks_fit(said, v) for v in spellings[s.code])
                )
                if fitting and len(fitting) < len(mention.senses):
                    one = len({s.code for s in fitting}) == 1
                    mention = replace(mention, senses=fitting, marked=mention.marked or one)
            out.append(mention)
        return out

    def _named_people(self, found: list[Mention], tokens: Sequence[str], people: set[str]) -> list[Mention]:
        """Drop the bare names that the text gives a person elsewhere: after «باريس جاكسون», «لم تعتذر
        باريس» is she, not Paris. A name the text marks as a place (a place word or a preposition before
        it, or a preposition clitic on it: «في باريس», «بباريس») stays, and a text that names the place
        so anywhere speaks of the place too: its bare names are left to be the place."""

        def bare(m: Mention) -> bool:
            return tokens[m.start] in (m.name, "و" + m.name) and m.before is None and not m.marked

        people = {p for p in people if all(bare(m) for m in found if m.name == p)}
        return [m for m in found if not (m.end - m.start == 1 and m.name in people and bare(m))]

    def _told_surnames(
        self, found: list[Mention], tokens: Sequence[str], gaps: Sequence[str], surnames: set[str]
    ) -> list[Mention]:
        """Drop a surname the text gives a person where it stands alone right after a verb of telling or
        أن / إن: news names a person in full once («الشيخ سعود بن راشد المعلا», «أبو خليل السوداني»), then
        by the surname («وأضاف المعلا أن», «إن السوداني كان يشرف»), which is no place (المعلا, a district
        of Aden) nor country there. A town's name with a verb after it that agrees with a feminine subject
        is the town, which Arabic speaks of as feminine, not the man: «إن الزلفي تضم» beside «الأستاذ فهد
        الزلفي» (Context.feminine_verb)."""
        return [
            m
            for m in found
            if not (
                m.end - m.start == 1
                and m.name in surnames
                and tokens[m.start] == m.name
                and m.start > 0
                and self.context.opens_subject(tokens[m.start - 1])
                and not (
                    any(s.kind != ADJECTIVE for s in m.senses)
                    and m.end < len(tokens)
                    and not gaps[m.end].strip()
                    and self.context.feminine_verb(tokens[m.end])
                )
            )
        ]

    def _kunya_nisba(self, tokens: Sequence[str], i: int, reading: str) -> bool:
        """Whether a definite nisba at tokens[i] closes a kunya («أبو خليل السوداني», «أبو بكر البغدادي»):
        a nom de guerre, which news repeats alone as a surname is («إن السوداني كان يشرف»), though a
        nisba after a given name is the person's nationality as often (أيمن المغربي; see _surname)."""
        return (
            i >= 2
            and reading.startswith("ال")
            and not tokens[i - 1].startswith("ال")
            and "particle" in self.context.kinds(tokens[i - 2])
        )

    def _repeated_full_names(
        self, found: list[Mention], tokens: Sequence[str], gaps: Sequence[str]
    ) -> list[Mention]:
        """Mark a place's name that is the surname of a person the text names in full more than once
        (Context.repeated_full_names; ``Mention.surname``): «حكومة الرئيس رافائيل كوريا» after «رافائيل
        كوريا رئيس الإكوادور» is Rafael Correa, not Korea. Only the name right after the given name, bare
        (no place word or preposition before it, no proclitic on it), is marked: «في كوريا» stays the
        country. A marked name tags nothing and anchors nothing (tag_mentions, anchors); it stays in the
        scan, so the uses derive_usage counts of each name are the same with the rule as without it."""

        def bare(m: Mention) -> bool:
            return (
                m.end - m.start == 1
                and m.start > 0
                and m.before is None
                and not m.marked
                and tokens[m.start] == m.name
            )

        surnames = frozenset(tokens[m.start] for m in found if bare(m))
        if not surnames:
            return found
        pairs = self.context.repeated_full_names(tokens, gaps, surnames, self.is_name)
        if not pairs:
            return found
        return [
            replace(m, surname=True) if bare(m) and (tokens[m.start - 1], tokens[m.start]) in pairs else m
            for m in found
        ]

    def _drop_doubled_ends(self, found: list[Mention], text: str, count: int) -> list[Mention]:
        """Drop the names whose last written word ends in a doubled letter: «الحريري مصرّ على تشكيل
        الحكومة» is "insistent", not Egypt (see nashra.arabic.ends_doubled)."""
        if "\u0651" not in text:
            return found
        written = _written_words(text, count)
        if written is None:
            return found
        return [mention for mention in found if not ends_doubled(written[mention.end - 1])]

    def _team_in_brackets(
        self,
        tokens: Sequence[str],
        gaps: Sequence[str],
        start: int,
        end: int,
        sporty: list[bool],
        senses: Sequence[Sense],
    ) -> bool:
        """A name alone in brackets after a player's name, as an item of a list in a sports report, is
        his team or his region's side: «هزاع العسيري (أبها)» in a squad list beside «فهد الجميعة (نادي
        النصر)», not the town of Abha; «عاصمة الضباب (لندن).. » is London."""
        if start == 0 or not gaps[start].rstrip().endswith("(") or not gaps[end].lstrip().startswith(")"):
            return False
        if gaps[start].strip() != "(" or self.trigger(tokens[start - 1]) != (False, False):
            return False
        after = gaps[end].lstrip()[1:].strip()
        if end < len(tokens) and not (
            after[:1] in _LIST_SEPARATORS or (not after and tokens[end][:1] == "و")
        ):
            return False  # an item of a list: «… (أبها)، نور الرشيدي (نادي الأنصار)»
        if tokens[start - 1] in _PREPOSITIONS_BEFORE_BRACKET:
            return False
        if any(s.kind == COUNTRY for s in senses):
            return False  # «ميسي (الأرجنتين)»: a country is spoken of as the player's
        if not sporty:
            sporty.append(self.sporty(tokens))
        return sporty[0]

    def _capital_named(self, before: str, word: str, entry: NameEntry) -> bool:
        """«العاصمة الرباط», «العاصمة المنامة»: the capital and its name, not a noun and its adjective
        («العاصمة الجديدة», «العاصمة الإدارية»)."""
        return (
            before in _CAPITAL_WORDS
            and word not in _PLACE_ADJECTIVES
            and word not in self.gaz.region_adjectives
            and any(s.kind != ADJECTIVE for s in entry.senses)
            and not any(s.kind == ADJECTIVE for s in entry.senses)
        )

    def _named_with_nisba(self, tokens: Sequence[str], start: int, light_word: str) -> bool:
        """Whether a definite nisba right after an indefinite place word is the place's name: «بمنطقة
        السودانية» (a Gaza neighbourhood), «حي السويدي» (a Riyadh district). A noun and its adjective
        agree in definiteness («المنطقة السودانية» is "the Sudanese region"); an indefinite place word
        before a definite word is a construct, "the area of al-Sudaniya". Plurals («مخيم الأفغان», the
        Afghans' camp) still speak of the people. The article is told from a nisba whose root opens
        with alef and lam, as normalized text writes both alike («مدن ألمانية», "German cities"), by
        the bare form being a name too."""
        word = tokens[start]
        if start < 1 or not light_word.endswith(("ي", "ية")) or not word.startswith("ال"):
            return False
        if word[2:] not in self.gaz.index:
            return False
        before = tokens[start - 1]
        return self.is_trigger(before) and not any(stem.startswith("ال") for stem in clitic_stems(before))

    def _complement_follows(self, tokens: Sequence[str], gaps: Sequence[str], end: int) -> bool:
        """Whether what follows a name that is also a verb completes the verb: in the same clause, a
        definite word («من يعبد الله», «بوشر العمل», «بوشر بالعمل») or a verbal noun under ب with a
        pronoun suffix («بوشر بتصويره»), that is no place's name or place word («في بوشر بمحافظة مسقط»
        locates the town). «في بوشر بعد» is the town."""
        if end >= len(tokens) or gaps[end].strip():
            return False
        word = tokens[end]
        governed = word.lstrip("وف").startswith("ب") and len(word) > 4 and word.endswith(("ه", "ها", "هم"))
        if not (_definite(word) or governed):
            return False
        return not self.is_name(word) and not self.is_trigger(word)

    def _adjective_follows(self, tokens: Sequence[str], gaps: Sequence[str], end: int) -> bool:
        """Whether a definite word that is no name, no place word and no adjective places take (الشرقية,
        القديمة, الكبرى …) follows right after: "العقبة الوحيدة", "الصف الأول"."""
        if end >= len(tokens) or gaps[end].strip():
            return False
        word = tokens[end]
        return (
            word.startswith("ال")
            and len(word) > 3
            and word not in _PLACE_ADJECTIVES
            and word not in self.gaz.region_adjectives
            and not self.is_name(word)
            and not self.is_trigger(word)
        )

    def _part_of(
        self,
        entry: NameEntry,
        tokens: Sequence[str],
        gaps: Sequence[str],
        light_word: str,
        start: int,
        end: int,
        chained: bool,
        reading: str = "",
        speakers: frozenset[str] = frozenset(),
        light_before: str = "",
    ) -> str:
        """What the words around a name show it is part of ("" for nothing): _PERSON or _OTHER (an outlet,
        a news agency, a currency, a street, an armed unit, a language, a sea; see context.py).
        ``speakers``: who tells in the text (Context.speakers); ``light_before``: the word before the
        name in light form (ة kept apart from ه)."""
        context = self.context
        if (
            end - start == 1
            and not entry.words
            and tokens[start] in (reading, "و" + reading)
            and not reading.startswith("ال")
            and context.full_name(
                tokens, gaps, start, self.is_name, frozenset() if _adjective_only(entry) else speakers
            )
        ):
            # "وقعت باريس جاكسون", "واوضح وحيد سعودي مدير عام التحاليل": a person named after a place.
            return _FULL_NAME
        if end - start == 1 and context.named_person(tokens, gaps, start, self.is_name):
            # «يدعى الزبير أمير عبدالله»: the name a word of naming gives a person.
            return _PERSON
        if _adjective_only(entry) and (
            context.adjective_not_country(tokens, start, light_word)
            or self._named_with_nisba(tokens, start, light_word)
        ):
            return _OTHER
        if context.before_sea_adjective(tokens, gaps, end):
            # "البحرين المتوسط والأحمر": the two seas.
            return _OTHER
        if context.hajj_season(tokens, gaps, start, end):
            # "لحج هذا العام": for this year's Hajj.
            return _OTHER
        if context.grey(
            tokens,
            gaps,
            start,
            end,
            lambda w: self.is_name(w) or self.is_trigger(w),
            lambda: self._country_named_elsewhere(tokens, entry),
            light_before,
        ):
            # «اللون الرمادي», «الذئب الرمادي»: the colour, not Ramadi.
            return _OTHER
        if context.before_blessing(tokens, gaps, start, end):
            # "باليمن والإيمان": good fortune.
            return _OTHER
        if context.outlet_in_apposition(tokens, gaps, start, end):
            return _OTHER
        if end - start == 1 and context.listed_person(tokens, gaps, start, self.is_name):
            return _PERSON
        if (
            not chained
            and (start == 0 or not context.kinds(tokens[start - 1]))
            and (start < 2 or not context.kinds(tokens[start - 2]))
        ):
            # Nothing before it belongs to a person's name, an outlet, a currency or a street.
            return _OTHER if context.street(tokens, start) else ""
        adjective_only = _adjective_only(entry)
        if context.unit(tokens, start, {self._country(s.code) for s in entry.senses}):
            return _OTHER
        # A comma or a bracket ends a person's name: «جامعة الملك سعود، الرياض» is the city.
        separated = any(ch in _NAME_BREAKS for ch in gaps[start])
        definite = tokens[start].startswith("ال")
        if not separated and context.person(tokens, start, definite, adjective_only, chained):
            return _PERSON
        # «مجلة الشرق بالدمام»: a name carrying its own preposition says where the outlet is.
        prepositioned = _preposition_clitic(tokens[start], reading)
        if context.outlet(tokens, gaps, start, end, self.is_name, prepositioned) or context.currency(
            tokens, start
        ):
            return _OTHER
        if any(s.kind == ADJECTIVE for s in entry.senses) and context.agency(tokens, light_word, start):
            return _OTHER
        if not adjective_only and context.street(tokens, start):
            return _OTHER
        return _OTHER if not adjective_only and not prepositioned and context.shop(tokens, start) else ""

    def _country_named_elsewhere(self, tokens: Sequence[str], entry: NameEntry) -> bool:
        """Whether a word of the text (its clitics removed) is a one-word name other than ``entry`` of the
        country ``entry`` lies in or of a place there («العراق», «العراقية», «الأنبار», «بالفلوجة»); the
        name itself, repeated, says nothing of which it is."""
        countries = {self._country(s.code) for s in entry.senses}
        index = self.gaz.index
        return any(
            self._country(sense.code) in countries
            for token in tokens
            for stem in {token, *clitic_stems(token)}
            for other in index.get(stem, ())
            if not other.words and other is not entry
            for sense in other.senses
        )

    def _blocker_yields(self, tokens: Sequence[str], gaps: Sequence[str], start: int, end: int) -> bool:
        """Whether a listed non-place name ("حلب اليوم") is the place after all here.

        Only one that ends with a time word may be: a place and a day. After a place or administrative
        word it is the place ("مدينة حلب اليوم", "محافظ حلب اليوم"), when it opens with the place's name:
        one that opens with a word of its own names what it is, whatever stands before it («منطقة وادي
        الأردن», «عبر وادي نهر الأردن»: the valley, the river), and so does one whose other words are no
        time («مدينة مسقط رأسه», the town of his birth; «مدينة مسقط الرأس»).
        An outlet named for a place and a time word is the outlet only when named as one: after a media
        word or a word of telling, or quoted; else it is the place and the day ("شهدت حلب اليوم").
        """
        if tokens[end - 1] not in _TIME_WORDS:
            return False
        if start and any(self.trigger(tokens[start - 1])):
            return self.is_name(tokens[start])
        if self.context.outlet(tokens, gaps, start, end, self.is_name) or QUOTE in gaps[start]:
            return False
        return not (start and "telling" in self.context.kinds(tokens[start - 1]))

    def _settle_by_text(
        self, found: list[Mention], tokens: Sequence[str], gaps: Sequence[str]
    ) -> list[Mention]:
        """Let the words after a place name settle which place it is, or that it is none.

        A country or subdivision adjective right after it keeps only its senses in that region
        ("رفح المصرية", "الجزيرة السورية", "بلدة كفريا البقاعية"; a subdivision adjective stands for its
        subdivision when the name has no sense there). A locator after it ("دوما بمدينة نابلس", "الصالحية
        بمدينة الحسكة", "جبنيانة التابعة لمحافظة صفاقس") keeps only its senses inside that region; a name
        with none there is another place of the same name, and only the locator is tagged. So does a
        country after في with a compass word ("كفريا في شرق لبنان"), or after a name a place word marks
        ("بلدة كفريا في لبنان"): see :meth:`_in_country`.
        """
        out: list[Mention] = []
        for index, mention in enumerate(found):
            if not mention.senses or all(s.kind in (COUNTRY, ADJECTIVE) for s in mention.senses):
                out.append(mention)
                continue
            after = mention.end
            following = found[index + 1] if index + 1 < len(found) else None
            region = None
            beside = self._beside(tokens, gaps, after, mention, following)
            if beside is not None:
                # "مدينة العين، جنوب مدينة لودر بمحافظة أبين": near Lawdar, a Yemeni Al-Ain; a name with no
                # sense in the country of the place it is said to lie by is a namesake there.
                inside = tuple(s for s in mention.senses if self._country(s.code) == beside)
                if inside:
                    out.append(replace(mention, senses=inside))
                continue
            if after < len(tokens) and not gaps[after].strip():
                region = self.gaz.region_adjectives.get(tokens[after])
                if region is None and following is not None and following.start == after:
                    # A ruler or player named right after it says who was there, not whose it is:
                    # «في الرياض الملك محمد السادس» is Riyadh (Gazetteer.persons).
                    countries = {s.code for s in following.senses if s.kind == ADJECTIVE}
                    if (
                        len(countries) == 1
                        and all(s.kind == ADJECTIVE for s in following.senses)
                        and following.name not in self.gaz.persons
                    ):
                        region = countries.pop()
                if region is None and following is not None:
                    region = self._in_country(tokens, after, mention, following)
                if region is None and following is not None and self._locator(tokens, after, following):
                    located = self._single(following)
                    # "يربط العين السخنة بمدينة العلمين": ب also means "with", so a locator only settles
                    # a shared name, or shows a name of another country to be a namesake.
                    countries = {self._country(s.code) for s in mention.senses}
                    if located is not None and (
                        len({s.code for s in mention.senses}) > 1 or self._country(located) not in countries
                    ):
                        region = located
                if region is None and following is not None and self._nearby(tokens, after, following):
                    near = self._senses_near(mention, following)
                    if near is not None:
                        # "راس العين قرب العاصمة دمشق": no Ras al-Ain of Hasakah, a namesake by Damascus.
                        if near:
                            out.append(replace(mention, senses=near))
                        continue
            if region is None:
                out.append(mention)
                continue
            inside = tuple(s for s in mention.senses if s.code == region or self._country(s.code) == region)
            if inside:
                out.append(replace(mention, senses=inside))
            elif "-" in region and region == self.gaz.region_adjectives.get(tokens[after]):
                out.append(replace(mention, senses=(Sense(region, SUBDIVISION, None, False),), marked=True))
        return out

    def _in_country(
        self, tokens: Sequence[str], after: int, mention: Mention, following: Mention
    ) -> str | None:
        """The country a place name is said to lie in right after it: "كفريا في شرق لبنان", "بلدة كفريا
        في لبنان"; None when the words say nothing of the kind.

        Only for names of places (not subdivisions), and only with a compass word or a place word before
        the name: "لاجئو حمص في لبنان" speaks of Homs's refugees in Lebanon, not of a Lebanese Homs.
        """
        if tokens[after] != "في" or any(s.kind != PLACE for s in mention.senses):
            return None
        marked_then_country = mention.marked and following.start == after + 1
        compass_then_country = following.start == after + 2 and tokens[after + 1] in _COMPASS
        if not (marked_then_country or compass_then_country):
            return None
        countries = {s.code for s in following.senses}
        if len(countries) != 1 or any(s.kind != COUNTRY for s in following.senses):
            return None
        return countries.pop()

    def _beside(
        self,
        tokens: Sequence[str],
        gaps: Sequence[str],
        after: int,
        mention: Mention,
        following: Mention | None,
    ) -> str | None:
        """The country a place name is said to lie in by a compass word right after it, perhaps after a
        comma, and the place it points from: "مدينة العين، جنوب مدينة لودر", "بلدة X شمال حلب"; None when
        the words say nothing of the kind, the next name is no single region, or the name is not a place's
        alone. A compass word after في is :meth:`_in_country`'s."""
        if following is None or after >= len(tokens) or gaps[after].strip() not in ("", "،", ","):
            return None
        if any(s.kind != PLACE for s in mention.senses):
            return None
        at = after
        while at < len(tokens) and tokens[at] in _COMPASS and at - after < 2:  # "جنوب شرق"
            at += 1
        if at == after or at >= len(tokens):
            return None
        if following.start == at + 1 and self.is_trigger(tokens[at]):
            at += 1
        if following.start != at or any(gaps[j].strip() for j in range(after + 1, at + 1)):
            return None
        located = self._single(following)
        return None if located is None else self._country(located)

    def _nearby(self, tokens: Sequence[str], after: int, following: Mention) -> bool:
        """Whether the words from ``after`` up to the next name put the name before them near it: "قرب",
        "بالقرب من", "على مقربة من", then perhaps a place word ("قرب العاصمة دمشق", "قرب مدينة حمص")."""
        for phrase in _NEAR_PHRASES:
            if tuple(tokens[after : after + len(phrase)]) == phrase:
                at = after + len(phrase)
                return following.start == at or (following.start == at + 1 and self.is_trigger(tokens[at]))
        return False

    def _senses_near(self, mention: Mention, following: Mention) -> tuple[Sense, ...] | None:
        """The senses of a place that can lie near the subdivision named after it, in a country whose
        subdivisions' borders the gazetteer knows: those in that subdivision or one bordering it. None
        where that says nothing (not a place, another country, no borders known)."""
        located = self._single(following)
        if located is None or located not in self.gaz.borders or any(s.kind != PLACE for s in mention.senses):
            return None
        if {self._country(s.code) for s in mention.senses} != {self._country(located)}:
            return None
        beside = self.gaz.borders[located] | {located}
        return tuple(s for s in mention.senses if s.code in beside)

    def _locator(self, tokens: Sequence[str], after: int, following: Mention) -> bool:
        """Whether the words from ``after`` up to the next name locate the name before them in it:
        "بمدينة", "بريف", "في محافظة", "التابعة لمحافظة" …"""
        word = tokens[after]
        if following.start == after + 1:
            stems = word.lstrip("وف")
            return (stems.startswith("ب") and self.is_trigger(word)) or word in _ATTACHED
        if following.start == after + 2:
            return (word == "في" or word in _ATTACHED) and self.is_trigger(tokens[after + 1])
        return False

    # -- resolving them ------------------------------------------------------------------------------

    def _country(self, code: str) -> str:
        return code.split("-", 1)[0]

    def _single(self, mention: Mention) -> str | None:
        """The one region a mention means without looking at context, if it means only one."""
        codes = mention.codes()
        if len(codes) == 1:
            return next(iter(codes))
        countries = [c for c in codes if "-" not in c]
        if len(countries) == 1 and all(self._country(c) == countries[0] for c in codes):
            return countries[0]
        return None

    def anchors(self, mentions: Iterable[Mention]) -> set[str]:
        """Regions (with ancestors) named unambiguously and plainly as places: the context for the rest."""
        return self.gaz.expand(code for _, code in self._plain_singles(m for m in mentions if not m.surname))

    def _plain_singles(self, mentions: Iterable[Mention]) -> list[tuple[Mention, str]]:
        """The mentions that name one region plainly, with that region, in text order."""
        found = []
        for m in mentions:
            code = self._single(m)
            if code is not None and self._plain(m):
                found.append((m, code))
        return found

    def _plain(self, m: Mention) -> bool:
        """Whether a mention is plainly a place: marked as one, or no sense of it needs context; never a
        name that is mostly an ordinary word."""
        if not all(m.allows(s) for s in m.senses):
            return False
        if m.quarter and any(m.may_be_quarter(s) for s in m.senses):
            # A neighbourhood may be named after a place elsewhere: it gives no context (namesake_quarter).
            return False
        tiers = {m.evidence_tier(s) for s in m.senses} - {""} if m.tiered else set()
        if tiers:
            # Mostly an ordinary word: it gives context only where a place word shows it is a place and
            # the word is often enough one ("مدينة حماة"); "في الرباط" in Aden names no Morocco.
            return tiers == {LOCATIVE} and (m.marked or m.before == PLACE_WORD)
        return m.marked or not any(s.needs_context for s in m.senses)

    def styled_countries(self, text: str) -> frozenset[str]:
        """The countries a bare style in ``text`` may stand for (``Gazetteer.styles``): «المملكة», with
        proclitics too («بالمملكة», «للمملكة», «والمملكة»), is Saudi Arabia, Jordan, Morocco or Bahrain.
        A style after a demonstrative («هذه المملكة») points back at a kingdom the text spoke of. A style
        followed in the same clause by a definite nisba or «المتحدة» is part of a name or says
        which kind of kingdom («المملكة العربية السعودية», «المملكة المتحدة», «المملكة النباتية», «المملكة
        الوسطى»): none. One followed by a kingdom's own epithet («المملكة الشريفة»: Morocco) may stand for
        that kingdom only.
        """
        styles = self.gaz.styles
        norm = normalize(text)
        if not styles or not any(style[2:] in norm for style in styles):
            return frozenset()
        found: set[str] = set()
        matches = list(_TOKEN.finditer(norm))
        for j, match in enumerate(matches):
            codes = next((styles[r] for r in clitic_stems(match.group()) if r in styles), None)
            if codes is None:
                continue
            if j and matches[j - 1].group() in _DEMONSTRATIVES:
                continue
            if j + 1 < len(matches) and not norm[match.end() : matches[j + 1].start()].strip():
                word = matches[j + 1].group()
                if word in _STYLE_NAMING or self._nationality(word):
                    continue
                codes = codes & _STYLE_OWNED.get(word, codes)
            found |= codes
        return frozenset(found)

    def speakers_named(self, text: str) -> frozenset[str]:
        """The countries whose ruler or state news agency ``text`` names (``Gazetteer.speakers``):
        «استقبل الملك محمد السادس» -> MA, «لوكالة الأنباء الأردنية» -> JO, «(بترا)» or «"وام"» -> JO, AE. An
        agency's one-word name counts only in parentheses or quotation marks, where it is the credit
        («وام» bare is also «وأم», "and a mother")."""
        found = {
            self.gaz.speakers[normalize(m.group(1))] for m in self._speaker_names.finditer(normalize(text))
        }
        for m in _QUOTED_WORD.finditer(text):
            code = self.gaz.agency_words.get(normalize(m.group(1)))
            if code:
                found.add(code)
        return frozenset(found)

    @cached_property
    def _speaker_names(self) -> re.Pattern[str]:
        names = sorted(self.gaz.speakers, key=len, reverse=True)
        alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) or "(?!)"
        return re.compile(rf"(?<![^\W_])[وفبل]{{0,2}}({alternatives})(?![^\W_])")

    def _nationality(self, word: str) -> bool:
        """Whether ``word`` (normalized) is a nationality adjective of the gazetteer («الأردنية»): a
        one-word name, not the first word of a ruler's name («الشيخ» of «الشيخ صباح الأحمد»)."""
        return any(
            s.kind == ADJECTIVE
            for entry in self.gaz.index.get(word, ())
            if not entry.words
            for s in entry.senses
        )

    def asides(self, scan: Scan) -> list[tuple[Mention, str]]:
        """The mentions of a scan that say nothing of which kingdom a bare style is, each with its kind:
        APART (set apart from the style: «من الأردن إلى المملكة», «قطر والمملكة») or NATIONAL (a
        person's nationality: «اللاعب الأردني»); see nashra.regions.style."""
        styles = self.gaz.styles
        if not styles or not any(style[2:] in scan.norm for style in styles):
            return []
        tokens = scan.tokens
        spans = scan.spans
        gaps = [scan.norm[spans[j - 1][1] if j else 0 : a] for j, (a, _) in enumerate(spans)]
        names = [Named(mn.start, mn.end, all(s.kind == ADJECTIVE for s in mn.senses)) for mn in scan.mentions]
        apart = set_apart(tokens, gaps, names, self._is_style)
        national = nationalities(tokens, names)
        out = []
        for mn in scan.mentions:
            if mn.start in apart:
                out.append((mn, APART))
            elif mn.start in national:
                out.append((mn, NATIONAL))
        return out

    def _is_style(self, token: str) -> bool:
        return any(r in self.gaz.styles for r in clitic_stems(token))

    @staticmethod
    def by_style(candidates: frozenset[str], section: set[str], article: set[str]) -> str | None:
        """The one of ``candidates`` (from :meth:`styled_countries`) that the section names, else the one
        the article names; None where the section (or, naming none, the article) names none or several:
        «المملكة» in an article that names Riyadh is Saudi Arabia, in one that names Saudi Arabia and
        Jordan it is either, and a reader is better served by no tag than by a guess.
        """
        for named in (candidates & section, candidates & article):
            if named:
                return next(iter(named)) if len(named) == 1 else None
        return None

    def placed_at(self, mentions: Iterable[Mention]) -> list[tuple[int, frozenset[str]]]:
        """Where regions are named plainly and unambiguously: (word index, codes with ancestors), in
        text order."""
        return [(m.start, frozenset(self.gaz.expand({code}))) for m, code in self._plain_singles(mentions)]

    def evidenced(
        self,
        mention: Mention,
        sense: Sense,
        tier: str,
        placed: Sequence[tuple[int, frozenset[str]]],
        section: set[str],
        context: set[str],
    ) -> bool:
        """Locative evidence for a sense of a name that is mostly an ordinary word.

        LOCATIVE: a place word or a preposition before it, or its subdivision or country named within
        EVIDENCE_WINDOW words. STRICT (plainly a word): a place word before it, its own region (the
        subdivision, for a place) named within the window, or a preposition before it and its country
        named within the window. Words before it only show that it is *a* place: for a place or
        subdivision, its country must also be named in the section or the article (``context``) when
        they name other countries. A word-like name followed by an adjective of its own ("العقبة
        الوحيدة") is the common noun. RARE (a sense of a shared name that news hardly
        speaks of: the Egyptian village باريس): its region named in the section (``section``) or nearby.
        """
        country = self._country(sense.code)
        if mention.common_noun and not mention.marked:
            return False
        if tier == RARE:
            return sense.code in context or country in context or self._near(mention, {sense.code}, placed)
        near_own = self._near(mention, {sense.code}, placed)
        near_country = near_own or (country != sense.code and self._near(mention, {country}, placed))
        if near_own or (tier == LOCATIVE and near_country):
            return True
        if tier in (STRICT, VERB) and mention.before == PREPOSITION and near_country:
            return True
        if tier == STRICT and sense.kind == SUBDIVISION and self._listed_beside(mention, sense.code, placed):
            return True
        if not (mention.marked or mention.locally_evidenced(tier, sense)):
            return False
        # Words before it show it is *a* place; a text that speaks of other countries and not of its own
        # is about a namesake ("أحياء المهندسين" in a Saudi town is not Giza's). An office is named after
        # the region it serves, not after a namesake: «جامعة تبوك» in a column that names only Japan (a
        # list item after it is no office's name: «تعليم الرياض، فاطمة» names no Syrian Atmeh).
        if sense.code == country or country in context or (mention.office and mention.serves(sense, tier)):
            return True
        return not any("-" not in c for c in context)

    def namesake_quarter(self, country: str, context: set[str]) -> bool:
        """Whether a neighbourhood named like a place of ``country`` is a namesake: the section and the
        article (``context``, neighbourhoods left out) name other countries and not that one ("حي الجولان"
        in an article about Fallujah is no Golan)."""
        return country not in context and any("-" not in c for c in context)

    def evidence_at(self, mention: Mention, code: str, placed: Sequence[tuple[int, frozenset[str]]]) -> str:
        """The locative evidence at a mention resolved to ``code`` (see TagReason)."""
        if mention.marked or mention.before == PLACE_WORD:
            return PLACE_WORD
        if mention.before in (PREPOSITION, OFFICE):
            return PREPOSITION
        if self._near(mention, {code, self._country(code)}, placed):
            return REGION_NEAR
        return ""

    def _listed_beside(
        self, mention: Mention, code: str, placed: Sequence[tuple[int, frozenset[str]]]
    ) -> bool:
        """Whether another subdivision of the country of ``code`` is named right after the mention or in
        the word right before it: the list of one country's governorates it is an item of («البيضاء، وإب،
        وذمار»: Dhamar beside Ibb) says the plain word is a subdivision too."""
        country = self._country(code)
        return any(
            pos in (mention.start - 1, mention.end)
            and any("-" in c and c != code and self._country(c) == country for c in named)
            for pos, named in placed
        )

    def _near(self, mention: Mention, codes: set[str], placed: Sequence[tuple[int, frozenset[str]]]) -> bool:
        """Whether one of ``codes`` is named within EVIDENCE_WINDOW words of the mention (not by itself)."""
        first = bisect_left(placed, mention.start - EVIDENCE_WINDOW, key=itemgetter(0))
        for pos, named in placed[first:]:
            if pos > mention.start + EVIDENCE_WINDOW:
                return False
            if pos != mention.start and not named.isdisjoint(codes):
                return True
        return False

    def nearest(self, mentions: Sequence[Mention]) -> dict[str, list[tuple[int, bool]]]:
        """Per country, where its unambiguous names stand (token index) and whether each is a subdivision
        or a place in one: what breaks a tie between two countries."""
        where: dict[str, list[tuple[int, bool]]] = {}
        for m, code in self._plain_singles(mentions):
            where.setdefault(self._country(code), []).append((m.start, "-" in code))
        return where

    def resolve(
        self,
        mention: Mention,
        section: set[str],
        article: set[str],
        where: dict[str, list[tuple[int, bool]]] | None = None,
        placed: Sequence[tuple[int, frozenset[str]]] = (),
    ) -> str | None:
        """The region a mention means given the section's and the article's anchors, or None.

        ``where`` (from :meth:`nearest`) settles a tie between countries that the anchors leave open;
        ``placed`` (from :meth:`placed_at`) is where regions are named, for locative evidence.
        """
        plainly_a_place = any(not s.needs_context for s in mention.senses)
        world_cities = {
            s.code
            for s in mention.senses
            if not s.needs_context and s.kind == PLACE and s.place_kind == "city" and "-" not in s.code
        }
        tiered = mention.tiered
        scored: dict[str, tuple[int, int, bool]] = {}
        for sense in mention.senses:
            code, country = sense.code, self._country(sense.code)
            if not mention.allows(sense):
                continue
            if mention.may_be_quarter(sense) and self.namesake_quarter(country, article):
                continue
            tier = mention.evidence_tier(sense) if tiered else ""
            if tier and not self.evidenced(mention, sense, tier, placed, section, article):
                continue
            if self._shadowed(mention, sense, world_cities, section, article):
                continue
            if (
                sense.needs_context
                and not mention.marked
                and not sense.only_after_place_word
                and not mention.serves(sense, tier)
            ):
                nearby = code in section or code in article or country in section
                if not nearby and (plainly_a_place or sense.kind != PLACE):
                    nearby = country in article
                if not nearby:
                    continue
            score = (
                4 * (code in section)
                + 3 * (country in section)
                + 2 * (code in article)
                + (country in article)
            )
            rank = _RANK[sense.kind]
            best = scored.get(code)
            candidate = (score, rank, not sense.needs_context)
            if best is None or (score, candidate[2], -rank) > (best[0], best[2], -best[1]):
                scored[code] = candidate
        if not scored:
            return None
        top = max(s for s, _, _ in scored.values())
        tied = [c for c, (s, _, _) in scored.items() if s == top]
        if len(tied) == 1:
            return tied[0]
        for code in tied:
            if all(self._country(other) == code for other in tied):
                return code
        plain = [c for c in tied if scored[c][2]]
        if len(plain) == 1:
            return plain[0]
        best_rank = min(scored[c][1] for c in tied)
        by_rank = [c for c in tied if scored[c][1] == best_rank]
        if len(by_rank) == 1:
            return by_rank[0]
        countries = {self._country(c) for c in tied}
        if len(countries) == 1:
            return countries.pop()
        return self._closest(mention, by_rank, where or {})

    def _shadowed(
        self, mention: Mention, sense: Sense, world_cities: set[str], section: set[str], article: set[str]
    ) -> bool:
        """Whether an Arab town named after a foreign city yields to the city: باريس is Paris, not the
        village of the New Valley, even in an article that names Egypt for Cairo ("لندن وباريس والقاهرة").
        ``world_cities`` are the countries of the mention's foreign-city senses. The namesake is meant when
        its own subdivision is named, or when a place word stands right before it in a text that names its
        country ("قرية باريس" in an Egyptian report).
        """
        if not world_cities or not sense.needs_context or sense.kind != PLACE or sense.place_kind == "city":
            return False
        country = self._country(sense.code)
        if sense.code in section or sense.code in article:
            return False
        return not (mention.after_place_word and (country in section or country in article))

    def _closest(
        self, mention: Mention, tied: list[str], where: dict[str, list[tuple[int, bool]]]
    ) -> str | None:
        """Of regions in different countries, the one whose country is named nearest to the mention
        ("معبر رفح من الجانب المصري"), then the one whose country has more subdivisions named; else None.
        """

        def closeness(code: str) -> tuple[int, int]:
            found = where.get(self._country(code), [])
            distance = min((abs(pos - mention.start) for pos, _ in found), default=1 << 30)
            return (-distance, sum(sub for _, sub in found))

        ranked = sorted(tied, key=closeness, reverse=True)
        if not where.get(self._country(ranked[0])) or closeness(ranked[0]) == closeness(ranked[1]):
            return None
        return ranked[0]

    def tag_mentions(
        self, mentions: Sequence[Mention], article: set[str], trace: list[tuple[Mention, str]] | None = None
    ) -> list[str]:
        """The region codes of a section's mentions (ancestors included), ``article`` the article's anchors.

        ``trace``, when given, receives each mention with the code it was resolved to.
        """
        mentions = [m for m in mentions if not m.surname]
        if any(m.office for m in mentions):
            others = [m for m in mentions if not m.office]
            marked = {s.code for m in others if m.before for s in m.senses}
            named = {self._country(code) for code in {*self.tag_mentions(others, article), *article, *marked}}
            mentions = [_office_served(m, named) for m in mentions]
        singles = self._plain_singles(mentions)
        section = self.gaz.expand(code for _, code in singles)
        where: dict[str, list[tuple[int, bool]]] = {}
        for m, code in singles:
            where.setdefault(self._country(code), []).append((m.start, "-" in code))
        placed = [(m.start, frozenset(self.gaz.expand({code}))) for m, code in singles]
        context = section | article
        codes: set[str] = set()
        unresolved: list[Mention] = []
        group_tags = self.gaz.group_tags
        for m in mentions:
            code = self.resolve(m, section, context, where, placed)
            if code is None:
                unresolved.append(m)
            else:
                codes.add(code)
                if group_tags and m.name in group_tags:
                    # A name covering several subdivisions (دارفور) names each of them.
                    codes.update(group_tags[m.name])
                if trace is not None:
                    trace.append((m, code))
        settled = self.gaz.expand(codes) - section
        if unresolved and settled:
            # A shared name settled from context ("سلطان عمان" -> Oman) is itself context for a name
            # that only its region gives away ("مسقط", also "birthplace"): one more pass, no further.
            section |= settled
            context |= settled
            for m in unresolved:
                code = self.resolve(m, section, context, where, placed)
                if code is not None:
                    codes.add(code)
                    if trace is not None:
                        trace.append((m, code))
        return sorted(self.gaz.expand(codes))


_matchers: dict[int, Matcher] = {}


def matcher(gaz: Gazetteer | None = None) -> Matcher:
    """The matcher of a gazetteer (the process-wide one by default), created once."""
    gaz = gaz or get_gazetteer()
    found = _matchers.get(id(gaz))
    if found is None or found.gaz is not gaz:
        found = _matchers[id(gaz)] = Matcher(gaz)
    return found


def tag_text(text: str, context: str | None = None, *, home: str | None = None) -> list[str]:
    """Region codes a text speaks of, sorted, countries of subdivisions included.

    ``context`` is the surrounding text (say, the whole article): it only helps settle ambiguous names
    and is never tagged itself. ``home`` is the outlet's country (ISO 3166-1 alpha-2, or None): it only
    says which kingdom a bare «المملكة» is where the text names none (see :func:`tag_sections`).
    """
    m = matcher()
    title = m.scan(context) if context else None
    article = m.anchors(title.mentions) if title else set()
    scans = [m.scan(text)]
    trace: list[tuple[Mention, str]] = []
    codes = m.tag_mentions(scans[0].mentions, article, trace)
    (code,) = _styled(m, title, [text], [scans], [codes], [trace], article, home, context or "")
    return sorted({*codes, code}) if code else codes


def _styled(
    m: Matcher,
    title: Scan | None,
    texts: Sequence[str],
    scans: Sequence[Sequence[Scan]],
    tagged: Sequence[Sequence[str]],
    traces: Sequence[Sequence[tuple[Mention, str]]],
    article: set[str],
    home: str | None = None,
    title_text: str = "",
) -> list[str | None]:
    """Per section, the country its bare style («المملكة») stands for (Matcher.by_style), or None.

    ``texts`` is each section's heading and text, ``scans`` their scans, ``tagged`` each section's codes,
    ``traces`` each section's mentions with the codes they were resolved to and ``article`` the
    article's anchors. A kingdom the text sets apart from the style in a section («من الأردن إلى
    المملكة») is no candidate there; a region named only as a person's nationality or set apart from
    the style («اللاعب الأردني»; nashra.regions.style) does not count as named, in the section or in the
    article. ``home`` (the outlet's country, or None) stands for a style the text settles with no kingdom
    it names (:func:`_by_style_or_home`). A country whose ruler or state agency the title or a section
    names (:meth:`Matcher.speakers_named`, from ``title_text`` and ``texts``) counts as named: «المملكة»
    in a report credited to «بترا» is Jordan.
    """
    styled = [m.styled_countries(text) for text in texts]
    if not any(styled):
        return [None] * len(texts)
    aside_all: set[str] = set()
    plain_all: set[str] = set()
    if title:
        aside_ids = {id(mn) for mn, _ in m.asides(title)}
        plain_all |= m.anchors(mn for mn in title.mentions if id(mn) not in aside_ids)
        aside_all |= m.anchors(mn for mn in title.mentions if id(mn) in aside_ids)
    asides: list[set[str]] = []
    aparts: list[set[str]] = []
    for section_scans, trace in zip(scans, traces, strict=True):
        kinds = {id(mn): kind for scan in section_scans for mn, kind in m.asides(scan)}
        plain = m.gaz.expand(code for mn, code in trace if id(mn) not in kinds)
        aside = m.gaz.expand(code for mn, code in trace if id(mn) in kinds)
        plain_all |= plain
        aside_all |= aside
        asides.append(aside - plain)
        aparts.append({m._country(code) for mn, code in trace if kinds.get(id(mn)) == APART})
    speakers = m.speakers_named(title_text).union(*(m.speakers_named(text) for text in texts))
    named = article.union(*tagged) - (aside_all - plain_all) | (speakers - {home})
    return [
        _by_style_or_home(m, c - apart, set(codes) - aside, named, home) if c else None
        for c, codes, aside, apart in zip(styled, tagged, asides, aparts, strict=True)
    ]


def _by_style_or_home(
    m: Matcher, candidates: frozenset[str], section: set[str], article: set[str], home: str | None
) -> str | None:
    """The country a bare style stands for (:meth:`Matcher.by_style`); where the section and the article
    name none of its candidates, the outlet's ``home`` country when it is one of them: a Saudi paper's
    «المملكة» is Saudi Arabia. A kingdom the text names always wins over the home country, and a text
    naming several leaves the style untagged as before."""
    code = m.by_style(candidates, section, article)
    if code is None and home in candidates and not candidates & (section | article):
        return home
    return code


@dataclass(frozen=True, slots=True)
class TagReason:
    """Why a section got a region: the name found (normalized) and the locative evidence at it.

    ``evidence`` is PLACE_WORD (a place word before it, or a name that starts with one), PREPOSITION (or an
    office named after the place, which stands for one), REGION_NEAR (its region named within
    EVIDENCE_WINDOW words) or "" (none: the name alone).
    """

    code: str
    name: str
    evidence: str
    # The kind of name: COUNTRY or ADJECTIVE (which stand as actors, without locative words), or
    # SUBDIVISION or PLACE.
    kind: str = ""


REGION_NEAR = "region_near"


def explain_sections(
    title: str, sections: Sequence[tuple[str | None, str]], *, home: str | None = None
) -> list[list[TagReason]]:
    """Per section, each region tagged from a name and the evidence that stood by the name.

    The same analysis as :func:`tag_sections` (codes are those before ancestors are added); for review
    and benchmarks, not for the hot path.
    """
    m = matcher()
    read = _read_sections(m, title, sections, home)
    out = []
    for scans, trace in zip(read.scans, read.traces, strict=True):
        placed = m.placed_at([mn for scan in scans for mn in scan.mentions])
        out.append(
            [
                TagReason(code, mention.name, m.evidence_at(mention, code, placed), _kind_of(mention, code))
                for mention, code in trace
            ]
        )
    for reasons, codes, code in zip(out, read.tagged, read.styled, strict=True):
        if code and code not in codes:
            style = next(s for s, held in m.gaz.styles.items() if code in held)
            reasons.append(TagReason(code, style, "", COUNTRY))
    return out


@dataclass(frozen=True, slots=True)
class _Read:
    """An article as tag_sections reads it: per section its scans (heading, text), its mentions with the
    codes they resolved to, its codes, and the country its bare style stands for (or None)."""

    scans: list[list[Scan]]
    traces: list[list[tuple[Mention, str]]]
    tagged: list[list[str]]
    styled: list[str | None]


def _read_sections(
    m: Matcher, title: str, sections: Sequence[tuple[str | None, str]], home: str | None = None
) -> _Read:
    title_scan = m.scan(title)
    scans = [[m.scan(heading), m.scan(text)] if heading else [m.scan(text)] for heading, text in sections]
    article = m.anchors(title_scan.mentions)
    for section_scans in scans:
        for scan in section_scans:
            article |= m.anchors(scan.mentions)
    traces: list[list[tuple[Mention, str]]] = []
    tagged = []
    for section_scans in scans:
        trace: list[tuple[Mention, str]] = []
        tagged.append(m.tag_mentions([mn for scan in section_scans for mn in scan.mentions], article, trace))
        traces.append(trace)
    texts = [f"{heading}\n{text}" if heading else text for heading, text in sections]
    styled = _styled(m, title_scan, texts, scans, tagged, traces, article, home, title)
    return _Read(scans, traces, tagged, styled)


def _kind_of(mention: Mention, code: str) -> str:
    kinds = [s.kind for s in mention.senses if s.code == code]
    return min(kinds, key=lambda k: _RANK[k]) if kinds else ""


def tag_sections(
    title: str, sections: Sequence[tuple[str | None, str]], *, home: str | None = None
) -> list[list[str]]:
    """Region codes per section (heading + text), with the whole article as context.

    The title belongs to no section: it is context only. ``home`` is the outlet's country (ISO 3166-1
    alpha-2, or None; ``Article.home_country``): a section's bare «المملكة» is that country where the
    section and the article name no kingdom the style may stand for (a Saudi paper's «المملكة» is Saudi
    Arabia). It never overrides a kingdom the text names and never tags a section without the style.
    """
    read = _read_sections(matcher(), title, sections, home)
    pairs = zip(read.tagged, read.styled, strict=True)
    return [sorted({*codes, code}) if code else codes for codes, code in pairs]
