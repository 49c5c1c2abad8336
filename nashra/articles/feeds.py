"""RSS 2.0 and Atom feeds: fetching over HTTP with conditional requests and a size cap, and parsing.

Feeds are polled on a schedule, so a fetch sends the ETag / Last-Modified of the previous answer and a
304 costs nothing. A feed URL that answers an HTML page, hangs, or sends more than the size cap is one
rejected input with a message that says which, never a crash or an unbounded download. Connections go
only to public addresses or the operator's allowed hosts (:mod:`nashra.netguard`). The bytes are decoded
by what the server, the document and its bytes say, and a feed that still decodes to garbage is
rejected rather than stored (:func:`decode_feed`). Dates written with the time-zone abbreviations of
the Arab world are read as the region means them (:func:`_zoned_time`).
"""

from __future__ import annotations

import asyncio
import calendar
import codecs
import email.utils
import itertools
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import feedparser
import httpx

from nashra import __version__
from nashra.arabic import ARABIC_CHARSETS, looks_garbled
from nashra.articles.dates import (
    EARLIEST_OFFSET,
    LATEST_OFFSET,
    Reading,
    no_zone,
    publication_date,
    read_date,
    read_iso,
    zone_after_time,
    zone_refused,
)
from nashra.articles.errors import ArticleError, EntryPlace, Term, address_term, garbled, unexpected
from nashra.articles.limits import DEFAULT_LIMITS, Limits
from nashra.articles.links import web_link
from nashra.articles.sectioning import cut
from nashra.articles.textformat import article_from_body, author_field_credit, field_author, wide_encoding
from nashra.config import IngestConfig, size_limit
from nashra.model import Article
from nashra.netguard import AddressPolicy, UnresolvedHost, UnsafeAddress, guarded_client

log = logging.getLogger(__name__)

USER_AGENT = f"nashra/{__version__} (+feed reader)"
# A server that keeps trickling bytes within the read timeout must still end: the whole fetch gets
# this many read timeouts at most.
_TOTAL_TIMEOUTS = 4
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
        raise ArticleError.because(
            url, "timed_out_total", seconds=f"{read_timeout * _TOTAL_TIMEOUTS:g}"
        ) from None
    except UnsafeAddress as exc:
        raise _refused(url, exc) from None
    except httpx.TimeoutException:
        raise ArticleError.because(url, "timed_out", seconds=f"{read_timeout:g}") from None
    except httpx.HTTPError as exc:
        if isinstance(exc.__cause__, UnresolvedHost):
            raise ArticleError.because(
                url, "unresolved", host=exc.__cause__.host, reason=exc.__cause__.reason
            ) from None
        raise ArticleError.because(
            url, "request_failed", kind=exc.__class__.__name__, detail=str(exc)
        ) from None
    except (httpx.InvalidURL, UnicodeError) as exc:
        # httpx raises these outside its HTTPError family when it cannot build a request: for the URL
        # given, or for a Location a redirect chose (an IDNA label that does not decode, "javascript:").
        raise ArticleError.because(url, "no_request", detail=str(exc)) from None


def _refused(url: str, refusal: UnsafeAddress) -> ArticleError:
    """The rejection of ``url`` for a connection the address check refused, worded per language."""
    if refusal.kind == "no address":
        return ArticleError.because(url, "no_address", host=refusal.host)
    if refusal.kind == "unix socket":
        return ArticleError.because(url, "unix_socket", path=refusal.host)
    return ArticleError.because(
        url, "unsafe_address", host=refusal.host, kind=Term(address_term(refusal.kind))
    )


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
            raise ArticleError.because(
                url, "http_status", status=response.status_code, phrase=response.reason_phrase
            )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise ArticleError.because(url, "too_large_declared", size=declared, limit=size_limit(max_bytes))
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        # Feeds are often sent as text/html (caching plugins, hand-written PHP): the document decides,
        # from its first bytes, so an HTML page is refused without being read to its end. An article
        # page (``page``) is expected to be HTML.
        html_type = content_type in ("text/html", "application/xhtml+xml") and not page
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise ArticleError.because(url, "too_large", limit=size_limit(max_bytes))
            chunks.append(chunk)
            if html_type and size >= _SNIFF_BYTES:
                _refuse_html_page(url, content_type, b"".join(chunks))
                html_type = False
        if html_type:
            _refuse_html_page(url, content_type, b"".join(chunks))
        charset = _charset_of(response.headers.get("Content-Type", ""))
        return FeedFetch(url, b"".join(chunks), new_etag, new_modified, response.status_code, charset)


