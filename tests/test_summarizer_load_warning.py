"""A model that cannot load is logged once while its failure stands, not once per batch: a backlog of
thousands of sections would otherwise write the same warning dozens of times."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from nashra.config import SummarizerConfig
from summarizer.service import SectionText, Summarizer

ARTICLE = Path(__file__).resolve().parent / "data" / "summarizer" / "daraa_market.txt"


def test_a_model_that_cannot_load_is_logged_once_across_batches(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "no-such-model"
    lead = ARTICLE.read_text(encoding="utf-8").splitlines()[3]
    summarizer = Summarizer(SummarizerConfig(model=str(missing)))
    caplog.set_level(logging.WARNING)

    for _ in range(3):
        (result,) = summarizer.summarize([SectionText(None, lead)])
        assert result.method == "extractive"

    warnings = [r.getMessage() for r in caplog.records if str(missing) in r.getMessage()]
    assert len(warnings) == 1 and "does not exist" in warnings[0]
