"""A bare «المملكة» ("the Kingdom") names the one kingdom the article otherwise names: Saudi Arabia in a
Saudi paper's report on Riyadh, Jordan in a report from Amman, Bahrain in Bahrain's own statement; none
where the article names no kingdom or several, and never a kingdom's full name
(tests/data/region_kingdom_cases.json: labelled excerpts and short texts)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import explain_sections, tag_sections, tag_text

CASES = json.loads((Path(__file__).parent / "data" / "region_kingdom_cases.json").read_text("utf-8"))


def _tags(name: str) -> tuple[list[list[str]], list[list[str]]]:
    case = CASES[name]
    sections = [(heading, text) for heading, text in case["sections"]]
    return tag_sections(case["title"], sections), case["regions"]


def test_the_kingdom_in_an_article_naming_the_kings_title_is_saudi_arabia() -> None:
    found, expected = _tags("saudi_by_the_kings_title")
    assert found == expected


def test_the_kingdom_with_a_preposition_or_lam_is_read_too() -> None:
    found, expected = _tags("saudi_with_clitics")
    assert found == expected


def test_the_kingdom_in_a_report_from_amman_is_jordan() -> None:
    found, expected = _tags("jordan_by_its_places")
    assert found == expected


def test_the_kingdom_in_bahrains_own_statement_is_bahrain() -> None:
    found, expected = _tags("bahrain_speaking_of_itself")
    assert found == expected


def test_the_kingdom_in_an_article_naming_no_kingdom_is_none() -> None:
    found, expected = _tags("no_kingdom_named")
    assert found == expected


def test_the_kingdom_in_an_article_naming_two_kingdoms_is_none() -> None:
    found, expected = _tags("two_kingdoms_named")
    assert found == expected


def test_a_kingdoms_full_name_or_a_kind_of_kingdom_is_no_bare_style() -> None:
    found, expected = _tags("a_kingdoms_name_is_no_bare_style")
    assert found == expected


def test_the_kingdom_in_a_report_naming_a_european_kingdom_and_an_arab_one_is_none() -> None:
    # A London report on a treaty with Bahrain: «المملكة» is Britain, not Bahrain.
    found, expected = _tags("a_european_kingdom_named_beside_an_arab_one")
    assert found == expected


def test_the_kingdom_is_the_european_one_its_own_section_names() -> None:
    found, expected = _tags("a_european_kingdom_its_own_section_names")
    assert found == expected


def test_a_nisba_after_the_kingdom_describing_the_noun_before_it_leaves_the_kingdom_read() -> None:
    # «مطارات المملكة الإقليمية» are the Kingdom's regional airports.
    found, expected = _tags("a_nisba_of_the_noun_before_the_kingdom")
    assert found == expected


def test_a_text_tagged_alone_reads_the_kingdom_by_its_context() -> None:
    assert tag_text("وأكد أن المملكة ماضية في خططها.", context="خادم الحرمين الشريفين يستقبل الوفد") == ["SA"]


def test_the_reason_given_for_the_kingdom_is_the_bare_style() -> None:
    case = CASES["saudi_by_the_kings_title"]
    reasons = explain_sections(case["title"], [tuple(s) for s in case["sections"]])
    assert [(r.code, r.name, r.kind) for r in reasons[0]] == [("SA", "المملكه", "country")]


def test_the_kingdom_after_a_demonstrative_is_the_kingdom_the_text_spoke_of() -> None:
    found, expected = _tags("a_kingdom_the_text_spoke_of")
    assert found == expected
