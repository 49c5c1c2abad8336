"""/time as subscribers write it: a zone named by a city or a country, a shared name, one time written
twice, several times; and the same rule for a time the config file lists twice."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from babel.core import get_global

from nashra.clock import main_zone, merged_times, spoken_times, time_zone, zone_of_city
from nashra.config import parse_config
from subscriptions import TimeError, parse_time
from tests.bot_harness import BotHarness, running_bot


def test_one_time_written_two_ways_is_one_time() -> None:
    assert merged_times(["08:00", "8:00", "20:00"]) == (["08:00", "20:00"], ["08:00"])


def test_the_times_at_the_start_of_a_request_are_read_with_what_follows() -> None:
    assert spoken_times("8:00 08:00 دمشق") == (["08:00", "08:00"], ["8:00", "08:00"], "دمشق")


def test_a_half_of_the_day_said_again_is_no_place() -> None:
    assert parse_time("9 pm PM", "UTC").zone == "UTC"


@pytest.mark.parametrize("written", ["9 am pm", "9 ص م"])
def test_both_halves_of_the_day_are_no_time(written: str) -> None:
    with pytest.raises(TimeError) as refused:
        parse_time(written, "UTC")

    assert refused.value.kind == "time"


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("الساعة تسعة ونص مساءً", "الساعة تسعة"),
        ("half past nine pm", "half past nine"),
        ("at noonish", "at noonish"),
        ("بكرة الصبح", "بكرة"),
        ("13 مساءً دمشق", "13 مساءً"),
    ],
)
def test_a_time_with_no_hour_or_one_its_half_lacks_is_refused_naming_the_words_read_as_it(
    written: str, named: str
) -> None:
    # The first word alone was named: «الساعة», "half", "at", the words that open a time well; «13».
    with pytest.raises(TimeError) as refused:
        parse_time(written, "UTC")

    assert (refused.value.kind, refused.value.term) == ("time", named)


def test_a_half_of_the_day_said_again_after_an_earlier_time_leaves_the_times_read() -> None:
    with pytest.raises(TimeError) as refused:
        parse_time("8 ص صباحاً 9 م", "UTC")

    assert (refused.value.kind, refused.value.times) == ("times", ("08:00", "21:00"))


@pytest.mark.parametrize("zone", ["القاهرة Asia/Riyadh", "GMT+5 Asia/Riyadh"])
def test_words_before_a_zone_name_are_not_dropped_for_its_city(zone: str) -> None:
    with pytest.raises(TimeError) as refused:
        parse_time(f"8 {zone}", "UTC")

    assert refused.value.kind == "timezone"


def test_two_cities_by_their_zones_names_with_a_slash_are_offered_both() -> None:
    with pytest.raises(TimeError) as refused:
        parse_time("8 Riyadh/Cairo", "UTC")

    assert [choice.zone for choice in refused.value.choices] == ["Asia/Riyadh", "Africa/Cairo"]


@pytest.mark.parametrize(
    "zones", ["Asia/Riyadh Africa/Cairo", "Asia/Riyadh,Africa/Cairo", "asia/riyadh AFRICA/CAIRO asia/Riyadh"]
)
def test_two_zone_names_set_neither_and_are_named_both(zones: str) -> None:
    # Both are known zones: the refusal names them, not "no known zone".
    with pytest.raises(TimeError) as refused:
        parse_time(f"21:00 {zones}", "UTC")

    assert (refused.value.kind, refused.value.zones) == ("zone_names", ("Asia/Riyadh", "Africa/Cairo"))


def test_a_time_the_config_file_lists_twice_is_one_digest() -> None:
    config = parse_config({"schedule": {"digest_times": ["08:00", "8:00", "20:00"]}})

    assert config.schedule.digest_times == ["08:00", "20:00"]


def test_a_time_the_config_file_lists_twice_is_named_in_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="nashra.config"):
        parse_config({"schedule": {"digest_times": ["08:00", "8:00", "20:00", "08:00"]}})

    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "lists 08:00 more than once" in warnings[0]


def test_a_time_the_config_file_writes_two_ways_is_named_once_in_its_clock_form(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="nashra.config"):
        parse_config({"schedule": {"digest_times": ["8:00", "08:00", "20:00", "8:00", "20:00"]}})

    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert "lists 08:00, 20:00 more than once" in warnings[0]


def test_times_the_config_file_lists_once_each_log_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="nashra.config"):
        parse_config({"schedule": {"digest_times": ["08:00", "20:00"]}})

    assert not caplog.records


def test_a_time_written_twice_is_set_once_and_said_to_be_merged() -> None:
    setting = parse_time("8:00 08:00 الرياض", "UTC")

    assert setting == ("08:00", "Asia/Riyadh", ("8:00", "08:00"))


def test_several_different_times_are_refused_naming_each() -> None:
    with pytest.raises(TimeError) as refused:
        parse_time("8:00 20:00", "UTC")

    assert (refused.value.kind, refused.value.times) == ("times", ("08:00", "20:00"))


@pytest.mark.parametrize(
    ("place", "zone"),
    [
        ("الرياض", "Asia/Riyadh"),
        ("القاهرة", "Africa/Cairo"),
        ("Dubai", "Asia/Dubai"),
        ("Cairo", "Africa/Cairo"),
        ("جدة", "Asia/Riyadh"),
        ("اسكندرية", "Africa/Cairo"),
        ("الإمارات", "Asia/Dubai"),
        ("عَمّان", "Asia/Amman"),
        ("عُمان", "Asia/Muscat"),
    ],
)
def test_a_city_or_country_names_its_zone(place: str, zone: str) -> None:
    assert parse_time(f"8:00 {place}", "UTC").zone == zone


def test_a_name_shared_by_places_in_different_zones_lists_each_with_its_zone() -> None:
    with pytest.raises(TimeError) as refused:
        parse_time("8:00 عمان", "UTC")

    assert (refused.value.kind, refused.value.moment) == ("shared", "08:00")
    assert [(c.code, c.zone) for c in refused.value.choices] == [
        ("JO-AM", "Asia/Amman"),
        ("OM", "Asia/Muscat"),
    ]


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_a_shared_name_is_answered_in_one_line_with_each_place_and_how_to_name_it(
    harness: BotHarness,
) -> None:
    reply = await harness.say(41, "/time 8:00 عمان")

    assert "\n" not in reply.plain_text
    assert "فهمت الساعة 08:00" in reply.plain_text
    assert "عَمَّان (الأردن) — توقيت الأردن" in reply.plain_text
    assert "عُمَان — توقيت عُمان" in reply.plain_text
    assert reply.plain_text.endswith("/time 08:00 عَمَّان")
    assert await harness.services.subscriptions.get(41) is None


async def test_the_example_for_a_shared_name_sets_the_time(harness: BotHarness) -> None:
    await harness.say(42, "/time 8:00 طرابلس")

    await harness.say(42, "/time 08:00 طرابلس ليبيا")

    subscriber = await harness.services.subscriptions.get(42)
    assert subscriber is not None and subscriber.timezone == "Africa/Tripoli"


async def test_a_time_written_twice_is_set_and_the_reply_says_it_was_merged(harness: BotHarness) -> None:
    reply = await harness.say(43, "/time 8:00 08:00 القاهرة")

    assert reply.plain_text == (
        "⏰ ستصلك نشرتك كل يوم الساعة 08:00 (توقيت مصر).\n(8:00، 08:00: الموعد نفسه، فجعلته موعداً واحداً.)"
    )


async def test_an_unknown_zone_says_which_time_was_understood(harness: BotHarness) -> None:
    await harness.say(44, "/lang en")

    reply = await harness.say(44, "/time 8 pm Mars")

    assert reply.plain_text.startswith("Understood 20:00, but not the time zone Mars.")


@pytest.mark.parametrize(
    "name,zone", [("Egypt", "Africa/Cairo"), ("Japan", "Asia/Tokyo"), ("Libya", "Africa/Tripoli")]
)
def test_a_legacy_zone_named_as_a_country_is_its_area_city_zone(name: str, zone: str) -> None:
    assert parse_time(f"8 {name}", "Asia/Riyadh").zone == zone


async def test_a_country_named_in_english_is_answered_as_its_arabic_name_is(harness: BotHarness) -> None:
    arabic = await harness.say(51, "/time 8 مصر")

    english = await harness.say(52, "/time 8 Egypt")

    assert english.plain_text == arabic.plain_text
    assert (await harness.services.subscriptions.get(52)).timezone == "Africa/Cairo"


@pytest.mark.parametrize(
    "arabic,english",
    [
        ("تورنتو", "Toronto"),
        ("ملبورن", "Melbourne"),
        ("لشبونة", "Lisbon"),
        ("داكار", "Dakar"),
        ("باكو", "Baku"),
    ],
)
def test_a_city_named_in_arabic_gets_the_zone_its_english_name_gets(arabic: str, english: str) -> None:
    assert parse_time(f"8 {arabic}", "Asia/Riyadh").zone == parse_time(f"8 {english}", "Asia/Riyadh").zone


PLACES = Path(__file__).resolve().parent / "data" / "time_zone_places.tsv"


def _places() -> list[tuple[str, str]]:
    lines = PLACES.read_text("utf-8").splitlines()
    return [tuple(line.split("\t")[:2]) for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize(("place", "zone"), [p for p in _places() if p[1] != "-"])
def test_a_place_names_its_own_zone_else_its_country_s_main_one(place: str, zone: str) -> None:
    assert parse_time(f"8 {place}", "UTC").zone == zone


@pytest.mark.parametrize("place", [p[0] for p in _places() if p[1] == "-"])
def test_a_country_whose_zones_keep_different_clocks_is_asked_for_the_city(place: str) -> None:
    with pytest.raises(TimeError) as refused:
        parse_time(f"8 {place}", "UTC")

    assert refused.value.kind == "zones"


@pytest.mark.parametrize(
    ("country", "zone"), [("DE", "Europe/Berlin"), ("CN", "Asia/Shanghai"), ("US", None)]
)
def test_a_country_s_main_zone_is_read_from_the_tz_database(country: str, zone: str | None) -> None:
    assert main_zone(country) == zone


@pytest.mark.parametrize(
    ("name", "zone"),
    [
        ("America/Montreal", "America/Toronto"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("US/Eastern", "America/New_York"),
    ],
)
def test_a_legacy_zone_name_is_the_zone_it_links_to(name: str, zone: str) -> None:
    assert time_zone(name) == zone


def test_a_legacy_city_name_is_the_zone_its_zone_links_to() -> None:
    assert zone_of_city("Montreal") == "America/Toronto"


def test_a_zone_the_tz_database_merged_into_another_country_s_stays_its_own() -> None:
    assert time_zone("Asia/Aden") == "Asia/Aden"


def test_the_countries_timed_by_a_city_are_argentina_malaysia_and_uzbekistan() -> None:
    """Every country whose zones keep one clock and that the tz tables give no main zone: the city
    told to main_zone decides, so naming one of its zones' cities changes the answer."""
    decided = sorted(
        country
        for country, zones in get_global("territory_zones").items()
        if any(main_zone(country, (zone.rsplit("/", 1)[-1],)) != main_zone(country) for zone in zones)
    )

    assert decided == ["AR", "MY", "UZ"]


