"""An author field holding only a place's name is the dateline, not an author: a crawled record's
«لندن», a saved page's «تعز - خاص». One word counts only when it names a country, a subdivision or a
city: the gazetteer's towns, villages and landmarks include given names, which stay the author."""

from __future__ import annotations

import pytest

from nashra.articles.textformat import author_field_credit

OUTLET = "الوئام"


@pytest.mark.parametrize("field", ["لندن", "تكريت", "تعز", "مكة المكرمة"])
def test_a_field_naming_only_a_city_is_the_dateline(field: str) -> None:
    credit = author_field_credit(field, OUTLET)
    assert credit is not None and (credit.place, credit.author) == (field, None)


@pytest.mark.parametrize("field", ["منى", "جمال", "سلمى"])
def test_a_given_name_that_is_also_a_village_or_landmark_stays_the_author(field: str) -> None:
    assert author_field_credit(field, OUTLET) is None


@pytest.mark.parametrize("field", ["الجزيرة", "المدينة"])
def test_an_outlet_s_name_that_is_also_a_place_s_is_no_dateline(field: str) -> None:
    assert author_field_credit(field, "عكاظ") is None


def test_an_agency_sharing_a_town_s_name_is_no_dateline() -> None:
    assert author_field_credit("قنا", OUTLET) is None
