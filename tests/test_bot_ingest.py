"""/ingest through the real bot: the admin reads what happened to the feed, never its password, and
reads why an entry was rejected in the chat's language."""

from __future__ import annotations

import re
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from nashra.config import Config
from tests.bot_harness import ADMIN, BotHarness, running_bot

# Loopback is refused to feed fetches (no allow_hosts here), so the fetch fails naming the URL.
FEED = "http://reader:s3cretpassw0rd@127.0.0.1:9/feed.rss"


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_ingest_of_a_feed_with_credentials_never_shows_them(harness: BotHarness) -> None:
    await harness.say(ADMIN, f"/ingest {FEED}", count=2)  # "started", then the report

    started, done = [message.plain_text for message in harness.api.sent_to(ADMIN)[-2:]]
    assert "http://***@127.0.0.1:9/feed.rss" in started
    assert "http://***@127.0.0.1:9/feed.rss" in done
    assert "s3cretpassw0rd" not in started + done


async def test_ingest_of_a_feed_with_a_key_in_its_address_never_shows_the_key(harness: BotHarness) -> None:
    await harness.say(ADMIN, "/ingest http://127.0.0.1:9/feed.rss?lang=ar&apikey=k3yk3yk3y", count=2)

    started, done = [message.plain_text for message in harness.api.sent_to(ADMIN)[-2:]]
    assert "http://127.0.0.1:9/feed.rss?lang=ar&apikey=***" in started
    assert "k3yk3yk3y" not in started + done


# A feed whose second entry has no title: that entry is rejected, the first is stored.
FEED_XML = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>عنب بلدي</title><link>https://example.org/</link>
<item><title>افتتاح مدرسة في حلب</title><link>https://example.org/a</link>
<description>افتتحت مدرسة جديدة في حلب اليوم بعد ترميمها.</description></item>
<item><title></title><link>https://example.org/b</link>
<description>نص بلا عنوان عن درعا.</description></item>
</channel></rss>""".encode()


@pytest.fixture
def feed_host() -> Iterator[str]:
    """A local feed host: /feed.rss is the feed above, anything else is a 404."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            found = self.path == "/feed.rss"
            body = FEED_XML if found else b"not found"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "application/rss+xml" if found else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _loopback_allowed(config: Config) -> None:
    config.ingest.allow_hosts = ["127.0.0.1"]


def _latin_words(reply: str) -> list[str]:
    """English words of a reply, once the addresses in it are taken out."""
    return re.findall(r"[A-Za-z]{2,}", re.sub(r"https?://\S*", "", reply))


async def test_ingest_of_an_address_without_a_host_says_so_in_arabic(harness: BotHarness) -> None:
    done = await harness.say(ADMIN, "/ingest http://", count=2)

    assert "ليس عنوان موجز صالحاً: لا يذكر اسم خادم" in done.plain_text
    assert _latin_words(done.plain_text) == []


async def test_ingest_of_an_address_without_a_host_says_so_in_english_on_request(harness: BotHarness) -> None:
    await harness.say(ADMIN, "/lang en")

    done = await harness.say(ADMIN, "/ingest http://", count=2)

    assert "not a usable feed address: it names no host" in done.plain_text


async def test_a_rejected_feed_entry_is_named_and_explained_in_arabic(tmp_path: Path, feed_host: str) -> None:
    async with running_bot(tmp_path, configure=_loopback_allowed) as harness:
        done = await harness.say(ADMIN, f"/ingest {feed_host}/feed.rss", count=2)

    assert "جديد 1" in done.plain_text and "مرفوض 1" in done.plain_text
    assert f"• {feed_host}/feed.rss الخبر 2 (https://example.org/b): بلا عنوان" in done.plain_text
    assert _latin_words(done.plain_text) == []


async def test_a_feed_the_server_does_not_have_is_explained_in_arabic(tmp_path: Path, feed_host: str) -> None:
    async with running_bot(tmp_path, configure=_loopback_allowed) as harness:
        done = await harness.say(ADMIN, f"/ingest {feed_host}/gone.rss", count=2)

    # The server's own words ("Not Found") are quoted as code; everything else is Arabic.
    assert f"• {feed_host}/gone.rss: أجاب الخادم بالرمز HTTP 404 <code>Not Found</code>" in done.text
