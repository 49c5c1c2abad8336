"""Kinds of region error the fifth blind sample (tests/data/real_heldout5_sections.jsonl) showed, each as
a small case (tests/data/blind5_regions.json), and the sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind5_regions.json").read_text("utf-8"))


def test_solidarity_near_syria_is_the_word_not_the_damascus_district() -> None:
    assert "SY-DI" not in tag_text(CASES["solidarity"])


def test_the_tadamon_district_after_a_place_word_is_still_damascus() -> None:
    assert "SY-DI" in tag_text(CASES["tadamon_district"])


def test_a_paper_in_guillemets_after_editing_is_no_place() -> None:
    assert tag_text(CASES["editor_of_paper"]) == []


def test_a_paper_in_guillemets_before_the_word_newspaper_is_no_place() -> None:
    assert tag_text(CASES["paper_in_apposition"]) == []


def test_a_city_in_guillemets_after_a_preposition_is_still_the_city() -> None:
    assert "SA-01" in tag_text(CASES["city_in_guillemets"])


def test_the_fifth_blind_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout5_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
