"""«تصوير» is a photo's credit where it stands as one (opening the line or a bracket, after a dash or a
comma, before a colon: «تصوير: خالد العلي»); inside a sentence it is the word "filming, photographing",
and the paragraph holding it is text, not a caption (tests/data/sections/filming_in_a_sentence.txt, and
one-line cases here, written for these tests)."""

from __future__ import annotations

from pathlib import Path

from nashra.articles.furniture import is_caption
from nashra.articles.sectioning import cut

TEXT = (Path(__file__).parent / "data" / "sections" / "filming_in_a_sentence.txt").read_text("utf-8")


def test_a_sentence_about_photographing_is_no_caption() -> None:
    assert not is_caption("ومنعت السلطات تصوير المنشآت الحكومية دون تصريح مسبق.")


def test_a_paragraph_about_photographing_stays_in_the_text() -> None:
    article = cut(TEXT.splitlines(), title="إجراءات جديدة لحماية المنشآت")
    assert "ومنعت السلطات تصوير المنشآت" in article.sections[0].text
