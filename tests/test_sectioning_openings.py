"""How a body opens when its first lines are no byline or deck: a letter's greeting, a document quoted in
full, verse quoted above a column, a poem titled by its first line (tests/data/sections/
openings_letters_verse.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.sectioning import cut

CASES = json.loads(
    (Path(__file__).parent / "data" / "sections" / "openings_letters_verse.json").read_text("utf-8")
)


def _dropped(body) -> list[str]:
    return [f.text for f in body.furniture]


def test_a_letter_printed_as_the_article_sets_its_greetings_aside() -> None:
    letter = CASES["letter"]
    body = cut(letter)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.startswith(letter[1])
    assert body.sections[0].text.endswith(letter[2])
    assert letter[0] in _dropped(body) and letter[-1] in _dropped(body)
    assert letter[3] in _dropped(body)  # the request to publish signs off with the closing greeting


def test_a_document_quoted_in_full_keeps_its_header_and_signature() -> None:
    order = CASES["order"]
    body = cut(order)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text == "\n".join(order)
    assert _dropped(body) == []


def test_verse_quoted_above_a_column_opens_its_lead() -> None:
    verse, column = CASES["opening_verse"], CASES["column"]
    body = cut([CASES["byline"], *verse, *column])
    assert body.sections[0].text.startswith("\n".join(verse))
    assert CASES["byline"] in _dropped(body)


def test_two_short_lines_above_the_first_paragraph_stay_furniture() -> None:
    verse, column = CASES["opening_verse"], CASES["column"]
    body = cut([*verse[1:], *column])
    assert body.sections[0].text.startswith(column[0])


def test_a_poem_titled_by_its_first_line_keeps_that_line() -> None:
    poem = CASES["nabati_poem"]
    body = cut(poem, title=CASES["nabati_title"])
    assert body.sections[0].text.startswith(poem[0] + "\n" + poem[1])
    assert _dropped(body) == []


def test_a_poem_s_own_short_title_printed_above_it_is_dropped() -> None:
    poem = CASES["free_verse"][1:]
    body = cut([CASES["free_verse_title"], *poem], title=CASES["free_verse_title"])
    assert body.sections[0].text.startswith(poem[0])
    assert CASES["free_verse_title"] in _dropped(body)


def test_a_poem_s_first_line_printed_twice_is_kept_once() -> None:
    poem = CASES["free_verse"]
    body = cut(poem, title=CASES["free_verse_title"])
    assert body.sections[0].text.startswith(poem[1] + "\n" + poem[2])
    assert not body.sections[0].text.startswith(poem[0] + "\n" + poem[1])


def test_verse_over_a_bare_name_above_the_first_paragraph_heads_no_section() -> None:
    body = cut([*CASES["credited_verse"], *CASES["column"]])
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.startswith(CASES["column"][0])


def test_a_letter_s_address_and_greeting_are_no_verse_above_its_first_paragraph() -> None:
    letter = CASES["addressed_letter"]
    body = cut(letter)
    assert body.sections[0].text == letter[-1]
    assert _dropped(body) == letter[:-1]
