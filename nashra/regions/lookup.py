"""Turn what a user typed ("درعا", "Deir ezzor", "دمشك", "sy-dr", "وبحلب", "طرابلس لبنان") into regions.

Users subscribe to countries and first-level subdivisions; they often type a city instead, write a
preposition onto the name (بدرعا), qualify a shared name with its country (طرابلس لبنان, "Tripoli,
Lebanon"), or misspell it. Reading a message is two passes with bounded work:

1. **Exact pass.** The words are folded (:func:`nashra.arabic.normalize`, Latin accents dropped) and
   scanned left to right; at each word the longest gazetteer name that starts there wins, found by
   walking a set of name prefixes, so a word that starts no name costs one set probe per reading. The
   readings of a word are the word itself, the word without its proclitics
   (:func:`nashra.arabic.clitic_stems`) and the word with the article added (رقة -> الرقة). Names are
   compared squashed (spaces, hyphens and punctuation removed), so "ديرالزور", "دير الزور" and
   "Deir ez-Zor" meet. A name followed by its own country or subdivision (or an adjective or nickname
   of it: اللبنانية, الشام) is one place.
2. **Fuzzy pass**, only over the words the exact pass left over, within a budget per message
   (:data:`FUZZY_QUERIES` look-ups, :data:`FUZZY_COMPARED` names compared in all): a typo-tolerant
   look-up (confusable letters cost half an edit) whose candidates come from rapidfuzz's C
   implementation of Levenshtein distance over names of similar length. Prose (a pasted paragraph)
   gets no fuzzy pass.

A message of more than :data:`MAX_WORDS` words is not read at all (:attr:`Reading.overflow`), so the
work per message is bounded whatever its length; :class:`Work` counts it.

A bare name shared by several regions' names or cities («طرابلس»: Libya's capital region and Lebanon's
Tripoli; «عمان»: Oman and Amman) is not settled silently: it comes back as a choice, unless the list it
stands in settles it (a list of countries, or of one country's places: :func:`_settled_by_list`). A town
that only shares its name with a city or region (صيدا in Daraa / Sidon) does not make the bigger one
ambiguous.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from nashra.arabic import (
    ARTICLE,
    CONJUNCTIONS,
    clitic_stems,
    fold_digits,
    has_vocalization,
    marks_fit,
    normalize,
    without_article,
)
from nashra.regions.gazetteer import (
    ADJECTIVE,
    COUNTRY,
    GROUP,
    SUBDIVISION,
    Gazetteer,
    bare_name,
    get_gazetteer,
)
from nashra.regions.matcher import TRIGGERS

# A message naming regions is read only up to this many words; a list of every governorate of Egypt is
# about 40, so more than this is not a list of names.
MAX_WORDS = 200
# Typo-tolerant look-ups per message, and names they may compare in all; each look-up compares one folded
# string with the names of similar length (a few thousand, some 10 ns each in rapidfuzz's C code).
FUZZY_QUERIES = 12
FUZZY_COMPARED = 30_000
# A message is prose, not a list of names, when more than this many words name nothing, more of them than
# names, and some run on for this many words at a stretch (a list of typos has short runs between commas).
_PROSE_WORDS = 8
_PROSE_RUN = 4
# Words of one leftover run tried together as one misspelled name ("دير الزوو").
_FUZZY_WINDOW = 3
# Readings of one window tried in the fuzzy pass (as typed, without proclitics, with the article).
_FUZZY_READINGS = 3

_TOKEN = re.compile(r"[^\W_]+")
_CODE = re.compile(r"^[A-Za-z]{2}(?:-[A-Za-z0-9]{1,3})?$")
_ARABIC = re.compile("[\u0621-\u064a]")
# A message that is only upper-case codes, one or more, between commas, spaces or joining words in any
# case ("IN, EG", "IN EG", "SA AND EG", "SY-DR and LB", "ME"): a list of ISO 3166 codes, where "IN" is
# India and "ME" Montenegro, not the words around a request that they spell ("subscribe me to news in
# Egypt", "IS IT EGYPT"). See :func:`_capital_code`.
_CODE_ITEM = r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?"
_CODE_GAP = r"(?:\s*[,،;؛+&/]\s*|\s+(?i:and|or|و|أو|او)\s+|\s+)"
_CODE_LIST = re.compile(rf"^\s*{_CODE_ITEM}(?:{_CODE_GAP}{_CODE_ITEM})*\s*$")
# The same list in any case with a subdivision code among its items ("sy-dr and lb", "lb, SY-DR"), read
# less the fillers around it ("sy-dr, lb please", «أخبار sy-dr و lb»): a subdivision code is one in any
# case (:func:`_capital_code`), and the two-letter items written beside it are codes too, as in capitals,
# but for a word or filler ("to", "so", "in") that is no whole item of the list (:func:`_tokens`).
_SUBDIVISION_CODE_LIST = re.compile(
    rf"^(?=.*[A-Za-z]{{2}}-[A-Za-z0-9])\s*(?i:{_CODE_ITEM}(?:{_CODE_GAP}{_CODE_ITEM})*)\s*$"
)
# What parts the items of a list: a comma, semicolon, newline, plus or joining word, in any case.
_ITEM_GAP = re.compile(r"[,،;؛\n+&/]|(?<![^\s,،;؛+&/])(?i:and|or|و|أو|او)(?![^\s,،;؛+&/])")
# A word in Latin letters (an English sentence's word, a code, a name).
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9-])[A-Za-z]+(?:-[A-Za-z0-9]+)?(?![A-Za-z0-9-])")
_ACCENTED = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")  # Latin letters with accents
_EDGE_PUNCTUATION = "()[]{}\"'«»“”.:!?؟"
# Separators between several names: commas (Latin and Arabic), semicolons, newlines, plus, a slash
# ("IN/EG", «دمشق/حلب»; not the one of a closing tag, «</b>»), and the words that join a list: "and",
# "or", «و», «أو», "&", between spaces or against another separator ("and/or", «و/أو», "Syria,and
# Egypt"). A joining word may also stand inside one name ("Trinidad and Tobago", «البوسنة و الهرسك»):
# the exact pass reads across it where a name goes on.
_SPLIT = re.compile(
    r"(?P<sep>[,،;؛\n+]|(?<!<)/)|(?<![^\s,،;؛+/])(?P<joiner>and|or|و|أو|او|&)(?![^\s,،;؛+/])"
    r"|(?P<word>(?:[^\s,،;؛+/]|(?<=<)/)+)",
    re.IGNORECASE,
)

# What a name names, ranked: a bare name shared by several regions is ambiguous only among the best
# ranks (a region's own name, a country's capital or a city); a town never competes with a city.
_RANK = {COUNTRY: 0, SUBDIVISION: 0, "city": 1, "town": 2, "village": 2, "area": 3, "landmark": 3}
_CONTENDING_RANK = 1

# Score of an exact match by what it matched; fuzzy matches scale these down by their edit distance.
_REGION_SCORE = 1.0
_PLACE_SCORE = 0.9

# Words that may stand around names without being unknown names themselves: prepositions and words for
# a kind of place ("في محافظة درعا", "the city of Aleppo").
_FILLERS: frozenset[str] = TRIGGERS | frozenset(
    normalize(w)
    for w in (
        "في",
        "فى",
        "من",
        "إلى",
        "الى",
        "على",
        "عن",
        "أخبار",
        "اخبار",
        "الأخبار",
        "أريد",
        "اريد",
        "أرغب",
        "بدي",
        "أبغى",
        "ابغى",
        # Gulf and Egyptian "I want", and the words around a request to add or drop a place («حط لي
        # عمان», «مش عايز الإسكندرية تاني», "no Aleppo news anymore")
        "أبي",
        "عايز",
        "عاوز",
        "لي",
        "تاني",
        "ثاني",
        "خلاص",
        "بعد",
        "الآن",
        "الحين",
        "anymore",
        "again",
        "me",
        "نشرة",
        "فضلك",
        "سمحت",
        "لو",
        "in",
        "of",
        "the",
        "to",
        "from",
        "at",
        "news",
        "please",
        "want",
        "i",
        "for",
        "about",
        "city",
        "province",
        "governorate",
        "region",
        "state",
        "district",
        "town",
        # "and its countryside / suburbs / surroundings" after a name: «درعا وريفها»
        "ريفها",
        "ريفه",
        "ضواحيها",
        "ضواحيه",
        "محيطها",
        "محيطه",
        "around",
        "suburbs",
        "its",
        # "all of", "the whole": «كل سوريا», «سوريا كلها», «جميع المحافظات السورية»
        "كل",
        "كلها",
        "الكل",
        "كله",
        "جميع",
        "كامل",
        "المحافظات",
        "محافظات",
        "all",
        "whole",
        "entire",
        "governorates",
        "provinces",
        "regions",
        "countryside",
    )
)

# Qualifiers that are neither a region's name nor a country adjective: historical names that tell a
# shared name apart («طرابلس الشام» is Lebanon's Tripoli). Codes are the regions they cover.
_EXTRA_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "الشام": ("SY", "LB", "JO", "PS"),
    "بلاد الشام": ("SY", "LB", "JO", "PS"),
    "Levant": ("SY", "LB", "JO", "PS"),
    "ash-Sham": ("SY", "LB", "JO", "PS"),
    "al-Sham": ("SY", "LB", "JO", "PS"),
}

# Letters users swap for one another (sound-alike or same shape): swapping them costs half an edit.
_CONFUSABLE_PAIRS = ("دذ", "ذز", "دز", "قك", "سص", "سث", "تط", "ضظ", "ضد", "ها", "زظ", "هح", "عا", "يا", "وا")
_CONFUSABLE = frozenset(frozenset(pair) for pair in _CONFUSABLE_PAIRS)


def _skeleton_table() -> dict[int, int]:
    """Each confusable letter mapped to one letter of its class (classes joined through shared letters)."""
    parent: dict[str, str] = {}

    def root(letter: str) -> str:
        while parent.get(letter, letter) != letter:
            letter = parent[letter]
        return letter

    for a, b in _CONFUSABLE_PAIRS:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        parent[root(a)] = root(b)
    return {ord(letter): root(letter) for letter in parent}


# The skeleton of a string has a Levenshtein distance to another's that never exceeds the weighted
# distance of :func:`edit_distance`, so it can pick the candidates that the exact weighting then scores.
_SKELETON = _skeleton_table()


@dataclass(frozen=True, slots=True)
class RegionMatch:
    """One candidate region for a user's query, and what in the query led to it."""

    code: str
    name_ar: str
    name_en: str
    matched: str
    via_place: str | None
    score: float
    exact: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """A region a name may mean; ``via_place`` is the place named inside it, ``rank`` 0 for a region's
    own name, 1 for a city, 2 for a town or village, 3 for an area or landmark."""

    code: str
    via_place: str | None
    rank: int
    matched: str


