"""Kinds of region error the nineteenth blind sample (tests/data/real_heldout19_sections.jsonl) showed, each
as a small case (tests/data/blind19_regions.json), and the sample's own score: a town's name that a word of
naming gives a person («يدعى الزبير أمير عبدالله») is the person's, not Basra's al-Zubair, while «تدعي
إيران» (Iran claims) and «بلدة تدعى الزبير جنوب العراق» keep their places; «الماليين» and «الماليون» are
financial staff («المحللون الماليون»), not Malians, and «المالي» is Mali after a word for a player."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text
from nashra.regions.evaluation import evaluate, load_items

CASES = json.loads((Path(__file__).parent / "data" / "blind19_regions.json").read_text("utf-8"))


def test_a_town_s_name_given_to_a_man_is_his() -> None:
    assert tag_text(CASES["named_after_a_town"]) == []


def test_a_city_s_name_given_to_a_woman_is_hers() -> None:
    assert tag_text(CASES["called_woman_after_a_town"]) == []


def test_the_one_called_by_a_town_s_name_is_a_person() -> None:
    assert tag_text(CASES["the_one_called"]) == []


def test_a_country_that_claims_stays_the_country() -> None:
    assert tag_text(CASES["claims_a_country"]) == ["IR"]


def test_a_country_that_claims_something_stays_the_country() -> None:
    # «تدعي» ("claims") reads as «تدعى» once normalized; what is claimed («وجود أسلحة») looks like a
    # name twice, and is no person's: a name given to a person holds a given name.
    assert tag_text(CASES["claims_a_country_with_an_object"]) == ["IL"]


def test_a_town_called_by_its_name_stays_the_town() -> None:
    assert tag_text(CASES["called_before_no_name"]) == ["IQ", "IQ-BA"]


def test_financial_staff_are_no_malians() -> None:
    assert tag_text(CASES["financial_staff"]) == []


def test_financial_analysts_are_no_malians() -> None:
    assert tag_text(CASES["financial_analysts"]) == []


def test_a_malian_striker_is_mali() -> None:
    assert tag_text(CASES["malian_striker"]) == ["ML"]


def test_mali_by_name_stays_mali() -> None:
    assert tag_text(CASES["mali_by_name"]) == ["ML"]


def test_the_nineteenth_blind_sample_scores_at_least_095_with_the_outlet_s_country(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout19_sections.jsonl"), home="SA")
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems


def test_the_nineteenth_blind_sample_scores_at_least_095_from_the_text_alone(data_dir: Path) -> None:
    score = evaluate(load_items(data_dir / "real_heldout19_sections.jsonl"))
    assert score.precision >= 0.95, score.problems
    assert score.recall >= 0.95, score.problems
