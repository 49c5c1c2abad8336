"""The newest entries of a feed longer than its cap, found before feedparser reads it.

feedparser reads a whole document in Python, element by element, sanitizing every entry's HTML: a feed
of 12,500 entries took 78 s under a profiler (`benchmarks/large_inputs.py`), of which the 200 entries
kept (``[ingest] max_entries_per_feed``) were a sixtieth. Here the entries of the document are found by
one scan of its bytes (C speed), their dates read from the elements feedparser reads them from and by
feedparser's own date reader, the newest chosen as from the whole feed, and a document of those entries
alone is handed to feedparser, so its work follows the entries kept. Whatever this scan cannot be sure
of (a prefixed ``<item>``, items nested or unclosed, an Atom entry quoting its ``<source>``'s dates)
leaves the document whole, read as before; and a cut document whose entries feedparser does not read as
these, or with other dates, is read whole too (:func:`nashra.articles.feeds.parse_feed`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from feedparser.datetimes import _parse_date  # feedparser's own reading of a date, whatever its form

# An entry's start or end tag, or a CDATA section or comment (skipped, as they may hold markup).
_TOKENS = re.compile(
    rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<(/?)([A-Za-z_][\w.-]*:)?(?:item|entry)(?=[\s/>])[^>]*?(/?)>",
    re.IGNORECASE | re.DOTALL,
)
# The elements of an entry that hold its dates (feedparser lowercases names, so any case is read).
_DATES = re.compile(
    rb"<([A-Za-z_][\w.-]*:)?(pubdate|published|issued|updated|modified|lastbuilddate|date)(?=[\s>/])"
    rb"[^>]*?(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?\2\s*>)",
    re.IGNORECASE | re.DOTALL,
)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_NAMESPACE = re.compile(rb"""\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']""")
_ATOM_SOURCE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?source[\s>]", re.IGNORECASE)
# Namespaces feedparser reads as the feed's own (no prefix), Dublin Core's two, as its table has them
# (feedparser/mixin.py, _FeedParserMixin.namespaces).
_OWN = frozenset({
    "http://backend.userland.com/rss", "http://blogs.law.harvard.edu/tech/rss", "http://purl.org/rss/1.0/",
    "http://my.netscape.com/rdf/simple/0.9/", "http://purl.org/atom/ns#", "http://www.w3.org/2005/Atom",
    "http://purl.org/rss/1.0/modules/rss091#",
})  # fmt: skip
_DUBLIN_CORE = {"http://purl.org/dc/elements/1.1/": "dc", "http://purl.org/dc/terms/": "dcterms"}
# (prefix as feedparser names it, element) -> the entry field it sets.
_FIELDS = {
    ("", "pubdate"): "published", ("", "published"): "published", ("", "issued"): "published",
    ("dcterms", "issued"): "published",
    ("", "updated"): "updated", ("", "modified"): "updated", ("", "lastbuilddate"): "updated",
    ("dc", "date"): "updated", ("dcterms", "modified"): "updated",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Window:
    """A feed document cut to its newest entries: ``document`` holds the entries at ``kept`` (0-based
    places in the whole feed, in its order), whose dates were ``times``, of ``total`` entries."""

    document: bytes
    kept: list[int]
    times: list[datetime | None]
    total: int


class _Unsure(Exception):
    """The document is laid out in a way the scan does not read as feedparser would."""


def feed_window(
    document: bytes,
    limit: int,
    choose: Callable[[list[datetime | None], int], list[int]],
    entry_time: Callable[[dict[str, Any]], datetime | None],
) -> Window | None:
    """The newest ``limit`` entries of ``document`` (UTF-8) as a smaller document, or None when it has no
    more entries than that or cannot be cut safely (then it is read whole).

    ``choose(times, limit)`` picks the places of the entries kept from every entry's date (None when
    undated); ``entry_time(fields)`` reads a date from an entry's ``published``, ``updated`` and their
    ``_parsed`` forms, as it does from feedparser's entries.
    """
    try:
        spans = _entry_spans(document)
        if len(spans) <= limit:
            return None
        names = _prefixes(document[: spans[0][0]])
        times = [entry_time(_dates(document[start:end], names)) for start, end in spans]
    except _Unsure:
        return None
    kept = choose(times, limit)
    pieces = [document[: spans[0][0]]]
    wanted = set(kept)
    for place, (start, end) in enumerate(spans):
        if place:
            gap = document[spans[place - 1][1] : start]
            if gap.strip():
                pieces.append(gap)
        if place in wanted:
            pieces.append(document[start:end])
    pieces.append(document[spans[-1][1] :])
    return Window(b"".join(pieces), kept, [times[place] for place in kept], len(spans))


def _entry_spans(document: bytes) -> list[tuple[int, int]]:
    """(start, end) byte offsets of every ``<item>`` or ``<entry>`` element, in document order."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for token in _TOKENS.finditer(document):
        closing, prefix, empty = token.group(1, 2, 3)
        if closing is None:
            continue  # a CDATA section or a comment
        if prefix:
            raise _Unsure
        if not closing:
            if start is not None:
                raise _Unsure
            if empty:
                spans.append((token.start(), token.end()))
            else:
                start = token.start()
        else:
            if start is None:
                raise _Unsure
            spans.append((start, token.end()))
            start = None
    if start is not None:
        raise _Unsure
    return spans


def _prefixes(head: bytes) -> dict[str, str]:
    """Prefix -> feedparser's name of its namespace ("" for the feed's own), of those ``head`` declares
    that matter to dates; feedparser names any other by the prefix written, as is done here."""
    names: dict[str, str] = {}
    for found in _NAMESPACE.finditer(head):
        prefix = found.group(1).decode("ascii").lower()
        uri = found.group(2).decode("utf-8", "replace").strip().lower()
        if uri in _OWN:
            names[prefix] = ""
        elif uri in _DUBLIN_CORE:
            names[prefix] = _DUBLIN_CORE[uri]
    return names


def _dates(entry: bytes, names: dict[str, str]) -> dict[str, Any]:
    """An entry's ``published`` and ``updated`` as given and as feedparser parses them (the last of
    each wins, as in feedparser)."""
    if entry[:6].lower() == b"<entry" and _ATOM_SOURCE.search(entry):
        raise _Unsure  # an Atom <source> holds dates of another feed
    fields: dict[str, Any] = {}
    for found in _DATES.finditer(entry):
        prefix = (found.group(1) or b"").decode("ascii").lower().rstrip(":")
        element = found.group(2).decode("ascii").lower()
        field = _FIELDS.get((names.get(prefix, prefix), element))
        if field is None:
            continue
        raw = found.group(3) or b""
        value = html.unescape(_CDATA.sub(r"\1", raw.decode("utf-8", "replace"))).strip()
        fields[field] = value
        fields[f"{field}_parsed"] = _parse_date(value) if value else None
    return fields
