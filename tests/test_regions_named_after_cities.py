"""A foreign city's name that a club or a hotel takes (countries.json ``cities``): with a match's word
near it, a team's word right before it, a club's word right after it or a hotel's word right before it,
it is the club or the hotel and tags no country; elsewhere it is the city and tags its country."""

from __future__ import annotations

import pytest

from nashra.regions import tag_text


@pytest.mark.parametrize(
    "text",
    [
        "فاز فريق طرابزون على ضيفه أمس.",
        "خسر الأهلي أمام غوانغتشو إيفرغراند في دوري أبطال آسيا.",
        "التقى النصر مع جوهور دار التعظيم.",
        "تعاقد الهلال مع لاعب ميونخ السابق.",
    ],
)
def test_a_city_beside_a_match_or_a_team_is_the_club(text: str) -> None:
    assert tag_text(text) == []


def test_a_city_before_a_clubs_word_is_the_club() -> None:
    assert tag_text("انتقل اللاعب إلى ليدز يونايتد.") == []


def test_a_city_after_a_hotels_word_is_the_hotel() -> None:
    assert tag_text("أقيم المعرض في فندق ميونخ بالرياض.") == ["SA", "SA-01"]


def test_a_club_named_with_its_countrys_nisba_is_that_country() -> None:
    assert tag_text("فاز فريق طرابزون التركي على ضيفه.") == ["TR"]


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("لعب المنتخب مباراة في ليدز أمس.", ["GB"]),
        ("افتتح فندق جديد في ميونخ.", ["DE"]),
        ("وصل الوفد إلى ميونخ أمس.", ["DE"]),
        ("سيغادر الفريق إلى لندن للعب مباراة السوبر.", ["GB"]),
        ("في ديربي لندن ستلعب أسماء جديدة.", ["GB"]),
        ("زار المبعوث طهران اليوم حيث التقى مع وزير الخارجية.", ["IR"]),
        ("هذه الشراكة هي الأولى في فنادق لندن.", ["GB"]),
    ],
)
def test_a_city_that_is_the_venue_or_the_destination_is_its_country(text: str, regions: list[str]) -> None:
    assert tag_text(text) == regions
