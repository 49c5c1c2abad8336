"""Kinds of layout the twenty-first blind sample (tests/data/sections/labels_heldout21.jsonl) showed cut
wrong, each as a small case of its own (tests/data/sections/blind21_layouts.json): an open letter signs off
with a courtesy over its signature («ولمعاليكم جزيل تحياتي، ودمتم بسلام.» over «- د. سعد …»), both
furniture, and a signature's abbreviated title («د.») is no word of the name nor a sentence's end, while a
column's own last courtesy with no signature under it stays its text; a colon-ended line of asking
(«وتدافعوا للسؤال:») introduces the question under it and heads nothing; a column's closing part titled in
brackets («(بين قوسين)») heads the short lines it closes, as a one-word kicker does."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.furniture import is_name_line
from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind21_layouts.json").read_text("utf-8"))
TITLE = CASES["title"]


def test_a_courtesy_over_the_signature_closes_no_text() -> None:
    lines = CASES["letter_signed_under_a_courtesy"]
    result = cut(lines, title=TITLE)
    assert result.sections[-1].text.splitlines()[-1] == lines[1]
    assert [f.text for f in result.furniture] == [lines[3], lines[2]]


def test_a_name_under_an_abbreviated_title_is_a_signature() -> None:
    assert is_name_line("- د. سعد بن علي الفلاني")


def test_a_titled_signature_closes_no_text() -> None:
    lines = CASES["letter_signed_by_a_titled_name"]
    result = cut(lines, title=TITLE)
    assert result.sections[-1].text.splitlines()[-1] == lines[1]


def test_a_column_s_own_last_courtesy_stays_its_text() -> None:
    lines = CASES["column_closing_on_a_courtesy"]
    assert cut(lines, title=TITLE).sections[-1].text.splitlines()[-1] == lines[2]


def test_a_line_of_asking_over_a_question_heads_nothing() -> None:
    assert [s.heading for s in cut(CASES["question_under_an_asking_line"], title=TITLE).sections] == [None]


def test_a_bracketed_kicker_heads_the_lines_it_closes() -> None:
    result = cut(CASES["column_with_a_bracketed_kicker"], title=TITLE)
    assert [s.heading for s in result.sections] == [None, "(بين قوسين)"]
    assert result.furniture == []


def test_a_bracketed_name_crediting_a_quote_heads_nothing() -> None:
    sections = cut(CASES["quotes_closing_on_a_bracketed_credit"], title=TITLE).sections
    assert [s.heading for s in sections] == [None]


def test_a_numbered_title_of_advice_in_the_present_tense_still_heads() -> None:
    headings = [s.heading for s in cut(CASES["numbered_advice_titles"], title=TITLE).sections]
    assert headings == [None, "1- لا تسأل العملاء:", "2- التودد لكبار العملاء:"]
