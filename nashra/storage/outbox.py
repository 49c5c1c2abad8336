"""The outbox: every message Nashra owes somebody, one row per (chat, kind, slot, part).

Exactly-once delivery, and its one exception
============================================

Telegram offers no idempotency key, so "exactly once" is built from three rules:

1. **Owe before sending.** A digest slot is composed in chunks of due subscribers; each chunk is
   written in ONE transaction together with its subscribers' new ``last_digest_at``: either every row
   of a subscriber exists and it is marked, or nothing happened to it and the next run composes it
   again. ``INSERT OR IGNORE`` on the unique key ``(chat_id, kind, slot, part)`` makes re-running a
   slot harmless. A digest row stores its message as a list of ``digest_fragments`` ids (immutable,
   stored by content hash before the rows that list them), so the text it will send is fixed when it
   is owed. Alerts and broadcasts are written the same way (alert row + its outbox rows in one
   transaction), with their text in the row.
2. **Claim, send, mark.** The sender (:mod:`nashra.delivery.sender`) claims pending rows in memory
   (alerts first, then broadcasts, then digests), sends each once, and records the outcome
   (``sent`` with the Telegram message id, ``blocked``, ``failed``, or ``pending`` again with
   ``attempts`` + 1 and ``not_before`` for a retry). Outcomes are committed in small group commits as
   soon as they arrive, so a sent row is marked within milliseconds of Telegram's answer.
3. **Resume pending rows.** After a crash or restart the sender simply reads the ``pending`` rows again.
   Rows already marked ``sent`` are never sent twice.

The in-flight window: a message whose request had left the process, or whose success had not yet been
committed, when the process was killed (SIGKILL, power loss) is still ``pending`` after the restart and
is sent again. At most ``delivery.max_in_flight`` requests plus one group commit of outcomes can be in
that state, so a kill duplicates at most that many messages, each at most once, and loses none. A
request that times out (``TimedOut``) may also have been delivered; it is retried, which can repeat it.
Run one sender per database: two senders on the same outbox would each send the pending rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nashra.storage.db import Database, utcnow

PRIORITY_ALERT = 20
PRIORITY_BROADCAST = 10
PRIORITY_DIGEST = 0
PRIORITIES = (PRIORITY_ALERT, PRIORITY_BROADCAST, PRIORITY_DIGEST)
STATES = ("pending", "sent", "blocked", "failed")


@dataclass(slots=True)
class OutboxRow:
    """A pending message as the sender holds it."""

    id: int
    chat_id: int
    kind: str
    slot: str
    part: int
    thread_id: int | None
    text: str
    priority: int
    attempts: int
    not_before: str | None
    chat_kind: str
    link_preview: bool = False

    @property
    def is_group(self) -> bool:
        return self.chat_kind in ("group", "supergroup")


@dataclass(slots=True)
class Outcome:
    """What happened to one send: the row's new state and bookkeeping."""

    row_id: int
    state: str
    attempts: int
    error: str | None = None
    message_id: int | None = None
    not_before: str | None = None


@dataclass(slots=True)
class NewMessage:
    """A row to owe: the text of one part of one message to one chat."""

    chat_id: int
    kind: str
    slot: str
    part: int
    text: str
    priority: int = PRIORITY_DIGEST
    thread_id: int | None = None


