"""``nashra sections``: how an article file (one article or many) is sectioned and tagged, not stored."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from nashra.commands._article_input import INPUT_KINDS, read_target
from nashra.config import Config
from nashra.logs import one_line

if TYPE_CHECKING:
    from nashra.model import Article


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sections",
        help="show the sections and regions of an article file",
        description=(
            f"Parse and analyse the articles of PATH ({INPUT_KINDS}), read as nashra ingest reads "
            "it, and print their sections, metadata and the furniture (bylines, captions, tweets, ...) "
            "set aside, without storing anything. A file of records (a JSON list, JSON Lines, a feed), a "
            "folder or a zip prints each article, even one, numbered and named by its file and record; "
            "with --json, one JSON object per line, with its number and origin. Each bad file or record "
            "is named on stderr and makes the exit status 1."
        ),
    )
    parser.add_argument("file", metavar="PATH", help="article file, folder or zip, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a listing")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, config: Config) -> int:
    # Imported here: analysis loads the gazetteer, which other commands (and --help) do not need.
    from nashra.articles.analysis import analyze
    from nashra.articles.errors import ArticleError, unexpected
    from nashra.articles.files import single_article

    read = read_target("sections", args.file, config)
    if read is None:
        return 1
    parsed, name = read
    articles = [item for item in parsed if not isinstance(item, ArticleError)]
    alone = single_article(parsed, name)
    if alone is not None:
        document = _document(analyze(alone))
        print(json.dumps(document, ensure_ascii=False, indent=2) if args.json else listing(document))
        return 0
    failed = 0
    number = 0
    for item in parsed:
        if not isinstance(item, ArticleError):
            try:
                document = _document(analyze(item))
            except Exception as exc:  # a fault no check foresaw costs this article only, as in ingest
                item = unexpected(item.origin, exc)
        if isinstance(item, ArticleError):
            print(f"nashra sections: {one_line(str(item))}", file=sys.stderr)
            failed += 1
            continue
        number += 1
        if args.json:
            print(json.dumps({"article": number, "origin": item.origin, **document}, ensure_ascii=False))
        else:
            print(("\n" if number > 1 else "") + article_heading(number, len(articles), item.origin))
            print(listing(document))
        sys.stdout.flush()
    return 1 if failed else 0


def _document(article: Article) -> dict[str, Any]:
    """What is printed of one analysed article (``--json`` prints it as it is)."""
    return {
        "title": article.title,
        "source": article.source,
        "author": article.author,
        "dateline": article.dateline,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "url": article.url,
        "sections": [{"heading": s.heading, "text": s.text, "regions": s.regions} for s in article.sections],
        "furniture": [{"kind": f.kind, "text": f.text} for f in article.furniture],
    }


def article_heading(number: int, total: int, origin: str) -> str:
    """The line above each article of a file of several: «═══ المقال 2 من 3 — day.json[1] ═══»."""
    from nashra.arabic import rtl_line

    return rtl_line(f"═══ المقال {number} من {total} — {one_line(origin)} ═══")


def listing(document: dict[str, Any]) -> str:
    """A right-to-left friendly listing: every line starts with an RLM so Arabic stays right-aligned."""
    from nashra.arabic import rtl_line
    from nashra.regions import get_gazetteer

    gaz = get_gazetteer()

    def name(code: str) -> str:
        return gaz.name(code) if gaz.is_known(code) else code

    lines = [rtl_line(document["title"])]
    if document["source"]:
        lines.append(rtl_line(f"المصدر: {document['source']}"))
    if document["author"]:
        lines.append(rtl_line(f"الكاتب: {document['author']}"))
    if document["dateline"]:
        lines.append(rtl_line(f"مكان الإرسال: {document['dateline']}"))
    for number, section in enumerate(document["sections"], start=1):
        lines.append("")
        heading = section["heading"] or "المقدمة"
        lines.append(rtl_line(f"[{number}] {heading}"))
        regions = "، ".join(f"{name(code)} ({code})" for code in section["regions"]) or "—"
        lines.append(rtl_line(f"المناطق: {regions}"))
        lines.extend(rtl_line(paragraph) for paragraph in section["text"].splitlines())
    if document["furniture"]:
        lines.append("")
        lines.append(rtl_line(f"حُذف من النص ({len(document['furniture'])}):"))
        lines.extend(rtl_line(f"- [{item['kind']}] {item['text']}") for item in document["furniture"])
    return "\n".join(lines)
