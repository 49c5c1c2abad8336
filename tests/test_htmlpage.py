"""Saved article pages: main text by trafilatura, h2/h3 as headings, page metadata, folders of pages."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
import trafilatura

import nashra.articles.htmlpage as htmlpage
from nashra.articles.errors import ArticleError
from nashra.articles.files import read_article_file, walk
from nashra.articles.htmlpage import parse_html_page
from nashra.articles.limits import DEFAULT_LIMITS
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


# -- long pages: trafilatura reads the start of the page that holds what can be kept ------------------

LONG_LIMITS = replace(DEFAULT_LIMITS, text_chars=1_000)  # 4,000 characters of extract read


def long_page(paragraphs: int) -> bytes:
    """A saved news page: menu, an article of ``paragraphs`` paragraphs with h2 headings, comments."""
    body = "".join(
        (f"<h2>المحور رقم {n // 10}</h2>" if n and n % 10 == 0 else "")
        + f'<div class="wrap"><p>في اليوم {n} شهدت مدينة حمص تطورات ميدانية متسارعة.</p></div>'
        for n in range(paragraphs)
    )
    comments = "".join(f'<li class="comment"><p>تعليق القارئ رقم {n}</p></li>' for n in range(50))
    return (
        '<html lang="ar"><head><title>تطورات حمص</title><meta property="og:site_name" content="شبكة الشام">'
        "<script>var state = {};</script></head><body>"
        '<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/syria">سوريا</a></li></ul></nav>'
        f'<article><h1>تطورات حمص</h1><div class="entry-content">{body}</div></article>'
        f'<section id="comments"><ol>{comments}</ol></section><footer>جميع الحقوق محفوظة</footer>'
        "</body></html>"
    ).encode()


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of each page handed to trafilatura."""
    pages: list[str] = []
    extract = trafilatura.extract

    def recording(page: object, **options: object) -> object:
        pages.append(page.text_content() if isinstance(page, lxml.html.HtmlElement) else str(page))
        return extract(page, **options)

    monkeypatch.setattr(htmlpage.trafilatura, "extract", recording)
    return pages


def read_whole(data: bytes, monkeypatch: pytest.MonkeyPatch) -> Article:
    with monkeypatch.context() as patched:
        patched.setattr(htmlpage, "_bounded", lambda page, max_chars: page)
        return parse_html_page(data, "long.html", limits=LONG_LIMITS)


def test_a_long_page_reads_as_when_extracted_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    data = long_page(400)

    article = parse_html_page(data, "long.html", limits=LONG_LIMITS)

    assert article == read_whole(data, monkeypatch)
    assert [s.heading for s in article.sections][:3] == [None, "المحور رقم 1", "المحور رقم 2"]


def test_trafilatura_is_handed_the_start_of_a_long_page_only(handed: list[str]) -> None:
    parse_html_page(long_page(400), "long.html", limits=LONG_LIMITS)

    [text] = handed
    assert "في اليوم 50 " in text
    assert "في اليوم 399 " not in text and "تعليق القارئ" not in text and "جميع الحقوق" not in text


def test_a_page_within_the_bound_is_handed_whole(handed: list[str]) -> None:
    parse_html_page(long_page(20), "long.html", limits=LONG_LIMITS)

    [text] = handed
    assert "في اليوم 19 " in text and "تعليق القارئ رقم 49" in text and "جميع الحقوق" in text
