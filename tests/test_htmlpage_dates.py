"""A saved page's publication date: a year alone (a copyright line, a bare year) is no date."""

from datetime import UTC, datetime

import pytest

from nashra.articles.htmlpage import parse_html_page

_BODY = "<p>" + "قالت وزارة الصحة إن عدد الإصابات ارتفع في المدينة خلال الأسبوع الماضي. " * 5 + "</p>"


def _page(inside: str = "", footer: str = "", head: str = "") -> bytes:
    return (
        f"<html><head><title>ارتفاع الإصابات في المدينة</title>{head}</head><body><article>"
        f"<h1>ارتفاع الإصابات في المدينة</h1>{inside}{_BODY}</article>{footer}</body></html>"
    ).encode()


@pytest.mark.parametrize(
    "footer",
    [
        "<footer>جميع الحقوق محفوظة 2024</footer>",
        "<footer>© 2024 الموقع الإخباري</footer>",
        "<footer>2024</footer>",
    ],
)
def test_a_year_alone_is_no_publication_date(footer: str) -> None:
    assert parse_html_page(_page(footer=footer), "page.html").published_at is None


def test_a_day_in_the_text_is_kept_beside_a_copyright_year() -> None:
    page = _page("<p>نشر في 15/03/2024</p>", "<footer>جميع الحقوق محفوظة 2024</footer>")
    assert parse_html_page(page, "page.html").published_at == datetime(2024, 3, 15, tzinfo=UTC)


def test_a_first_of_january_in_the_page_metadata_is_kept() -> None:
    head = '<meta property="article:published_time" content="2024-01-01T08:00:00">'
    page = _page(head=head, footer="<footer>© 2024</footer>")
    assert parse_html_page(page, "page.html").published_at == datetime(2024, 1, 1, tzinfo=UTC)
