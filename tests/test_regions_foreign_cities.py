"""Foreign cities the gazetteer names in Arabic and English alike («غلاسكو», "Glasgow"), read where news
names them, and not in the phrases built on them that name no place: a coma scale, a project, a
company, a school, a person (tests/data/foreign_city_names_cases.json, excerpts of SaudiNewsNet and
BBC Arabic news)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.regions import tag_text

CASES = json.loads((Path(__file__).parent / "data" / "foreign_city_names_cases.json").read_text("utf-8"))
PLACES = ["glasgow_hospital", "philadelphia_visit", "atlanta_suburb", "balochistan_province"]
NO_PLACES = [
    "glasgow_coma_scale",
    "manhattan_project",
    "hanover_estate_agent",
    "sicily_school",
    "actress_named_dallas",
    "pharmaceutical_company",
    "kentucky_roundabout",
    "happy_birthday",
    "player_named_adelaide",
]


@pytest.mark.parametrize("case", PLACES)
def test_a_foreign_city_named_in_arabic_is_its_country(case: str) -> None:
    assert tag_text(CASES[case]["text"]) == CASES[case]["regions"]


@pytest.mark.parametrize("case", NO_PLACES)
def test_a_phrase_built_on_a_foreign_citys_name_names_no_foreign_place(case: str) -> None:
    assert tag_text(CASES[case]["text"]) == CASES[case]["regions"]


def test_balochistan_alone_is_left_to_the_text_that_names_its_country() -> None:
    assert tag_text("أهل السنة في بلوشستان") == []
