"""Texts in short lines, lists and boxes: a column broken like verse whose sentences run on through a
genitive or a relative, a review quoting a prose poem line by line, a numbered top ten in Latin letters
closing a film page, a column's hashtag-titled pull-quote box (tests/data/sections/
short_lines_lists_boxes.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.arabic import continues_sentence, opens_with_genitive, strip_controls
from nashra.articles.sectioning import cut, is_short_lined

CASES = json.loads(
    (Path(__file__).parent / "data" / "sections" / "short_lines_lists_boxes.json").read_text("utf-8")
)


def _headings(lines: list[str]) -> list[str | None]:
    return [s.heading for s in cut(lines).sections]


def test_a_word_printed_with_the_genitive_ending_goes_on_with_the_line_above() -> None:
    assert opens_with_genitive("القضيةِ العربيةِ الكبرى قضيةِ فلسطين..")
    assert opens_with_genitive("لمسجدِ أهلِ السنةِ الوحيدِ في طهران")
    assert continues_sentence("القضيةِ العربيةِ الكبرى قضيةِ فلسطين..")


def test_an_unvocalized_word_or_another_ending_shows_no_genitive() -> None:
    assert not opens_with_genitive("القضية العربية الكبرى")
    assert not opens_with_genitive("العنصريةَ الفارسيةَ")
    assert not opens_with_genitive("إشكاليةٌ مع إيران")


def test_a_line_opening_with_mimman_goes_on_with_the_line_above() -> None:
    assert continues_sentence("ممن خدعتهم ادعاءات الفرس")


def test_a_column_broken_into_short_lines_has_no_sub_heading() -> None:
    lines = CASES["broken_column"]
    assert is_short_lined(lines)
    assert _headings(lines) == [None]


def test_a_line_over_a_genitive_continuation_heads_no_section() -> None:
    case = CASES["genitive_after_construct"]
    assert _headings(case["lines"]) == [None]


def test_an_unvocalized_sub_heading_over_a_paragraph_still_heads_it() -> None:
    case = CASES["unvocalized_subheading"]
    assert _headings(case["lines"]) == case["headings"]


def test_a_prose_poem_quoted_line_by_line_heads_no_section() -> None:
    lines = CASES["prose_poem_review"]
    assert is_short_lined(lines)
    assert _headings(lines) == [None]


def test_in_a_text_in_short_lines_a_colon_title_or_a_title_after_a_break_heads_its_part() -> None:
    case = CASES["short_lined_news"]
    assert is_short_lined(case["lines"])
    assert _headings(case["lines"]) == case["headings"]


def test_a_numbered_top_ten_in_latin_letters_closing_the_page_is_its_text() -> None:
    lines = CASES["top_ten"]
    body = cut([*lines, CASES["photo_file"]])
    # The text as stored: the page's left-to-right embeddings around the numbers leave it.
    assert body.sections[-1].text == "\n".join(strip_controls(line).strip() for line in lines)
    assert [f.text for f in body.furniture] == [CASES["photo_file"]]


def test_the_first_item_of_a_top_ten_with_bidi_marks_heads_no_section() -> None:
    lines = CASES["top_ten_headed"]
    assert _headings(lines) == [None]


def test_short_lines_in_latin_letters_outside_a_list_stay_labels() -> None:
    body = cut([CASES["column_end"][0], *CASES["latin_labels"], CASES["column_end"][1]])
    assert [(f.kind, f.text) for f in body.furniture] == [("label", label) for label in CASES["latin_labels"]]


def test_a_hashtag_titled_box_closing_a_column_is_furniture() -> None:
    body = cut([*CASES["column_end"], *CASES["hashtag_box"]])
    assert body.sections[-1].text.endswith(CASES["column_end"][-1])
    assert [f.text for f in body.furniture] == CASES["hashtag_box"]


def test_a_kicker_without_a_hashtag_still_heads_the_closing_lines() -> None:
    body = cut([*CASES["column_end"], *CASES["kicker"]])
    assert body.sections[-1].heading == CASES["kicker"][0]


def test_in_a_text_in_short_lines_a_one_word_title_after_a_paragraph_heads_the_lines_under_it() -> None:
    case = CASES["closing_poem"]
    assert is_short_lined(case["lines"])
    assert _headings(case["lines"]) == case["headings"]
