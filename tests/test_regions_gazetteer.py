"""The gazetteer: real ISO codes, complete Arab League subdivisions, hierarchy, display names, load time."""

from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest

from nashra.regions import get_gazetteer
from nashra.regions.gazetteer import DATA_DIR, load

ARAB_LEAGUE = [
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR",
    "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE",
]  # fmt: skip


def test_every_country_code_is_an_iso_3166_1_code() -> None:
    gaz = get_gazetteer()
    for code in gaz.countries():
        assert pycountry.countries.get(alpha_2=code) is not None, code


def test_every_subdivision_code_is_an_iso_3166_2_code_of_its_country() -> None:
    gaz = get_gazetteer()
    for country in gaz.countries():
        for code in gaz.subdivisions(country):
            sub = pycountry.subdivisions.get(code=code)
            assert sub is not None, code
            assert sub.country_code == country, code


def test_every_place_points_to_a_subdivision_of_its_file() -> None:
    for path in sorted(DATA_DIR.glob("*.json")):
        if path.name == "countries.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for place in data.get("places", []):
            assert place["in"] in data["subdivisions"], (path.name, place["ar"])


@pytest.mark.parametrize("country", ARAB_LEAGUE)
def test_arab_league_member_has_every_first_level_subdivision(country: str) -> None:
    if not (DATA_DIR / f"{country}.json").exists():
        pytest.skip(f"{country}.json is not written yet")
    first_level = {
        s.code for s in pycountry.subdivisions.get(country_code=country) or [] if s.parent_code is None
    }
    assert first_level <= set(get_gazetteer().subdivisions(country))


def test_subdivision_parent_is_its_country_and_country_has_no_parent() -> None:
    gaz = get_gazetteer()
    assert gaz.parent("SY-DY") == "SY"
    assert gaz.parent("SY") is None


def test_expand_adds_ancestors() -> None:
    assert get_gazetteer().expand(["SY-DY", "LB"]) == {"SY-DY", "SY", "LB"}


def test_display_names_are_first_arabic_and_english_names() -> None:
    gaz = get_gazetteer()
    assert gaz.name("SY-DY", "ar") == "دير الزور"
    assert gaz.name("SY-DY", "en") == "Deir ez-Zor"
    assert gaz.name("SY") == "سوريا"
    assert gaz.name("SY", "en") == "Syria"


def test_is_known_accepts_real_codes_only() -> None:
    gaz = get_gazetteer()
    assert gaz.is_known("SY-DR") and gaz.is_known("sy-dr")
    assert not gaz.is_known("SY-XX")


def test_gazetteer_is_loaded_once() -> None:
    assert get_gazetteer() is get_gazetteer()


def test_a_name_real_news_uses_mostly_as_a_word_needs_locative_evidence() -> None:
    # معسكر is "camp" far more often than Mascara: the corpus measure gives it a tier, no hand list.
    entry = next(e for e in get_gazetteer().index["معسكر"] if not e.words)
    assert all(s.evidence == "strict" for s in entry.senses)


def test_a_vocalized_adjective_that_is_none_of_the_countrys_adjectives_is_refused(tmp_path: Path) -> None:
    countries = {"OM": {"ar": ["عمان"], "adjectives": ["عماني"], "vocalized_adjectives": ["عُمَانِيَّة"]}}
    (tmp_path / "countries.json").write_text(json.dumps(countries, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="vocalized adjective"):
        load(tmp_path, usage=None)


def test_a_border_with_a_subdivision_of_another_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "countries.json").write_text(json.dumps({"SY": {"ar": ["سوريا"]}}), encoding="utf-8")
    syria = {
        "country": "SY",
        "subdivisions": {"SY-DI": {"ar": ["دمشق"], "en": ["Damascus"]}},
        "borders": [["SY-DI", "LB-BA"]],
    }
    (tmp_path / "SY.json").write_text(json.dumps(syria, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="border"):
        load(tmp_path, usage=None)
