"""Kinds of layout the ninth blind sample (tests/data/sections/labels_heldout9.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind9_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind9_layouts.json").read_text("utf-8"))


def test_a_starred_question_over_a_dashed_list_heads_it() -> None:
    lines = CASES["starred_question_over_dashes"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None, "ماذا يحدث بعد العملية؟"]
    assert body.sections[1].text.split("\n") == lines[2:]


def test_a_starred_question_over_starred_items_is_one_of_them() -> None:
    lines = CASES["starred_question_over_stars"]
    assert [s.heading for s in cut(lines).sections] == [None]


def test_an_interview_s_starred_question_over_its_dashed_answer_heads_nothing() -> None:
    lines = CASES["interview_star_dash"]
    assert [s.heading for s in cut(lines).sections] == [None]


def test_titles_over_columns_of_figures_head_them() -> None:
    lines = CASES["titled_figure_columns"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None, "المقبولون من الرجال:", "المقبولات من النساء:"]
    assert [s.text.split("\n") for s in body.sections[1:]] == [lines[2:5], lines[6:]]


def test_a_label_over_its_one_figure_heads_nothing() -> None:
    lines = CASES["a_label_over_its_value"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == lines
