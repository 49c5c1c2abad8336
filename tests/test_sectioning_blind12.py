"""Kinds of layout the twelfth blind sample (tests/data/sections/labels_heldout12.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind12_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind12_layouts.json").read_text("utf-8"))
COLUMN = CASES["column"]


def test_an_opening_sentence_ending_with_a_colon_over_the_scene_it_introduces_is_the_lead() -> None:
    body = cut([CASES["scene_opening"], *COLUMN])
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n")[0] == CASES["scene_opening"]
    assert body.furniture == []


def test_a_phrase_ending_with_a_colon_above_the_lead_without_a_comma_is_still_furniture() -> None:
    body = cut([CASES["deck_with_colon"], *COLUMN])
    assert body.sections[0].text.split("\n")[0] == COLUMN[0]
    assert [f.text for f in body.furniture] == [CASES["deck_with_colon"]]


def test_a_letter_s_greeting_ending_with_a_colon_above_the_lead_is_still_furniture() -> None:
    body = cut([CASES["letter_greeting"], *COLUMN])
    assert body.sections[0].text.split("\n")[0] == COLUMN[0]
    assert [f.text for f in body.furniture] == [CASES["letter_greeting"]]


def test_the_definite_closing_word_titles_a_kicker_over_the_verse_a_colon_line_introduces() -> None:
    kicker = CASES["definite_kicker_over_verse"]
    body = cut([*COLUMN, *kicker])
    assert [s.heading for s in body.sections] == [None, "الخاتمة:"]
    assert body.sections[1].text.split("\n") == kicker[1:]


def test_a_kicker_reaches_over_a_colon_line_and_its_four_verse_lines() -> None:
    kicker = CASES["kicker_over_a_quoted_verse"]
    body = cut([*COLUMN, *kicker])
    assert [s.heading for s in body.sections] == [None, "ختاما:"]
    assert body.sections[1].text.split("\n") == kicker[1:]
