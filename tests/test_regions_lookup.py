"""Region lookup: what users type (names, places, codes, typos) leads to the right region first."""

from __future__ import annotations

import pytest

from nashra.regions import RegionMatch, find_regions, get_gazetteer
from nashra.regions.lookup import read_regions


def first(query: str) -> RegionMatch:
    matches = find_regions(query)
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
    codes = [m.code for m in find_regions("طرابلس")]
    assert {"LY-TB", "LB-AS"} <= set(codes)


def test_nonsense_finds_nothing() -> None:
    assert find_regions("قثفغعهخح") == []
    assert find_regions("   ") == []


# -- English names, accents, proclitics ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Mosul", "IQ-NI"),
        ("Aleppo", "SY-HL"),
        ("Homs", "SY-HI"),
        ("Benghazi", "LY-BA"),
        ("Sidon", "LB-JA"),
        ("Moscow", "RU"),
        ("Kyiv", "UA"),
    ],
)
def test_english_city_names(query: str, code: str) -> None:
    assert first(query).code == code


@pytest.mark.parametrize("query", ["Sidon", "sidon", "SIDON", "  Sidon "])
def test_english_names_ignore_case_and_spaces(query: str) -> None:
    assert first(query).code == "LB-JA"


def test_latin_accents_are_folded() -> None:
    assert {m.code for m in find_regions("Saïda") if m.exact} == {
        m.code for m in find_regions("Saida") if m.exact
    }
    assert "LB-JA" in {m.code for m in find_regions("Saïda")}
    assert first("Bejaïa").code == first("Bejaia").code == "DZ-06"


def test_every_country_city_has_an_english_name() -> None:
    gaz = get_gazetteer()
    arabic_cities = {n.code for n in gaz.lookup_names if n.kind == "city" and n.code in gaz.countries()}
    english = {n.code for n in gaz.lookup_names if n.via_place and n.via_place.isascii()}
    assert arabic_cities <= english, sorted(arabic_cities - english)


@pytest.mark.parametrize(
    ("query", "code"), [("بدرعا", "SY-DR"), ("وبحلب", "SY-HL"), ("لحمص", "SY-HI"), ("للرقة", "SY-RA")]
)
def test_proclitics_are_exact_matches(query: str, code: str) -> None:
    match = first(query)
    assert (match.code, match.exact) == (code, True)


def test_word_that_is_a_name_itself_is_not_stripped() -> None:
    assert first("لبنان").code == "LB"
    assert first("بنغازي").code == "LY-BA"


@pytest.mark.parametrize(
    "query",
    [
        "Trinidad and Tobago",
        "Bosnia and Herzegovina",
        "Bosnia & Herzegovina",
        "البوسنة و الهرسك",
        "سانت كيتس و نيفيس",
    ],
)
def test_a_joining_word_inside_a_name_does_not_split_it(query: str) -> None:
    reading = read_regions(query)
    assert [found.term for found in reading.found] == [query]
    assert not reading.unknown


def test_a_joining_word_between_names_still_lists_them() -> None:
    reading = read_regions("Bosnia and Syria و لبنان")
    assert [[c.code for c in found.candidates] for found in reading.found] == [["BA"], ["SY"], ["LB"]]


WEST_BANK = {f"PS-{c}" for c in ("BTH", "HBN", "JEM", "JEN", "JRH", "NBS", "QQA", "RBH", "SLT", "TBS", "TKM")}


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("دارفور", {"SD-DC", "SD-DE", "SD-DN", "SD-DS", "SD-DW"}),
        ("Darfur", {"SD-DC", "SD-DE", "SD-DN", "SD-DS", "SD-DW"}),
        ("كردفان", {"SD-GK", "SD-KN", "SD-KS"}),
        ("سيناء", {"EG-JS", "EG-SIN"}),
        ("الضفة الغربية", WEST_BANK),
        ("Gaza Strip", {"PS-DEB", "PS-GZA", "PS-KYS", "PS-NGZ", "PS-RFH"}),
    ],
)
def test_a_name_covering_several_subdivisions_means_them_all(query: str, codes: set[str]) -> None:
    (found,) = read_regions(query).found
    assert found.together
    assert {c.code for c in found.candidates} == codes


@pytest.mark.parametrize(("query", "code"), [("Saudi", "SA"), ("Lebanese", "LB"), ("Emirati", "AE")])
def test_an_english_demonym_means_its_country(query: str, code: str) -> None:
    assert first(query).code == code


@pytest.mark.parametrize("query", ["بئر السبع", "Beersheba", "حيفا"])
def test_cities_of_israel_are_known(query: str) -> None:
    assert first(query).code == "IL"


def test_of_places_a_typo_is_equally_close_to_the_one_news_names_more_is_offered_first() -> None:
    (unknown,) = read_regions("وجدةة").unknown

    assert [candidate.code for candidate in unknown.suggestions] == ["SA-02", "MA-02"]
