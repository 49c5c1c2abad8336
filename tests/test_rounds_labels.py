"""Every blind round's label files say what its editor's labels say (tests/data/rounds/ROUND.json).

The labels are the source; the label files the tests and benchmarks read are built from them by
``python scripts/rounds.py build ROUND``. An edit to a round's labels that was not rebuilt would be
scored as the old labels, so these tests compare the two, field by field, without the crawled text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROUNDS = DATA / "rounds"
SAUDINEWSNET = sorted(ROUNDS.glob("heldout*.json"))
XLSUM = sorted(ROUNDS.glob("xlsum_regions*.json"))


def _labels(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_every_round_is_a_saudinewsnet_or_an_xlsum_round() -> None:
    assert sorted(ROUNDS.glob("*.json")) == sorted(SAUDINEWSNET + XLSUM)


@pytest.mark.parametrize("path", SAUDINEWSNET, ids=lambda p: p.stem)
def test_a_saudinewsnet_rounds_section_labels_are_its_editors(path: Path) -> None:
    built = _lines(DATA / "sections" / f"labels_{path.stem}.jsonl")
    assert [(b["id"], b["sections"], b["ends"], b["furniture"], b["note"]) for b in built] == [
        (
            f"saudinewsnet/{a['id']}",
            [{"heading": s["heading"], "starts": s["starts"]} for s in a["sections"]],
            a["ends"],
            a["furniture"],
            a["note"],
        )
        for a in _labels(path)
    ]


@pytest.mark.parametrize("path", SAUDINEWSNET, ids=lambda p: p.stem)
def test_a_saudinewsnet_rounds_region_items_are_its_editors(path: Path) -> None:
    built = _lines(DATA / f"real_{path.stem}_sections.jsonl")
    assert [(b["article"], b["section"], b["regions"], b["optional"]) for b in built] == [
        (f"saudinewsnet/{a['id']}", n, sorted(s["regions"]), sorted(s["optional"]))
        for a in _labels(path)
        for n, s in enumerate(a["sections"])
    ]


@pytest.mark.parametrize("path", XLSUM, ids=lambda p: p.stem)
def test_an_xlsum_rounds_region_items_are_its_editors(path: Path) -> None:
    built = _lines(DATA / f"{path.stem}.jsonl")
    assert [(b["article"], b["regions"], b["optional"], b["forbidden"], b["note"]) for b in built] == [
        (f"xlsum/{a['row']}", sorted(a["regions"]), sorted(a["optional"]), sorted(a["forbidden"]), a["note"])
        for a in _labels(path)
    ]
