"""The Arabic text rules every stage shares (nashra.arabic): the article, sentence ends, questions."""

from __future__ import annotations

import pytest

from nashra.arabic import (
    SENTENCE_ENDS,
    SENTENCE_FINAL,
    ends_like_sentence,
    ends_with_question,
    looks_garbled,
    normalize,
    strip_controls,
    trails_off,
    without_article,
)


def test_the_article_is_stripped_when_a_word_of_three_letters_remains() -> None:
    assert without_article("الانتخابات") == "انتخابات"
    assert without_article("الرقه") == "رقه"


def test_a_short_word_opening_with_alef_lam_keeps_it() -> None:
    assert without_article("الم") is None
    assert without_article("درعا") is None


def test_a_question_is_recognised_behind_closing_quotes() -> None:
    assert ends_with_question("«أين تأكل؟»")
    assert ends_with_question("What now?")
    assert not ends_with_question("وصلت القافلة.")


def test_a_line_trails_off_with_an_ellipsis_in_any_spelling() -> None:
    assert all(trails_off(line) for line in ("فغيرها إلى..", "وفي مقطع آخر…", "ثم..."))
    assert not trails_off("انتهى.")


def test_every_sentence_end_also_ends_a_paragraph() -> None:
    assert set(SENTENCE_ENDS) <= set(SENTENCE_FINAL)
    assert all(ends_like_sentence("نص" + mark) for mark in SENTENCE_ENDS)


def test_arabic_encoded_as_iso_8859_6_and_read_as_windows_1256_looks_garbled() -> None:
    text = "وطالب السكان بتشغيل المولدات العامة في الأحياء الجنوبية إلى حين عودة التيار."
    assert looks_garbled(text.encode("iso8859-6").decode("cp1256"))


def test_arabic_beside_a_multiplication_sign_or_a_french_word_is_not_garbled() -> None:
    assert not looks_garbled(
        "يحتوي الحوش على طبليات خشبية تقدر أبعاده بنحو 90م×80م، ويزوره سكان من Besançon."
    )


def test_a_lone_surrogate_is_stripped_and_a_whole_emoji_kept() -> None:
    assert strip_controls("زيتون \ud83c إدلب \U0001f33f") == "زيتون إدلب \U0001f33f"


@pytest.mark.parametrize(
    ("urdu", "arabic"),
    [("جبلۃ", "جبلة"), ("کربلاۂ", "كربلاة"), ("دبے", "دبي"), ("دبۓ", "دبئ")],
    ids=["teh-marbuta-goal", "heh-goal-hamza", "yeh-barree", "yeh-barree-hamza"],
)
def test_urdu_letter_forms_fold_as_the_arabic_letters_they_stand_for(urdu: str, arabic: str) -> None:
    """An Urdu keyboard's ة and final ي (ۃ, ے) are other code points; a name typed with them is the same
    name."""
    assert normalize(urdu) == normalize(arabic)
