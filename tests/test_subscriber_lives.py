"""subscribers.life: a chat's row started again after /stop is of another life than the row before it,
however soon (what /stop's buttons are tied to)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from nashra.storage import Database
from nashra.storage.subscribers import SubscriberStore


async def test_a_chat_forgotten_and_started_again_at_once_has_a_later_life(db: Database) -> None:
    store = SubscriberStore(db)
    before = await store.ensure(5, "private")
    await store.forget(5)

    after = await store.ensure(5, "private")

    assert after.created_at[:19] == before.created_at[:19] or after.created_at > before.created_at
    assert after.life > before.life


async def test_a_row_keeps_its_life_while_the_chat_goes_on(db: Database) -> None:
    store = SubscriberStore(db)
    first = await store.ensure(5, "private")
    await store.add_codes(5, ["SY"])

    assert (await store.ensure(5, "private")).life == first.life


async def test_a_new_life_is_later_than_every_life_before_even_once_all_rows_are_gone(db: Database) -> None:
    store = SubscriberStore(db)
    lives = []
    for chat in (7, 8, 7):
        lives.append((await store.ensure(chat, "private")).life)
        await store.forget(chat)

    assert lives == sorted(lives) and len(set(lives)) == 3


async def test_rows_of_before_the_column_are_given_a_life(tmp_path: Path) -> None:
    """A database made before lives were counted: its rows get one when it is opened, and a chat
    started again after that gets a later one."""
    path = tmp_path / "old.db"
    async with await Database.open(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER subscriber_life_begins")
        conn.execute("DROP TABLE subscriber_lives")
        conn.execute("ALTER TABLE subscribers DROP COLUMN life")
        conn.execute("DELETE FROM schema_migrations WHERE version = 235")
        conn.execute(
            "INSERT INTO subscribers (chat_id, kind, created_at, updated_at) "
            "VALUES (5, 'private', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
        )

    async with await Database.open(path) as db:
        store = SubscriberStore(db)
        old = await store.get(5)
        assert old is not None
        await store.forget(5)
        new = await store.ensure(5, "private")

    assert new.life > old.life
