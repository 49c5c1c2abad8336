"""An outlet's home country: set in the config per feed or outlet name, or in a JSON record, validated,
carried with the article, and used for a bare «المملكة» only where the text names no kingdom."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from nashra.articles.analysis import analyze
from nashra.articles.errors import ArticleError
from nashra.articles.ingest import ingest
from nashra.articles.jsonformat import parse_jsonl
from nashra.articles.outlets import Outlets
from nashra.cli import main
from nashra.config import ConfigError, IngestConfig, OutletConfig, parse_config
from nashra.model import Article, Section
from nashra.regions import tag_sections
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from tests.one_feed import OneFeed

# Written for these tests: a Saudi paper's sentence with a bare «المملكة» and no kingdom named.
KINGDOM = "وأكد الوزير أن المملكة ماضية في دعم القطاع الصحي."
TITLE = "وزير الصحة يفتتح مستشفى جديدا"


def _tags(text: str, home: str | None) -> list[str]:
    [codes] = tag_sections(TITLE, [(None, text)], home=home)
    return codes


def _problems(outlets: list[dict]) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config({"ingest": {"outlets": outlets}})
    return str(caught.value)


# -- the config ----------------------------------------------------------------------------------------


def test_an_outlets_table_gives_its_feeds_and_sources_a_country_code() -> None:
    config = parse_config(
        {"ingest": {"outlets": [{"country": "sa", "feeds": ["https://spa.example/rss"], "sources": ["SPA"]}]}}
    )
    assert config.ingest.outlets == [
        OutletConfig(country="SA", feeds=["https://spa.example/rss"], sources=["SPA"])
    ]


def test_a_country_that_is_no_iso_country_code_is_one_error_naming_the_item() -> None:
    problems = _problems([{"country": "SA-01", "sources": ["SPA"]}])
    assert problems == (
        "ingest.outlets[0].country must be a country code (ISO 3166-1 alpha-2) such as 'SA', not 'SA-01'"
    )


def test_an_outlets_table_without_a_country_is_an_error() -> None:
    assert _problems([{"sources": ["SPA"]}]) == (
        "ingest.outlets[0].country is missing: give the outlets' country code, such as 'SA'"
    )


def test_an_outlets_table_naming_nothing_is_an_error() -> None:
    assert (
        _problems([{"country": "SA"}]) == "ingest.outlets[0] lists no feeds and no sources for country 'SA'"
    )


def test_an_outlet_given_two_countries_is_an_error() -> None:
    problems = _problems(
        [{"country": "SA", "sources": ["Al Yaum"]}, {"country": "JO", "sources": ["al  yaum"]}]
    )
    assert problems == (
        "ingest.outlets[1] gives 'al  yaum' country 'JO', but ingest.outlets[0] gives 'Al Yaum' country 'SA'"
    )


def test_a_feed_given_two_countries_in_two_spellings_is_an_error_naming_both() -> None:
    problems = _problems(
        [
            {"country": "SA", "feeds": ["https://www.spa.example/rss/"]},
            {"country": "JO", "feeds": ["HTTPS://WWW.SPA.EXAMPLE/rss"]},
        ]
    )
    assert problems == (
        "ingest.outlets[1] gives 'HTTPS://WWW.SPA.EXAMPLE/rss' country 'JO', "
        "but ingest.outlets[0] gives 'https://www.spa.example/rss/' country 'SA'"
    )


@pytest.mark.parametrize(
    "fetched", ["HTTPS://www.spa.example/rss", "https://WWW.SPA.EXAMPLE/rss", "https://www.spa.example/rss/"]
)
def test_a_feed_matches_whatever_the_case_of_its_scheme_and_host_and_a_trailing_slash(fetched: str) -> None:
    outlets = Outlets.of(IngestConfig(outlets=[OutletConfig("SA", feeds=["https://www.spa.example/rss"])]))
    assert outlets.settle(_article(), fetched).home_country == "SA"


def test_a_feed_path_keeps_its_case() -> None:
    outlets = Outlets.of(IngestConfig(outlets=[OutletConfig("SA", feeds=["https://www.spa.example/rss"])]))
    assert outlets.settle(_article(), "https://www.spa.example/RSS").home_country is None


@pytest.mark.parametrize("source", ["عكاظ\u200f", "عـكاظ", " OKAZ "])
def test_an_outlet_name_matches_whatever_its_spelling_marks_case_and_spacing(source: str) -> None:
    outlets = Outlets.of(IngestConfig(outlets=[OutletConfig("SA", sources=["عكاظ", "Okaz"])]))
    assert outlets.settle(_article(source)).home_country == "SA"


def test_an_outlet_name_with_hamza_matches_its_plain_alef_spelling() -> None:
    outlets = Outlets.of(IngestConfig(outlets=[OutletConfig("JO", sources=["الرأي"])]))
    assert outlets.settle(_article("الراي")).home_country == "JO"


def _article(source: str | None = None) -> Article:
    return Article(title=TITLE, sections=[Section(heading=None, text=KINGDOM)], source=source)


# -- ingest carries it ---------------------------------------------------------------------------------


def test_a_json_record_gives_its_own_country() -> None:
    [article] = parse_jsonl(json.dumps({"title": TITLE, "body": KINGDOM, "country": "sa"}), "a.jsonl")
    assert not isinstance(article, ArticleError) and article.home_country == "SA"


def test_a_json_record_with_a_bad_country_is_rejected_naming_the_field() -> None:
    [error] = parse_jsonl(json.dumps({"title": TITLE, "body": KINGDOM, "country": "KSA"}), "a.jsonl")
    assert str(error) == "a.jsonl:1: field 'country' holds 'KSA', not a known country code like SA"


async def _stored_regions(db: Database, url: str) -> list[list[str]]:
    store = ArticleStore(db)
    article_id = await store.article_id_by_url(url)
    assert article_id is not None
    return [section.regions for section in await store.sections_of(article_id)]


async def test_a_file_records_outlet_named_in_the_config_gets_its_country(
    db: Database, tmp_path: Path
) -> None:
    records = [
        {"title": TITLE, "body": KINGDOM, "source": "Al Yaum", "url": "https://x.example/1"},
        {
            "title": TITLE,
            "body": f"{KINGDOM}\nوقال إن العمل مستمر.",
            "source": "Other",
            "url": "https://x.example/2",
        },
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    config = IngestConfig(outlets=[OutletConfig(country="SA", sources=["al yaum"])])
    await ingest(db, [path], config)
    assert await _stored_regions(db, "https://x.example/1") == [["SA"]]
    assert await _stored_regions(db, "https://x.example/2") == [[]]


async def test_a_records_own_country_wins_over_the_config(db: Database, tmp_path: Path) -> None:
    record = {
        "title": TITLE,
        "body": KINGDOM,
        "source": "Al Yaum",
        "country": "JO",
        "url": "https://x.example/3",
    }
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    config = IngestConfig(outlets=[OutletConfig(country="SA", sources=["Al Yaum"])])
    await ingest(db, [path], config)
    assert await _stored_regions(db, "https://x.example/3") == [["JO"]]


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>صحيفة</title><link>https://paper.example/</link>
<item><title>{TITLE}</title><link>https://paper.example/1</link><description>{KINGDOM}</description></item>
</channel></rss>""".encode()


