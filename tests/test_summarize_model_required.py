"""``nashra summarize PATH`` with a model in the config: the model it was told to use, or an error.

A path or a stored article is summarized to show what the configured model writes; a model that
cannot load must not pass the built-in extractive summaries off as its own with exit status 0.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from nashra.cli import main

pytestmark = pytest.mark.usefixtures("fresh_model_loads")

ARTICLE = Path(__file__).resolve().parent / "data" / "summarizer" / "daraa_market.txt"


def error_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The command's one error line, nothing printed on standard output."""
    out, err = capsys.readouterr()
    assert out == ""
    (line,) = [line for line in err.splitlines() if line.startswith("nashra summarize: ")]
    return line


def write_config(folder: Path, summarizer: str) -> Path:
    path = folder / "nashra.toml"
    path.write_text(
        f'[database]\npath = "{folder / "nashra.db"}"\n\n[summarizer]\n{summarizer}\n', encoding="utf-8"
    )
    return path


def test_a_configured_model_folder_that_does_not_exist_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-model"
    config = write_config(tmp_path, f'model = "{missing}"')
    assert main(["-c", str(config), "summarize", str(ARTICLE)]) == 2
    line = error_line(capsys)
    assert str(missing) in line and "does not exist" in line


def test_a_configured_ctranslate2_model_whose_cache_cannot_be_written_is_a_one_line_error(
    clause_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setenv("NASHRA_CACHE_DIR", str(not_a_folder))
    config = write_config(
        tmp_path, f'model = "{clause_dir}"\nengine = "ctranslate2"\nrestrict_vocabulary = true'
    )
    assert main(["-c", str(config), "summarize", str(ARTICLE), "--json"]) == 2
    line = error_line(capsys)
    assert str(not_a_folder) in line and "writable folder" in line


def test_without_a_configured_model_the_extractive_summaries_are_the_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, 'model = ""')
    assert main(["-c", str(config), "summarize", str(ARTICLE)]) == 0
    assert "درعا" in capsys.readouterr().out


def test_pending_with_a_configured_model_that_cannot_load_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-model"
    config = write_config(tmp_path, f'model = "{missing}"')
    assert main(["-c", str(config), "ingest", str(ARTICLE)]) == 0
    capsys.readouterr()

    assert main(["-c", str(config), "summarize", "--pending"]) == 2

    line = error_line(capsys)
    assert str(missing) in line
    with sqlite3.connect(tmp_path / "nashra.db") as db:
        assert db.execute("SELECT COUNT(*) FROM summaries").fetchone() == (0,)


def test_a_stored_article_without_a_database_is_refused_before_the_model_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, f'model = "{tmp_path / "no-such-model"}"')

    assert main(["-c", str(config), "summarize", "42"]) == 2

    (line,) = capsys.readouterr().err.strip().splitlines()
    assert str(tmp_path / "nashra.db") in line and "does not exist" in line
    assert "no-such-model" not in line


def fail_every_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model loads, then fails on every batch (a file damaged after the load, a device lost)."""
    from summarizer.service import Summarizer

    def failing(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the model's device is gone")

    monkeypatch.setattr(Summarizer, "_generate", failing)


def test_a_stored_article_whose_model_fails_on_its_batch_is_a_one_line_error_storing_nothing(
    clause_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, f'model = "{clause_dir}"')
    assert main(["-c", str(config), "ingest", str(ARTICLE)]) == 0
    capsys.readouterr()
    fail_every_batch(monkeypatch)

    assert main(["-c", str(config), "summarize", "1"]) == 2

    line = error_line(capsys)
    assert "the model's device is gone" in line
    with sqlite3.connect(tmp_path / "nashra.db") as db:
        assert db.execute("SELECT COUNT(*) FROM summaries").fetchone() == (0,)


def test_a_path_whose_model_fails_on_its_batch_is_a_one_line_error(
    clause_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, f'model = "{clause_dir}"')
    fail_every_batch(monkeypatch)

    assert main(["-c", str(config), "summarize", str(ARTICLE)]) == 2

    line = error_line(capsys)
    assert "the model's device is gone" in line
