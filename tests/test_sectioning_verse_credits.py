"""A poem printed as the article loses its writer's credit printed above the verse, keeps its first line
of verse, and a column's titled closing kicker under it keeps its title (tests/data/sections/
verse_credits.json: lines of real SaudiNewsNet poems)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.articles.sectioning import cut, is_verse

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "verse_credits.json").read_text("utf-8"))


@pytest.mark.parametrize("credit", ["particle_name", "starred_name", "starred_post"])
def test_a_writer_s_credit_above_a_poem_is_furniture(credit: str) -> None:
    body = cut([CASES[credit], *CASES["verse"]])
    assert body.sections[0].text.startswith(CASES["verse"][0])
    assert CASES[credit] in [f.text for f in body.furniture]


def test_a_starred_line_of_verse_of_six_words_stays_verse() -> None:
    body = cut([*CASES["starred_verse"], *CASES["verse"]])
    assert body.sections[0].text.startswith(CASES["starred_verse"][0])


def test_a_poem_s_closing_kicker_keeps_its_title() -> None:
    lines = CASES["quoted_poem"]
    assert is_verse(lines)
    body = cut(lines)
    assert [s.heading for s in body.sections] == [None, "السطر الأخير :"]
    assert body.sections[0].text.endswith(lines[-3])
