"""Kinds of layout the fifteenth blind sample (tests/data/sections/labels_heldout15.jsonl) holds, each as a
small case of its own (tests/data/sections/blind15_layouts.json): the sample was cut exactly at first
sight, so these keep its kinds (obituaries with the family's telephone lines, tag lines and wire datelines
opened by direction marks, a market report's bare sub-headings) from sliding back."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.arabic import strip_controls
from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind15_layouts.json").read_text("utf-8"))
TITLE = CASES["title"]


def test_an_obituary_s_condolence_address_and_the_family_s_phone_lines_are_its_text() -> None:
    notice = CASES["obit_phones"]
    body = cut(notice, title=TITLE)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == notice
    assert body.furniture == []


def test_an_obituary_s_dashed_list_of_children_is_its_text() -> None:
    notice = CASES["obit_children"]
    body = cut(notice, title=TITLE)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == notice
    assert body.furniture == []


def test_a_tag_line_opened_by_direction_marks_is_furniture() -> None:
    story = CASES["tag_line_marks"]
    body = cut(story, title=TITLE)
    assert body.sections[0].text.split("\n") == story[:-1]
    # The line as stored: the page's right-to-left embedding leaves it, its RLM stays.
    assert [(f.kind, f.text) for f in body.furniture] == [("tags", strip_controls(story[-1]).strip())]


def test_a_wire_dateline_opened_by_a_direction_mark_is_furniture() -> None:
    wire = CASES["wire_dateline_marks"]
    body = cut(wire, title=TITLE)
    assert body.sections[0].text.split("\n") == wire[1:3]
    assert sorted(f.kind for f in body.furniture) == ["dateline", "endmark", "timestamp"]
    assert body.credit.outlet == "واس"


def test_a_market_report_s_bare_sub_headings_head_sections_and_its_starred_unit_credit_is_furniture() -> None:
    report = CASES["market_unit_credit"]
    body = cut(report, title=TITLE)
    assert [s.heading for s in body.sections] == [None, report[1], report[3]]
    assert [f.text for f in body.furniture] == [report[-1]]
