"""Kinds of region error the seventh blind sample (tests/data/real_heldout7_sections.jsonl) showed, each
as a small case (tests/data/blind7_regions.json), and the sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind7_regions.json").read_text("utf-8"))


def test_good_fortune_joined_to_faith_is_not_yemen() -> None:
    assert tag_text(CASES["blessing"]) == []


def test_yemen_listed_with_another_country_is_still_yemen() -> None:
    assert "YE" in tag_text(CASES["yemen_listed"])


def test_yemen_before_a_word_that_is_no_blessing_is_still_yemen() -> None:
    assert "YE" in tag_text(CASES["yemen_then_word"])


def test_the_seventh_blind_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout7_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
