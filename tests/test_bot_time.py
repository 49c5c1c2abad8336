"""/time as an Arabic reader writes it, and the answer in the reader's language."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_harness import BotHarness, running_bot


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_an_evening_hour_in_a_named_city_sets_the_digest_time(harness: BotHarness) -> None:
    await harness.say(1, "/time 8 مساءً دمشق")

    subscriber = await harness.services.subscriptions.get(1)
    assert (subscriber.digest_time, subscriber.timezone) == ("20:00", "Asia/Damascus")


async def test_the_arabic_answer_names_the_zone_in_arabic(harness: BotHarness) -> None:
    reply = await harness.say(2, "/time 07:30 Asia/Riyadh")

    assert "07:30 (توقيت المملكة العربية السعودية)" in reply.plain_text
    assert not re.search("[A-Za-z]", reply.plain_text)


async def test_a_long_mistake_is_quoted_back_cut_to_one_line(harness: BotHarness) -> None:
    reply = await harness.say(3, "/time 08:00 " + "ز" * 500)

    assert "ز" * 79 + "…" in reply.plain_text
    assert "ز" * 81 not in reply.plain_text


async def test_a_country_with_several_zones_asks_for_the_city_and_sets_nothing(harness: BotHarness) -> None:
    reply = await harness.say(4, "/time 8 مساءً روسيا")

    assert reply.plain_text.startswith("في روسيا أكثر من منطقة زمنية")
    subscriber = await harness.services.subscriptions.get(4)
    assert subscriber is None or subscriber.digest_time is None


async def test_a_city_of_a_country_with_a_main_zone_is_set_in_that_zone(harness: BotHarness) -> None:
    reply = await harness.say(5, "/time 8 ميونخ")

    assert "08:00 (توقيت ألمانيا)" in reply.plain_text
    assert (await harness.services.subscriptions.get(5)).timezone == "Europe/Berlin"


async def test_a_legacy_zone_is_answered_by_the_name_of_the_zone_it_links_to(harness: BotHarness) -> None:
    reply = await harness.say(6, "/time 8 Montreal")

    assert "توقيت كندا (تورونتو)" in reply.plain_text
    assert (await harness.services.subscriptions.get(6)).timezone == "America/Toronto"


async def test_a_new_time_without_a_zone_keeps_the_zone_chosen_before(harness: BotHarness) -> None:
    await harness.say(61, "/time 8 مساءً القاهرة")

    await harness.say(61, "/time 9:00")

    subscriber = await harness.services.subscriptions.get(61)
    assert (subscriber.digest_time, subscriber.timezone) == ("09:00", "Africa/Cairo")


async def test_a_time_without_a_zone_after_the_chats_own_was_cleared_is_in_the_configured_zone(
    harness: BotHarness,
) -> None:
    await harness.say(62, "/time 8 مساءً القاهرة")
    await harness.say(62, "/time إلغاء")

    await harness.say(62, "/time 9:00")

    subscriber = await harness.services.subscriptions.get(62)
    assert (subscriber.digest_time, subscriber.timezone) == (
        "09:00",
        harness.services.config.schedule.timezone,
    )


async def test_time_alone_after_dropping_ones_own_time_says_when_the_digest_comes(
    harness: BotHarness,
) -> None:
    await harness.say(7, "/time 8 مساءً دمشق")
    await harness.say(7, "/time إلغاء")

    reply = await harness.say(7, "/time")

    configured = harness.services.config.schedule.digest_times[0]
    assert f"الساعة {configured} (UTC)" in reply.plain_text


async def test_time_alone_also_says_how_to_set_ones_own_time(harness: BotHarness) -> None:
    reply = await harness.say(8, "/time")

    assert "/time 08:00 دمشق" in reply.plain_text


async def test_time_alone_names_the_chats_own_time_where_it_has_one(harness: BotHarness) -> None:
    await harness.say(9, "/time 8 مساءً دمشق")

    reply = await harness.say(9, "/time")

    assert "الساعة 20:00 (توقيت سوريا)" in reply.plain_text


async def test_time_alone_answers_in_english_on_request(harness: BotHarness) -> None:
    await harness.say(10, "/lang en")

    reply = await harness.say(10, "/time off")
    reply = await harness.say(10, "/time")

    assert "every day at" in reply.plain_text and "/time 08:00 Damascus" in reply.plain_text


@pytest.mark.parametrize("place", ["رام الله", "فلسطين", "غزة"])
async def test_a_palestinian_place_is_answered_with_the_country_not_another_city_of_it(
    harness: BotHarness, place: str
) -> None:
    reply = await harness.say(11, f"/time 8 {place}")

    assert "08:00 (توقيت الأراضي الفلسطينية)" in reply.plain_text


@pytest.mark.parametrize(
    ("request_text", "named"),
    [
        (
            "/time 9 القاهرة دمشق",
            ["القاهرة (مصر) — توقيت مصر", "دمشق (سوريا) — توقيت سوريا", "/time 09:00 القاهرة"],
        ),
        # «عمان» is Amman and Oman: each is offered with its zone.
        ("/time 9 دمشق بيروت عمان", ["توقيت سوريا", "توقيت لبنان", "توقيت الأردن", "توقيت عُمان"]),
    ],
)
async def test_places_in_different_zones_are_each_named_with_its_zone_and_nothing_is_set(
    harness: BotHarness, request_text: str, named: list[str]
) -> None:
    reply = await harness.say(20, request_text)

    assert "أكثر من مكان في مناطق زمنية مختلفة" in reply.plain_text
    assert [name for name in named if name not in reply.plain_text] == []
    subscriber = await harness.services.subscriptions.get(20)
    assert subscriber is None or subscriber.digest_time is None


async def test_two_cities_in_different_zones_are_answered_in_english_on_request(harness: BotHarness) -> None:
    await harness.say(21, "/lang en")

    reply = await harness.say(21, "/time 9 Cairo and Damascus")

    assert reply.plain_text.startswith("Understood 09:00, but you gave places in different time zones: Cairo")
    assert "e.g. /time 09:00 Cairo" in reply.plain_text


async def test_two_cities_in_one_zone_set_that_zone(harness: BotHarness) -> None:
    await harness.say(22, "/time 9 دمشق حلب")

    assert (await harness.services.subscriptions.get(22)).timezone == "Asia/Damascus"


async def test_both_halves_of_the_day_after_a_time_are_named_as_written(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path) as harness:
        reply = await harness.say(61, "/time 9 ونص مساءً صباحاً")

    assert reply.plain_text == "هذا ليس موعداً صحيحاً: 9 ونص مساءً صباحاً. مثال: /time 08:00"
