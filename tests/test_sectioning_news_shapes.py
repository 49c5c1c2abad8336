"""Layouts of ordinary news that rules for columns, poems, letters and pages of briefs must leave as
they are: a headline opening «أخبار …», a sub-heading over a vocalized quotation, a reader's question
opening with a greeting. Each file in
tests/data/sections/shape_*.txt is laid out as Nashra's text articles are (title, outlet, paragraphs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nashra.articles.files import read_article_file
from nashra.model import Article

DATA = Path(__file__).parent / "data" / "sections"


def article(name: str) -> Article:
    [found] = read_article_file(DATA / f"shape_{name}.txt", 10_000_000)
    return found


@pytest.mark.parametrize(
    ("name", "headings"),
    [
        ("vocalized_verse_under_subheading", [None, "وجوب الحج", "فضل الحج", "آداب الحاج"]),
        ("akhbar_title_deck_not_brief", [None, "صرف المستحقات المتأخرة"]),
    ],
)
def test_sub_headings_of_news_layouts_head_their_sections(name: str, headings: list[str | None]) -> None:
    assert [s.heading for s in article(name).sections] == headings


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        ("greeting_opens_first_paragraph", "السلام عليكم، أنا معلمة متزوجة منذ عامين."),
        ("akhbar_title_deck_not_brief", "أعلنت المؤسسة العامة للتأمينات"),
    ],
)
def test_the_lead_starts_at_its_first_paragraph(name: str, opening: str) -> None:
    assert article(name).sections[0].text.startswith(opening)