# How much of an answer sent as HTML is read to tell a feed from a page, and how a feed begins: its root
# element (RSS, Atom, RDF) after any declaration, comments and processing instructions.
_SNIFF_BYTES = 2048
_ROOT = re.compile(rb"<(?:[a-z0-9_-]+:)?(rss|feed|rdf|html)[\s>/]", re.IGNORECASE)


def _refuse_html_page(url: str, content_type: str, head: bytes) -> None:
    """Raise ArticleError unless ``head`` (the first bytes of an answer sent as HTML) begins a feed:
    its first root-like element is <rss>, <feed> or <rdf:RDF>, not <html>."""
    root = _ROOT.search(head[:_SNIFF_BYTES])
    if root is None or root.group(1).lower() == b"html":
        raise ArticleError.because(url, "html_answer", content_type=content_type)


def _charset_of(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def decode_feed(data: bytes, origin: str, charset: str | None = None) -> str:
    """The text of a feed document, decoded by the first of these that gives clean text.

    A byte-order mark decides alone, and so does UTF-16 known without one
    (:func:`nashra.articles.textformat.wide_encoding`). Otherwise: the HTTP ``charset``, the XML
    declaration's encoding, UTF-8, then the one-byte Arabic charsets article files get too
    (:data:`nashra.arabic.ARABIC_CHARSETS`: Arabic sites that declare nothing are often cp1256, older
    ones ISO-8859-6). A candidate that decodes into mojibake (:func:`looks_garbled`) is passed over,
    so a server that wrongly says ISO-8859-1 for UTF-8 does not win. Bytes that are valid UTF-8
    with multi-byte characters in them are UTF-8 whatever a one-byte charset was declared (text in
    windows-1251 or KOI8-R is practically never valid UTF-8, and UTF-8 Arabic read as either is
    Cyrillic or box drawings, which no mojibake signature catches). Names of codecs that make no text
    (``base64``, ``rot13``, ``zlib``) are ignored like unknown ones.

    When none gives clean text: valid UTF-8 is taken as it is, and the entries that are garbled in it
    are rejected one by one (a publisher that double-encoded one item); bytes that are UTF-8 but for a
    few invalid ones get only those replaced (U+FFFD), each logged with its offset; a feed whose
    entries differ in character set (rows stored over the years, some in UTF-8, some in windows-1256)
    has each entry decoded on its own, by the same candidates (:func:`_decode_by_entry`); else the
    declared character set is taken as it is. Else raises ArticleError naming the first invalid byte
    and its offset.
    """
    marked = next((encoding for mark, encoding in _BOMS if data.startswith(mark)), None)
    # UTF-16 without its mark (XML requires one, Notepad's "Unicode" may lack it): no candidate below
    # reads it, and UTF-8 takes its NULs for characters.
    wide = marked or wide_encoding(data)
    if wide is not None:
        # A download cut short inside its last character leaves part of a code unit, which no decoder
        # takes: it goes, and the feed is read as far as it goes (:func:`parse_feed` says it was cut).
        data = data[: len(data) - len(data) % (4 if "32" in wide else 2)]
        candidates = [wide]
    else:
        declared = [charset, _declared_encoding(data)]
        candidates = [*declared, "utf-8", *ARABIC_CHARSETS]
        if _is_multibyte_utf8(data) and not any(_is_wide(name) for name in declared):
            candidates.insert(0, "utf-8")
    guessed = set(ARABIC_CHARSETS) - {_codec(charset), _codec(_declared_encoding(data))}
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
    by_entry = _decode_by_entry(data, tried)
    if by_entry is not None:
        log.warning("%s: entries in different character sets, each decoded on its own", origin)
        return by_entry
    declared = [text for codec, text in decoded.items() if codec not in guessed]
    if declared:
        return declared[0]
    if first_error is not None:
        offset = first_error.start
        raise ArticleError.because(
            origin, "undecodable", charsets=list(tried), byte=f"{data[offset]:02x}", offset=offset
        )
    raise ArticleError.because(origin, "garbled_feed", charsets=list(tried))


# Where an RSS item or an Atom entry begins: each is decoded on its own when entries differ in charset.
_ENTRY_START = re.compile(rb"<(?:item|entry)[\s>/]")


def _decode_by_entry(data: bytes, codecs_tried: list[str]) -> str | None:
    """The document decoded piece by piece, each entry (and the part before the first) by the first of
    ``codecs_tried`` that gives it clean text (UTF-8 first for valid multi-byte UTF-8), or None when
    the document has no entries, a wide (UTF-16/32) encoding, or not one clean piece.

    An entry no candidate decodes cleanly is decoded as UTF-8 with its invalid bytes replaced, and so
    is rejected as garbled by :func:`parse_feed`, alone. The pieces are cut before ``<item``/``<entry``,
    an ASCII ``<`` that is never inside a character of UTF-8 or of any one-byte charset.
    """
    starts = [match.start() for match in _ENTRY_START.finditer(data)]
    if not starts or any(_is_wide(codec) for codec in codecs_tried):
        return None
    bounds = [0, *starts, len(data)]
    pieces: list[str] = []
    clean = 0
    for start, end in itertools.pairwise(bounds):
        piece = data[start:end]
        order = ["utf-8", *codecs_tried] if _is_multibyte_utf8(piece) else codecs_tried
        for codec in order:
            try:
                text = piece.decode(codec)
            except UnicodeDecodeError:
                continue
            if not looks_garbled(text):
                pieces.append(text)
                clean += 1
                break
        else:
            pieces.append(piece.decode("utf-8", errors="replace"))
    return "".join(pieces) if clean else None


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
    """Python's name of the text encoding ``name``, or None for an unknown name or a codec that
    does not decode bytes into text."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
        b"".decode(codec)  # LookupError for bytes-to-bytes codecs (base64, zlib) and rot13
    except LookupError:
        return None
    return codec


def _is_wide(name: str | None) -> bool:
    """Whether ``name`` is UTF-16 or UTF-32, whose bytes may look like ASCII and UTF-8."""
    return (_codec(name) or "").startswith(("utf-16", "utf-32"))


def _is_multibyte_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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


_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));")


def _reference_value(match: re.Match[str]) -> int:
    hexadecimal, decimal = match.groups()
    return int(hexadecimal, 16) if hexadecimal else int(decimal)


def _repair_character_references(text: str) -> str:
    """``text`` with numeric character references to no character made real or replaced.

    Feeds escaped by JavaScript or Java write a character beyond U+FFFF as its two UTF-16 halves
    ("&#55357;&#56832;" for 😀): such a pair becomes the one reference it stands for. A lone half or a
    number past U+10FFFF becomes U+FFFD; feedparser raises on either, failing the whole feed.
    """
    if "&#" not in text:
        return text
    pieces: list[str] = []
    position = 0
    matches = list(_CHARACTER_REFERENCE.finditer(text))
    index = 0
    while index < len(matches):
        match = matches[index]
        value = _reference_value(match)
        index += 1
        if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF:
            continue
        replacement, end = "&#xFFFD;", match.end()
        following = matches[index] if index < len(matches) else None
        if 0xD800 <= value <= 0xDBFF and following is not None and following.start() == end:
            low = _reference_value(following)
            if 0xDC00 <= low <= 0xDFFF:
                replacement = f"&#x{0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00):X};"
                end = following.end()
                index += 1
        pieces += [text[position : match.start()], replacement]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _as_utf8_document(text: str) -> bytes:
    """The decoded document as UTF-8 bytes whose XML declaration names no other encoding."""
    encoded = text.encode("utf-8")
    declaration = _XML_DECLARATION.match(encoded[:1024])
    if declaration is None:
        return encoded
    cleaned = _ENCODING_ATTRIBUTE.sub(b"", declaration.group())
    return cleaned + encoded[declaration.end() :]


def parse_feed(
    data: bytes, origin: str, *, charset: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Article | ArticleError]:
    """The entries of an RSS 2.0 or Atom document as articles; a bad entry is its own error.

    ``charset`` is the HTTP answer's (see :func:`decode_feed`). Entries carry their identity: the
    feed's ``<guid>`` / Atom ``<id>``, scoped to the site (see :func:`entry_identity`). Dates are as the
    feed gives them; ingestion clamps future ones (:func:`nashra.articles.admission.admit`). Of a feed
    with more entries than ``limits.entries_per_feed``, the newest are read (:func:`_newest`), each
    field cut to what its cap needs (:mod:`nashra.articles.limits`). An entry that fails in a way no
    check foresaw is rejected alone (:func:`nashra.articles.errors.unexpected`). A document that stops
    before its root's closing tag (a download cut short) is read as far as it goes, with one warning
    naming it and how many entries that gave; its last entry, cut before its text, is rejected as cut
    short with the feed.
    """
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return [ArticleError.because(origin, "html_page")]
    try:
        document = _as_utf8_document(_repair_character_references(decode_feed(data, origin, charset)))
    except ArticleError as exc:
        return [exc]
    try:
        parsed = feedparser.parse(document, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # feedparser's loose parser has its own faults on broken documents
        log.warning("%s: feedparser failed", origin, exc_info=True)
        return [ArticleError.because(origin, "parser_failed", kind=type(exc).__name__)]
    if not parsed.version:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")()
        if not reason:
            return [ArticleError.because(origin, "not_feed_unknown")]
        return [ArticleError.because(origin, "not_feed", detail=reason)]
    source = " ".join(limits.raw_name(str(parsed.feed.get("title", ""))).split()) or None
    cut_short = not _CLOSED.search(document[-_CLOSING_BYTES:])
    if cut_short:
        log.warning(
            "%s: feed cut short (it ends before its closing tag: a download or a copy stopped early); "
            "%d entries found before the cut",
            origin,
            len(parsed.entries),
        )
    if not parsed.entries:
        return []
    scope = _scope(str(parsed.feed.get("link", "")), origin)
    read: list[Article | ArticleError] = []
    for index, entry in _newest(parsed.entries, limits.entries_per_feed, origin):
        link = str(entry.get("link", "")).strip()
        where = EntryPlace.of(origin, index + 1, limits.raw_name(link) if link else None)
        try:
            item = _entry(entry, source, where, scope, limits)
        except Exception as exc:  # a fault no check foresaw costs this entry only
            item = unexpected(where, exc)
        if cut_short and index == len(parsed.entries) - 1 and getattr(item, "code", None) == "no_text":
            # The cut fell inside the last entry, before its text: the text is lost, not missing.
            item = ArticleError.because(where, "cut_with_feed")
        read.append(item)
    return read


# How a whole feed ends: the closing tag of its root (RSS, Atom, RDF), then only whitespace and comments.
_CLOSED = re.compile(rb"</(?:[\w.-]+:)?(?:rss|feed|rdf)\s*>(?:\s|<!--.*?-->)*\Z", re.IGNORECASE | re.DOTALL)
_CLOSING_BYTES = 4096


def _newest(entries: list[Any], limit: int, origin: str) -> list[tuple[int, Any]]:
    """(index, entry) of the ``limit`` newest of ``entries``, in the feed's order.

    Newest by the date the entry is stored with (a Hijri date converted, :func:`_entry_time`): an
    undated entry, or one dated after now, counts as new as the fetch (as the
    store orders them, :func:`nashra.articles.ingest._store_all`); among equal dates the entry the
    feed lists first wins, as feeds list their newest first. A warning names the feed and says how
    many entries were left out.
    """
    indexed = list(enumerate(entries))
    if len(indexed) <= limit:
        return indexed
    now = datetime.now(UTC)

    def recency(pair: tuple[int, Any]) -> tuple[datetime, int]:
        reading = _entry_time(pair[1])
        moment = reading.moment if reading else None
        return (min(moment, now) if moment else now, -pair[0])

    kept = sorted(sorted(indexed, key=recency, reverse=True)[:limit], key=lambda pair: pair[0])
    log.warning(
        "%s: %d entries, the newest %d read and %d left out ([ingest] max_entries_per_feed)",
        origin,
        len(indexed),
        limit,
        len(indexed) - limit,
    )
    return kept


def entry_identity(scope: str, guid: str) -> str:
    """The stored identity of a feed entry: its guid within its site ("ex.org guid-42").

    A guid is unique within the feed's site at best (RSS 2.0 says "uniquely identifies the item",
    Atom's id is an IRI, but sites number their posts 1, 2, 3 … or keep WordPress's
    "http://localhost/?p=12"), so it is scoped (see :func:`_scope`).
    """
    return f"{scope} {guid}"


def _scope(link: str, origin: str) -> str:
    """Where a feed's guids are unique: the site its ``<link>`` names, and, for a feed fetched over
    HTTP, the host it was fetched from ("ex.org", "ex.org from feeds.ex.org").

    The ``<link>`` is only what the feed claims: a site left with WordPress's "http://localhost/", or a
    feed claiming another's site, must not make its entries edits of another site's stories. The
    fetch host is not enough alone either: feed services host many sites' feeds. A file has only its
    ``<link>`` (so saved copies of one feed share their guids), else its path.
    """
    claimed = _site_of(link)
    fetched = _site_of(origin, with_port=True) if origin.lower().startswith(("http://", "https://")) else None
    if fetched is None:
        return claimed or origin
    if claimed is None or claimed == fetched:
        return fetched
    return f"{claimed} from {fetched}"


def _site_of(url: str, *, with_port: bool = False) -> str | None:
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host:
        return None
    site = host.lower().rstrip(".").removeprefix("www.")
    return f"{site}:{port}" if with_port and port not in (None, 80, 443) else site


def _entry(entry: Any, source: str | None, where: str, scope: str, limits: Limits) -> Article | ArticleError:
    title = " ".join(html_to_text(limits.raw_title(str(entry.get("title", "")))).split())
    raw_link = str(entry.get("link", "")).strip()
    if not title:
        return ArticleError.because(where, "no_title")
    body = ""
    for content in entry.get("content", []) or []:
        if content.get("value"):
            body = str(content["value"])
            break
    body = html_to_text(limits.raw_text(body or str(entry.get("summary", ""))))
    for part in (title, body):
        if looks_garbled(part):
            return garbled(where, part)
    author = _entry_author(entry, limits)
    byline = author_field_credit(author, source)
    # Cut as a text file's or a JSON record's body is (:func:`nashra.articles.sectioning.cut`): the
    # dateline opening the description («الرياض - واس: …») and the rest of its furniture are set aside,
    # its place kept as the article's dateline.
    cut_body = cut(body.splitlines(), title=title, outlet=source, byline=byline)
    if not cut_body.sections:
        return ArticleError.because(where, "no_text")
    guid = " ".join(str(entry.get("id", "")).split())
    published = _entry_time(entry)
    article = article_from_body(
        cut_body,
        title=title,
        origin=where,
        source=source,
        author=byline.author if byline else author,
        credit=byline,
        url=web_link(raw_link),
        published_at=published.said(where) if published else None,
    )
    article.author = field_author(author, byline, article.author)
    article.guid = entry_identity(scope, guid) if guid else None
    return article


def _entry_author(entry: Any, limits: Limits) -> str | None:
    """The author's name; RSS writes "email (name)", and the email is not a name."""
    detail = entry.get("author_detail") or {}
    name = detail.get("name") or entry.get("author") or ""
    return " ".join(limits.raw_name(str(name)).split()) or None


