"""Subscribers and their region subscriptions: every SQL statement about who receives what.

A subscriber is a Telegram chat (a person, a group or a channel). Region codes are ISO 3166 codes: a
country ("SY") or a first-level subdivision ("SY-DR"), whose country is the part before the dash. That
convention lets the alert audience follow the hierarchy in SQL alone: an alert for SY-DR concerns the
subscribers of SY-DR and of SY; an alert for SY concerns those of SY and of every SY-xx.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

import aiosqlite

from nashra.storage.db import Database, now_instant, utcnow
from nashra.storage.outbox import (
    UNSETTLED,
    HeldChange,
    delete_settled,
    hold_messages,
    materialize_chats,
    owe_held_again,
    withdraw_unsettled,
)

KINDS = ("private", "group", "supergroup", "channel")


@dataclass(frozen=True, slots=True)
class SubscriberRecord:
    """A row of the subscribers table, as stored (subscriptions.model.Subscriber is the domain's)."""

    chat_id: int
    kind: str
    language: str
    timezone: str | None
    digest_time: str | None
    paused: bool
    blocked: bool
    last_digest_at: str | None
    created_at: str
    updated_at: str
    # Which of the chat's lives this row is: larger for every row created after it (migration 0235).
    life: int = 0


@dataclass(frozen=True, slots=True)
class Overview:
    """Figures for the admins' /stats."""

    subscribers: int
    active: int
    paused: int
    blocked: int
    per_region: list[tuple[str, int]]
    articles: int
    last_digest_slot: str | None
    last_digest_finished_at: str | None
    last_digest_messages: int


_COLUMNS = (
    "chat_id, kind, language, timezone, digest_time, paused, blocked, last_digest_at, created_at, "
    "updated_at, life"
)


def _row(row: aiosqlite.Row) -> SubscriberRecord:
    return SubscriberRecord(
        chat_id=int(row["chat_id"]),
        kind=row["kind"],
        language=row["language"],
        timezone=row["timezone"],
        digest_time=row["digest_time"],
        paused=bool(row["paused"]),
        blocked=bool(row["blocked"]),
        last_digest_at=row["last_digest_at"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        life=int(row["life"]),
    )


class SubscriberStore:
    """Reads and writes of the ``subscribers`` and ``subscriptions`` tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, chat_id: int) -> SubscriberRecord | None:
        row = await self._db.fetchone(f"SELECT {_COLUMNS} FROM subscribers WHERE chat_id = ?", (chat_id,))
        return _row(row) if row else None

    async def ensure(self, chat_id: int, kind: str, language: str = "ar") -> SubscriberRecord:
        """The subscriber row of the chat, created with ``language`` if new; unblocks a returning chat."""
        if kind not in KINDS:
            raise ValueError(f"chat kind must be one of {', '.join(KINDS)}, not {kind!r}")
        now = utcnow()
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO subscribers (chat_id, kind, language, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind, blocked = 0, "
                "updated_at = CASE WHEN subscribers.blocked THEN excluded.updated_at "
                "ELSE subscribers.updated_at END",
                (chat_id, kind, language, now, now),
            )
        found = await self.get(chat_id)
        assert found is not None
        return found

    async def add_codes(self, chat_id: int, codes: Iterable[str]) -> list[str]:
        """Subscribe the (existing) chat to ``codes``; returns the codes that were new. Each is stamped to
        the microsecond, as stories are: a story stored after it is one the chat could be sent
        (nashra.digest.compose.History)."""
        now = now_instant()
        added = []
        async with self._db.transaction() as conn:
            for code in dict.fromkeys(c.upper() for c in codes):
                cursor = await conn.execute(
                    "INSERT OR IGNORE INTO subscriptions (chat_id, code, created_at) VALUES (?, ?, ?)",
                    (chat_id, code, now),
                )
                if cursor.rowcount:
                    added.append(code)
            if added:
                await conn.execute("UPDATE subscribers SET updated_at = ? WHERE chat_id = ?", (now, chat_id))
        return added

    async def remove_codes(self, chat_id: int, codes: Iterable[str]) -> list[str]:
        """Unsubscribe the chat from ``codes``; returns the codes it was subscribed to."""
        removed = []
        async with self._db.transaction() as conn:
            for code in dict.fromkeys(c.upper() for c in codes):
                cursor = await conn.execute(
                    "DELETE FROM subscriptions WHERE chat_id = ? AND code = ?", (chat_id, code)
                )
                if cursor.rowcount:
                    removed.append(code)
            if removed:
                await conn.execute(
                    "UPDATE subscribers SET updated_at = ? WHERE chat_id = ?", (utcnow(), chat_id)
                )
        return removed

    async def clear_codes(self, chat_id: int) -> list[str]:
        """Unsubscribe the chat from every region; returns them."""
        codes = await self.regions_of(chat_id)
        return await self.remove_codes(chat_id, codes)

    async def regions_of(self, chat_id: int) -> list[str]:
        rows = await self._db.fetchall(
            "SELECT code FROM subscriptions WHERE chat_id = ? ORDER BY code", (chat_id,)
        )
        return [row["code"] for row in rows]

    async def forget(self, chat_id: int) -> bool:
        """Delete everything stored about the chat: its settings, subscriptions and every message owed to
        it, pending or settled (what /stop promises: "all your data"). A settled alert's or broadcast's
        message leaves its state in the alert's counts (:func:`~nashra.storage.outbox.delete_settled`),
        so the admin's report of that alert stays the same; a pending one is withdrawn, as the sender
        re-checks before it sends."""
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
            await withdraw_unsettled(conn, chat_id)
            settled = await conn.execute_fetchall(
                "SELECT id, kind, slot, state FROM outbox WHERE chat_id = ?", (chat_id,)
            )
            await delete_settled(conn, settled)
            cursor = await conn.execute("DELETE FROM subscribers WHERE chat_id = ?", (chat_id,))
            return bool(cursor.rowcount)

    async def _set(self, chat_id: int, column: str, value: object) -> bool:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                f"UPDATE subscribers SET {column} = ?, updated_at = ? WHERE chat_id = ?",
                (value, utcnow(), chat_id),
            )
            return bool(cursor.rowcount)

    async def set_language(self, chat_id: int, language: str) -> bool:
        return await self._set(chat_id, "language", language)

    async def set_time(self, chat_id: int, digest_time: str | None, timezone: str | None) -> bool:
        """Personal digest time "HH:MM" in ``timezone`` (an IANA name); None for the default schedule."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE subscribers SET digest_time = ?, timezone = ?, updated_at = ? WHERE chat_id = ?",
                (digest_time, timezone, utcnow(), chat_id),
            )
            return bool(cursor.rowcount)

    async def set_paused(
        self, chat_id: int, paused: bool, *, max_age: timedelta | None = None
    ) -> HeldChange | None:
        """Pause or resume the chat, and hold or owe again its messages not sent yet, in one
        transaction; returns what became of them, None when the chat has no row.

        Paused, a chat is owed nothing (the audience and every commit leave it out, see
        :func:`nashra.storage.digests.commit_slot`) and its messages owed before, digests and alerts
        alike, are held (:func:`~nashra.storage.outbox.hold_messages`): "pause" means nothing more
        arrives. Resumed, the held ones are owed again first, but for alerts and broadcasts held
        longer than ``max_age`` (:func:`~nashra.storage.outbox.owe_held_again`), then the next
        digest covers what came meanwhile, its window starting where the last one owed ended: no story
        is lost, and none comes twice (see docs/delivery.md).
        """
        now = utcnow()
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE subscribers SET paused = ?, updated_at = ? WHERE chat_id = ?",
                (int(paused), now, chat_id),
            )
            if not cursor.rowcount:
                return None
            if paused:
                return HeldChange(held=await hold_messages(conn, chat_id, now))
            return await owe_held_again(conn, chat_id, now, max_age)

    async def set_blocked(self, chat_id: int, blocked: bool) -> bool:
        return await self._set(chat_id, "blocked", int(blocked))

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> bool:
        """A group became a supergroup: everything stored about it moves to the new chat id, at once.

        Its subscriptions, keywords, topics and region-channel binding follow the subscriber row (by
        cascade, or copied when the new id already has a row: the bot was in the supergroup before), and
        so do its pending and held outbox rows, so nothing owed is lost or sent to the dead id (held
        rows that join a row not paused are owed again at once, and pending rows that join a paused row,
        the supergroup's own, are held). The digest window
        kept is the later of the two, so no story reaches the same people twice, and the chat stays paused
        when either row was. The one place a chat
        migration is written: the outbox sender and the bot's handlers both call it.
        """
        now = utcnow()
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT chat_id, last_digest_at, paused FROM subscribers WHERE chat_id IN (?, ?)",
                (old_chat_id, new_chat_id),
            )
            found = {int(row[0]): row[1] for row in rows}
            paused = {int(row[0]) for row in rows if row[2]}
            # What either row is owed by reference becomes rows first, which move with the others.
            await materialize_chats(conn, found, now)
            if new_chat_id in found and old_chat_id in found:
                for copy in (
                    "INSERT OR IGNORE INTO subscriptions (chat_id, code, created_at) "
                    "SELECT ?, code, created_at FROM subscriptions WHERE chat_id = ?",
                    "INSERT OR IGNORE INTO keywords (chat_id, mode, phrase, shown, created_at) "
                    "SELECT ?, mode, phrase, shown, created_at FROM keywords WHERE chat_id = ?",
                    "INSERT OR IGNORE INTO topics (chat_id, code, thread_id, created_at) "
                    "SELECT ?, code, thread_id, created_at FROM topics WHERE chat_id = ?",
                    "INSERT OR IGNORE INTO region_channels (chat_id, origin, created_by, created_at) "
                    "SELECT ?, origin, created_by, created_at FROM region_channels WHERE chat_id = ?",
                ):
                    await conn.execute(copy, (new_chat_id, old_chat_id))
                windows = [w for w in (found[old_chat_id], found[new_chat_id]) if w]
                # Paused when either was: a group's /pause is not undone by its move (only /resume does).
                await conn.execute(
                    "UPDATE subscribers SET last_digest_at = ?, paused = ?, updated_at = ? WHERE chat_id = ?",
                    (max(windows) if windows else None, int(bool(paused)), now, new_chat_id),
                )
                cursor = await conn.execute("DELETE FROM subscribers WHERE chat_id = ?", (old_chat_id,))
            else:
                cursor = await conn.execute(
                    "UPDATE subscribers SET chat_id = ?, kind = 'supergroup', updated_at = ? "
                    "WHERE chat_id = ?",
                    (new_chat_id, now, old_chat_id),
                )
            await conn.execute(
                f"UPDATE OR IGNORE outbox SET chat_id = ?, updated_at = ? WHERE chat_id = ? AND {UNSETTLED}",
                (new_chat_id, now, old_chat_id),
            )
            await conn.execute(
                "UPDATE outbox SET state = 'failed', "
                "last_error = 'chat migrated; already owed at the new id', "
                f"updated_at = ? WHERE chat_id = ? AND {UNSETTLED}",
                (now, old_chat_id),
            )
            kept = await conn.execute_fetchall(
                "SELECT paused FROM subscribers WHERE chat_id = ?", (new_chat_id,)
            )
            if any(row[0] for row in kept):
                await hold_messages(conn, new_chat_id, now)
            else:
                await owe_held_again(conn, new_chat_id, now)
            return bool(cursor.rowcount)

    async def counts_per_region(self) -> list[tuple[str, int]]:
        """(code, number of active subscribers), most subscribed first."""
        rows = await self._db.fetchall(
            "SELECT s.code, COUNT(*) AS n FROM subscriptions s JOIN subscribers c ON c.chat_id = s.chat_id "
            "WHERE c.blocked = 0 GROUP BY s.code ORDER BY n DESC, s.code"
        )
        return [(row["code"], int(row["n"])) for row in rows]

    async def overview(self) -> Overview:
        totals = await self._db.fetchone(
            "SELECT COUNT(*) AS n, "
            "COALESCE(SUM(blocked = 0 AND paused = 0), 0) AS active, "
            "COALESCE(SUM(paused = 1 AND blocked = 0), 0) AS paused, "
            "COALESCE(SUM(blocked = 1), 0) AS blocked FROM subscribers"
        )
        articles = await self._db.fetchone("SELECT COUNT(*) AS n FROM articles")
        run = await self._db.fetchone(
            "SELECT slot, finished_at, messages FROM digest_runs ORDER BY started_at DESC, slot DESC LIMIT 1"
        )
        assert totals is not None and articles is not None
        return Overview(
            subscribers=int(totals["n"]),
            active=int(totals["active"]),
            paused=int(totals["paused"]),
            blocked=int(totals["blocked"]),
            per_region=await self.counts_per_region(),
            articles=int(articles["n"]),
            last_digest_slot=run["slot"] if run else None,
            last_digest_finished_at=run["finished_at"] if run else None,
            last_digest_messages=int(run["messages"]) if run else 0,
        )
