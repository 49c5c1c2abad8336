"""``nashra digest --preview`` reads region names as a subscriber would type them."""

from __future__ import annotations

from pathlib import Path

import pytest

from nashra.cli import main

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    config = tmp_path / "nashra.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "n.db"}"\n', encoding="utf-8")
    assert main(["--config", str(config), "ingest", str(ARTICLES)]) == 0
    return config


def test_preview_accepts_arabic_names(config_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--config", str(config_file), "digest", "--preview", "--regions", "اليمن"]) == 0
    out = capsys.readouterr().out
    assert "📍" in out and "اليمن" in out


def test_preview_of_a_region_without_news_prints_nothing(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--config", str(config_file), "digest", "--preview", "--regions", "KM"]) == 0
    assert "📍" not in capsys.readouterr().out


def test_misspelt_region_is_refused_with_suggestions(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config_file), "digest", "--preview", "--regions", "درعة"]) == 2
    assert "did you mean Daraa (SY-DR)" in capsys.readouterr().err


def test_run_without_a_token_says_how_to_use_the_sandbox(
    config_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NASHRA_TELEGRAM_TOKEN", raising=False)
    assert main(["--config", str(config_file), "digest", "--run"]) == 2
    assert "--sandbox" in capsys.readouterr().err
