"""/ingest through the real bot: the admin reads what happened to the feed, never its password."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

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


async def test_ingest_of_an_address_without_a_host_says_so(harness: BotHarness) -> None:
    done = await harness.say(ADMIN, "/ingest http://", count=2)

    assert "not a usable feed address: it names no host" in done.plain_text
