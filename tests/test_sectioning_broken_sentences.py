"""A sentence broken over two lines is no sub-heading over a paragraph, and a page reviewing several films
gives each film's title to its review (tests/data/sections/broken_sentence_layouts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.arabic import continues_sentence, opens_with_fronted_phrase
from nashra.articles.sectioning import cut

CASES = json.loads(
    (Path(__file__).parent / "data" / "sections" / "broken_sentence_layouts.json").read_text("utf-8")
)


def _headings(name: str) -> list[str | None]:
    return [s.heading for s in cut(CASES[name]["lines"]).sections]


def test_a_line_opening_with_a_verb_of_purpose_goes_on_with_the_line_above() -> None:
    assert continues_sentence("لتخفف العبء عنه وتتابع اللاعبين الصغار")


def test_a_line_opening_with_a_relative_pronoun_goes_on_with_the_line_above() -> None:
    assert continues_sentence("التي رأت في الاتفاق تهديدا لمصالحها")


def test_a_verbal_noun_or_a_noun_after_lam_opens_a_sentence() -> None:
    assert not continues_sentence("لتحقيق ذلك، تعمل الوزارة على خطة جديدة.")
    assert not continues_sentence("ليس هناك ما يدعو إلى القلق.")
    assert not continues_sentence("ليلة الوداع كانت سعيدة.")


def test_let_us_opens_a_sentence() -> None:
    assert not continues_sentence("لنأخذ معنا من السفر أجمل الذكريات.")


def test_a_prepositional_phrase_set_off_by_a_comma_opens_a_paragraph_s_sentence() -> None:
    assert opens_with_fronted_phrase("من جهة أخرى، قالت المعارضة إن التعديلات المقترحة")
    assert not opens_with_fronted_phrase("تعزيزات للفريق الأول")
    assert not opens_with_fronted_phrase("جورج أوباما، أخ غير شقيق")


def test_a_clause_whose_purpose_opens_the_next_line_is_text_of_its_section() -> None:
    case = CASES["purpose_verb_under_clause"]
    body = cut(case["lines"])
    assert [s.heading for s in body.sections] == case["headings"]
    assert body.sections[-1].text.split("\n")[-2:] == case["lines"][-2:]


def test_a_clause_whose_relative_clause_opens_the_next_line_heads_nothing() -> None:
    assert _headings("relative_pronoun_under_clause") == CASES["relative_pronoun_under_clause"]["headings"]


def test_a_line_opening_with_a_fronted_phrase_heads_nothing() -> None:
    assert (
        _headings("fronted_phrase_over_its_sentence") == CASES["fronted_phrase_over_its_sentence"]["headings"]
    )


def test_a_colon_ended_title_heads_the_line_opening_with_a_relative_pronoun() -> None:
    assert _headings("colon_title_over_relative") == CASES["colon_title_over_relative"]["headings"]


def test_a_sub_heading_over_a_let_us_sentence_stays_a_heading() -> None:
    assert _headings("heading_over_let_us") == CASES["heading_over_let_us"]["headings"]


def test_a_sub_heading_over_a_paragraph_opening_with_a_preposition_stays_a_heading() -> None:
    case = CASES["heading_over_a_prepositional_opening"]
    assert _headings("heading_over_a_prepositional_opening") == case["headings"]


def test_each_film_of_a_two_film_page_heads_its_review() -> None:
    case = CASES["two_film_cards"]
    assert _headings("two_film_cards") == case["headings"]


def test_a_film_s_card_opens_the_text_of_its_review() -> None:
    lines = CASES["two_film_cards"]["lines"]
    first, second = cut(lines).sections
    assert first.text.split("\n")[:2] == lines[2:4]
    assert second.text.split("\n")[:3] == lines[7:10]


def test_the_kicker_above_the_first_film_stays_furniture() -> None:
    lines = CASES["two_film_cards"]["lines"]
    assert [f.text for f in cut(lines).furniture] == [lines[0]]


def test_a_line_opening_with_a_relative_pronoun_heads_nothing() -> None:
    case = CASES["relative_clause_line_shaped_like_a_heading"]
    body = cut(case["lines"])
    assert [s.heading for s in body.sections] == case["headings"]
    assert body.sections[0].text.split("\n") == case["lines"]
