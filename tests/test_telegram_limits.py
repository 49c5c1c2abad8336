"""Telegram's limits in one place: UTF-16 length, visible length of HTML, splitting, retry-after, "…"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.error import RetryAfter

import nashra.telegram_limits as limits
from nashra.sandbox import parsed_text as sandbox_parsed_text
from nashra.telegram_limits import (
    MAX_TEXT_UNITS,
    MIN_RETRY_AFTER_S,
    mark_cut,
    retry_after_seconds,
    split_html,
    truncate,
    utf16_units,
    visible_units,
)

ITEM = '• خبر رقم {n} عن درعا &amp; حلب\n<i>— <a href="https://x.example/{n}">مصدر {n}</a></i>'


def test_utf16_length_counts_emoji_twice_and_arabic_once() -> None:
    assert utf16_units("درعا") == 4
    assert utf16_units("📰 درعا") == 7


def test_visible_length_ignores_tags_and_counts_an_entity_once() -> None:
    assert visible_units('<b>a</b> &amp; <a href="https://x">b</a>') == len("a & b")


def test_the_limit_is_telegrams() -> None:
    assert MAX_TEXT_UNITS == 4096


def test_a_long_digest_splits_between_items_into_valid_html_within_the_limit() -> None:
    markup = "<b>نشرة</b>\n\n" + "\n\n".join(ITEM.format(n=n) for n in range(40))
    pieces = split_html(markup, 300)
    assert len(pieces) > 3
    for piece in pieces:
        assert visible_units(piece.markup) <= 300
        sandbox_parsed_text(piece.markup, "HTML")  # raises on unbalanced tags
        assert piece.markup.startswith(("<b>", "•"))  # cut between items, not inside one
    shown = "".join(sandbox_parsed_text(p.markup, "HTML") for p in pieces)
    for n in range(40):
        assert f"خبر رقم {n} عن" in shown and f"مصدر {n}" in shown


def test_one_line_longer_than_the_limit_is_cut_after_a_comma_with_its_tags_reopened() -> None:
    names = "، ".join(f'<a href="https://s.example/{n}">مصدر طويل {n}</a>' for n in range(120))
    pieces = split_html(f"<i>— {names}</i>", 200)
    assert len(pieces) > 5
    for piece in pieces:
        assert visible_units(piece.markup) <= 200
        assert piece.markup.startswith("<i>") and piece.markup.endswith("</i>")
        sandbox_parsed_text(piece.markup, "HTML")


def test_splitting_resumes_at_a_piece_end_with_the_same_remaining_pieces() -> None:
    markup = "\n\n".join(ITEM.format(n=n) for n in range(30))
    pieces = split_html(markup, 250)
    assert [p.markup for p in split_html(markup, 250, start=pieces[2].end)] == [p.markup for p in pieces[3:]]


def test_a_word_longer_than_the_limit_is_cut_hard_and_emoji_stay_whole() -> None:
    assert [p.markup for p in split_html("x" * 10, 4)] == ["xxxx", "xxxx", "xx"]
    assert [p.markup for p in split_html("📰" * 3, 4)] == ["📰📰", "📰"]


def test_truncation_ends_in_an_ellipsis_within_the_limit() -> None:
    cut = truncate("شبكة أخبار الجنوب " * 300, 100)
    assert cut.endswith("…") and utf16_units(cut) <= 100
    assert truncate("قصير", 100) == "قصير"


@pytest.mark.parametrize("given", [30, timedelta(seconds=30)], ids=["int", "timedelta"])
def test_retry_after_is_read_as_int_or_timedelta(given: int | timedelta) -> None:
    assert retry_after_seconds(given) == 30.0
    assert retry_after_seconds(RetryAfter(timedelta(seconds=30))) == 30.0


def test_truncation_cuts_after_a_word_near_the_end_and_drops_the_dangling_comma() -> None:
    assert truncate("درعا، حلب، دمشق، حمص", 12, measure=len) == "درعا، حلب…"


def test_truncation_in_characters_counts_an_emoji_once() -> None:
    assert truncate("📰" * 10, 10, measure=len) == "📰" * 10
    assert truncate("📰" * 10, 10) == "📰" * 4 + "…"


def test_a_cut_text_ends_with_an_ellipsis_not_after_a_dangling_comma() -> None:
    assert mark_cut("قال المصدر، ") == "قال المصدر…"


def test_the_limits_are_the_ones_python_telegram_bot_states() -> None:
    assert (limits.MAX_TEXT_UNITS, limits.MAX_CAPTION_UNITS) == (4096, 1024)
    assert (limits.MAX_CALLBACK_ANSWER_CHARS, limits.MAX_CALLBACK_DATA_BYTES) == (200, 64)
    with pytest.raises(AttributeError):
        _ = limits.MAX_STICKER_UNITS


@pytest.mark.parametrize("given", [0, -5, timedelta(0)])
def test_a_retry_after_below_one_second_waits_one_second(given: int | timedelta) -> None:
    # Telegram never asks for less than a second; a proxy that says 0 must not make a resend loop.
    assert retry_after_seconds(given) == MIN_RETRY_AFTER_S == 1.0
