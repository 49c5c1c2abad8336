"""Feeds as they come from the wild: character sets, broken bytes, edited items, odd dates, hostile text.

Each test stores what a real feed sent (the field cases in ../shared/cases, or variants of their kind in
tests/data/feeds_wild) through the real ingest pipeline, then reads the database or the digest a
subscriber would be owed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import time_machine

from nashra.articles.files import read_article_file
from nashra.articles.ingest import IngestReport, ingest
from nashra.articles.inputs import plan
from nashra.config import Config, IngestConfig
from nashra.digest import preview
from nashra.model import Article
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from nashra.storage.summaries import SummaryStore

WILD = Path(__file__).resolve().parent / "data" / "feeds_wild"
HOSPITAL = "افتتاح مستشفى جديد في حلب"
WHEAT = "موسم القمح في الحسكة"


async def _ingest(
    db: Database, *targets: str | Path, allow: list[str] | None = None
) -> tuple[IngestReport, list[str]]:
    lines: list[str] = []
    config = IngestConfig(http_timeout_s=5.0)
    if allow:  # the test servers listen on loopback, which fetches refuse unless the operator allows it
        config.allow_hosts = allow
    report = await ingest(db, plan([str(t) for t in targets]), config, on_reject=lines.append)
    return report, lines


async def _titles(db: Database) -> list[str]:
    return [row["title"] for row in await db.fetchall("SELECT title FROM articles ORDER BY id")]


async def _texts(db: Database) -> str:
    rows = await db.fetchall("SELECT a.title, s.text FROM articles a JOIN sections s ON s.article_id = a.id")
    return "\n".join(f"{row['title']}\n{row['text']}" for row in rows)


class CharsetServer:
    """Serves one body with the Content-Type given, as feed hosts do (right or wrong about the charset)."""

    def __init__(self, body: bytes, content_type: str) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[object]:
    servers: list[CharsetServer] = []

    def start(body: bytes, content_type: str) -> str:
        servers.append(CharsetServer(body, content_type))
        return servers[-1].url

    yield start
    for server in servers:
        server.close()


# -- decoding -------------------------------------------------------------------------------------


async def test_undeclared_windows_1256_feed_is_decoded_with_its_regions(
    db: Database, shared_dir: Path
) -> None:
    report, lines = await _ingest(db, shared_dir / "cases" / "03_cp1256_no_xml_encoding.xml")
    assert (report.ingested, lines) == (1, [])
    [article_id] = [row["id"] for row in await db.fetchall("SELECT id FROM articles")]
    assert await _titles(db) == ["افتتاح طريق جديد في درعا"]
    [lead] = await ArticleStore(db).sections_of(article_id)
    assert "SY-DR" in lead.regions


async def test_undeclared_iso_8859_6_feed_is_decoded_not_stored_as_mojibake(db: Database) -> None:
    report, lines = await _ingest(db, WILD / "iso8859_6_undeclared.xml")
    assert (report.ingested, lines) == (2, [])
    assert await _titles(db) == [WHEAT, HOSPITAL]


async def test_http_charset_decides_for_a_feed_without_declaration(db: Database, serve: object) -> None:
    url = serve((WILD / "cp1256_undeclared.xml").read_bytes(), "application/rss+xml; charset=windows-1256")
    report, lines = await _ingest(db, url, allow=["127.0.0.1"])
    assert (report.ingested, lines) == (2, [])
    assert await _titles(db) == [WHEAT, HOSPITAL]


async def test_wrong_http_charset_does_not_win_over_clean_utf8(db: Database, serve: object) -> None:
    """A server that calls everything ISO-8859-1 would turn UTF-8 Arabic into "Ø§Ù„…"."""
    body = (WILD / "double_encoded_item.xml").read_bytes().replace(b'encoding="UTF-8"', b"")
    url = serve(body, "application/rss+xml; charset=ISO-8859-1")
    report, _ = await _ingest(db, url, allow=["127.0.0.1"])
    assert report.ingested == 1 and await _titles(db) == [HOSPITAL]


async def test_feed_served_as_html_is_read_as_the_feed_it_is(db: Database, serve: object) -> None:
    """Caching plugins and hand-written PHP often send feeds as text/html: the document decides."""
    url = serve(_utf8_feed("UTF-8"), "text/html; charset=utf-8")
    report, lines = await _ingest(db, url, allow=["127.0.0.1"])
    assert (report.ingested, lines) == (2, [])


async def test_xml_declaration_decides_for_a_file(db: Database) -> None:
    report, lines = await _ingest(db, WILD / "cp1256_declared.xml")
    assert (report.ingested, lines) == (2, [])
    assert sorted(await _titles(db)) == sorted([HOSPITAL, WHEAT])


async def test_byte_order_mark_decides(db: Database) -> None:
    report, lines = await _ingest(db, WILD / "utf16_bom.xml")
    assert (report.ingested, lines) == (2, [])
    assert sorted(await _titles(db)) == sorted([HOSPITAL, WHEAT])


def _utf8_feed(declaration: str) -> bytes:
    """The two-item northern feed in UTF-8, its XML declaration naming ``declaration`` (or none)."""
    text = (WILD / "cp1256_declared.xml").read_bytes().decode("cp1256")
    encoding = f' encoding="{declaration}"' if declaration else ""
    return text.replace(' encoding="windows-1256"', encoding).encode("utf-8")


@pytest.mark.parametrize("charset", ["base64", "rot13", "zlib"])
async def test_charset_that_names_no_text_encoding_is_ignored(
    db: Database, serve: object, charset: str
) -> None:
    """Python knows these names as codecs, but they turn bytes into bytes, not into text."""
    url = serve(_utf8_feed(""), f"application/rss+xml; charset={charset}")
    report, lines = await _ingest(db, url, allow=["127.0.0.1"])
    assert (report.ingested, lines) == (2, [])


async def test_xml_declaration_that_names_no_text_encoding_is_ignored(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(_utf8_feed("rot13"))
    report, lines = await _ingest(db, path)
    assert (report.ingested, lines) == (2, [])


@pytest.mark.parametrize(("charset", "declaration"), [("windows-1251", ""), ("", "koi8-r"), ("", "cp720")])
async def test_valid_utf8_wins_over_a_declared_single_byte_charset(
    db: Database, serve: object, charset: str, declaration: str
) -> None:
    """Servers set up for another language call everything windows-1251 or KOI8-R; Arabic in UTF-8
    decoded so gives Cyrillic or box drawings that no Arabic signature catches. Text that is valid
    UTF-8 with multi-byte characters in it is UTF-8: no real text in a one-byte charset is."""
    content_type = "application/rss+xml" + (f"; charset={charset}" if charset else "")
    url = serve(_utf8_feed(declaration), content_type)
    report, lines = await _ingest(db, url, allow=["127.0.0.1"])
    assert (report.ingested, lines) == (2, [])
    assert sorted(await _titles(db)) == sorted([HOSPITAL, WHEAT])
    sources = await db.fetchall("SELECT name FROM sources")
    assert [row["name"] for row in sources] == ["أخبار الشمال"]


@pytest.mark.parametrize("declaration", ["", "windows-1256", "UTF-8"])
async def test_entries_in_different_charsets_are_each_decoded_right(
    db: Database, tmp_path: Path, declaration: str
) -> None:
    """Feeds assembled from rows stored over the years: one entry in UTF-8, the next in windows-1256."""
    text = _utf8_feed(declaration).decode("utf-8")
    second = text.index("<item>", text.index("<item>") + 1)
    path = tmp_path / "feed.xml"
    path.write_bytes(text[:second].encode("utf-8") + text[second:].encode("cp1256"))
    report, lines = await _ingest(db, path)
    assert (report.ingested, lines) == (2, [])
    assert sorted(await _titles(db)) == sorted([HOSPITAL, WHEAT])


async def test_one_invalid_byte_replaces_only_that_byte(
    db: Database, shared_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    case = shared_dir / "cases" / "04_utf8_one_invalid_byte.xml"
    offset = case.read_bytes().index(b"\xff")
    with caplog.at_level(logging.WARNING, logger="nashra.articles.feeds"):
        report, lines = await _ingest(db, case)
    assert (report.ingested, lines) == (2, [])
    assert sorted(await _titles(db)) == sorted(["افتتاح طريق جديد في درعا", "مدارس درعا"])
    texts = await _texts(db)
    assert "بعد أشهر من العمل." in texts and "الكتب \ufffd والمقاعد" in texts
    assert texts.count("\ufffd") == 1
    assert f"invalid UTF-8 byte 0xff at offset {offset} replaced" in caplog.text


async def test_item_still_garbled_is_rejected_naming_it_and_nothing_garbled_is_stored(db: Database) -> None:
    report, lines = await _ingest(db, WILD / "double_encoded_item.xml")
    assert report.ingested == 1 and await _titles(db) == [HOSPITAL]
    [line] = lines
    assert line.startswith(
        f"{WILD / 'double_encoded_item.xml'} entry 2 (https://north.example/2): text is garbled"
    )
    assert "Ø" not in await _texts(db)


# -- identity -------------------------------------------------------------------------------------


async def test_same_guid_with_new_link_and_title_is_one_story_updated_in_place(
    db: Database, shared_dir: Path
) -> None:
    first, _ = await _ingest(db, shared_dir / "cases" / "05_same_guid_fetch1.xml")
    second, _ = await _ingest(db, shared_dir / "cases" / "05_same_guid_fetch2.xml")
    assert (first.ingested, second.ingested, second.updated) == (1, 0, 1)
    rows = await db.fetchall("SELECT title, url FROM articles")
    assert [tuple(row) for row in rows] == [
        ("افتتاح طريق جديد في مدينة درعا", "https://ex.org/2025/05/road-daraa-opened")
    ]


async def test_an_edited_story_is_not_owed_again_as_new(db: Database, shared_dir: Path) -> None:
    config = Config()
    with time_machine.travel(datetime.now(UTC), tick=True) as clock:
        await _ingest(db, shared_dir / "cases" / "05_same_guid_fetch1.xml")
        first = "\n".join(await preview(db, config, ["SY-DR"]))
        delivered_at = datetime.now(UTC)
        # The edit comes after the digest went out.
        clock.shift(timedelta(seconds=1.1))
        await _ingest(db, shared_dir / "cases" / "05_same_guid_fetch2.xml")
        later = await preview(db, config, ["SY-DR"], since=delivered_at)
    assert "افتتاح طريق جديد" in first and later == []


def _wordpress_feed(link: str, title: str, text: str) -> bytes:
    """A WordPress feed left with the address it was built under: its <link> and guids name localhost."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>'
        f"<link>http://localhost/</link><item><title>{title}</title><link>{link}</link>"
        f'<guid isPermaLink="false">http://localhost/?p=12</guid><description>{text}</description>'
        "</item></channel></rss>"
    ).encode()


