"""Feeds as they come from the wild: character sets, broken bytes, edited items, odd dates, hostile text.

Each test stores what a real feed sent (the field cases in ../shared/cases, or variants of their kind in
tests/data/feeds_wild) through the real ingest pipeline, then reads the database or the digest a
subscriber would be owed.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from nashra.articles.ingest import IngestReport, ingest, plan
from nashra.config import Config, IngestConfig
from nashra.digest import preview
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


async def test_xml_declaration_decides_for_a_file(db: Database) -> None:
    report, lines = await _ingest(db, WILD / "cp1256_declared.xml")
    assert (report.ingested, lines) == (2, [])
    assert sorted(await _titles(db)) == sorted([HOSPITAL, WHEAT])


async def test_byte_order_mark_decides(db: Database) -> None:
    report, lines = await _ingest(db, WILD / "utf16_bom.xml")
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
    await _ingest(db, shared_dir / "cases" / "05_same_guid_fetch1.xml")
    first = "\n".join(await preview(db, config, ["SY-DR"]))
    delivered_at = datetime.now(UTC)
    await asyncio.sleep(1.1)  # times are stored to the second: the edit comes after the digest went out
    await _ingest(db, shared_dir / "cases" / "05_same_guid_fetch2.xml")
    later = await preview(db, config, ["SY-DR"], since=delivered_at)
    assert "افتتاح طريق جديد" in first and later == []


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


async def test_only_http_links_are_kept(db: Database) -> None:
    report, _ = await _ingest(db, WILD / "hostile_text_and_links.xml")
    assert report.ingested == 2
    rows = await db.fetchall("SELECT url FROM articles")
    assert [row["url"] for row in rows] == [None, None]
    digest = "\n".join(await preview(db, Config(), ["SY-HL"]))
    assert "javascript:" not in digest and "data:" not in digest