@pytest.mark.parametrize(
    ("place", "zone"),
    [
        ("Uzbekistan", "Asia/Tashkent"),
        ("أوزبكستان", "Asia/Tashkent"),
        ("ماليزيا", "Asia/Kuala_Lumpur"),
        ("الأرجنتين", "America/Argentina/Buenos_Aires"),
    ],
)
def test_a_country_whose_zones_keep_one_clock_is_timed_by_its_capital(place: str, zone: str) -> None:
    assert parse_time(f"8:00 {place}", "UTC").zone == zone


def test_a_city_of_such_a_country_keeps_its_own_zone() -> None:
    assert parse_time("8:00 سمرقند", "UTC").zone == "Asia/Samarkand"


def test_a_country_s_cities_name_its_zone_only_where_its_zones_keep_one_clock() -> None:
    assert main_zone("UZ", ("Tashkent",)) == "Asia/Tashkent"
    assert main_zone("UZ") == "Asia/Samarkand"
    assert main_zone("US", ("Washington", "New York")) is None


@pytest.mark.parametrize(
    ("request_text", "zone"),
    [
        ("9 مساءً بتوقيت مكة", "Asia/Riyadh"),
        ("9 بتوقيت القاهرة", "Africa/Cairo"),
        ("9 توقيت سوريا", "Asia/Damascus"),  # as the bot itself names the zone
        ("9 مساء حسب توقيت دمشق", "Asia/Damascus"),
    ],
)
def test_a_zone_said_with_the_word_for_time_of_is_the_zone_of_the_place_it_names(
    request_text: str, zone: str
) -> None:
    assert parse_time(request_text, "UTC").zone == zone


