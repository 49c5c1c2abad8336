"""/mysubs lists the regions as a reader looks them up: countries by name, each before its own regions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_harness import BotHarness, running_bot


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_arabic_list_is_in_arabic_alphabetical_order(harness: BotHarness) -> None:
    await harness.say(1, "/subscribe دمشق، مصر، بغداد، حلب، سوريا، لبنان")

    reply = await harness.say(1, "/mysubs")

    assert reply.plain_text.splitlines()[1:] == [
        "• سوريا",
        "• حلب (سوريا)",
        "• دمشق (سوريا)",
        "• بغداد (العراق)",
        "• لبنان",
        "• مصر",
    ]


async def test_english_list_is_in_english_alphabetical_order(harness: BotHarness) -> None:
    await harness.say(2, "/lang en")
    await harness.say(2, "/subscribe دمشق، مصر، حلب")

    reply = await harness.say(2, "/mysubs")

    assert reply.plain_text.splitlines()[1:] == ["• Egypt", "• Aleppo (Syria)", "• Damascus (Syria)"]
