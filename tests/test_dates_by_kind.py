"""A written date is read by one rule whatever the format (``nashra.articles.dates.read_date``): a Hijri
year's date on its own calendar first, then the Gregorian one; a month, day or clock time its calendar
lacks is no date, refused with one warning naming the item, never rolled over to another day. And a
character removed from inside a text leaves the words spaced as they were (``nashra.arabic.close_up``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nashra.articles.admission import admit
from nashra.articles.feeds import parse_feed
from nashra.articles.files import read_article_file
from nashra.articles.jsonformat import parse_json
from nashra.articles.textformat import parse_text
from nashra.model import Article

FETCHED = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
BODY = "هطلت أمطار غزيرة على جدة صباح اليوم وأغلقت عددا من الطرق الرئيسية في المدينة."


def _file_admitted(path: Path) -> Article:
    [article] = read_article_file(path, 100_000)
    assert isinstance(article, Article)
    admitted = admit(article, FETCHED)
    assert isinstance(admitted, Article)
    return admitted


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]


def _text_dated(stamp: str) -> Article:
    text = f"أمطار غزيرة في جدة\nصحيفة المثال\n{stamp}\n{BODY}\n"
    admitted = admit(parse_text(text, "a.txt"), FETCHED)
    assert isinstance(admitted, Article)
    return admitted


def _json_dated(published_at: str) -> Article:
    record = json.dumps({"title": "أمطار غزيرة في جدة", "body": BODY, "published_at": published_at})
    [article] = parse_json(record, "dates.json")
    assert isinstance(article, Article)
    admitted = admit(article, FETCHED)
    assert isinstance(admitted, Article)
    return admitted


def _feed_dated(date: str, data_dir: Path) -> Article:
    rss = (data_dir / "dates/impossible_hijri_day.rss").read_text(encoding="utf-8")
    [entry] = parse_feed(rss.replace("1437-02-30T08:00:00+03:00", date).encode(), "feed.rss")
    assert isinstance(entry, Article)
    admitted = admit(entry, FETCHED)
    assert isinstance(admitted, Article)
    return admitted


def test_a_text_articles_day_the_hijri_month_lacks_is_said_as_in_the_other_formats(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = data_dir / "dates/impossible_hijri_day.txt"
    assert _file_admitted(path).published_at is None
    [warning] = _warnings(caplog)
    assert warning == (
        f"{path}: date 1437/02/30 is no day (Safar 1437 has 29 days in the Umm al-Qura calendar); "
        "the article is kept without a date"
    )


def test_a_text_articles_thirtieth_of_safar_is_read_as_hijri_before_any_gregorian_check(
    data_dir: Path,
) -> None:
    # Safar 1436 has 30 days: its 30th is 22 December 2014, 10:00 in Mecca is 07:00 UTC.
    published = _file_admitted(data_dir / "dates/thirtieth_of_safar.txt").published_at
    assert published == datetime(2014, 12, 22, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("2015/13/40", "a year has no month 13"),
        ("2015-13-01", "a year has no month 13"),
        ("2015-08-32T10:00:00Z", "August 2015 has 31 days"),
        ("2015-08-10T25:00:00Z", "a day has no time 25:00:00"),
        ("2015-08-10T10:61:00Z", "a day has no time 10:61:00"),
        ("Sun, 29 Feb 2015 10:00:00 +0300", "February 2015 has 28 days"),
        ("Mon, 10 Aug 2015 25:00:00 GMT", "a day has no time 25:00:00"),
        ("Sun, 29 Feb 2015 10:00:00 AST", "February 2015 has 28 days"),
        ("20150832T100000Z", "August 2015 has 31 days"),
        ("20150810T250000Z", "a day has no time 25:00:00"),
        ("2015-08-10T10:00:00+25:00", "no zone is +25:00 from UTC"),
        ("Mon, 10 Aug 2015 10:00:00 +2500", "no zone is +25:00 from UTC"),
    ],
)
def test_a_feed_date_that_does_not_exist_is_refused_not_moved_to_another_day(
    written: str, problem: str, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # feedparser reads «2015/13/40» as 1 December, «2015-08-32» as 1 September, «T25:00» as the next
    # day's 01:00, a zone 25 hours east as the day before, and gives no date for 29 February 2015 (no
    # warning said why the entry was undated).
    assert _feed_dated(written, data_dir).published_at is None
    [warning] = _warnings(caplog)
    assert warning.startswith("feed.rss entry 1 (https://example.org/1): date ")
    assert f"is no day ({problem}); the article is kept without a date" in warning


def test_a_feed_date_no_reader_makes_a_date_of_is_said_not_dropped_in_silence(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert _feed_dated("32 Aug 2015", data_dir).published_at is None
    [warning] = _warnings(caplog)
    assert warning == (
        "feed.rss entry 1 (https://example.org/1): date '32 Aug 2015' cannot be read; "
        "the article is kept without a date"
    )


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("2015-13-40", "a year has no month 13"),
        ("2015-08-10T25:00:00", "a day has no time 25:00:00"),
        ("2015-08-10T10:00:00+03:75", "no zone is +03:75 from UTC"),
    ],
)
def test_a_json_date_that_does_not_exist_leaves_the_record_undated_as_a_day_the_month_lacks_does(
    written: str, problem: str, caplog: pytest.LogCaptureFixture
) -> None:
    # It was refused as "not an ISO 8601 date", where 2015-02-29 kept the record undated; Python's
    # parser reads the zone «+03:75» as +04:15.
    assert _json_dated(written).published_at is None
    [warning] = _warnings(caplog)
    assert warning.startswith(f"dates.json: date {written} ")
    assert warning.endswith(f"is no day ({problem}); the article is kept without a date")


@pytest.mark.parametrize(
    ("stamp", "problem"),
    [
        ("نشر في: 10/08/2015 - 25:10", "a day has no time 25:10:00"),
        ("نشر في: 2015/02/29 10:00", "February 2015 has 28 days"),
        ("نشر في: 32/08/2015", "August 2015 has 31 days"),
        ("الأحد 29 فبراير 2015 - 10:22 م", "February 2015 has 28 days"),
        ("نشر في: 10/13/2015", "a year has no month 13"),
    ],
)
def test_a_text_articles_stamp_that_does_not_exist_is_refused_and_said(
    stamp: str, problem: str, caplog: pytest.LogCaptureFixture
) -> None:
    # An hour of 25 was read as midnight; a day the month lacks left the article undated unsaid.
    assert _text_dated(stamp).published_at is None
    [warning] = _warnings(caplog)
    assert warning.startswith("a.txt: date ")
    assert warning.endswith(f"is no day ({problem}); the article is kept without a date")


@pytest.mark.parametrize(
    ("stamp", "zone"),
    [
        ("نشر في: 10/08/2015 - 22:22 +25:00", "+25:00"),
        ("نشر في: 10/08/2015 - 22:22 GMT+24", "gmt+24"),
        ("نشر في: 10/08/2015 - 22:22 +03:75", "+03:75"),
    ],
)
def test_a_text_articles_stamp_whose_offset_is_no_zone_is_refused_and_said(
    stamp: str, zone: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Read in UTC before (an offset of a day or more was taken for none), and «+03:75» as +04:15.
    assert _text_dated(stamp).published_at is None
    [warning] = _warnings(caplog)
    assert warning.endswith(f"is no day (no zone is {zone} from UTC); the article is kept without a date")


def test_a_feed_date_with_a_gmt_offset_that_is_no_zone_is_refused_and_said(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert _feed_dated("Mon, 10 Aug 2015 22:22:00 GMT+25", data_dir).published_at is None
    [warning] = _warnings(caplog)
    assert "is no day (no zone is GMT+25 from UTC)" in warning


def test_midnight_written_as_the_end_of_the_day_is_the_next_days_midnight() -> None:
    assert _json_dated("2015-08-10T24:00:00Z").published_at == datetime(2015, 8, 11, tzinfo=UTC)


def test_a_control_character_removed_between_two_words_of_a_title_leaves_one_space() -> None:
    record = json.dumps({"title": "أمطار \u0007 غزيرة في جدة", "body": BODY})
    [article] = parse_json(record, "dates.json")
    admitted = admit(article, FETCHED)
    assert isinstance(admitted, Article)
    assert admitted.title == "أمطار غزيرة في جدة"


def test_a_control_byte_removed_between_two_words_of_a_text_file_leaves_one_space(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        f"أمطار غزيرة في جدة\nصحيفة المثال\nهطلت أمطار \x00 غزيرة على جدة.\n{BODY}\n", encoding="utf-8"
    )
    assert _file_admitted(path).sections[0].text.startswith("هطلت أمطار غزيرة على جدة.")


@pytest.mark.parametrize(
    "stamp",
    ["الأحد 25 شوال 1436 هـ", "25 شوال 1436هـ", "نشر في: 25 شوال 1436 - 10:00 ص بتوقيت مكة"],
)
def test_a_text_articles_hijri_date_in_words_is_its_umm_al_qura_day(stamp: str) -> None:
    # 25 Shawwal 1436 is 10 August 2015; the stamp was set aside as furniture and the article undated.
    published = _text_dated(stamp).published_at
    assert published is not None
    assert published.date() == datetime(2015, 8, 10).date()


def test_a_text_articles_hijri_date_in_words_beside_its_gregorian_one_is_dated_by_the_gregorian(
    caplog: pytest.LogCaptureFixture,
) -> None:
    published = _text_dated("الأحد 24 شوال 1436 هـ الموافق 9 أغسطس 2015م").published_at
    assert published == datetime(2015, 8, 9, tzinfo=UTC)
    assert _warnings(caplog) == []


def test_a_text_articles_hijri_day_in_words_the_month_lacks_is_refused_and_said(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert _text_dated("30 رمضان 1436 هـ").published_at is None
    [warning] = _warnings(caplog)
    assert warning == (
        "a.txt: date 30 رمضان 1436 هـ is no day (Ramadan 1436 has 29 days in the Umm al-Qura calendar); "
        "the article is kept without a date"
    )


@pytest.mark.parametrize("written", ["2015-08-10T10:00:00+15:00", "2015-08-10T10:00:00-13:00"])
def test_an_offset_beyond_every_zones_is_no_zone(written: str, caplog: pytest.LogCaptureFixture) -> None:
    # No zone is east of UTC+14:00 (Kiritimati) or west of UTC−12:00: such an offset was taken as written.
    assert _json_dated(written).published_at is None
    [warning] = _warnings(caplog)
    assert f"no zone is {written[-6:]} from UTC" in warning


@pytest.mark.parametrize(
    ("written", "utc"),
    [("2015-08-10T10:00:00+14:00", datetime(2015, 8, 9, 20, 0, tzinfo=UTC)),
     ("2015-08-10T10:00:00-12:00", datetime(2015, 8, 10, 22, 0, tzinfo=UTC))],
)  # fmt: skip
def test_the_offsets_at_the_ends_of_the_zones_are_read(written: str, utc: datetime) -> None:
    assert _json_dated(written).published_at == utc
