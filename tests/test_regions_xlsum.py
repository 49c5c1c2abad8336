"""Kinds of region error the BBC Arabic sample (tests/data/xlsum_regions.jsonl, 40 XL-Sum articles
labelled blind) showed, each as a small case (tests/data/xlsum_regions_cases.json), and the sample's own
score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "xlsum_regions_cases.json").read_text("utf-8"))


def test_a_nisba_after_an_indefinite_place_word_is_the_place_s_name() -> None:
    assert "SD" not in tag_text(CASES["nisba_quarter_gaza"])


def test_a_riyadh_district_named_like_a_nationality_is_no_country() -> None:
    assert tag_text(CASES["nisba_quarter_riyadh"]) == ["SA", "SA-01"]


def test_a_definite_region_and_its_adjective_still_name_the_country() -> None:
    assert "SD" in tag_text(CASES["region_and_adjective"])


def test_an_indefinite_nisba_after_a_place_word_is_still_an_adjective() -> None:
    assert tag_text(CASES["indefinite_nisba_of_alef_lam_root"]) == ["DE"]


def test_a_camp_named_after_a_people_still_speaks_of_them() -> None:
    assert "AF" in tag_text(CASES["camp_of_a_people"])


def test_tear_gas_is_not_msila() -> None:
    assert tag_text(CASES["tear_gas"]) == []


def test_the_msila_province_is_still_found() -> None:
    assert "DZ-28" in tag_text(CASES["msila_province"])


def test_the_jordan_valley_after_a_place_word_is_not_the_country() -> None:
    assert "JO" not in tag_text(CASES["jordan_valley"])


def test_the_jordan_river_valley_is_not_the_country() -> None:
    assert tag_text(CASES["jordan_river"]) == ["LB", "SY"]


def test_a_listed_non_place_opening_with_a_place_name_is_the_place_after_a_place_word() -> None:
    assert "SY-HL" in tag_text(CASES["aleppo_today_after_place_word"])


def test_a_hospital_named_after_sinai_in_toronto_is_canada_only() -> None:
    assert tag_text(CASES["hospital_named_after_sinai"]) == ["CA"]


def test_naples_speaks_of_italy() -> None:
    assert tag_text(CASES["naples"]) == ["IT"]


def test_a_us_state_speaks_of_the_united_states() -> None:
    assert tag_text(CASES["us_state"]) == ["US"]


def test_crimea_speaks_of_ukraine() -> None:
    assert tag_text(CASES["crimea"]) == ["UA"]


def test_the_west_texas_crude_benchmark_is_no_place() -> None:
    assert tag_text(CASES["wti_crude"]) == []


def test_the_vatican_named_as_an_actor_is_the_vatican() -> None:
    assert tag_text(CASES["vatican_as_actor"]) == ["VA"]


def test_a_country_name_real_news_often_uses_as_a_word_still_needs_evidence() -> None:
    assert tag_text(CASES["sons"]) == []


def test_the_bbc_arabic_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "xlsum_regions.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