@dataclass(slots=True)
class Work:
    """What reading a message cost, in operations that do not depend on the machine.

    ``probes``: hash look-ups of the exact pass; ``fuzzy_queries``: typo-tolerant look-ups;
    ``fuzzy_compared``: names a fuzzy look-up compared (in C) with the query.
    """

    probes: int = 0
    fuzzy_queries: int = 0
    fuzzy_compared: int = 0


@dataclass(frozen=True, slots=True)
class Found:
    """A name read in a message: the words as typed, and the region(s) it means (one unless ambiguous).

    ``together``: the name covers all its candidates at once (دارفور: the five Darfur states), so they
    are not a choice.
    """

    term: str
    candidates: tuple[Candidate, ...]
    together: bool = False


@dataclass(frozen=True, slots=True)
class Unknown:
    """Words that name nothing exactly, with likely regions (best first), already above a useful score."""

    term: str
    suggestions: tuple[Candidate, ...]


@dataclass(slots=True)
class Reading:
    """Everything a message names, in the order it names it.

    ``prose`` marks a message that is not a list of names (a pasted paragraph): more than a few words
    that name nothing, more of them than names, some running on for several words; it gets no fuzzy
    pass. ``overflow`` marks one of more than :data:`MAX_WORDS` words, not read at all.
    """

    found: list[Found] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    unknown_words: int = 0
    prose: bool = False
    overflow: bool = False
    work: Work = field(default_factory=Work)


