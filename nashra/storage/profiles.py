"""Subscriber profiles: each distinct (codes, language, style, item cap) a subscriber holds, interned once.

The ``profiles`` table and ``subscribers.profile`` are kept by the triggers of migration 0260 (a
digest cycle finds a plain subscriber's edition by its profile id, see
:mod:`nashra.storage.editions`). The triggers add a profile when a row first needs it and never delete
one: a change of regions, language or format can leave the old combination held by nobody. Those are
deleted here, by the daily prune.
"""

from __future__ import annotations

from nashra.storage.db import Database


async def prune_profiles(db: Database) -> int:
    """Delete the profiles no subscriber holds; returns how many went. One transaction.

    One scan of the subscribers: 0.9 s of CPU at a million subscribers holding 314,005 profiles
    (measured on the database ``benchmarks/delivery.py --compose-only`` seeds, with a tenth of the
    subscribers moved to another language first: 26,321 deleted), so it belongs to the daily prune, not
    to every change. Safe while a digest cycle runs: a profile id is never given again (AUTOINCREMENT),
    so a subscriber that takes up a pruned combination later gets a new id, which no edition the cycle
    holds is keyed by. Raises StorageError when the database refuses the write.
    """
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "DELETE FROM profiles WHERE id NOT IN (SELECT profile FROM subscribers WHERE profile IS NOT NULL)"
        )
        return cursor.rowcount


__all__ = ["prune_profiles"]
