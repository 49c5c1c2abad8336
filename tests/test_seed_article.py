"""The seed article: sections, headings and regions as the shared expectation file says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.articles.analysis import analyze_file
from nashra.model import Article


@pytest.fixture
def expected(shared_dir: Path) -> dict:
    return json.loads((shared_dir / "samples/seed_article.expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def seed(shared_dir: Path) -> Article:
    return analyze_file(shared_dir / "samples/seed_article.txt")


def test_title_and_source(seed: Article, expected: dict) -> None:
    assert (seed.title, seed.source) == (expected["title"], expected["source"])


def test_sections_and_headings_in_order(seed: Article, expected: dict) -> None:
    assert [s.heading for s in seed.sections] == [s["heading"] for s in expected["sections"]]


def test_related_links_belong_to_no_section(seed: Article) -> None:
    text = "\n".join(s.text for s in seed.sections)
    assert "غسان عبود" not in text and "عاطف نجيب" not in text
    assert seed.sections[-1].text.endswith("في عدد من المناطق بالمحافظة.")


@pytest.mark.parametrize("index", range(5))
def test_required_regions_are_found(seed: Article, expected: dict, index: int) -> None:
    required = set(expected["sections"][index]["regions"])
    assert required <= set(seed.sections[index].regions)


@pytest.mark.parametrize("index", range(5))
def test_forbidden_regions_are_absent(seed: Article, expected: dict, index: int) -> None:
    forbidden = set(expected["sections"][index]["forbidden"])
    assert not forbidden & set(seed.sections[index].regions)


@pytest.mark.parametrize("index", range(5))
def test_no_region_outside_required_and_optional(seed: Article, expected: dict, index: int) -> None:
    allowed = set(expected["sections"][index]["regions"]) | set(expected["sections"][index]["optional"])
    assert set(seed.sections[index].regions) <= allowed
