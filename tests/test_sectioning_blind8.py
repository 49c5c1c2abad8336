"""Kinds of layout the eighth blind sample (tests/data/sections/labels_heldout8.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind8_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.arabic import ends_with_colon, strip_controls
from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind8_layouts.json").read_text("utf-8"))


def test_a_colon_with_a_dash_after_it_ends_a_line_as_a_colon() -> None:
    assert ends_with_colon("صدر اليوم عن الديوان الملكي البيان التالي :-")
    assert ends_with_colon("واللاعبون هم:ـ")


def test_a_range_with_a_dash_is_no_colon() -> None:
    assert not ends_with_colon("موسم 2015 - 2016")


def test_a_statement_s_lead_in_ending_in_a_colon_and_a_dash_opens_the_text() -> None:
    lines = CASES["statement_colon_dash"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == lines
    assert body.furniture == []


def test_a_list_s_lead_in_ending_in_a_colon_and_tatweel_heads_no_section() -> None:
    lines = CASES["list_colon_tatweel"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None]
    assert lines[1] in body.sections[0].text.split("\n")


def test_a_film_s_credits_card_above_its_review_opens_the_text() -> None:
    lines = CASES["film_card"]
    body = cut(lines)
    # The card as stored: the page's left-to-right embedding around the title leaves it.
    assert body.sections[0].text.split("\n")[:3] == [strip_controls(line).strip() for line in lines[1:4]]


def test_the_kicker_above_a_credits_card_stays_furniture() -> None:
    body = cut(CASES["film_card"])
    assert [f.text for f in body.furniture] == [CASES["film_card"][0]]


def test_a_card_s_original_title_above_its_rating_opens_the_text() -> None:
    lines = CASES["film_card_rated"]
    assert cut(lines).sections[0].text.split("\n") == lines


def test_a_directors_credit_under_a_byline_heads_no_section() -> None:
    lines = CASES["play_director_under_byline"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == lines[2:]


def test_a_programmes_credits_of_two_roles_over_a_director_make_no_card() -> None:
    lines = CASES["programme_credits_above_the_text"]
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == lines[2:]
