"""Feed dates written with the time-zone abbreviations of the Arab world are read as the region means them.

feedparser reads "AST" as Atlantic Standard Time (UTC-4) and every other abbreviation here as UTC; in an
Arabic feed "AST" is Arabia Standard Time (UTC+3) and "GST" Gulf Standard Time (UTC+4).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nashra.articles.feeds import parse_feed
from nashra.model import Article


def published(date: str) -> datetime | None:
    document = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>واس</title>'
        f"<item><title>خبر عن الرياض</title><pubDate>{date}</pubDate>"
        "<description>أعلنت الجهات المختصة في الرياض افتتاح مشروع جديد.</description></item>"
        "</channel></rss>"
    ).encode()
    [entry] = parse_feed(document, "feed.rss")
    assert isinstance(entry, Article)
    return entry.published_at


@pytest.mark.parametrize(
    ("zone", "hour_utc"),
    [
        ("AST", 6),  # Arabia Standard Time, UTC+3 (not the Atlantic's UTC-4)
        ("ADT", 5),  # Arabia Daylight Time, UTC+4
        ("GST", 5),  # Gulf Standard Time, UTC+4
        ("EET", 7),  # Eastern European Time (Egypt, Lebanon, Palestine), UTC+2
        ("EEST", 6),  # its summer time, UTC+3
        ("CET", 8),  # Algeria, Tunisia, UTC+1
        ("TRT", 6),  # Turkey Time, UTC+3
        ("MSK", 6),  # Moscow Time, UTC+3
        ("(AST)", 6),
        ("ast", 6),
    ],
)
def test_an_arab_time_zone_abbreviation_is_read_as_the_region_means_it(zone: str, hour_utc: int) -> None:
    assert published(f"Mon, 06 Nov 2023 09:15:00 {zone}") == datetime(2023, 11, 6, hour_utc, 15, tzinfo=UTC)


def test_iran_standard_time_keeps_its_half_hour() -> None:
    assert published("Mon, 06 Nov 2023 09:15:00 IRST") == datetime(2023, 11, 6, 5, 45, tzinfo=UTC)


@pytest.mark.parametrize("zone", ["GMT+3", "GMT+03:00", "UTC+3", "UTC+0300", "gmt +3"])
def test_an_offset_written_after_gmt_or_utc_is_read(zone: str) -> None:
    assert published(f"Mon, 06 Nov 2023 09:15:00 {zone}") == datetime(2023, 11, 6, 6, 15, tzinfo=UTC)


def test_an_iso_date_with_an_arab_zone_is_read() -> None:
    assert published("2023-11-06 09:15:00 AST") == datetime(2023, 11, 6, 6, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("Mon, 06 Nov 2023 09:15:00 +0300", datetime(2023, 11, 6, 6, 15, tzinfo=UTC)),
        ("Mon, 06 Nov 2023 09:15:00 GMT", datetime(2023, 11, 6, 9, 15, tzinfo=UTC)),
        ("Mon, 06 Nov 2023 09:15:00 EST", datetime(2023, 11, 6, 14, 15, tzinfo=UTC)),
        ("2023-11-06T09:15:00+03:00", datetime(2023, 11, 6, 6, 15, tzinfo=UTC)),
    ],
)
def test_numeric_offsets_and_other_zones_are_read_as_feedparser_reads_them(
    date: str, expected: datetime
) -> None:
    assert published(date) == expected


def test_a_date_that_does_not_exist_is_no_date_whatever_its_zone() -> None:
    assert published("Mon, 31 Feb 2023 09:15:00 AST") is None