def _entry_time(entry: Any) -> Reading | None:
    """When the entry was published (else updated), or None when the feed gives no date that exists.

    A date is read from the feed's text where it is ISO 8601 (:func:`nashra.articles.dates.read_iso`)
    or RFC 822 (:func:`_rfc822_time`), as every input's is: feedparser rolls a day or hour the calendar
    lacks over into the next («1436-02-30» read as 1 March, «2015/13/40» as 1 December, «T25:00» as
    the next day's 01:00) and moves a Hijri date to UTC before it is converted; such a date is no date
    (:func:`nashra.articles.dates.read_date`). PHP feeds write MySQL's zero date ("0000-00-00
    00:00:00") for "no date", which feedparser reads as a time before year 1; that and dates past year
    9999 are no date, not a failed feed. A date written with a time-zone abbreviation of the Arab world
    is read by :func:`_zoned_time`; feedparser reads the other forms it knows. A date none of them
    reads («32 Aug 2015») is no date either, said as such (``kind`` ``"unreadable"``).
    """
    unread: str | None = None
    for field in ("published", "updated"):
        # As given, not feedparser's aliases (it answers "updated" with "published" and back).
        raw = dict.get(entry, field)
        zoned = _zoned_time(raw)
        if zoned is not None:
            return zoned
        iso = _as_iso(raw) if isinstance(raw, str) else None
        if iso is not None:
            try:
                return read_iso(iso)
            except ValueError:
                pass
        rfc822 = _rfc822_time(raw, None)
        if rfc822 is not None:
            return rfc822
        moment: time.struct_time | None = dict.get(entry, f"{field}_parsed")
        if moment:
            try:
                return publication_date(datetime.fromtimestamp(calendar.timegm(moment), tz=UTC))
            except (ValueError, OverflowError, OSError):
                pass
        if isinstance(raw, str) and raw.strip():
            unread = unread or " ".join(raw.split())
    return Reading(None, "unreadable", unread) if unread else None


