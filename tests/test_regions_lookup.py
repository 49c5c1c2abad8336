"""Region lookup: what users type (names, places, codes, typos) leads to the right region first."""

from __future__ import annotations

from nashra.regions import RegionMatch, lookup


def first(query: str) -> RegionMatch:
    matches = lookup(query)
    assert matches, query
    return matches[0]


def test_arabic_subdivision_name() -> None:
    match = first("درعا")
    assert (match.code, match.exact, match.via_place) == ("SY-DR", True, None)


def test_english_subdivision_name() -> None:
    assert first("Aleppo").code == "SY-HL"


def test_country_name_means_the_whole_country() -> None:
    assert first("سوريا").code == "SY"
    assert first("Syria").code == "SY"


def test_iso_codes_in_any_case() -> None:
    assert first("SY").code == "SY"
    assert first("sy-dr").code == "SY-DR"


def test_city_resolves_to_its_subdivision_and_says_so() -> None:
    match = first("الميادين")
    assert match.code == "SY-DY"
    assert match.via_place == "الميادين"


def test_english_spelling_without_hyphen() -> None:
    assert first("Deir ezzor").code == "SY-DY"


def test_joined_arabic_spelling() -> None:
    assert first("ديرالزور").code == "SY-DY"


def test_arabic_typo_taa_marbuta_for_alef() -> None:
    match = first("درعة")
    assert match.code == "SY-DR"
    assert not match.exact


def test_arabic_typo_kaf_for_qaf() -> None:
    assert first("دمشك").code == "SY-DI"


def test_name_without_article() -> None:
    assert first("رقة").code == "SY-RA"


def test_display_names_filled_in() -> None:
    match = first("SY-DY")
    assert (match.name_ar, match.name_en) == ("دير الزور", "Deir ez-Zor")


def test_shared_name_offers_every_region() -> None:
    codes = [m.code for m in lookup("طرابلس")]
    assert {"LY-TB", "LB-AS"} <= set(codes)


def test_nonsense_finds_nothing() -> None:
    assert lookup("قثفغعهخح") == []
    assert lookup("   ") == []
