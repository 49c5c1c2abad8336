"""Kinds of layout the sixth blind sample (tests/data/sections/labels_heldout6.jsonl) was missed on,
each as a small case of its own (tests/data/sections/blind6_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.furniture import split_glued_caption
from nashra.articles.sectioning import cut, is_verse, section_lines, titled_parts

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind6_layouts.json").read_text("utf-8"))


def test_a_caption_glued_to_the_lead_s_first_word_is_cut_off() -> None:
    body = cut([CASES["glued_caption_lead"]])
    assert body.sections[0].text.startswith("في تصريح خصَّ به")
    assert ("caption", "البرقان") in [(f.kind, f.text) for f in body.furniture]


def test_a_caption_of_several_words_glued_to_the_lead_s_verb_is_cut_off() -> None:
    caption, lead = split_glued_caption(CASES["glued_caption_long"], CASES["glued_caption_long"])
    assert caption == "جانب من زيارة الأمير خالد بن طلال"
    assert lead.startswith("قام صاحب السمو")


def test_words_that_merely_end_like_a_lead_s_first_word_are_left_whole() -> None:
    for key in ("glued_word_verb", "glued_word_noun"):
        assert split_glued_caption(CASES[key], CASES[key]) is None
        assert section_lines([CASES[key]])[0].text == CASES[key]


def test_a_free_verse_poem_has_no_sub_headings_and_keeps_its_first_line() -> None:
    body = cut(CASES["free_verse"])
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.startswith(CASES["free_verse"][0])
    assert body.sections[0].text.endswith(CASES["free_verse"][-1])


def test_a_list_is_no_verse() -> None:
    assert is_verse(CASES["free_verse"])
    assert not is_verse(CASES["squad"])


def test_a_poem_in_titled_fragments_has_a_section_per_title() -> None:
    sections = section_lines(CASES["titled_poem"])
    assert [s.heading for s in sections] == ["دخول:", "مقلة:", "بؤبؤ:", "خروج:"]
    assert sections[1].text.startswith("أيّ دنيا من الثّلجِ")


def test_labels_over_account_numbers_are_no_titled_parts() -> None:
    assert titled_parts(CASES["accounts"]) == set()
    sections = section_lines([CASES["accounts_lead"], *CASES["accounts"]])
    assert [s.heading for s in sections] == [None]


def test_a_poem_keeps_its_last_line_above_a_tag_list_and_loses_the_poet_s_credit() -> None:
    verse = CASES["free_verse"]
    body = cut([*verse, CASES["poem_tags"]])
    assert body.sections[-1].text.endswith(verse[-1])
    body = cut([*verse, CASES["poet_credit"]])
    assert body.sections[-1].text.endswith(verse[-1])
    assert CASES["poet_credit"] in [f.text for f in body.furniture]
