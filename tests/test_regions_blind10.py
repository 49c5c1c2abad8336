"""Kinds of region error the tenth blind sample (tests/data/real_heldout10_sections.jsonl) showed, each as
a small case (tests/data/blind10_regions.json), and the sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind10_regions.json").read_text("utf-8"))


def test_the_birthplace_idiom_with_the_article_is_no_muscat() -> None:
    assert tag_text(CASES["birthplace_town"]) == []


def test_the_birthplace_idiom_after_a_place_word_is_no_muscat() -> None:
    assert tag_text(CASES["birthplace_his_town"]) == []


def test_muscat_after_a_place_word_is_still_muscat() -> None:
    assert tag_text(CASES["muscat_after_city"]) == ["OM", "OM-MA"]


def test_a_place_and_a_time_word_after_a_place_word_is_still_the_place() -> None:
    assert tag_text(CASES["aleppo_today_after_city"]) == ["SY", "SY-HL"]


def test_dressing_wounds_is_no_damad() -> None:
    assert tag_text(CASES["dressing_our_wounds"]) == []
    assert tag_text(CASES["dressing_his_wounds"]) == []


def test_damad_the_town_is_still_read() -> None:
    assert tag_text(CASES["damad_town"]) == ["SA", "SA-09"]


def test_a_region_s_emergency_forces_place_a_name_that_needs_context() -> None:
    assert tag_text(CASES["asir_emergency_forces"]) == ["SA", "SA-14"]


def test_a_regional_office_places_a_name_that_needs_context() -> None:
    assert tag_text(CASES["asir_health"]) == ["SA", "SA-14"]


def test_a_name_that_needs_context_standing_as_a_word_is_no_place() -> None:
    assert tag_text(CASES["asir_hard"]) == []


def test_a_state_of_emergency_names_no_region() -> None:
    assert tag_text(CASES["state_of_emergency"]) == []


def test_a_nisba_surname_in_a_list_of_people_is_no_country() -> None:
    assert tag_text(CASES["jury_list"]) == []


def test_a_listed_given_name_under_wa_keeps_its_surname_a_name() -> None:
    assert tag_text(CASES["listed_given_name"]) == []


def test_a_counterpart_s_nationality_after_a_person_is_still_the_country() -> None:
    assert tag_text(CASES["counterpart"]) == ["OM"]


def test_the_tenth_blind_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout10_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
