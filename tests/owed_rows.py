"""Tests that read the outbox right after a cycle write the rows a sender would write first."""

from __future__ import annotations

from nashra.storage.db import Database
from nashra.storage.outbox import OutboxStore


async def write_owed(db: Database) -> None:
    """Write the outbox rows of every digest owed by reference, as the sender does when it needs them
    (:func:`nashra.storage.outbox.materialize_owed`)."""
    await OutboxStore(db).owe_all()
