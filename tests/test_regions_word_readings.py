"""Words that spell a place name in another reading, and places the words after them set elsewhere:
«للحج» (for the Hajj, not to Lahij), «بابها» (its door, not in Abha), a surname told again alone («وأكد
المعلا»), an adjective whose marks spell another nisba («العَمّاني», of Amman, not Omani), a town that is
also a man's name (عفيف) placed by a preposition, and a town said to lie near a subdivision that does not
border its own («راس العين قرب العاصمة دمشق»). Cases: tests/data/region_word_readings_cases.json
(SaudiNewsNet and BBC Arabic excerpts)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text

CASES = json.loads((Path(__file__).parent / "data" / "region_word_readings_cases.json").read_text("utf-8"))


def test_lam_lam_before_hajj_is_for_the_hajj_after_a_post() -> None:
    assert tag_text(CASES["for_the_hajj_minister"]) == []


def test_lam_lam_before_hajj_is_for_the_hajj_after_a_participle() -> None:
    assert tag_text(CASES["for_the_hajj_pilgrims"]) == []


def test_lahij_with_its_preposition_on_it_stays_lahij_beside_aden() -> None:
    assert "YE-LA" in tag_text(CASES["to_lahij_from_aden"])


def test_a_door_with_its_pronoun_suffix_is_no_town() -> None:
    assert tag_text(CASES["her_door_locked"]) == []


def test_a_preposition_before_the_door_and_its_suffix_shows_no_town() -> None:
    assert tag_text(CASES["its_wide_door"]) == []


def test_the_town_written_with_its_hamza_needs_nothing_more() -> None:
    assert tag_text(CASES["in_abha_with_hamza"]) == ["SA", "SA-14"]


def test_the_town_written_with_a_bare_alef_is_the_town_beside_its_region() -> None:
    assert tag_text(CASES["in_abha_bare_alef_near_asir"]) == ["SA", "SA-14"]


def test_a_surname_the_text_gives_a_person_is_the_person_after_a_verb_of_telling() -> None:
    assert tag_text(CASES["surname_after_full_name"]) == ["AE", "AE-UQ"]


def test_the_district_in_a_list_of_districts_stays_the_district() -> None:
    assert tag_text(CASES["mualla_district_in_a_list"]) == ["YE", "YE-AD"]


def test_marks_that_the_country_adjective_does_not_have_make_it_another_nisba() -> None:
    assert tag_text(CASES["ammani_with_its_marks"]) == []


def test_marks_that_fit_the_country_adjective_keep_the_country() -> None:
    assert "OM" in tag_text(CASES["omani_with_its_marks"])


def test_a_town_that_is_also_a_mans_name_is_the_town_after_fi() -> None:
    assert tag_text(CASES["afif_after_fi"]) == ["SA", "SA-01"]


def test_a_town_that_is_also_a_mans_name_is_the_town_with_its_preposition_on_it() -> None:
    assert tag_text(CASES["afif_with_its_preposition_on_it"]) == ["SA", "SA-01"]


def test_the_mans_name_alone_is_no_town() -> None:
    assert tag_text(CASES["afif_a_mans_name"]) == []


def test_a_town_said_to_lie_near_a_far_subdivision_is_a_namesake_there() -> None:
    tags = tag_text(CASES["ras_al_ain_near_damascus"])
    assert "SY-HA" not in tags
    assert "SY-DI" in tags


def test_a_town_near_its_own_subdivision_stays_the_town() -> None:
    assert tag_text(CASES["ras_al_ain_near_hasakah"]) == ["SY", "SY-HA"]


def test_a_town_near_a_bordering_subdivision_stays_the_town() -> None:
    assert tag_text(CASES["khan_shaykhun_near_hama"]) == ["SY", "SY-HM", "SY-ID"]
