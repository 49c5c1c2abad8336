"""Kinds of region error the fourth blind sample (tests/data/real_heldout4_sections.jsonl) showed, each as
a small case (tests/data/blind4_regions.json), and the sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind4_regions.json").read_text("utf-8"))


def test_an_agency_quoted_after_agency_is_the_agency_not_qena() -> None:
    assert tag_text(CASES["quoted_agency"]) == []


def test_a_paper_in_guillemets_after_a_media_word_is_no_place() -> None:
    assert tag_text(CASES["quoted_paper"]) == []


def test_qena_after_governorate_is_still_qena() -> None:
    assert "EG-KN" in tag_text(CASES["qena_governorate"])


def test_the_custodian_of_the_two_holy_mosques_names_saudi_arabia() -> None:
    assert "SA" in tag_text(CASES["custodian"])


def test_the_fourth_blind_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout4_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
