"""The invisible marks kept in stored text (LRM, RLM, ALM, ZWNJ, ZWJ: ``nashra.arabic.KEPT_MARKS``) change
nothing about where a sentence ends: an editor's right-to-left mark after a full stop is still a full stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from nashra.arabic import KEPT_MARKS, ends_like_sentence
from nashra.articles.analysis import analyze_file


@pytest.mark.parametrize("mark", list(KEPT_MARKS), ids=["LRM", "RLM", "ALM", "ZWNJ", "ZWJ"])
def test_a_sentence_followed_by_an_invisible_mark_ends_like_a_sentence(mark: str) -> None:
    assert ends_like_sentence("وقال مسؤولون إن الحصيلة غير معروفة." + mark)


def test_a_lead_ending_with_an_arabic_letter_mark_stays_in_the_article(tmp_path: Path) -> None:
    path = tmp_path / "alm.txt"
    path.write_text(
        "انفجار في بيروت\nوكالة – Reuters\n\n"
        "وقع انفجار في مرفأ Beirut port صباح اليوم، وقال مسؤولون in Lebanon إن الحصيلة غير معروفة.\u061c\n\n"
        "وفي صيدا، أغلقت المدارس. Schools in Sidon closed.\n",
        encoding="utf-8",
    )

    article = analyze_file(path)

    assert "وقع انفجار في مرفأ" in article.sections[0].text
    assert "LB-BA" in article.sections[0].regions
