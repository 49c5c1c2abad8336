"""What the bot offers for a name it could not settle names the place the user meant, as its button does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_harness import ADMIN, BotHarness, running_bot


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_a_misspelled_town_is_offered_by_its_own_name(harness: BotHarness) -> None:
    reply = await harness.say(1, "/subscribe منبح")

    assert "هل تقصد: منبج — حلب (سوريا)؟" in reply.plain_text
    assert [button["text"] for button in reply.buttons()] == ["منبج — حلب (سوريا)"]


async def test_a_shared_name_in_an_alert_lists_each_place_by_that_name(harness: BotHarness) -> None:
    reply = await harness.say(ADMIN, "/alert طرابلس | اشتباكات")

    assert "طرابلس — محافظة الشمال (لبنان)" in [button["text"] for button in reply.buttons()]
