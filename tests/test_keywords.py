"""The keyword matcher: plain words, Arabic normalization and clitics, phrases, never regexes."""

from __future__ import annotations

import pytest

from nashra.keywords import KeywordError, KeywordIndex, matches, parse_keywords


def test_plain_word_matches_itself() -> None:
    assert matches("زلزال", "ضرب زلزال قوي المنطقة")


def test_word_matches_with_conjunction_preposition_and_article() -> None:
    assert matches("انتخابات", "وبالانتخابات البلدية")
    assert matches("انتخابات", "جرت الانتخابات أمس")
    assert matches("مدارس", "للمدارس")


def test_keyword_with_article_matches_the_bare_word() -> None:
    assert matches("الانتخابات", "انتخابات بلدية في درعا")


def test_spelling_variants_are_folded() -> None:
    assert matches("إغاثة", "وصلت قافلة اغاثه الى المدينة")
    assert matches("مستشفى", "قصف مستشفي البلدة")


def test_a_word_inside_another_word_does_not_match() -> None:
    assert not matches("سد", "أسد في حديقة الحيوان")
    assert not matches("حرب", "محاربة الفساد")


def test_phrase_matches_consecutive_words_only() -> None:
    assert matches("كرة القدم", "مباراة في كرة القدم اليوم")
    assert not matches("كرة القدم", "كرة السلة ثم القدم")


def test_latin_keywords_ignore_case() -> None:
    assert matches("UN", "the un envoy arrived")


def test_regex_characters_are_not_patterns() -> None:
    assert not matches("د.*", "درعا")
    with pytest.raises(KeywordError) as error:
        parse_keywords("(.*)")
    assert error.value.reason == "no_word"


def test_parse_splits_on_arabic_commas_and_marks_exclusions() -> None:
    parsed = parse_keywords("زلزال، -كرة القدم, إغاثة")
    assert [(k.phrase, k.exclude) for k in parsed] == [
        ("زلزال", False),
        ("كره القدم", True),
        ("اغاثه", False),
    ]
    assert parsed[1].shown == "كرة القدم"


def test_parse_refuses_long_phrases() -> None:
    with pytest.raises(KeywordError) as error:
        parse_keywords("واحد اثنان ثلاثة أربعة خمسة ستة")
    assert error.value.reason == "too_many_words"


def test_index_keeps_include_and_drops_exclude() -> None:
    index = KeywordIndex(["زلزال في اللاذقية", "مباراة كرة القدم", "زلزال وكرة القدم", "طقس"])
    assert index.keep(range(4), ["زلزال"], []) == [0, 2]
    assert index.keep(range(4), [], ["كره القدم"]) == [0, 3]
    assert index.keep(range(4), ["زلزال"], ["كره القدم"]) == [0]
    assert index.keep(range(4), [], []) == [0, 1, 2, 3]


def test_parse_drops_bidi_controls_from_what_is_shown_back() -> None:
    (keyword,) = parse_keywords("\u202eزلزال\u202c")
    assert keyword.shown == "زلزال" and keyword.phrase == "زلزال"
