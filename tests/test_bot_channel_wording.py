"""In a channel the bot's replies are posts its readers see, and only its admins post commands there:
replies about the channel's regions, digest time, digest and data speak of the channel, not of one
reader («اشتراكاتك») nor of a group's members, in Arabic and English."""

from __future__ import annotations

import string
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from nashra.texts import AR, AR_CHANNEL, EN, EN_CHANNEL
from tests.bot_harness import BotHarness, running_bot

CHANNEL = -100650


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_channel_wording_words_a_reply_of_the_catalogue_with_its_fields() -> None:
    assert AR_CHANNEL.keys() == EN_CHANNEL.keys()
    for key in AR_CHANNEL:
        assert _fields(AR_CHANNEL[key]) == _fields(AR[key]) == _fields(EN_CHANNEL[key]) == _fields(EN[key]), (
            key
        )


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        running.api.chat(CHANNEL, "channel")
        yield running


async def test_a_subscription_posted_in_a_channel_says_the_channel_follows(harness: BotHarness) -> None:
    reply = await harness.say(CHANNEL, "/subscribe درعا")

    assert reply.plain_text.startswith("✅ اشتركت القناة في: درعا")
    assert "⏰ تُنشر نشرة القناة كل يوم" in reply.plain_text


async def test_help_in_a_channel_says_its_admins_post_the_commands_there(harness: BotHarness) -> None:
    reply = await harness.say(CHANNEL, "/help")

    assert "ينشر مشرفو القناة هذه الأوامر فيها" in reply.plain_text
    assert "/topic" not in reply.plain_text  # a forum group's, not a channel's


async def test_start_in_a_channel_welcomes_the_channel_not_one_reader(harness: BotHarness) -> None:
    reply = await harness.say(CHANNEL, "/start")

    assert "أنشر في هذه القناة" in reply.plain_text
    assert "اختر مناطقك" not in reply.plain_text


@pytest.mark.parametrize("topic", ["more", "mysubs", "subscribe"])
async def test_a_command_explained_in_a_channel_offers_no_typed_words_nor_button(
    harness: BotHarness, topic: str
) -> None:
    reply = await harness.say(CHANNEL, f"/help {topic}")

    assert "اكتب" not in reply.plain_text
    assert "«المزيد»" not in reply.plain_text


async def test_a_language_chosen_in_a_channel_is_said_of_the_channel_s_posts(harness: BotHarness) -> None:
    reply = await harness.say(CHANNEL, "/lang en")

    assert reply.plain_text == "My posts in this channel will be in English."


@pytest.mark.parametrize(
    ("first", "command", "opening"),
    [
        ("/lang en", "/subscribe Daraa", "✅ This channel now follows: Daraa"),
        ("/subscribe حلب", "/mysubs", "اشتراكات القناة\n• حلب"),
        ("/subscribe حلب", "/pause", "⏸ أوقفت النشر في هذه القناة مؤقتاً"),
    ],
)
async def test_a_reply_to_a_command_posted_in_a_channel_speaks_of_the_channel(
    harness: BotHarness, first: str, command: str, opening: str
) -> None:
    await harness.say(CHANNEL, first)

    reply = await harness.say(CHANNEL, command)

    assert reply.plain_text.startswith(opening)
