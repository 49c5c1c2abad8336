"""Rank the place names real news writes that the gazetteer does not know.

Reads every SaudiNewsNet record (../shared/real/saudinewsnet/*.zip), the XL-Sum bodies
(../shared/real/xlsum_ar_165.jsonl) and the plain-text articles (../shared/real/labelled/*.txt,
../shared/real/articles/*.txt), and collects the words that the text itself shows are a place:

- ``word``: the one or two words after a place word («مدينة», «بلدة», «عاصمة», «ولاية», «مقاطعة»,
  «إقليم», «منطقة», «محافظة», «جزيرة», with a proclitic: «بمدينة», «وعاصمة»);
- ``dateline``: a word (or a two-word name such as «سان دييغو») opening a line before a dash («موسكو - »)
  or standing before a wire agency in brackets («ميونخ (رويترز) - »);
- ``nisba``: the word after «في» that a country's adjective follows («في ميونخ الألمانية»), counted for
  that country; a definite word («في العاصمة البريطانية», «في الدوري الإنجليزي») is a common noun and
  is left out.

A candidate the gazetteer already reads as a name (its index, as the matcher looks names up, with or
without a proclitic) is left out. What is left is printed by count, most first, one per line:
``COUNT<TAB>CUE<TAB>NAME<TAB>COUNTRIES<TAB>EXAMPLE``, where COUNTRIES are the countries a nisba gave it
(with their counts) and EXAMPLE a few words around one use. Run from the repository root:

    .venv/bin/python scripts/place_misses.py ../shared/real [--top 200] [--min 3]

The list is for an editor to read: it holds persons, organisations and ordinary words too (the words after
«منطقة» are often common nouns); names worth adding go, with their country, into the gazetteer's data
(nashra/regions/data/README.md).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from nashra.arabic import normalize
from nashra.articles.evaluation import saudinewsnet_records
from nashra.regions.gazetteer import ADJECTIVE, Gazetteer, get_gazetteer

_WORD = r"[\u0621-\u064a\u0671-\u06d3]+"
_PLACE_WORDS = "مدينة|مدينه|بلدة|بلده|عاصمة|ولاية|ولايه|مقاطعة|مقاطعه|إقليم|اقليم|منطقة|منطقه|محافظة|جزيرة"
_AFTER_PLACE_WORD = re.compile(rf"(?<![\u0621-\u064a])[وفبل]?(?:{_PLACE_WORDS})\s+({_WORD})(?:\s+({_WORD}))?")
_AGENCY = r"\((?:رويترز|أ\s*ف\s*ب|ا\s*ف\s*ب|أ\.ف\.ب|د\s*ب\s*أ|يو\s*بي\s*آي|الأناضول|واس|رويترز\s*-)\)"
_DATELINE = re.compile(rf"(?m)^\s*((?:{_WORD}\s+){{0,2}}{_WORD})\s*(?:{_AGENCY}\s*)?[-–—]")
_AGENCY_DATELINE = re.compile(rf"((?:{_WORD}\s+){{0,2}}{_WORD})\s*{_AGENCY}")
_BEFORE_NISBA = re.compile(rf"(?<![\u0621-\u064a])في\s+({_WORD})\s+({_WORD})")
# Words that open a two-word name (سان دييغو) or are no name at all (the place word's own complements).
_NAME_OPENERS = frozenset(re.findall(r"\S+", "سان سانت نيو لوس لاس كيب بوينس ريو ساو دير بيت كفر تل رأس عين"))
_NOT_NAMES = frozenset(
    re.findall(
        r"\S+",
        "التي الذي التى في من على عن إلى الى مع هذه هذا ذلك تلك كل أخرى اخرى واحدة جديدة كبيرة صغيرة"
        " عربية العربية الأخرى الاخرى قريبة",
    )
)


def _texts(real: Path) -> Iterator[str]:
    for _, record in saudinewsnet_records(real / "saudinewsnet"):
        yield f"{record['title']}\n{record['body']}"
    xlsum = real / "xlsum_ar_165.jsonl"
    if xlsum.exists():
        for line in xlsum.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)["text"]
    for folder in ("labelled", "articles"):
        for path in sorted((real / folder).glob("*.txt")):
            yield path.read_text(encoding="utf-8")


def _known(gaz: Gazetteer, words: list[str]) -> bool:
    """Whether the gazetteer reads ``words`` (or their start) as a name, with or without a proclitic."""
    norm = [normalize(w) for w in words]
    for first in {norm[0], norm[0][1:] if len(norm[0]) > 3 and norm[0][0] in "وبلف" else norm[0]}:
        for entry in gaz.index.get(first, []):
            if tuple(norm[1 : 1 + len(entry.words)]) == entry.words:
                return True
    return False


def _adjectives(gaz: Gazetteer) -> dict[str, str]:
    """Definite feminine and masculine country adjectives (normalized) -> country code."""
    found: dict[str, str] = {}
    for first, entries in gaz.index.items():
        for entry in entries:
            countries = {s.code for s in entry.senses if s.kind == ADJECTIVE}
            if len(countries) == 1 and not entry.words and first.startswith("ال"):
                found[first] = countries.pop()
    return found


def mine(real: Path) -> tuple[Counter, dict[tuple[str, str], Counter], dict[tuple[str, str], str]]:
    """(count per (cue, name), countries per (cue, name), an example per (cue, name))."""
    gaz = get_gazetteer()
    adjectives = _adjectives(gaz)
    counts: Counter = Counter()
    countries: dict[tuple[str, str], Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str], str] = {}

    def add(cue: str, words: list[str], text: str, at: int, country: str | None = None) -> None:
        words = [w for w in words if w]
        if not words or words[0] in _NOT_NAMES or len(words[0]) < 3 or _known(gaz, words):
            return
        key = (cue, " ".join(words))
        counts[key] += 1
        if country:
            countries[key][country] += 1
        examples.setdefault(key, " ".join(text[max(0, at - 40) : at + 60].split()))

    for text in _texts(real):
        for m in _AFTER_PLACE_WORD.finditer(text):
            first, second = m.group(1), m.group(2)
            two = first in _NAME_OPENERS and second
            add("word", [first, second] if two else [first], text, m.start())
        for pattern in (_DATELINE, _AGENCY_DATELINE):
            for m in pattern.finditer(text):
                words = m.group(1).split()
                if len(words) == 1 or words[0] in _NAME_OPENERS:
                    add("dateline", words, text, m.start())
        for m in _BEFORE_NISBA.finditer(text):
            country = adjectives.get(normalize(m.group(2)))
            if country and not normalize(m.group(1)).startswith("ال"):
                add("nisba", [m.group(1)], text, m.start(), country)
    return counts, countries, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("real", type=Path, help="the real-data folder (../shared/real)")
    parser.add_argument("--top", type=int, default=200, help="how many names to print per cue")
    parser.add_argument("--min", type=int, default=3, help="the fewest uses a printed name has")
    args = parser.parse_args()
    counts, countries, examples = mine(args.real)
    for cue in ("nisba", "dateline", "word"):
        rows = [(n, key) for key, n in counts.most_common() if key[0] == cue and n >= args.min]
        for n, key in rows[: args.top]:
            where = ",".join(f"{c}:{k}" for c, k in countries[key].most_common(3))
            print(f"{n}\t{cue}\t{key[1]}\t{where}\t{examples[key]}")


if __name__ == "__main__":
    main()
