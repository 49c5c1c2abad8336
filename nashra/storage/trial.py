"""Databases made for trying Nashra (``nashra demo``, ``nashra sandbox``), told apart from a real bot's.

A trial command delivers every message its database owes to a stand-in for the Bot API. On a real bot's
database that would mark the real subscribers' pending messages and digests as sent without them
reaching anyone, and the demo would mix its sample articles and subscribers into the real ones. So a
trial command marks each database it creates, in SQLite's ``application_id`` header field
(https://www.sqlite.org/pragma.html#pragma_application_id), and treats any other database that holds
data as not its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from nashra.storage.db import Database

# "NSBT" (Nashra sandbox trial) as a big-endian 32-bit integer; 0 means an unmarked database.
TRIAL_APPLICATION_ID = 0x4E534254


@dataclass(frozen=True, slots=True)
class Holdings:
    """What a database holds, in rows: subscribers, articles and outbox messages (sent or not)."""

    subscribers: int
    articles: int
    messages: int

    @property
    def empty(self) -> bool:
        return not (self.subscribers or self.articles or self.messages)


async def is_trial(db: Database) -> bool:
    """Whether ``db`` was created by ``nashra demo`` or ``nashra sandbox``."""
    row = await db.fetchone("PRAGMA application_id")
    return row is not None and int(row[0]) == TRIAL_APPLICATION_ID


async def mark_trial(db: Database) -> None:
    """Mark ``db`` as a trial database (written in the file's header at once)."""
    await db.conn.execute(f"PRAGMA application_id = {TRIAL_APPLICATION_ID}")


async def holdings(db: Database) -> Holdings:
    row = await db.fetchone(
        "SELECT (SELECT COUNT(*) FROM subscribers), (SELECT COUNT(*) FROM articles), "
        "(SELECT COUNT(*) FROM outbox)"
    )
    assert row is not None
    return Holdings(int(row[0]), int(row[1]), int(row[2]))


async def chats(db: Database) -> set[int]:
    """Every chat the database knows: its subscribers and the chats its outbox holds messages for."""
    rows = await db.fetchall("SELECT chat_id FROM subscribers UNION SELECT chat_id FROM outbox")
    return {int(row[0]) for row in rows}
