"""The /regions keyboard: countries (Arab League first), a country's subdivisions, ✓ toggles."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_harness import BotHarness, running_bot


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


def button(message, label_part: str) -> dict:
    for candidate in message.buttons():
        if label_part in candidate["text"]:
            return candidate
    raise AssertionError(f"no button with {label_part!r} in {[b['text'] for b in message.buttons()]}")


def country_page_with(message_buttons: list[dict], label: str) -> bool:
    return any(label in b["text"] for b in message_buttons)


async def test_first_page_holds_arab_league_countries(harness: BotHarness) -> None:
    keyboard = await harness.say(1, "/regions")
    labels = [b["text"] for b in keyboard.buttons()]
    assert "الأردن" in labels and "سوريا" in labels and "فرنسا" not in labels
    assert all(len(b["callback_data"].encode()) <= 64 for b in keyboard.buttons())


async def _open_syria(harness: BotHarness, chat: int):
    keyboard = await harness.say(chat, "/regions")
    while not country_page_with(keyboard.buttons(), "سوريا"):
        await harness.press(chat, keyboard.message_id, button(keyboard, "التالي")["callback_data"])
    return await harness.press(chat, keyboard.message_id, button(keyboard, "سوريا")["callback_data"])


async def test_pressing_a_subdivision_subscribes_and_marks_it(harness: BotHarness) -> None:
    keyboard = await _open_syria(harness, 2)
    await harness.press(2, keyboard.message_id, button(keyboard, "درعا")["callback_data"])
    assert await harness.regions_of(2) == ["SY-DR"]
    assert any(b["text"] == "✓ درعا" for b in keyboard.buttons())
    assert keyboard.edited


async def test_pressing_again_unsubscribes(harness: BotHarness) -> None:
    keyboard = await _open_syria(harness, 3)
    data = button(keyboard, "درعا")["callback_data"]
    await harness.press(3, keyboard.message_id, data)
    await harness.press(3, keyboard.message_id, data)
    assert await harness.regions_of(3) == []
    assert not any(b["text"].startswith("✓") for b in keyboard.buttons())


async def test_whole_country_toggle_subscribes_to_the_country(harness: BotHarness) -> None:
    keyboard = await _open_syria(harness, 4)
    await harness.press(4, keyboard.message_id, button(keyboard, "كل سوريا")["callback_data"])
    assert await harness.regions_of(4) == ["SY"]


async def test_back_returns_to_the_countries(harness: BotHarness) -> None:
    keyboard = await _open_syria(harness, 5)
    await harness.press(5, keyboard.message_id, button(keyboard, "رجوع")["callback_data"])
    assert country_page_with(keyboard.buttons(), "سوريا")
    assert "اختر دولة" in keyboard.plain_text


async def test_done_closes_the_keyboard_with_a_summary(harness: BotHarness) -> None:
    keyboard = await _open_syria(harness, 6)
    await harness.press(6, keyboard.message_id, button(keyboard, "حمص")["callback_data"])
    await harness.press(6, keyboard.message_id, button(keyboard, "تم")["callback_data"])
    assert keyboard.reply_markup is None
    assert "حمص" in keyboard.plain_text
