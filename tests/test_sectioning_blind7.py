"""Kinds of layout the seventh blind sample (tests/data/sections/labels_heldout7.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind7_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.furniture import is_contributor_credit
from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind7_layouts.json").read_text("utf-8"))


def test_a_poet_s_credit_with_a_note_set_off_by_dashes_closes_the_poem() -> None:
    verse = CASES["nabati_poem"]
    body = cut([*verse, CASES["credit_dashed_note"]])
    assert body.sections[-1].text.endswith(verse[-1])
    assert CASES["credit_dashed_note"] in [f.text for f in body.furniture]


def test_a_sentence_with_a_dash_after_shi_r_is_no_credit() -> None:
    assert not is_contributor_credit("شعر المواطنون بالقلق - كما قال أحدهم -")


def test_an_sms_instruction_wrapped_onto_a_second_line_is_dropped_whole() -> None:
    body = cut([*CASES["column_end"], *CASES["sms_wrapped"]])
    assert body.sections[-1].text.endswith(CASES["column_end"][-1])
    assert CASES["sms_wrapped"][-1] in [f.text for f in body.furniture]
