"""Kinds of layout the thirteenth blind sample (tests/data/sections/labels_heldout13.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind13_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.arabic import reports_a_saying
from nashra.articles.furniture import is_caption
from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind13_layouts.json").read_text("utf-8"))
COLUMN = CASES["column"]


def test_a_kicker_s_own_name_alone_heads_the_saying_it_closes_with_its_attribution() -> None:
    kicker = CASES["kicker_over_a_saying"]
    body = cut([*COLUMN, *kicker])
    assert [s.heading for s in body.sections] == [None, "وخزة"]
    assert body.sections[1].text.split("\n") == kicker[1:]


def test_a_kicker_s_own_name_with_a_colon_heads_the_verse_under_it() -> None:
    kicker = CASES["kicker_with_colon_over_verse"]
    body = cut([*COLUMN, *kicker])
    assert [s.heading for s in body.sections] == [None, "ومضة:"]
    assert body.sections[1].text.split("\n") == kicker[1:]


def test_a_kicker_s_own_name_keeps_its_quips_as_its_text() -> None:
    kicker = CASES["kicker_over_quips"]
    body = cut([*COLUMN, *kicker])
    assert [s.heading for s in body.sections] == [None, "قفلة"]
    assert body.sections[1].text.split("\n") == kicker[1:]
    assert body.furniture == []


def test_an_opening_sentence_with_a_caption_s_first_word_introducing_a_verse_is_the_lead() -> None:
    lines = CASES["image_sentence_over_verse"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == lines
    assert body.furniture == []


def test_a_photo_caption_opening_with_the_same_word_is_still_a_caption() -> None:
    assert is_caption(CASES["photo_caption"])
    assert not is_caption(CASES["image_sentence_over_verse"][0])


def test_a_closing_saying_brought_in_by_the_passive_of_saying_is_text() -> None:
    body = cut([*COLUMN, CASES["closing_saying"]])
    assert body.sections[0].text.split("\n")[-1] == CASES["closing_saying"]
    assert body.furniture == []


def test_a_headline_of_what_was_said_is_no_saying_brought_in() -> None:
    assert reports_a_saying(CASES["closing_saying"])
    assert not reports_a_saying(CASES["saying_headline"])


def test_poets_names_over_their_verse_under_a_colon_sentence_head_nothing() -> None:
    lines = CASES["colon_sentence_over_poets"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == lines


def test_a_quoted_couplet_the_first_sentence_attributes_opens_the_text() -> None:
    lines = CASES["quoted_opening"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == lines
    assert body.furniture == []
