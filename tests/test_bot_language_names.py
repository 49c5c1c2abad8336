"""/lang takes the language however a reader writes its name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.handlers.subscriber import wanted_language
from tests.bot_harness import BotHarness, running_bot


@pytest.mark.parametrize("name", ["en", "EN", "en-US", "English", "إنجليزي", "الإنجليزية", "انكليزي"])
def test_spellings_of_english_name_english(name: str) -> None:
    assert wanted_language(name) == "en"


@pytest.mark.parametrize("name", ["ar", "Arabic", "عربي", "عربى", "العربية", "العربيه"])
def test_spellings_of_arabic_name_arabic(name: str) -> None:
    assert wanted_language(name) == "ar"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("اللغة العربية", "ar"),
        ("اللغة الإنجليزية", "en"),
        ("language English", "en"),
        ("الانقليزية", "en"),
        ("انجلش", "en"),
    ],
)
def test_a_name_after_the_word_language_or_in_a_gulf_spelling_names_it(name: str, code: str) -> None:
    assert wanted_language(name) == code


@pytest.mark.parametrize("name", ["", "fr", "ع", "english please", "اللغة"])
def test_anything_else_names_no_language(name: str) -> None:
    assert wanted_language(name) is None


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_english_asked_for_with_hamza_switches_the_replies(harness: BotHarness) -> None:
    reply = await harness.say(1, "/lang الإنجليزية")

    assert reply.plain_text == "Replies will be in English."


async def test_the_english_help_mentions_plain_text_commands_as_the_arabic_does(harness: BotHarness) -> None:
    await harness.say(2, "/lang en")

    reply = await harness.say(2, "/help")

    assert "subscribe Daraa" in reply.plain_text


async def test_the_arabic_welcome_says_how_to_switch_to_english(harness: BotHarness) -> None:
    reply = await harness.say(3, "/start")

    assert reply.plain_text.splitlines()[-1] == "• English: /lang en"