@dataclass(slots=True)
class _Token:
    norm: str
    start: int
    end: int
    after_break: bool
    code: str | None = None
    filler: bool = False
    # After a joining word alone ("and", «و»): how that word may be written inside a name that goes on
    # across it (squashed: "and" in "trinidadandtobago"; "&" also as nothing).
    joiner: tuple[str, ...] = ()


def fold(text: str) -> str:
    """:func:`normalize`, and Latin letters without their accents ("Saïda" -> "saida")."""
    text = normalize(text)
    if not _ACCENTED.search(text):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@functools.lru_cache(maxsize=65_536)
def _folded_words(raw: str) -> tuple[str, ...]:
    """The folded words of one whitespace-separated word of a message ("ez-Zor" -> "ez", "zor")."""
    return tuple(_TOKEN.findall(fold(raw)))


def squash(text: str) -> str:
    """Folded text without spaces, hyphens or punctuation: the form queries and names are compared in."""
    return "".join(_TOKEN.findall(fold(text)))


def _span(text: str, start: int, end: int) -> str:
    """The words of ``text`` from ``start`` to ``end``, with a bracket they opened closed again."""
    term = text[start:end]
    for opening, closing in ("()", "[]", "«»"):
        if term.count(opening) > term.count(closing) and text[end : end + 1] == closing:
            term += closing
    return term


def _allowed_distance(length: int) -> float:
    if length <= 3:
        return 0.5
    if length <= 6:
        return 1.0
    return 2.0


def _cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    return 0.5 if frozenset((a, b)) in _CONFUSABLE else 1.0


