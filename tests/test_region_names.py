"""How a region is named to people: one format, a subdivision with its country."""

from __future__ import annotations

from bot.handlers.keyboards import pick_label
from nashra.regions.names import display_name


def test_a_subdivision_carries_its_country_in_parentheses_in_replies() -> None:
    assert display_name("SY-DR", "ar") == "درعا (سوريا)"
    assert display_name("SY-DR", "en") == "Daraa (Syria)"


def test_a_digest_header_joins_the_country_with_the_languages_comma() -> None:
    assert display_name("SY-DR", "ar", in_header=True) == "درعا، سوريا"
    assert display_name("SY-DR", "en", in_header=True) == "Daraa, Syria"


def test_a_country_is_its_name_alone_and_an_unknown_code_shows_as_it_is() -> None:
    assert display_name("LB", "ar") == "لبنان"
    assert display_name("XX-ZZ", "ar") == "XX-ZZ"


def test_regions_spelled_alike_and_said_differently_are_shown_vocalized() -> None:
    assert display_name("OM", "ar") == "عُمَان"
    assert display_name("JO-AM", "ar") == "عَمَّان (الأردن)"
    assert display_name("OM", "en") == "Oman"


def test_a_place_typed_in_english_is_named_in_an_arabic_reply() -> None:
    assert pick_label("SA-02", "ar", "Jeddah") == "جدة — مكة المكرمة (السعودية)"


def test_a_place_typed_in_arabic_is_named_in_an_english_reply() -> None:
    assert pick_label("SA-02", "en", "جدة") == "Jeddah — Makkah (Saudi Arabia)"
