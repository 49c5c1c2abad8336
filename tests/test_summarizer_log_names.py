"""Log lines about model summaries name each section so an operator can find it: a lead section,
which has no heading, by its first words rather than by an empty name."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from nashra.config import SummarizerConfig
from summarizer.service import SectionText, Summarizer

ARTICLE = Path(__file__).resolve().parent / "data" / "summarizer" / "daraa_market.txt"


def test_a_lead_without_a_heading_is_named_by_its_first_words(
    clause_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    lead, heading, body = lines[3], lines[4], lines[5]
    caplog.set_level(logging.WARNING)
    summarizer = Summarizer(SummarizerConfig(model=str(clause_dir), device="cpu", timeout_s=0.0))

    summarizer.summarize([SectionText(None, lead), SectionText(heading, body)])

    (warning,) = [r.getMessage() for r in caplog.records if "no usable model summary" in r.getMessage()]
    assert "lead 'أعاد تجار سوق درعا القديم فتح…'" in warning
    assert repr(heading) in warning
    assert "''" not in warning
