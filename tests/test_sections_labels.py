"""Hand-labelled real articles are cut as their editors cut them (tests/data/sections/*.jsonl).

The full report, with every failing article, is ``python benchmarks/sections_quality.py``; this test
keeps the rate from sliding back. Floors sit a little under the measured rates (labels.jsonl 117/118,
labels_heldout2.jsonl 85/86, labels_heldout3.jsonl 30/30 after its first-sight 25/30,
labels_heldout4.jsonl 30/30 after its first-sight 19/30, labels_heldout5.jsonl 30/30 after its first-sight
25/30, labels_heldout6.jsonl 29/30 after its first-sight 26/30, labels_heldout7.jsonl 15/15 after its
first-sight 9/15, labels_heldout8.jsonl 15/15 after its first-sight 12/15, labels_heldout9.jsonl 15/15
after its first-sight 13/15, labels_heldout10.jsonl 15/15 after its first-sight 14/15,
labels_heldout11.jsonl 15/15 after its first-sight 13/15, labels_heldout12.jsonl 15/15 after its
first-sight 13/15, labels_heldout13.jsonl 15/15 after its first-sight 10/15, labels_heldout14.jsonl
14/15 after its first-sight 12/15, labels_heldout15.jsonl 15/15 at first sight, labels_heldout16.jsonl 15/15
after its first-sight 10/15, labels_heldout17.jsonl 14/15 after its first-sight 12/15, labels_heldout18.jsonl
15/15 after its first-sight 14/15, labels_heldout19.jsonl 15/15 after its first-sight 14/15,
labels_heldout20.jsonl 15/15 after its first-sight 13/15, labels_heldout21.jsonl 15/15 after its first-sight
12/15, labels_heldout22.jsonl 14/15 at first sight) so one new miss is noticed without a re-labelling ever
being needed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nashra.articles.evaluation import label_text, load_labels, score
from nashra.articles.textformat import parse_text

LABELS = Path(__file__).parent / "data" / "sections"


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("labels.jsonl", 116),
        ("labels_heldout2.jsonl", 84),
        ("labels_heldout3.jsonl", 29),
        ("labels_heldout4.jsonl", 29),
        ("labels_heldout5.jsonl", 29),
        ("labels_heldout6.jsonl", 28),
        ("labels_heldout7.jsonl", 14),
        ("labels_heldout8.jsonl", 14),
        ("labels_heldout9.jsonl", 14),
        ("labels_heldout10.jsonl", 14),
        ("labels_heldout11.jsonl", 14),
        ("labels_heldout12.jsonl", 14),
        ("labels_heldout13.jsonl", 14),
        ("labels_heldout14.jsonl", 13),
        ("labels_heldout15.jsonl", 14),
        ("labels_heldout16.jsonl", 14),
        ("labels_heldout17.jsonl", 13),
        ("labels_heldout18.jsonl", 14),
        ("labels_heldout19.jsonl", 14),
        ("labels_heldout20.jsonl", 14),
        ("labels_heldout21.jsonl", 14),
        ("labels_heldout22.jsonl", 13),
    ],
)
def test_labelled_articles_are_cut_exactly(shared_dir: Path, name: str, floor: int) -> None:
    real = shared_dir / "real"
    labels = load_labels(LABELS / name)
    scores = score((label, parse_text(label_text(real, label), label.id)) for label in labels)
    exact = sum(split.exact for split in scores.values())
    failures = [line for split in scores.values() for line in split.failures]
    assert exact >= floor, "\n".join(failures)
