"""A country's cities are named in the reader's language in buttons and replies, whichever language
the subscriber typed them in (the gazetteer's ``city_names_en``)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import nashra.regions
from nashra.regions.gazetteer import get_gazetteer
from tests.bot_harness import BotHarness, running_bot

COUNTRIES = Path(nashra.regions.__file__).parent / "data" / "countries.json"


@pytest.mark.parametrize(
    ("code", "typed", "arabic", "english"),
    [
        ("RU", "موسكو", "موسكو", "Moscow"),
        ("UA", "Kyiv", "كييف", "Kyiv"),
        ("US", "هيوستن", "هيوستن", "Houston"),
    ],
)
def test_a_city_of_a_country_has_its_name_in_each_language(
    code: str, typed: str, arabic: str, english: str
) -> None:
    gaz = get_gazetteer()

    assert (gaz.place_name(code, typed, "ar"), gaz.place_name(code, typed, "en")) == (arabic, english)


@pytest.mark.parametrize(
    ("typed", "arabic", "english"),
    [("Kiev", "كييف", "Kyiv"), ("Odessa", "أوديسا", "Odesa"), ("Kharkov", "خاركيف", "Kharkiv")],
)
def test_a_second_english_spelling_of_a_city_is_named_as_the_city(
    typed: str, arabic: str, english: str
) -> None:
    gaz = get_gazetteer()

    assert (gaz.place_name("UA", typed, "ar"), gaz.place_name("UA", typed, "en")) == (arabic, english)


def test_every_english_spelling_names_a_paired_city() -> None:
    countries = json.loads(COUNTRIES.read_text("utf-8"))

    unpaired = [
        (code, spelling, name)
        for code, data in countries.items()
        for spelling, name in data.get("spellings_en", {}).items()
        if name not in data.get("city_names_en", {}).values()
    ]

    assert unpaired == []


async def test_a_second_english_spelling_is_named_in_arabic_to_an_arabic_chat(harness: BotHarness) -> None:
    reply = await harness.say(54, "/subscribe Kiev")

    assert reply.plain_text.startswith("✅ اشتركت في: كامل أوكرانيا (ومنها كييف)")


def test_every_arabic_city_name_has_its_english_name() -> None:
    countries = json.loads(COUNTRIES.read_text("utf-8"))

    unpaired = [
        (code, name)
        for code, data in countries.items()
        for name in data.get("cities", [])
        if name not in data.get("city_names_en", {})
    ]

    assert unpaired == []


def test_every_english_city_name_has_its_arabic_name() -> None:
    countries = json.loads(COUNTRIES.read_text("utf-8"))

    unpaired = [
        (code, name)
        for code, data in countries.items()
        for name in data.get("cities_en", [])
        if name not in data.get("city_names_en", {}).values() and name not in data.get("spellings_en", {})
    ]

    assert unpaired == []


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_a_city_typed_in_arabic_is_offered_in_english_to_an_english_chat(harness: BotHarness) -> None:
    await harness.say(51, "/lang en")

    reply = await harness.say(51, "موسكو")

    assert [button["text"] for button in reply.buttons()] == ["Russia, all of it (Moscow included)"]


async def test_a_city_typed_in_english_is_offered_in_arabic_to_an_arabic_chat(harness: BotHarness) -> None:
    reply = await harness.say(52, "Sydney")

    assert [button["text"] for button in reply.buttons()] == ["كامل أستراليا (ومنها سيدني)"]


async def test_a_second_spelling_of_a_city_is_offered_in_english_to_an_english_chat(
    harness: BotHarness,
) -> None:
    await harness.say(53, "/lang en")

    reply = await harness.say(53, "ميونخ")

    assert [button["text"] for button in reply.buttons()] == ["Germany, all of it (Munich included)"]


async def test_a_city_of_a_country_without_listed_provinces_is_confirmed_as_the_whole_country(
    harness: BotHarness,
) -> None:
    # Iran's provinces are not in the gazetteer: «كرمانشاه» follows Iran, and the reply must say so.
    reply = await harness.say(55, "/subscribe كرمانشاه")

    assert reply.plain_text.startswith("✅ اشتركت في: كامل إيران (ومنها كرمانشاه)")
    assert await harness.regions_of(55) == ["IR"]


async def test_a_city_of_a_country_with_listed_provinces_follows_its_province(harness: BotHarness) -> None:
    reply = await harness.say(56, "/subscribe جدة")

    assert await harness.regions_of(56) == ["SA-02"]
    assert "جدة" in reply.plain_text


async def test_a_city_typed_in_english_is_named_in_arabic_too(harness: BotHarness) -> None:
    reply = await harness.say(55, "/subscribe Glasgow")

    assert "غلاسكو" in reply.plain_text


async def test_a_city_typed_in_arabic_is_read(harness: BotHarness) -> None:
    await harness.say(56, "/subscribe غلاسكو")

    assert await harness.regions_of(56) == ["GB"]


@pytest.mark.parametrize(
    ("code", "typed", "arabic"),
    [("GB", "Glasgow", "غلاسكو"), ("DE", "Hannover", "هانوفر"), ("US", "St. Louis", "سانت لويس")],
)
def test_an_english_city_name_has_its_arabic_name(code: str, typed: str, arabic: str) -> None:
    assert get_gazetteer().place_name(code, typed, "ar") == arabic
