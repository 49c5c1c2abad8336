"""Cuts that went wrong by kind on real pages, each written down as a short labelled layout: a reply to the
editor printed under its page's rubric keeps its own headline; a page of readers' questions under its
rubric keeps its first item's title; a notebook's first marked label stays its first item's heading when
the paragraph under it is broken over two lines; an interview's questions put with a verb of the second
person («كيف ترى …؟», «وهل تتوقعون …؟») stay its text among its noun-phrase sub-headings; a dateline or
an author field of two places («لندن - سيول: «الشرق الأوسط»», «لندن - بكين») names both; a heading of two
places over a noun and its verb («السعودية - الإمارات: شراكة تتجدد») or over nouns joined by «و» or «أو»
is no byline; a letter's signature
and the place under it («عبدالله بن محمد الحربي» over «الرياض») are no part of its text. Each file in
tests/data/sections/shape_*.txt is laid out as Nashra's text articles are (title, outlet, paragraphs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nashra.arabic import opens_letter
from nashra.articles.files import read_article_file
from nashra.articles.furniture import is_name_line, parse_credit
from nashra.articles.textformat import author_field_credit
from nashra.model import Article

DATA = Path(__file__).parent / "data" / "sections"


def article(name: str) -> Article:
    [found] = read_article_file(DATA / f"shape_{name}.txt", 10_000_000)
    return found


def test_a_reply_under_the_letters_page_rubric_is_headed_by_its_own_headline() -> None:
    found = article("reply_under_letters_rubric")
    assert [s.heading for s in found.sections] == ["تأخر إنارة طريق الملك عبدالعزيز سببه اعتماد المخطط"]
    assert found.sections[0].text.startswith("إشارة إلى ما نشر في صحيفتكم")


def test_the_address_to_the_editor_is_the_letter_s_opening_not_a_byline() -> None:
    found = article("reply_under_letters_rubric")
    kinds = {f.text: f.kind for f in found.furniture}
    assert kinds["سعادة رئيس تحرير صحيفة «الرياض» المحترم"] == "deck"


@pytest.mark.parametrize(
    "line",
    [
        "سعادة رئيس تحرير جريدة الجزيرة الموقر",
        "سعادة رئيس التحرير المحترم",
        "سعادة المشرف على صفحة عزيزتي الجزيرة الموقر",
        "سعادة الأستاذ تركي السديري حفظه الله",
    ],
)
def test_an_unpunctuated_address_to_the_editor_or_a_titled_person_opens_a_letter(line: str) -> None:
    assert opens_letter(line)


def test_a_reply_titled_with_its_own_headline_keeps_its_deck_out_of_the_headings() -> None:
    found = article("reply_under_its_own_headline")
    assert [s.heading for s in found.sections] == [None]
    assert "إنارة الطريق تبدأ الشهر المقبل" in [f.text for f in found.furniture]


def test_the_first_reader_s_question_under_the_rubric_keeps_its_title() -> None:
    found = article("readers_questions_under_letters_rubric")
    assert [s.heading for s in found.sections] == ["فوائد الحلبة", "جفاف الجلد في الصيف"]


def test_a_notebook_s_first_label_heads_its_paragraph_broken_over_two_lines() -> None:
    found = article("notebook_first_item_broken_over_lines")
    assert [s.heading for s in found.sections] == ["إنتاج", "تمثيل", "تصوير"]
    assert found.sections[0].text.startswith("خصصت وزارة الثقافة")
    assert "للعام المقبل." in found.sections[0].text


def test_an_interview_s_questions_with_a_second_person_verb_are_its_text() -> None:
    found = article("interview_questions_with_second_person_verbs")
    assert [s.heading for s in found.sections] == [None, "المنع من الكتابة", "حداثة وتراث", "ثقافة جنوبية"]
    assert "\nكيف ترى المشهد الثقافي اليوم؟\n" in found.sections[1].text
    assert "\nوهل تتوقعون انفراجا قريبا؟\n" in found.sections[2].text


def test_a_dateline_of_two_places_before_the_outlet_names_both_and_leaves_the_lead() -> None:
    found = article("dateline_of_two_places_opens_lead")
    assert found.dateline == "لندن، سيول"
    assert found.sections[0].text.startswith("ذكرت شركة «هيونداي موتور»")


def test_an_author_field_of_two_places_alone_is_the_dateline() -> None:
    credit = author_field_credit("لندن - بكين", "الوئام")
    assert credit is not None and (credit.place, credit.author) == ("لندن، بكين", None)


def test_a_heading_of_two_places_over_a_noun_phrase_stays_a_heading_not_a_byline() -> None:
    # «السعودية - الإمارات: شراكة تتجدد» was read as a byline: «شراكة تتجدد» the author.
    found = article("country_pair_heading_over_paragraph")
    assert [s.heading for s in found.sections] == [None, "السعودية - الإمارات: شراكة تتجدد"]
    assert found.author is None


@pytest.mark.parametrize("line", ["شراكة تتجدد", "العلاقات تتطور", "مباحثات تستمر"])
def test_a_noun_and_its_verb_of_the_present_tense_is_no_name(line: str) -> None:
    assert not is_name_line(line)


@pytest.mark.parametrize(
    "line", ["الأرمن والدولة الصفوية", "السياسة والقوة والعمران", "جدة المباشر والدائري"]
)
def test_nouns_joined_by_and_with_the_article_are_no_name(line: str) -> None:
    assert not is_name_line(line)


def test_places_joined_by_or_are_no_name() -> None:
    assert not is_name_line("الصومال أو النيجر")


def test_a_heading_of_a_place_over_nouns_joined_by_and_is_no_byline() -> None:
    assert parse_credit("البندقية - السياسة والقوة والعمران") is None


@pytest.mark.parametrize(
    "line",
    ["عبدالله بن محمد الحربي", "سالم العتيبي", "تركي السديري", "يوسف الكويليت", "د. حسن يتيم", "العنود محمد"],
)
def test_a_person_s_name_is_still_a_name_line(line: str) -> None:
    assert is_name_line(line)


def test_each_letter_s_signature_and_place_are_furniture_not_its_text() -> None:
    # «عبدالله بن محمد الحربي» over «الرياض» closed the first letter's text, «سالم العتيبي» over «الدمام»
    # the second's.
    [first, second] = article("letters_page_of_two_letters").sections
    assert first.text.endswith("وأرجو أن تنظر الأمانة في أمرها.")
    assert second.text.endswith("وتنظيم أوقات الدوام.")


def test_a_letter_s_signature_is_kept_as_a_byline() -> None:
    found = article("letters_page_of_two_letters")
    bylines = [f.text for f in found.furniture if f.kind == "byline"]
    assert {"عبدالله بن محمد الحربي", "الرياض", "سالم العتيبي", "الدمام"} <= set(bylines)
