"""Bot texts: counts agree with their nouns (Arabic and English), and long replies split within the limit."""

from __future__ import annotations

import pytest

from bot.handlers.common import split_message
from bot.texts import text
from nashra.telegram_limits import visible_units


@pytest.mark.parametrize(
    ("audience", "phrase"),
    [
        (1, "إلى مشترك واحد في"),
        (2, "إلى مشتركَين في"),
        (3, "إلى 3 مشتركين في"),
        (10, "إلى 10 مشتركين في"),
        (11, "إلى 11 مشتركاً في"),
        (100, "إلى 100 مشترك في"),
        (101, "إلى 101 مشترك في"),
        (1000, "إلى 1000 مشترك في"),
    ],
)
def test_arabic_audience_agrees_with_its_number(audience: int, phrase: str) -> None:
    assert phrase in text("ar", "alert_confirm", audience=audience, names="درعا")


@pytest.mark.parametrize(("audience", "phrase"), [(1, "to 1 subscriber."), (2, "to 2 subscribers.")])
def test_english_audience_is_singular_for_one_only(audience: int, phrase: str) -> None:
    assert phrase in text("en", "broadcast_queued", alert_id=7, audience=audience)


def test_a_count_given_as_text_agrees_too() -> None:
    assert text("ar", "kw_bad_too_many", term="50") == "الحد الأقصى 50 كلمة لكل محادثة."
    assert text("ar", "too_long", limit=1000) == "رسالتك طويلة جداً (الحد 1000 حرف)."


def test_long_reply_is_split_at_line_ends_within_the_limit() -> None:
    lines = [f"• منطقة رقم {i} (سوريا)" for i in range(400)]
    parts = split_message("<b>اشتراكاتك</b>\n" + "\n".join(lines))
    assert len(parts) > 1 and all(visible_units(part) <= 4096 for part in parts)
    assert "\n".join(parts).split("\n")[1:] == lines
