"""How the one-line fields and bodies of the SaudiNewsNet records come out of Nashra's reading.

Counts, over every record of ../shared/real/saudinewsnet read as ingestion reads it
(:func:`nashra.articles.jsonformat.article_from_record`):

* stored authors that still hold an HTML entity («&nbsp;واس (جدة)»);
* stored authors with a place name as one of their parts (a city filed from taken for a person:
  «عرفات مدابش، الرياض، ناصر الحقباني»);
* titles that keep a wire service's part mark («… إضافة أولى», «… / إضافة ثانية»);
* records refused because nothing was left of the body once its furniture was set aside (most are
  crawled with an empty body; the rest are link-back lines, contact boxes and portrait captions).

    python scripts/saudinewsnet_fields.py [--corpus ../shared/real/saudinewsnet]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from nashra.articles.errors import ArticleError
from nashra.articles.evaluation import saudinewsnet_records
from nashra.articles.furniture import is_place_name
from nashra.articles.jsonformat import article_from_record

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "saudinewsnet"
_ENTITY = re.compile(r"&\w+;|&#\d+;")
_PART_MARK = re.compile(r"إضافة (?:أولى|ثانية|ثالثة|رابعة)|/ تحديث")
_AUTHOR_PARTS = re.compile(r"\s*[،:\-–]\s*")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of SaudiNewsNet .zip files")
    args = parser.parse_args(argv)
    if not any(args.corpus.glob("*.zip")):
        print(f"error: no SaudiNewsNet .zip files in {args.corpus}", file=sys.stderr)
        return 2
    authors = entities = placed = marks = empty = 0
    for where, record in saudinewsnet_records(args.corpus):
        try:
            article = article_from_record(record, where)
        except ArticleError as exc:
            empty += "holds no text" in str(exc)
            continue
        marks += bool(_PART_MARK.search(article.title))
        if article.author:
            authors += 1
            entities += bool(_ENTITY.search(article.author))
            placed += any(is_place_name(part) for part in _AUTHOR_PARTS.split(article.author) if part)
    print(f"articles with an author: {authors}")
    print(f"  an HTML entity in the author: {entities}")
    print(f"  a place name as a part of the author: {placed}")
    print(f"titles keeping a wire part mark: {marks}")
    print(f"records refused: no text left of the body: {empty}")
    summary = {
        "authors": authors,
        "author_entities": entities,
        "author_place_parts": placed,
        "title_part_marks": marks,
        "no_text_records": empty,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
