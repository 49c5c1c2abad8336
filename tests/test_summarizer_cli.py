"""``nashra summarize``: a file, a stored article, the backlog, and bad input."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
from tiny_models import TinyModels, tiny_models_once

from nashra.cli import main
from nashra.storage import Database
from nashra.storage.summaries import SummaryStore

ARTICLE = Path(__file__).resolve().parent / "data" / "summarizer" / "article.txt"


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyModels:
    return tiny_models_once(tmp_path_factory)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "nashra.toml"
    path.write_text(f'[database]\npath = "{tmp_path / "nashra.db"}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["mt5", "bart"])
def test_summarize_a_file_with_a_model_directory_prints_json(
    tiny: TinyModels, article_file: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    model = getattr(tiny, name)
    assert main(["summarize", str(article_file), "--model", str(model), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["model"] == str(model)
    assert len(document["sections"]) >= 2
    for section in document["sections"]:
        assert set(section) == {"heading", "summary", "method", "regions"}
        assert section["summary"] and section["method"] in ("seq2seq", "extractive")
    assert any("EG" in s["regions"] for s in document["sections"])


def test_summarize_without_a_model_gives_extractive_summaries(
    article_file: Path, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-c", str(config_file), "summarize", str(article_file), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["model"] == "extractive"
    assert all(s["method"] == "extractive" for s in document["sections"])
    assert "الإسكندرية" in document["sections"][0]["summary"]


def test_pending_then_article_id_use_the_stored_summaries(
    tiny: TinyModels, article_file: Path, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-c", str(config_file), "ingest", str(article_file)]) == 0
    capsys.readouterr()
    model = str(tiny.mt5)
    assert main(["-c", str(config_file), "summarize", "--pending", "--model", model]) == 0
    assert "left" in capsys.readouterr().out

    async def stored() -> int:
        async with await Database.open(config_file.parent / "nashra.db") as db:
            row = await db.fetchone("SELECT COUNT(*) AS n FROM summaries")
            assert await SummaryStore(db).count_pending("extractive") > 0
            return int(row["n"])

    count = asyncio.run(stored())
    assert count >= 2
    assert main(["-c", str(config_file), "summarize", "1", "--model", model, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert len(document["sections"]) == count
    assert asyncio.run(stored()) == count


def test_bad_input_gives_a_one_line_error(config_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-c", str(config_file), "summarize", "no-such-file.txt"]) == 1
    assert "no-such-file.txt" in capsys.readouterr().err
    assert main(["-c", str(config_file), "summarize"]) == 2
    assert "--pending" in capsys.readouterr().err
    assert main(["-c", str(config_file), "summarize", "42"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_model_named_on_the_command_line_that_cannot_load_is_an_error(
    article_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-model"
    assert main(["summarize", str(article_file), "--model", str(missing)]) == 2
    assert "does not exist" in capsys.readouterr().err


def broken_copy(tiny: TinyModels, target: Path, kind: str) -> Path:
    """A copy of the tiny mT5 broken the way a hand-copied folder gets broken."""
    shutil.copytree(tiny.mt5, target)
    if kind == "no tokenizer files":
        for name in ("tokenizer.json", "tokenizer_config.json"):
            (target / name).unlink()
    elif kind == "another model's tokenizer":
        for name in ("tokenizer.json", "tokenizer_config.json"):
            shutil.copy(tiny.bart / name, target / name)
    elif kind == "truncated weights":
        weights = target / "model.safetensors"
        weights.write_bytes(weights.read_bytes()[:4096])
    elif kind == "no weights":
        (target / "model.safetensors").unlink()
    elif kind == "garbage config":
        (target / "config.json").write_bytes(bytes(range(256)) * 8)
    elif kind == "not a seq2seq config":
        (target / "config.json").write_text(json.dumps({"model_type": "bert"}), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("no tokenizer files", "cannot read Arabic text"),
        ("another model's tokenizer", "belong to another model"),
        ("truncated weights", "cannot load summarization model"),
        ("no weights", "cannot load summarization model"),
        ("garbage config", "cannot load summarization model"),
        ("not a seq2seq config", "cannot load summarization model"),
    ],
)
def test_a_broken_model_folder_is_a_one_line_error_naming_it(
    tiny: TinyModels,
    article_file: Path,
    tmp_path: Path,
    kind: str,
    said: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = broken_copy(tiny, tmp_path / kind.replace(" ", "-"), kind)
    assert main(["summarize", str(article_file), "--model", str(folder)]) == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("nashra summarize: ") and said in error and str(folder) in error


def test_pending_refuses_a_database_that_does_not_exist(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-c", str(config_file), "summarize", "--pending"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "nashra.db").exists()


def test_db_option_names_the_database_instead_of_the_config(
    article_file: Path, config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"
    assert main(["-c", str(config_file), "ingest", str(article_file), "--db", str(other)]) == 0
    capsys.readouterr()
    assert main(["-c", str(config_file), "summarize", "--pending", "--db", str(other)]) == 0
    assert "0 left" in capsys.readouterr().out
    assert main(["-c", str(config_file), "summarize", "1", "--db", str(other), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sections"]
    assert not (tmp_path / "nashra.db").exists()
