"""Kinds of layout the nineteenth blind sample (tests/data/sections/labels_heldout19.jsonl) showed cut wrong,
each as a small case of its own (tests/data/sections/blind19_layouts.json): a short colon-ended noun phrase
after a paragraph's closing sentence heads the list of two items or more under it («جلسات الأسبوع الماضي:»
over a weekly market report's dashed figures), as one between two lists does; a lead-in, a long closing
sentence, a numbered decision, a title over a single item or under a paragraph that trails off stay the
text."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind19_layouts.json").read_text("utf-8"))
TITLE = CASES["title"]


def _headings(name: str) -> list[str | None]:
    return [s.heading for s in cut(CASES[name], title=TITLE).sections]


def test_a_colon_title_after_a_paragraph_heads_the_list_under_it() -> None:
    lines = CASES["report_with_session_lists"]
    body = cut(lines, title=TITLE)
    assert [s.heading for s in body.sections] == [None, lines[1], lines[4]]
    assert body.sections[1].text.split("\n") == lines[2:4]


def test_a_lead_in_that_introduces_the_list_stays_the_text() -> None:
    assert _headings("lead_in_over_a_list") == [None]


def test_a_long_sentence_ending_with_a_colon_over_a_list_stays_the_text() -> None:
    assert _headings("closing_sentence_over_a_list") == [None]


def test_a_numbered_decision_over_a_list_stays_the_text() -> None:
    assert _headings("numbered_decision_over_a_list") == [None]


def test_a_colon_title_over_a_single_item_is_no_heading() -> None:
    assert _headings("title_over_a_single_item") == [None]


def test_a_line_under_a_paragraph_that_trails_off_goes_on_with_it() -> None:
    assert _headings("title_after_a_trailing_paragraph") == [None]


def test_a_colon_line_ending_on_a_preposition_over_a_list_stays_the_text() -> None:
    # «أسفر الحادث عن:» ("the accident resulted in:") goes on in the items: no noun phrase ends on «عن».
    assert _headings("lead_in_ending_on_a_preposition") == [None]


def test_a_colon_line_opening_with_a_verb_that_brings_in_the_items_stays_the_text() -> None:
    # «حضر اللقاء:» ("attending the meeting were:") is the list's lead-in: its sentence ends in the names.
    assert _headings("attendance_lead_in_over_names") == [None]
