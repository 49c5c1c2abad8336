"""The seventeenth blind sample's region score (tests/data/real_heldout17_sections.jsonl): it showed no kind
of region error of its own (its one false positive at first sight, Muscat from «سوق مسقط للأوراق المالية»,
was a label that broke the convention on a place in a market's or company's name, and is optional now)."""

from __future__ import annotations

from pathlib import Path

from nashra.regions.evaluation import evaluate, load_items


def test_the_seventeenth_blind_sample_scores_at_least_095_with_the_outlet_s_country(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout17_sections.jsonl"), home="SA")
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems


def test_the_seventeenth_blind_sample_scores_at_least_095_from_the_text_alone(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout17_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
