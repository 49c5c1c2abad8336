"""Kinds of layout the sixteenth blind sample (tests/data/sections/labels_heldout16.jsonl) showed cut wrong,
each as a small case of its own (tests/data/sections/blind16_layouts.json): a column's short exclaimed line
giving a reason, a colon line going on from the paragraph before with a pronoun, rhymed verse closing a
column with a question among its lines, a market page whose parts rules divide, and a page's teaser
(headline and thumbnail address) run into the first paragraph."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind16_layouts.json").read_text("utf-8"))
TITLE = CASES["title"]


def test_a_short_exclaimed_line_giving_a_reason_is_the_column_s_text() -> None:
    column = CASES["exclaimed_reason"]
    body = cut(column, title=TITLE)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == column


def test_a_colon_line_pointing_back_with_a_pronoun_heads_nothing() -> None:
    column = CASES["colon_back_reference"]
    body = cut(column, title=TITLE)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == column


def test_rhymed_verse_closing_a_column_is_its_text_though_a_line_asks_a_question() -> None:
    column = CASES["rhymed_verse_close"]
    body = cut(column, title=TITLE)
    assert body.sections[0].text.split("\n") == column
    assert body.furniture == []


def test_the_first_part_s_headline_on_a_page_divided_by_rules_heads_it() -> None:
    page = CASES["ruled_parts"]
    body = cut(page, title=TITLE)
    assert [s.heading for s in body.sections] == [page[0], page[3], page[6]]
    assert [(f.kind, f.text) for f in body.furniture] == [("endmark", "* *"), ("endmark", "* *")]


def test_a_headline_and_thumbnail_address_run_into_the_first_paragraph_are_the_page_s_teaser() -> None:
    (paragraph,) = CASES["teaser"]
    body = cut([paragraph], title=CASES["teaser_title"])
    assert body.sections[0].text.startswith("كشف مدرب الفريق الأول")
    assert [f.kind for f in body.furniture] == ["title"]
    assert body.furniture[0].text.endswith("itok=Ab3dE9fG")