@pytest.fixture
def feed_url() -> Iterator[str]:
    server = OneFeed(RSS)
    try:
        yield server.url
    finally:
        server.close()


async def test_a_feed_listed_in_the_config_gives_its_entries_its_country(db: Database, feed_url: str) -> None:
    outlets = [OutletConfig(country="SA", feeds=[feed_url])]
    config = IngestConfig(allow_hosts=["127.0.0.1"], outlets=outlets)
    report = await ingest(db, [feed_url], config)
    assert report.ingested == 1
    assert await _stored_regions(db, "https://paper.example/1") == [["SA"]]


# -- the analysis uses it only where the text names no kingdom -----------------------------------------


def test_a_bare_kingdom_naming_no_kingdom_is_the_home_country() -> None:
    assert (_tags(KINGDOM, None), _tags(KINGDOM, "SA")) == ([], ["SA"])


def test_a_kingdom_the_text_names_wins_over_the_home_country() -> None:
    assert _tags("وأكد الوزير في عمّان أن المملكة ماضية في دعم القطاع.", "SA") == ["JO", "JO-AM"]


def test_a_text_naming_two_kingdoms_gets_no_home_country_either() -> None:
    text = "وقال إن الأردن والمغرب يدعمان القرار، وإن المملكة ماضية في دعمه."
    assert "SA" not in _tags(text, "SA")


