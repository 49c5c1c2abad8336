"""Region names written with vowel marks, tatweel and invisible characters, as users type them and as
vocalized text prints them: the marks never make a name unknown, and where they tell two regions'
names apart («عَمّان» Amman, «عُمان» Oman), they settle which one it is (cases in
tests/data/vocalized_names.json)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nashra.arabic import marks_fit, normalize, words
from nashra.regions.gazetteer import DATA_DIR, get_gazetteer, load
from nashra.regions.lookup import contenders, find_regions, lookup_index, read_regions
from nashra.regions.matcher import tag_text
from subscriptions.service import parse_time

CASES = json.loads((Path(__file__).parent / "data" / "vocalized_names.json").read_text(encoding="utf-8"))


def codes_found(text: str) -> list[list[str]]:
    return [[c.code for c in found.candidates] for found in read_regions(text).found]


@pytest.mark.parametrize(("typed", "code"), CASES["settled"])
def test_marks_that_tell_two_regions_apart_settle_the_name(typed: str, code: str) -> None:
    assert codes_found(typed) == [[code]]


@pytest.mark.parametrize(("typed", "codes"), CASES["asked"])
def test_a_name_whose_marks_tell_nothing_apart_is_still_asked(typed: str, codes: list[str]) -> None:
    assert codes_found(typed) == [codes]


@pytest.mark.parametrize(("typed", "code"), CASES["marked_same"])
def test_marks_tatweel_and_invisible_characters_never_make_a_name_unknown(typed: str, code: str) -> None:
    reading = read_regions(typed)

    assert codes_found(typed) == [[code]]
    assert not reading.unknown


def test_marks_settle_a_shared_name_before_the_list_it_stands_in() -> None:
    """In a list of countries the bare «عمان» is Oman; «عمّان» written with its shadda stays Amman."""
    assert codes_found("سوريا، عمّان، لبنان") == [["SY"], ["JO-AM"], ["LB"]]


def test_a_single_name_looked_up_is_settled_by_its_marks() -> None:
    assert [m.code for m in find_regions("عُمان")] == ["OM"]
    assert [m.code for m in find_regions("عَمّان")] == ["JO-AM"]
    assert {m.code for m in find_regions("عمان")} == {"OM", "JO-AM"}


@pytest.mark.parametrize(("text", "codes"), CASES["tagged"])
def test_article_text_with_marks_is_tagged_by_what_the_marks_say(text: str, codes: list[str]) -> None:
    assert tag_text(text) == codes


def test_a_mark_the_name_does_not_have_rules_it_out() -> None:
    assert not marks_fit("عُمّان", "عَمَّان")  # damma where Amman has fatha
    assert not marks_fit("عمّان", "عُمَان")  # a shadda Oman does not have
    assert not marks_fit("أدرار", "آدْرَار")  # hamza where the name has madda


def test_marks_left_out_or_on_the_case_ending_rule_nothing_out() -> None:
    assert marks_fit("عمان", "عُمَان")
    assert marks_fit("عَمان", "عَمَّان")  # shadda left out
    assert marks_fit("عمانِ", "عُمَان")  # the case ending varies
    assert marks_fit("وبعُمان", "عُمَان")  # proclitics before the name


def test_every_vocalized_spelling_in_the_data_is_of_a_name_regions_share() -> None:
    index = lookup_index()
    for name, by_code in get_gazetteer().vocalized.items():
        shared = {c.code for c in contenders(index.names[name.replace(" ", "")])}
        assert set(by_code) <= shared and len(shared) > 1, name


def test_the_vocalized_spellings_of_one_name_rule_each_other_out() -> None:
    """Each spelling, written out in full, fits its own region only: the data says how they differ."""
    for name, by_code in get_gazetteer().vocalized.items():
        for code, spellings in by_code.items():
            for spelling in spellings:
                assert normalize(spelling) == name
                others = [v for other, vs in by_code.items() if other != code for v in vs]
                assert not any(marks_fit(spelling, other) for other in others), spelling


def test_a_vocalized_spelling_of_none_of_its_names_is_refused_when_the_data_is_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    jordan = data / "JO.json"
    jordan.write_text(jordan.read_text(encoding="utf-8").replace("عَمَّان", "عَمَّار"), encoding="utf-8")

    with pytest.raises(ValueError, match="JO-AM"):
        load(data, usage=None)


def test_a_digest_time_in_a_city_written_with_its_marks_takes_that_citys_zone() -> None:
    assert parse_time("8 مساءً عمّان", "UTC")[:2] == ("20:00", "Asia/Amman")
    assert parse_time("8 مساءً عُمان", "UTC")[:2] == ("20:00", "Asia/Muscat")


# Sukun, Quranic sukun, a small high letter, Extended-A marks, dagger alef.
MARKS_IN_WORD = ["\u0652", "\u06e1", "\u0615", "\u08f3", "\u08e5", "\u0670"]
# The Arabic letter mark, a word joiner, a zero-width joiner.
INVISIBLE_IN_WORD = ["\u061c", "\u2060", "\u200d"]


@pytest.mark.parametrize("mark", MARKS_IN_WORD + INVISIBLE_IN_WORD)
def test_a_mark_or_invisible_character_inside_a_word_folds_away(mark: str) -> None:
    assert normalize(f"دم{mark}شق") == "دمشق"


@pytest.mark.parametrize("mark", MARKS_IN_WORD)
def test_a_mark_inside_a_word_keeps_the_word_whole(mark: str) -> None:
    assert [w.norm for w in words(f"دم{mark}شق حلب")] == ["دمشق", "حلب"]


def test_a_hamza_seat_in_unvocalized_text_leaves_a_shared_name_to_its_context() -> None:
    """News writes Mauritania's Adrar «أدرار» as well as «آدرار»: in running text without vowel marks
    the hamza is spelling, not a mark that says the Algerian one."""
    assert tag_text("زار الرئيس الموريتاني ولاية أدرار شمال البلاد") == ["MR", "MR-07"]
