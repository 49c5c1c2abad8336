"""Kinds of region error the second BBC Arabic sample (tests/data/xlsum_regions2.jsonl, 30 XL-Sum
articles labelled blind) showed, each as a small case (tests/data/xlsum_regions2_cases.json), and the
sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "xlsum_regions2_cases.json").read_text("utf-8"))


def test_a_word_like_country_named_first_in_a_list_of_countries_is_the_country() -> None:
    assert tag_text(CASES["country_list_first_item"]) == ["BJ", "GH", "NE"]


def test_douma_written_as_the_adverb_always_is_no_place() -> None:
    assert tag_text(CASES["douma_the_adverb"]) == ["SY"]


def test_douma_after_a_place_word_is_still_the_town() -> None:
    assert tag_text(CASES["douma_the_town"]) == ["SY", "SY-RD"]


def test_a_doubled_last_letter_makes_a_country_name_another_word() -> None:
    assert tag_text(CASES["insistent"]) == []


def test_a_case_vowel_on_a_country_name_keeps_it() -> None:
    assert tag_text(CASES["egypt_with_case_vowel"]) == ["EG"]


def test_the_second_bbc_arabic_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "xlsum_regions2.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
