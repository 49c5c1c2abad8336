"""Measure how each gazetteer name is used in real news, and derive which names need locative evidence.

Many gazetteer names are also ordinary words: طويلة ("long", a town in Darfur), القائم ("based on",
Al-Qaim), الصف ("the row", Al-Saff), مالي ("financial", Mali). Whether a name is mostly a place or mostly
a word is measured here on a corpus of real articles, not decided by a hand list. Every name the matcher
finds (after its own rules have set aside people, outlets, currencies …) is counted:

* at the occurrence: a place word before it (مدينة, ريف, شمال, قرب …), a preposition of place (في, من,
  إلى …), its own region named within EVIDENCE_WINDOW words;
* in the article: whether the article *places* the name, naming its region (country or subdivision)
  elsewhere or putting a place word before it somewhere. An article about a place nearly always does;
  an article using the word in its ordinary sense does so only by chance, and chance is measured too
  (the share of all articles that name each region).

A name's share of place uses is estimated as (placed − chance) / (expected − chance), where ``expected``
is the median placed share of one-word Arab place names (most of them plainly places), allowing for the
region named by chance. For country names, which are placed by their own name, the signal is instead the
share of articles with any evidence for them. Written to ``data/derived/name_usage.json`` (read by the
gazetteer at load time; see data/README.md for how the matcher uses it):

* ``strict``: a share below STRICT_BELOW, plainly a word;
* ``locative``: below PLACE_SHARE, often a word;
* ``sense_tiers``: for names shared by several regions, the senses the name's articles hardly speak of
  (``rare``);
* ``surfaces``: proclitic readings of ordinary words (فاطمة read as ف + أطمة, باراك as ب + أراك), judged
  against the bare name;
* ``given_names``: the words that follow titles (الدكتور, الأمير …): first names, after which a definite
  name is a surname.

Names seen fewer than MIN_OCCURRENCES times get no tier here (the gazetteer decides by kind).

Rerun after changing the gazetteer data or the matcher (about two minutes on one core for 31,030
articles); the file it writes is committed::

    python -m nashra.regions.derive_usage ../shared/real/saudinewsnet

The file also keeps ``sample``: the same derivation run on the corpus's first SAMPLE_ARTICLES articles
alone. A change to the data, the matcher or this module that would change the derived file almost always
changes the sample too, and the sample is derived in a quarter of a minute: tests/test_regions_derive.py
checks it against :func:`sample`, so a file left out of step with its code fails there.

The corpus is read only here; the product reads only the JSON this writes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from nashra.regions.context import TITLES
from nashra.regions.gazetteer import ADJECTIVE, COUNTRY, DERIVED_USAGE, PLAIN_PLACE_SHARE, Sense, load
from nashra.regions.matcher import (
    EVIDENCE_WINDOW,
    LOCATIVE,
    PLACE_WORD,
    PREPOSITION,
    RARE,
    STRICT,
    Matcher,
    Mention,
    Scan,
)

MIN_OCCURRENCES = 20
# A first name follows a title at least this often, and in at least this share of its occurrences.
GIVEN_MIN = 5
GIVEN_SHARE = 0.1
COUNTRIES = "countries"
PLACES = "places"
# Names of a group seen at least this often set the group's reference evidence shares.
REFERENCE_MIN = 30
# Below these estimated shares of place uses a name needs evidence (for places, see PLAIN_PLACE_SHARE);
# for countries the only signal is prepositions, so only names mostly used otherwise (مالي) are flagged.
PLACE_SHARE = {PLACES: PLAIN_PLACE_SHARE, COUNTRIES: 0.5}
# Below this share a name is mostly something else; below STRICT_BELOW it is plainly a word (طويلة,
# الأربعاء, الصف), and only a place word or its own subdivision named nearby shows it is a place.
MOSTLY = 0.5
STRICT_BELOW = 0.3
# The articles the kept sample is derived from: the corpus's first, in file order (13-15 s of CPU on the
# shared 2-core VM: python benchmarks/startup_costs.py --sample).
SAMPLE_ARTICLES = 1000
# A sense of a shared name spoken of less than this (as a share of a place's expected signal) is rare.
RARE_SENSE = 0.1
# A region the corpus names in at least this share of its articles is the corpus's own country (Saudi
# Arabia is named in about 55% of SaudiNewsNet articles): its towns' articles are placed by chance half the
# time, and the estimated share of place uses of a town there is uncertain by about 0.1 (see share_error).
HOME_CHANCE = 0.5


@dataclass
class Usage:
    """Occurrence counts of one name (or one proclitic surface form of it)."""

    senses: tuple[Sense, ...]
    n: int = 0
    definite: int = 0
    # Evidence at the occurrence itself.
    place_word: int = 0
    preposition: int = 0
    region_near: int = 0
    # Occurrences in articles that *place* the name: its own region (country or subdivision) is named
    # elsewhere in the article, or a place word stands before it somewhere. An article about a place
    # nearly always does; a word used in its ordinary sense is placed only by chance.
    placed: int = 0
    # Occurrences in articles with any evidence (place word, preposition, region nearby) for the name.
    evidenced: int = 0
    # Per sense (region code): occurrences in articles that name that sense's region elsewhere.
    placed_by: Counter = field(default_factory=Counter)

    @property
    def group(self) -> str:
        return COUNTRIES if all(s.kind == COUNTRY for s in self.senses) else PLACES


@dataclass
class Chance:
    """How often an ordinary word, or an article, carries evidence by chance."""

    words: int = 0
    preposition: int = 0
    region_articles: Counter = field(default_factory=Counter)
    articles: int = 0
    # Every word, and the words right after a title: what first names are measured from.
    words_all: Counter = field(default_factory=Counter)
    after_title: Counter = field(default_factory=Counter)


def articles(corpus: Path) -> Iterator[str]:
    """Title and content of every article in the SaudiNewsNet zips of ``corpus`` (one JSON list each)."""
    paths = sorted(corpus.glob("*.zip"))
    if not paths:
        raise SystemExit(f"error: no SaudiNewsNet .zip files in {corpus}")
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for record in json.loads(archive.read(name)):
                    yield f"{record.get('title') or ''}\n{record.get('content') or ''}"


def _definite(token: str) -> bool:
    bare = token.lstrip("وف")
    return bare.startswith(("ال", "بال", "لل", "كال"))


def _anchors(m: Matcher, scan: Scan) -> list[tuple[int, frozenset[str]]]:
    """Where regions are named unambiguously and plainly: (word index, codes with their ancestors)."""
    found = []
    for mention in scan.mentions:
        code = m._single(mention)
        if code is not None and m._plain(mention):
            found.append((mention.start, frozenset(m.gaz.expand({code}))))
    return found


def _regions_of(senses: Iterable[Sense]) -> frozenset[str]:
    codes = {s.code for s in senses}
    return frozenset(codes | {c.split("-", 1)[0] for c in codes})


def region_near(anchors: list[tuple[int, frozenset[str]]], mention: Mention, codes: frozenset[str]) -> bool:
    """Whether one of ``codes`` is named within the evidence window of the mention (not by itself)."""
    return any(
        pos != mention.start and abs(pos - mention.start) <= EVIDENCE_WINDOW and named & codes
        for pos, named in anchors
    )


def given_names(words: Counter, after_title: Counter) -> list[str]:
    """Words that follow a title often enough, and often enough of the times they occur, to be first
    names (سلمان, أيمن, منصور); the preposition على, written علي like the name, follows titles rarely."""
    return sorted(
        word
        for word, count in after_title.items()
        if count >= GIVEN_MIN and count >= GIVEN_SHARE * words[word] and not _definite(word)
    )


def measure(texts: Iterable[str], m: Matcher | None = None) -> tuple[dict, dict, Chance]:
    """Count evidence per name (bare occurrences) and per proclitic surface, and chance rates."""
    # Measured without the tiers of an earlier run, so that a rerun does not feed on its own output.
    m = m or Matcher(load(usage=None))
    names: dict[str, Usage] = {}
    surfaces: dict[str, Usage] = {}
    chance = Chance()
    for text in texts:
        scan = m.scan(text)
        tokens = scan.tokens
        chance.words_all.update(tokens)
        chance.after_title.update(tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t in TITLES)
        anchors = _anchors(m, scan)
        # Region -> names that name it plainly in this article.
        named_by: dict[str, set[str]] = {}
        for mention in scan.mentions:
            code = m._single(mention)
            if code is not None and m._plain(mention):
                for region in m.gaz.expand({code}):
                    named_by.setdefault(region, set()).add(mention.name)
        seen: list[tuple[Usage, str]] = []
        placed_senses: dict[str, set[str]] = {}
        placed: set[str] = set()
        evidenced: set[str] = set()
        for mention in scan.mentions:
            senses = tuple(s for s in mention.senses if s.kind != ADJECTIVE)
            if not senses or not mention.name:
                continue
            regions = _regions_of(senses)
            # A name that starts with its own place word (منطقة عسير) carries its evidence with it.
            kind = PLACE_WORD if mention.before == PLACE_WORD else m.locative_before(tokens, mention.start)
            near = region_near(anchors, mention, regions)
            surface = " ".join(tokens[mention.start : mention.end])
            table, key = (names, mention.name) if surface == mention.name else (surfaces, surface)
            usage = table.get(key)
            if usage is None:
                usage = table[key] = Usage(senses)
            usage.n += 1
            usage.definite += _definite(tokens[mention.start])
            usage.place_word += kind == PLACE_WORD
            usage.preposition += kind == PREPOSITION
            usage.region_near += near
            for sense in senses:
                if named_by.get(sense.code, set()) - {mention.name} or named_by.get(
                    sense.code.split("-", 1)[0], set()
                ) - {mention.name}:
                    placed_senses.setdefault(mention.name, set()).add(sense.code)
            if kind == PLACE_WORD or mention.name in placed_senses:
                placed.add(mention.name)
            if kind is not None or near:
                evidenced.add(mention.name)
            seen.append((usage, mention.name))
        for usage, name in seen:
            usage.placed += name in placed
            usage.evidenced += name in evidenced
            usage.placed_by.update(placed_senses.get(name, ()))
        _count_chance(m, scan, named_by, chance)
    return names, surfaces, chance


def _count_chance(m: Matcher, scan: Scan, named_by: dict[str, set[str]], chance: Chance) -> None:
    chance.articles += 1
    for region in named_by:
        chance.region_articles[region] += 1
    inside = {i for mention in scan.mentions for i in range(mention.start, mention.end)}
    for i in range(len(scan.tokens)):
        if i not in inside:
            chance.words += 1
            chance.preposition += m.locative_before(scan.tokens, i) == PREPOSITION


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _signal(usage: Usage) -> float:
    """The share of occurrences in articles that give the name away as a place (see module docs)."""
    return _share(usage.evidenced if usage.group == COUNTRIES else usage.placed, usage.n)


def _chance_signal(usage: Usage, chance: Chance) -> float:
    if usage.group == COUNTRIES:
        return _share(chance.preposition, chance.words)
    regions = _regions_of(usage.senses)
    return max(_share(chance.region_articles[r], chance.articles) for r in regions)


def references(names: dict[str, Usage]) -> dict[str, float]:
    """Per group, the median signal of its frequent one-word names (most of which are places).

    Places are compared with the places and subdivisions of the Arab League members (codes with a
    subdivision); the capitals of other countries stand for their country, whose name is then nearly
    always in the article too, and would raise the bar for the towns Nashra is mostly about.
    """
    out = {}
    for group in (COUNTRIES, PLACES):
        frequent = [
            u
            for k, u in names.items()
            if u.group == group
            and u.n >= REFERENCE_MIN
            and " " not in k
            and (group == COUNTRIES or all("-" in s.code for s in u.senses))
        ]
        out[group] = statistics.median(_signal(u) for u in frequent) if frequent else 1.0
    return out


def place_share(usage: Usage, chance: Chance, refs: dict[str, float]) -> float:
    """(observed − chance) / (expected − chance), at least 0: the estimated share of place uses.

    ``expected`` is what a place's articles show: the group's reference, or the region named by chance
    (a Saudi town in Saudi papers): 1 − (1 − reference)(1 − chance).
    """
    by_chance = _chance_signal(usage, chance)
    expected = 1 - (1 - refs[usage.group]) * (1 - by_chance)
    if expected <= by_chance:
        return 1.0
    return max(0.0, (_signal(usage) - by_chance) / (expected - by_chance))


def share_error(usage: Usage, chance: Chance, refs: dict[str, float]) -> float:
    """The sampling error of :func:`place_share`: the binomial error of the observed signal, scaled as the
    estimate scales it (by 1 / (expected − chance))."""
    by_chance = _chance_signal(usage, chance)
    expected = 1 - (1 - refs[usage.group]) * (1 - by_chance)
    if expected <= by_chance or not usage.n:
        return 0.0
    observed = _signal(usage)
    return (observed * (1 - observed) / usage.n) ** 0.5 / (expected - by_chance)


def plainly_place(usage: Usage, chance: Chance, refs: dict[str, float]) -> bool:
    """Whether a name's estimated share of place uses reaches PLACE_SHARE of its group.

    A town of the corpus's own country (its country named in HOME_CHANCE of the articles or more) is
    taken at its word within the estimate's sampling error: عنيزة and القريات, Saudi towns every one of
    whose uses in SaudiNewsNet is the town, are measured at 0.89-0.91, and each name added to the
    gazetteer elsewhere moves them across 0.9. Elsewhere the error is small against the margin (the
    region is rarely named by chance), and the share stands as measured.
    """
    share = place_share(usage, chance, refs)
    if share >= PLACE_SHARE[usage.group]:
        return True
    return (
        usage.group == PLACES
        and _chance_signal(usage, chance) >= HOME_CHANCE
        and share + share_error(usage, chance, refs) >= PLACE_SHARE[PLACES]
    )


def classify(key: str, usage: Usage, chance: Chance, refs: dict[str, float]) -> str:
    """The tier of a name: "" (mostly a place, or not seen enough), LOCATIVE or STRICT."""
    if usage.n < MIN_OCCURRENCES:
        return ""
    share = place_share(usage, chance, refs)
    if plainly_place(usage, chance, refs) or (
        " " in key and (share >= STRICT_BELOW or usage.group == COUNTRIES)
    ):
        # A name of several words (المملكة العربية السعودية, بوركينا فاسو) is specific: only a place's
        # name that is plainly a phrase (أمانة العاصمة, نصر الله) is held.
        return ""
    return STRICT if share < STRICT_BELOW else LOCATIVE


def sense_tiers(usage: Usage, chance: Chance, refs: dict[str, float]) -> dict[str, str]:
    """For a name shared by several regions, the senses its articles almost never speak of.

    باريس is Paris far more than the village in Egypt's Western Desert; الرياض is Riyadh, not the
    Mauritanian district. A sense whose own region is named in the name's articles hardly more often
    than chance is RARE: taken only where its region is named in the section or nearby.
    """
    codes = sorted({s.code for s in usage.senses})
    if usage.n < MIN_OCCURRENCES or len(codes) < 2:
        return {}
    out = {}
    for code in codes:
        regions = _regions_of(s for s in usage.senses if s.code == code)
        by_chance = max(_share(chance.region_articles[r], chance.articles) for r in regions)
        expected = 1 - (1 - refs[PLACES]) * (1 - by_chance)
        observed = _share(usage.placed_by[code], usage.n)
        if expected > by_chance and (observed - by_chance) / (expected - by_chance) < RARE_SENSE:
            out[code] = RARE
    return out if len(out) < len(codes) else {}


def _preposition_on_name(surface: str, name: str) -> bool:
    """Whether a surface is a preposition (ب, ل) written on the name, and can be nothing else.

    «للحج» is ل + لحج ("to Lahij") and also ل + الحج ("for the Hajj"): لل is the preposition with the
    article as well, so a surface that reads لل + the rest of a name starting with ل (لحج, لندن) is no
    proof of a preposition before a place (للرياض is ل + الرياض: the name's own article).
    """
    bare = surface.lstrip("وف")
    if bare[:1] not in ("ب", "ل"):
        return False
    return not (bare.startswith("لل") and name.startswith("ل") and not name.startswith("ال"))


def classify_surface(
    key: str, usage: Usage, bare_name: str, bare: Usage | None, chance: Chance, refs: dict[str, float]
) -> str:
    """The tier of a proclitic surface of a place name that is mostly something else (فاطمه, باراك).

    ``bare_name`` is the name the surface was read as, ``bare`` its usage (None where not measured).

    Only surfaces of places whose share of place uses is low both absolutely and against the bare name
    (بالخرج is as much Al-Kharj as الخرج is; باراك is not أراك): a country in a list ("والعراق") has no
    signal sharp enough to judge one surface by.
    """
    if usage.group != PLACES or usage.n < MIN_OCCURRENCES:
        return ""
    share = place_share(usage, chance, refs)
    measured = bare is not None and bare.n >= MIN_OCCURRENCES
    reference = place_share(bare, chance, refs) if measured else 1.0
    if measured and plainly_place(bare, chance, refs) and _preposition_on_name(key, bare_name):
        # بالخرج is "in Al-Kharj": with a place's prepositions, a plain place stays one, whatever the
        # local news it is found in names around it.
        return ""
    return LOCATIVE if share < MOSTLY and share < reference / 2 else ""


def report(table: dict[str, Usage], chance: Chance, refs: dict[str, float], bare: dict | None = None) -> dict:
    """Figures and tier per name (``bare`` None) or per proclitic surface (``bare``: the names table)."""
    out = {}
    for key in sorted(table):
        usage = table[key]
        entry = {
            "n": usage.n,
            "place_word": usage.place_word,
            "preposition": usage.preposition,
            "region_near": usage.region_near,
            "placed": usage.placed,
            "place_share": round(min(place_share(usage, chance, refs), 9.99), 2),
        }
        if bare is None:
            tier = classify(key, usage, chance, refs)
            senses = sense_tiers(usage, chance, refs)
            if senses:
                entry["sense_tiers"] = senses
        else:
            name = _bare_key(key, bare)
            tier = classify_surface(key, usage, name, bare.get(name), chance, refs)
        if tier:
            entry["tier"] = tier
        out[key] = entry
    return out


def _bare_key(surface: str, names: dict[str, Usage]) -> str:
    """The bare name a proclitic surface was read as (the longest proclitic-free ending that is a name)."""
    first, _, rest = surface.partition(" ")
    for cut in range(1, 4):
        key = " ".join(filter(None, (first[cut:], rest)))
        if key in names:
            return key
    return ""


def sample(corpus: Path) -> dict:
    """The derivation on the first SAMPLE_ARTICLES articles of ``corpus`` alone, in brief: per name and
    per surface [occurrences, placed occurrences, share of place uses, tier], and the first names."""
    names, surfaces, chance = measure(islice(articles(corpus), SAMPLE_ARTICLES))
    refs = references(names)

    def brief(entries: dict) -> dict:
        return {k: [e["n"], e["placed"], e["place_share"], e.get("tier", "")] for k, e in entries.items()}

    return {
        "articles": chance.articles,
        "references": {group: round(value, 3) for group, value in refs.items()},
        "given_names": given_names(chance.words_all, chance.after_title),
        "names": brief(report(names, chance, refs)),
        "surfaces": brief(report(surfaces, chance, refs, bare=names)),
    }


def derive(corpus: Path) -> dict:
    started = time.perf_counter()
    names, surfaces, chance = measure(articles(corpus))
    refs = references(names)
    document = {
        "about": (
            "How each gazetteer name is used in real news, written by nashra.regions.derive_usage; "
            "'tier' (locative or strict) marks names that are mostly ordinary words. See that module."
        ),
        "corpus": f"SaudiNewsNet, {chance.articles} articles",
        "evidence_window": EVIDENCE_WINDOW,
        "min_occurrences": MIN_OCCURRENCES,
        "references": {group: round(value, 3) for group, value in refs.items()},
        "given_names": given_names(chance.words_all, chance.after_title),
        "names": report(names, chance, refs),
        "surfaces": {
            key: entry
            for key, entry in report(surfaces, chance, refs, bare=names).items()
            if entry["n"] >= MIN_OCCURRENCES
        },
        "sample": sample(corpus),
    }
    seconds = time.perf_counter() - started
    print(f"{chance.articles} articles, {chance.words} words in {seconds:.0f} s", file=sys.stderr)
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of SaudiNewsNet YYYY-MM-DD.zip files")
    parser.add_argument("--out", type=Path, default=DERIVED_USAGE, help="where to write the JSON")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    document = derive(args.corpus)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, ensure_ascii=False, indent=0, sort_keys=False) + "\n", "utf-8")
    tiers = Counter(e.get("tier") for e in document["names"].values())
    print(f"wrote {args.out}: {dict(tiers)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
