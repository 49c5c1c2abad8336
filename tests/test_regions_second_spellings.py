"""A country whose name real news writes with the other letter for a foreign consonant (G as غ or ج, K as
ك or ق) is read in both spellings, and so are its adjectives (gazetteer.adjective_spellings gives an
adjective the second spelling only where the country's names show it). Cases in
tests/data/second_spelling_regions.json."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text

CASES = json.loads((Path(__file__).parent / "data" / "second_spelling_regions.json").read_text("utf-8"))


def test_a_country_written_with_jeem_for_its_g_is_the_country() -> None:
    assert tag_text(CASES["congo_jeem"]) == ["CD"]
    assert tag_text(CASES["hungary_jeem"]) == ["HU"]


def test_a_country_written_with_qaf_for_its_k_is_the_country() -> None:
    assert tag_text(CASES["kazakhstan_qaf"]) == ["KZ"]


def test_an_adjective_written_with_jeem_is_its_country_once_the_name_is_listed_so() -> None:
    assert tag_text(CASES["montenegrin_jeem"]) == ["ME"]
    assert tag_text(CASES["senegalese_jeem"]) == ["SN"]
