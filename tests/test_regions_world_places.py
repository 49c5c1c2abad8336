"""Foreign places that Arab news names: the world cities and first-level subdivisions that
countries.json lists as `cities` of a country without a subdivision file are tagged as the country and
found by their English names; and a country's name that is the surname of a person the text names in
full more than once is the person (Context.repeated_full_names). Cases in
tests/data/world_places_regions.json."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import find_regions, tag_text

CASES = json.loads((Path(__file__).parent / "data" / "world_places_regions.json").read_text("utf-8"))


def _tags(case: str) -> list[str]:
    return tag_text(CASES[case]["text"])


def test_a_city_written_as_news_writes_it_is_its_country() -> None:
    assert _tags("munich") == CASES["munich"]["regions"]
    assert _tags("johannesburg") == CASES["johannesburg"]["regions"]
    assert _tags("delhi") == CASES["delhi"]["regions"]


def test_the_oblasts_of_the_war_in_ukraine_are_ukraine() -> None:
    assert _tags("donetsk") == CASES["donetsk"]["regions"]


def test_a_state_or_province_of_a_country_without_subdivisions_is_the_country() -> None:
    assert _tags("state") == CASES["state"]["regions"]
    assert _tags("province") == CASES["province"]["regions"]


def test_resorts_that_gulf_readers_visit_are_their_country() -> None:
    assert _tags("resort") == CASES["resort"]["regions"]


def test_a_user_finds_a_foreign_city_by_its_english_name() -> None:
    assert find_regions("Donetsk")[0].code == "UA"
    assert find_regions("Salzburg")[0].code == "AT"


def test_a_country_named_as_the_surname_of_a_person_named_twice_is_the_person() -> None:
    assert _tags("correa_twice") == CASES["correa_twice"]["regions"]


def test_a_country_after_a_title_and_a_name_written_once_stays_the_country() -> None:
    assert _tags("titled_once") == CASES["titled_once"]["regions"]
