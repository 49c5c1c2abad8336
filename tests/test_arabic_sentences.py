"""Arabic sentence splitting: abbreviations, agency names and numbers do not end a sentence."""

from __future__ import annotations

from nashra.arabic import split_sentences


def test_a_title_abbreviation_does_not_end_the_sentence() -> None:
    text = "قال د. محمد الأحمد إن الوضع الصحي مستقر. وأضاف أن المستشفى جاهز."
    assert split_sentences(text) == ["قال د. محمد الأحمد إن الوضع الصحي مستقر.", "وأضاف أن المستشفى جاهز."]


def test_a_dotted_agency_name_in_parentheses_stays_whole() -> None:
    text = "ياوندي (أ.ف.ب) - قتل 11 شخصا في هجوم. ثم انسحب المهاجمون."
    assert split_sentences(text) == ["ياوندي (أ.ف.ب) - قتل 11 شخصا في هجوم.", "ثم انسحب المهاجمون."]


def test_a_dotted_agency_name_without_parentheses_stays_whole() -> None:
    text = "أ.ف.ب: أفاد مصدر أمني بوقوع انفجار. ولم تعلن أي جهة مسؤوليتها."
    assert split_sentences(text)[0] == "أ.ف.ب: أفاد مصدر أمني بوقوع انفجار."


def test_an_era_mark_after_a_number_ends_the_sentence() -> None:
    text = "يبدأ الموسم في 10 شوال 1436 ه. وحسب البيان فإن التسجيل مفتوح."
    assert split_sentences(text) == ["يبدأ الموسم في 10 شوال 1436 ه.", "وحسب البيان فإن التسجيل مفتوح."]


def test_periods_inside_a_short_parenthesis_do_not_end_the_sentence() -> None:
    text = "عاش الفيلسوف سينيكا (4 ق.م - 65 م.) في روما. وترك رسائل كثيرة."
    assert split_sentences(text) == ["عاش الفيلسوف سينيكا (4 ق.م - 65 م.) في روما.", "وترك رسائل كثيرة."]


def test_a_decimal_number_does_not_end_the_sentence() -> None:
    assert split_sentences("ارتفع المؤشر 2.5 في المئة. ثم هبط.") == ["ارتفع المؤشر 2.5 في المئة.", "ثم هبط."]
