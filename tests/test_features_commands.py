"""Preference commands through the real bot: /keywords, /format, /topic, /channel, blocks, migrations."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.handlers.preferences import format_view
from nashra.regions import get_gazetteer
from nashra.regions.names import region_name
from nashra.storage.preferences import DigestFormat
from tests.bot_harness import ADMIN, BotHarness, running_bot

FORUM = -100700
FORUM_ADMIN = 71
GROUP = -500
NEW_SUPERGROUP = -100501
CHANNEL = -100900


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_keywords_add_exclude_and_list(harness: BotHarness) -> None:
    await harness.say(1, "/keywords add زلزال، الانتخابات")
    await harness.say(1, "/keywords exclude كرة القدم")
    listing = await harness.say(1, "/keywords list")
    assert "➕ زلزال" in listing.plain_text and "➖ كرة القدم" in listing.plain_text
    rows = await harness.services.subscriptions.keywords(1)
    assert [(r.phrase, r.exclude) for r in rows] == [
        ("زلزال", False),
        ("الانتخابات", False),
        ("كره القدم", True),
    ]


async def test_keyword_button_removes_the_word(harness: BotHarness) -> None:
    await harness.say(2, "/keywords add زلزال، إغاثة")
    listing = await harness.say(2, "/keywords")
    button = next(b for b in listing.buttons() if "زلزال" in b["text"])
    shown = await harness.press(2, listing.message_id, button["callback_data"])
    assert "زلزال" not in shown.plain_text and "إغاثة" in shown.plain_text
    assert [r.phrase for r in await harness.services.subscriptions.keywords(2)] == ["اغاثه"]


async def test_keywords_remove_and_bad_input(harness: BotHarness) -> None:
    await harness.say(3, "/keywords add زلزال")
    reply = await harness.say(3, "/keywords remove زلزال، مطر")
    assert "حذفت: زلزال" in reply.plain_text and "ليست في قائمتك: مطر" in reply.plain_text
    reply = await harness.say(3, "/keywords add ؟؟")
    assert "ليست كلمة" in reply.plain_text


async def test_format_command_and_buttons(harness: BotHarness) -> None:
    reply = await harness.say(4, "/format headlines previews on items 5")
    assert "عناوين فقط" in reply.plain_text and "5" in reply.plain_text
    fmt = await harness.services.subscriptions.digest_format(4)
    assert (fmt.style, fmt.link_previews, fmt.max_items) == ("headlines", True, 5)
    shown = await harness.press(4, reply.message_id, "fm:s:full")
    assert "ملخصات كاملة" in shown.plain_text
    assert (await harness.services.subscriptions.digest_format(4)).style == "full"


async def test_format_refuses_an_item_count_past_the_limit(harness: BotHarness) -> None:
    reply = await harness.say(4, "/format items 500")
    assert "500" in reply.plain_text
    assert (await harness.services.subscriptions.digest_format(4)).max_items is None


def test_format_item_buttons_count_news_in_correct_arabic() -> None:
    _, markup = format_view(DigestFormat(), "ar", 30)
    labels = [button.text for button in markup.inline_keyboard[2]]
    assert labels == ["5 أخبار", "10 أخبار", "20 خبراً", "✓ 30 خبراً"]


async def test_topic_binds_the_thread_for_admins_only(harness: BotHarness) -> None:
    harness.api.chat(FORUM, "supergroup", is_forum=True)
    harness.api.set_admins(FORUM, [FORUM_ADMIN])
    refused = await harness.say(FORUM, "/topic درعا", thread_id=12, user_id=72)
    assert "لمشرفيها فقط" in refused.plain_text and refused.thread_id == 12
    reply = await harness.say(FORUM, "/topic درعا", thread_id=12, user_id=FORUM_ADMIN)
    assert "هذا الموضوع" in reply.plain_text and reply.thread_id == 12
    assert await harness.services.subscriptions.topics(FORUM) == {"SY-DR": 12}
    assert await harness.regions_of(FORUM) == ["SY-DR"]


async def test_topic_outside_a_forum_explains(harness: BotHarness) -> None:
    reply = await harness.say(5, "/topic درعا")
    assert "المواضيع" in reply.plain_text


async def test_channel_binding_by_admin_username(harness: BotHarness) -> None:
    harness.api.chat(CHANNEL, "channel", username="daraa_news")
    refused = await harness.say(6, "/channel @daraa_news درعا")
    assert "لمشرفي نشرة" in refused.plain_text
    reply = await harness.say(ADMIN, "/channel @daraa_news درعا")
    assert "@daraa_news" in reply.plain_text
    assert await harness.regions_of(CHANNEL) == ["SY-DR"]
    listing = await harness.say(ADMIN, "/channel")
    assert str(CHANNEL) in listing.plain_text
    await harness.say(ADMIN, f"/channel {CHANNEL} off")
    assert await harness.services.subscriptions.get(CHANNEL) is None


async def test_channel_binding_when_telegram_cannot_be_asked_says_so_and_binds_nothing(
    harness: BotHarness,
) -> None:
    harness.api.chat(CHANNEL, "channel", username="daraa_news")
    harness.api.fail_next("getChat", 502, "Bad Gateway")
    reply = await harness.say(ADMIN, "/channel @daraa_news درعا")
    assert "تعذّر سؤال تيليجرام" in reply.plain_text and "@daraa_news" in reply.plain_text
    assert await harness.services.subscriptions.get(CHANNEL) is None


async def test_blocked_then_unblocked_by_member_updates(harness: BotHarness) -> None:
    await harness.say(7, "/subscribe درعا")
    harness.api.member_update(7, "kicked")
    await harness.settle()
    assert (await harness.services.subscriptions.get(7)).blocked
    harness.api.member_update(7, "member")
    await harness.settle()
    assert not (await harness.services.subscriptions.get(7)).blocked


async def test_group_migrated_on_reply_keeps_subscriptions_and_keywords(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "group")
    harness.api.set_admins(GROUP, [81])
    harness.api.chat(GROUP).type = "group"
    await harness.say(GROUP, "/subscribe درعا", user_id=81)
    await harness.say(GROUP, "/keywords add زلزال", user_id=81)
    harness.api.migrate(GROUP, NEW_SUPERGROUP)
    harness.api.user_says(GROUP, "/mysubs", user_id=81)
    await harness.api.wait_for(NEW_SUPERGROUP, 1)
    assert await harness.regions_of(NEW_SUPERGROUP) == ["SY-DR"]
    assert [r.phrase for r in await harness.services.subscriptions.keywords(NEW_SUPERGROUP)] == ["زلزال"]
    assert await harness.services.subscriptions.get(GROUP) is None


async def test_channel_list_of_hundreds_of_regions_arrives_within_telegram_limits(
    harness: BotHarness,
) -> None:
    gaz = get_gazetteer()
    codes = [sub for country in gaz.countries() for sub in gaz.subdivisions(country)][:300]
    await harness.services.subscriptions.preferences.bind_channel(CHANNEL, codes, "command", ADMIN)
    await harness.say(ADMIN, "/channel", count=2)  # one line of 300 names, longer than one message holds
    await harness.settle()
    shown = "".join(message.plain_text for message in harness.api.sent_to(ADMIN))
    assert str(CHANNEL) in shown and all(region_name(code, "ar") in shown for code in codes)