async def test_the_same_guid_from_two_sites_is_two_stories(db: Database, serve: object) -> None:
    """A guid is scoped to where the feed was fetched from, not only to the site its <link> claims:
    two sites whose feeds claim the same <link> keep their stories apart."""
    north = serve(
        _wordpress_feed(
            "https://north.example/hospital", HOSPITAL, "افتتحت مديرية الصحة في حلب مستشفى جديدا."
        ),
        "application/rss+xml",
    )
    east = serve(
        _wordpress_feed("https://east.example/wheat", WHEAT, "بدأ المزارعون في الحسكة حصاد القمح."),
        "application/rss+xml",
    )
    report, lines = await _ingest(db, north, east, allow=["127.0.0.1"])
    assert (report.ingested, report.updated, lines) == (2, 0, [])
    assert sorted(await _titles(db)) == sorted([HOSPITAL, WHEAT])


def _feed(link: str, title: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>'
        f"<item><title>{title}</title><link>{link}</link>"
        "<description>بدأ المزارعون في الحسكة حصاد القمح وسط توقعات بإنتاج أفضل من العام الماضي."
        "</description>"
        "</item></channel></rss>"
    ).encode()


async def test_tracking_parameters_do_not_make_a_new_story(db: Database, tmp_path: Path) -> None:
    plain, tracked = tmp_path / "a.xml", tmp_path / "b.xml"
    plain.write_bytes(_feed("https://north.example/wheat", WHEAT))
    tracked.write_bytes(
        _feed("https://NORTH.example:443/wheat?utm_source=newsletter&amp;fbclid=abc#top", WHEAT + " (محدث)")
    )
    first, _ = await _ingest(db, plain)
    second, _ = await _ingest(db, tracked)
    assert (first.ingested, second.ingested, second.updated) == (1, 0, 1)
    rows = await db.fetchall("SELECT url FROM articles")
    assert [row["url"] for row in rows] == ["https://north.example/wheat"]


