"""A publication date read as a reader of Saudi news would: a Hijri date written as ISO is converted on
its own day, then its zone applied; a date centuries old, or on a day its calendar lacks, is no date, the
same in every format (``nashra.articles.dates``, applied to every input by ``admit`` and the readers)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nashra.articles.admission import admit
from nashra.articles.feeds import parse_feed
from nashra.articles.files import read_article_file
from nashra.articles.jsonformat import parse_json
from nashra.articles.limits import DEFAULT_LIMITS
from nashra.articles.textformat import parse_text
from nashra.model import Article

FETCHED = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def _admitted(published_at: str) -> Article:
    body = "هطلت أمطار غزيرة على جدة اليوم."
    record = f'{{"title": "أمطار في جدة", "body": "{body}", "published_at": "{published_at}"}}'
    [article] = parse_json(record, "dates.json")
    admitted = admit(article, FETCHED)
    assert isinstance(admitted, Article)
    return admitted


def test_a_hijri_date_written_as_iso_is_its_gregorian_day(caplog: pytest.LogCaptureFixture) -> None:
    # 25 Shawwal 1436 (Umm al-Qura) is 10 August 2015.
    assert _admitted("1436-10-25T08:30:00").published_at == datetime(2015, 8, 10, 8, 30, tzinfo=UTC)
    assert "dates.json" in caplog.text and "Hijri" in caplog.text


def test_a_date_centuries_old_is_no_date_and_said(caplog: pytest.LogCaptureFixture) -> None:
    assert _admitted("0001-01-01").published_at is None
    assert "dates.json" in caplog.text and "no publication date" in caplog.text


def test_a_hijri_day_that_does_not_exist_is_no_date() -> None:
    # Ramadan 1436 has 29 days in the Umm al-Qura calendar.
    assert _admitted("1436-09-30").published_at is None


def test_a_gregorian_date_is_kept_as_given() -> None:
    assert _admitted("2015-08-10T08:30:00+03:00").published_at == datetime(2015, 8, 10, 5, 30, tzinfo=UTC)


def test_a_hijri_date_with_a_zone_is_converted_on_its_own_day_then_moved_to_utc() -> None:
    # 1 Shawwal 1436, 01:00 in Mecca, is 17 July 2015 01:00 there: 16 July 22:00 UTC. Moved to UTC first,
    # it was 30 Ramadan, a day Ramadan 1436 does not have.
    assert _admitted("1436-10-01T01:00:00+03:00").published_at == datetime(2015, 7, 16, 22, 0, tzinfo=UTC)


def _feed_entry_admitted(date: str, data_dir: Path) -> Article:
    rss = (data_dir / "dates/impossible_hijri_day.rss").read_text(encoding="utf-8")
    [entry] = parse_feed(rss.replace("1437-02-30T08:00:00+03:00", date).encode(), "feed.rss")
    admitted = admit(entry, FETCHED)
    assert isinstance(admitted, Article)
    return admitted


def test_a_feed_entry_with_a_hijri_date_and_a_zone_is_converted_as_a_json_record_is(data_dir: Path) -> None:
    entry = _feed_entry_admitted("1436-10-01T01:00:00+03:00", data_dir)
    assert entry.published_at == datetime(2015, 7, 16, 22, 0, tzinfo=UTC)


def test_a_feed_entry_on_the_thirtieth_of_safar_is_that_day_not_the_first_of_the_next_month(
    data_dir: Path,
) -> None:
    # 30 Safar 1436 is 22 December 2014; read as a Gregorian date it was rolled over to 1 March.
    assert _feed_entry_admitted("1436-02-30", data_dir).published_at == datetime(2014, 12, 22, tzinfo=UTC)


def test_a_json_record_on_the_thirtieth_of_safar_is_read_not_refused_as_no_iso_date() -> None:
    assert _admitted("1436-02-30").published_at == datetime(2014, 12, 22, tzinfo=UTC)


@pytest.mark.parametrize("suffix", ["json", "rss", "atom"])
def test_a_day_the_hijri_month_lacks_leaves_the_article_undated_in_every_format(
    suffix: str, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = data_dir / f"dates/impossible_hijri_day.{suffix}"
    [article] = read_article_file(path, 100_000)
    assert isinstance(article, Article)
    assert admit(article, FETCHED).published_at is None
    [warning] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning.startswith(str(path))
    assert warning.endswith(
        "date 1437-02-30 is no day (Safar 1437 has 29 days in the Umm al-Qura calendar); "
        "the article is kept without a date"
    )


def test_a_gregorian_day_the_month_lacks_leaves_the_record_undated_as_a_hijri_one_does() -> None:
    assert _admitted("2015-02-29T10:00:00").published_at is None


def test_a_feed_capped_to_its_newest_entries_ranks_a_hijri_date_by_its_gregorian_day(data_dir: Path) -> None:
    rss = (data_dir / "dates/impossible_hijri_day.rss").read_text(encoding="utf-8")
    item = rss[rss.index("<item>") : rss.index("</item>") + len("</item>")]
    dates = {
        "خبر أول": "2015-08-01T09:00:00Z",
        "خبر ثان": "1436-10-25T09:00:00+03:00",
        "خبر ثالث": "2015-08-05T09:00:00Z",
    }
    items = "".join(
        item.replace("أمطار غزيرة في جدة", title)
        .replace("1437-02-30T08:00:00+03:00", date)
        .replace("<guid>1</guid>", f"<guid>{title}</guid>")
        for title, date in dates.items()
    )
    document = rss.replace(item, items).encode()
    limits = dataclasses.replace(DEFAULT_LIMITS, entries_per_feed=2)
    read = parse_feed(document, "feed.rss", limits=limits)
    # 25 Shawwal 1436 is 10 August 2015, the newest of the three.
    assert [entry.title for entry in read if isinstance(entry, Article)] == ["خبر ثان", "خبر ثالث"]


def _stamp_read(stamp: str) -> datetime | None:
    """The publication time admitted from a text article whose header line is ``stamp``."""
    text = f"أمطار غزيرة في جدة\nصحيفة المثال\n{stamp}\nهطلت أمطار غزيرة على جدة اليوم.\n"
    return admit(parse_text(text, "a.txt"), FETCHED).published_at


def test_an_offset_after_the_time_of_a_text_articles_stamp_is_kept() -> None:
    assert _stamp_read("نشر في: 2015-08-10 22:22 +03:00") == datetime(2015, 8, 10, 19, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    "stamp",
    [
        "نشر في: 10/08/2015 - 22:22 GMT+3",
        "2015-08-10T22:22:00+03:00",
        "الاثنين 10 أغسطس 2015 - 10:22 م بتوقيت مكة المكرمة",
        "2015-08-10 22:22 AST",
    ],
)
def test_a_zone_after_the_time_of_a_text_articles_stamp_is_kept_as_it_is_written(stamp: str) -> None:
    assert _stamp_read(stamp) == datetime(2015, 8, 10, 19, 22, tzinfo=UTC)


def test_a_hijri_date_in_a_text_articles_stamp_is_converted_in_its_zone() -> None:
    assert _stamp_read("نشر في: 1436-10-01 01:00 +03:00") == datetime(2015, 7, 16, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "stamp",
    [
        "نشر في: 10 أغسطس 2015 - 10:22 ص بتوقيت مكة المكرمة",
        "نشر في: 10 أغسطس 2015 - 10:22 صباحاً بتوقيت مكة",
        "Published: 10 August 2015 10:22 am AST",
    ],
)
def test_a_zone_after_a_morning_mark_in_a_text_articles_stamp_is_kept(stamp: str) -> None:
    assert _stamp_read(stamp) == datetime(2015, 8, 10, 7, 22, tzinfo=UTC)


def test_an_iso_date_and_time_in_arabic_indic_digits_is_read_as_in_ascii_digits() -> None:
    assert _admitted("٢٠١٥-٠٨-١٠T٢٢:٢٢:٠٠+٠٣:٠٠").published_at == datetime(2015, 8, 10, 19, 22, tzinfo=UTC)


def test_mysqls_zero_date_is_no_date_in_json_as_in_feeds(caplog: pytest.LogCaptureFixture) -> None:
    # PHP crawlers write "0000-00-00 00:00:00" for "no date" in every format they export.
    assert _admitted("0000-00-00 00:00:00").published_at is None
    assert "dates.json" in caplog.text and "no publication date" in caplog.text


def test_an_empty_date_is_no_date_as_a_missing_one_is() -> None:
    assert _admitted("").published_at is None


@pytest.mark.parametrize("stamp", ["نشر في: 10 أغسطس 2015 - 12:30 ص", "Published: 10 August 2015 12:30 am"])
def test_half_past_twelve_in_the_morning_of_a_text_articles_stamp_is_after_midnight(stamp: str) -> None:
    assert _stamp_read(stamp) == datetime(2015, 8, 10, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("written", "moment"),
    [
        ("2015/08/10 22:22:00", datetime(2015, 8, 10, 22, 22, tzinfo=UTC)),
        ("2015/8/10", datetime(2015, 8, 10, tzinfo=UTC)),
        ("1436/10/25 08:30:00", datetime(2015, 8, 10, 8, 30, tzinfo=UTC)),
    ],
)
def test_a_feed_date_written_year_first_with_slashes_is_that_day(
    written: str, moment: datetime, data_dir: Path
) -> None:
    # feedparser reads «2015/08/10 22:22:00» as 1 December 2015.
    assert _feed_entry_admitted(written, data_dir).published_at == moment


def test_a_feed_date_with_the_arabic_words_for_mecca_time_is_in_that_zone(data_dir: Path) -> None:
    entry = _feed_entry_admitted("Mon, 10 Aug 2015 22:22:00 بتوقيت مكة المكرمة", data_dir)
    assert entry.published_at == datetime(2015, 8, 10, 19, 22, tzinfo=UTC)
