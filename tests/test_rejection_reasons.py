"""Why an input was rejected: one code per reason, worded by the catalogue in each language, so the
command line reads English and a chat reads its own language (nashra.articles.errors)."""

from __future__ import annotations

import html
import ipaddress
import re
import socket
from pathlib import Path

import pytest

from nashra.articles.errors import ArticleError, EntryPlace, Term, address_term, describe
from nashra.articles.feeds import fetch_feed, http_client, parse_feed
from nashra.config import IngestConfig
from nashra.netguard import AddressPolicy
from nashra.texts import AR, EN

ARTICLES = Path(__file__).resolve().parent.parent / "nashra" / "articles"
# The modules a feed fetched by /ingest passes through: every reason they give has a code.
FEED_PATH = ("feeds.py", "htmlpage.py", "ingest.py", "errors.py")
_BARE = re.compile(r"ArticleError\(\s*f?[\"']")
_CODE = re.compile(r"ArticleError\.because\(\s*[^,]+,\s*f?\"(\w+)\"")

NO_TITLE = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title></title><link>https://example.org/b</link><description>نص عن درعا.</description></item>
</channel></rss>""".encode()


def test_no_reason_on_the_feed_path_is_a_bare_english_message() -> None:
    bare = [name for name in FEED_PATH if _BARE.search((ARTICLES / name).read_text(encoding="utf-8"))]
    assert bare == []


def test_every_reason_code_has_arabic_and_english_wording() -> None:
    codes = {
        code for path in ARTICLES.glob("*.py") for code in _CODE.findall(path.read_text(encoding="utf-8"))
    }
    assert codes
    assert sorted(code for code in codes if f"reject_{code}" not in AR or f"reject_{code}" not in EN) == []


def test_the_command_line_keeps_its_english_line() -> None:
    (error,) = parse_feed(NO_TITLE, "feed.xml")

    assert str(error) == "feed.xml entry 1 (https://example.org/b): has no title"


def test_a_chat_reads_the_entry_and_its_reason_in_arabic() -> None:
    (error,) = parse_feed(NO_TITLE, "feed.xml")

    assert isinstance(error, ArticleError) and isinstance(error.where, EntryPlace)
    assert describe("ar", error, html.escape) == "feed.xml الخبر 1 (https://example.org/b): بلا عنوان"


def test_pieces_from_outside_are_cleaned_but_catalogue_words_are_not() -> None:
    error = ArticleError.because("<feed>", "request_failed", kind="ConnectError", detail="a < b")

    assert (
        describe("ar", error, html.escape) == "&lt;feed&gt;: فشل الطلب: <code>ConnectError: a &lt; b</code>"
    )


def test_a_list_of_character_sets_is_joined_with_the_languages_or() -> None:
    error = ArticleError.because("feed.xml", "garbled_feed", charsets=["utf-8", "windows-1256"])

    assert str(error) == "feed.xml: the feed decodes to garbled text as utf-8 or windows-1256"
    assert describe("ar", error, str) == "feed.xml: نص الموجز مشوّه بالترميز utf-8 أو windows-1256"


@pytest.mark.parametrize(
    "address",
    [
        "0.0.0.0",
        "127.0.0.1",
        "169.254.169.254",
        "fec0::1",
        "224.0.0.1",
        "100.64.0.1",
        "240.0.0.1",
        "10.0.0.1",
    ],
)
def test_every_refused_address_kind_is_worded_in_arabic_and_english(address: str) -> None:
    refused = AddressPolicy().refused(address, ipaddress.ip_address(address))

    assert refused is not None
    assert address_term(refused.kind) in AR and address_term(refused.kind) in EN


def test_a_refused_address_reads_in_arabic_without_english_words() -> None:
    refused = AddressPolicy().refused("localhost", ipaddress.ip_address("127.0.0.1"))
    assert refused is not None
    error = ArticleError.because(
        "http://localhost/feed", "unsafe_address", host=refused.host, kind=Term(address_term(refused.kind))
    )

    line = describe("ar", error, html.escape)

    assert line.startswith("http://localhost/feed: رفضت الاتصال بـ <code>localhost (127.0.0.1)</code>: عنوان")
    assert "refused" not in line and "loopback" not in line


async def _unknown_host(host: str, port: int, **_: object) -> list[object]:
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


async def test_a_host_that_resolves_to_nothing_is_named_in_arabic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nashra.netguard.anyio.getaddrinfo", _unknown_host)
    async with http_client(IngestConfig()) as client:
        with pytest.raises(ArticleError) as raised:
            await fetch_feed(client, "http://feeds.example.org/rss", max_bytes=1000)

    assert describe("ar", raised.value, html.escape) == (
        "http://feeds.example.org/rss: لم أجد الخادم <code>feeds.example.org</code> "
        "(<code>Name or service not known</code>)؛ تحقق من كتابة العنوان"
    )
    assert str(raised.value) == (
        "http://feeds.example.org/rss: request failed: ConnectError: cannot resolve feeds.example.org: "
        "Name or service not known"
    )
