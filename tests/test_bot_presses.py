"""Button presses through the real bot: every press is answered, choosing regions on the keyboard is not
flooding, and an answer or an edit Telegram refuses never undoes or hides what a press did."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from nashra.texts import text
from tests.bot_harness import BotHarness, running_bot


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def _answer_to(
    harness: BotHarness, chat_id: int, message_id: int, data: str, **kw: Any
) -> dict[str, Any]:
    """Press a button and return the bot's answer to that press (its pop-up or toast)."""
    answers = len(harness.api.callback_answers)
    harness.api.user_presses(chat_id, message_id, data, **kw)
    deadline = time.monotonic() + 5
    while len(harness.api.callback_answers) == answers:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the press {data!r} got no answer")
        await asyncio.sleep(0.01)
    return harness.api.callback_answers[answers]


async def _syria_keyboard(harness: BotHarness, chat_id: int) -> int:
    """Open /regions on Syria's page; returns the keyboard message's id."""
    keyboard = await harness.say(chat_id, "/regions")
    await harness.press(chat_id, keyboard.message_id, "rg:s:SY:0")
    return keyboard.message_id


async def test_choosing_regions_on_the_keyboard_is_not_flooding(harness: BotHarness) -> None:
    harness.services.flood.per_minute = 3
    keyboard = await _syria_keyboard(harness, 1)
    for code in ("SY-DR", "SY-HL", "SY-HI", "SY-DI", "SY-HM"):
        await harness.press(1, keyboard, f"rg:t:{code}:0")

    reply = await harness.say(1, "/mysubs")

    assert "حماة" in reply.plain_text


async def test_pressing_too_fast_is_answered_on_the_button_not_in_the_chat(harness: BotHarness) -> None:
    harness.services.press_flood.per_minute = 2
    keyboard = await _syria_keyboard(harness, 2)
    await harness.press(2, keyboard, "rg:t:SY-DR:0")
    messages = len(harness.api.sent_to(2))

    answer = await _answer_to(harness, 2, keyboard, "rg:t:SY-HL:0")

    assert answer["text"] == text("ar", "slow_down_presses")
    assert len(harness.api.sent_to(2)) == messages
    assert await harness.regions_of(2) == ["SY-DR"]


async def test_a_press_no_handler_reads_is_answered_as_a_stale_button(harness: BotHarness) -> None:
    keyboard = await harness.say(3, "/regions")

    answer = await _answer_to(harness, 3, keyboard.message_id, "old:format:7", unchecked=True)

    assert answer["text"] == text("ar", "button_stale")


async def test_a_malformed_region_press_is_answered_as_a_stale_button(harness: BotHarness) -> None:
    keyboard = await harness.say(4, "/regions")

    answer = await _answer_to(harness, 4, keyboard.message_id, "rg:t:XX-ZZ:0", unchecked=True)

    assert answer["text"] == text("ar", "button_stale")
    assert await harness.regions_of(4) == []


async def test_a_press_answered_too_late_still_redraws_the_keyboard(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    keyboard = await _syria_keyboard(harness, 5)
    too_old = "Bad Request: query is too old and response timeout expired or query id is invalid"
    harness.api.fail_next("answerCallbackQuery", 400, too_old)

    with caplog.at_level(logging.ERROR):
        harness.api.user_presses(5, keyboard, "rg:t:SY-DR:0")
        await harness.settle()

    assert "✓ درعا" in str(harness.api.message(5, keyboard).reply_markup)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_press_on_a_message_that_cannot_be_edited_keeps_its_effect_without_an_error(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    keyboard = await _syria_keyboard(harness, 6)
    harness.api.fail_next("editMessageText", 400, "Bad Request: message to edit not found")

    with caplog.at_level(logging.ERROR):
        answer = await _answer_to(harness, 6, keyboard, "rg:t:SY-DR:0")
        await harness.settle()

    assert answer["text"] == "✓ درعا"
    assert await harness.regions_of(6) == ["SY-DR"]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_press_on_a_list_longer_than_a_users_message_may_be_is_handled(tmp_path: Path) -> None:
    async with running_bot(tmp_path, max_input_chars=60) as harness:
        await harness.say(7, "/keywords add زلزال، انتخابات، فيضان")
        await harness.say(7, "/keywords add أمطار، طقس، كهرباء")
        listing = await harness.say(7, "/keywords")
        assert len(listing.text) > 60
        messages = len(harness.api.sent_to(7))

        await harness.press(7, listing.message_id, listing.buttons()[0]["callback_data"])

        assert len(await harness.services.subscriptions.keywords(7)) == 5
        assert len(harness.api.sent_to(7)) == messages


async def test_one_member_pressing_on_does_not_silence_a_group_admins_presses(harness: BotHarness) -> None:
    group, admin, member = -500, 501, 502
    harness.api.set_admins(group, [admin])
    harness.services.press_flood.per_minute = 2
    keyboard = await harness.say(group, "/regions", user_id=admin)
    await harness.press(group, keyboard.message_id, "rg:s:SY:0", user_id=admin)
    for _ in range(3):
        await _answer_to(harness, group, keyboard.message_id, "rg:t:SY-DR:0", user_id=member)

    answer = await _answer_to(harness, group, keyboard.message_id, "rg:t:SY-DR:0", user_id=admin)

    assert answer["text"] == "✓ درعا"
    assert await harness.regions_of(group) == ["SY-DR"]
