"""Saved article pages: main text by trafilatura, h2/h3 as headings, page metadata, folders of pages."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nashra.articles.errors import ArticleError
from nashra.articles.files import read_article_file, walk
from nashra.articles.htmlpage import parse_html_page
from nashra.model import Article


@pytest.fixture
def page(data_dir: Path) -> Article:
    return parse_html_page((data_dir / "articles/html/aleppo_page.html").read_bytes(), "aleppo_page.html")


def test_h2_and_h3_headings_become_section_headings(page: Article) -> None:
    assert [s.heading for s in page.sections] == [None, "خطة لتأهيل المحطات", "ترحيب الأهالي"]


def test_title_site_author_and_date_come_from_the_page(page: Article) -> None:
    assert (page.title, page.source, page.author) == (
        "عودة الكهرباء إلى أحياء حلب الشرقية",
        "شبكة الشام",
        "سامر الحلبي",
    )
    assert page.published_at == datetime(2024, 3, 5, tzinfo=UTC)


def test_navigation_captions_related_links_and_footer_are_left_out(page: Article) -> None:
    text = "\n".join(s.text for s in page.sections)
    for furniture in ("الرئيسية سوريا", "عمال صيانة في حي", "أسعار المحروقات في دمشق", "جميع الحقوق", "شارك"):
        assert furniture not in text


def test_page_without_article_text_is_one_clear_error() -> None:
    with pytest.raises(ArticleError, match=r"^empty\.html: no article text found in the page$"):
        parse_html_page(b"<html><body><nav>menu</nav></body></html>", "empty.html")


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_and_htm_files_are_read_as_pages(data_dir: Path, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"page{suffix}"
    shutil.copy(data_dir / "articles/html/aleppo_page.html", path)
    [article] = read_article_file(path, 10_000_000)
    assert isinstance(article, Article) and article.source == "شبكة الشام"


def test_folder_ingest_takes_pages_but_not_the_assets_saved_beside_them(
    data_dir: Path, tmp_path: Path
) -> None:
    shutil.copy(data_dir / "articles/html/aleppo_page.html", tmp_path / "aleppo.html")
    (tmp_path / "aleppo_files").mkdir()
    (tmp_path / "aleppo_files" / "ad_frame.html").write_text("<html><body>ad</body></html>")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    assert list(walk([tmp_path])) == [tmp_path / "aleppo.html"]


def test_a_page_read_twice_gives_the_same_article(data_dir: Path) -> None:
    data = (data_dir / "articles/html/aleppo_page.html").read_bytes()
    first, second = parse_html_page(data, "a.html"), parse_html_page(data, "a.html")
    assert first.sections == second.sections


def test_a_byline_holding_only_a_dateline_gives_the_place_and_no_author(data_dir: Path) -> None:
    page = parse_html_page(
        (data_dir / "articles/html/taiz_field_dateline.html").read_bytes(), "taiz_field_dateline.html"
    )
    assert (page.author, page.dateline) == (None, "تعز")


def test_a_page_saved_as_utf16_without_its_mark_is_read_as_arabic(data_dir: Path) -> None:
    [article] = read_article_file(data_dir / "encodings/utf16le_no_bom_page.html", 100_000)
    assert isinstance(article, Article)
    assert article.title == "سيول في جدة"
