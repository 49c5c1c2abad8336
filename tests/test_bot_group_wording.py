"""In a group the group subscribes and its admins choose: replies about the chat's regions, digest time,
digest and data speak of the group, not of one reader («اشتراكاتك», "my data"), in Arabic and English."""

from __future__ import annotations

import string
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from nashra.texts import AR, AR_GROUP, EN, EN_GROUP
from tests.bot_harness import BotHarness, running_bot

GROUP = -100600
ADMIN_OF_GROUP = 81
MEMBER = 82


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_group_wording_words_a_reply_of_the_catalogue_with_its_fields() -> None:
    assert AR_GROUP.keys() == EN_GROUP.keys()
    for key in AR_GROUP:
        assert _fields(AR_GROUP[key]) == _fields(AR[key]) == _fields(EN_GROUP[key]) == _fields(EN[key]), key


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        running.api.set_admins(GROUP, [ADMIN_OF_GROUP])
        yield running


async def test_a_subscription_in_a_group_says_the_group_follows_and_when_its_digest_comes(
    harness: BotHarness,
) -> None:
    reply = await harness.say(GROUP, "/subscribe درعا", user_id=ADMIN_OF_GROUP)

    assert reply.plain_text.startswith("✅ اشتركت المجموعة في: درعا")
    assert "⏰ تصل نشرة المجموعة كل يوم" in reply.plain_text


async def test_a_subscription_in_a_group_is_worded_for_the_group_in_english(harness: BotHarness) -> None:
    await harness.say(GROUP, "/lang en", user_id=ADMIN_OF_GROUP)

    reply = await harness.say(GROUP, "/subscribe Daraa", user_id=ADMIN_OF_GROUP)

    assert reply.plain_text.startswith("✅ This group now follows: Daraa")
    assert "This group's digest arrives every day" in reply.plain_text


async def test_a_member_asking_a_group_s_regions_before_any_reads_that_the_group_follows_none(
    harness: BotHarness,
) -> None:
    reply = await harness.say(GROUP, "/mysubs", user_id=MEMBER)

    assert reply.plain_text.startswith("لا تتابع هذه المجموعة أي منطقة بعد")


async def test_a_group_s_regions_are_listed_as_the_group_s(harness: BotHarness) -> None:
    await harness.say(GROUP, "/subscribe حلب", user_id=ADMIN_OF_GROUP)

    reply = await harness.say(GROUP, "/mysubs", user_id=MEMBER)

    assert reply.plain_text.startswith("اشتراكات المجموعة\n• حلب")


async def test_a_group_s_digest_time_is_set_as_the_group_s(harness: BotHarness) -> None:
    reply = await harness.say(GROUP, "/time 8 دمشق", user_id=ADMIN_OF_GROUP)

    assert reply.plain_text.startswith("⏰ ستصل نشرة المجموعة كل يوم الساعة 08:00")


async def test_stop_in_a_group_asks_about_the_group_s_data_with_buttons_that_name_it(
    harness: BotHarness,
) -> None:
    await harness.say(GROUP, "/subscribe حلب", user_id=ADMIN_OF_GROUP)

    question = await harness.say(GROUP, "/stop", user_id=ADMIN_OF_GROUP)

    assert "بيانات المجموعة واشتراكاتها" in question.plain_text
    assert [button["text"] for button in question.buttons()] == [
        "احذف بيانات المجموعة 🗑",
        "أبقِ بيانات المجموعة",
    ]


async def test_help_in_a_group_lists_the_group_s_commands_and_who_may_change_them(
    harness: BotHarness,
) -> None:
    reply = await harness.say(GROUP, "/help", user_id=MEMBER)

    assert "/mysubs — اشتراكات المجموعة" in reply.plain_text
    assert "يغيّر المشرفون وحدهم" in reply.plain_text
    assert "بياناتي" not in reply.plain_text


async def test_help_in_a_private_chat_keeps_the_reader_s_own_wording(harness: BotHarness) -> None:
    reply = await harness.say(83, "/help")

    assert "/mysubs — اشتراكاتي" in reply.plain_text


async def test_the_command_menu_of_group_chats_names_the_group_s_subscriptions_and_data(
    harness: BotHarness,
) -> None:
    arabic = {c["command"]: c["description"] for c in harness.api.commands["all_group_chats:ar"]}
    english = {c["command"]: c["description"] for c in harness.api.commands["all_group_chats:en"]}

    assert (arabic["mysubs"], arabic["stop"]) == ("اشتراكات المجموعة", "حذف بيانات المجموعة")
    assert (english["mysubs"], english["stop"]) == ("This group's subscriptions", "Delete this group's data")
    assert harness.api.commands["all_group_chats:"] == harness.api.commands["all_group_chats:ar"]