def edit_distance(a: str, b: str, limit: float) -> float:
    """Levenshtein distance (confusable letters cost half), or more than ``limit`` once it must exceed it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        current = [float(i)]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + _cost(ca, cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def one_slip(term: str, name: str) -> bool:
    """Whether ``term`` is ``name`` typed with one slip of the hand, under any of its readings
    (:func:`_readings`: «وجدةة» is «و» + «جدةة»): a letter doubled («جدةة», «مصرر», «موسكوو»: a key
    held too long) or one confusable letter for another (:data:`_CONFUSABLE`, «الرياظ»). Narrower than
    the fuzzy pass's distance, which also offers «الرس» for «بس» and «باجل» for «عاجل»: words that
    merely look like a name, where this says a name was meant."""
    target = squash(name)
    readings = _readings(squash(term))
    for reading in readings:
        if reading == target or edit_distance(reading, target, 0.5) <= 0.5:
            return True
        doubled = (i for i in range(1, len(reading)) if reading[i] == reading[i - 1])
        if any(reading[:i] + reading[i + 1 :] == target for i in doubled):
            return True
    return False


def _with_article(reading: str) -> str | None:
    """The reading with the article added or removed (رقه <-> الرقه), for Arabic readings."""
    bare = without_article(reading)
    if bare is not None:
        return bare
    if _ARABIC.match(reading) and not reading.startswith(ARTICLE):
        return ARTICLE + reading
    return None


# Proclitics (conjunctions, then prepositions) that may stand before a two-letter word: «بأم درمان».
_SHORT_PROCLITICS = ("و", "ف", "ب", "ل", "ك")


@functools.lru_cache(maxsize=65_536)
def _readings(word: str) -> tuple[str, ...]:
    """The word, the word with the article toggled, then each reading without proclitics, in that order;
    last, a two-letter word under its proclitics («بام» -> «ام»), which :func:`clitic_stems` never strips
    so short, for names whose first word it is (أم درمان، أم قصر، إب)."""
    out = [word]
    toggled = _with_article(word)
    if toggled:
        out.append(toggled)
    for stem in clitic_stems(word):
        if stem not in out:
            out.append(stem)
        if not stem.startswith(ARTICLE):
            with_article = _with_article(stem)
            if with_article and with_article not in out:
                out.append(with_article)
    for stem in list(out):
        short = stem[1:]
        if len(stem) == 3 and stem[0] in _SHORT_PROCLITICS and _ARABIC.match(short) and short not in out:
            out.append(short)
    return tuple(out)


class LookupIndex:
    """The squashed lookup names of one gazetteer: exact names, their prefixes, qualifiers, and names
    bucketed by length for the fuzzy pass. Built once per gazetteer (:func:`lookup_index`)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        senses: dict[str, dict[str, Candidate]] = {}
        group_codes: dict[str, set[str]] = {}
        # The folded words of each shown name, once: the same names come back for each region a group
        # covers, and in both lists of a place (about half of the 11,000 lookup names are repeats).
        name_words = functools.cache(lambda shown: tuple(_TOKEN.findall(fold(bare_name(shown)))))
        for name in gaz.lookup_names:
            key = "".join(name_words(name.shown))
            if not key:
                continue
            if name.kind == GROUP:
                group_codes.setdefault(key, set()).add(name.code)
            rank = _RANK.get(name.kind, 2) if name.via_place else 0
            via = bare_name(name.via_place) if name.via_place else None
            candidate = Candidate(name.code, via, rank, name.shown)
            bucket = senses.setdefault(key, {})
            known = bucket.get(name.code)
            if known is None or candidate.rank < known.rank:
                bucket[name.code] = candidate
        self.names: dict[str, tuple[Candidate, ...]] = {
            key: tuple(sorted(bucket.values(), key=lambda c: (c.rank, c.code)))
            for key, bucket in senses.items()
        }
        self.prefixes = _prefixes(self.names)
        # Names that cover several subdivisions together, and nothing else: دارفور, "West Bank".
        self.groups = frozenset(
            key for key, codes in group_codes.items() if {c.code for c in self.names[key]} == codes
        )
        qualifiers: dict[str, set[str]] = {}
        for key, candidates in self.names.items():
            for candidate in candidates:
                if candidate.rank == 0:
                    qualifiers.setdefault(key, set()).add(candidate.code)
        for first, entries in gaz.index.items():
            for entry in entries:
                for sense in entry.senses:
                    if sense.kind == ADJECTIVE:
                        qualifiers.setdefault(squash(" ".join((first, *entry.words))), set()).add(sense.code)
        for name, codes in _EXTRA_QUALIFIERS.items():
            qualifiers.setdefault(squash(name), set()).update(codes)
        self.qualifiers: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in qualifiers.items()}
        self.qualifier_prefixes = _prefixes(self.qualifiers)
        # Arabic names that are mostly everyday words in news («الغربية» 'western', «الشمال» 'the north',
        # «الجزيرة» 'the island'): those the matcher takes only on strict evidence (Sense.evidence) or only
        # right after a word for their kind of place (only_after_place_word: الغربية, الشرقية).
        self.ordinary = frozenset(
            key
            for first, entries in gaz.index.items()
            for entry in entries
            if any(
                sense.evidence in ("strict", "verb") or sense.only_after_place_word for sense in entry.senses
            )
            for key in (squash(" ".join((first, *entry.words))),)
            if key in self.names and _ARABIC.match(key)
        )
        # Vocalized spellings of shared names, by squashed name and code (Gazetteer.vocalized).
        self.vocalized: dict[str, dict[str, tuple[str, ...]]] = {}
        for name, by_code in gaz.vocalized.items():
            self.vocalized.setdefault(squash(name), {}).update(by_code)
        self.max_words = max(len(name_words(n.shown)) for n in gaz.lookup_names)
        by_length: dict[int, list[str]] = {}
        for key in self.names:
            by_length.setdefault(len(key), []).append(key)
        self.keys_by_length = by_length
        self.skeletons_by_length = {
            length: [key.translate(_SKELETON) for key in keys] for length, keys in by_length.items()
        }

    # -- exact -----------------------------------------------------------------------------------------

    def longest(
        self, tokens: list[_Token], i: int, work: Work, qualifier: bool = False
    ) -> tuple[int, str] | None:
        """(end, key) of the longest name (or qualifier) starting at token ``i``; None when none does.

        A name never runs across a separator, except a joining word inside the name ("Trinidad and
        Tobago", «البوسنة و الهرسك»); of two equally long matches the earlier reading wins.
        """
        table = self.qualifiers if qualifier else self.names
        prefixes = self.qualifier_prefixes if qualifier else self.prefixes
        best: tuple[int, str] | None = None
        for reading in _readings(tokens[i].norm):
            acc, j = reading, i
            while True:
                work.probes += 1
                if acc not in prefixes:
                    break
                if acc in table and (best is None or j + 1 > best[0]):
                    best = (j + 1, acc)
                j += 1
                if j >= len(tokens) or j - i >= self.max_words:
                    break
                if tokens[j].after_break:
                    glue = next((g for g in tokens[j].joiner if acc + g in prefixes), None)
                    if glue is None:
                        break
                    acc += glue
                acc += tokens[j].norm
        return best

    # -- fuzzy -----------------------------------------------------------------------------------------

    def fuzzy_cost(self, query: str) -> int:
        """Names :meth:`fuzzy` compares ``query`` with: those of a length within the allowed distance."""
        if len(query) < 3:
            return 0
        spread = int(_allowed_distance(len(query)))
        lengths = range(len(query) - spread, len(query) + spread + 1)
        return sum(len(self.keys_by_length.get(length, ())) for length in lengths)

    def fuzzy(self, query: str, work: Work) -> dict[str, tuple[float, Candidate]]:
        """Regions whose names are within a small edit distance of ``query``: code -> (score, candidate)."""
        out: dict[str, tuple[float, Candidate]] = {}
        if len(query) < 3:
            return out
        work.fuzzy_queries += 1
        limit = _allowed_distance(len(query))
        spread = int(limit)
        skeleton = query.translate(_SKELETON)
        for length in range(len(query) - spread, len(query) + spread + 1):
            skeletons = self.skeletons_by_length.get(length)
            if not skeletons:
                continue
            work.fuzzy_compared += len(skeletons)
            keys = self.keys_by_length[length]
            hits = process.extract(
                skeleton, skeletons, scorer=Levenshtein.distance, score_cutoff=spread, limit=None
            )
            for _, skeleton_distance, position in hits:
                key = keys[position]
                # The weighted distance is at least the mean of the plain and the skeleton distances
                # (each confusable swap costs 1 in one and 0 in the other), a bound rapidfuzz checks in C.
                plain = Levenshtein.distance(query, key, score_cutoff=int(2 * limit))
                if plain + skeleton_distance > 2 * limit:
                    continue
                distance = edit_distance(query, key, limit)
                if distance > limit:
                    continue
                for candidate in self.names[key]:
                    base = _REGION_SCORE if candidate.rank == 0 else _PLACE_SCORE
                    score = base * (1 - 0.2 * distance)
                    if candidate.code not in out or score > out[candidate.code][0]:
                        out[candidate.code] = (score, candidate)
        return out


