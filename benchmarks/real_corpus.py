"""The whole SaudiNewsNet set through Nashra's analysis: speed, failures, furniture, regions, evidence.

Each crawled article (31,030 in ../shared/real/saudinewsnet, one JSON list per zip) is read as a JSON
record ({title, body, source, author, url}) and analysed on one core, as ingestion does. Printed:

* articles/s for record -> sections -> region tags, with parsing alone as the baseline of the same run;
* failures: analyses that raised (none expected), each with its message; records the crawl left
  without a title or a body are counted apart, as rejected with Nashra's one-line error;
* the share of body lines dropped as furniture (``Article.furniture``), and per kind;
* regions per section (countries and subdivisions, ancestors included), and sections with none;
* how often a region is tagged from a name with no locative evidence (no place word or preposition
  before it, its region not named within nashra.regions.matcher.EVIDENCE_WINDOW words), over all names
  and over subdivision and place names alone (countries and nationality adjectives stand as actors),
  and the 50 most frequent such subdivision and place names with the codes they gave, for review.

One JSON line with every figure comes last.

    python benchmarks/real_corpus.py [--corpus ../shared/real/saudinewsnet] [--limit N] [--top 50]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from nashra.articles.analysis import analyze
from nashra.articles.errors import ArticleError
from nashra.articles.evaluation import saudinewsnet_records
from nashra.articles.jsonformat import article_from_record
from nashra.model import Article
from nashra.regions.gazetteer import ADJECTIVE, COUNTRY
from nashra.regions.matcher import explain_sections

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "real" / "saudinewsnet"


def body_lines(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


def furniture_lines(article: Article) -> Counter:
    """Body lines the analysis dropped as furniture, per kind (byline, dateline, caption …)."""
    kinds: Counter = Counter()
    for item in article.furniture:
        kinds[item.kind] += max(1, len([line for line in item.text.splitlines() if line.strip()]))
    return kinds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of SaudiNewsNet .zip files")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N articles")
    parser.add_argument("--top", type=int, default=50, help="how many unevidenced names to list")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.zip")):
        print(f"error: no SaudiNewsNet .zip files in {args.corpus}", file=sys.stderr)
        return 2
    if args.limit is not None and args.limit < 1:
        print("error: --limit must be at least 1", file=sys.stderr)
        return 2

    items = list(saudinewsnet_records(args.corpus, args.limit))
    failures: list[str] = []
    rejected: Counter = Counter()
    parsed: list[tuple[str, dict, Article]] = []
    started = time.perf_counter()
    for where, record in items:
        try:
            parsed.append((where, record, article_from_record(record, where)))
        except ArticleError as exc:
            # The crawl holds records with no title or no body: rejected with a one-line error, by design.
            rejected[str(exc).split(": ", 1)[-1]] += 1
    parse_s = time.perf_counter() - started

    started = time.perf_counter()
    analysed: list[tuple[str, dict, Article]] = []
    for where, record, _ in parsed:
        try:
            analysed.append((where, record, analyze(article_from_record(record, where))))
        except Exception as exc:  # a benchmark reports every failure, whatever it is
            failures.append(f"{where}: {type(exc).__name__}: {exc}")
    full_s = time.perf_counter() - started

    lines = 0
    furniture: Counter = Counter()
    sections = empty = tags = 0
    for _, record, article in analysed:
        lines += len(body_lines(record["body"]))
        furniture += furniture_lines(article)
        for section in article.sections:
            sections += 1
            tags += len(section.regions)
            empty += not section.regions
    dropped = sum(furniture.values())

    started = time.perf_counter()
    reasons: Counter = Counter()
    place_reasons: Counter = Counter()
    bare: Counter = Counter()
    bare_codes: dict[str, Counter] = defaultdict(Counter)
    for _, _, article in analysed:
        for section_reasons in explain_sections(
            article.title, [(s.heading, s.text) for s in article.sections]
        ):
            for reason in section_reasons:
                reasons[reason.evidence or "none"] += 1
                if reason.kind in (COUNTRY, ADJECTIVE):
                    # "السعودية تدين", "القوات التركية": countries stand as actors, with no place words.
                    continue
                place_reasons[reason.evidence or "none"] += 1
                if not reason.evidence:
                    bare[reason.name] += 1
                    bare_codes[reason.name][reason.code] += 1
    explain_s = time.perf_counter() - started
    named = sum(reasons.values())
    place_named = sum(place_reasons.values())

    rate = len(analysed) / full_s if full_s else 0.0
    baseline = len(parsed) / parse_s if parse_s else 0.0
    print(f"corpus: {args.corpus} ({len(items)} articles)")
    print(f"parse + section only (baseline): {baseline:8.1f} articles/s")
    print(f"parse + section + region tags:   {rate:8.1f} articles/s (one core)")
    print(f"records rejected with a one-line error: {sum(rejected.values())} {dict(rejected)}")
    print(f"failures (analysis raised): {len(failures)}")
    for line in failures[:20]:
        print(f"  {line}")
    share = dropped / lines if lines else 0.0
    print(
        f"furniture: {dropped} of {lines} body lines dropped ({share:.1%}): {dict(furniture.most_common())}"
    )
    print(f"sections: {sections}; regions per section {tags / max(sections, 1):.2f}; with none {empty}")
    print(f"regions tagged from names: {named}; by evidence: {dict(reasons.most_common())}")
    unevidenced = reasons["none"] / named if named else 0.0
    print(f"tagged from a name with no locative evidence: {reasons['none']} ({unevidenced:.1%})")
    place_unevidenced = place_reasons["none"] / place_named if place_named else 0.0
    print(
        "of which from subdivision and place names (not countries or nationality adjectives): "
        f"{place_reasons['none']} of {place_named} ({place_unevidenced:.1%})"
    )
    print(f"the {args.top} most frequent such subdivision and place names (count, codes):")
    for name, count in bare.most_common(args.top):
        codes = ", ".join(f"{c}×{n}" for c, n in bare_codes[name].most_common(3))
        print(f"  {count:6d}  {name}  [{codes}]")
    print(
        json.dumps(
            {
                "benchmark": "real_corpus",
                "articles": len(items),
                "articles_per_s": round(rate, 1),
                "baseline_parse_only_per_s": round(baseline, 1),
                "rejected_records": sum(rejected.values()),
                "failures": len(failures),
                "furniture_lines_dropped_share": round(share, 4),
                "furniture_by_kind": dict(furniture),
                "sections": sections,
                "regions_per_section": round(tags / max(sections, 1), 3),
                "sections_without_region": empty,
                "region_tags_from_names": named,
                "unevidenced_share": round(unevidenced, 4),
                "place_names_unevidenced_share": round(place_unevidenced, 4),
                "evidence": dict(reasons),
                "top_unevidenced": [[name, count] for name, count in bare.most_common(args.top)],
                "explain_seconds": round(explain_s, 1),
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
