"""Kinds of layout the fourteenth blind sample (tests/data/sections/labels_heldout14.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind14_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind14_layouts.json").read_text("utf-8"))


def test_the_first_brief_of_a_page_titled_with_its_rubric_is_headed_by_its_own_headline() -> None:
    briefs = CASES["briefs"]
    body = cut(briefs, title=CASES["briefs_title"])
    assert [s.heading for s in body.sections] == [briefs[0], briefs[3]]
    assert body.sections[0].text.split("\n") == briefs[1:3]
    assert body.furniture == []


def test_the_first_brief_s_dateline_under_its_headline_is_the_article_s_dateline() -> None:
    briefs = CASES["first_brief_with_dateline"]
    body = cut(briefs, title=CASES["briefs_title"])
    assert [s.heading for s in body.sections] == [briefs[0], briefs[2]]
    assert body.sections[0].text == briefs[1].removeprefix(CASES["first_brief_dateline"]).strip()
    assert [(f.kind, f.text) for f in body.furniture] == [("dateline", CASES["first_brief_dateline"])]
    assert body.credit.place == "الطائف"


def test_a_deck_above_the_lead_of_a_story_with_sub_headings_is_still_furniture() -> None:
    story = CASES["story"]
    body = cut(story, title=CASES["story_title"])
    assert [s.heading for s in body.sections] == [None, story[2]]
    assert [f.text for f in body.furniture] == [story[0]]


def test_a_line_offering_another_example_with_or_heads_nothing_over_verse() -> None:
    column = CASES["alternatives_over_verse"]
    body = cut(column)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == column
