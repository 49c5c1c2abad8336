"""A place name written against a number, as crawled pages often run them together («جنوب الطائف٤٠
قضية»), is still the place: a number is a word of its own to the matcher, whatever digits it is written in."""

from __future__ import annotations

import pytest

from nashra.regions import tag_text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # SaudiNewsNet 2015-07-23.zip#2015-07-23.json[485]: no region at all before.
        ("أنهت اللجنة بمركز حي بني سعد جنوب الطائف٤٠ قضية متنوعة.", "SA-02"),
        ("سقط خمسة قتلى في حلب12 أمس.", "SY-HL"),
        ("افتتح المعرض في 3الرياض بمشاركة واسعة.", "SA-01"),
    ],
)
def test_a_place_name_written_against_a_number_is_still_the_place(text: str, code: str) -> None:
    assert code in tag_text(text)


def test_a_number_run_into_a_word_that_is_no_place_tags_nothing() -> None:
    assert tag_text("بلغت نسبة الإنجاز 40٪ في المشروع خلال الربع2 من العام.") == []
