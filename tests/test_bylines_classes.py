"""Kinds of crawled credit field and stamp read wrong before (tests/data/bylines_classes.json holds labelled
cases of each): the crawl's outlet codes and an outlet's own name in its author field (no person's byline),
posting stamps in author fields and at a body's edge (one reader, :func:`nashra.articles.furniture.
is_timestamp`), a page of briefs whose items open with a place (each item's dateline, no author), and a
feed entry's description opening with its dateline (cut as every other input's body is)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.articles.feeds import parse_feed
from nashra.articles.jsonformat import article_from_record
from nashra.articles.outlets import OUTLET_CODES, Outlets
from nashra.config import IngestConfig, OutletConfig
from nashra.model import Article

CASES = json.loads((Path(__file__).parent / "data" / "bylines_classes.json").read_text("utf-8"))


def _read(source: str, author: str | None = None, body: str | None = None) -> Article:
    record = {"title": "العنوان", "source": source, "author": author, "body": body or CASES["paragraph"]}
    return article_from_record(record, "r")


@pytest.mark.parametrize(("code", "name"), sorted(OUTLET_CODES.items()))
def test_a_crawl_s_outlet_code_is_read_as_the_name_the_outlet_prints(code: str, name: str) -> None:
    assert _read(code.upper()).source == name


def test_an_outlet_configured_by_its_crawl_code_still_gives_its_home_country() -> None:
    config = IngestConfig(outlets=[OutletConfig(country="SA", sources=["aleqtisadiya"])])
    assert Outlets.of(config).settle(_read("aleqtisadiya")).home_country == "SA"


@pytest.mark.parametrize(("code", "field", "author", "dateline"), CASES["outlet_as_author"])
def test_an_outlet_s_own_name_in_its_author_field_credits_no_person(
    code: str, field: str, author: str | None, dateline: str | None
) -> None:
    article = _read(code, field)
    assert (article.author, article.dateline) == (author, dateline)


@pytest.mark.parametrize(("field", "author", "dateline", "published"), CASES["stamped"])
def test_a_posting_stamp_in_an_author_field_is_its_time_not_its_author(
    field: str, author: str | None, dateline: str | None, published: str
) -> None:
    article = _read("arriyadiyah", field)
    assert (article.author, article.dateline) == (author, dateline)
    assert article.published_at is not None
    assert article.published_at.isoformat() == published


@pytest.mark.parametrize("stamp", CASES["edge_stamps"])
def test_a_stamp_line_over_the_lead_is_furniture(stamp: str) -> None:
    article = _read("alyaum", body=f"{stamp}\n{CASES['paragraph']}")
    assert [(f.kind, f.text) for f in article.furniture] == [("timestamp", stamp)]
    assert article.sections[0].text == CASES["paragraph"]


def test_a_brief_opening_with_a_place_after_a_list_mark_gives_no_author() -> None:
    briefs = CASES["briefs"]
    article = _read(briefs["source"], body="\n".join(briefs["body"]))
    assert article.author is None
    openings = [section.text.split("\n")[0] for section in article.sections]
    assert [opening[: len(item)] for opening, item in zip(openings, briefs["items"], strict=True)] == (
        briefs["items"]
    )
    assert [f.text for f in article.furniture if f.kind == "dateline"] == [
        line.split(":")[0] + ":" for line in briefs["body"][1::2]
    ]


def _feed(description: str, author: str | None = None) -> bytes:
    by = f"<author>{author}</author>" if author else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>نشرة</title>'
        "<link>https://example.com/</link><item><title>أمطار غزيرة</title>"
        f"<link>https://example.com/a</link>{by}<description><![CDATA[{description}]]></description>"
        "</item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(("description", "place", "lead"), CASES["feed_dateline"])
def test_a_feed_entry_s_dateline_is_cut_and_its_place_kept(description: str, place: str, lead: str) -> None:
    [article] = parse_feed(_feed(description), "news.rss")
    assert isinstance(article, Article)
    assert article.sections[0].text.startswith(lead)
    assert article.dateline == place


def test_a_feed_entry_s_author_field_is_read_as_a_record_s_is() -> None:
    [article] = parse_feed(_feed(CASES["paragraph"], "جدة - واس"), "news.rss")
    assert isinstance(article, Article)
    assert (article.author, article.dateline) == ("واس", "جدة")


@pytest.mark.parametrize(("code", "lead", "opening"), CASES["lead_openings"])
def test_the_outlet_s_own_name_opening_the_lead_is_cut_only_as_a_dateline(
    code: str, lead: str, opening: str
) -> None:
    assert _read(code, body=lead).sections[0].text.startswith(opening)


def test_a_list_item_naming_the_outlet_with_no_place_stays_a_heading() -> None:
    listed = CASES["listed_heading"]
    body = "\n".join([CASES["paragraph"], listed["heading"], CASES["paragraph"]])
    article = _read(listed["source"], body=body)
    assert [s.heading for s in article.sections] == [None, listed["heading"].lstrip("* ")]
    assert article.author is None


def test_an_author_field_crediting_the_outlet_alone_leaves_a_name_over_the_lead_no_author() -> None:
    case = CASES["outlet_field_over_a_name"]
    article = _read(case["source"], case["author"], body=f"{case['top']}\n{CASES['paragraph']}")
    assert (article.author, article.dateline) == (None, "القاهرة")
