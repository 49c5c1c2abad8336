"""Times as people write them in /time: the hour alone, and the half of the day in Arabic or English."""

from __future__ import annotations

import pytest

from nashra.clock import asks_no_time, clock_time, spoken_time, zone_label
from subscriptions.service import parse_time


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("8 مساءً", ("20:00", "")),
        ("٨ م", ("20:00", "")),
        ("۸:۳۰ صباحاً", ("08:30", "")),
        ("8:30pm", ("20:30", "")),
        ("8", ("08:00", "")),
        ("12 ص", ("00:00", "")),
        ("12 م", ("12:00", "")),
    ],
)
def test_an_hour_with_the_half_of_the_day_is_read_on_a_12_hour_clock(written: str, read: tuple) -> None:
    assert spoken_time(written) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("12 ظهراً", "12:00"),
        ("2 ظهرا", "14:00"),
        ("11 ليلاً", "23:00"),
        ("12 ليلاً", "00:00"),
        ("2 ليلاً", "02:00"),
        ("8 a.m", "08:00"),
    ],
)
def test_noon_and_night_put_the_hour_on_the_side_of_the_day_they_mean(written: str, read: str) -> None:
    assert spoken_time(written) == (read, "")


def test_what_follows_the_time_is_left_for_the_zone() -> None:
    assert spoken_time("8 مساءً دمشق") == ("20:00", "دمشق")


def test_a_24_hour_time_keeps_its_zone_name() -> None:
    assert spoken_time("07:30 Asia/Damascus") == ("07:30", "Asia/Damascus")


@pytest.mark.parametrize("written", ["25:00", "13 م", "عشرة"])
def test_no_time_is_refused(written: str) -> None:
    with pytest.raises(ValueError):
        spoken_time(written)


def test_a_zone_is_named_in_the_readers_language() -> None:
    assert zone_label("Asia/Damascus", "ar") == "توقيت سوريا"
    assert zone_label("Asia/Damascus", "en") == "Syria Time"


@pytest.mark.parametrize("zone", ["Asia/Gaza", "Asia/Hebron"])
def test_a_zone_of_a_country_of_one_clock_is_named_by_the_country_alone(zone: str) -> None:
    assert zone_label(zone, "ar") == "توقيت الأراضي الفلسطينية"


def test_the_zone_most_of_a_country_keeps_is_named_by_the_country_alone() -> None:
    assert zone_label("Asia/Shanghai", "ar") == "توقيت الصين"


def test_a_zone_beside_the_main_one_keeps_its_place() -> None:
    assert zone_label("Asia/Urumqi", "ar") == "توقيت الصين (أرومكي)"


def test_a_zone_of_a_country_of_several_clocks_and_no_main_one_keeps_its_city() -> None:
    assert zone_label("America/New_York", "ar") == "توقيت الولايات المتحدة (نيويورك)"


def test_a_zone_named_by_its_country_alone_is_so_in_english_too() -> None:
    assert zone_label("Asia/Hebron", "en") == "Palestinian Territories Time"


def test_a_zone_of_no_country_keeps_its_own_name() -> None:
    assert zone_label("UTC", "ar") == "UTC"


@pytest.mark.parametrize(
    ("zone", "shown"), [("Etc/UTC", "UTC"), ("Etc/GMT-3", "UTC+3"), ("Etc/GMT+9", "UTC-9")]
)
def test_a_fixed_zone_of_no_country_is_its_offset_not_an_unknown_region(zone: str, shown: str) -> None:
    assert (zone_label(zone, "ar"), zone_label(zone, "en")) == (shown, shown)


def test_a_changing_zone_of_no_country_keeps_its_own_name() -> None:
    assert zone_label("EST5EDT", "ar") == "EST5EDT"


@pytest.mark.parametrize("written", ["٧،٣٠ صباحاً", "٧٫٣٠ صباحاً", "7.30 صباحا", "٧:٣٠ ص"])
def test_the_arabic_comma_and_decimal_separator_part_hours_from_minutes(written: str) -> None:
    assert spoken_time(written) == ("07:30", "")


def test_a_24_hour_time_with_the_arabic_comma_is_read() -> None:
    assert clock_time("١٩،٤٥") == "19:45"


@pytest.mark.parametrize("written", ["off", "OFF", "إلغاء", "الغاء", "بدون", "none"])
def test_words_that_drop_a_personal_time(written: str) -> None:
    assert asks_no_time(written)


@pytest.mark.parametrize("written", ["8:00", "لا شيء", "دمشق"])
def test_a_time_or_a_place_does_not_drop_the_personal_time(written: str) -> None:
    assert not asks_no_time(written)