def _prefixes(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(key[:end] for key in keys for end in range(1, len(key) + 1))


_lock = threading.Lock()
_indexes: dict[int, LookupIndex] = {}


def lookup_index(gaz: Gazetteer | None = None) -> LookupIndex:
    """The index of ``gaz`` (the process-wide gazetteer by default), built on first use (about 0.5 s of CPU
    on the shared 2-core VM, ``python benchmarks/startup_costs.py``)."""
    gaz = gaz or get_gazetteer()
    found = _indexes.get(id(gaz))
    if found is None or found.gaz is not gaz:
        with _lock:
            found = _indexes.get(id(gaz))
            if found is None or found.gaz is not gaz:
                found = _indexes[id(gaz)] = LookupIndex(gaz)
    return found


# -- reading a message -----------------------------------------------------------------------------------


def _tokens(text: str, gaz: Gazetteer, limit: int, *, command: bool = False) -> list[_Token]:
    """Folded words with their spans in ``text``; separators only mark the word after them. Stops once
    there are more than ``limit`` words. ``command``: see :func:`read_regions`."""
    tokens: list[_Token] = []
    after_break = False
    joiner: tuple[str, ...] = ()
    capitals = _CODE_LIST.match(text) is not None
    lower = not capitals and any(_SUBDIVISION_CODE_LIST.match(t) for t in (text, _without_fillers(text)))
    english = not (capitals or lower) and any(
        not (word.isupper() and _CODE.match(word) and gaz.is_known(word))
        for word in _LATIN_WORD.findall(text)
    )
    split = english or lower
    items = {item.strip(_EDGE_PUNCTUATION + " \t") for item in _ITEM_GAP.split(text)} if split else set()
    for match in _SPLIT.finditer(text):
        if match.group("sep"):
            after_break, joiner = True, ()
            continue
        if match.group("joiner"):
            word = fold(match.group("joiner"))
            # A comma before the joining word ends the name: "Trinidad, and Tobago" is a list.
            joiner = (("and", "") if word == "&" else (word,)) if not after_break or joiner else ()
            after_break = True
            continue
        word = match.group("word")
        raw = word.strip(_EDGE_PUNCTUATION)
        if not raw:
            continue
        start = match.start() + len(word) - len(word.lstrip(_EDGE_PUNCTUATION))
        end = start + len(raw)
        flags = _flag_codes(raw, gaz)
        if flags:
            for code in flags:
                tokens.append(_Token(code.lower(), start, end, after_break, code=code))
                after_break = True
            after_break = False
            continue
        if (
            _CODE.match(raw)
            and gaz.is_known(raw.upper())
            and _capital_code(raw, capitals or (lower and _listed(raw, raw in items)), english, raw in items)
        ):
            tokens.append(_Token(raw.lower(), start, end, after_break, code=raw.upper()))
            after_break = False
            continue
        for part in _folded_words(raw):
            tokens.append(_Token(part, start, end, after_break, filler=_is_filler(part), joiner=joiner))
            after_break, joiner = False, ()
        if len(tokens) > limit:
            break
    if len(tokens) == 1 and tokens[0].code is None:
        # A message that is only a two-letter word may be a code in lower case ("sy"); in free talk not
        # one that is also an English word ("it"), in a command's arguments any but a filler ("in").
        # In capitals it is a code everywhere (_capital_code): "/subscribe IN" is India.
        raw = tokens[0].norm
        if (
            _CODE.match(raw)
            and gaz.is_known(raw.upper())
            and not tokens[0].filler
            and (command or raw not in _ENGLISH_WORDS)
        ):
            tokens[0].code = raw.upper()
    return tokens


def _without_fillers(text: str) -> str:
    """``text`` less its words that are fillers (:func:`_is_filler`: "please", «أخبار», «لو سمحت»)."""
    return " ".join(w for w in text.split() if not _is_filler(fold(w.strip(_EDGE_PUNCTUATION))))


def _listed(word: str, item: bool) -> bool:
    """Whether ``word``, a two-letter code in a list of codes in any case (:data:`_SUBDIVISION_CODE_LIST`),
    is a code of it: a whole ``item`` of the list ("sy-dr and in"), or a word that spells no English word
    nor filler ("sy-dr lb"); "sy-dr and lb to" says "to"."""
    return item or ("-" not in word and word.lower() not in _ENGLISH_WORDS and not _is_filler(fold(word)))


# English words spelled as an ISO 3166 code ("stop it", "unsubscribe us", "no"): in lower case they are
# the word, not Italy, the United States or Norway; typed in capitals ("IT", "US") they are the code.
_ENGLISH_WORDS = frozenset(
    ["ad", "am", "as", "at", "be", "by", "do", "id", "in", "is", "it", "me", "my", "no", "so", "to", "us"]
)


def _capital_code(word: str, codes_only: bool, english: bool, item: bool) -> bool:
    """Whether ``word``, a known ISO 3166 code as typed (``"IT"``, ``"sy-dr"``), is the code rather than
    a word. The one rule for capitals: a subdivision code ("SY-DR") is always one, and so is any code of a
    message that is codes alone (``codes_only``: :data:`_CODE_LIST`, "IT", "ME", "IN AND EG", or in any
    case :data:`_SUBDIVISION_CODE_LIST`, "sy-dr and lb"); elsewhere a two-letter word is one only in
    capitals. In a message with other Latin words (``english``) a code that spells an English word
    (:data:`_ENGLISH_WORDS`, the fillers) is the code only as a whole item of a list (``item``: between
    commas or joining words, "IT, Egypt"), and the word inside a sentence ("IS IT EGYPT", "NEWS ABOUT
    US", "I AM IN EG"); one that spells none stays the code ("NEWS FROM SY AND EG"). Beside Arabic words
    alone ("أخبار IN") a capital code is the code."""
    if "-" in word or codes_only:
        return True
    if not word.isupper():
        return False
    if not english or item:
        return True
    return word.lower() not in _ENGLISH_WORDS and word.lower() not in _FILLERS


def _english_word(text: str, token: _Token, size: int) -> bool:
    """Whether a name of ``size`` tokens starting at ``token`` is one English word, in either case, that
    a short name or code also spells ("us", "US": the pronoun, not the United States). A code in
    capitals that :func:`_capital_code` reads as the code never gets here."""
    return size == 1 and text[token.start : token.end].lower() in _ENGLISH_WORDS


# A flag emoji is a pair of regional indicator symbols spelling its ISO 3166 code (🇸🇾 = S Y).
_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{2}")


def _flag_codes(word: str, gaz: Gazetteer) -> list[str]:
    """The country codes of a word made of flag emoji ("🇸🇾🇱🇧" -> ["SY", "LB"]); [] for any other word."""
    pairs = _FLAG.findall(word)
    if not pairs or "".join(pairs) != word.replace("\ufe0f", ""):
        return []
    codes = ["".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in pair) for pair in pairs]
    return [code for code in codes if gaz.is_known(code)]


