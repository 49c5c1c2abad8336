"""Kinds of region error the sixth blind sample (tests/data/real_heldout6_sections.jsonl) showed, each as
a small case (tests/data/blind6_regions.json), and the sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind6_regions.json").read_text("utf-8"))


def test_a_paper_the_text_names_after_a_media_word_is_the_paper_wherever_it_is_quoted() -> None:
    assert tag_text(CASES["paper_named_then_quoted"]) == []


def test_a_quoted_city_name_without_a_media_word_in_the_text_is_still_the_city() -> None:
    assert "SA-01" in tag_text(CASES["quoted_alone"])


def test_another_paper_named_in_the_text_leaves_a_quoted_city_the_city() -> None:
    assert "SA-01" in tag_text(CASES["city_quoted_beside_another_paper"])


def test_the_sixth_blind_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout6_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
