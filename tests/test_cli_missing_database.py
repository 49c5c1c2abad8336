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


def test_a_missing_database_with_a_line_break_in_its_path_is_named_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "nashra\n\x1b[31m.db"
    assert main(["summarize", "--pending", "--db", str(typo)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "\\n\\x1b[31m.db does not exist" in err


def test_a_database_error_naming_a_path_with_a_line_break_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data\nrejected all.db"
    folder.mkdir()
    assert main(["digest", "--preview", "--regions", "SY", "--db", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "data\\nrejected all.db is a folder, not a file" in err


def test_backup_of_a_folder_says_it_is_a_folder_not_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--db", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"nashra: database path {tmp_path} is a folder, not a file: point database.path (or --db) at a "
        f"file, such as {tmp_path / 'nashra.db'}"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["ingest", "article.txt"],
        ["summarize", "--pending"],
        ["digest", "--preview", "--regions", "SY"],
        ["backup"],
        ["doctor"],
        ["demo"],
        ["run"],
        ["sandbox"],
    ],
    ids=lambda argv: argv[0],
)
def test_an_empty_database_path_is_refused_not_read_as_the_default(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--db "$DB"`` with DB unset: not the configured database, or the sandbox's, or a temporary one."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_status:
        main([*argv, "--db", ""])
    assert exit_status.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"nashra {argv[0]}: error: argument --db: an empty path was given (an unset shell variable?)"
    )
    assert list(tmp_path.iterdir()) == []
