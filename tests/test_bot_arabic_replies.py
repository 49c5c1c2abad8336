"""Replies in Arabic carry no English: every word a reader sees comes from the Arabic catalogue."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_harness import ADMIN, BotHarness, running_bot

CHANNEL = -100_955
# What an Arabic reply may show in Latin letters: commands as they are typed (with the bot's @name and
# a keyword argument: "/lang en", "/keywords add"), the name of the other interface language, and UTC.
_ALLOWED_LATIN = re.compile(r"/[a-z_]+(?:@\w+)?(?: [a-z]+\b)?|@\w+|English|UTC")


def _english_words(reply: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", _ALLOWED_LATIN.sub("", reply))


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


@pytest.mark.parametrize(
    "command",
    [
        "/start",
        "/help",
        "/mysubs",
        "/time 8 مساءً دمشق",
        "/pause",
        "/resume",
        "/format",
        "/keywords",
        "/digest",
        "/subscribe مكان_لا_يوجد",
        "/lang xx",
        "/foo",
        "حلب",
        "/stop",
    ],
)
async def test_a_subscribers_reply_in_arabic_has_no_english_words(harness: BotHarness, command: str) -> None:
    await harness.say(1, "/subscribe حلب")
    await harness.say(1, "/time 07:30")

    reply = await harness.say(1, command)

    assert _english_words(reply.plain_text) == []


async def test_the_list_of_region_channels_says_in_arabic_how_each_was_bound(harness: BotHarness) -> None:
    harness.api.chat(CHANNEL, "channel", username="aleppo_news")
    await harness.say(ADMIN, "/channel @aleppo_news حلب")

    listing = await harness.say(ADMIN, "/channel")

    assert "بالأمر /channel" in listing.plain_text
    assert _english_words(listing.plain_text) == []
