"""RSS 2.0 and Atom feeds: fetching over HTTP with conditional requests and a size cap, and parsing.

Feeds are polled on a schedule, so a fetch sends the ETag / Last-Modified of the previous answer and a
304 costs nothing. A feed URL that answers an HTML page, hangs, or sends more than the size cap is one
rejected input with a message that says which, never a crash or an unbounded download.
"""

from __future__ import annotations

import asyncio
import calendar
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser
import httpx

from nashra import __version__
from nashra.articles.errors import ArticleError
from nashra.articles.model import Article
from nashra.articles.sectioning import section_text
from nashra.config import size_limit

USER_AGENT = f"nashra/{__version__} (+feed reader)"
# A server that keeps trickling bytes within the read timeout must still end: the whole fetch gets
# this many read timeouts at most.
_TOTAL_TIMEOUTS = 4
_FEED_TYPES = ("xml", "rss", "atom", "rdf")
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table",
    "section", "article", "header", "footer", "figure", "pre", "hr", "dd", "dt",
}  # fmt: skip
_SKIPPED_TAGS = {"script", "style", "noscript", "iframe", "template", "svg", "figcaption", "button", "form"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _break(self) -> None:
        line = " ".join("".join(self._current).split())
        if line:
            self.lines.append(line)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: one line per paragraph, block or heading; scripts dropped."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    extractor._break()
    return "\n".join(extractor.lines)


@dataclass(slots=True)
class FeedFetch:
    """The answer to a feed request: ``body`` is None when the server said nothing changed (304)."""

    url: str
    body: bytes | None
    etag: str | None
    last_modified: str | None
    status: int


def http_client(timeout_s: float) -> httpx.AsyncClient:
    """The client feed fetches share: connect/read/write timeouts, redirects followed."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout_s),
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, */*;q=0.5"},
    )


async def fetch_feed(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FeedFetch:
    """GET a feed, conditionally, reading at most ``max_bytes``; raise ArticleError naming the URL."""
    read_timeout = client.timeout.read or 30.0
    try:
        async with asyncio.timeout(read_timeout * _TOTAL_TIMEOUTS):
            return await _fetch(client, url, max_bytes, etag, last_modified)
    except TimeoutError:
        raise ArticleError(f"{url}: timed out after {read_timeout * _TOTAL_TIMEOUTS:g} s") from None
    except httpx.TimeoutException:
        raise ArticleError(f"{url}: timed out (no answer within {read_timeout:g} s)") from None
    except httpx.HTTPError as exc:
        raise ArticleError(f"{url}: request failed: {exc.__class__.__name__}: {exc}") from None


async def _fetch(
    client: httpx.AsyncClient, url: str, max_bytes: int, etag: str | None, last_modified: str | None
) -> FeedFetch:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    async with client.stream("GET", url, headers=headers) as response:
        new_etag = response.headers.get("ETag") or etag
        new_modified = response.headers.get("Last-Modified") or last_modified
        if response.status_code == 304:
            return FeedFetch(url, None, new_etag, new_modified, 304)
        if response.status_code >= 400:
            raise ArticleError(f"{url}: server answered HTTP {response.status_code} {response.reason_phrase}")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise ArticleError(
                f"{url}: feed is too large ({declared} bytes, more than {size_limit(max_bytes)})"
            )
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type in ("text/html", "application/xhtml+xml"):
            raise ArticleError(f"{url}: answered an HTML page ({content_type}), not an RSS or Atom feed")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise ArticleError(f"{url}: feed is too large (more than {size_limit(max_bytes)})")
            chunks.append(chunk)
        return FeedFetch(url, b"".join(chunks), new_etag, new_modified, response.status_code)


def parse_feed(data: bytes, origin: str) -> list[Article | ArticleError]:
    """The entries of an RSS 2.0 or Atom document as articles; a bad entry is its own error."""
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return [ArticleError(f"{origin}: an HTML page, not an RSS or Atom feed")]
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.version:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or "unknown format"
        return [ArticleError(f"{origin}: not an RSS or Atom feed ({reason})")]
    source = " ".join(str(parsed.feed.get("title", "")).split()) or None
    if not parsed.entries:
        return []
    return [_entry(entry, source, f"{origin} entry {i + 1}") for i, entry in enumerate(parsed.entries)]


def _entry(entry: Any, source: str | None, where: str) -> Article | ArticleError:
    title = " ".join(html_to_text(str(entry.get("title", ""))).split())
    link = str(entry.get("link", "")).strip() or None
    if link:
        where = f"{where} ({link})"
    if not title:
        return ArticleError(f"{where}: has no title")
    body = ""
    for content in entry.get("content", []) or []:
        if content.get("value"):
            body = str(content["value"])
            break
    body = body or str(entry.get("summary", ""))
    sections = section_text(html_to_text(body))
    if not sections:
        return ArticleError(f"{where}: has no text")
    return Article(
        title=title,
        sections=sections,
        source=source,
        author=_entry_author(entry),
        url=link,
        published_at=_entry_time(entry),
        origin=where,
    )


def _entry_author(entry: Any) -> str | None:
    """The author's name; RSS writes "email (name)", and the email is not a name."""
    detail = entry.get("author_detail") or {}
    name = detail.get("name") or entry.get("author") or ""
    return " ".join(str(name).split()) or None


def _entry_time(entry: Any) -> datetime | None:
    moment: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return datetime.fromtimestamp(calendar.timegm(moment), tz=UTC)


def is_feed_suffix(suffix: str) -> bool:
    return suffix.lower().lstrip(".") in _FEED_TYPES
