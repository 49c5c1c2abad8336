"""A date at the edge of what can be written is read by the same rule in every format
(``nashra.articles.dates``): an RFC 822 offset with minutes past 59 («+0375») is no zone, as ISO text's
is; a clock's seconds count in a stamp as in a feed; «24:00» on the calendar's last day is later than
any fetch, not an error; and a day followed by anything but its time is no ISO 8601 date, never a day
read at another hour. A saved page whose date
the page-metadata reader cannot read is kept, read without its metadata; a page's own date on a day its
calendar lacks is no date, and a Hijri one is converted, as in every other format."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nashra.articles.admission import admit
from nashra.articles.errors import ArticleError
from nashra.articles.feeds import parse_feed
from nashra.articles.htmlpage import parse_html_page
from nashra.articles.jsonformat import parse_json
from nashra.articles.textformat import parse_text
from nashra.model import Article

FETCHED = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
BODY = "هطلت أمطار غزيرة على جدة صباح اليوم وأغلقت عددا من الطرق الرئيسية في المدينة."


def _admitted(item: Article | ArticleError) -> Article:
    admitted = admit(item, FETCHED)
    assert isinstance(admitted, Article)
    return admitted


def _text_dated(stamp: str) -> Article:
    return _admitted(parse_text(f"أمطار غزيرة في جدة\nصحيفة المثال\n{stamp}\n{BODY}\n", "a.txt"))


def _json_records(published_at: str) -> list[Article | ArticleError]:
    record = json.dumps({"title": "أمطار غزيرة في جدة", "body": BODY, "published_at": published_at})
    return parse_json(record, "dates.json")


def _feed_dated(date: str, data_dir: Path) -> Article:
    rss = (data_dir / "dates/impossible_hijri_day.rss").read_text(encoding="utf-8")
    [entry] = parse_feed(rss.replace("1437-02-30T08:00:00+03:00", date).encode(), "feed.rss")
    return _admitted(entry)


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]


def test_an_rfc_822_offset_with_minutes_past_59_is_no_zone(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # «+0375» was read as +04:15 (05:45 UTC), where ISO text's «+03:75» is no zone.
    written = "Mon, 10 Aug 2015 10:00:00 +0375"
    assert _feed_dated(written, data_dir).published_at is None
    [warning] = _warnings(caplog)
    assert warning == (
        f"feed.rss entry 1 (https://example.org/1): date {written} is no day (no zone is +0375 from UTC); "
        "the article is kept without a date"
    )


def test_a_text_articles_stamp_at_a_second_no_clock_shows_is_refused_as_a_feeds_is(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The seconds were passed over: «23:59:60» was read as 23:59, where a feed's is no date.
    assert _text_dated("نشر في: 2015/08/10 23:59:60").published_at is None
    [warning] = _warnings(caplog)
    assert warning.endswith("is no day (a day has no time 23:59:60); the article is kept without a date")


def test_a_text_articles_stamp_keeps_its_seconds() -> None:
    published = _text_dated("نشر في: 2015/08/10 10:00:30").published_at
    assert published == datetime(2015, 8, 10, 10, 0, 30, tzinfo=UTC)


def test_the_end_of_the_calendars_last_day_is_clamped_to_the_fetch_in_json() -> None:
    # It was refused as an "unexpected error (OverflowError: date value out of range)".
    [record] = _json_records("9999-12-31T24:00:00Z")
    assert isinstance(record, Article)
    assert _admitted(record).published_at == FETCHED


def test_the_end_of_the_calendars_last_day_is_clamped_to_the_fetch_in_a_feed(data_dir: Path) -> None:
    assert _feed_dated("Fri, 31 Dec 9999 24:00:00 GMT", data_dir).published_at == FETCHED


def test_the_end_of_the_calendars_last_day_is_clamped_to_the_fetch_in_a_text_stamp() -> None:
    assert _text_dated("نشر في: 31/12/9999 24:00").published_at == FETCHED


def test_a_fraction_of_a_second_past_the_days_end_is_no_time(caplog: pytest.LogCaptureFixture) -> None:
    # «24:00:00.5» was read as the next day's 00:00:00.5.
    [record] = _json_records("2015-08-10T24:00:00.5Z")
    assert isinstance(record, Article)
    assert _admitted(record).published_at is None
    [warning] = _warnings(caplog)
    assert "is no day (a day has no time 24:00:00.5)" in warning


@pytest.mark.parametrize("written", ["2015-08-10+03:00", "2015-08-10-04:00", "2015-08-10_10:00"])
def test_a_json_day_followed_by_anything_but_its_time_is_no_iso_date(written: str) -> None:
    # Python's parser takes any character for the «T»: «2015-08-10+03:00» was stored as 03:00 UTC.
    [record] = _json_records(written)
    assert isinstance(record, ArticleError)
    assert str(record) == f"dates.json: field 'published_at' is not an ISO 8601 date: {written!r}"


def test_a_json_date_with_a_lower_case_t_is_read_as_with_a_capital_one() -> None:
    [record] = _json_records("1436-02-30t10:00:00+03:00")
    assert isinstance(record, Article)
    assert _admitted(record).published_at == datetime(2014, 12, 22, 7, 0, tzinfo=UTC)


def test_a_saved_page_whose_date_is_in_a_zone_that_is_none_is_kept_without_its_metadata(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # htmldate raised on «+25:00» inside trafilatura, which then gave no text: the page was rejected as
    # «no article text found in the page».
    page = (
        '<html><head><title>أمطار غزيرة في جدة</title><meta property="article:published_time" '
        f'content="2015-08-10T10:00:00+25:00"></head><body><article><h1>أمطار غزيرة في جدة</h1>'
        f"<p>{BODY} {BODY}</p><p>{BODY}</p></article></body></html>"
    ).encode()
    found = parse_html_page(page, "page.html")
    assert (found.title, found.published_at) == ("أمطار غزيرة في جدة", None)
    assert found.sections[0].text.startswith("هطلت أمطار غزيرة على جدة")
    # Said once, by the date's warning.
    [warning] = [record.getMessage() for record in caplog.records if record.name.startswith("nashra")]
    assert warning == (
        "page.html: date 2015-08-10T10:00:00+25:00 is no day (no zone is +25:00 from UTC); "
        "the article is kept without a date"
    )


def _page_dated(published_time: str) -> Article:
    page = (
        '<html><head><title>أمطار غزيرة في جدة</title><meta property="article:published_time" '
        f'content="{published_time}"></head><body><article><h1>أمطار غزيرة في جدة</h1>'
        f"<p>{BODY} {BODY}</p><p>{BODY}</p></article></body></html>"
    ).encode()
    return parse_html_page(page, "page.html")


def test_a_saved_pages_date_on_a_day_the_month_lacks_is_no_date_not_the_months_first(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # htmldate read «2015-02-29» as 1 February 2015.
    assert _page_dated("2015-02-29T10:00:00+03:00").published_at is None
    [warning] = _warnings(caplog)
    assert warning == (
        "page.html: date 2015-02-29 is no day (February 2015 has 28 days); the article is kept without a date"
    )


def test_a_saved_pages_hijri_date_is_converted_as_in_every_format() -> None:
    # htmldate passed it over (a year before 1995): the page was dated when stored.
    published = _page_dated("1436-02-30T10:00:00+03:00").published_at
    assert published == datetime(2014, 12, 22, 7, 0, tzinfo=UTC)
