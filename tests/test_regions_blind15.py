"""The fifteenth blind sample (tests/data/real_heldout15_sections.jsonl) and its score."""

from __future__ import annotations

from pathlib import Path

from nashra.regions.evaluation import evaluate, load_items


def test_the_fifteenth_blind_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout15_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
