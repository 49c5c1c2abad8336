"""Known kinds of region error, each as a small case (tests/data/region_known_gaps_cases.json): a place
whose name is also a verb (بوشر "was begun", يعبد "worships") is the place after a preposition unless the
verb's complement follows; a town that is also a man's surname is the town where a verb agreeing with a
feminine subject follows it («إن الزلفي تضم»); a kunya's nisba after «كان» is the man, as after «إن»;
«الرمادي» is grey after «أو» and a colour, after a noun with a pronoun suffix and, with a proclitic, before
a shade; «عطر كولونيا» is eau de Cologne; Mali's plural nisba after a word for soldiers is Mali; a nisba
after a hospital word and a given name is the man the hospital is named after («مستشفى علوي تونسي»); a
foreign city's name is its club after the word for the host, after a score or before a result («على مضيفه
مونبلييه», «فاز 2-صفر على مونبلييه», «مونبلييه بهدفين»)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text

CASES = json.loads((Path(__file__).parent / "data" / "region_known_gaps_cases.json").read_text("utf-8"))


def test_bawshar_after_a_preposition_is_the_town() -> None:
    assert tag_text(CASES["bawshar_after_fi"]) == ["OM", "OM-MA"]


def test_bawshar_after_a_preposition_with_its_locator_is_the_town() -> None:
    assert tag_text(CASES["bawshar_after_fi_located"]) == ["OM", "OM-MA"]


def test_bawshar_before_its_complement_stays_the_verb() -> None:
    assert tag_text(CASES["bawshar_relative_then_its_complement"]) == []


def test_yabad_after_the_relative_man_before_its_object_stays_the_verb() -> None:
    assert tag_text(CASES["yabad_who_worships"]) == []


def test_a_town_surname_before_a_feminine_verb_is_the_town() -> None:
    assert tag_text(CASES["town_surname_then_a_feminine_verb"]) == ["SA", "SA-01"]


def test_a_town_surname_before_a_verb_of_either_gender_stays_the_man() -> None:
    assert tag_text(CASES["town_surname_then_a_verb_of_either_gender"]) == []


def test_a_kunya_s_nisba_after_kana_is_the_man() -> None:
    assert tag_text(CASES["kunya_nisba_after_kana"]) == ["AF"]


def test_grey_after_or_and_a_colour_is_no_ramadi() -> None:
    assert tag_text(CASES["grey_after_or_and_a_colour"]) == []


def test_grey_after_a_noun_with_a_pronoun_suffix_is_no_ramadi() -> None:
    assert tag_text(CASES["grey_after_a_possessed_noun"]) == []


def test_ramadi_after_a_preposition_ending_in_ha_stays_the_city() -> None:
    assert tag_text(CASES["ramadi_towards"]) == ["IQ", "IQ-AN"]


def test_grey_with_a_proclitic_before_a_shade_is_no_ramadi() -> None:
    assert tag_text(CASES["grey_with_a_proclitic_before_a_shade"]) == []


def test_eau_de_cologne_is_no_city() -> None:
    assert tag_text(CASES["cologne_the_scent"]) == []


def test_cologne_the_city_stays_germany() -> None:
    assert tag_text(CASES["cologne_the_city"]) == ["DE"]


def test_malian_soldiers_are_mali() -> None:
    assert tag_text(CASES["malian_soldiers"]) == ["ML"]


def test_financial_officials_stay_no_malians() -> None:
    assert tag_text(CASES["financial_officials_stay_no_malians"]) == []


def test_a_hospital_named_after_a_man_names_no_country() -> None:
    assert tag_text(CASES["hospital_named_after_a_man"]) == []


def test_a_country_s_field_hospital_stays_the_country() -> None:
    assert tag_text(CASES["a_field_hospital_of_a_country"]) == ["SA", "YE", "YE-AD"]


def test_a_city_s_club_after_the_word_for_its_host_is_the_club() -> None:
    assert tag_text(CASES["club_after_the_word_for_its_host"]) == []


def test_a_city_s_club_after_a_score_is_the_club() -> None:
    assert tag_text(CASES["club_after_a_score"]) == []


def test_a_city_s_club_before_a_result_is_the_club() -> None:
    assert tag_text(CASES["club_before_a_result"]) == []


def test_a_city_reached_with_two_aims_stays_the_city() -> None:
    assert tag_text(CASES["city_with_aims_after_a_preposition"]) == ["RU"]


def test_a_city_before_targets_further_on_stays_the_city() -> None:
    assert tag_text(CASES["city_before_targets"]) == ["TR", "US"]


def test_a_city_whose_role_was_negative_stays_the_city() -> None:
    assert tag_text(CASES["city_whose_role_was_negative"]) == ["IR"]
