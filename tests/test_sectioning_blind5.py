"""Kinds of layout the fifth blind sample (tests/data/sections/labels_heldout5.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind5_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.arabic import is_salutation, opens_letter
from nashra.articles.furniture import Credit
from nashra.articles.jsonformat import article_from_record
from nashra.articles.sectioning import cut, section_lines

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind5_layouts.json").read_text("utf-8"))
LEAD, PROSE = CASES["lead"], CASES["prose"]


def test_lyrics_under_a_colon_are_kept_whole_when_a_line_ends_with_a_function_word() -> None:
    body = cut([LEAD, CASES["lyrics_intro"], *CASES["lyrics"]])
    assert body.sections[-1].text.endswith("\n".join(CASES["lyrics"]))
    assert body.furniture == []


def test_a_letter_s_greeting_is_a_salutation_and_no_heading() -> None:
    assert opens_letter(CASES["cable_greeting"]) and is_salutation(CASES["cable_closing"])
    assert not opens_letter(CASES["cable_closing"])
    lines = [CASES["cable_lead"], CASES["cable_address"], CASES["cable_greeting"], CASES["cable_text"]]
    assert [s.heading for s in section_lines(lines)] == [None]


def test_a_quoted_cable_keeps_its_signature_but_not_what_follows_a_blank_line() -> None:
    lines = [
        CASES["cable_lead"],
        CASES["cable_address"],
        CASES["cable_greeting"],
        CASES["cable_text"],
        CASES["cable_closing"],
        *CASES["cable_signature"],
        "",
        *CASES["related"],
    ]
    body = cut(lines)
    assert body.sections[-1].text.endswith("\n".join(CASES["cable_signature"]))
    assert [f.text for f in body.furniture if f.kind == "related"] == list(reversed(CASES["related"]))


def test_a_letter_to_the_editor_printed_as_the_article_still_loses_its_sign_off() -> None:
    lines = [CASES["letter_address"], CASES["cable_greeting"], CASES["letter_text"], CASES["letter_signoff"]]
    body = cut(lines)
    assert body.sections[-1].text.endswith(CASES["letter_text"])


def test_the_byline_repeated_before_the_lead_is_cut_with_an_unknown_place() -> None:
    byline = Credit(author="سالم الغامدي، سبق، بلجرشي")
    body = cut([CASES["byline_lead"], PROSE], outlet="sabq", byline=byline)
    assert body.sections[0].text.startswith("اختتمت جمعية البر")
    assert ("dateline", CASES["byline_field"]) in [(f.kind, f.text) for f in body.furniture]


def test_the_lead_is_left_whole_without_a_byline_to_match() -> None:
    body = cut([CASES["byline_lead"], PROSE], outlet="sabq", byline=Credit(author="فهد العتيبي"))
    assert body.sections[0].text.startswith(CASES["byline_field"])


def test_numbers_under_colon_labels_are_kept_as_their_values() -> None:
    body = cut([LEAD, CASES["accounts_lead"], *CASES["accounts"]])
    assert body.sections[-1].text.endswith("\n".join(CASES["accounts"]))


def test_labels_over_dropped_links_go_with_the_links() -> None:
    body = cut([LEAD, PROSE, CASES["links_intro"], *CASES["links"]])
    assert body.sections[-1].text.endswith(PROSE)
    assert {f.text for f in body.furniture if f.kind == "link"} >= {CASES["links_intro"], "نتائج البنين:"}


def test_an_sms_box_over_three_lines_under_closing_verse_is_furniture() -> None:
    body = cut([LEAD, PROSE, *CASES["verse_close"], *CASES["sms_box"]])
    assert body.sections[-1].text.endswith(CASES["verse_close"][-1])
    assert [f.kind for f in body.furniture] == ["link"] * 3


def test_a_compiler_s_credit_under_verse_is_a_byline() -> None:
    body = cut([LEAD, *CASES["verse_close"], CASES["compiler_credit"]])
    assert body.sections[-1].text.endswith(CASES["verse_close"][-1])
    assert ("byline", CASES["compiler_credit"]) in [(f.kind, f.text) for f in body.furniture]


def test_a_record_s_author_field_repeated_before_its_lead_is_cut() -> None:
    record = {
        "title": "جمعية البر تختتم دورتها الصيفية",
        "source": "sabq",
        "author": CASES["byline_field"],
        "content": CASES["byline_lead"] + "\n" + PROSE,
    }
    article = article_from_record(record, "record")
    assert article.sections[0].text.startswith("اختتمت جمعية البر")


def test_a_lone_mark_left_before_a_tag_list_is_no_paragraph() -> None:
    body = cut([LEAD, PROSE, ". سمات المعنى طلال سلامة"])
    assert body.sections[-1].text.endswith(PROSE)


def test_a_row_of_quote_marks_between_paragraphs_is_no_text() -> None:
    body = cut([LEAD, "«»»»»»»»»»»»»»»»", PROSE])
    assert body.sections[-1].text == LEAD + "\n" + PROSE