@functools.lru_cache(maxsize=65_536)
def _is_filler(word: str) -> bool:
    """A filler (:data:`_FILLERS`), also under proclitics: «بمحافظة», «لأخبار», «وريفها». Stems of fewer
    than four letters do not count, so that a name such as «بالي» is not read as «إلى» under ب."""
    if word in _FILLERS:
        return True
    return any(len(stem) >= 4 and stem in _FILLERS for stem in clitic_stems(word))


def contenders(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    """The candidates a bare name really leaves open, best first.

    Regions' own names, capitals and cities all contend; a town, village or landmark only when no
    bigger place has the name.
    """
    ordered = sorted(candidates, key=lambda c: (c.rank, c.code))
    if not ordered:
        return ()
    best = ordered[0].rank
    cut = max(best, _CONTENDING_RANK)
    return tuple(c for c in ordered if c.rank <= cut)


def read_regions(
    text: str, gaz: Gazetteer | None = None, *, by_list: bool = True, command: bool = False
) -> Reading:
    """Every region name in ``text``, each resolved, ambiguous, or unknown with suggestions.

    With ``by_list`` (the default) a shared name is read from the list it stands in
    (:func:`_settled_by_list`); without, it stays ambiguous, for a caller with better context (what a
    chat already follows, when it unsubscribes).

    ``command``: ``text`` is the arguments of a command that takes region names (/subscribe,
    /unsubscribe), where a lone two-letter argument is an ISO 3166 code in any case ("it" is Italy,
    "no" Norway), unless it is a filler that names nothing alone ("in", "to", "me": the words around a
    request, "subscribe me to Egypt") typed in lower case ("IN" is India, "ME" Montenegro). Elsewhere
    a lower-case English word alone is the word ("stop it"). In any text, upper-case codes alone, two
    or more (:data:`_CODE_LIST`: "IN, EG", "IN EG"), are all codes, those that spell a filler too.

    Bounded work: at most :data:`MAX_WORDS` words are read (beyond that, :attr:`Reading.overflow` and
    nothing else), the exact pass costs a few set probes per word, and the fuzzy pass runs only over
    words the exact pass left over, within :data:`FUZZY_QUERIES` look-ups and :data:`FUZZY_COMPARED`
    names compared, and not at all for prose.
    """
    gaz = gaz or get_gazetteer()
    index = lookup_index(gaz)
    reading = Reading()
    text = fold_digits(text)  # «SA-٠١» is SA-01; one character for one, so every offset holds
    tokens = _tokens(text, gaz, MAX_WORDS, command=command)
    if len(tokens) > MAX_WORDS:
        reading.overflow = True
        return reading
    work = reading.work
    leftover: list[_Token] = []
    runs: list[list[_Token]] = []
    # Spans of the message's words that named something: the other parts of such a word («<b>حمص</b>»
    # reads b, حمص, b) are glue around the name, not an unknown name.
    named: set[tuple[int, int]] = set()

    def close_run() -> None:
        if leftover:
            runs.append(list(leftover))
            leftover.clear()

    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.after_break:
            close_run()
        if token.code is not None:
            close_run()
            reading.found.append(Found(token.code, (Candidate(token.code, None, 0, token.code),)))
            i += 1
            continue
        match = index.longest(tokens, i, work)
        if match is not None and _english_word(text, token, match[0] - i):
            match = None
        if match is None and not token.filler:
            # A qualifier standing alone: «الشام» may mean several countries, «اللبنانية» one.
            qualifier = index.longest(tokens, i, work, qualifier=True)
            if qualifier is not None and not _english_word(text, token, qualifier[0] - i):
                close_run()
                end = qualifier[0]
                term = _span(text, token.start, tokens[end - 1].end)
                codes = sorted(index.qualifiers[qualifier[1]])
                reading.found.append(Found(term, tuple(Candidate(c, None, 0, term) for c in codes)))
                i = end
                continue
        if match is not None and leftover and not token.after_break and match[1] in index.ordinary:
            # An everyday word after a word that names nothing describes it: «الضفة الغربية» is the
            # West Bank, not Egypt's Gharbia governorate.
            match = None
        if match is None:
            if token.filler:
                close_run()
            else:
                leftover.append(token)
            i += 1
            continue
        close_run()
        end, key = match
        named.update((t.start, t.end) for t in tokens[i:end])
        candidates = index.names[key]
        # A qualifier across a comma makes one place of two items only when they are the whole message
        # ("Tripoli, Lebanon"); inside a longer list («سوريا، عمان، الأردن») each item is its own.
        alone = not reading.found and not runs
        qualified_end, candidates = _qualified(index, tokens, end, candidates, work, alone=alone)
        foreign = _foreign_qualifier(index, tokens, end, work) if key in index.ordinary else None
        if qualified_end == end and foreign is not None:
            # A direction or other everyday word before a country that does not hold the region it
            # names: «شمال سوريا» is a part of Syria the gazetteer has no region for, not Qatar's
            # al-Shamal. Offered as that country.
            foreign_end, codes = foreign
            term = _span(text, token.start, tokens[foreign_end - 1].end)
            reading.unknown.append(Unknown(term, tuple(Candidate(c, None, 0, term) for c in codes)))
            i = foreign_end
            continue
        start = token.start + _proclitics_length(text, token, key)
        term = _span(text, start, tokens[qualified_end - 1].end)
        if key in index.groups:
            reading.found.append(Found(term, candidates, together=True))
        else:
            written = text[token.start : tokens[end - 1].end]
            reading.found.append(Found(term, settled_by_marks(index, key, written, contenders(candidates))))
        i = qualified_end
    close_run()

    reading.unknown_words = sum(len(run) for run in runs)
    longest_run = max((len(run) for run in runs), default=0)
    reading.prose = (
        reading.unknown_words > _PROSE_WORDS
        and reading.unknown_words > len(reading.found)
        and longest_run >= _PROSE_RUN
    )
    budget = [not reading.prose]
    for whole in runs:
        run = [token for token in whole if (token.start, token.end) not in named]
        if not run:
            continue
        term = _span(text, run[0].start, run[-1].end)
        reading.unknown.append(Unknown(term, _suggestions(index, run, work, budget)))
    if by_list:
        reading.found = _settled_by_list(reading.found)
    return reading


def settled_by_marks(
    index: LookupIndex, key: str, written: str, candidates: tuple[Candidate, ...]
) -> tuple[Candidate, ...]:
    """The candidates of a shared name that the vowel marks written on it leave: «عَمّان» or «عمّان»
    is Amman and «عُمان» Oman, though all three fold to «عمان».

    A candidate whose name the data gives no vocalized spelling for (Gazetteer.vocalized) is never
    ruled out; when the marks rule out every candidate, or none, the name stays as shared as it was.
    """
    spellings = index.vocalized.get(key)
    if len(candidates) < 2 or not spellings or not has_vocalization(written):
        return candidates
    fitting = tuple(
        c
        for c in candidates
        if c.code not in spellings or any(marks_fit(written, spelling) for spelling in spellings[c.code])
    )
    return fitting or candidates


def _settled_by_list(found: list[Found]) -> list[Found]:
    """Shared names read from the list they stand in, as a reader would.

    The names the message settles on its own (one region each) set the list's kind: when they are all
    countries, a shared name that is one country among its candidates is that country («سوريا، عمان،
    لبنان»: Oman, not Amman); when they all lie in one country (its regions, or the country itself), a
    shared name with one candidate there is that one («درعا، القنيطرة، حمص»: Syria's Quneitra, not
    Morocco's Kenitra; «إربد، عمان»: Amman). A list of shared names only is read by the one country
    they all have a place in (:func:`_settled_by_each_other`). Anything else is still asked.
    """
    settled = [c.code for f in found if f.together or len(f.candidates) == 1 for c in f.candidates]
    if not settled:
        return _settled_by_each_other(found)
    countries = {code.partition("-")[0] for code in settled}
    all_countries = all("-" not in code for code in settled)

    def pick(candidates: tuple[Candidate, ...]) -> Candidate | None:
        if all_countries:
            fitting = [c for c in candidates if "-" not in c.code]
            if len(fitting) == 1:
                return fitting[0]
        # One country's places, or that country alone («لبنان، طرابلس»: Lebanon's Tripoli).
        if len(countries) == 1:
            fitting = [c for c in candidates if c.code.partition("-")[0] in countries]
            if len(fitting) == 1:
                return fitting[0]
        return None

    out: list[Found] = []
    for item in found:
        if not item.together and len(item.candidates) > 1:
            chosen = pick(item.candidates)
            if chosen is not None:
                item = Found(item.term, (chosen,))
        out.append(item)
    return out


def _settled_by_each_other(found: list[Found]) -> list[Found]:
    """A list of shared names only, read as a reader would: when exactly one country has a place of
    every name («صور، طرابلس»: Tyre and Tripoli are both in Lebanon, and only there), each name is its
    place there, if it has one place there. Anything else is still asked."""
    if len(found) < 2:
        return found
    common = set.intersection(*({c.code.partition("-")[0] for c in f.candidates} for f in found))
    if len(common) != 1:
        return found
    chosen = [[c for c in f.candidates if c.code.partition("-")[0] in common] for f in found]
    if any(len(fitting) != 1 for fitting in chosen):
        return found
    return [Found(f.term, (fitting[0],)) for f, fitting in zip(found, chosen, strict=True)]


def _qualified(
    index: LookupIndex,
    tokens: list[_Token],
    end: int,
    candidates: tuple[Candidate, ...],
    work: Work,
    *,
    alone: bool = True,
) -> tuple[int, tuple[Candidate, ...]]:
    """A name followed by its country or subdivision (or an adjective or nickname of it) is one place:
    «طرابلس لبنان», «طرابلس الشام», «حلب السورية», "Tripoli (Lebanon)", "Tripoli in Lebanon".

    Across a comma ("Tripoli, Lebanon") only a name that is otherwise ambiguous takes its qualifier, and
    only when the name is the message's first item (``alone``) and the qualifier its last; an
    unambiguous one is a list ("درعا، سوريا"), and so is a longer list («سوريا، عمان، الأردن»).
    """
    j = end
    crossed = False
    while j < len(tokens) and tokens[j].filler and tokens[j].code is None:
        crossed |= tokens[j].after_break
        j += 1
    if j >= len(tokens):
        return end, candidates
    crossed |= tokens[j].after_break
    if crossed and len(contenders(candidates)) < 2:
        return end, candidates
    if any(t.joiner for t in tokens[end : j + 1]):
        return end, candidates  # "X and Y", «X و Y»: two items, never "X in Y"
    if tokens[j].code is not None:
        qualifier_codes: frozenset[str] = frozenset((tokens[j].code,))
        qualifier_end = j + 1
    else:
        # The qualifier may follow a separator; look it up as if it did not.
        first = tokens[j]
        saved = first.after_break
        first.after_break = False
        match = index.longest(tokens, j, work, qualifier=True)
        first.after_break = saved
        if match is None:
            return end, candidates
        qualifier_end, key = match
        if _conjoined(first.norm, key):
            return end, candidates  # «عمان والأردن»: Oman (or Amman) and Jordan, not Amman in Jordan
        qualifier_codes = index.qualifiers[key]
    if crossed and not (alone and all(t.filler and t.code is None for t in tokens[qualifier_end:])):
        return end, candidates
    narrowed = tuple(c for c in candidates if qualifier_codes & index.gaz.expand({c.code}))
    if not narrowed:
        return end, candidates
    return qualifier_end, narrowed


# Letters that stand before a name as proclitics: conjunctions, then prepositions («وبعمان»).
_PROCLITIC_LETTERS = frozenset("وفبلك")


def _proclitics_length(text: str, token: _Token, key: str) -> int:
    """How many characters of ``text`` at ``token`` are proclitics the name ``key`` was read without
    («وطرابلس», «بعمان»), so the name is quoted as a name: «طرابلس» is shared, not «وطرابلس»."""

    def begins(reading: str) -> bool:
        toggled = _with_article(reading)
        return key.startswith(reading) or (toggled is not None and key.startswith(toggled))

    word = token.norm
    if begins(word):
        return 0
    for count in (1, 2):
        if not set(word[:count]) <= _PROCLITIC_LETTERS or len(word) - count < 2:
            return 0
        if begins(word[count:]):
            # Past that many letters of the word as typed, and the marks written on them.
            letters, at = 0, token.start
            while at < token.end and letters < count:
                letters += bool(normalize(text[at]))
                at += 1
            while at < token.end and not normalize(text[at]):
                at += 1
            return at - token.start
    return 0


def _conjoined(word: str, key: str) -> bool:
    """Whether ``key`` was read from ``word`` only once a conjunction (و, ف) was taken off its front:
    «والأردن» read as «الأردن» joins an item to a list; it does not say where the one before it is."""
    if word[:1] not in CONJUNCTIONS:
        return False
    kept = (word, _with_article(word))
    return not any(reading and key.startswith(reading) for reading in kept)


def _foreign_qualifier(
    index: LookupIndex, tokens: list[_Token], end: int, work: Work
) -> tuple[int, tuple[str, ...]] | None:
    """(end, codes) of a country or adjective right after token ``end - 1``, with no separator between;
    None when none is there."""
    if end >= len(tokens) or tokens[end].after_break or tokens[end].filler:
        return None
    if tokens[end].code is not None:
        return end + 1, (tokens[end].code,)
    match = index.longest(tokens, end, work, qualifier=True)
    if match is None or _conjoined(tokens[end].norm, match[1]):
        return None  # «صور وطرابلس»: Tyre and Tripoli, not a Tyre of Libya
    return match[0], tuple(sorted(index.qualifiers[match[1]]))


def _windows(run: list[_Token]) -> list[list[_Token]]:
    """Word windows of a leftover run in the order the fuzzy pass tries them: a short run whole first
    (a misspelled multiword name), then each word, then longer windows."""
    out: list[list[_Token]] = []
    if 1 < len(run) <= _FUZZY_WINDOW:
        out.append(run)
    out.extend([token] for token in run)
    for size in range(2, min(_FUZZY_WINDOW, len(run) - 1) + 1):
        out.extend(run[k : k + size] for k in range(len(run) - size + 1))
    return out


def _suggestions(
    index: LookupIndex, run: list[_Token], work: Work, budget: list[bool]
) -> tuple[Candidate, ...]:
    """Likely regions for a leftover run, best first, from the fuzzy look-ups the message's budget
    (:data:`FUZZY_QUERIES`, :data:`FUZZY_COMPARED`, both counted in ``work``) still allows;
    ``budget[0]`` turns False for the rest of the message once a look-up does not fit."""
    scored: dict[str, tuple[float, Candidate]] = {}
    if not budget[0]:
        return ()
    for window in _windows(run):
        if not budget[0]:
            break
        rest = "".join(token.norm for token in window[1:])
        for first in _readings(window[0].norm)[:_FUZZY_READINGS]:
            query = first + rest
            if len(query) < 3:
                continue
            if (
                work.fuzzy_queries >= FUZZY_QUERIES
                or work.fuzzy_compared + index.fuzzy_cost(query) > FUZZY_COMPARED
            ):
                budget[0] = False
                break
            for code, (score, candidate) in index.fuzzy(query, work).items():
                if code not in scored or score > scored[code][0]:
                    scored[code] = (score, candidate)
    # Equally close, a region's own name before a city's, then the place real news names more.
    uses = index.gaz.place_uses
    ranked = sorted(
        scored.values(),
        key=lambda sc: (-sc[0], sc[1].rank, -uses.get(normalize(sc[1].matched), 0), sc[1].code),
    )
    return tuple(candidate for score, candidate in ranked if score >= SUGGESTION_SCORE)[:SUGGESTIONS]


SUGGESTIONS = 3
SUGGESTION_SCORE = 0.7  # below this a fuzzy match is more noise than help


def find_regions(
    query: str, lang_hint: str | None = None, limit: int = 10, gaz: Gazetteer | None = None
) -> list[RegionMatch]:
    """Candidate regions for one name, best first.

    Accepts Arabic or English names and aliases of countries and subdivisions, names of places (which
    resolve to their subdivision, ``via_place`` says which place), ISO codes ("SY", "sy-dr"), names with
    proclitics ("بدرعا") and misspellings within a small edit distance. ``lang_hint`` ("ar"/"en")
    prefers names in that language when two candidates score the same.
    """
    gaz = gaz or get_gazetteer()
    index = lookup_index(gaz)
    query = query.strip()
    if not query:
        return []
    best: dict[str, RegionMatch] = {}

    def offer(candidate: Candidate, score: float, exact: bool) -> None:
        current = best.get(candidate.code)
        if current is None or score > current.score:
            best[candidate.code] = RegionMatch(
                candidate.code,
                gaz.name(candidate.code, "ar"),
                gaz.name(candidate.code, "en"),
                candidate.matched,
                candidate.via_place,
                score,
                exact,
            )

    if _CODE.match(query) and gaz.is_known(query.upper()):
        offer(Candidate(query.upper(), None, 0, query.upper()), _REGION_SCORE, True)
    words = _TOKEN.findall(fold(query))
    if words:
        rest = "".join(words[1:])
        for first in _readings(words[0]):
            named = index.names.get(first + rest, ())
            for candidate in settled_by_marks(index, first + rest, query, named):
                offer(candidate, _REGION_SCORE if candidate.rank == 0 else _PLACE_SCORE, True)
            if best:
                break
        if not best:
            work = Work()
            for first in _readings(words[0])[:_FUZZY_READINGS]:
                for score, candidate in index.fuzzy(first + rest, work).values():
                    offer(candidate, score, False)

    def preference(m: RegionMatch) -> tuple[float, int, int, str]:
        in_lang = 0
        if lang_hint is not None:
            arabic = bool(_ARABIC.search(m.matched))
            in_lang = int(arabic == (lang_hint == "ar"))
        return (-m.score, -in_lang, m.code.count("-"), m.code)

    return sorted(best.values(), key=preference)[:limit]
