"""RSS 2.0 and Atom feeds: fetching over HTTP with conditional requests and a size cap, and parsing.

Feeds are polled on a schedule, so a fetch sends the ETag / Last-Modified of the previous answer and a
304 costs nothing. A feed URL that answers an HTML page, hangs, or sends more than the size cap is one
rejected input with a message that says which, never a crash or an unbounded download. Connections go
only to public addresses or the operator's allowed hosts (:mod:`nashra.netguard`). The bytes are decoded
by what the server, the document and its bytes say, and a feed that still decodes to garbage is
rejected rather than stored (:func:`decode_feed`).
"""

from __future__ import annotations

import asyncio
import calendar
import codecs
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import feedparser
import httpx

from nashra import __version__
from nashra.arabic import looks_garbled
from nashra.articles.errors import ArticleError, garbled
from nashra.articles.links import web_link
from nashra.articles.model import Article
from nashra.articles.sectioning import section_text
from nashra.config import IngestConfig, size_limit
from nashra.netguard import AddressPolicy, UnsafeAddress, guarded_client

log = logging.getLogger(__name__)

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
    """The answer to a feed request: ``body`` is None when the server said nothing changed (304).

    ``charset`` is the one named by the answer's Content-Type, the first word on how to decode it.
    """

    url: str
    body: bytes | None
    etag: str | None
    last_modified: str | None
    status: int
    charset: str | None = None


def http_client(config: IngestConfig) -> httpx.AsyncClient:
    """The client feed fetches share: timeouts, redirects followed, every connection checked against
    :mod:`nashra.netguard` with the operator's ``[ingest] allow_hosts``."""
    return guarded_client(
        AddressPolicy.from_entries(config.allow_hosts),
        timeout_s=config.http_timeout_s,
        headers={"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, */*;q=0.5"},
    )


async def fetch_feed(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    etag: str | None = None,
    last_modified: str | None = None,
    page: bool = False,
) -> FeedFetch:
    """GET a feed, conditionally, reading at most ``max_bytes``; raise ArticleError naming the URL.

    With ``page`` the answer is an article page a feed entry links to: HTML is what is expected.
    """
    read_timeout = client.timeout.read or 30.0
    try:
        async with asyncio.timeout(read_timeout * _TOTAL_TIMEOUTS):
            return await _fetch(client, url, max_bytes, etag, last_modified, page)
    except TimeoutError:
        raise ArticleError(f"{url}: timed out after {read_timeout * _TOTAL_TIMEOUTS:g} s") from None
    except UnsafeAddress as exc:
        raise ArticleError(f"{url}: {exc}") from None
    except httpx.TimeoutException:
        raise ArticleError(f"{url}: timed out (no answer within {read_timeout:g} s)") from None
    except httpx.HTTPError as exc:
        raise ArticleError(f"{url}: request failed: {exc.__class__.__name__}: {exc}") from None


