"""Names of places that the words around them show to be something else: a person named after a place, a
shop named after one, a verb spelled like a town; and the evidence that an event named after a village
gives it (tests/data/region_namesakes_cases.json, excerpts of SaudiNewsNet and BBC Arabic news)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text

CASES = json.loads((Path(__file__).parent / "data" / "region_namesakes_cases.json").read_text("utf-8"))


def test_a_place_name_before_a_surname_the_text_gives_a_speaker_is_a_first_name() -> None:
    assert tag_text(CASES["first_name_with_surname_told_elsewhere"]) == []


def test_the_first_name_alone_later_in_the_text_is_the_same_person() -> None:
    assert tag_text(CASES["first_name_alone_later"]) == []


def test_a_text_that_also_names_the_city_as_a_place_keeps_the_city() -> None:
    assert tag_text(CASES["first_name_and_the_city_in_one_text"]) == ["FR"]


def test_a_city_before_a_verb_of_telling_stays_the_city() -> None:
    assert "FR" in tag_text(CASES["a_city_then_a_word_that_tells"])


def test_a_city_after_a_preposition_stays_the_city_before_a_word_told_elsewhere() -> None:
    assert tag_text(CASES["city_before_a_word_told_elsewhere"]) == ["NL"]


def test_two_words_before_a_post_in_apposition_are_a_persons_name() -> None:
    assert tag_text(CASES["name_then_post_in_apposition"]) == ["EG"]


def test_a_post_after_a_comma_is_in_apposition_too() -> None:
    assert tag_text(CASES["name_then_post_after_a_comma"]) == ["EG", "EG-C"]


def test_a_kinship_after_a_comma_shows_a_persons_name() -> None:
    assert tag_text(CASES["name_then_kinship_after_a_comma"]) == []


def test_a_country_before_a_post_a_state_holds_stays_the_country() -> None:
    assert tag_text(CASES["country_then_post_of_a_state"]) == ["EG"]


def test_a_quoted_name_of_several_words_after_lam_is_a_firms() -> None:
    assert tag_text(CASES["quoted_firm_after_lam"]) == []


def test_quoted_speech_after_a_verb_still_names_the_city() -> None:
    assert tag_text(CASES["quoted_speech_after_a_verb"]) == ["FR"]


def test_a_cafe_named_after_a_place_is_not_the_place() -> None:
    assert tag_text(CASES["cafe_named_after_a_place"]) == ["YE", "YE-HU"]


def test_a_shop_with_the_article_before_a_city_with_its_preposition_is_in_the_city() -> None:
    assert tag_text(CASES["shop_seat_in_a_city"]) == ["FR"]


def test_a_nationality_after_a_shop_word_is_still_the_country() -> None:
    assert "LB" in tag_text(CASES["restaurant_adjective_stays"])


def test_a_verb_spelled_like_a_town_needs_evidence_of_the_town() -> None:
    assert tag_text(CASES["worships_the_verb"]) == []


def test_the_town_spelled_like_a_verb_after_a_place_word_is_the_town() -> None:
    assert tag_text(CASES["yabad_the_town"]) == ["PS", "PS-JEN"]


def test_an_event_named_after_a_village_is_evidence_of_the_village() -> None:
    assert "PS-NBS" in tag_text(CASES["crime_named_after_a_village"])


def test_a_country_before_a_pronoun_with_its_conjunction_stays_the_country() -> None:
    assert tag_text(CASES["country_before_a_pronoun_with_its_conjunction"]) == ["EG"]


def test_a_city_before_a_title_that_tells_later_stays_the_city() -> None:
    assert "SY-DI" in tag_text(CASES["city_before_a_minister_who_tells_later"])


def test_a_country_before_a_source_that_tells_later_stays_the_country() -> None:
    assert tag_text(CASES["country_before_a_source_who_tells_later"]) == ["TR"]


def test_an_idiom_built_on_a_districts_name_is_no_place() -> None:
    assert tag_text(CASES["idiom_with_a_districts_name"]) == []


def test_the_district_listed_among_adens_districts_stays_the_district() -> None:
    assert tag_text(CASES["aden_districts_listed"]) == ["YE", "YE-AD"]


def test_meccas_cemetery_is_in_mecca_not_in_aden() -> None:
    assert tag_text(CASES["meccas_cemetery"]) == ["SA", "SA-02"]


def test_meccas_cemetery_needs_no_other_word_of_mecca() -> None:
    assert tag_text(CASES["meccas_cemetery_alone"]) == ["SA", "SA-02"]


def test_a_country_named_between_a_titled_given_name_and_a_post_is_a_surname() -> None:
    assert tag_text(CASES["titled_name_then_post"]) == ["EC", "SA"]


def test_a_country_as_the_one_surname_between_a_titled_given_name_and_a_post_is_a_surname() -> None:
    assert tag_text(CASES["titled_name_of_one_surname_then_post"]) == ["EC"]


def test_a_country_after_a_titled_name_with_no_post_after_it_stays_the_country() -> None:
    assert tag_text(CASES["titled_name_then_a_place_visited"]) == ["KE"]


def test_a_saudi_governorate_after_its_administrative_word_is_tagged() -> None:
    assert tag_text(CASES["saudi_governorate_after_its_word"]) == ["SA", "SA-07"]


def test_a_governorates_name_that_is_a_common_word_is_the_word_alone() -> None:
    assert tag_text(CASES["the_same_word_as_heresies"]) == []


def test_a_governorate_named_after_a_battle_is_the_battle_alone() -> None:
    assert tag_text(CASES["badr_the_battle"]) == []


def test_the_same_governorate_after_its_administrative_word_is_tagged() -> None:
    assert tag_text(CASES["badr_the_governorate"]) == ["SA", "SA-03"]


def test_a_longer_governorate_name_after_the_word_wins_over_a_shorter_one() -> None:
    assert tag_text(CASES["a_longer_governorate_name_after_the_word"]) == ["SA", "SA-10"]
