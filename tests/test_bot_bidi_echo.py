"""What a user typed, quoted back in a reply, carries no bidi override: it cannot reverse the reply."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_harness import BotHarness, running_bot

OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


@pytest.mark.parametrize(
    "message",
    [
        "/subscribe \u202exyz",
        "/time 08:00 \u202eMars",
        "/help \u202efoo",
        "/format \u202ebar",
        "/lang \u2067xx",
    ],
)
async def test_a_quoted_mistake_comes_back_without_its_override(harness: BotHarness, message: str) -> None:
    reply = await harness.say(1, message)

    assert not set(OVERRIDES) & set(reply.text)
