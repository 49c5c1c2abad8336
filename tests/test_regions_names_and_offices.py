"""A given name is read whole («فاطمة» after a list comma or in «وادي فاطمة» is no ف + أطمة, the Syrian
town Atmeh), and an office serves a city, never a country («أمانة عمان» is Amman's municipality, not
Oman's) (tests/data/region_names_and_offices_cases.json, texts written for the rules)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.matcher import matcher

CASES = json.loads(
    (Path(__file__).parent / "data" / "region_names_and_offices_cases.json").read_text("utf-8")
)


def _tags(name: str) -> tuple[list[str], list[str]]:
    case = CASES[name]
    return tag_text(case["text"]), case["regions"]


def test_a_given_name_after_a_list_comma_is_no_proclitic_and_place() -> None:
    found, expected = _tags("a_given_name_after_a_list_comma")
    assert found == expected


def test_a_place_named_after_a_person_is_not_the_town_the_split_reads() -> None:
    found, expected = _tags("a_place_named_after_a_person")
    assert found == expected


def test_the_town_itself_is_still_read() -> None:
    found, expected = _tags("the_place_itself_spelled_out")
    assert found == expected


def test_an_office_named_after_a_shared_name_serves_the_city() -> None:
    found, expected = _tags("ammans_municipality")
    assert found == expected


def test_the_shared_name_without_an_office_word_keeps_its_country() -> None:
    found, expected = _tags("oman_after_no_office_word")
    assert found == expected


def test_the_scan_keeps_every_sense_so_the_derived_usage_counts_the_name_as_before() -> None:
    [mention] = matcher().scan(CASES["ammans_municipality"]["text"]).mentions
    assert {s.code for s in mention.senses} >= {"OM", "JO-AM"}


# Written for these tests: an office word before «عمان» in a text that otherwise speaks of Oman.


def test_an_office_yields_to_the_country_a_place_marked_in_the_section_lies_in() -> None:
    assert tag_text("التقى رئيس جامعة عمان في مسقط بنظيره الكويتي.") == ["KW", "OM", "OM-MA"]


def test_an_office_yields_to_the_country_the_section_names() -> None:
    text = "أعلنت وزارة الصحة في سلطنة عمان تسجيل إصابات جديدة، وقالت صحة عمان إن الوضع مستقر."
    assert tag_text(text) == ["OM"]


def test_an_office_yields_to_the_country_a_nationality_names() -> None:
    assert tag_text("قال مسؤول عماني إن جامعة عمان تستقبل الطلاب.") == ["OM"]


def test_a_citys_mayor_is_an_office_that_serves_the_city() -> None:
    found, expected = _tags("ammans_mayor")
    assert found == expected


def test_a_municipality_serves_the_city_though_its_word_is_a_place_word() -> None:
    found, expected = _tags("ammans_municipality_by_its_place_word")
    assert found == expected


def test_a_mayor_shows_a_city_whose_name_is_often_a_word() -> None:
    found, expected = _tags("jeddahs_mayor")
    assert found == expected
