"""Kinds of credit read wrong before (tests/data/bylines_datelines_desks.json holds the cases): a paper
named as a region opening its own byline («الجزيرة - واس:», the paper and the agency it carries, filed
from nowhere it says), Medina's short name beside another credit («المدينة - الوئام», the place), an
underscore between credit and place («المدينة _ جدة»), two places before the outlet's quoted name with
no mark after it («* لندن - برلين: «الشرق الأوسط» بيعت …», a brief's dateline), and a paper's desks
where a reporter's name would stand («الجزيرة - المحليات:»): a desk is no person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.articles.analysis import analyze, brief_place
from nashra.articles.jsonformat import article_from_record
from nashra.model import Article

CASES = json.loads((Path(__file__).parent / "data" / "bylines_datelines_desks.json").read_text("utf-8"))


def _read(source: str, author: str | None = None, body: str | None = None, title: str = "العنوان") -> Article:
    record = {"title": title, "source": source, "author": author, "body": body or CASES["paragraph"]}
    return article_from_record(record, "r")


def _credit(code: str, field: str) -> tuple[str | None, str | None]:
    article = _read(code, field)
    return article.author, article.dateline


@pytest.mark.parametrize(("code", "field", "author", "dateline"), CASES["paper_as_region"])
def test_a_paper_named_as_a_region_opening_its_byline_is_the_paper_not_a_place(
    code: str, field: str, author: str | None, dateline: str | None
) -> None:
    assert _credit(code, field) == (author, dateline)


@pytest.mark.parametrize(("code", "field", "author", "dateline"), CASES["paper_as_town"])
def test_a_paper_named_as_a_town_opening_its_byline_is_still_that_town(
    code: str, field: str, author: str | None, dateline: str | None
) -> None:
    assert _credit(code, field) == (author, dateline)


@pytest.mark.parametrize(("code", "field", "author", "dateline"), CASES["medina_beside_a_credit"])
def test_medina_s_short_name_beside_another_outlet_s_credit_is_the_place(
    code: str, field: str, author: str | None, dateline: str | None
) -> None:
    assert _credit(code, field) == (author, dateline)


@pytest.mark.parametrize(("code", "field", "author", "dateline"), CASES["medina_paper"])
def test_al_madina_s_own_name_in_its_byline_is_the_paper(
    code: str, field: str, author: str | None, dateline: str | None
) -> None:
    assert _credit(code, field) == (author, dateline)


@pytest.mark.parametrize(("code", "field", "author", "dateline"), CASES["underscore"])
def test_an_underscore_set_off_by_spaces_separates_a_byline_s_parts(
    code: str, field: str, author: str | None, dateline: str | None
) -> None:
    assert _credit(code, field) == (author, dateline)


@pytest.mark.parametrize(("code", "field", "author", "dateline"), CASES["desks"])
def test_a_desk_named_in_a_byline_is_no_author(
    code: str, field: str, author: str | None, dateline: str | None
) -> None:
    assert _credit(code, field) == (author, dateline)


@pytest.mark.parametrize(("code", "field", "author", "dateline"), CASES["outlet_not_desk"])
def test_another_outlet_s_name_alone_is_no_desk(
    code: str, field: str, author: str | None, dateline: str | None
) -> None:
    assert _credit(code, field) == (author, dateline)


def test_a_brief_s_places_then_the_outlet_s_quoted_name_are_its_dateline() -> None:
    case = CASES["places_then_quoted_outlet"]
    article = _read(case["source"], body="\n".join(case["body"]), title=case["title"])
    assert [f.text for f in article.furniture if f.kind == "dateline"] == case["datelines"]
    assert [s.text[: len(o)] for s, o in zip(article.sections, case["openings"], strict=True)] == case[
        "openings"
    ]


def test_the_lead_s_places_before_the_outlet_s_quoted_name_are_the_article_s_dateline() -> None:
    lead, places, opening = CASES["lead_places_then_quoted_outlet"]
    article = _read("aawsat", body=lead)
    assert article.dateline == places
    assert article.sections[0].text.startswith(opening)


@pytest.mark.parametrize(("code", "lead"), CASES["quoted_name_as_subject"])
def test_a_quoted_outlet_after_no_place_is_the_sentence_s_words(code: str, lead: str) -> None:
    assert _read(code, body=lead).sections[0].text == lead


def test_each_brief_s_dateline_is_its_own_section_s_not_the_article_s() -> None:
    case = CASES["places_then_quoted_outlet"]
    article = _read(case["source"], body="\n".join(case["body"]), title=case["title"])
    assert article.dateline is None
    assert [s.dateline for s in article.sections] == case["section_datelines"]


def test_a_brief_s_dateline_counts_for_its_section_s_regions() -> None:
    case = CASES["places_then_quoted_outlet"]
    article = analyze(_read(case["source"], body="\n".join(case["body"]), title=case["title"]))
    assert article.sections[1].regions == case["second_brief_regions"]


def test_a_brief_filed_through_the_desk_comes_from_its_last_place() -> None:
    assert brief_place("لندن، دبي") == "دبي"


def test_a_brief_s_one_place_alone_may_be_the_desk_and_adds_no_region() -> None:
    assert brief_place("لندن") == ""
