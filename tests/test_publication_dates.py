"""A publication date read as a reader of Saudi news would: a Hijri date written as ISO is converted,
a date centuries old is no date (``nashra.articles.dates``, applied to every input by ``admit``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nashra.articles.ingest import admit
from nashra.articles.jsonformat import parse_json
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
