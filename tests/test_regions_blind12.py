"""Kinds of region error the twelfth blind sample (tests/data/real_heldout12_sections.jsonl) showed, each
as a small case (tests/data/blind12_regions.json), and the sample's own score."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind12_regions.json").read_text("utf-8"))


def test_a_university_named_after_its_city_is_that_city_in_a_text_naming_another_country() -> None:
    assert tag_text(CASES["university_in_a_column_on_japan"]) == ["JP", "SA", "SA-07"]


def test_a_regional_office_is_its_region_in_a_text_naming_another_country() -> None:
    assert tag_text(CASES["health_office_in_a_text_on_japan"]) == ["JP", "SA", "SA-07"]


def test_a_name_listed_after_an_office_s_region_is_no_office_s_name() -> None:
    assert tag_text(CASES["list_item_after_an_office"]) == ["AZ", "SA", "SA-01"]


def test_jeddah_after_and_in_a_comma_list_of_saudi_cities_is_jeddah() -> None:
    assert tag_text(CASES["jeddah_in_a_comma_list"]) == ["SA", "SA-01", "SA-02", "SA-04"]


def test_jeddah_after_and_after_riyadh_is_jeddah() -> None:
    assert tag_text(CASES["jeddah_after_and"]) == ["SA", "SA-01", "SA-02"]


def test_oujda_in_a_list_of_moroccan_cities_is_still_oujda() -> None:
    assert tag_text(CASES["oujda_in_a_moroccan_list"]) == ["MA", "MA-02", "MA-03", "MA-04"]


def test_oujda_after_rabat_is_still_oujda() -> None:
    assert tag_text(CASES["oujda_after_rabat"]) == ["MA", "MA-02"]


def test_the_twelfth_blind_sample_scores_at_least_095(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout12_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
