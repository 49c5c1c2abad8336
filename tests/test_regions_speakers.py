"""A ruler named with his title («الملك محمد السادس», «السلطان قابوس») names his country, and a kingdom
that a ruler or a state news agency names («وكالة الأنباء الأردنية (بترا)») is the one a Saudi outlet's
bare «المملكة» stands for; another state's ruler or agency leaves the outlet's home Saudi
(tests/data/region_speakers_cases.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_sections

CASES = json.loads((Path(__file__).parent / "data" / "region_speakers_cases.json").read_text("utf-8"))


def _tags(name: str) -> tuple[list[list[str]], list[list[str]]]:
    case = CASES[name]
    sections = [(heading, text) for heading, text in case["sections"]]
    return tag_sections(case["title"], sections, home=case["home"]), case["regions"]


def test_a_foreign_king_named_by_his_name_is_his_kingdoms_news() -> None:
    found, expected = _tags("a_foreign_king_receives_a_delegation")
    assert found == expected


def test_a_regnal_number_names_the_king_of_jordan() -> None:
    found, expected = _tags("the_jordanian_king_by_his_regnal_name")
    assert found == expected


def test_a_report_credited_to_a_kingdoms_agency_is_that_kingdoms() -> None:
    found, expected = _tags("a_jordanian_report_credited_to_petra")
    assert found == expected


def test_an_agencys_full_name_counts_as_its_country() -> None:
    found, expected = _tags("a_moroccan_agency_report")
    assert found == expected


def test_a_sultans_name_tags_his_country_and_leaves_the_home_kingdom() -> None:
    found, expected = _tags("a_sultans_report_leaves_the_home_kingdom")
    assert found == expected


def test_a_non_kingdoms_agency_leaves_the_home_kingdom() -> None:
    found, expected = _tags("an_emirati_agency_credit_leaves_the_home_kingdom")
    assert found == expected


def test_an_agencys_short_name_unquoted_is_a_word() -> None:
    found, expected = _tags("an_unquoted_short_agency_name_is_a_word")
    assert found == expected


def test_a_saudi_place_named_still_makes_the_style_saudi() -> None:
    found, expected = _tags("a_saudi_place_still_makes_the_style_saudi")
    assert found == expected


def test_an_agencys_short_name_quoted_is_the_agency() -> None:
    found, expected = _tags("a_quoted_short_agency_name_is_the_agency")
    assert found == expected


def test_a_king_received_in_a_city_leaves_the_city_tagged() -> None:
    found, expected = _tags("a_king_received_in_riyadh")
    assert found == expected


def test_a_sultan_received_in_a_city_leaves_the_city_tagged() -> None:
    found, expected = _tags("a_sultan_received_in_riyadh")
    assert found == expected


def test_a_sheikh_received_in_a_city_leaves_the_city_tagged() -> None:
    found, expected = _tags("a_sheikh_received_in_riyadh")
    assert found == expected


def test_a_king_by_his_regnal_name_after_a_city_leaves_the_city_tagged() -> None:
    found, expected = _tags("a_king_received_in_jeddah")
    assert found == expected
