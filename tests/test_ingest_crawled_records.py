"""Records as news crawlers write them (SaudiNewsNet's ``{source, url, title, author, content}``).

A paragraph with an embedded post pasted onto its end keeps its text (the post alone is set aside), and
a link with spaces or «» in it is percent-encoded rather than refused.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from nashra.articles import furniture
from nashra.articles.files import read_article_file
from nashra.articles.jsonformat import article_from_record
from nashra.model import Article


def crawled_record(shared_dir: Path, day: str, index: int) -> dict[str, Any]:
    """One record of the SaudiNewsNet archive, as the crawler wrote it."""
    with zipfile.ZipFile(shared_dir / "real" / "saudinewsnet" / f"{day}.zip") as archive:
        [name] = archive.namelist()
        record: dict[str, Any] = json.loads(archive.read(name))[index]
    return record


def saudinewsnet_record(shared_dir: Path, day: str, index: int) -> dict[str, Any]:
    """One record of the SaudiNewsNet archive, under Nashra's field names."""
    record = crawled_record(shared_dir, day, index)
    return {
        "title": record["title"],
        "body": record["content"],
        "url": record["url"],
        "source": record["source"],
    }


def test_a_paragraph_with_a_post_glued_to_its_end_keeps_its_text(data_dir: Path) -> None:
    [article] = read_article_file(data_dir / "crawled/glued_post.json", 100_000)

    assert isinstance(article, Article)
    [section] = article.sections
    assert section.text.startswith("قال وزير الخارجية اليوم")
    assert section.text.endswith("مع رقابة صارمة على تنفيذه .")
    assert [f.kind for f in article.furniture] == ["tweet"]
    assert article.furniture[0].text.startswith("اجتماع مثمر مع الوزير الأمريكي")


def test_a_post_on_its_own_line_is_still_set_aside_whole() -> None:
    post = "اجتماع مثمر مع الوزير الأمريكي بحثنا فيه أمن المنطقة— وزير الخارجية (@ExampleFM) أغسطس 3, 2015"
    assert furniture.split_glued_post(post) is None
    assert furniture.line_kind(post) == "tweet"


def test_a_real_one_paragraph_article_with_a_glued_post_is_stored(shared_dir: Path) -> None:
    # Al-Yaum, 3 August 2015: the whole article is one paragraph ending with the minister's post.
    record = saudinewsnet_record(shared_dir, "2015-08-03", 964)

    article = article_from_record(record, "2015-08-03.json[964]")

    assert article.sections[0].text.startswith("قال وزير الخارجية عادل الجبير")
    assert "(@AdelAljubeir)" not in article.sections[0].text


def test_a_real_link_with_a_no_break_space_and_guillemets_is_kept_encoded(shared_dir: Path) -> None:
    record = saudinewsnet_record(shared_dir, "2015-07-24", 1312)
    assert "\xa0" in record["url"]

    article = article_from_record(record, "2015-07-24.json[1312]")

    assert article.url is not None
    assert article.url.startswith("http://www.al-madina.com/node/620849/«التقني»%C2%A0تعلن")


def test_a_saudinewsnet_record_gives_its_content_as_the_body(data_dir: Path) -> None:
    article, _ = read_article_file(data_dir / "crawled/saudinewsnet_day.json", 100_000)
    assert isinstance(article, Article)
    assert article.sections[0].text.startswith("افتتح أمير منطقة جازان أمس مستشفى جديداً")
    assert article.source == "المدينة"  # the crawl's outlet code read as the name the outlet prints


def test_an_empty_crawled_content_is_rejected_under_the_name_the_record_uses(data_dir: Path) -> None:
    path = data_dir / "crawled/saudinewsnet_day.json"
    _, error = read_article_file(path, 100_000)
    assert str(error) == f"{path}[1]: field 'content' holds no text"


def test_a_newspaper_record_gives_its_text_and_publish_date() -> None:
    record = {
        "title": "عنوان",
        "text": "فقرة عن الأحداث في حمص اليوم.",
        "publish_date": "2015-07-21 09:30:00",
    }
    article = article_from_record(record, "a.json")
    assert article.sections[0].text == "فقرة عن الأحداث في حمص اليوم."
    assert article.published_at == datetime(2015, 7, 21, 9, 30, tzinfo=UTC)


def test_a_saudinewsnet_record_is_dated_by_its_crawl_time(shared_dir: Path) -> None:
    record = crawled_record(shared_dir, "2015-07-24", 1312)
    assert "published_at" not in record and "date_publish" not in record

    article = article_from_record(record, "2015-07-24.json[1312]")

    assert article.published_at == datetime.fromisoformat(record["date_extracted"]).replace(tzinfo=UTC)


def test_a_publication_time_wins_over_the_crawl_time() -> None:
    record = {
        "title": "عنوان",
        "content": "فقرة عن الأحداث في حمص اليوم.",
        "date_publish": "2015-07-20 18:00:00",
        "date_download": "2015-07-21 09:30:00",
    }
    assert article_from_record(record, "a.json").published_at == datetime(2015, 7, 20, 18, tzinfo=UTC)


@pytest.mark.parametrize("crawled", ["أمس", "Tue, 21 Jul 2015 09:30:00 GMT", 1437471032])
def test_a_crawl_time_that_cannot_be_read_costs_the_record_nothing_but_the_date(
    crawled: object, caplog: pytest.LogCaptureFixture
) -> None:
    record = {"title": "عنوان", "content": "فقرة عن حمص.", "date_extracted": crawled}

    article = article_from_record(record, "a.json")

    assert article.published_at is None
    assert "a.json: field 'date_extracted'" in caplog.text


def test_an_empty_crawl_time_is_no_crawl_time() -> None:
    record = {"title": "عنوان", "content": "فقرة.", "date_extracted": "", "date_download": "2015-07-21"}
    assert article_from_record(record, "a.json").published_at == datetime(2015, 7, 21, tzinfo=UTC)


def test_a_publication_time_later_than_the_crawl_is_the_crawl_time() -> None:
    record = {
        "title": "عنوان",
        "content": "فقرة عن حمص.",
        "date_publish": "2030-05-01 08:00:00",
        "date_extracted": "2015-07-21 02:51:32",
    }
    assert article_from_record(record, "a.json").published_at == datetime(2015, 7, 21, 2, 51, 32, tzinfo=UTC)


def test_a_record_with_sections_keeps_them_beside_a_crawler_text_field() -> None:
    record = {"title": "عنوان", "text": "ملخص", "sections": [{"heading": None, "text": "فقرة عن حمص."}]}
    article = article_from_record(record, "a.json")
    assert [section.text for section in article.sections] == ["فقرة عن حمص."]


def test_a_raw_saudinewsnet_record_is_stored_as_it_comes(shared_dir: Path) -> None:
    with zipfile.ZipFile(shared_dir / "real" / "saudinewsnet" / "2015-07-21.zip") as archive:
        [name] = archive.namelist()
        record = json.loads(archive.read(name))[0]
    article = article_from_record(record, "2015-07-21.json[0]")
    assert article.title == record["title"]
    assert article.sections
