"""Subscribing through the real bot by a name written with vowel marks: the marks that tell Amman
from Oman settle it without a question."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_harness import BotHarness, running_bot


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_amman_written_with_its_shadda_is_subscribed_unasked(harness: BotHarness) -> None:
    reply = await harness.say(1, "/subscribe عمّان")

    assert await harness.regions_of(1) == ["JO-AM"]
    assert reply.plain_text.startswith("✅") and not reply.buttons()


async def test_oman_written_with_its_damma_is_subscribed_unasked(harness: BotHarness) -> None:
    reply = await harness.say(2, "اشتَرِكْ فِي عُمَانَ")

    assert await harness.regions_of(2) == ["OM"]
    assert reply.plain_text.startswith("✅") and not reply.buttons()


async def test_a_name_in_tatweel_and_marks_is_subscribed_as_the_plain_name(harness: BotHarness) -> None:
    reply = await harness.say(3, "/subscribe دِمَشْــقَ")

    assert await harness.regions_of(3) == ["SY-DI"]
    assert reply.plain_text.startswith("✅")
