"""«الرمادي» bare after a definite noun is grey («الذئب الرمادي»), but not after a word normalized text
spells like one without being a noun (إلى, الآن, إلا), and not where the text names Ramadi's country or
province elsewhere: an Iraqi war report puts the city right after its verb's definite subject («استعاد
الجيش الرمادي»). Cases in tests/data/grey_or_ramadi.json."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text

CASES = json.loads((Path(__file__).parent / "data" / "grey_or_ramadi.json").read_text("utf-8"))


def test_ramadi_after_the_preposition_ila_is_the_city() -> None:
    assert tag_text(CASES["ramadi_after_ila"]) == ["IQ", "IQ-AN"]


def test_ramadi_after_the_adverb_now_is_the_city() -> None:
    assert tag_text(CASES["ramadi_after_al_an"]) == ["IQ", "IQ-AN"]


def test_ramadi_after_illa_is_the_city() -> None:
    assert tag_text(CASES["ramadi_after_illa"]) == ["IQ", "IQ-AN"]


def test_ramadi_after_a_definite_subject_in_a_text_naming_iraq_is_the_city() -> None:
    assert tag_text(CASES["ramadi_object_of_a_definite_subject"]) == ["IQ", "IQ-AN"]


def test_a_grey_animal_in_a_text_naming_no_iraq_stays_grey() -> None:
    assert tag_text(CASES["grey_wolf_in_a_text_naming_no_iraq"]) == []


def test_grey_before_a_shade_is_the_colour_even_after_ila() -> None:
    assert tag_text(CASES["grey_before_a_shade"]) == []
