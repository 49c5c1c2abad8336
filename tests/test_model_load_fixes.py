"""What to do when the summarization model cannot load for a reason outside its folder.

``nashra doctor`` advises on the model folder's files for a broken folder; a cache folder it cannot
write, or a damaged conversion in that cache, needs other advice, which the error carries.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nashra.cli import main
from nashra.config import parse_config
from nashra.doctor import check_model
from summarizer import ct2, loader

pytestmark = pytest.mark.usefixtures("fresh_model_loads")

ARTICLE = Path(__file__).resolve().parent / "data" / "summarizer" / "daraa_market.txt"


def test_a_cache_folder_that_cannot_be_written_is_advised_on_not_the_model_folder(
    clause_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setenv(ct2.CACHE_ENV, str(not_a_folder))
    config = parse_config({"summarizer": {"model": str(clause_dir), "engine": "ctranslate2"}})

    check = check_model(config)

    assert check.verdict == "fail"
    assert ct2.CACHE_ENV in check.fix
    assert "config.json" not in check.fix


def test_a_damaged_conversion_is_named_with_how_to_make_it_again(
    clause_dir: Path,
    conversion_cache: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = {"model": str(clause_dir), "engine": "ctranslate2", "device": "cpu"}
    shared = ct2.converted_dir(loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2"))
    monkeypatch.setenv(ct2.CACHE_ENV, str(tmp_path / "cache"))
    folder = ct2.cache_root() / shared.name
    shutil.copytree(shared, folder)
    (folder / "model.bin").write_bytes((folder / "model.bin").read_bytes()[:1000])  # a disk filled up
    config_file = tmp_path / "nashra.toml"
    config_file.write_text(
        "[summarizer]\n" + "".join(f'{key} = "{value}"\n' for key, value in settings.items()),
        encoding="utf-8",
    )

    assert main(["-c", str(config_file), "summarize", str(ARTICLE), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    (line,) = [line for line in err.splitlines() if line.startswith("nashra summarize: ")]
    assert str(folder) in line
    check = check_model(parse_config({"summarizer": settings}))
    assert check.verdict == "fail" and f"delete {folder}" in check.fix
