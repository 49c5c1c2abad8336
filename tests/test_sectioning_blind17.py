"""Kinds of layout the seventeenth blind sample (tests/data/sections/labels_heldout17.jsonl) showed cut wrong,
each as a small case of its own (tests/data/sections/blind17_layouts.json): a verse line's two halves
opening a column that the text then speaks of, and an e-mail address hidden by a page's protection, the
empty script comment it leaves and the sentence it closes."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind17_layouts.json").read_text("utf-8"))
TITLE = CASES["title"]


def test_a_couplet_opening_a_column_that_speaks_of_the_verse_is_its_text() -> None:
    column = CASES["couplet_opening"]
    body = cut(column, title=TITLE)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == column
    assert body.furniture == []


def test_two_short_lines_over_a_report_that_names_no_verse_stay_its_decks() -> None:
    report = CASES["two_decks_over_report"]
    body = cut(report, title=TITLE)
    assert body.sections[0].text.split("\n") == report[2:]


def test_the_script_comment_after_a_protected_address_is_furniture() -> None:
    (paragraph,) = CASES["address_inside_sentence"]
    body = cut([paragraph], title=TITLE)
    assert "/*" not in body.sections[0].text
    assert "[email protected] خلال أسبوعين" in body.sections[0].text
    assert [(f.kind, f.text) for f in body.furniture] == [("markup", "/* */")]


def test_a_sentence_closing_on_the_address_it_gives_is_the_text() -> None:
    notice = CASES["address_closing_sentence"]
    body = cut(notice, title=TITLE)
    assert body.sections[0].text.endswith("على البريد التالي [email protected]")
    assert [f.kind for f in body.furniture] == ["markup"]


def test_a_contact_line_closing_a_column_stays_furniture() -> None:
    column = CASES["contact_line"]
    body = cut(column, title=TITLE)
    assert body.sections[0].text == column[0]
    assert column[1] in [f.text for f in body.furniture]
