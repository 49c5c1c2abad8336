"""Who acted, as Telegram vouches for it: channel posts are nobody's, anonymous admins are the group's.

The updates are written as Telegram sends them (or as a forger would), pushed to the sandbox Bot API
and handled by the real bot.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from nashra.texts import text
from tests.bot_harness import ADMIN, BotHarness, running_bot

CHANNEL = -100900
GROUP = -100500
OTHER_CHANNEL = -100901
SUBSCRIBER = 31
# What Telegram puts in ``from`` of a message an anonymous group admin sent.
GROUP_ANONYMOUS_BOT = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


def _chat(chat_id: int, kind: str) -> dict[str, Any]:
    return {"id": chat_id, "type": kind, "title": f"chat {chat_id}"}


def _message(chat: dict[str, Any], text: str, **fields: Any) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": int(time.monotonic() * 1000) % 1_000_000,
        "date": int(time.time()),
    }
    message.update(chat=chat, text=text, **fields)
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return message


async def test_forged_channel_post_from_an_admin_id_is_not_an_admin(harness: BotHarness) -> None:
    await harness.say(SUBSCRIBER, "/subscribe درعا")
    harness.api.chat(CHANNEL, "channel")
    channel = _chat(CHANNEL, "channel")
    forged = _message(
        channel,
        "/broadcast الخدمة متوقفة",
        sender_chat=channel,
        **{"from": {"id": ADMIN, "is_bot": False, "first_name": "x"}},
    )
    harness.api._push({"channel_post": forged})
    await harness.settle()
    await harness.drain()
    assert all("الخدمة متوقفة" not in m.plain_text for m in harness.api.sent_to(SUBSCRIBER))
    assert (
        harness.api.last(CHANNEL).plain_text.startswith("⛔")
        or "مشرف" in harness.api.last(CHANNEL).plain_text
    )


async def test_forged_channel_post_cannot_send_an_alert(harness: BotHarness) -> None:
    await harness.say(SUBSCRIBER, "/subscribe درعا")
    harness.api.chat(CHANNEL, "channel")
    channel = _chat(CHANNEL, "channel")
    forged = _message(
        channel, "/alert درعا | إنذار كاذب", **{"from": {"id": ADMIN, "is_bot": False, "first_name": "x"}}
    )
    harness.api._push({"channel_post": forged})
    await harness.settle()
    await harness.drain()
    assert all("إنذار كاذب" not in m.plain_text for m in harness.api.sent_to(SUBSCRIBER))


async def test_channel_post_naming_its_channel_manages_the_channels_subscriptions(
    harness: BotHarness,
) -> None:
    harness.api.chat(CHANNEL, "channel")
    channel = _chat(CHANNEL, "channel")
    harness.api._push({"channel_post": _message(channel, "/subscribe حلب", sender_chat=channel)})
    await harness.settle()
    assert await harness.regions_of(CHANNEL) == ["SY-HL"]


async def test_anonymous_group_admin_manages_the_groups_subscriptions(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup")
    group = _chat(GROUP, "supergroup")
    update = _message(group, "/subscribe درعا", sender_chat=group, **{"from": GROUP_ANONYMOUS_BOT})
    harness.api._push({"message": update})
    await harness.api.wait_for(GROUP, 1, timeout=5)
    assert await harness.regions_of(GROUP) == ["SY-DR"]


async def test_a_channel_writing_in_a_group_is_not_one_of_its_admins(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup")
    harness.api.chat(OTHER_CHANNEL, "channel")
    message = _message(
        _chat(GROUP, "supergroup"),
        "/subscribe درعا",
        sender_chat=_chat(OTHER_CHANNEL, "channel"),
        **{"from": {"id": 136817688, "is_bot": True, "first_name": "Channel"}},
    )
    harness.api._push({"message": message})
    reply = await harness.api.wait_for(GROUP, 1, timeout=5)
    assert await harness.regions_of(GROUP) == []
    assert reply[-1].plain_text == text("ar", "group_admins_only")


async def test_time_accepts_persian_digits(harness: BotHarness) -> None:
    reply = await harness.say(3, "/time ۰۷:۳۰ Asia/Tehran")
    assert "07:30" in reply.plain_text
    subscriber = await harness.services.subscriptions.get(3)
    assert subscriber is not None and subscriber.digest_time == "07:30"


async def test_time_accepts_arabic_indic_digits(harness: BotHarness) -> None:
    await harness.say(4, "/time ٠٨:١٥")
    subscriber = await harness.services.subscriptions.get(4)
    assert subscriber is not None and subscriber.digest_time == "08:15"


async def test_format_item_count_accepts_persian_digits(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe درعا")
    await harness.say(5, "/format ۱۰")
    assert (await harness.services.subscriptions.digest_format(5)).max_items == 10


async def test_alert_names_its_regions(harness: BotHarness) -> None:
    await harness.say(SUBSCRIBER, "/subscribe سوريا")
    await harness.say(32, "/lang en")
    await harness.say(32, "/subscribe Syria")
    await harness.say(ADMIN, "/alert درعا، حلب | اشتباكات", count=2)
    await harness.drain()
    arabic = harness.api.last(SUBSCRIBER).plain_text
    english = harness.api.last(32).plain_text
    assert "📍 درعا، سوريا؛ حلب، سوريا" in arabic and "اشتباكات" in arabic
    assert "📍 Daraa, Syria; Aleppo, Syria" in english
