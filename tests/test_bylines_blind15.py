"""Kinds of crawled author field the fifteenth blind sample's records showed read wrong (their credits are
not labelled; tests/data/blind15_bylines.json holds small cases of each): a name filed «من» a place with
no dash (Al-Eqtisadiya's byline), a page's English posting stamp after a bar (Al-Riyadiyah's), and a
kashida stretching a name, read as a dash between two parts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.articles.jsonformat import article_from_record

CASES = json.loads((Path(__file__).parent / "data" / "blind15_bylines.json").read_text("utf-8"))


def _credited(author: str, source: str = "الاقتصادية") -> tuple[str | None, str | None]:
    record = {"title": "العنوان", "source": source, "author": author, "body": CASES["paragraph"]}
    article = article_from_record(record, "r")
    return article.author, article.dateline


@pytest.mark.parametrize(("author", "name", "place"), CASES["filed_from"])
def test_a_name_filed_from_a_place_is_the_author_and_the_place_the_dateline(
    author: str, name: str | None, place: str
) -> None:
    assert _credited(author) == (name, place)


def test_words_after_min_that_are_no_place_keep_the_author_field_as_written() -> None:
    assert _credited(CASES["not_filed_from"]) == (CASES["not_filed_from"], None)


@pytest.mark.parametrize(("author", "name", "place"), CASES["stamped"])
def test_a_posting_stamp_after_a_bar_is_no_part_of_the_credit(
    author: str, name: str | None, place: str
) -> None:
    assert _credited(author, "الرياضية") == (name, place)


def test_a_posting_stamp_alone_credits_no_one() -> None:
    assert _credited(CASES["stamp_alone"], "الرياضية") == (None, None)


@pytest.mark.parametrize(("author", "name", "place"), CASES["stretched"])
def test_a_kashida_stretching_a_name_does_not_cut_it_in_two(author: str, name: str, place: str) -> None:
    assert _credited(author, "عكاظ") == (name, place)


def test_a_kashida_standing_apart_is_still_a_dash() -> None:
    author, place = CASES["stretch_as_dash"]
    assert _credited(author, "عكاظ") == ("واس", place)


@pytest.mark.parametrize(("author", "place"), CASES["genre_filed_from"])
def test_what_was_filed_from_a_place_credits_no_author(author: str, place: str) -> None:
    assert _credited(author) == (None, place)


def test_a_kashida_after_a_letter_that_joins_nothing_is_a_dash() -> None:
    author, place = CASES["stretch_joined_as_dash"]
    assert _credited(author, "عكاظ") == ("واس", place)
