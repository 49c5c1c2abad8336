"""Analysis: region tags per section, with the source's region hints added to every section."""

from __future__ import annotations

from pathlib import Path

import pytest

from nashra.articles.analysis import analyze, analyze_file
from nashra.articles.errors import ArticleError
from nashra.model import Article, Section


def test_each_section_gets_its_own_regions() -> None:
    article = analyze(
        Article(
            "أخبار",
            [Section(None, "قصف على مدينة حمص السورية."), Section("اليمن", "اشتباكات في مأرب اليمنية.")],
        )
    )
    assert "SY-HI" in article.sections[0].regions and "YE-MA" not in article.sections[0].regions
    assert "YE-MA" in article.sections[1].regions and "SY-HI" not in article.sections[1].regions


def test_region_hints_are_added_to_every_section_with_their_country() -> None:
    article = analyze(
        Article(
            "أخبار",
            [Section(None, "نص أول بلا أماكن."), Section("ع", "نص ثان بلا أماكن.")],
            region_hints=["IQ-NI"],
        )
    )
    assert [s.regions for s in article.sections] == [["IQ", "IQ-NI"], ["IQ", "IQ-NI"]]


def test_analyze_file_of_a_missing_path_is_an_article_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        analyze_file(tmp_path / "missing.txt")


def test_analyze_file_reads_a_json_record(data_dir: Path) -> None:
    article = analyze_file(data_dir / "articles/json/one_article.json")
    assert "SY-DR" in article.sections[1].regions
    assert all("JO" in s.regions for s in article.sections)