async def test_stories_told_apart_only_by_a_fragment_route_stay_two_stories(
    db: Database, tmp_path: Path
) -> None:
    """Sites that route in the fragment ("#!/news/1", "#/article/2") give every story the same URL
    before the "#"; dropping the fragment made each new story an edit of the last one, never sent."""
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    first.write_bytes(_feed("https://north.example/#!/news/1", HOSPITAL))
    second.write_bytes(
        _feed("https://north.example/#!/news/2", WHEAT).replace(
            "بدأ المزارعون".encode(), "شرع الفلاحون".encode()
        )
    )
    await _ingest(db, first)
    report, _ = await _ingest(db, second)
    assert report.ingested == 1
    rows = await db.fetchall("SELECT url FROM articles ORDER BY id")
    assert [row["url"] for row in rows] == [
        "https://north.example/#!/news/1",
        "https://north.example/#!/news/2",
    ]


async def test_a_fragment_that_only_names_a_place_on_the_page_is_dropped(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "a.xml"
    path.write_bytes(_feed("https://north.example/wheat#comments", WHEAT))
    await _ingest(db, path)
    assert [row["url"] for row in await db.fetchall("SELECT url FROM articles")] == [
        "https://north.example/wheat"
    ]


async def test_bidi_controls_in_a_link_are_percent_encoded(db: Database, tmp_path: Path) -> None:
    """A right-to-left override in a link turns what Telegram shows before opening it ("gpj.exe")."""
    path = tmp_path / "a.xml"
    path.write_bytes(_feed("https://north.example/\u202egpj.exe?\u2066x=\u200b1", WHEAT))
    await _ingest(db, path)
    [row] = await db.fetchall("SELECT url FROM articles")
    assert row["url"] == "https://north.example/%E2%80%AEgpj.exe?%E2%81%A6x=%E2%80%8B1"


# -- dates ----------------------------------------------------------------------------------------


async def test_old_items_are_stored_but_not_owed_and_future_ones_do_not_push_today_out(
    db: Database, shared_dir: Path
) -> None:
    fetched = datetime.now(UTC).replace(microsecond=0)
    report, _ = await _ingest(db, shared_dir / "cases" / "06_old_and_future_items.xml")
    assert report.ingested == 3
    dates = {
        row["url"]: row["published_at"] for row in await db.fetchall("SELECT url, published_at FROM articles")
    }
    assert dates["https://ex.org/old"].startswith("2019-06-04")
    assert fetched <= datetime.fromisoformat(dates["https://ex.org/future"]) <= datetime.now(UTC)
    config = Config()
    config.delivery.max_items_per_digest = 1
    digest = "\n".join(await preview(db, config, ["SY-DR"]))
    assert "مستشفى درعا الوطني" in digest
    assert "مهرجان" not in digest and "2019" not in digest and "قصف" not in digest


@pytest.mark.parametrize(
    "date",
    [
        "0000-00-00 00:00:00",
        "0000-00-00T00:00:00+00:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-12:00",
    ],
)
async def test_a_date_outside_the_calendar_is_no_date(db: Database, tmp_path: Path, date: str) -> None:
    """MySQL's zero date, written by many PHP feeds for "no date", and the calendar's very edges."""
    feed = tmp_path / "zero.xml"
    feed.write_bytes(
        _feed("https://north.example/olives", "موسم الزيتون في إدلب").replace(
            b"</link>", f"</link><pubDate>{date}</pubDate>".encode()
        )
    )
    report, lines = await _ingest(db, feed, WILD / "cp1256_declared.xml")
    assert (report.ingested, lines) == (3, [])


async def test_a_new_feeds_backlog_is_stored_but_not_owed(db: Database, tmp_path: Path) -> None:
    old = (datetime.now(UTC) - timedelta(days=4)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    feed = tmp_path / "backlog.xml"
    feed.write_bytes(
        _feed("https://north.example/wheat", WHEAT).replace(
            b"</link>", f"</link><pubDate>{old}</pubDate>".encode()
        )
    )
    report, _ = await _ingest(db, feed)
    assert report.ingested == 1
    assert await preview(db, Config(), ["SY-HA"]) == []
    config = Config()
    config.delivery.max_age_days = 5
    assert await preview(db, config, ["SY-HA"]) != []


# -- hostile text and links ------------------------------------------------------------------------


async def test_bidi_overrides_and_isolates_are_stripped_from_titles_and_text(db: Database) -> None:
    await _ingest(db, WILD / "hostile_text_and_links.xml")
    stored = await _texts(db)
    assert "عاجل حلب: افتتاح سوق جديد" in stored
    assert not any(mark in stored for mark in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b")


async def test_summaries_are_stored_without_bidi_overrides(db: Database) -> None:
    await SummaryStore(db).put_many("m", [("h1", "\u202eملخص\u202c \u200fمع علامة", "extractive")])
    [row] = await db.fetchall("SELECT summary FROM summaries")
    assert row["summary"] == "ملخص \u200fمع علامة"


def _titled(title: str) -> bytes:
    return _feed("https://north.example/wheat", title)


async def test_emoji_written_as_a_surrogate_pair_of_references_is_read(db: Database, tmp_path: Path) -> None:
    """Feeds escaped by JavaScript or Java write 😀 as two UTF-16 halves, "&#55357;&#56832;"."""
    path = tmp_path / "emoji.xml"
    path.write_bytes(_titled(f"{WHEAT} &#55357;&#56832;"))
    report, lines = await _ingest(db, path)
    assert (report.ingested, lines) == (1, [])
    assert await _titles(db) == [f"{WHEAT} \U0001f600"]


@pytest.mark.parametrize("reference", ["&#xD800;", "&#56832;", "&#x110000;", "&#99999999999;"])
async def test_a_reference_to_no_character_is_replaced_and_the_run_goes_on(
    db: Database, tmp_path: Path, reference: str
) -> None:
    path = tmp_path / "bad_reference.xml"
    path.write_bytes(_titled(f"{WHEAT} {reference}"))
    report, lines = await _ingest(db, path, WILD / "cp1256_declared.xml")
    assert (report.ingested, lines) == (3, [])
    assert f"{WHEAT} \ufffd" in await _titles(db)


async def test_a_feed_the_parser_fails_on_is_one_rejected_input(db: Database, tmp_path: Path) -> None:
    """feedparser's loose parser raises KeyError on a <channel> inside an item's <link>."""
    path = tmp_path / "broken.xml"
    path.write_bytes(b'<rss version="2.0"><channel><item><link><channel></item></link></channel></rss>')
    report, lines = await _ingest(db, path, WILD / "cp1256_declared.xml")
    assert report.ingested == 2
    assert len(lines) == 1 and lines[0].startswith(f"{path}: ")


async def test_only_http_links_are_kept(db: Database) -> None:
    report, _ = await _ingest(db, WILD / "hostile_text_and_links.xml")
    assert report.ingested == 2
    rows = await db.fetchall("SELECT url FROM articles")
    assert [row["url"] for row in rows] == [None, None]
    digest = "\n".join(await preview(db, Config(), ["SY-HL"]))
    assert "javascript:" not in digest and "data:" not in digest


def test_checking_a_large_feed_for_mojibake_keeps_no_copy_per_letter() -> None:
    """A feed may be as large as [ingest] max_bytes (10 MB). Counting its letters by listing them took
    about 40 bytes per letter (400 MB for a 10 MB feed, enough to kill a small server)."""
    import tracemalloc

    from nashra.articles.feeds import decode_feed

    data = _utf8_feed("").replace("بدأ المزارعون".encode(), ("ن" * 500_000).encode())
    tracemalloc.start()
    try:
        decode_feed(data, "large.xml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 6 * len(data), f"{peak / len(data):.1f} bytes per byte of feed"


def test_a_feed_cut_off_between_items_is_read_as_far_as_it_goes_and_said(
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = WILD / "cut_between_items.xml"
    with caplog.at_level(logging.WARNING):
        read = read_article_file(path, 100_000)
    assert len(read) == 2
    [warning] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning == (
        f"{path}: feed cut short (it ends before its closing tag: a download or a copy stopped early); "
        "2 entries found before the cut"
    )


def test_the_last_entry_of_a_feed_cut_inside_it_is_cut_short_with_the_feed() -> None:
    path = WILD / "cut_inside_an_item.xml"
    read = read_article_file(path, 100_000)
    assert str(read[-1]) == (
        f"{path} entry 2 (https://example.org/3): cut short with the feed before its text "
        "(a download or a copy stopped early)"
    )


@pytest.mark.parametrize(
    "name", ["cut_inside_a_character_utf16le.xml", "cut_inside_a_character_utf16be_no_bom.xml"]
)
def test_a_utf16_feed_cut_inside_a_character_is_read_as_far_as_it_goes(name: str) -> None:
    # The feed of cut_between_items.xml saved as UTF-16, its last character's second byte lost.
    read = read_article_file(WILD / name, 100_000)
    assert [entry.title for entry in read if isinstance(entry, Article)] == ["أمطار غزيرة في جدة"] * 2


@pytest.mark.parametrize("name", ["empty.rss", "empty.atom", "empty.txt"])
def test_a_feed_file_with_no_entries_is_refused_as_an_empty_folder_or_json_list_is(
    name: str, tmp_path: Path
) -> None:
    # It was read as nothing: "ingested 0, rejected 0" and exit status 0.
    path = tmp_path / name
    if name == "empty.atom":
        path.write_text(
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار</title></feed>', encoding="utf-8"
        )
    else:
        path.write_text("<rss version='2.0'><channel><title>أخبار</title></channel></rss>", encoding="utf-8")
    [refused] = read_article_file(path, 1_000_000)
    assert str(refused) == f"{path}: the feed holds no entries"
