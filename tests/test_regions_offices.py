"""An office named after the place it serves is evidence for a name that is often a word (see
matcher.OFFICE_WORDS): a university after its city too; never a landmark, nor the adjective an office word
takes. Cases in tests/data/office_regions.json."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text

CASES = json.loads((Path(__file__).parent / "data" / "office_regions.json").read_text("utf-8"))


def test_a_university_named_after_its_city_places_it() -> None:
    assert tag_text(CASES["tabuk_university"]) == ["SA", "SA-07"]


def test_an_office_word_before_a_landmark_is_no_evidence() -> None:
    assert tag_text(CASES["aqsa_university"]) == []


def test_an_indefinite_feminine_word_after_an_office_word_is_its_adjective() -> None:
    assert tag_text(CASES["a_long_established_university"]) == []
