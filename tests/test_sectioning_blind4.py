"""Kinds of layout the fourth blind sample (tests/data/sections/labels_heldout4.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind4_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.articles.furniture import line_kind, split_tail
from nashra.articles.sectioning import cut, section_lines

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind4_layouts.json").read_text("utf-8"))
LEAD, PROSE = CASES["lead"], CASES["prose"]


def headings(lines: list[str]) -> list[str | None]:
    return [s.heading for s in section_lines(lines)]


def test_a_column_s_sms_contact_line_is_furniture_however_long() -> None:
    assert line_kind(CASES["sms_contact"]) == "link"
    body = cut([LEAD, PROSE, CASES["sms_contact"]])
    assert body.sections[-1].text.endswith(PROSE)


def test_a_hashtag_line_is_no_heading() -> None:
    assert headings([LEAD, CASES["hashtag"], PROSE]) == [None]


def test_a_caption_block_s_label_is_furniture() -> None:
    assert line_kind(CASES["caption_header"]) == "caption"
    body = cut([LEAD, PROSE, CASES["caption_header"], CASES["caption"]])
    assert body.sections[-1].text.endswith(PROSE)


@pytest.mark.parametrize("prompt", [" للاطلاع على المقال .. أضغط هنا", " لمشاهدة الفيديو اضغط هنا"])
def test_a_click_here_prompt_glued_to_the_last_sentence_is_furniture(prompt: str) -> None:
    text, found = split_tail(PROSE + prompt)
    assert text == PROSE
    assert [f.kind for f in found] == ["share"]


def test_a_click_here_prompt_after_a_title_in_quotes_leaves_the_sentence() -> None:
    text, _found = split_tail(CASES["click_here_tail"])
    assert text.endswith('بـ"إدارة المتعة"')


def test_a_colon_line_opening_with_and_and_a_present_verb_is_a_sentence_not_a_heading() -> None:
    assert headings([LEAD, CASES["joined_verb_colon"], CASES["after_colon"]]) == [None]


def test_short_lines_quoted_under_a_colon_are_verse_not_headings() -> None:
    lines = [LEAD, CASES["reading_intro"], *CASES["free_verse"], CASES["closing_note"]]
    sections = section_lines(lines)
    assert [s.heading for s in sections] == [None]
    assert sections[0].text.endswith(CASES["closing_note"])


def test_a_separator_ends_a_quoted_passage_so_the_next_heading_counts() -> None:
    lines = [
        LEAD,
        CASES["quoted_headline_intro"],
        CASES["quoted_headline"],
        CASES["separator"],
        CASES["next_heading"],
        PROSE,
    ]
    assert headings(lines) == [None, CASES["next_heading"]]


def test_a_heading_over_prose_after_quoted_verse_is_still_a_heading() -> None:
    lines = [LEAD, CASES["verse_intro"], *CASES["verse_couplet"], CASES["heading_after_verse"], PROSE]
    assert headings(lines) == [None, CASES["heading_after_verse"]]


def test_a_heading_mark_written_as_a_hash_before_a_headline_still_heads() -> None:
    assert headings([LEAD, "# لقاء بعد غياب 30 سنة", PROSE]) == [None, "# لقاء بعد غياب 30 سنة"]


def test_verse_a_colon_introduces_at_the_end_is_text_not_related_headlines() -> None:
    body = cut([LEAD, CASES["poem_intro"], *CASES["poem"]])
    assert body.sections[-1].text.endswith(CASES["poem"][-1])
    assert [f for f in body.furniture if f.kind == "related"] == []


def test_a_colon_ended_title_between_two_lists_heads_the_second() -> None:
    lines = [
        CASES["list_lead"],
        *CASES["list_one"],
        CASES["list_heading_long"],
        *CASES["list_two"],
        CASES["list_heading_short"],
        *CASES["list_three"],
    ]
    sections = section_lines(lines)
    assert [s.heading for s in sections] == [None, CASES["list_heading_long"], CASES["list_heading_short"]]
    assert sections[-1].text.endswith(CASES["list_three"][-1])


def test_a_list_s_own_lead_in_between_two_lists_is_text() -> None:
    lines = [CASES["list_lead"], *CASES["list_one"], CASES["list_lead_in"], *CASES["list_two"], PROSE]
    assert headings(lines) == [None]


def test_an_outlet_s_sources_in_brackets_are_no_dateline() -> None:
    body = cut([CASES["attribution_opening"], PROSE], outlet="الجزيرة")
    assert body.sections[0].text.startswith("تشير مصادر( الجزيرة )")


def test_a_wire_dateline_with_its_agency_in_brackets_is_still_cut() -> None:
    body = cut([CASES["wire_opening"], PROSE])
    assert body.sections[0].text.startswith("قال مسؤول سوداني")
    assert body.credit.place == "الخرطوم"


def test_a_columnist_s_degree_under_the_column_is_furniture() -> None:
    body = cut([LEAD, PROSE, CASES["credential"]])
    assert body.sections[-1].text.endswith(PROSE)
    assert ("byline", CASES["credential"]) in [(f.kind, f.text) for f in body.furniture]


def test_names_between_guillemets_head_a_list_of_reviews_from_the_first() -> None:
    lines = [line for pair in CASES["named_items"] for line in pair]
    sections = section_lines(lines)
    assert [s.heading for s in sections] == [name for name, _text in CASES["named_items"]]


def test_a_number_between_guillemets_is_no_name() -> None:
    assert line_kind(CASES["numbered_part"]) == "label"
