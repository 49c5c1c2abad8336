"""Every command that reads or sends from an existing database refuses a missing one the same way:
one line naming the database, exit status 2, and no empty database left behind (a mistyped --db would
otherwise report "nothing new" or "0 subscribers")."""

from __future__ import annotations

from pathlib import Path

import pytest

from nashra.cli import main

COMMANDS = {
    "digest --preview": (["digest", "--preview", "--regions", "SY"], "digest"),
    "digest --run": (["digest", "--run", "--sandbox", "--timeout", "5"], "digest"),
    "summarize --pending": (["summarize", "--pending"], "summarize"),
    "summarize a stored id": (["summarize", "42"], "summarize"),
    "backup": (["backup"], "backup"),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_missing_database_is_refused_alike_and_not_created(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "nashr.db"
    argv, command = COMMANDS[name]
    assert main([*argv, "--db", str(typo)]) == 2
    assert capsys.readouterr().err.strip() == f"nashra {command}: database {typo} does not exist"
    assert list(tmp_path.iterdir()) == []