# A date written year first in digits: as ISO 8601 («2015-08-10», «1436-10-25T08:30:00+03:00»), or with
# slashes or one-digit parts («2015/08/10 22:22:00», «2015/8/10»), which feedparser reads as another day
# (1 December of the year).
_YEAR_FIRST = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?=$|[T ])")
# ISO 8601's basic form («20150810T223000Z»), which feedparser rolls over («20150832» is 1 September)
# or reads without its time («T250000» as midnight).
_BASIC_DAY = re.compile(r"\d{8}(?=$|T)")


def _as_iso(raw: str) -> str | None:
    """``raw`` as ISO 8601 text when it opens with a date written year first (``_YEAR_FIRST``,
    ``_BASIC_DAY``), for
    :func:`nashra.articles.dates.read_iso`; else None."""
    text = raw.strip()
    if _BASIC_DAY.match(text):
        return text
    found = _YEAR_FIRST.match(text)
    if found is None:
        return None
    year, _, month, day = found.groups()
    return f"{year}-{month:0>2}-{day:0>2}{text[found.end() :]}"


# A date and time ending with a zone: an abbreviation, "GMT+3" / "UTC+03:00" (which feedparser fails on
# or reads as UTC), or the Arabic «بتوقيت مكة (المكرمة)» (which it fails on).
_ZONED = re.compile(
    r"^(?P<stamp>.*\d{1,2}:\d{2}(?::\d{2})?)\s*"
    r"(?P<zone>\(?[a-z]{3,4}\)?|(?:gmt|utc)\s*[+-]\d{1,2}(?::?\d{2})?|\(?بتوقيت\s+\S+(?:\s+\S+)?)\s*$",
    re.IGNORECASE,
)


