"""Migration 0310 keeps where each chat's last digest window started: for a window that moved before it,
that is not known, so /more finds nothing left of that digest rather than stories of earlier ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from digest_seed import add_subscribers

from nashra.storage import Database
from nashra.storage import db as db_module
from nashra.storage.db import migrations
from nashra.storage.digests import last_window

ENDED = "2026-12-01T08:00:00.250000+00:00"


async def test_a_window_moved_before_the_migration_is_taken_as_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    monkeypatch.setattr(db_module, "migrations", lambda: [m for m in shipped if m[0] < 310])
    async with await Database.open(path) as old:
        await add_subscribers(old, [(1, ["SY"])], last_digest_at=ENDED)
        await add_subscribers(old, [(2, ["SY"])])
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        had, never = await last_window(db, 1), await last_window(db, 2)

    assert had is not None and never is not None
    assert (had.start, had.end, had.shown) == (ENDED, ENDED, 0)
    assert (never.start, never.end) == (None, None)
