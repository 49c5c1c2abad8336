"""JSON and JSON Lines articles: valid records become articles, each bad record is rejected alone."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nashra.articles.errors import ArticleError
from nashra.articles.files import read_article_file
from nashra.articles.jsonformat import parse_json, parse_jsonl
from nashra.model import Article

GOOD = {"title": "عنوان", "body": "فقرة عن الأحداث في حمص اليوم.", "url": "https://x.example/1"}


def articles(parsed: list[Article | ArticleError]) -> list[Article]:
    return [item for item in parsed if isinstance(item, Article)]


def errors(parsed: list[Article | ArticleError]) -> list[str]:
    return [str(item) for item in parsed if isinstance(item, ArticleError)]


def test_fixture_json_list_gives_both_articles_with_their_fields(data_dir: Path) -> None:
    parsed = read_article_file(data_dir / "articles/json/batch.json", 100_000)
    first, second = articles(parsed)
    assert first.url == "https://news.example.org/alex-rain"
    assert [s.heading for s in first.sections] == [None, "تعليق الدراسة في المدارس"]
    assert first.published_at == datetime(2023, 11, 20, 18, 0, tzinfo=UTC)
    assert (second.author, second.region_hints) == ("مكتب صفاقس", ["TN"])


def test_body_is_sectioned_like_plain_text(data_dir: Path) -> None:
    [article] = read_article_file(data_dir / "articles/json/one_article.json", 100_000)
    assert isinstance(article, Article)
    assert [s.heading for s in article.sections] == [None, "حركة التجارة مع درعا"]


def test_jsonl_fixture_gives_one_article_per_line(data_dir: Path) -> None:
    parsed = read_article_file(data_dir / "articles/json/stream.jsonl", 100_000)
    assert [a.origin.rsplit(":", 1)[1] for a in articles(parsed)] == ["1", "2", "3"]
    assert errors(parsed) == []


def test_records_wrapped_in_an_object_as_news_apis_export_them_are_read(data_dir: Path) -> None:
    parsed = read_article_file(data_dir / "exports/api_export.json", 100_000)
    assert [a.title for a in articles(parsed)] == [
        "افتتاح سوق الخضار الجديد في حمص",
        "مهرجان الزيتون في إدلب",
    ]


def test_a_bad_wrapped_record_is_named_by_its_field_and_index() -> None:
    [error] = parse_json(json.dumps({"status": "ok", "items": [{"title": "عنوان"}]}), "a.json")
    assert str(error) == "a.json.items[0]: field 'body' (or 'sections') is missing"


def test_a_wrapped_export_with_an_empty_list_says_it_holds_no_articles() -> None:
    [error] = parse_json(json.dumps({"status": "ok", "totalResults": 0, "articles": []}), "a.json")
    assert str(error) == "a.json: the JSON list 'articles' holds no articles"


def test_an_object_with_two_lists_of_objects_is_no_wrapper_and_needs_a_title() -> None:
    [error] = parse_json(json.dumps({"a": [GOOD], "b": [GOOD]}), "a.json")
    assert str(error) == "a.json: field 'title' is missing"


def test_json_lines_in_a_json_file_are_read_as_json_lines(data_dir: Path) -> None:
    parsed = read_article_file(data_dir / "exports/lines_named.json", 100_000)
    assert [a.origin.rsplit(":", 1)[1] for a in articles(parsed)] == ["1", "2"]
    assert errors(parsed) == []


def test_a_pretty_printed_list_in_a_jsonl_file_is_read_as_one_document(data_dir: Path) -> None:
    parsed = read_article_file(data_dir / "exports/pretty_list.jsonl", 100_000)
    assert [a.title for a in articles(parsed)] == [
        "افتتاح سوق الخضار الجديد في حمص",
        "مهرجان الزيتون في إدلب",
    ]
    assert errors(parsed) == []


def test_json_lines_in_a_json_file_whose_first_line_is_broken_keep_the_other_lines() -> None:
    lines = [json.dumps(GOOD, ensure_ascii=False)[:20], json.dumps(GOOD), json.dumps(GOOD)]
    parsed = parse_json("\n".join(lines), "a.json")
    assert [a.origin for a in articles(parsed)] == ["a.json:2", "a.json:3"]
    assert errors(parsed) == ["a.json:1: invalid JSON at column 20: unterminated string (cut short?)"]


def test_a_broken_pretty_printed_list_is_one_invalid_document() -> None:
    text = "[\n" + ",\n".join([json.dumps(GOOD)] * 3) + ",\n]"
    [error] = parse_json(text, "a.json")
    assert str(error).startswith("a.json: invalid JSON at line 5 column 1")


def test_a_list_on_one_line_of_a_jsonl_file_is_read_as_its_records() -> None:
    parsed = parse_jsonl(json.dumps([GOOD, GOOD]) + "\n", "a.jsonl")
    assert [a.origin for a in articles(parsed)] == ["a.jsonl[0]", "a.jsonl[1]"]
    assert errors(parsed) == []


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_unicode_line_separator_inside_a_jsonl_string_stays_in_its_record(separator: str) -> None:
    record = {**GOOD, "body": f"فقرة أولى عن حمص.{separator}فقرة ثانية عن حماة."}
    text = json.dumps(record, ensure_ascii=False) + "\r\n" + json.dumps(GOOD, ensure_ascii=False) + "\n"
    parsed = parse_jsonl(text, "a.jsonl")
    assert errors(parsed) == []
    assert [a.origin for a in articles(parsed)] == ["a.jsonl:1", "a.jsonl:2"]


def test_records_printed_one_after_another_over_several_lines_are_each_read() -> None:
    text = "\n".join(json.dumps(GOOD, ensure_ascii=False, indent=2) for _ in range(2))  # jq '.[]'
    parsed = parse_json(text, "a.json")
    assert errors(parsed) == []
    assert [a.origin for a in articles(parsed)] == ["a.json:1", "a.json:6"]


def test_two_json_lists_joined_into_one_file_are_both_read() -> None:
    text = json.dumps([GOOD], indent=2) + "\n" + json.dumps([GOOD, GOOD], indent=2)  # cat a.json b.json
    parsed = parse_json(text, "a.json")
    assert errors(parsed) == []
    assert [a.origin for a in articles(parsed)] == ["a.json:1[0]", "a.json:8[0]", "a.json:8[1]"]


def test_a_jsonl_line_holding_two_records_gives_both() -> None:
    joined = json.dumps(GOOD) + json.dumps(GOOD)  # cat a.jsonl b.jsonl, a.jsonl without its last line feed
    parsed = parse_jsonl(json.dumps(GOOD) + "\n" + joined + "\n", "a.jsonl")
    assert errors(parsed) == []
    assert [a.origin for a in articles(parsed)] == ["a.jsonl:1", "a.jsonl:2[0]", "a.jsonl:2[1]"]


def test_records_over_several_lines_in_a_jsonl_file_are_each_read() -> None:
    text = "\n".join(json.dumps(GOOD, indent=2) for _ in range(2)) + "\n"
    parsed = parse_jsonl(text, "a.jsonl")
    assert errors(parsed) == []
    assert [a.origin for a in articles(parsed)] == ["a.jsonl:1", "a.jsonl:6"]


def test_a_jsonl_file_whose_first_line_is_a_list_reads_its_records_and_the_lines_after() -> None:
    text = json.dumps([GOOD, GOOD]) + "\n" + json.dumps(GOOD) + "\n" + json.dumps(GOOD) + "\n"
    parsed = parse_jsonl(text, "a.jsonl")
    assert errors(parsed) == []
    assert [a.origin for a in articles(parsed)] == ["a.jsonl:1[0]", "a.jsonl:1[1]", "a.jsonl:2", "a.jsonl:3"]


def test_missing_title_names_the_field() -> None:
    [error] = parse_json(json.dumps({"body": "نص"}), "a.json")
    assert str(error) == "a.json: field 'title' is missing"


def test_missing_body_and_sections_names_the_field() -> None:
    [error] = parse_json(json.dumps({"title": "عنوان"}), "a.json")
    assert str(error) == "a.json: field 'body' (or 'sections') is missing"


def test_bad_record_in_a_list_is_named_by_index_and_the_others_are_kept() -> None:
    parsed = parse_json(json.dumps([GOOD, {"title": 5, "body": "نص"}]), "a.json")
    assert len(articles(parsed)) == 1
    assert errors(parsed) == ["a.json[1]: field 'title' must be a string, not a number"]


def test_jsonl_errors_name_the_line_number() -> None:
    lines = [json.dumps(GOOD), "", "{not json", json.dumps({**GOOD, "published_at": "yesterday"})]
    parsed = parse_jsonl("\n".join(lines), "a.jsonl")
    assert len(articles(parsed)) == 1
    assert errors(parsed) == [
        "a.jsonl:3: invalid JSON at column 2: expecting property name enclosed in double quotes",
        "a.jsonl:4: field 'published_at' is not an ISO 8601 date: 'yesterday'",
    ]


def test_a_jsonl_line_cut_short_is_rejected_alone_and_says_it_may_be_cut_short(data_dir: Path) -> None:
    path = data_dir / "hostile/cut_short.jsonl"
    parsed = read_article_file(path, 100_000)
    assert [a.title for a in articles(parsed)] == [
        "افتتاح سوق الخضار الجديد في حمص",
        "مهرجان الزيتون في إدلب",
    ]
    assert errors(parsed) == [f"{path}:2: invalid JSON at column 56: unterminated string (cut short?)"]


def test_a_json_document_that_ends_too_soon_says_it_may_be_cut_short() -> None:
    [error] = parse_json('[{"title": "عنوان", "body": ', "a.json")
    assert str(error) == "a.json: invalid JSON at line 1 column 29: expecting value (cut short?)"


def test_a_json_mistake_inside_the_document_reads_as_a_whole_sentence() -> None:
    [error] = parse_json('{"title": "عنوان" "body": "نص"}', "a.json")
    assert str(error) == "a.json: invalid JSON at line 1 column 19: expecting ',' delimiter"


def test_a_url_that_leads_nowhere_costs_the_record_its_link_not_its_story(
    caplog: pytest.LogCaptureFixture,
) -> None:
    [article] = parse_json(json.dumps({**GOOD, "url": "ftp://x"}), "a.json")
    assert isinstance(article, Article)
    assert article.url is None
    assert "a.json: field 'url' is no http:// or https:// address ('ftp://x')" in caplog.text


def test_a_url_that_is_no_string_is_rejected() -> None:
    [error] = parse_json(json.dumps({**GOOD, "url": 5}), "a.json")
    assert str(error) == "a.json: field 'url' must be a string, not a number"


def test_a_crawled_url_with_no_break_spaces_and_guillemets_is_percent_encoded() -> None:
    url = "http://www.al-madina.com/node/622859/«المئوية»-تمول-100-مشروع-بجازان\xa0.html"
    [article] = parse_json(json.dumps({**GOOD, "url": url}), "a.json")
    assert isinstance(article, Article)
    assert article.url == "http://www.al-madina.com/node/622859/«المئوية»-تمول-100-مشروع-بجازان%C2%A0.html"


def test_a_url_with_a_space_is_percent_encoded() -> None:
    [article] = parse_json(json.dumps({**GOOD, "url": "https://x.example/news/a b?q=c d"}), "a.json")
    assert isinstance(article, Article)
    assert article.url == "https://x.example/news/a%20b?q=c%20d"


def test_unknown_region_hint_is_rejected() -> None:
    [error] = parse_json(json.dumps({**GOOD, "regions": ["SY", "XX-QQ"]}), "a.json")
    assert str(error) == "a.json: field 'regions' holds 'XX-QQ', which is no known country or region"


def test_region_hints_are_upper_cased_and_deduplicated() -> None:
    [article] = parse_json(json.dumps({**GOOD, "regions": ["sy-hi", "SY-HI", "SY"]}), "a.json")
    assert isinstance(article, Article)
    assert article.region_hints == ["SY", "SY-HI"]


def test_section_without_text_is_rejected() -> None:
    [error] = parse_json(json.dumps({"title": "ع", "sections": [{"heading": "ع"}]}), "a.json")
    assert str(error) == "a.json: field 'sections[0].text' is missing"


def test_date_without_time_zone_is_taken_as_utc() -> None:
    [article] = parse_json(json.dumps({**GOOD, "published_at": "2023-01-02T03:04:05"}), "a.json")
    assert isinstance(article, Article)
    assert article.published_at == datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_json_that_is_not_an_object_or_list_is_rejected() -> None:
    assert errors(parse_json('"just a string"', "a.json")) == [
        "a.json: expected a JSON object or a list of objects, not a string"
    ]


def test_news_please_record_fields_are_read(tmp_path: Path) -> None:
    record = {
        "title": "افتتاح جسر جديد في دير الزور",
        "maintext": "افتتحت السلطات المحلية جسرا جديدا على نهر الفرات في مدينة دير الزور بعد أشهر من العمل.",
        "date_publish": "2024-05-01 10:30:00",
        "authors": ["سامر الحلبي", "ريم العلي"],
        "source_domain": "example-news.com",
        "url": "https://example-news.com/a/1",
    }
    path = tmp_path / "np.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    [article] = read_article_file(path, 100_000)
    assert isinstance(article, Article)
    assert (article.source, article.author) == ("example-news.com", "سامر الحلبي، ريم العلي")
    assert article.published_at == datetime(2024, 5, 1, 10, 30, tzinfo=UTC)
    assert article.sections[0].text.startswith("افتتحت السلطات")


def test_news_please_authors_must_be_a_list_of_names(tmp_path: Path) -> None:
    path = tmp_path / "np.json"
    path.write_text(json.dumps({"title": "عنوان", "maintext": "نص الخبر هنا كاملا.", "authors": "فلان"}))
    [error] = read_article_file(path, 100_000)
    assert str(error) == f"{path}: field 'authors' must be a list of names"


@pytest.mark.parametrize("suffix", [".ndjson", ".jl"])
def test_json_lines_under_its_other_names_are_read_line_by_line(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"crawl{suffix}"
    path.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    parsed = read_article_file(path, 100_000)
    assert len(articles(parsed)) == 1
    assert errors(parsed) == [
        f"{path}:2: invalid JSON at column 2: expecting property name enclosed in double quotes"
    ]


def test_a_publication_time_with_no_utc_equivalent_is_no_date_as_any_date_centuries_old() -> None:
    [article] = parse_json(json.dumps({**GOOD, "published_at": "0001-01-01T00:00:00+03:00"}), "a.json")
    assert isinstance(article, Article) and article.published_at is None
