"""A damaged, read-only or full database is named as what it is, in one line, by every command.

The databases are real: filled by the real ingest, then damaged by overwriting one page in the middle
of the file, or made read-only (file permissions when the tests run as a normal user; the immutable
attribute, which binds root too, when they run as root), or put on a tiny full file system.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from nashra.cli import main
from nashra.storage import Database, StorageError
from tests.small_disk import mounted_tmpfs

TEXTS = Path(__file__).resolve().parent / "data" / "articles" / "text"
TOKEN = "123456:storage-fault-token-abcdefghijklmnop"


@pytest.fixture
def filled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database holding the three text articles of tests/data, closed cleanly (no -wal, no -shm)."""
    path = tmp_path / "data" / "nashra.db"
    path.parent.mkdir()
    assert main(["ingest", "--db", str(path), str(TEXTS)]) == 0
    capsys.readouterr()
    assert not path.with_name("nashra.db-wal").exists()
    return path


@pytest.fixture
def damaged(filled: Path) -> Path:
    """The filled database with one page in the middle overwritten, as a failing disk leaves it."""
    with sqlite3.connect(filled) as conn:
        page_size, pages = (
            conn.execute("PRAGMA page_size").fetchone()[0],
            conn.execute("PRAGMA page_count").fetchone()[0],
        )
    conn.close()
    with filled.open("r+b") as handle:
        handle.seek(page_size * (pages // 2))
        handle.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    return filled


def _config(tmp_path: Path, db: Path) -> str:
    config = tmp_path / "nashra.toml"
    config.write_text(f'[database]\npath = "{db}"\n', encoding="utf-8")
    return str(config)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1, err
    return err[0]


COMMANDS = {
    "digest preview": ["digest", "--preview", "--regions", "YE"],
    "summarize": ["summarize", "1"],
    "ingest": ["ingest", str(TEXTS / "yemen_taiz.txt")],
    "run": ["run"],
    "digest run": ["digest", "--run"],
    "backup": ["backup"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_damaged_database_is_one_line_and_exit_2_for_reads_and_writes(
    command: str,
    damaged: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", TOKEN)
    before = _digest(damaged)
    assert main(["-c", _config(tmp_path, damaged), *COMMANDS[command]]) == 2
    line = _one_line(capsys)
    assert line.startswith(f"nashra: database {damaged} is damaged: restore a backup")
    assert _digest(damaged) == before
    assert list(damaged.parent.glob("*-backup-*")) == []


@pytest.fixture
def damaged_text(filled: Path) -> Path:
    """The filled database with one byte of a stored title flipped: every page still well formed, so
    SQLite's checks pass, but the title is no longer UTF-8."""
    with sqlite3.connect(filled) as conn:
        title = conn.execute("SELECT title FROM articles WHERE title LIKE '%اليمن%' OR id = 1").fetchone()[0]
    conn.close()
    data = bytearray(filled.read_bytes())
    data[data.index(title.encode("utf-8")) + 1] = 0xFF
    filled.write_bytes(bytes(data))
    return filled


@pytest.mark.parametrize("command", ["digest preview", "summarize"])
def test_a_stored_text_that_is_not_utf8_is_named_damage(
    command: str,
    damaged_text: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", TOKEN)
    assert main(["-c", _config(tmp_path, damaged_text), *COMMANDS[command]]) == 2
    line = _one_line(capsys)
    assert line.startswith(f"nashra: database {damaged_text} is damaged: restore a backup")
    assert "column title" in line and "\ufffd" not in line


async def test_doctor_advises_a_backup_for_a_damaged_database(damaged: Path) -> None:
    from nashra.doctor import check_database

    check = await check_database(str(damaged))
    assert check.verdict == "fail" and "damaged" in check.found
    assert "restore" in check.fix and "move" not in check.fix


async def test_doctor_never_advises_moving_a_healthy_database(filled: Path) -> None:
    from nashra.doctor import check_database

    check = await check_database(str(filled))
    assert check.verdict == "ok" and "move" not in check.fix


# -- read-only places -------------------------------------------------------------------------------


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` (a file or a folder) read-only for this process, whoever runs the tests."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"running as root and cannot make {path} immutable: {made.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_run_refuses_to_start_on_a_read_only_file(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", TOKEN)
    with read_only(filled):
        status = main(["-c", _config(tmp_path, filled), "run"])
    assert status == 2
    assert _one_line(capsys) == (
        f"nashra: database {filled} is a read-only file: give the user running Nashra write access to it"
    )


def test_ingest_into_a_read_only_file_is_one_line(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = Path(__file__).resolve().parent / "data" / "articles" / "feeds" / "news.rss"
    with read_only(filled):
        status = main(["ingest", "--db", str(filled), str(extra)])
    assert status == 2
    assert "is a read-only file" in _one_line(capsys)


def test_read_only_folder_is_named_as_a_folder(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", TOKEN)
    with read_only(filled.parent):
        status = main(["-c", _config(tmp_path, filled), "run"])
    assert status == 2
    line = _one_line(capsys)
    assert line.startswith(f"nashra: folder {filled.parent} of database {filled} is read-only")


async def test_doctor_names_a_read_only_file_and_never_advises_moving_it(filled: Path) -> None:
    from nashra.doctor import check_database

    with read_only(filled):
        check = await check_database(str(filled))
    assert check.verdict == "fail" and "is a read-only file" in check.found
    assert "move" not in check.fix and "write access to the file" in check.fix


async def test_doctor_names_a_read_only_folder_and_never_advises_moving_the_database(filled: Path) -> None:
    from nashra.doctor import check_database

    with read_only(filled.parent):
        check = await check_database(str(filled))
    assert (
        check.verdict == "fail" and f"folder {filled.parent} of database {filled} is read-only" in check.found
    )
    assert "move" not in check.fix and "write access to the folder" in check.fix


# -- a full disk --------------------------------------------------------------------------------------


@pytest.fixture
def full_disk(filled: Path, tmp_path: Path) -> Iterator[Path]:
    """The filled database on a 1 MiB tmpfs whose last byte is taken (needs the right to mount)."""
    with mounted_tmpfs(tmp_path / "small") as mount:
        path = mount / "nashra.db"
        path.write_bytes(filled.read_bytes())
        try:
            with (mount / "filler").open("wb") as filler:
                while True:
                    filler.write(b"\0" * 4096)
                    filler.flush()
        except OSError:  # the disk is full: what this fixture is for
            pass
        yield path


def test_full_disk_at_open_is_named_a_full_disk(
    full_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", TOKEN)
    assert main(["-c", _config(tmp_path, full_disk), "run"]) == 2
    assert _one_line(capsys).startswith(f"nashra: disk full: no space left for database {full_disk}")


async def test_database_at_its_size_limit_is_not_called_a_full_disk(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "n.db")
    try:
        pages = (await db.fetchone("PRAGMA page_count"))[0]
        await db.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StorageError, match="reached its size limit") as caught:
            async with db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO sources (name, created_at) VALUES (?, 'now')", ("x" * 10_000,)
                )
        assert caught.value.kind == "size_limit"
    finally:
        await db.close()


# -- backups ------------------------------------------------------------------------------------------


def test_backup_is_a_checked_copy_of_the_database(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.db"
    assert main(["backup", "--db", str(filled), str(target)]) == 0
    assert capsys.readouterr().out.startswith(f"backed up {filled} to {target} (")
    with sqlite3.connect(target) as copy, sqlite3.connect(filled) as source:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        query = "SELECT id, title, content_hash FROM articles ORDER BY id"
        assert copy.execute(query).fetchall() == source.execute(query).fetchall() != []


async def test_backup_while_the_bot_holds_a_write_transaction_is_consistent(
    filled: Path, tmp_path: Path
) -> None:
    """The backup API copies the last committed state; a write in progress is not in the copy."""
    import asyncio

    from nashra.storage.backup import backup_database

    db = await Database.open(filled)
    try:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO sources (name, created_at) VALUES ('in flight', 'now')")
            result = await asyncio.to_thread(backup_database, filled, tmp_path / "copy.db")
    finally:
        await db.close()
    with sqlite3.connect(result.path) as copy:
        names = [row[0] for row in copy.execute("SELECT name FROM sources")]
    assert "in flight" not in names and names


def test_backup_refuses_to_overwrite_without_force(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.db"
    target.write_bytes(b"keep me")
    assert main(["backup", "--db", str(filled), str(target)]) == 2
    assert target.read_bytes() == b"keep me"
    assert "already exists" in _one_line(capsys)
    assert main(["backup", "--db", str(filled), "--force", str(target)]) == 0


@contextmanager
def _committed_in_the_wal(path: Path) -> Iterator[None]:
    """A table committed to ``path`` that still lives only in its -wal file, as while the bot runs."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE committed_recently (x)")
    conn.commit()
    try:
        yield
    finally:
        conn.close()


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_backup_never_replaces_a_file_of_the_database_itself(
    filled: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """Replacing the -wal of a running database with a copy loses what was committed to it."""
    target = filled.with_name(filled.name + suffix)
    with _committed_in_the_wal(filled):
        target.touch()
        assert main(["backup", "--db", str(filled), "--force", str(target)]) == 2
        assert "the database itself" in _one_line(capsys)
        with sqlite3.connect(filled) as conn:
            tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master")]
    assert "committed_recently" in tables


def test_backup_onto_the_database_says_so_without_force(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--db", str(filled), str(filled)]) == 2
    assert "is the database itself" in _one_line(capsys)


def test_backup_never_replaces_a_database_in_use(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy put where another database's -wal still lies would have that -wal replayed onto it."""
    other = tmp_path / "other.db"
    assert main(["backup", "--db", str(filled), str(other)]) == 0
    capsys.readouterr()
    with _committed_in_the_wal(other):
        assert main(["backup", "--db", str(filled), "--force", str(other)]) == 2
        assert "-wal" in _one_line(capsys)
        with sqlite3.connect(other) as conn:
            tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master")]
    assert "committed_recently" in tables


def test_backup_never_writes_through_a_file_named_like_its_partial_copy(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The copy is written to a fresh file, never to whatever already has the name it would take."""
    target = tmp_path / "copy.db"
    bystander = tmp_path / "copy.db.partial"
    bystander.write_bytes(b"someone else's file")
    assert main(["backup", "--db", str(filled), str(target)]) == 0
    assert bystander.read_bytes() == b"someone else's file"


def test_backup_into_a_read_only_folder_is_one_line(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    with read_only(folder):
        assert main(["backup", "--db", str(filled), str(folder / "copy.db")]) == 2
    assert _one_line(capsys).startswith(f"nashra: cannot write {folder / 'copy.db'}: ")
    assert list(folder.iterdir()) == []


def test_backup_of_a_database_in_a_read_only_folder(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A snapshot mounted read-only, or a backup job run by a user who may only read: SQLite cannot
    create the -shm file a WAL database is read through, yet nothing can change the file either."""
    target = tmp_path / "copy.db"
    with read_only(filled.parent):
        assert main(["backup", "--db", str(filled), str(target)]) == 0, capsys.readouterr().err
    with sqlite3.connect(target) as copy, sqlite3.connect(filled) as source:
        query = "SELECT id, title FROM articles ORDER BY id"
        assert copy.execute(query).fetchall() == source.execute(query).fetchall() != []


@pytest.mark.parametrize("command", [["ingest", str(TEXTS)], ["digest", "--preview", "--regions", "SY"]])
def test_a_folder_given_as_the_database_is_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    assert main([*command, "--db", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"nashra: database path {folder} is a folder, not a file: point database.path (or --db) at a file, "
        f"such as {folder / 'nashra.db'}"
    ]


def test_a_database_sqlite_cannot_open_leaves_no_traceback_behind(tmp_path: Path) -> None:
    # A path SQLite cannot create a file at: aiosqlite's thread outlives the failed open unless waited for.
    script = (
        "import asyncio, sys\n"
        "from nashra.storage import Database, StorageError\n"
        "try:\n"
        "    asyncio.run(Database.open('/proc/self/nashra.db'))\n"
        "except StorageError as exc:\n"
        "    print(exc, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "/proc/self/nashra.db" in done.stderr
