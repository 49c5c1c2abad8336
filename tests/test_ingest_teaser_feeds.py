"""Teaser feeds: an opt-in per feed to read each new entry's linked page instead of its teaser."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from nashra.articles.ingest import ingest
from nashra.config import IngestConfig
from nashra.storage import Database
from nashra.storage.articles import ArticleStore

PAGE = (Path(__file__).resolve().parent / "data/articles/html/aleppo_page.html").read_bytes()
MAX_BYTES = 50_000
# The test site runs on loopback, which feeds may only reach when the operator allows it.
LOCAL = ["127.0.0.1"]
TEASER = "عادت الكهرباء إلى أحياء في حلب بعد انقطاع طويل."


def rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><description>{TEASER}</description></item>"
        for title, path in (
            ("عودة الكهرباء إلى حلب", "/story.html"),
            ("خبر بلا صفحة", "/gone.html"),
            ("خبر بصفحة ضخمة", "/big.html"),
        )
    )
    channel = f"<channel><title>شبكة الشام</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


class Site:
    """A local news site: a teaser feed, one article page, one missing page and one oversized page."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.paths.append(self.path)
                if self.path == "/feed.rss":
                    self._send(200, "application/rss+xml", rss(site.url))
                elif self.path == "/story.html":
                    self._send(200, "text/html; charset=utf-8", PAGE)
                elif self.path == "/big.html":
                    self._send(200, "text/html", b" " * (MAX_BYTES + 1))
                else:
                    self._send(404, "text/plain", b"not found")

            def _send(self, status: int, kind: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    try:
        yield server
    finally:
        server.close()


async def headings_by_url(db: Database) -> dict[str, list[str | None]]:
    store = ArticleStore(db)
    rows = await db.fetchall("SELECT id, url FROM articles")
    return {row["url"]: [s.heading for s in await store.sections_of(int(row["id"]))] for row in rows}


async def test_entries_of_a_teaser_feed_take_the_text_of_their_page(db: Database, site: Site) -> None:
    feed = f"{site.url}/feed.rss"
    config = IngestConfig(max_bytes=MAX_BYTES, http_timeout_s=5, full_page_feeds=[feed], allow_hosts=LOCAL)
    report = await ingest(db, [feed], config)
    stored = await headings_by_url(db)
    assert (report.ingested, report.rejected) == (3, [])
    assert stored[f"{site.url}/story.html"] == [None, "خطة لتأهيل المحطات", "ترحيب الأهالي"]


@pytest.mark.parametrize("path", ["/gone.html", "/big.html"])
async def test_an_entry_whose_page_is_missing_or_over_the_size_cap_keeps_its_teaser(
    db: Database, site: Site, path: str
) -> None:
    feed = f"{site.url}/feed.rss"
    config = IngestConfig(max_bytes=MAX_BYTES, http_timeout_s=5, full_page_feeds=[feed], allow_hosts=LOCAL)
    await ingest(db, [feed], config)
    store = ArticleStore(db)
    article_id = await store.article_id_by_url(f"{site.url}{path}")
    assert article_id is not None
    assert [s.text for s in await store.sections_of(article_id)] == [TEASER]


async def test_pages_are_not_fetched_for_feeds_not_opted_in(db: Database, site: Site) -> None:
    feed = f"{site.url}/feed.rss"
    await ingest(db, [feed], IngestConfig(max_bytes=MAX_BYTES, http_timeout_s=5, allow_hosts=LOCAL))
    assert site.paths == ["/feed.rss"]


async def test_stored_entries_are_not_fetched_again(db: Database, site: Site) -> None:
    feed = f"{site.url}/feed.rss"
    config = IngestConfig(max_bytes=MAX_BYTES, http_timeout_s=5, full_page_feeds=[feed], allow_hosts=LOCAL)
    await ingest(db, [feed], config)
    site.paths.clear()
    await ingest(db, [feed], config)
    assert site.paths == ["/feed.rss"]


async def test_a_stored_entry_keeps_the_text_of_its_page_when_the_feed_is_read_again(
    db: Database, site: Site
) -> None:
    feed = f"{site.url}/feed.rss"
    config = IngestConfig(max_bytes=MAX_BYTES, http_timeout_s=5, full_page_feeds=[feed], allow_hosts=LOCAL)
    await ingest(db, [feed], config)
    again = await ingest(db, [feed], config)
    stored = await headings_by_url(db)
    assert (again.updated, again.unchanged) == (0, 3)
    assert stored[f"{site.url}/story.html"] == [None, "خطة لتأهيل المحطات", "ترحيب الأهالي"]