def _zoned_time(raw: object) -> Reading | None:
    """The moment ``raw`` names when it ends with a zone :func:`nashra.articles.dates.zone_after_time`
    reads (one of :data:`nashra.articles.dates.ARAB_ZONES`, a "GMT+3"-style offset, «بتوقيت مكة»), else
    None (feedparser's reading stands). RFC 822 dates ("Mon, 06 Nov 2023 09:15:00 AST") and ISO 8601
    ones ("2023-11-06 09:15:00 AST", a Hijri date converted in its zone) are read."""
    found = _ZONED.match(raw.strip()) if isinstance(raw, str) else None
    refused = zone_refused(found.group("zone")) if found else None
    if found is not None and refused is not None:
        return no_zone(" ".join(raw.split()), refused)
    offset = zone_after_time(found.group("zone")) if found else None
    if found is None or offset is None:
        return None
    stamp = found.group("stamp").strip()
    rfc822 = _rfc822_time(stamp, offset)
    if rfc822 is not None:
        return rfc822
    try:
        return read_iso(f"{_as_iso(stamp) or stamp}{_iso_offset(offset)}")
    except ValueError:
        return None


def _rfc822_time(raw: object, offset: timedelta | None) -> Reading | None:
    """The moment an RFC 822 date («Mon, 10 Aug 2015 22:22:00 +0300») names, in ``offset`` where given
    (else its own zone, UTC when it names none), read as every input's date is
    (:func:`nashra.articles.dates.read_date`: «31 Feb», «25:00» are no date, and so is an offset no zone
    has, :func:`nashra.articles.dates.names_a_zone`); None when ``raw``
    is no RFC 822 date (:func:`email.utils.parsedate_tz`)."""
    parts = email.utils.parsedate_tz(raw.strip()) if isinstance(raw, str) else None
    if parts is None:
        return None
    year, month, day, hour, minute, second = parts[:6]
    zone = offset if offset is not None else timedelta(seconds=parts[9] or 0)
    if not EARLIEST_OFFSET <= zone <= LATEST_OFFSET:
        return no_zone(raw.strip(), _iso_offset(zone))
    refused = zone_refused(raw.split()[-1]) if offset is None else None
    if refused is not None:
        # «+0375», minutes past 59, which parsedate_tz reads as +04:15.
        return no_zone(" ".join(raw.split()), refused)
    return read_date(year, month, day, hour, minute, second, zone=timezone(zone), written=raw.strip())


def _iso_offset(offset: timedelta) -> str:
    """``offset`` as ISO 8601 writes it after a time: «+03:30», «-04:00»."""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
