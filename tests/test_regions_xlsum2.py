"""Kinds of region error the second BBC Arabic sample (tests/data/xlsum_regions2.jsonl, 30 XL-Sum
articles labelled blind) showed, each as a small case (tests/data/xlsum_regions2_cases.json), and the
sample's own score."""

from __future__ import annotations

from pathlib import Path

from nashra.regions.evaluation import evaluate, load_items


def test_the_second_bbc_arabic_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "xlsum_regions2.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
