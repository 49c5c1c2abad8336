"""A nationality that is also a common word names its country only after a word for a player or a side
(«المحترف العاجي» is Ivorian, «برجه العاجي» an ivory tower), and a two-letter name under و is the place
as the second of a pair of one country's places («صنعاء وإب»)
(tests/data/region_word_nisbas_and_pairs_cases.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text

CASES = json.loads(
    (Path(__file__).parent / "data" / "region_word_nisbas_and_pairs_cases.json").read_text("utf-8")
)


def _tags(name: str) -> tuple[list[str], list[str]]:
    case = CASES[name]
    return tag_text(case["text"]), case["regions"]


def test_a_word_nisba_after_a_players_word_is_the_nationality() -> None:
    found, expected = _tags("the_ivorian_pro")
    assert found == expected


def test_a_word_nisba_after_a_national_side_is_the_nationality() -> None:
    found, expected = _tags("the_ivorian_side")
    assert found == expected


def test_a_word_nisba_alone_is_the_common_word() -> None:
    found, expected = _tags("the_ivory_tower")
    assert found == expected


def test_a_short_name_joined_by_and_to_a_place_of_its_country_is_the_place() -> None:
    found, expected = _tags("a_pair_of_cities")
    assert found == expected


def test_a_pair_of_governorates_after_their_word_holds_both() -> None:
    found, expected = _tags("real_pair_of_governorates")
    assert found == expected


def test_the_same_letters_after_no_place_are_a_father() -> None:
    found, expected = _tags("a_father_after_no_place")
    assert found == expected


def test_hamza_above_after_a_place_is_a_father() -> None:
    found, expected = _tags("a_father_of_five_after_sanaa")
    assert found == expected


def test_hamza_above_before_an_adjective_is_a_father() -> None:
    found, expected = _tags("an_old_father_after_sanaa")
    assert found == expected


def test_a_bare_alef_before_a_complement_is_a_father() -> None:
    found, expected = _tags("a_bare_alef_before_a_complement")
    assert found == expected


def test_a_bare_alef_where_the_pair_ends_is_the_place() -> None:
    found, expected = _tags("a_bare_alef_where_the_pair_ends")
    assert found == expected


def test_hamza_above_after_a_governorates_word_is_the_place() -> None:
    found, expected = _tags("hamza_above_after_a_governorates_word")
    assert found == expected


def test_a_complement_under_lam_makes_a_father_even_after_a_place_word() -> None:
    found, expected = _tags("a_father_of_five_after_a_governorate")
    assert found == expected
