"""Bot texts: counts agree with their nouns (Arabic and English), and long replies split within the limit."""

from __future__ import annotations

import re
import string

import pytest

from bot.handlers.common import split_message
from nashra.sandbox.server import parsed_text
from nashra.telegram_limits import visible_units
from nashra.texts import AR, EN, LANGUAGES, count_phrase, plural_category, text


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


@pytest.mark.parametrize(
    ("cap", "phrase"),
    [
        (1, "تحمل النشرة خبراً واحداً على الأكثر"),
        (2, "تحمل النشرة خبرين على الأكثر"),
        (20, "تحمل النشرة 20 خبراً"),
    ],
)
@pytest.mark.parametrize("readers", ["private", "channel"])
def test_a_digests_item_cap_is_the_object_of_its_verb(cap: int, phrase: str, readers: str) -> None:
    assert phrase in text("ar", "digest_left_out", readers=readers, cap=cap, count=3)


def test_a_count_given_as_text_agrees_too() -> None:
    assert text("ar", "kw_bad_too_many", term="50") == "الحد الأقصى 50 كلمة لكل محادثة."
    assert text("ar", "too_long", limit=1000) == "رسالتك طويلة جداً (الحد 1000 حرف)."


@pytest.mark.parametrize(
    ("n", "category"),
    [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (3, "few"),
        (10, "few"),
        (11, "many"),
        (99, "many"),
        (100, "other"),
        (102, "other"),
        (103, "few"),
        (111, "many"),
        (1000, "other"),
    ],
)
def test_arabic_counts_follow_the_cldr_categories_zero_included(n: int, category: str) -> None:
    assert plural_category(n, "ar") == category


def test_a_noun_with_a_zero_form_uses_it_and_one_without_writes_zero_as_other() -> None:
    forms = {"ar": {"zero": "لا مشتركين", "one": "مشترك واحد", "other": "{n} مشترك"}}
    assert count_phrase(0, forms, "ar") == "لا مشتركين"
    assert text("ar", "alert_confirm", audience=0, names="درعا").startswith("سيصل هذا التنبيه إلى 0 مشترك ")


def test_every_string_has_both_languages_with_the_same_fields() -> None:
    assert AR.keys() == EN.keys()
    for key in AR:
        assert set(_fields(AR[key])) == set(_fields(EN[key])), key


_TAG = re.compile(r"</?(?:b|i|u|s|code|pre|a|blockquote)(?: [^<>]*)?>")
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#\d+);")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_telegram_html_as_the_default_parse_mode_reads_it(language: str) -> None:
    """Replies and edits go with parse_mode=HTML by default, edits of plain strings included."""
    for key in AR:
        filled = text(language, key, **dict.fromkeys(_fields(AR[key]), "1"))
        bare = _ENTITY.sub("", _TAG.sub("", filled))
        assert not {"<", ">", "&"} & set(bare), key
        parsed_text(filled, "HTML")  # raises on an unbalanced tag


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def test_long_reply_is_split_at_line_ends_within_the_limit() -> None:
    lines = [f"• منطقة رقم {i} (سوريا)" for i in range(400)]
    parts = split_message("<b>اشتراكاتك</b>\n" + "\n".join(lines))
    assert len(parts) > 1 and all(visible_units(part) <= 4096 for part in parts)
    assert "\n".join(parts).split("\n")[1:] == lines