@pytest.mark.parametrize(
    "zone", ["Asia/Riyadh Asia/Riyadh", "Asia/Riyadh asia/riyadh", "Asia/Riyadh، Asia/Riyadh"]
)
def test_one_zone_written_twice_is_that_zone(zone: str) -> None:
    assert parse_time(f"8 {zone}", "UTC").zone == "Asia/Riyadh"


def test_a_half_of_the_day_said_again_after_minutes_in_words_is_no_place() -> None:
    assert parse_time("9 ونص مساءً PM", "UTC").time == "21:30"


@pytest.mark.parametrize("written", ["9 pm at night", "9 at night PM", "9 مساءً at night"])
def test_a_half_of_the_day_said_again_in_other_words_is_no_place(written: str) -> None:
    assert parse_time(written, "UTC").time == "21:00"


async def test_two_zone_names_are_answered_with_both_and_how_to_give_one(harness: BotHarness) -> None:
    reply = await harness.say(53, "/time 9 مساء Asia/Riyadh Asia/Dubai")

    assert reply.plain_text == (
        "فهمت الساعة 21:00، لكنك كتبت أكثر من منطقة زمنية: توقيت المملكة العربية السعودية، توقيت الإمارات "
        "العربية المتحدة. لنشرتك منطقة زمنية واحدة، فاكتب واحدة، مثلاً: /time 21:00 Asia/Riyadh"
    )
    assert await harness.services.subscriptions.get(53) is None
