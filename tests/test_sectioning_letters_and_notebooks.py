"""A page of several letters under its rubric («بريد القراء») is cut letter by letter, each under its own
headline, each letter's address and greeting its opening, not its text; a notebook of two items whose
first label («* إنتاج») stands over a paragraph broken over lines keeps that label as its heading and the
paragraph's first line as its text. Each file in tests/data/sections/shape_*.txt is laid out as Nashra's
text articles are (title, outlet, paragraphs)."""

from __future__ import annotations

from pathlib import Path

from nashra.articles.files import read_article_file
from nashra.model import Article

DATA = Path(__file__).parent / "data" / "sections"


def article(name: str) -> Article:
    [found] = read_article_file(DATA / f"shape_{name}.txt", 10_000_000)
    assert isinstance(found, Article)
    return found


def test_each_letter_of_a_letters_page_is_a_section_under_its_own_headline() -> None:
    # The second letter, its headline and its address were the first letter's text.
    found = article("letters_page_of_two_letters")
    assert [s.heading for s in found.sections] == ["الحدائق العامة تحتاج إلى صيانة", "ازدحام طريق الملك فهد"]
    assert found.sections[1].text.startswith("يشهد طريق الملك فهد في الدمام")


def test_a_later_letter_s_address_is_its_opening_not_its_text() -> None:
    found = article("letters_page_of_two_letters")
    assert "سعادة رئيس التحرير المحترم" not in found.sections[1].text
    assert ("deck", "سعادة رئيس التحرير المحترم") in [(f.kind, f.text) for f in found.furniture]


def test_a_letters_page_titled_with_the_readers_is_cut_letter_by_letter_too() -> None:
    # «رسائل القراء» was no rubric: the first letter's headline, with no address under it, was a caption.
    found = article("letters_page_under_readers_rubric")
    assert [s.heading for s in found.sections] == [
        "انقطاع الكهرباء في حي الشاطئ",
        "مدارس بلا مكيفات في الأحساء",
    ]


def test_a_notebook_of_two_items_keeps_its_first_label_over_a_broken_paragraph() -> None:
    # «* إنتاج» was a caption and the paragraph's first line a deck: neither was text.
    found = article("notebook_of_two_items_first_broken")
    assert [s.heading for s in found.sections] == ["إنتاج", "تمثيل"]
    assert found.sections[0].text.startswith("خصصت وزارة الثقافة")
    assert "للعام المقبل." in found.sections[0].text
