"""A short sub-heading stays one over a paragraph opening with ل and ي/ت that starts a sentence of its own
(a name, «ليت» with a pronoun, ل before a demonstrative, a jussive); a letter's address and greeting above
the lead are furniture whatever their formula; a story listing films with their credits alone is no page
of reviews (tests/data/sections/titles_letters_listings.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.arabic import continues_sentence, opens_letter
from nashra.articles.sectioning import cut

CASES = json.loads(
    (Path(__file__).parent / "data" / "sections" / "titles_letters_listings.json").read_text("utf-8")
)


def _headings(name: str) -> list[str | None]:
    return [s.heading for s in cut(CASES[name]["lines"]).sections]


@pytest.mark.parametrize("line", ["ليتنا نستمع إلى النصيحة", "ليتهم يأخذون بها", "ليتكم تعلمون", "ليتك هنا"])
def test_the_optative_with_any_pronoun_opens_a_sentence(line: str) -> None:
    assert not continues_sentence(line)


def test_lam_before_a_demonstrative_opens_a_sentence() -> None:
    assert not continues_sentence("لتلك الرمال حكايات طويلة")


def test_names_title_the_paragraphs_that_open_with_them() -> None:
    assert _headings("names_under_their_titles") == CASES["names_under_their_titles"]["headings"]


def test_short_titles_over_the_optative_and_a_demonstrative_head_their_paragraphs() -> None:
    case = CASES["titles_over_optative_and_demonstrative"]
    assert _headings("titles_over_optative_and_demonstrative") == case["headings"]


def test_a_short_title_over_a_jussive_heads_its_paragraph() -> None:
    assert _headings("title_over_a_jussive") == CASES["title_over_a_jussive"]["headings"]


@pytest.mark.parametrize("greeting", CASES["letter_greetings"])
def test_a_letter_s_address_or_greeting_is_its_opening(greeting: str) -> None:
    assert opens_letter(greeting)


@pytest.mark.parametrize("line", CASES["not_greetings"])
def test_a_headline_naming_an_honorific_or_a_greeting_word_is_no_letter_s_opening(line: str) -> None:
    assert not opens_letter(line)


@pytest.mark.parametrize("greeting", CASES["letter_greetings"])
def test_a_letter_s_address_and_greeting_above_the_lead_are_furniture_not_its_writer(greeting: str) -> None:
    lead = CASES["letter_lead"]
    body = cut([greeting, *lead])
    assert [s.heading for s in body.sections] == [None, lead[1]]
    assert body.sections[0].text.split("\n")[0] == lead[0]
    assert [f.text for f in body.furniture] == [greeting]
    assert body.credit.author is None


def test_a_story_listing_films_with_their_credits_alone_has_no_section_per_film() -> None:
    case = CASES["film_listing"]
    body = cut(case["lines"])
    assert [s.heading for s in body.sections] == case["headings"]
    assert body.sections[0].text.split("\n") == case["lines"]
