"""A kingdom the text sets apart from a bare «المملكة» or names only as where a person is from does not
say which kingdom «المملكة» is: a Jordanian player arriving in the Kingdom, travellers from Jordan to the
Kingdom, a Bahraini community in the Kingdom, a link between the Kingdom and Bahrain, the Kingdom listed
with Qatar and Bahrain (tests/data/region_kingdom_sides_cases.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_sections

CASES = json.loads((Path(__file__).parent / "data" / "region_kingdom_sides_cases.json").read_text("utf-8"))


def _tags(name: str) -> tuple[list[list[str]], list[list[str]]]:
    case = CASES[name]
    sections = [(heading, text) for heading, text in case["sections"]]
    return tag_sections(case["title"], sections), case["regions"]


def test_a_persons_nationality_is_not_the_kingdom_they_are_in() -> None:
    found, expected = _tags("a_foreign_player_arriving_in_the_kingdom")
    assert found == expected


def test_the_kingdom_a_journey_starts_from_is_not_the_kingdom_it_ends_in() -> None:
    found, expected = _tags("a_journey_from_a_kingdom_to_the_kingdom")
    assert found == expected


def test_a_community_lives_in_another_kingdom_than_its_own() -> None:
    found, expected = _tags("a_community_living_in_the_kingdom")
    assert found == expected


def test_a_community_is_not_of_the_kingdom_it_lives_in_even_where_its_country_is_named() -> None:
    found, expected = _tags("a_community_whose_country_the_section_names_too")
    assert found == expected


def test_a_communitys_nationality_alone_names_no_kingdom_for_the_style() -> None:
    found, expected = _tags("a_community_in_an_article_naming_no_other_kingdom_gets_none")
    assert found == expected


def test_the_other_end_of_a_link_is_not_the_kingdom() -> None:
    found, expected = _tags("a_link_between_the_kingdom_and_another_kingdom")
    assert found == expected


def test_a_kingdom_listed_beside_the_kingdom_is_not_it() -> None:
    found, expected = _tags("the_kingdom_listed_with_another_kingdom")
    assert found == expected


def test_a_nationality_adjective_of_an_institution_still_names_the_kingdom() -> None:
    found, expected = _tags("a_kingdoms_own_minister_still_names_it")
    assert found == expected
