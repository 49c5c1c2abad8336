"""A chat that chooses its first regions is told when its digests arrive, and how to get one now."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from nashra.config import Config
from nashra.regions import get_gazetteer
from nashra.telegram_limits import utf16_units
from tests.bot_harness import BotHarness, running_bot


def _riyadh_schedule(config: Config) -> None:
    config.schedule.timezone = "Asia/Riyadh"  # the digest time stays one no test meets (quiet_schedule)


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path, configure=_riyadh_schedule) as running:
        yield running


async def test_the_first_subscription_says_when_the_digests_arrive(harness: BotHarness) -> None:
    [time] = harness.services.config.schedule.digest_times

    reply = await harness.say(1, "/subscribe حلب")

    assert reply.plain_text.splitlines()[1] == (
        f"⏰ تصلك نشرتك كل يوم الساعة {time} (توقيت المملكة العربية السعودية)، والنشرة الآن: /digest"
    )


async def test_a_chat_with_its_own_time_is_told_that_time(harness: BotHarness) -> None:
    await harness.say(2, "/time 6 مساءً دمشق")

    reply = await harness.say(2, "/subscribe حلب")

    assert "الساعة 18:00 (توقيت سوريا)" in reply.plain_text


async def test_a_further_subscription_says_only_what_changed(harness: BotHarness) -> None:
    await harness.say(3, "/subscribe حلب")

    reply = await harness.say(3, "/subscribe دمشق")

    assert reply.plain_text == "✅ اشتركت في: دمشق (سوريا)"


async def test_closing_the_keyboard_says_when_the_digests_arrive(harness: BotHarness) -> None:
    keyboard = await harness.say(4, "/regions")
    await harness.press(4, keyboard.message_id, "rg:s:SY:0")
    await harness.press(4, keyboard.message_id, "rg:t:SY-HL:0")

    closed = await harness.press(4, keyboard.message_id, "rg:x")

    assert "حلب" in closed.plain_text and "/digest" in closed.plain_text


async def test_start_again_tells_a_returning_chat_what_it_follows(harness: BotHarness) -> None:
    await harness.say(6, "/subscribe دمشق، حلب")

    reply = await harness.say(6, "/start")

    assert reply.plain_text.endswith("📌 تتابع الآن: حلب (سوريا)، دمشق (سوريا)")


async def test_the_schedule_comes_before_what_is_left_to_choose(harness: BotHarness) -> None:
    reply = await harness.say(7, "/subscribe حلب، طرابلس")

    lines = reply.plain_text.splitlines()
    assert lines[0].startswith("✅") and lines[1].startswith("⏰") and lines[-1] == "اضغط زراً للاشتراك."


async def test_closing_the_keyboard_of_a_chat_that_follows_hundreds_of_regions_fits_one_message(
    harness: BotHarness,
) -> None:
    for code in list(get_gazetteer().regions)[:600]:
        await harness.services.subscriptions.pick(9, "private", code, subscribe=True)
    keyboard = await harness.say(9, "/regions")

    closed = await harness.press(9, keyboard.message_id, "rg:x")

    assert closed.reply_markup is None
    assert utf16_units(closed.plain_text) <= 4096
    assert "غيرها" in closed.plain_text and "/digest" in closed.plain_text
