"""A feed longer than its cap: only its newest entries are handed to feedparser, and they read as when the
whole feed was parsed (the same articles, places, dates and errors)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from xml.sax.saxutils import escape

import feedparser
import pytest

import nashra.articles.feeds as feeds
from nashra.articles.errors import ArticleError
from nashra.articles.feeds import parse_feed
from nashra.articles.limits import DEFAULT_LIMITS
from nashra.model import Article

LIMITS = replace(DEFAULT_LIMITS, entries_per_feed=3)
PARAGRAPH = "شهدت مدينة حمص اليوم تطورات ميدانية متسارعة وفق ما أفادت به مصادر محلية متطابقة."
NOW = datetime.now(UTC).replace(microsecond=0)


def item(n: int, date: datetime | None, *, extra: str = "") -> str:
    when = f"<pubDate>{format_datetime(date)}</pubDate>" if date else ""
    return (
        f"<item><title>خبر رقم {n} عن حمص</title><link>https://ex.org/{n}</link>{when}"
        f"<description>{escape(f'<p>{PARAGRAPH} {n}</p>')}</description>{extra}</item>\n"
    )


def rss(items: list[str], namespaces: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"{namespaces}><channel>'
        f"<title>مصدر</title><link>https://ex.org/</link>\n{''.join(items)}</channel></rss>"
    ).encode()


def minutes_ago(*minutes: int | None) -> list[str]:
    return [item(n, None if m is None else NOW - timedelta(minutes=m)) for n, m in enumerate(minutes)]


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The documents feedparser is handed, in order."""
    documents: list[bytes] = []
    parse = feedparser.parse

    def recording(document: bytes, **options: Any) -> Any:
        documents.append(document)
        return parse(document, **options)

    monkeypatch.setattr(feeds.feedparser, "parse", recording)
    return documents


def read_whole(data: bytes, monkeypatch: pytest.MonkeyPatch) -> list[Article | ArticleError]:
    """The feed as read when the whole document was handed to feedparser."""
    with monkeypatch.context() as patched:
        patched.setattr(feeds, "feed_window", lambda *args: None)
        return parse_feed(data, "feed.rss", limits=LIMITS)


def titles(read: list[Article | ArticleError]) -> list[str]:
    return [entry.title if isinstance(entry, Article) else str(entry) for entry in read]


def test_feedparser_is_handed_only_the_newest_entries(handed: list[bytes]) -> None:
    data = rss(minutes_ago(*range(0, 100, 5)))

    read = parse_feed(data, "feed.rss", limits=LIMITS)

    assert titles(read) == ["خبر رقم 0 عن حمص", "خبر رقم 1 عن حمص", "خبر رقم 2 عن حمص"]
    [document] = handed
    assert document.count(b"<item>") == 3
    assert b"https://ex.org/3<" not in document


def test_the_newest_are_kept_wherever_the_feed_lists_them(handed: list[bytes]) -> None:
    data = rss(minutes_ago(50, 40, 30, 5, 20, 1, 60))

    read = parse_feed(data, "feed.rss", limits=LIMITS)

    assert titles(read) == ["خبر رقم 3 عن حمص", "خبر رقم 4 عن حمص", "خبر رقم 5 عن حمص"]
    places = [entry.origin for entry in read]
    assert places == [f"feed.rss entry {n} (https://ex.org/{n - 1})" for n in (4, 5, 6)]
    assert len(handed) == 1


def test_a_long_feed_reads_as_when_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    data = rss([*minutes_ago(50, None, 30, 5, 2000, None, 60, 1), item(8, NOW, extra="<title></title>")])

    assert [repr(e) for e in parse_feed(data, "feed.rss", limits=LIMITS)] == [
        repr(e) for e in read_whole(data, monkeypatch)
    ]


def test_an_entry_with_no_title_among_the_newest_is_still_its_own_error(handed: list[bytes]) -> None:
    entries = minutes_ago(10, 20, 30, 40)
    entries[1] = entries[1].replace("<title>خبر رقم 1 عن حمص</title>", "<title></title>")

    read = parse_feed(rss(entries), "feed.rss", limits=LIMITS)

    assert titles(read)[1] == "feed.rss entry 2 (https://ex.org/1): has no title"
    assert len(handed) == 1


