"""Article files on disk: which suffixes hold articles, walking folders, and reading one file.

Every reader returns a list of articles and errors, so a file of many records (JSON list, JSON Lines,
feed) rejects its bad records one by one while the good ones go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from nashra.articles.errors import ArticleError
from nashra.articles.feeds import is_feed_suffix, parse_feed
from nashra.articles.htmlpage import PAGE_SUFFIXES, parse_html_page
from nashra.articles.jsonformat import parse_json, parse_jsonl
from nashra.articles.model import Article
from nashra.articles.textformat import decode_text, parse_text, read_bytes

ARTICLE_SUFFIXES = (".txt", ".json", ".jsonl", ".xml", ".rss", ".atom", *PAGE_SUFFIXES)

Parsed = Article | ArticleError


def read_article_file(path: Path, max_bytes: int) -> list[Parsed]:
    """The articles of one file, chosen by suffix (.txt text layout, .json, .jsonl, .xml/.rss/.atom feed,
    .html/.htm saved page)."""
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        known = ", ".join(ARTICLE_SUFFIXES)
        return [
            ArticleError(f"{path}: unsupported file type {suffix or '(none)'!r}; expected one of {known}")
        ]
    origin = str(path)
    try:
        data = read_bytes(path, max_bytes)
        if is_feed_suffix(suffix):
            if not data.strip():
                raise ArticleError(f"{origin}: file is empty")
            return parse_feed(data, origin)
        if suffix in PAGE_SUFFIXES:
            return [parse_html_page(data, origin)]
        text = decode_text(data, origin)
        if suffix == ".json":
            return parse_json(text, origin)
        if suffix == ".jsonl":
            return parse_jsonl(text, origin)
        return [parse_text(text, origin)]
    except ArticleError as exc:
        return [exc]


def walk(paths: Iterable[Path], skipped: list[Path] | None = None) -> Iterator[Path | ArticleError]:
    """Article files under ``paths``: files as given, folders walked recursively in name order.

    A missing path is an error; files of other types inside folders are skipped, as folders hold images
    and notes beside articles, and added to ``skipped`` so the caller can say what was left out. The
    ``NAME_files`` folder a browser saves beside ``NAME.html`` holds the page's assets (frames, ads),
    not articles, and is passed over.
    """
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if not found.is_file() or _in_page_assets(found, path):
                    continue
                if found.suffix.lower() in ARTICLE_SUFFIXES:
                    yield found
                elif skipped is not None:
                    skipped.append(found)
        elif path.is_file():
            yield path
        else:
            yield ArticleError(f"{path}: no such file or folder")


def _in_page_assets(path: Path, root: Path) -> bool:
    """True when ``path`` lies in a ``NAME_files`` folder saved beside a page ``NAME.html``/``NAME.htm``."""
    for folder in path.relative_to(root).parents:
        if folder.name.endswith("_files"):
            stem = folder.name[: -len("_files")]
            beside = (root / folder).parent
            if any((beside / f"{stem}{suffix}").is_file() for suffix in PAGE_SUFFIXES):
                return True
    return False
