"""Kinds of region error the eighth blind sample (tests/data/real_heldout8_sections.jsonl) showed, each as
a small case (tests/data/blind8_regions.json), and the sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind8_regions.json").read_text("utf-8"))


def test_a_city_with_its_preposition_written_on_it_is_the_city() -> None:
    assert "SA-07" in tag_text(CASES["tabuk_clitic"])


def test_another_city_real_news_writes_so_is_taken_the_same_way() -> None:
    assert "SA-10" in tag_text(CASES["najran_clitic"])


def test_a_word_real_news_mostly_writes_so_as_no_place_still_needs_evidence() -> None:
    assert "AE-AZ" not in tag_text(CASES["eye_clitic"])


def test_the_eighth_blind_sample_scores_at_least_090(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout8_sections.jsonl"))
    assert score.precision >= 0.9, score.problems
    assert score.recall >= 0.9, score.problems
