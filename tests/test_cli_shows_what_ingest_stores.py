"""``nashra sections`` and ``nashra summarize`` show an input as ``nashra ingest`` would store it: each
article passes the same admission (``nashra.articles.ingest.admit_all``) before it is shown."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nashra.cli import main

ADMITTED = Path(__file__).parent / "data" / "admission"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_sections_shows_a_title_without_its_bidi_override(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "sections", str(ADMITTED / "title_with_override.txt"), "--json")
    assert status == 0
    assert "\u202e" not in json.loads(out)["title"]


def test_sections_shows_a_date_after_the_reading_clamped_to_it(capsys: pytest.CaptureFixture[str]) -> None:
    before = datetime.now(UTC)
    status, out, _ = run(capsys, "sections", str(ADMITTED / "future_date.json"), "--json")
    shown = datetime.fromisoformat(json.loads(out)["published_at"])
    assert status == 0
    assert before <= shown <= datetime.now(UTC)


def test_sections_refuses_a_title_of_invisible_characters_as_ingest_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "sections", str(ADMITTED / "invisible_title.json"))
    assert status == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "invisible_title.json" in err


def test_summarize_shows_a_title_without_its_bidi_override(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "summarize", str(ADMITTED / "title_with_override.txt"))
    assert status == 0
    assert "\u202e" not in out