@pytest.mark.parametrize(
    ("namespaces", "date"),
    [
        (' xmlns:dc="http://purl.org/dc/elements/1.1/"', "<dc:date>{iso}</dc:date>"),
        (' xmlns:d="http://purl.org/dc/elements/1.1/"', "<d:date>{iso}</d:date>"),
        (' xmlns:atom="http://www.w3.org/2005/Atom"', "<atom:updated>{iso}</atom:updated>"),
        ("", "<pubDate><![CDATA[{rfc}]]></pubDate>"),
        ("", "<PUBDATE>{rfc}</PUBDATE>"),
    ],
)
def test_dates_are_read_from_the_elements_feedparser_reads_them_from(
    namespaces: str, date: str, handed: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    moments = [NOW - timedelta(minutes=m) for m in (40, 5, 30, 1, 20)]
    entries = [
        item(n, None, extra=date.format(iso=moment.isoformat(), rfc=format_datetime(moment)))
        for n, moment in enumerate(moments)
    ]
    data = rss(entries, namespaces)

    read = parse_feed(data, "feed.rss", limits=LIMITS)

    assert titles(read) == ["خبر رقم 1 عن حمص", "خبر رقم 3 عن حمص", "خبر رقم 4 عن حمص"]
    assert handed[0].count(b"<item>") == 3
    assert [repr(e) for e in read] == [repr(e) for e in read_whole(data, monkeypatch)]


def test_a_feed_whose_entries_cannot_be_told_apart_by_a_scan_is_read_whole(
    handed: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = minutes_ago(50, 40, 30, 5, 20)
    entries[2] = entries[2].replace("</item>", "")  # unclosed: feedparser's loose parser decides
    data = rss(entries)

    read = parse_feed(data, "feed.rss", limits=LIMITS)

    assert [document.count(b"<item>") for document in handed] == [5]
    assert [repr(e) for e in read] == [repr(e) for e in read_whole(data, monkeypatch)]


def test_entries_with_characters_xml_forbids_are_cut_and_read_as_before(
    handed: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = minutes_ago(50, 40, 30, 5, 20, 1)
    entries[0] = entries[0].replace("تطورات", "تطورات\x1a")  # left out: the rest is well-formed
    entries[3] = entries[3].replace("تطورات", "تطورات\x1a")  # kept
    data = rss(entries)

    read = parse_feed(data, "feed.rss", limits=LIMITS)

    assert handed[0].count(b"<item>") == 3
    assert [repr(e) for e in read] == [repr(e) for e in read_whole(data, monkeypatch)]


def test_a_feed_within_its_cap_is_handed_whole(handed: list[bytes]) -> None:
    data = rss(minutes_ago(3, 2, 1))

    assert len(parse_feed(data, "feed.rss", limits=LIMITS)) == 3
    assert [document.count(b"<item>") for document in handed] == [3]


def test_atom_entries_are_cut_like_rss_items(handed: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    entries = [
        f"<entry><title>خبر رقم {n} عن حمص</title><id>urn:{n}</id>"
        f'<link href="https://ex.org/{n}"/><updated>{(NOW - timedelta(minutes=m)).isoformat()}</updated>'
        f'<content type="html">{escape(f"<p>{PARAGRAPH} {n}</p>")}</content></entry>\n'
        for n, m in enumerate((50, 4, 30, 5, 20, 1))
    ]
    data = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>مصدر</title>{''.join(entries)}</feed>"
    ).encode()

    read = parse_feed(data, "feed.atom", limits=LIMITS)

    assert titles(read) == ["خبر رقم 1 عن حمص", "خبر رقم 3 عن حمص", "خبر رقم 5 عن حمص"]
    assert handed[0].count(b"<entry>") == 3
    with monkeypatch.context() as patched:
        patched.setattr(feeds, "feed_window", lambda *args: None)
        assert [repr(e) for e in read] == [repr(e) for e in parse_feed(data, "feed.atom", limits=LIMITS)]


def test_a_cut_whose_dates_feedparser_reads_otherwise_is_read_whole(
    handed: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A namespace declared on the item itself: the scan knows only those the document's root declares,
    # so it takes these entries as undated, and feedparser finds their dates in the cut it is handed.
    entries = [
        item(n, None, extra=f"<x:date>{(NOW - timedelta(minutes=m)).isoformat()}</x:date>").replace(
            "<item>", '<item xmlns:x="http://purl.org/dc/elements/1.1/">'
        )
        for n, m in enumerate((50, 4, 30, 5, 20, 1))
    ]
    data = rss(entries)

    read = parse_feed(data, "feed.rss", limits=LIMITS)

    assert titles(read) == ["خبر رقم 1 عن حمص", "خبر رقم 3 عن حمص", "خبر رقم 5 عن حمص"]
    assert [document.count(b"<item ") for document in handed] == [3, 6]
    assert [repr(e) for e in read] == [repr(e) for e in read_whole(data, monkeypatch)]
