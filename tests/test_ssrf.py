"""Feed fetches never reach the host's own network unless the operator allows it (no SSRF).

The targets are real local HTTP servers: one on 127.0.0.1 standing for an internal service, one on
127.0.0.2 standing for a public feed host (allowed by ``[ingest] allow_hosts`` in these tests, since no
public address can be reached from a test). Every test checks what reached the internal service.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from nashra.articles.ingest import ingest
from nashra.config import IngestConfig
from nashra.storage import Database
from tests.bot_harness import ADMIN, running_bot

RSS = (Path(__file__).resolve().parent / "data" / "articles" / "feeds" / "news.rss").read_bytes()


class Host:
    """An HTTP server on ``address`` that serves the feed at /feed.rss and redirects /go?to=URL
    (percent-encoded or not)."""

    def __init__(self, address: str) -> None:
        self.paths: list[str] = []
        host = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                host.paths.append(self.path)
                if self.path.startswith("/go?to="):
                    self.send_response(302)
                    self.send_header("Location", unquote(self.path.removeprefix("/go?to=")))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(RSS)))
                self.end_headers()
                self.wfile.write(RSS)

        self.httpd = ThreadingHTTPServer((address, 0), Handler)
        self.origin = f"http://{address}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def internal() -> Iterator[Host]:
    host = Host("127.0.0.1")
    yield host
    host.close()


@pytest.fixture
def public() -> Iterator[Host]:
    try:
        host = Host("127.0.0.2")
    except OSError:
        pytest.skip("this system cannot listen on 127.0.0.2")
    yield host
    host.close()


async def _fetch(db: Database, url: str, allow: list[str]) -> tuple[int, list[str]]:
    lines: list[str] = []
    config = IngestConfig(http_timeout_s=5.0)
    config.allow_hosts = allow
    report = await ingest(db, [url], config, on_reject=lines.append)
    return report.ingested, lines


async def test_loopback_feed_is_refused_and_never_contacted(db: Database, internal: Host) -> None:
    ingested, lines = await _fetch(db, f"{internal.origin}/feed.rss", allow=[])
    assert ingested == 0 and internal.paths == []
    assert lines == [
        f"{internal.origin}/feed.rss: refused to connect to 127.0.0.1: a loopback address; "
        "an operator can allow it with [ingest] allow_hosts"
    ]
    assert await db.fetchall("SELECT id FROM articles") == []


async def test_host_name_resolving_to_loopback_is_refused(db: Database, internal: Host) -> None:
    port = internal.origin.rsplit(":", 1)[1]
    ingested, lines = await _fetch(db, f"http://localhost:{port}/feed.rss", allow=[])
    assert ingested == 0 and internal.paths == []
    assert "refused to connect to localhost (" in lines[0] and "loopback address" in lines[0]


async def test_redirect_from_an_allowed_host_to_an_internal_one_is_refused(
    db: Database, internal: Host, public: Host
) -> None:
    url = f"{public.origin}/go?to={internal.origin}/feed.rss"
    ingested, lines = await _fetch(db, url, allow=["127.0.0.2"])
    assert public.paths == [f"/go?to={internal.origin}/feed.rss"]
    assert internal.paths == [] and ingested == 0
    assert lines == [
        f"{url}: refused to connect to 127.0.0.1: a loopback address; "
        "an operator can allow it with [ingest] allow_hosts"
    ]


async def test_redirect_between_allowed_hosts_is_followed(db: Database, internal: Host, public: Host) -> None:
    ingested, lines = await _fetch(
        db, f"{public.origin}/go?to={internal.origin}/feed.rss", allow=["127.0.0.2", "127.0.0.0/30"]
    )
    assert (ingested, lines, internal.paths) == (2, [], ["/feed.rss"])


# Locations no request can be made to: an IDNA label that does not decode, a script, backslashes.
UNUSABLE = ["http://xn--zz/feed.rss", "javascript:alert(1)", "http:\\\\127.0.0.1\\feed.rss"]


@pytest.mark.parametrize("location", UNUSABLE)
async def test_redirect_to_an_unusable_location_is_one_rejected_feed_and_the_next_is_fetched(
    db: Database, internal: Host, public: Host, location: str
) -> None:
    bad = f"{public.origin}/go?to={quote(location, safe='')}"
    lines: list[str] = []
    config = IngestConfig(http_timeout_s=5.0)
    config.allow_hosts = ["127.0.0.2"]
    report = await ingest(db, [bad, f"{public.origin}/feed.rss"], config, on_reject=lines.append)
    assert report.ingested == 2
    assert len(lines) == 1 and lines[0].startswith(f"{bad}: ")
    assert internal.paths == []


@pytest.mark.parametrize(
    "url", ["http://0177.0.0.1/feed.rss", "http://xn--zz/feed.rss", "http://[::1/feed.rss"]
)
async def test_feed_url_no_request_can_be_made_to_is_one_rejected_input(
    db: Database, public: Host, url: str
) -> None:
    lines: list[str] = []
    config = IngestConfig(http_timeout_s=5.0)
    config.allow_hosts = ["127.0.0.2"]
    report = await ingest(db, [url, f"{public.origin}/feed.rss"], config, on_reject=lines.append)
    assert report.ingested == 2
    assert len(lines) == 1 and lines[0].startswith(f"{url}: ")


async def test_allow_list_by_host_name_permits_that_name(db: Database, internal: Host) -> None:
    port = internal.origin.rsplit(":", 1)[1]
    ingested, lines = await _fetch(db, f"http://LocalHost:{port}/feed.rss", allow=["localhost"])
    assert (ingested, lines) == (2, [])


async def test_the_connection_goes_to_the_address_that_was_checked(
    db: Database, internal: Host, public: Host, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name answers an allowed address to the check and an internal one right after.

    The name is resolved once per connection and the socket opened to that very address.
    """
    import nashra.netguard as netguard

    answers = iter(["127.0.0.2", "127.0.0.1", "127.0.0.1"])
    real = netguard.anyio.getaddrinfo

    async def rebinding(host: str, port: int, **kw: object) -> list[tuple]:
        if host == "feeds.rebind.test":
            return await real(next(answers), port, **kw)
        return await real(host, port, **kw)

    monkeypatch.setattr(netguard.anyio, "getaddrinfo", rebinding)
    port = public.origin.rsplit(":", 1)[1]
    ingested, lines = await _fetch(db, f"http://feeds.rebind.test:{port}/feed.rss", allow=["127.0.0.2"])
    assert (ingested, lines) == (2, [])
    assert public.paths == ["/feed.rss"] and internal.paths == []


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("192.0.2.10", "private"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private"),
        ("fec0::1", "site-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("64:ff9b::a9fe:a9fe", "link-local"),
        ("2002:c0a8:0101::1", "private"),
        ("93.184.216.34", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    from nashra.netguard import address_kind

    assert address_kind(ipaddress.ip_address(address)) == kind


def test_allow_list_entries_are_names_addresses_or_networks() -> None:
    from nashra.netguard import AddressPolicy

    policy = AddressPolicy.from_entries(["Feeds.Intranet", "10.0.0.5", "192.168.0.0/16", "::1"])
    assert policy.refusal("feeds.intranet", ipaddress.ip_address("10.9.9.9")) is None
    assert policy.refusal("x", ipaddress.ip_address("192.168.4.4")) is None
    assert policy.refusal("x", ipaddress.ip_address("10.0.0.6")) is not None
    with pytest.raises(ValueError):
        AddressPolicy.from_entries(["http://feeds.intranet/"])


def test_refusal_reads_as_english_for_every_kind() -> None:
    from nashra.netguard import AddressPolicy

    refusal = AddressPolicy().refusal("0.0.0.0", ipaddress.ip_address("0.0.0.0"))
    assert refusal is not None and "0.0.0.0: an unspecified address;" in refusal


async def test_admin_ingest_of_an_internal_url_is_refused(tmp_path: Path, internal: Host) -> None:
    async with running_bot(tmp_path) as harness:
        reply = await harness.say(ADMIN, f"/ingest {internal.origin}/feed.rss", count=2)
        stored = await harness.services.db.fetchall("SELECT id FROM articles")
    assert "رفضت الاتصال بـ 127.0.0.1: عنوان الجهاز نفسه" in reply.plain_text
    assert internal.paths == [] and stored == []


async def test_admin_ingest_refusal_of_an_internal_url_reads_in_english_on_request(
    tmp_path: Path, internal: Host
) -> None:
    async with running_bot(tmp_path) as harness:
        await harness.say(ADMIN, "/lang en")
        reply = await harness.say(ADMIN, f"/ingest {internal.origin}/feed.rss", count=2)
    assert "refused to connect to 127.0.0.1: a loopback address" in reply.plain_text
