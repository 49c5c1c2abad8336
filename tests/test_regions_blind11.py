"""Kinds of region error the eleventh blind sample (tests/data/real_heldout11_sections.jsonl) showed, each
as a small case (tests/data/blind11_regions.json), and the sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind11_regions.json").read_text("utf-8"))


def test_a_place_after_an_adjective_spelled_like_a_title_and_a_preposition_is_the_place() -> None:
    assert tag_text(CASES["media_awards"]) == ["SA"]


def test_a_surname_after_a_title_and_a_first_name_is_still_a_name() -> None:
    assert tag_text(CASES["titled_person"]) == []


def test_pakistan_with_the_article_is_pakistan() -> None:
    assert tag_text(CASES["pakistan_with_article"]) == ["KW", "MY", "PK"]


def test_chad_with_the_article_is_chad() -> None:
    assert tag_text(CASES["chad_with_article"]) == ["NE", "TD"]


def test_paraguay_with_the_article_in_its_second_spelling_is_paraguay() -> None:
    assert tag_text(CASES["paraguay_with_article"]) == ["PY"]


def test_a_bare_region_listed_among_its_country_s_regions_after_a_place_word_is_that_region() -> None:
    assert tag_text(CASES["saudi_regions_list"]) == ["SA", "SA-01", "SA-04", "SA-05"]


def test_the_list_places_the_bare_name_in_the_listed_country_only() -> None:
    assert tag_text(CASES["egyptian_governorates_list"]) == ["EG", "EG-C", "EG-DK", "EG-SHR"]


def test_a_list_of_bare_directions_after_a_place_word_names_no_governorate() -> None:
    assert tag_text(CASES["sharqiya_in_a_list_of_directions"]) == []


def test_the_bare_eastern_alone_is_still_no_region() -> None:
    assert tag_text(CASES["eastern_alone"]) == []


def test_a_list_without_a_place_word_still_leaves_the_bare_eastern_out() -> None:
    assert tag_text(CASES["eastern_after_a_city_list"]) == ["SA", "SA-01"]


def test_not_hard_is_no_asir() -> None:
    assert tag_text(CASES["not_hard"]) == ["SA"]


def test_asir_after_a_preposition_in_a_saudi_text_is_still_asir() -> None:
    assert tag_text(CASES["asir_after_the_country"]) == ["SA", "SA-14"]


def test_the_eleventh_blind_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout11_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
