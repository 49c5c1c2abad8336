"""Kinds of layout the tenth blind sample (tests/data/sections/labels_heldout10.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind10_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind10_layouts.json").read_text("utf-8"))


def test_the_item_after_a_long_numbered_item_is_an_item_of_its_list() -> None:
    lines = CASES["numbered_notice_long_item_then_short"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == lines


def test_numbered_lines_over_paragraphs_still_head_them() -> None:
    lines = CASES["numbered_headings_over_paragraphs"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None, "1- النقل العام", "2- الطرق"]
