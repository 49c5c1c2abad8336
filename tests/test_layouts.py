"""Articles in the layouts of crawled Arabic news are cut as an editor would cut them.

Each fixture of tests/data/layouts was written in the layout of a kind of real page or wire copy (see
the ``note`` of its line in expected.jsonl) and labelled before the sectioning ran on it: the headings
in order, the words each section starts with, the words the text ends with, furniture that must open
or close no paragraph, and metadata the credits give (dateline place, author, outlet, title).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from nashra.arabic import normalize
from nashra.articles.evaluation import Label, problems
from nashra.articles.htmlpage import parse_html_page
from nashra.articles.textformat import parse_text
from nashra.model import Article

LAYOUTS = Path(__file__).parent / "data" / "layouts"
EXPECTED = [json.loads(line) for line in (LAYOUTS / "expected.jsonl").read_text("utf-8").splitlines() if line]
MARKUP = re.compile(r"</?[A-Za-z][^>]*>|<!--|-->|&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)


def read(name: str) -> Article:
    path = LAYOUTS / name
    if path.suffix == ".html":
        return parse_html_page(path.read_bytes(), name)
    return parse_text(path.read_text("utf-8"), name)


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_layout_is_cut_as_labelled(expected: dict[str, Any]) -> None:
    article = read(expected["file"])
    label = Label(expected["file"], "layouts", expected["sections"], expected["ends"], expected["furniture"])
    assert problems(article, label) == []


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_layout_leaves_no_markup_in_the_text(expected: dict[str, Any]) -> None:
    article = read(expected["file"])
    shown = [article.title, *(s.heading or "" for s in article.sections), *(s.text for s in article.sections)]
    assert [line for line in shown if MARKUP.search(line)] == []


CREDITED = [e for e in EXPECTED if {"dateline", "author", "source", "title"} & e.keys()]


@pytest.mark.parametrize("expected", CREDITED, ids=[e["file"] for e in CREDITED])
def test_layout_credits_become_metadata(expected: dict[str, Any]) -> None:
    article = read(expected["file"])
    for field in ("dateline", "author", "source", "title"):
        if field in expected:
            assert normalize(getattr(article, field) or "") == normalize(expected[field]), field
