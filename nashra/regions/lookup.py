"""Turn what a user typed ("درعا", "Deir ezzor", "دمشك", "sy-dr", "المياذين") into candidate regions.

Users subscribe to countries and first-level subdivisions; they often type a city instead, or misspell a
name. Comparison happens on a squashed form (normalized, spaces and hyphens removed), so "ديرالزور",
"دير الزور" and "Deir ez-Zor" meet, and a small edit distance absorbs typos.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nashra.arabic import normalize
from nashra.regions.gazetteer import Gazetteer, LookupName, gazetteer

_NOT_LETTER = re.compile(r"[\W_]+")
_CODE = re.compile(r"^[A-Za-z]{2}(?:-[A-Za-z0-9]{1,3})?$")
_ARABIC = re.compile("[\u0621-\u064a]")

# Score of an exact match by what it matched; fuzzy matches scale these down by their edit distance.
_CODE_SCORE = 1.0
_REGION_SCORE = 1.0
_PLACE_SCORE = 0.9


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


def squash(text: str) -> str:
    """Normalized text without spaces, hyphens or punctuation: the form queries and names are compared in."""
    return _NOT_LETTER.sub("", normalize(text))


def _allowed_distance(length: int) -> float:
    if length <= 3:
        return 0.5
    if length <= 6:
        return 1.0
    return 2.0


# Letters users swap for one another (sound-alike or same shape): swapping them costs half an edit.
_CONFUSABLE = frozenset(
    frozenset(pair)
    for pair in ("دذ", "ذز", "دز", "قك", "سص", "سث", "تط", "ضظ", "ضد", "ها", "زظ", "هح", "عا", "يا", "وا")
)


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


class _Index:
    """Squashed lookup names of one gazetteer, grouped by length for the fuzzy pass."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.exact: dict[str, list[LookupName]] = {}
        self.by_length: dict[int, list[tuple[str, LookupName]]] = {}
        for name in gaz.lookup_names:
            key = _NOT_LETTER.sub("", name.norm)
            if not key:
                continue
            self.exact.setdefault(key, []).append(name)
            self.by_length.setdefault(len(key), []).append((key, name))


_indexes: dict[int, _Index] = {}


def _index(gaz: Gazetteer) -> _Index:
    found = _indexes.get(id(gaz))
    if found is None or found.gaz is not gaz:
        found = _indexes[id(gaz)] = _Index(gaz)
    return found


def _variants(key: str) -> list[str]:
    """The query and its reading with or without the Arabic article (رقة / الرقة)."""
    out = [key]
    if key.startswith("ال") and len(key) > 4:
        out.append(key[2:])
    elif _ARABIC.match(key):
        out.append("ال" + key)
    return out


def lookup(
    query: str, lang_hint: str | None = None, limit: int = 10, gaz: Gazetteer | None = None
) -> list[RegionMatch]:
    """Candidate regions for a query, best first.

    Accepts Arabic or English names and aliases of countries and subdivisions, names of places (which
    resolve to their subdivision, ``via_place`` says which place), ISO codes ("SY", "sy-dr") and
    misspellings within a small edit distance. ``lang_hint`` ("ar"/"en") prefers names in that language
    when two candidates score the same.
    """
    gaz = gaz or gazetteer()
    query = query.strip()
    if not query:
        return []
    best: dict[str, RegionMatch] = {}

    def offer(code: str, matched: str, via_place: str | None, score: float, exact: bool) -> None:
        current = best.get(code)
        if current is None or score > current.score:
            best[code] = RegionMatch(
                code, gaz.name(code, "ar"), gaz.name(code, "en"), matched, via_place, score, exact
            )

    if _CODE.match(query) and gaz.is_known(query.upper()):
        offer(query.upper(), query.upper(), None, _CODE_SCORE, True)

    index = _index(gaz)
    key = squash(query)
    if key:
        for variant in _variants(key):
            for name in index.exact.get(variant, []):
                base = _PLACE_SCORE if name.via_place else _REGION_SCORE
                offer(name.code, name.shown, name.via_place, base, True)
        if not any(m.exact for m in best.values()) or len(best) == 0:
            for variant in _variants(key):
                limit_d = _allowed_distance(len(variant))
                spread = int(limit_d)
                for length in range(len(variant) - spread, len(variant) + spread + 1):
                    for candidate, name in index.by_length.get(length, []):
                        d = edit_distance(variant, candidate, limit_d)
                        if d <= limit_d:
                            base = _PLACE_SCORE if name.via_place else _REGION_SCORE
                            offer(name.code, name.shown, name.via_place, base * (1 - 0.2 * d), False)

    def preference(m: RegionMatch) -> tuple[float, int, int, str]:
        in_lang = 0
        if lang_hint is not None:
            arabic = bool(_ARABIC.search(m.matched))
            in_lang = int(arabic == (lang_hint == "ar"))
        return (-m.score, -in_lang, m.code.count("-"), m.code)

    return sorted(best.values(), key=preference)[:limit]
