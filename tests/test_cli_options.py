"""--config, --verbose and --log-json work before or after the sub-command, as people type them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.demo import ARTICLES_DIR
from tests.nashra_process import run_nashra

ARTICLE = str(ARTICLES_DIR / "01_daraa_harvest.txt")


@pytest.fixture
def small_limit(tmp_path: Path) -> Path:
    """A config whose size limit every sample article exceeds, so using it shows in the output."""
    config = tmp_path / "small.toml"
    config.write_text("[ingest]\nmax_bytes = 100\n", encoding="utf-8")
    return config


@pytest.mark.parametrize("where", ["before", "after"])
def test_config_is_read_before_or_after_the_sub_command(
    where: str, small_limit: Path, tmp_path: Path
) -> None:
    options = ["--config", str(small_limit)]
    args = [*options, "sections", ARTICLE] if where == "before" else ["sections", ARTICLE, *options]

    result = run_nashra(*args, cwd=tmp_path)

    assert result.returncode == 1
    assert "more than [ingest] max_bytes = 100 bytes" in result.stderr


def test_doctor_takes_config_after_its_name(small_limit: Path, tmp_path: Path) -> None:
    result = run_nashra("doctor", "--config", str(small_limit), "--db", "n.db", cwd=tmp_path)

    assert f"✓ config: valid: {small_limit}" in result.stdout


def test_verbose_after_the_sub_command_shows_debug_lines(tmp_path: Path) -> None:
    result = run_nashra("sections", ARTICLE, "--verbose", cwd=tmp_path)

    assert result.returncode == 0
    assert "DEBUG   nashra.cli: nashra" in result.stderr


def test_log_json_after_the_sub_command_writes_json_lines(tmp_path: Path) -> None:
    result = run_nashra("ingest", ARTICLE, "--db", "n.db", "--log-json", cwd=tmp_path)

    records = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert records and all(record["logger"].startswith("nashra") for record in records)


def test_an_option_the_command_does_not_have_is_named(tmp_path: Path) -> None:
    result = run_nashra("sections", ARTICLE, "--colour", cwd=tmp_path)

    assert result.returncode == 2
    assert "unrecognized arguments: --colour" in result.stderr
