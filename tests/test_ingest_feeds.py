"""RSS/Atom feeds: parsing entries, HTML to text, and fetching from a real local HTTP server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from nashra.articles.errors import ArticleError
from nashra.articles.feeds import html_to_text, parse_feed
from nashra.cli import main
from nashra.config import IngestConfig
from nashra.model import Article
from nashra.storage import Database
from nashra.storage.articles import ArticleStore

DATA = Path(__file__).resolve().parent / "data" / "articles" / "feeds"
RSS = (DATA / "news.rss").read_bytes()
ETAG = '"rss-v1"'
MAX_BYTES = 200_000


class FeedServer:
    """A local HTTP server answering like the feed hosts Nashra meets: good, slow, HTML, too big."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.requests: list[tuple[str, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/feed.rss":
                    if self.headers.get("If-None-Match") == ETAG:
                        self.send_response(304)
                        self.end_headers()
                        return
                    self._send(200, "application/rss+xml", RSS, {"ETag": ETAG})
                elif self.path == "/page.html":
                    self._send(200, "text/html; charset=utf-8", "<html><body>مرحبا</body></html>".encode())
                elif self.path == "/page-as-xml":
                    self._send(200, "application/xml", b"<!DOCTYPE html><html><body>hi</body></html>")
                elif self.path == "/slow":
                    server.release.wait(10)
                    self._send(200, "application/rss+xml", RSS)
                elif self.path == "/big":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.end_headers()
                    chunk = b"<!-- padding -->" * 4096
                    for _ in range(MAX_BYTES // len(chunk) + 2):
                        self.wfile.write(chunk)
                elif self.path == "/big-declared":
                    self._send(200, "application/rss+xml", b"x" * (MAX_BYTES + 1))
                else:
                    self._send(404, "text/plain", b"not found")

            def _send(
                self, status: int, kind: str, body: bytes, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()


def test_rss_entries_become_articles_with_source_link_and_time() -> None:
    first, second = parse_feed(RSS, "news.rss")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.source, first.url) == ("عنب بلدي", "https://feeds.example.org/aleppo-schools")
    assert first.author == "فريق التحرير"
    assert first.published_at is not None and first.published_at.isoformat() == "2023-11-06T06:15:00+00:00"
    assert [s.heading for s in first.sections] == [None, "نقص في الكوادر"]
    assert "track" not in first.sections[-1].text


def test_atom_entries_use_content_or_summary() -> None:
    first, second = parse_feed((DATA / "news.atom").read_bytes(), "news.atom")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.author == "مراسل الخرطوم"
    assert [s.heading for s in first.sections] == [None, "أوضاع إنسانية صعبة"]
    assert second.sections[0].text.startswith("أعلنت سلطة الطيران المدني")


def test_html_paragraphs_stay_paragraphs_and_entities_are_decoded() -> None:
    html = "<p>الفقرة&nbsp;الأولى &amp; التالية</p><div>ثانية<br>ثالثة</div><style>p{}</style>"
    assert html_to_text(html) == "الفقرة الأولى & التالية\nثانية\nثالثة"


def test_html_page_is_not_a_feed() -> None:
    [error] = parse_feed(b"<!DOCTYPE html><html><body>x</body></html>", "page.xml")
    assert str(error) == "page.xml: an HTML page, not an RSS or Atom feed"


def test_xml_that_is_no_feed_is_rejected() -> None:
    [error] = parse_feed(b"<?xml version='1.0'?><note>x</note>", "note.xml")
    assert isinstance(error, ArticleError)
    assert str(error).startswith("note.xml: not an RSS or Atom feed")


async def ingest_urls(db: Database, urls: list[str], timeout_s: float = 2.0) -> tuple[object, list[str]]:
    from nashra.articles.ingest import ingest

    lines: list[str] = []
    # The test server listens on loopback, which feed fetches refuse unless the operator allows it.
    config = IngestConfig(http_timeout_s=timeout_s, max_bytes=MAX_BYTES, allow_hosts=["127.0.0.1"])
    report = await ingest(db, urls, config, on_reject=lines.append)
    return report, lines


async def test_feed_url_is_ingested_and_its_etag_stored(db: Database, feed_server: FeedServer) -> None:
    report, lines = await ingest_urls(db, [f"{feed_server.url}/feed.rss"])
    assert (report.ingested, lines) == (2, [])
    state = await ArticleStore(db).feed_state(f"{feed_server.url}/feed.rss")
    assert state is not None and (state.etag, state.last_status) == (ETAG, "200")


async def test_second_fetch_sends_the_etag_and_a_304_means_nothing_new(
    db: Database, feed_server: FeedServer
) -> None:
    url = f"{feed_server.url}/feed.rss"
    await ingest_urls(db, [url])
    report, lines = await ingest_urls(db, [url])
    assert feed_server.requests[-1] == ("/feed.rss", ETAG)
    assert (report.ingested, report.unchanged, report.not_modified_feeds, lines) == (0, 0, 1, [])


async def test_url_answering_html_is_one_rejected_line(db: Database, feed_server: FeedServer) -> None:
    _, lines = await ingest_urls(db, [f"{feed_server.url}/page.html"])
    assert lines == [
        f"{feed_server.url}/page.html: answered an HTML page (text/html), not an RSS or Atom feed"
    ]


async def test_html_served_as_xml_is_rejected(db: Database, feed_server: FeedServer) -> None:
    _, lines = await ingest_urls(db, [f"{feed_server.url}/page-as-xml"])
    assert lines == [f"{feed_server.url}/page-as-xml: an HTML page, not an RSS or Atom feed"]


async def test_feed_that_times_out_is_rejected(db: Database, feed_server: FeedServer) -> None:
    _, lines = await ingest_urls(db, [f"{feed_server.url}/slow"], timeout_s=0.3)
    assert lines == [f"{feed_server.url}/slow: timed out (no answer within 0.3 s)"]


async def test_feed_larger_than_the_cap_is_cut_off_while_streaming(
    db: Database, feed_server: FeedServer
) -> None:
    _, lines = await ingest_urls(db, [f"{feed_server.url}/big"])
    assert lines == [f"{feed_server.url}/big: feed is too large (more than [ingest] max_bytes = 200.0 kB)"]


async def test_declared_size_over_the_cap_is_refused_before_reading(
    db: Database, feed_server: FeedServer
) -> None:
    _, lines = await ingest_urls(db, [f"{feed_server.url}/big-declared"])
    assert lines == [
        f"{feed_server.url}/big-declared: feed is too large ({MAX_BYTES + 1} bytes, "
        "more than [ingest] max_bytes = 200.0 kB)"
    ]


async def test_http_error_status_is_rejected(db: Database, feed_server: FeedServer) -> None:
    _, lines = await ingest_urls(db, [f"{feed_server.url}/gone"])
    assert lines == [f"{feed_server.url}/gone: server answered HTTP 404 Not Found"]


def test_cli_reports_each_bad_url_and_still_ingests_the_good_items(
    tmp_path: Path, feed_server: FeedServer, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "nashra.toml"
    config.write_text(
        f'[ingest]\nhttp_timeout_s = 0.3\nmax_bytes = {MAX_BYTES}\nallow_hosts = ["127.0.0.1"]\n'
    )
    urls = [f"{feed_server.url}/{name}" for name in ("feed.rss", "page.html", "slow")]
    text = str(data_dir / "articles/text/yemen_taiz.txt")
    status = main(["-c", str(config), "ingest", "--db", str(tmp_path / "n.db"), *urls, text])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.strip() == "ingested 3, unchanged 0, updated 0, rejected 2"
    rejected = [line for line in err.splitlines() if line.startswith("rejected ")]
    assert rejected == [
        f"rejected {urls[1]}: answered an HTML page (text/html), not an RSS or Atom feed",
        f"rejected {urls[2]}: timed out (no answer within 0.3 s)",
    ]


def test_a_feed_description_opening_with_a_bold_place_and_outlet_dateline_leaves_the_lead_clean() -> None:
    rss = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>'
        "<link>https://example.com/</link><item><title>أمطار غزيرة على جدة</title>"
        "<link>https://example.com/a</link><description><![CDATA[<p><strong>جدة – سبق:</strong> شهدت "
        "محافظة جدة أمطاراً غزيرة صباح اليوم، وأعلن الدفاع المدني تعليق الدراسة.</p>]]></description>"
        "</item></channel></rss>"
    ).encode()
    [article] = parse_feed(rss, "news.rss")
    assert isinstance(article, Article)
    assert article.sections[0].text.startswith("شهدت محافظة جدة")
