"""The ``nashra`` command prints Arabic whatever encoding its output stream was given."""

from __future__ import annotations

from pathlib import Path

from tests.nashra_process import clean_env, run_nashra


def test_arabic_output_on_a_latin1_stream_is_written_as_utf8_not_an_error(
    tmp_path: Path, data_dir: Path
) -> None:
    article = data_dir / "articles" / "text" / "yemen_taiz.txt"
    title = article.read_text(encoding="utf-8").splitlines()[0]

    done = run_nashra("sections", str(article), cwd=tmp_path, env=clean_env(PYTHONIOENCODING="latin-1"))

    assert done.returncode == 0, done.stderr
    assert title in done.stdout
