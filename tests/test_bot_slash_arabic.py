"""A slash before an Arabic verb: how people type a command in Arabic, plain text to Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.handlers.text_commands import split_verb
from tests.bot_harness import BotHarness, running_bot


def test_a_slash_before_an_arabic_verb_is_read_as_the_verb() -> None:
    assert split_verb("/اشترك حلب") == ("subscribe", "حلب")


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_slash_arabic_subscribe_subscribes(harness: BotHarness) -> None:
    await harness.say(1, "/اشترك حلب")

    assert await harness.regions_of(1) == ["SY-HL"]


async def test_the_sandbox_marks_only_latin_commands_as_telegram_does(harness: BotHarness) -> None:
    latin = harness.api.user_says(2, "/help?")["message"]
    arabic = harness.api.user_says(3, "/مساعدة")["message"]

    assert latin["entities"] == [{"type": "bot_command", "offset": 0, "length": 5}]
    assert "entities" not in arabic
