"""Subscriber profiles: each distinct (codes, language, style, item cap) a subscriber holds, interned once.

The ``profiles`` table and ``subscribers.profile`` are kept by the triggers of migration 0260 (a
digest cycle finds a plain subscriber's edition by its profile id, see
:mod:`nashra.storage.editions`). The triggers add a profile when a row first needs it and never delete
one: a change of regions, language or format can leave the old combination held by nobody. Those are
deleted here, by the daily prune.
"""

from __future__ import annotations

from nashra.storage.db import Database

PRUNE_BATCH = 10_000
"""Profiles examined per write transaction of :func:`prune_profiles`. Each is one search of the
``subscribers_profile`` index (migration 0261): a batch holds the write lock for about 25 ms at a
million subscribers (0.8 s for all 314,005 profiles of the benchmark's seeded database in one
statement), so the bot's commands wait no longer than that behind the prune."""


async def prune_profiles(db: Database) -> int:
    """Delete the profiles no subscriber holds; returns how many went.

    A batch of :data:`PRUNE_BATCH` profiles (in id order) per transaction, each profile checked
    against the ``subscribers_profile`` index in the transaction that deletes it, so a subscriber
    that takes a profile up between two batches keeps it, and the write lock is never held for the
    whole table. Safe while a digest cycle runs: a profile id is never given again (AUTOINCREMENT),
    so a subscriber that takes up a pruned combination later gets a new id, which no edition the cycle
    holds is keyed by. Raises StorageError when the database refuses the write.
    """
    deleted, after = 0, 0
    while True:
        async with db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT max(id) FROM (SELECT id FROM profiles WHERE id > ? ORDER BY id LIMIT ?)",
                (after, PRUNE_BATCH),
            )
            last = next(iter(rows))[0]
            if last is None:
                return deleted
            cursor = await conn.execute(
                "DELETE FROM profiles WHERE id > ? AND id <= ? "
                "AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.profile = profiles.id)",
                (after, last),
            )
            deleted += cursor.rowcount
        after = int(last)


__all__ = ["PRUNE_BATCH", "prune_profiles"]
