"""A list of upper-case two-letter codes is a list of ISO 3166 codes ("IN, EG": India and Egypt), in
every command that takes regions and in free text; «in» in lower case in an English sentence stays a word,
and so does "IT" or "IN" inside a sentence in capitals ("IS IT EGYPT")."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from subscriptions import parse_regions, parse_time
from tests.bot_harness import ADMIN, BotHarness, running_bot


@pytest.mark.parametrize("written", ["IN, EG", "IN EG", "EG, IN", "IN and EG", "EG،IN"])
def test_capital_codes_side_by_side_are_codes_even_where_they_spell_a_word(written: str) -> None:
    assert sorted(parse_regions(written).codes) == ["EG", "IN"]


@pytest.mark.parametrize(("written", "codes"), [("IN/EG", ["IN", "EG"]), ("دمشق/حلب", ["SY-DI", "SY-HL"])])
def test_a_slash_between_names_separates_them(written: str, codes: list[str]) -> None:
    assert parse_regions(written, command=True).codes == codes


@pytest.mark.parametrize("written", ["دمشق و/أو حلب", "Damascus and/or Aleppo"])
def test_a_joining_word_against_a_slash_joins_names_and_names_nothing(written: str) -> None:
    parsed = parse_regions(written, command=True)

    assert (parsed.codes, parsed.unknown) == (["SY-DI", "SY-HL"], [])


def test_a_subdivision_code_typed_with_arabic_indic_digits_is_the_code() -> None:
    assert parse_regions("SA-٠١", command=True).codes == ["SA-01"]


def test_in_written_in_lower_case_in_an_english_sentence_stays_a_word() -> None:
    assert parse_regions("subscribe me to news in Egypt").codes == ["EG"]


@pytest.mark.parametrize("written", ["IN, Egypt", "IN AND EGYPT", "Egypt or IN"])
def test_a_capital_code_standing_as_an_item_of_a_list_is_the_code(written: str) -> None:
    assert sorted(parse_regions(written).codes) == ["EG", "IN"]


@pytest.mark.parametrize("written", ["SA AND EG", "SA OR EG", "SA And EG"])
def test_a_joining_word_in_capitals_joins_a_list_of_codes(written: str) -> None:
    assert parse_regions(written).codes == ["SA", "EG"]


@pytest.mark.parametrize("written", ["IS IT EGYPT", "I AM IN EG", "NEWS IN EGYPT FOR ME"])
def test_a_capital_code_that_spells_a_word_inside_a_sentence_is_the_word(written: str) -> None:
    assert parse_regions(written, command=True).codes == ["EG"]


def test_a_capital_code_that_spells_no_word_stays_a_code_inside_a_sentence() -> None:
    assert parse_regions("NEWS FROM SY AND EG").codes == ["SY", "EG"]


@pytest.mark.parametrize("written", ["ME", "IN", "AT"])
def test_a_lone_capital_code_is_the_code_in_free_text_too(written: str) -> None:
    assert parse_regions(written).codes == [written]


def test_a_capital_code_beside_arabic_words_is_the_code() -> None:
    assert parse_regions("أخبار IN").codes == ["IN"]


def test_a_lone_capital_code_names_the_zone_of_its_country_in_time() -> None:
    assert parse_time("8 IN", "UTC").zone == "Asia/Kolkata"


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path, alert_confirm_threshold=100) as running:
        yield running


async def test_subscribe_to_a_list_of_codes_follows_each(harness: BotHarness) -> None:
    await harness.say(1, "/subscribe IN, EG")

    assert await harness.regions_of(1) == ["EG", "IN"]


async def test_subscribe_to_codes_joined_by_a_capital_and_follows_both(harness: BotHarness) -> None:
    await harness.say(6, "/subscribe IN AND EG")

    assert await harness.regions_of(6) == ["EG", "IN"]


async def test_subscribe_in_a_capital_sentence_follows_the_country_it_names_only(harness: BotHarness) -> None:
    await harness.say(7, "/subscribe EGYPT, IF IT IS POSSIBLE")

    assert await harness.regions_of(7) == ["EG"]


async def test_a_lone_capital_code_written_to_the_bot_offers_its_country(harness: BotHarness) -> None:
    await harness.say(8, "/lang en")

    reply = await harness.say(8, "ME")

    assert [button["text"] for button in reply.buttons()] == ["Montenegro"]


async def test_unsubscribe_from_a_list_of_codes_stops_each(harness: BotHarness) -> None:
    await harness.say(2, "/subscribe IN")
    await harness.say(2, "/subscribe EG, SY")

    await harness.say(2, "/unsubscribe EG IN")

    assert await harness.regions_of(2) == ["SY"]


async def test_an_alert_to_a_list_of_codes_reaches_each(harness: BotHarness) -> None:
    await harness.say(3, "/subscribe IN")
    await harness.say(4, "/subscribe EG")

    await harness.say(ADMIN, "/alert IN, EG | تنبيه عاجل", count=2)  # queued, then the report

    assert "تنبيه عاجل" in harness.api.last(3).plain_text
    assert "تنبيه عاجل" in harness.api.last(4).plain_text


async def test_time_in_a_country_named_by_its_capital_code_is_set_in_its_zone(harness: BotHarness) -> None:
    await harness.say(5, "/time 8 IN")

    assert (await harness.services.subscriptions.get(5)).timezone == "Asia/Kolkata"


@pytest.mark.parametrize("written", ["sy-dr and lb", "sy-dr, lb", "lb و sy-dr", "SY-DR and lb"])
def test_a_list_with_a_subdivision_code_reads_its_lower_case_codes_too(written: str) -> None:
    assert sorted(parse_regions(written).codes) == ["LB", "SY-DR"]


def test_a_lower_case_word_beside_a_subdivision_code_in_a_sentence_stays_a_word() -> None:
    assert parse_regions("sy-dr news to me").codes == ["SY-DR"]


@pytest.mark.parametrize(
    "command", ["/subscribe SUBSCRIBE TO EGYPT", "/subscribe subscribe to Egypt", "/subscribe اشترك في مصر"]
)
async def test_the_command_s_verb_said_again_before_its_names_is_no_name(
    harness: BotHarness, command: str
) -> None:
    reply = await harness.say(7, command)

    assert await harness.regions_of(7) == ["EG"]
    assert "❓" not in reply.plain_text


async def test_unsubscribe_s_verb_said_again_before_its_names_is_no_name(harness: BotHarness) -> None:
    await harness.say(8, "/subscribe Egypt")

    reply = await harness.say(8, "/unsubscribe please remove Egypt")

    assert await harness.regions_of(8) == []
    assert "❓" not in reply.plain_text


@pytest.mark.parametrize("written", ["sy-dr, lb please", "sy-dr and lb news", "أخبار sy-dr و lb لو سمحت"])
def test_lower_case_codes_beside_a_subdivision_code_are_codes_with_fillers_around_them(written: str) -> None:
    assert sorted(parse_regions(written).codes) == ["LB", "SY-DR"]


@pytest.mark.parametrize(
    ("written", "codes"), [("sy-dr so", ["SY-DR"]), ("sy-dr and lb to", ["LB", "SY-DR"])]
)
def test_a_lower_case_english_word_after_a_subdivision_code_stays_a_word(
    written: str, codes: list[str]
) -> None:
    assert sorted(parse_regions(written).codes) == codes


def test_a_lower_case_code_that_spells_a_word_is_the_code_as_an_item_of_the_list() -> None:
    assert sorted(parse_regions("sy-dr and in").codes) == ["IN", "SY-DR"]
