"""Subscribing through the real bot: by command, by keyboard and by plain Arabic text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from nashra.regions import get_gazetteer
from tests.bot_harness import BotHarness, running_bot


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_start_welcomes_in_arabic(harness: BotHarness) -> None:
    reply = await harness.say(1, "/start")
    assert "أهلاً بك في نشرة" in reply.plain_text


async def test_subscribe_by_arabic_names(harness: BotHarness) -> None:
    reply = await harness.say(1, "/subscribe درعا، حلب")
    assert "درعا" in reply.plain_text and "حلب" in reply.plain_text
    assert await harness.regions_of(1) == ["SY-DR", "SY-HL"]


async def test_subscribe_by_english_names_and_codes_at_once(harness: BotHarness) -> None:
    await harness.say(2, "/subscribe Deir ez-Zor and Homs, sy-dr")
    assert await harness.regions_of(2) == ["SY-DR", "SY-DY", "SY-HI"]


async def test_country_name_means_the_whole_country(harness: BotHarness) -> None:
    await harness.say(3, "/subscribe سوريا")
    assert await harness.regions_of(3) == ["SY"]


async def test_city_subscribes_to_its_subdivision(harness: BotHarness) -> None:
    await harness.say(3, "/subscribe الميادين")
    assert await harness.regions_of(3) == ["SY-DY"]


async def test_typo_gets_a_suggestion_and_subscribes_nothing(harness: BotHarness) -> None:
    reply = await harness.say(4, "/subscribe دراعا")
    assert "هل تقصد" in reply.plain_text and "درعا" in reply.plain_text
    assert await harness.regions_of(4) == []


@pytest.mark.parametrize(("argument", "code"), [("it", "IT"), ("no", "NO"), ("us", "US")])
async def test_a_lone_code_in_lower_case_after_subscribe_is_the_code(
    harness: BotHarness, argument: str, code: str
) -> None:
    await harness.say(6, f"/subscribe {argument}")

    assert await harness.regions_of(6) == [code]


async def test_a_lone_code_in_lower_case_after_unsubscribe_is_the_code(harness: BotHarness) -> None:
    await harness.say(6, "/subscribe IT, SY")

    await harness.say(6, "/unsubscribe it")

    assert await harness.regions_of(6) == ["SY"]


@pytest.mark.parametrize("argument", ["in", "to", "me"])
async def test_a_lone_filler_after_subscribe_names_nothing(harness: BotHarness, argument: str) -> None:
    reply = await harness.say(6, f"/subscribe {argument}")

    assert "/subscribe" in reply.plain_text
    assert await harness.regions_of(6) == []


@pytest.mark.parametrize(("argument", "code"), [("IN", "IN"), ("AT", "AT"), ("TO", "TO"), ("ME", "ME")])
async def test_a_lone_filler_word_in_capitals_after_subscribe_is_the_code(
    harness: BotHarness, argument: str, code: str
) -> None:
    await harness.say(6, f"/subscribe {argument}")

    assert await harness.regions_of(6) == [code]


async def test_a_filler_before_a_name_after_subscribe_is_dropped(harness: BotHarness) -> None:
    await harness.say(6, "/subscribe to egypt")

    assert await harness.regions_of(6) == ["EG"]


async def test_a_lower_case_english_word_in_talk_is_still_no_code(harness: BotHarness) -> None:
    await harness.say(6, "subscribe it")

    assert await harness.regions_of(6) == []


async def test_subscribe_without_names_explains_usage(harness: BotHarness) -> None:
    reply = await harness.say(4, "/subscribe")
    assert "/subscribe" in reply.plain_text
    assert await harness.regions_of(4) == []


async def test_arabic_text_subscribes(harness: BotHarness) -> None:
    await harness.say(5, "اشترك درعا")
    assert await harness.regions_of(5) == ["SY-DR"]


@pytest.mark.parametrize(
    "message", ["اشترك: درعا", "اشترك، درعا", "اشترك:درعا", "Subscribe: Daraa", "اشترك - درعا"]
)
async def test_punctuation_after_the_verb_is_no_part_of_it(harness: BotHarness, message: str) -> None:
    reply = await harness.say(7, message)

    assert reply.plain_text.splitlines()[0] == "✅ اشتركت في: درعا (سوريا)"


@pytest.mark.parametrize("message", ["الغي حلب", "unfollow Aleppo"])
async def test_common_spellings_of_unsubscribe_unsubscribe(harness: BotHarness, message: str) -> None:
    await harness.say(8, "اشترك درعا وحلب")
    await harness.say(8, message)

    assert await harness.regions_of(8) == ["SY-DR"]


async def test_a_question_mark_after_my_subscriptions_still_lists_them(harness: BotHarness) -> None:
    await harness.say(9, "اشترك درعا")
    reply = await harness.say(9, "اشتراكاتي؟")

    assert "درعا" in reply.plain_text and "/regions" not in reply.plain_text


async def test_arabic_text_unsubscribes(harness: BotHarness) -> None:
    await harness.say(5, "اشترك درعا وحلب")
    reply = await harness.say(5, "الغاء حلب")
    assert "ألغيت" in reply.plain_text
    assert await harness.regions_of(5) == ["SY-DR"]


async def test_arabic_text_with_hamza_and_preposition_unsubscribes(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe حلب")
    await harness.say(5, "إلغاء الاشتراك في حلب")
    assert await harness.regions_of(5) == []


async def test_unsubscribe_command_removes_one_region(harness: BotHarness) -> None:
    await harness.say(6, "/subscribe درعا، حلب")
    await harness.say(6, "/unsubscribe درعا")
    assert await harness.regions_of(6) == ["SY-HL"]


async def test_unsubscribe_all(harness: BotHarness) -> None:
    await harness.say(6, "/subscribe درعا، حلب")
    await harness.say(6, "/unsubscribe الكل")
    assert await harness.regions_of(6) == []


async def test_mysubs_lists_the_regions(harness: BotHarness) -> None:
    await harness.say(7, "/subscribe درعا، Aleppo")
    reply = await harness.say(7, "/mysubs")
    assert "درعا (سوريا)" in reply.plain_text and "حلب (سوريا)" in reply.plain_text


async def test_mysubs_without_subscriptions_points_to_regions(harness: BotHarness) -> None:
    reply = await harness.say(7, "/mysubs")
    assert "/regions" in reply.plain_text


async def test_mysubs_with_hundreds_of_regions_arrives_within_telegram_limits(harness: BotHarness) -> None:
    gaz = get_gazetteer()
    codes = [sub for country in gaz.countries() for sub in gaz.subdivisions(country)][:300]
    await harness.services.subscriptions.ensure(90, "private")
    await harness.services.subscriptions.store.add_codes(90, codes)
    await harness.say(90, "/mysubs", count=2)  # the sandbox refuses a message over 4096 units
    await harness.settle()
    shown = [message.plain_text for message in harness.api.sent_to(90)]
    assert "اشتراكاتك" in shown[0]
    assert sum(part.count("• ") for part in shown) == 300
