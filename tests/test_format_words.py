"""/format understands what its own buttons say, typed as text."""

from __future__ import annotations

import pytest

from bot.handlers.preferences import parse_format


@pytest.mark.parametrize(
    ("typed", "changes"),
    [
        ("عناوين فقط", {"style": "headlines"}),
        ("headlines only", {"style": "headlines"}),
        ("ملخصات كاملة", {"style": "full"}),
        ("تشغيل المعاينة", {"link_previews": True}),
        ("إيقاف المعاينة", {"link_previews": False}),
        ("20 خبراً", {"max_items": 20}),
        ("١٠ أخبار", {"max_items": 10}),
        ("✓ عناوين فقط", {"style": "headlines"}),
        ("Previews on ✓", {"link_previews": True}),
    ],
)
def test_a_buttons_label_typed_as_text_does_what_the_button_does(typed: str, changes: dict) -> None:
    assert parse_format(typed, 30) == (changes, None, None)


def test_an_unknown_word_is_quoted_as_the_user_wrote_it() -> None:
    assert parse_format("معاينة", 30) == ({}, "fmt_bad", "معاينة")


def test_a_count_over_the_limit_is_quoted_with_the_limit_error() -> None:
    assert parse_format("40 أخبار", 30) == ({}, "fmt_items_bad", "40")
