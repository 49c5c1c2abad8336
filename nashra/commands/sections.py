"""``nashra sections``: show how one article file is sectioned and tagged, without storing it."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from nashra.config import Config
from nashra.logs import one_line


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sections",
        help="show the sections and regions of an article file",
        description=(
            "Parse and analyse one article file (.txt, .json, .jsonl, .html page, feed) and print its "
            "sections, its metadata and the furniture (bylines, captions, tweets, ...) set aside."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="article file holding one article")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a listing")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, config: Config) -> int:
    # Imported here: analysis loads the gazetteer, which other commands (and --help) do not need.
    from nashra.articles.analysis import analyze_file
    from nashra.articles.errors import ArticleError

    try:
        article = analyze_file(args.file, config.ingest.max_bytes)
    except ArticleError as exc:
        print(f"nashra sections: {one_line(str(exc))}", file=sys.stderr)
        return 1
    document: dict[str, Any] = {
        "title": article.title,
        "source": article.source,
        "author": article.author,
        "dateline": article.dateline,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "url": article.url,
        "sections": [{"heading": s.heading, "text": s.text, "regions": s.regions} for s in article.sections],
        "furniture": [{"kind": f.kind, "text": f.text} for f in article.furniture],
    }
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(listing(document))
    return 0


def listing(document: dict[str, Any]) -> str:
    """A right-to-left friendly listing: every line starts with an RLM so Arabic stays right-aligned."""
    from nashra.arabic import rtl_line
    from nashra.regions import gazetteer

    gaz = gazetteer()

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
