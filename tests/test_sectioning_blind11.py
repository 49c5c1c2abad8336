"""Kinds of layout the eleventh blind sample (tests/data/sections/labels_heldout11.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind11_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind11_layouts.json").read_text("utf-8"))
COLUMN = CASES["column"]


def test_a_colon_kicker_of_two_words_heads_the_verse_closing_a_prose_column() -> None:
    body = cut([*COLUMN, *CASES["colon_kicker"]])
    assert [s.heading for s in body.sections] == [None, "السطـر الأخـير :"]
    assert body.sections[1].text.split("\n") == CASES["colon_kicker"][1:]


def test_a_kicker_ending_with_dots_heads_the_closing_aphorism() -> None:
    body = cut([*COLUMN, *CASES["dots_kicker"]])
    assert [s.heading for s in body.sections] == [None, "الكلام الأخير.."]
    assert body.sections[1].text == CASES["dots_kicker"][1]


def test_an_interviewer_s_closing_question_heads_nothing() -> None:
    body = cut([*COLUMN, *CASES["closing_question"]])
    assert [s.heading for s in body.sections] == [None]


def test_a_short_sentence_with_a_word_of_closing_heads_nothing() -> None:
    body = cut([*COLUMN, *CASES["sentence_with_last"]])
    assert [s.heading for s in body.sections] == [None]


def test_a_bare_noun_phrase_with_a_word_of_closing_over_captions_heads_nothing() -> None:
    body = cut([*COLUMN, *CASES["caption_block"]])
    assert [s.heading for s in body.sections] == [None]
    assert CASES["caption_block"][0] not in body.sections[0].text
