"""Kinds of layout the twentieth blind sample (tests/data/sections/labels_heldout20.jsonl) showed cut wrong,
each as a small case of its own (tests/data/sections/blind20_layouts.json): a page of film notes labels
its items with one word each, and «تصوير» ("filming") alone is such a label, not a photo credit, nor is
«تصوير» of a film in an item's sentence; a feature whose unmarked sub-headings stand between its
paragraphs may ask one of them as a short question («من ينسى ذلك الهدف؟»), which heads its part as the
noun-phrase titles do, while an interview's questions (put to the guest, as many as the titles, or under
a title giving the interview to an outlet) stay the text."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.furniture import is_caption
from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind20_layouts.json").read_text("utf-8"))
TITLE = CASES["title"]


def _headings(name: str, title: str = TITLE) -> list[str | None]:
    return [s.heading for s in cut(CASES[name], title=title).sections]


def test_a_lone_filming_label_heads_its_film_note() -> None:
    assert _headings("film_notes_page") == ["مهرجان", "تصوير", "كتابة"]


def test_the_filming_of_a_film_in_a_short_sentence_is_no_photo_credit() -> None:
    assert not is_caption(CASES["film_notes_page"][3])


def test_a_photo_credit_still_makes_a_caption() -> None:
    assert is_caption("جانب من الحفل (تصوير: خالد العلي)")


def test_a_short_question_among_a_feature_s_titles_heads_its_part() -> None:
    assert _headings("feature_with_a_question_title") == [
        None,
        "كرمونا قبل رحيلنا",
        "من ينسى ذلك الهدف؟",
        "حارس لا يتكرر",
    ]


def test_a_question_put_to_the_guest_stays_the_text() -> None:
    assert _headings("interview_question_put_to_the_guest") == [None, "كرمونا قبل رحيلنا", "حارس لا يتكرر"]


def test_questions_as_many_as_the_titles_stay_the_text() -> None:
    assert _headings("as_many_questions_as_titles") == [None, "كرمونا قبل رحيلنا"]


def test_questions_under_a_title_giving_the_interview_to_an_outlet_stay_the_text() -> None:
    title = CASES["interview_title"]
    assert _headings("feature_with_a_question_title", title) == [None, "كرمونا قبل رحيلنا", "حارس لا يتكرر"]
