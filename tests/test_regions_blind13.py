"""Kinds of region error the thirteenth blind sample (tests/data/real_heldout13_sections.jsonl) showed, each
as a small case (tests/data/blind13_regions.json), and the sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind13_regions.json").read_text("utf-8"))


def test_a_town_a_compass_word_puts_beside_a_town_of_another_country_is_that_country_s_namesake() -> None:
    assert tag_text(CASES["namesake_beside_a_yemeni_town"]) == ["YE", "YE-AB"]


def test_a_town_a_compass_word_puts_beside_a_town_of_its_own_country_keeps_its_country() -> None:
    assert tag_text(CASES["al_ain_beside_abu_dhabi"]) == ["AE", "AE-AZ"]


def test_a_town_named_without_a_compass_word_keeps_its_reading() -> None:
    assert tag_text(CASES["al_ain_of_the_emirates"]) == ["AE", "AE-AZ"]


def test_the_thirteenth_blind_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout13_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