class OutboxStore:
    """SQL of the outbox and alerts tables, and the subscriber updates that delivery outcomes imply."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, messages: Sequence[NewMessage]) -> int:
        """Owe these messages (idempotent per (chat, kind, slot, part)); returns how many are new."""
        now = utcnow()
        async with self._db.transaction() as conn:
            before = conn.total_changes
            await conn.executemany(
                "INSERT OR IGNORE INTO outbox (chat_id, kind, slot, part, thread_id, text, priority, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (m.chat_id, m.kind, m.slot, m.part, m.thread_id, m.text, m.priority, now, now)
                    for m in messages
                ],
            )
            return conn.total_changes - before

    async def create_alert(
        self,
        *,
        kind: str,
        codes: Sequence[str] | None,
        texts: dict[str, str],
        raw_text: str,
        created_by: int,
    ) -> tuple[int, int]:
        """Store an alert (``codes``) or broadcast (``codes`` None) and owe it to its audience at once.

        ``texts`` maps a subscriber language to the HTML to send ("ar" is the default for others).
        Returns (alert id, audience size). Blocked and paused subscribers are left out.
        """
        now = utcnow()
        priority = PRIORITY_ALERT if kind == "alert" else PRIORITY_BROADCAST
        regions = " ".join(codes) if codes is not None else "*"
        audience_sql, audience_params = _audience_sql(codes)
        # In a forum that bound one of the alert's regions to a topic, the alert goes into that topic.
        topic_marks = ",".join("?" * len(codes or ())) or "NULL"
        topic_sql = (
            f"SELECT t.thread_id FROM topics t WHERE t.chat_id = s.chat_id AND t.code IN ({topic_marks}) "
            "ORDER BY length(t.code) DESC, t.code LIMIT 1"
        )
        topic_params = list(codes or ())
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO alerts (regions, text, created_by, created_at) VALUES (?, ?, ?, ?)",
                (regions, raw_text, created_by, now),
            )
            alert_id = int(cursor.lastrowid or 0)
            slot = alert_slot(alert_id)
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO outbox (chat_id, kind, slot, part, text, thread_id, priority, "
                "created_at, updated_at) "
                "SELECT s.chat_id, ?, ?, 0, CASE s.language WHEN 'en' THEN ? ELSE ? END, "
                f"({topic_sql}), ?, ?, ? "
                f"FROM subscribers s WHERE s.chat_id IN ({audience_sql}) "
                "AND s.blocked = 0 AND s.paused = 0",
                (
                    kind,
                    slot,
                    texts.get("en", texts["ar"]),
                    texts["ar"],
                    *topic_params,
                    priority,
                    now,
                    now,
                    *audience_params,
                ),
            )
            return alert_id, cursor.rowcount

    async def audience_size(self, codes: Sequence[str] | None) -> int:
        """How many active subscribers an alert for ``codes`` (None: everybody) would reach."""
        audience_sql, params = _audience_sql(codes)
        row = await self._db.fetchone(
            f"SELECT COUNT(*) AS n FROM subscribers s WHERE s.chat_id IN ({audience_sql}) "
            "AND s.blocked = 0 AND s.paused = 0",
            params,
        )
        return int(row["n"]) if row else 0

    async def slot_counts(self, slot: str) -> dict[str, int]:
        """Rows of one alert or broadcast slot by state."""
        rows = await self._db.fetchall(
            "SELECT state, COUNT(*) AS n FROM outbox WHERE kind IN ('alert', 'broadcast') AND slot = ? "
            "GROUP BY state",
            (slot,),
        )
        counts = dict.fromkeys(STATES, 0)
        counts.update({row["state"]: int(row["n"]) for row in rows})
        return counts

    async def last_sent(self, chat_id: int, kind: str) -> list[str]:
        """The texts of the chat's latest slot of ``kind`` that was sent, part by part: what the chat last
        received (empty when nothing was). Digest parts stored as fragments are put together again."""
        rows = await self._db.fetchall(
            "SELECT text, fragments FROM outbox WHERE chat_id = ? AND kind = ? AND state = 'sent' AND slot = "
            "(SELECT MAX(slot) FROM outbox WHERE chat_id = ? AND kind = ? AND state = 'sent') ORDER BY part",
            (chat_id, kind, chat_id, kind),
        )
        ids = sorted({int(i) for row in rows if row["fragments"] for i in row["fragments"].split()})
        found = await self._db.fetchall(
            "SELECT id, html FROM digest_fragments WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
        html = {int(r["id"]): str(r["html"]) for r in found}
        return [
            "".join(html[int(i)] for i in row["fragments"].split()) if row["fragments"] else str(row["text"])
            for row in rows
        ]

    async def pending_count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'")
        return int(row["n"]) if row else 0

    async def load_pending(self, priority: int, after_id: int, limit: int) -> list[OutboxRow]:
        """Pending rows of one priority after ``after_id``, oldest first (keyset pagination)."""
        rows = await self._db.fetchall(
            "SELECT o.id, o.chat_id, o.kind, o.slot, o.part, o.thread_id, o.text, o.fragments, o.priority, "
            "o.attempts, o.not_before, o.link_preview, "
            "COALESCE(s.kind, CASE WHEN o.chat_id < 0 THEN 'group' ELSE 'private' END) "
            "AS chat_kind "
            "FROM outbox o LEFT JOIN subscribers s ON s.chat_id = o.chat_id "
            "WHERE o.state = 'pending' AND o.priority = ? AND o.id > ? ORDER BY o.id LIMIT ?",
            (priority, after_id, limit),
        )
        listed = {int(i) for row in rows if row["fragments"] for i in row["fragments"].split()}
        html: dict[int, str] = {}
        if listed:
            found = await self._db.fetchall(
                "SELECT id, html FROM digest_fragments WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(listed)),),
            )
            html = {r["id"]: r["html"] for r in found}
        return [
            OutboxRow(
                id=row["id"],
                chat_id=row["chat_id"],
                kind=row["kind"],
                slot=row["slot"],
                part=row["part"],
                thread_id=row["thread_id"],
                text="".join([html[int(i)] for i in row["fragments"].split()])
                if row["fragments"]
                else row["text"],
                priority=row["priority"],
                attempts=row["attempts"],
                not_before=row["not_before"],
                chat_kind=row["chat_kind"],
                link_preview=bool(row["link_preview"]),
            )
            for row in rows
        ]

    async def record(self, outcomes: Sequence[Outcome], blocked_chats: Iterable[int] = ()) -> None:
        """Commit send outcomes in one transaction; chats that blocked the bot get marked blocked.

        A blocked chat's subscriber row gets ``blocked = 1`` (so no new digest or alert is owed to it)
        and its other pending rows become ``blocked`` too.
        """
        now = utcnow()
        blocked = sorted(set(blocked_chats))
        async with self._db.transaction() as conn:
            await conn.executemany(
                "UPDATE outbox SET state = ?, attempts = ?, last_error = ?, message_id = ?, not_before = ?, "
                "updated_at = ? WHERE id = ?",
                [(o.state, o.attempts, o.error, o.message_id, o.not_before, now, o.row_id) for o in outcomes],
            )
            if blocked:
                await conn.executemany(
                    "UPDATE subscribers SET blocked = 1, updated_at = ? WHERE chat_id = ?",
                    [(now, chat_id) for chat_id in blocked],
                )
                await conn.executemany(
                    "UPDATE outbox SET state = 'blocked', last_error = 'chat blocked the bot', "
                    "updated_at = ? "
                    "WHERE chat_id = ? AND state = 'pending'",
                    [(now, chat_id) for chat_id in blocked],
                )

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: move its subscriber, subscriptions and pending rows to the new id."""
        now = utcnow()
        async with self._db.transaction() as conn:
            existing = await conn.execute_fetchall(
                "SELECT 1 FROM subscribers WHERE chat_id = ?", (new_chat_id,)
            )
            if existing:
                await conn.execute(
                    "INSERT OR IGNORE INTO subscriptions (chat_id, code, created_at) "
                    "SELECT ?, code, created_at FROM subscriptions WHERE chat_id = ?",
                    (new_chat_id, old_chat_id),
                )
                for copy in (
                    "INSERT OR IGNORE INTO keywords (chat_id, mode, phrase, shown, created_at) "
                    "SELECT ?, mode, phrase, shown, created_at FROM keywords WHERE chat_id = ?",
                    "INSERT OR IGNORE INTO topics (chat_id, code, thread_id, created_at) "
                    "SELECT ?, code, thread_id, created_at FROM topics WHERE chat_id = ?",
                ):
                    await conn.execute(copy, (new_chat_id, old_chat_id))
                await conn.execute("DELETE FROM subscribers WHERE chat_id = ?", (old_chat_id,))
            else:
                await conn.execute(
                    "UPDATE subscribers SET chat_id = ?, kind = 'supergroup', updated_at = ? "
                    "WHERE chat_id = ?",
                    (new_chat_id, now, old_chat_id),
                )
            await conn.execute(
                "UPDATE OR IGNORE outbox SET chat_id = ?, updated_at = ? "
                "WHERE chat_id = ? AND state = 'pending'",
                (new_chat_id, now, old_chat_id),
            )
            await conn.execute(
                "UPDATE outbox SET state = 'failed', "
                "last_error = 'chat migrated; already owed at the new id', "
                "updated_at = ? WHERE chat_id = ? AND state = 'pending'",
                (now, old_chat_id),
            )


def alert_slot(alert_id: int) -> str:
    return f"alert:{alert_id}"


def _audience_sql(codes: Sequence[str] | None) -> tuple[str, list[str]]:
    """Chat ids subscribed to any of ``codes`` (already expanded to ancestors), or everybody."""
    if codes is None:
        return "SELECT chat_id FROM subscribers", []
    marks = ",".join("?" * len(codes)) or "NULL"
    return f"SELECT chat_id FROM subscriptions WHERE code IN ({marks})", list(codes)
