"""The database each test starts from (tests/database_template.py) is the one Nashra creates."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from nashra.storage import Database
from tests.database_template import open_database, template

_PRAGMAS = ("journal_mode", "user_version", "application_id", "page_size", "auto_vacuum", "encoding")


def _contents(
    path: Path,
) -> tuple[dict[str, object], list[tuple[object, ...]], dict[str, list[tuple[object, ...]]]]:
    """The file's header settings, its schema (tables, indexes, triggers, views) and every table's rows;
    the migrations without the time each was applied."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        pragmas = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in _PRAGMAS}
        schema = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"), key=repr)
        rows = {}
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            columns = "version, name" if table == "schema_migrations" else "*"
            rows[table] = sorted(conn.execute(f'SELECT {columns} FROM "{table}"'), key=repr)
    return pragmas, schema, rows


async def test_a_copy_of_the_template_is_the_database_open_creates(tmp_path: Path) -> None:
    await (await Database.open(tmp_path / "created.db")).close()
    await (await open_database(tmp_path / "copied.db")).close()
    assert _contents(tmp_path / "copied.db") == _contents(tmp_path / "created.db")


async def test_a_test_writing_to_its_database_leaves_the_next_ones_copy_new(tmp_path: Path) -> None:
    before = template().read_bytes()
    first = await open_database(tmp_path / "first.db")
    try:
        async with first.transaction() as conn:
            await conn.execute(
                "INSERT INTO sources (name, created_at) VALUES ('مصدر', '2026-01-01T00:00:00+00:00')"
            )
    finally:
        await first.close()
    second = await open_database(tmp_path / "second.db")
    try:
        assert await second.fetchall("SELECT name FROM sources") == []
    finally:
        await second.close()
    assert template().read_bytes() == before
    assert sorted(path.name for path in template().parent.iterdir()) == ["template.db"]