def test_a_section_without_the_bare_style_gets_no_home_country() -> None:
    assert _tags("وأكد الوزير أن الوزارة ماضية في دعم القطاع الصحي.", "SA") == []


def test_a_named_kingdom_is_no_bare_style_for_the_home_country() -> None:
    assert _tags("وقال إن المملكة المتحدة تدعم القرار.", "SA") == ["GB"]


def test_a_home_country_that_is_no_kingdom_never_stands_for_the_style() -> None:
    assert _tags(KINGDOM, "EG") == []


@pytest.mark.parametrize(
    "text", ["تعرف الصين تاريخيا باسم المملكة الوسطى.", "زار الأطفال المملكة السحرية في مدينة الألعاب."]
)
def test_a_kingdom_of_history_or_fable_is_no_bare_style_for_the_home_country(text: str) -> None:
    assert "SA" not in _tags(text, "SA")


@pytest.mark.parametrize("epithet", ["الشريفة", "العلوية"])
def test_a_kingdom_with_moroccos_own_epithet_is_never_another_home_country(epithet: str) -> None:
    assert "SA" not in _tags(f"أعلنت الحكومة أن المملكة {epithet} ستحتضن القمة.", "SA")


def test_a_kingdom_with_moroccos_own_epithet_may_still_be_morocco() -> None:
    assert _tags("أعلنت الحكومة أن المملكة الشريفة ستحتضن القمة.", "MA") == ["MA"]


@pytest.mark.parametrize("dateline", ["عمان", "عمّان", "المنامة", "الرباط"])
def test_a_report_filed_from_another_kingdom_gets_no_home_country(dateline: str) -> None:
    article = Article(TITLE, [Section(None, KINGDOM)], dateline=dateline, home_country="SA")
    assert analyze(article).sections[0].regions == []


@pytest.mark.parametrize("dateline", ["الرياض", "جدة", "مكان لا يعرف", "القاهرة", "موسكو"])
def test_a_report_filed_at_home_from_no_kingdom_or_no_known_place_keeps_the_home_country(
    dateline: str,
) -> None:
    article = Article(TITLE, [Section(None, KINGDOM)], dateline=dateline, home_country="SA")
    assert analyze(article).sections[0].regions == ["SA"]


def test_a_report_filed_from_a_place_that_may_be_at_home_keeps_the_home_country() -> None:
    article = Article(TITLE, [Section(None, KINGDOM)], dateline="عمان", home_country="JO")
    assert analyze(article).sections[0].regions == ["JO"]


def test_a_dateline_a_crawled_author_field_gives_settles_the_home_country_too() -> None:
    record = {
        "source": "aawsat",
        "url": "https://paper.example/amman",
        "title": TITLE,
        "author": "عمان: محمد الدعمه",
        "content": KINGDOM,
        "country": "SA",
    }
    [article] = parse_jsonl(json.dumps(record, ensure_ascii=False) + "\n", "x.jsonl")
    assert isinstance(article, Article)
    assert [s.regions for s in analyze(article).sections] == [[]]


def test_a_kingdom_set_apart_from_the_style_leaves_it_to_the_home_country() -> None:
    assert _tags("ووصل الوفد من الأردن إلى المملكة أمس.", "SA") == ["JO", "SA"]


def test_nashra_sections_shows_the_home_country_ingest_would_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "news.json"
    path.write_text(json.dumps({"title": TITLE, "body": KINGDOM, "source": "Al Yaum"}, ensure_ascii=False))
    config = tmp_path / "nashra.toml"
    config.write_text('[[ingest.outlets]]\ncountry = "SA"\nsources = ["Al Yaum"]\n', encoding="utf-8")

    status = main(["--config", str(config), "sections", "--json", str(path)])

    document = json.loads(capsys.readouterr().out)
    assert status == 0
    assert [section["regions"] for section in document["sections"]] == [["SA"]]
