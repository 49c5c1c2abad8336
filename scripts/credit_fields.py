"""How the credits of the SaudiNewsNet records come out of Nashra's reading: outlets named as authors,
posting stamps, list items' datelines, and the datelines of the same texts given as feed entries.

Counts, over every record of ../shared/real/saudinewsnet (as ingestion reads it,
:func:`nashra.articles.jsonformat.article_from_record`), with the checkout that runs it:

* the distinct outlet codes of the crawl's ``source`` field, and the source each is read as;
* stored authors that are (or hold, as one of their «، » parts) the record's own outlet's name, with
  «صحيفة»/«كلمة»/«مكتب» before it or «أونلاين»/«الإلكترونية» after it («"الاقتصادية"», «الشرق الأوسط
  أونلاين»), per outlet code, and those naming another of the 14 (SPA, «واس», left out: in another
  outlet's record it is the agency whose copy the outlet carries, kept as the author);
* author fields holding a posting stamp, by shape (an English weekday with a numeric or a written date,
  a month-first Arabic date, a Hijri date with its Gregorian one), and stored authors still holding one;
* bodies with a stamp line at their edge (first or last line, :func:`nashra.articles.furniture.
  is_timestamp`), and stored sections still opening or closing with one;
* stored authors that open with a list mark or are a place name (a brief's «* أثينا - …» read as a
  byline);
* with ``--feeds N``, the first N records given as RSS entries (the body as the description, the author
  field as the entry's author): entries whose stored text still opens with a dateline.

``--dump FILE`` also writes one JSON line per record (ref, source, author, dateline, published_at) for a
before/after ``diff`` of two checkouts:

    PYTHONPATH=/path/to/main python scripts/credit_fields.py --dump old.jsonl
    python scripts/credit_fields.py --dump new.jsonl [--feeds 3000]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from html import escape
from pathlib import Path

from nashra.articles.errors import ArticleError
from nashra.articles.evaluation import SAUDINEWSNET_OUTLETS as OUTLET_CODES
from nashra.articles.evaluation import saudinewsnet_records
from nashra.articles.feeds import parse_feed
from nashra.articles.furniture import is_place_name, is_timestamp, split_dateline
from nashra.articles.jsonformat import article_from_record

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "saudinewsnet"
# Stamp shapes of the crawl's author fields («| Mon, 2015-08-10 22:22», «| Tuesday, 11 August 2015 -
# 13:03 pm», «يوليو 23, 2015, 5:59 م», «الرياض 24 شوال 1436 هـ الموافق 09 اغسطس 2015 م واس»).
_SHAPES = {
    "english weekday, numeric date": re.compile(r"\b[A-Z][a-z]{2,8},\s+\d{4}-\d{2}-\d{2}"),
    "english weekday, written date": re.compile(r"\b[A-Z][a-z]+day,\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}"),
    "arabic month first": re.compile(r"^[\u0621-\u064a]+\s+\d{1,2},\s+\d{4}"),
    "hijri with gregorian": re.compile(r"\d{1,2}\s+\S+\s+14\d\d\s*هـ?\s+الموافق"),
}
_LIST_MARK = re.compile(r"^[*•·▪■●►]")
_OUTLET_AFFIXES = re.compile(r"^(?:صحيفة|جريدة|موقع|كلمة|مكتب)\s+|\s+(?:أونلاين|الإلكترونية|الإلكتروني)$")


def _outlet_named(author: str) -> str | None:
    """The outlet name ``author`` (or one of its «، » parts) is, None when it is none."""
    for part in author.split("، "):
        bare = _OUTLET_AFFIXES.sub("", part.strip(' «»"“”:'))
        bare = _OUTLET_AFFIXES.sub("", bare).strip(' «»"“”')
        if bare in OUTLET_CODES.values():
            return bare
    return None


def _edge_lines(text: str) -> tuple[str, str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[0], lines[-1]) if lines else ("", "")


def _feed(record: dict) -> bytes:
    author = f"<author>{escape(record['author'])}</author>" if record.get("author") else ""
    body = "".join(f"<p>{escape(line)}</p>" for line in record["body"].splitlines() if line.strip())
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(OUTLET_CODES.get(record['source'] or '', record['source'] or ''))}</title>"
        f"<link>https://example.com/</link><item><title>{escape(record['title'] or 'x')}</title>"
        f"<link>https://example.com/a</link>{author}<description>{escape(body)}</description>"
        "</item></channel></rss>"
    ).encode()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of SaudiNewsNet .zip files")
    parser.add_argument("--dump", type=Path, help="write each record's credit as a JSON line here")
    parser.add_argument("--feeds", type=int, default=0, help="read the first N records as feed entries")
    args = parser.parse_args(argv)
    if not any(args.corpus.glob("*.zip")):
        print(f"error: no SaudiNewsNet .zip files in {args.corpus}", file=sys.stderr)
        return 2
    sources: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    outlet_authors: collections.Counter[str] = collections.Counter()
    shapes: collections.Counter[str] = collections.Counter()
    counts: collections.Counter[str] = collections.Counter()
    sink = args.dump.open("w", encoding="utf-8") if args.dump else None
    for n, (where, record) in enumerate(saudinewsnet_records(args.corpus)):
        raw = " ".join((record["author"] or "").split())
        for shape, pattern in _SHAPES.items():
            if pattern.search(raw):
                shapes[shape] += 1
        first, last = _edge_lines(record["body"])
        counts["bodies with a stamp line at an edge"] += is_timestamp(first) or is_timestamp(last)
        try:
            article = article_from_record(record, where)
        except ArticleError:
            continue
        code = record["source"] or ""
        sources[code][article.source or ""] += 1
        author = article.author or ""
        named = _outlet_named(author) if author else None
        if named == OUTLET_CODES.get(code):
            outlet_authors[code] += 1
        elif named and named != OUTLET_CODES["was"]:  # SPA in another outlet is the agency it carries
            outlet_authors["(another outlet's name)"] += 1
        counts["stored authors holding a stamp"] += bool(author) and any(
            shape.search(author) for shape in _SHAPES.values()
        )
        counts["stored authors opening with a list mark or a place"] += bool(author) and bool(
            _LIST_MARK.match(author) or is_place_name(author)
        )
        text_first, _ = _edge_lines(article.sections[0].text)
        _, text_last = _edge_lines(article.sections[-1].text)
        stamped = is_timestamp(text_first) or is_timestamp(text_last)
        counts["stored texts opening or closing with a stamp line"] += stamped
        if n < args.feeds:
            counts["feed entries read"] += 1
            entry = parse_feed(_feed(record), where)
            if entry and not isinstance(entry[0], ArticleError):
                opening = entry[0].sections[0].text.split("\n")[0]
                counts["feed entries whose text opens with a dateline"] += split_dateline(opening) is not None
        if sink:
            row = {
                "ref": where,
                "source": article.source,
                "author": article.author,
                "dateline": article.dateline,
                "published_at": article.published_at.isoformat() if article.published_at else None,
            }
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
    if sink:
        sink.close()
    print("outlet codes (records, read as):")
    for code, read in sorted(sources.items()):
        print(f"  {code or '(none)'}: {sum(read.values())}, {', '.join(sorted(read))}")
    print(f"stored authors that are an outlet's name: {sum(outlet_authors.values())}")
    for code, number in outlet_authors.most_common():
        print(f"  {code}: {number}")
    print("author fields with a posting stamp, by shape:")
    for shape in _SHAPES:
        print(f"  {shape}: {shapes[shape]}")
    for what, number in counts.items():
        print(f"{what}: {number}")
    summary = {"outlet_authors": dict(outlet_authors), "stamp_shapes": dict(shapes), **counts}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