async def _fetch(
    client: httpx.AsyncClient,
    url: str,
    max_bytes: int,
    etag: str | None,
    last_modified: str | None,
    page: bool = False,
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
        if content_type in ("text/html", "application/xhtml+xml") and not page:
            raise ArticleError(f"{url}: answered an HTML page ({content_type}), not an RSS or Atom feed")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise ArticleError(f"{url}: feed is too large (more than {size_limit(max_bytes)})")
            chunks.append(chunk)
        charset = _charset_of(response.headers.get("Content-Type", ""))
        return FeedFetch(url, b"".join(chunks), new_etag, new_modified, response.status_code, charset)


def _charset_of(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def decode_feed(data: bytes, origin: str, charset: str | None = None) -> str:
    """The text of a feed document, decoded by the first of these that gives clean text.

    A byte-order mark decides alone. Otherwise: the HTTP ``charset``, the XML declaration's encoding,
    UTF-8, then Windows Arabic (cp1256), the fallback article files get too (Arabic sites that declare
    nothing are often cp1256). A candidate that decodes into mojibake (:func:`looks_garbled`) is passed
    over, so a server that wrongly says ISO-8859-1 for UTF-8 does not win.

    When none gives clean text: valid UTF-8 (or else the declared character set) is taken as it is, and
    the entries that are garbled in it are rejected one by one (a publisher that double-encoded one
    item); bytes that are UTF-8 but for a few invalid ones get only those replaced (U+FFFD), each
    logged with its offset. Else raises ArticleError naming the first invalid byte and its offset.
    """
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            candidates = [encoding]
            break
    else:
        candidates = [charset, _declared_encoding(data), "utf-8", "cp1256"]
    guessed = {"cp1256"} - {_codec(charset), _codec(_declared_encoding(data))}
    tried: list[str] = []
    decoded: dict[str, str] = {}  # what each candidate gave, garbled as it is
    first_error: UnicodeDecodeError | None = None
    for candidate in candidates:
        codec = _codec(candidate)
        if codec is None or codec in tried:
            if candidate and codec is None:
                log.warning("%s: unknown character set %r, ignored", origin, candidate)
            continue
        tried.append(codec)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        if not looks_garbled(text):
            return text
        decoded[codec] = text
    if "utf-8" in decoded:
        return decoded["utf-8"]
    text, bad = _utf8_replacing(data)
    if bad and len(bad) <= _MAX_REPLACED and not looks_garbled(text):
        for offset in bad:
            log.warning("%s: invalid UTF-8 byte 0x%02x at offset %d replaced", origin, data[offset], offset)
        return text
    declared = [text for codec, text in decoded.items() if codec not in guessed]
    if declared:
        return declared[0]
    if first_error is not None:
        offset = first_error.start
        raise ArticleError(
            f"{origin}: cannot decode the feed as {' or '.join(tried)} "
            f"(invalid byte 0x{data[offset]:02x} at offset {offset})"
        )
    raise ArticleError(f"{origin}: the feed decodes to garbled text as {' or '.join(tried)}")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?\?>")
_ENCODING_ATTRIBUTE = re.compile(rb"""\sencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
# More invalid bytes than this and the document is no UTF-8 with a few accidents in it.
_MAX_REPLACED = 8


def _declared_encoding(data: bytes) -> str | None:
    declaration = _XML_DECLARATION.match(data[:1024])
    if declaration is None:
        return None
    found = _ENCODING_ATTRIBUTE.search(declaration.group())
    return found.group(1).decode("ascii") if found else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf8_replacing(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 with each invalid byte sequence replaced by U+FFFD, and the offsets of those sequences."""
    bad: list[int] = []
    pieces: list[str] = []
    position = 0
    while position < len(data):
        try:
            pieces.append(data[position:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            pieces.append(data[position : position + exc.start].decode("utf-8"))
            bad.append(position + exc.start)
            pieces.append("\ufffd")
            position += exc.end
            if len(bad) > _MAX_REPLACED:
                pieces.append(data[position:].decode("utf-8", errors="replace"))
                break
    return "".join(pieces), bad


def _as_utf8_document(text: str) -> bytes:
    """The decoded document as UTF-8 bytes whose XML declaration names no other encoding."""
    encoded = text.encode("utf-8")
    declaration = _XML_DECLARATION.match(encoded[:1024])
    if declaration is None:
        return encoded
    cleaned = _ENCODING_ATTRIBUTE.sub(b"", declaration.group())
    return cleaned + encoded[declaration.end() :]


def parse_feed(data: bytes, origin: str, *, charset: str | None = None) -> list[Article | ArticleError]:
    """The entries of an RSS 2.0 or Atom document as articles; a bad entry is its own error.

    ``charset`` is the HTTP answer's (see :func:`decode_feed`). Entries carry their identity: the
    feed's ``<guid>`` / Atom ``<id>``, scoped to the site (see :func:`entry_identity`). Dates are as the
    feed gives them; ingestion clamps future ones (:func:`nashra.articles.ingest.admit`).
    """
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return [ArticleError(f"{origin}: an HTML page, not an RSS or Atom feed")]
    try:
        document = _as_utf8_document(decode_feed(data, origin, charset))
    except ArticleError as exc:
        return [exc]
    parsed = feedparser.parse(document, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.version:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or "unknown format"
        return [ArticleError(f"{origin}: not an RSS or Atom feed ({reason})")]
    source = " ".join(str(parsed.feed.get("title", "")).split()) or None
    if not parsed.entries:
        return []
    scope = _site_of(str(parsed.feed.get("link", ""))) or _site_of(origin) or origin
    return [_entry(entry, source, f"{origin} entry {i + 1}", scope) for i, entry in enumerate(parsed.entries)]


def entry_identity(scope: str, guid: str) -> str:
    """The stored identity of a feed entry: its guid within its site ("ex.org guid-42").

    A guid is unique within the feed's site (RSS 2.0 says "uniquely identifies the item", Atom's id is
    an IRI), and some sites number their items 1, 2, 3 … in each of their feeds, so it is scoped to
    the host of the feed's ``<link>`` (or of the feed's URL, or the file's path).
    """
    return f"{scope} {guid}"


def _site_of(url: str) -> str | None:
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def _entry(entry: Any, source: str | None, where: str, scope: str) -> Article | ArticleError:
    title = " ".join(html_to_text(str(entry.get("title", ""))).split())
    raw_link = str(entry.get("link", "")).strip()
    if raw_link:
        where = f"{where} ({raw_link})"
    if not title:
        return ArticleError(f"{where}: has no title")
    body = ""
    for content in entry.get("content", []) or []:
        if content.get("value"):
            body = str(content["value"])
            break
    body = html_to_text(body or str(entry.get("summary", "")))
    for part in (title, body):
        if looks_garbled(part):
            return garbled(where, part)
    sections = section_text(body)
    if not sections:
        return ArticleError(f"{where}: has no text")
    guid = " ".join(str(entry.get("id", "")).split())
    return Article(
        title=title,
        sections=sections,
        source=source,
        author=_entry_author(entry),
        url=web_link(raw_link),
        published_at=_entry_time(entry),
        origin=where,
        guid=entry_identity(scope, guid) if guid else None,
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
