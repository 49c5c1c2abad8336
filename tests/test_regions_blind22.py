"""Kinds of region error the twenty-second blind sample (tests/data/real_heldout22_sections.jsonl) showed,
each as a small case (tests/data/blind22_regions.json), and the sample's own score: the Emirati nisba as news
often misspells it («الامارتية», «إمارتي», without the second alif) is the UAE's, as the state agency so
spelt is its credit; «لبنها» (its milk) is no «ل» + Benha, while Benha named bare stays Egypt's city;
«الميمونة» (auspicious) is an adjective the corpus meets more often than the Iraqi town, which a place word or
its governorate still gives away."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind22_regions.json").read_text("utf-8"))


def test_the_misspelt_emirati_nisba_is_the_uae() -> None:
    assert tag_text(CASES["misspelt_emirati"]) == ["AE"]


def test_the_misspelt_emirati_agency_is_a_credit() -> None:
    assert tag_text(CASES["misspelt_emirati_agency"]) == []


def test_its_milk_is_no_benha() -> None:
    assert tag_text(CASES["camel_milk"]) == []


def test_benha_named_bare_is_still_egypt_s() -> None:
    assert tag_text(CASES["benha_city"]) == ["EG", "EG-C", "EG-KB"]


def test_an_auspicious_visit_is_no_iraqi_town() -> None:
    assert tag_text(CASES["auspicious_visit"]) == []


def test_al_maimouna_after_a_place_word_is_still_maysan_s() -> None:
    assert tag_text(CASES["maimouna_town"]) == ["IQ", "IQ-MA"]


def test_the_twenty_second_blind_sample_scores_with_the_outlet_s_country(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout22_sections.jsonl"), home="SA")
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems


def test_the_twenty_second_blind_sample_scores_from_the_text_alone(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout22_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
