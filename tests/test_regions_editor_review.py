"""Region tagging: the kinds of error an editor's blind labels of 45 real articles showed, one per test."""

from __future__ import annotations

from pathlib import Path

from nashra.regions import tag_sections, tag_text
from nashra.regions.evaluation import evaluate, found_codes, load_items

# -- names that are part of something else ------------------------------------------------------------


def test_a_city_in_a_list_of_street_names_is_a_street() -> None:
    assert tag_text("سقطت قذائف على شارعي الثورة وبغداد في دمشق") == ["SY", "SY-DI"]


def test_the_streets_of_two_cities_are_the_cities() -> None:
    assert tag_text("احتفالات في شوارع حلب وإدلب") == ["SY", "SY-HL", "SY-ID"]


def test_an_armed_unit_named_after_a_city_is_not_the_city() -> None:
    assert tag_text("قصف مقاتلون من سرايا القدس مواقع إسرائيلية من غزة") == ["IL", "PS", "PS-GZA"]


def test_a_jordanian_liwa_is_a_district_not_a_unit() -> None:
    assert tag_text("افتتح مركز صحي جديد في لواء الرمثا") == ["JO", "JO-IR"]


def test_a_language_is_not_its_country() -> None:
    text = "وتجد كتبا بلغات مختلفة كالألمانية والإسبانية في مكتبة بوسط القاهرة"
    assert tag_text(text) == ["EG", "EG-C"]


def test_an_ocean_named_with_a_country_adjective_is_not_the_country() -> None:
    assert tag_text("أول فرع للمجموعة خارج المحيط الهندي") == []


def test_an_institution_named_with_a_country_adjective_is_where_it_stands() -> None:
    assert tag_text("وتباع إصدارات الجامعة الأميركية بالقاهرة قرب ميدان التحرير") == ["EG", "EG-C"]


def test_the_two_seas_are_not_bahrain() -> None:
    assert tag_text("يسمح المشروع بمرور السفن في القناة التي تربط بين البحرين المتوسط والأحمر") == []


def test_a_place_named_after_a_person_needs_locative_evidence() -> None:
    # الشيخ زايد is also a city in Giza: a mosque named after the man is in Ras al-Khaimah.
    assert tag_text("أدى الصلاة في مسجد الشيخ زايد في رأس الخيمة") == ["AE", "AE-RK"]


def test_a_place_named_after_a_person_that_news_names_as_a_place_stays_one() -> None:
    assert tag_text("قتل جنود في هجوم على مدينة الشيخ زويد") == ["EG", "EG-SIN"]


def test_the_maghreb_in_an_organisation_name_is_not_morocco() -> None:
    text = "تبنى تنظيم القاعدة في بلاد المغرب الإسلامي قتل 14 جنديا في ولاية عين الدفلى"
    assert tag_text(text) == ["DZ", "DZ-44"]


def test_a_given_name_shared_with_a_town_is_no_place_without_evidence() -> None:
    # بدرة is a town of Wasit and a woman's name.
    assert tag_text("ووصفت بدرة قعلول رئيسة مركز الدراسات حكومة طرابلس بالميليشيات") == ["LY", "LY-TB"]


# -- neighbourhoods named after places elsewhere -----------------------------------------------------


def test_a_neighbourhood_named_after_a_place_abroad_is_a_namesake() -> None:
    assert tag_text("قصف استهدف مسجدا في حي الجولان شمالي الفلوجة") == ["IQ", "IQ-AN"]


def test_neighbourhoods_listed_after_ahya_are_namesakes_too() -> None:
    # الروضة is also a village of North Sinai.
    assert tag_text("اشتباكات في أحياء الروضة وعصيفرة بمدينة تعز") == ["YE", "YE-TA"]


def test_a_neighbourhood_of_a_city_of_the_same_country_is_tagged() -> None:
    assert tag_text("قصف حي الشيخ مقصود في حلب") == ["SY", "SY-HL"]


def test_the_neighbourhoods_of_a_city_are_the_city() -> None:
    assert tag_text("قصفت أحياء حلب بينما اجتمع المسؤولون في بيروت") == ["LB", "LB-BA", "SY", "SY-HL"]


def test_a_neighbourhood_named_after_a_place_is_the_place_when_no_country_says_otherwise() -> None:
    assert tag_text("قصف الطيران حي الشيخ مقصود") == ["SY", "SY-HL"]


# -- lists --------------------------------------------------------------------------------------------


def test_a_word_with_its_own_preposition_after_a_comma_is_no_list_item() -> None:
    # بحجة "on the pretext" after "بمدينة القدس،" is not Hajjah listed after Jerusalem.
    text = "اعتقل شاب من منطقة باب العامود بمدينة القدس، بحجة إلقاء الحجارة"
    assert tag_text(text) == ["PS", "PS-JEM"]


# -- names that several places share, and places that were missing -------------------------------------


def test_a_namesake_in_the_same_subdivision_as_its_list_partner_wins() -> None:
    # الطيبة beside بريتال is the Baalbek district's, not Marjayoun's.
    assert tag_text("مداهمات في بلدتي بريتال والطيبة") == ["LB", "LB-BH"]


def test_the_kasbah_of_a_tunisian_text_is_the_government_seat_in_tunis() -> None:
    assert tag_text("خلافات داخل الفريق الحاكم في قصري قرطاج والقصبة في تونس") == ["TN", "TN-11"]


def test_the_capital_written_with_the_countrys_name_is_the_capital() -> None:
    assert tag_text("وقع تفجير مسجد الصادق بالعاصمة الكويت") == ["KW", "KW-KU"]


def test_a_landmark_places_its_city() -> None:
    assert tag_text("تتمركز المحلات حول ساحة جامع الفنا") == ["MA", "MA-07"]


def test_a_town_spelled_as_somali_news_spells_it() -> None:
    assert tag_text("سيطرت القوات الصومالية على مدينة باردهير") == ["SO", "SO-GE"]


# -- the editor's labelled set -----------------------------------------------------------------------


def test_sections_of_one_article_are_scored_together_as_nashra_sections_tags_them() -> None:
    # عمان alone is Oman; the article's other section, in Irbid, makes it Amman.
    texts = ["وصل الوفد إلى عمان", "التقى الوفد مسؤولين في إربد"]
    items = [
        {"id": f"a-{n}", "heading": None, "text": text, "regions": [], "article": "a", "section": n}
        for n, text in enumerate(texts)
    ]
    assert tag_sections("", [(None, text) for text in texts])[0] == ["JO", "JO-AM"]
    assert [sorted(codes) for codes in found_codes(items)] == [["JO", "JO-AM"], ["JO", "JO-IR"]]


def test_editor_labelled_real_articles_precision_and_recall_at_least_095(data_dir: Path) -> None:
    report = evaluate(load_items(data_dir / "labelled_real45_sections.jsonl"))
    assert report.precision >= 0.95 and report.recall >= 0.95, report.problems


def test_editor_labelled_set_covers_every_section_of_45_articles(data_dir: Path) -> None:
    items = load_items(data_dir / "labelled_real45_sections.jsonl")
    articles = {item["article"] for item in items}
    assert len(articles) == 45
    for article in articles:
        sections = sorted(item["section"] for item in items if item["article"] == article)
        assert sections == list(range(len(sections)))