@pytest.mark.parametrize(
    ("written", "zone"),
    [
        ("9 GMT+3", "Etc/GMT-3"),
        ("9 UTC+3", "Etc/GMT-3"),
        ("9 GMT-5", "Etc/GMT+5"),
        ("9 GMT+03:00", "Etc/GMT-3"),
    ],
)
def test_an_offset_from_utc_is_read_as_people_write_it_east_positive(written: str, zone: str) -> None:
    # The tz database's Etc/GMT±N zones carry the reverse (POSIX) sign: "GMT+3" read as a zone's name
    # set a Gulf chat's digest six hours late.
    assert parse_time(written, "UTC").zone == zone


def test_a_zone_named_as_the_tz_database_names_it_keeps_its_own_sign() -> None:
    assert parse_time("9 Etc/GMT+3", "UTC").zone == "Etc/GMT+3"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("12 noon", "12:00"),
        ("2 noon", "14:00"),
        ("9 at night", "21:00"),
        ("2 at night", "02:00"),
        ("9 night", "21:00"),
    ],
)
def test_noon_and_night_are_read_in_english_too(written: str, read: str) -> None:
    assert spoken_time(written) == (read, "")


@pytest.mark.parametrize(
    ("written", "read"),
    [("9 in the evening", "21:00"), ("7 in the morning", "07:00"), ("noon", "12:00"), ("midnight", "00:00")],
)
def test_english_words_for_the_part_of_the_day_are_read(written: str, read: str) -> None:
    assert spoken_time(written) == (read, "")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("9 ونصف مساءً", "21:30"),
        ("9 ونص", "09:30"),
        ("9 و نص مساء", "21:30"),
        ("9 وربع", "09:15"),
        ("9 وثلث مساءً", "21:20"),
        ("9 إلا ربع مساءً", "20:45"),
        ("12 إلا ربع ليلاً", "23:45"),
    ],
)
def test_minutes_said_in_arabic_words_after_the_hour_are_read(written: str, read: str) -> None:
    assert spoken_time(written) == (read, "")


def test_minutes_said_in_words_leave_the_zone_after_them() -> None:
    assert spoken_time("9 ونص مساءً دمشق") == ("21:30", "دمشق")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("12 إلا ربع الصبح", "11:45"),
        ("12 إلا ثلث صباحاً", "11:40"),
        ("12 إلا ربع مساءً", "23:45"),
        ("1 إلا ربع ظهراً", "12:45"),
        ("1 إلا ربع الصبح", "00:45"),
    ],
)
def test_the_half_of_the_day_after_a_time_short_of_the_hour_is_the_time_s(written: str, read: str) -> None:
    # «12 إلا ربع الصبح» is a quarter to noon, not «12 الصبح» (midnight) less a quarter: 23:45.
    assert spoken_time(written) == (read, "")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("9 المسا", "21:00"),
        ("9 بالمسا", "21:00"),
        ("9 مسا", "21:00"),
        ("9 بالمساء", "21:00"),
        ("9 في المساء", "21:00"),
        ("9 الصباح", "09:00"),
        ("9 بالصباح", "09:00"),
        ("9 في الصباح", "09:00"),
        ("3 بعد الظهر", "15:00"),
        ("3 بعد الظهيرة", "15:00"),
        ("3 بعد الضهر", "15:00"),
        ("2 الضهر", "14:00"),
        ("12 ضهراً", "12:00"),
        ("12 midnight", "00:00"),
        ("11 في الليل", "23:00"),
    ],
)
def test_the_half_of_the_day_is_read_as_dialects_and_plain_arabic_say_it(written: str, read: str) -> None:
    assert spoken_time(written) == (read, "")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("الساعة 9 مساءً", ("21:00", "")),
        ("الساعه ٩ الا ربع الصبح", ("08:45", "")),
        ("الساعة 9 إلا ربع الصبح دمشق", ("08:45", "دمشق")),
        ("at 9 pm", ("21:00", "")),
        ("at 9:30 Asia/Riyadh", ("09:30", "Asia/Riyadh")),
    ],
)
def test_the_word_for_the_hour_before_a_time_is_no_part_of_it(written: str, read: tuple) -> None:
    assert spoken_time(written) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("half past 9 pm", "21:30"),
        ("half past 9", "09:30"),
        ("quarter past 9 in the evening", "21:15"),
        ("a quarter to 9 pm", "20:45"),
        ("quarter to 12 at night", "23:45"),
        ("at half past 8 am", "08:30"),
    ],
)
def test_minutes_said_in_english_words_before_the_hour_are_read(written: str, read: str) -> None:
    assert spoken_time(written) == (read, "")


@pytest.mark.parametrize("written", ["half past 9:30", "quarter to 25", "الساعة", "at"])
def test_minutes_said_twice_or_no_hour_after_the_word_for_it_is_no_time(written: str) -> None:
    with pytest.raises(ValueError):
        spoken_time(written)


def test_a_time_after_the_word_for_the_hour_keeps_its_zone_and_its_half_said_again() -> None:
    assert parse_time("الساعة 9 مساءً مساءً بتوقيت مكة", "UTC") == parse_time("9 مساءً مكة", "UTC")
