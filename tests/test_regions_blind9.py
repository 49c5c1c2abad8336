"""Kinds of region error the ninth blind sample (tests/data/real_heldout9_sections.jsonl) showed, each as
a small case (tests/data/blind9_regions.json), and the sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items
from nashra.regions.gazetteer import adjective_spellings

CASES = json.loads((Path(__file__).parent / "data" / "blind9_regions.json").read_text("utf-8"))


def test_an_adjective_written_with_the_other_letter_of_its_country_s_names_is_the_country() -> None:
    assert tag_text(CASES["bangladeshi_jeem"]) == ["BD"]


def test_another_country_written_both_ways_gives_its_adjectives_both_spellings() -> None:
    assert tag_text(CASES["gabonese_jeem"]) == ["GA"]


def test_an_adjective_on_another_stem_than_the_names_keeps_its_one_spelling() -> None:
    assert adjective_spellings(["غويانا", "جويانا"], ["غياني"]) == ["غياني"]
    assert tag_text(CASES["gianni_is_no_guyanese"]) == []


def test_names_differing_in_a_vowel_letter_give_adjectives_no_new_spelling() -> None:
    assert adjective_spellings(["سوريا", "سورية"], ["سوري", "سورية"]) == ["سوري", "سورية"]


def test_a_regional_office_named_after_its_region_places_it() -> None:
    assert tag_text(CASES["health_directorate"]) == ["SA", "SA-07"]


def test_an_office_word_before_a_name_plainly_a_word_is_no_evidence() -> None:
    assert tag_text(CASES["report_truth"]) == ["SA"]


def test_an_office_serves_no_country() -> None:
    assert "BJ" not in tag_text(CASES["boys_education"])


def test_the_ninth_blind_sample_scores_at_least_090(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout9_sections.jsonl"))
    assert score.precision >= 0.9, score.problems
    assert score.recall >= 0.9, score.problems
