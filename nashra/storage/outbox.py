"""The outbox: every message Nashra owes somebody, one row per (chat, kind, slot, part).

Exactly once per story, and the one exception
==============================================

Telegram offers no idempotency key, so "each subscriber gets every story of its regions once" is
built from owing (this module and :mod:`nashra.storage.digests`) and sending (:mod:`nashra.delivery`).

**Owing: the key is the window.** A subscriber's digests cover consecutive windows of ingestion time:
(``last_digest_at``, cutoff]. A run owes a subscriber's window in ONE transaction that inserts its
outbox rows (or, for a cycle's plain subscriber, names the edition it is owed, whose rows are written
later: :func:`materialize_owed`) and sets ``last_digest_at = cutoff`` together, and only if
``last_digest_at`` still holds the value the run read when it composed the digest (compare and set,
see ``commit_slot``). The rows of a digest are keyed (chat, "<run slot>/<window end>", part). Hence:

1. *No story twice.* The windows of one chat never overlap: each starts where the previous one ended,
   and a run that read an older start (a second process, /digest racing the scheduled run, a job run
   again, the catch-up after a restart) owes that chat nothing. A story belongs to exactly one window.
2. *No story lost.* A window moves only in the transaction that owes what it holds: a run that dies
   before its commit leaves the window where it was, and the next run composes it again. Two runs in
   one minute, a personal slot run again, a daylight-saving night: each owes its own, later window
   under its own key, so ``INSERT OR IGNORE`` never swallows a message while the window moves on
   (the fault of the earlier key (chat, minute slot)). Every story of a window is visible to the run
   that owes it: articles are stamped inside their write transaction, and the cutoff is read after
   this process held the write lock (``settled_instant``), so nothing stamped before the cutoff can
   commit after the sections were read.
3. *What a window holds is fixed.* A digest row lists immutable ``digest_fragments`` (stored by content
   hash before the rows that list them), so its text is fixed when it is owed.

A digest capped by ``max_items_per_digest`` or a subscriber's keyword filters owes what the cap and
the filters keep; that is the subscriber's choice, not a loss. Alerts and broadcasts are written the
same way (alert row + its outbox rows in one transaction), keyed by the alert's id, with their text in
the row.

**Sending: claim, send, mark.** The sender (:mod:`nashra.delivery.sender`), the only one on this database
(it holds the sender lease), loads pending rows, sends each, and records the outcome (``sent`` with the
Telegram message id, ``blocked``, ``failed``, or ``pending`` again with ``not_before`` for a retry). A
message split into pieces records the offset of its text already sent after each piece. A message of a
chat that paused is ``held`` until it resumes, then owed again under a new id (:func:`hold_messages`,
:func:`owe_held_again`: the rule of what a paused chat receives). Outcomes are committed in small
group commits as soon as they arrive. Row ids are never reused (AUTOINCREMENT): the sender reads
pending rows after the last id it loaded, and records outcomes by id, so an id must name one message
forever, even after a pending row was deleted (an outcome whose row /resume owed again under a new id
follows the message's key to it, :meth:`OutboxStore.record`). After a crash or restart the sender
reads the ``pending`` rows again; a row marked ``sent`` is never sent again.

**The in-flight window (the exception).** A message that Telegram accepted but whose outcome was not
yet committed when the process died (SIGKILL, power loss, a disk that refuses writes) is still
``pending`` and is sent again. The sender never has more than ``delivery.max_in_flight`` such sends:
a send counts from its start until its outcome is committed, and sending pauses while the count is
full. So a crash repeats at most ``max_in_flight`` messages, each once, and loses none.

**Unknown outcomes (the trade-off).** A request that timed out, was cut off, or got an answer that
cannot be read may have been delivered. With ``delivery.retry_unknown_outcome = true`` (the default) it
is sent again and may arrive twice; with ``false`` it is marked failed and may never arrive. The rate
of such repeats against a slow Bot API is measured by ``benchmarks/delivery.py`` (docs/delivery.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from nashra.retention import FRAGMENT_MARGIN
from nashra.storage.db import Database, to_db_time, utcnow

log = logging.getLogger(__name__)

PRIORITY_ALERT = 20
PRIORITY_BROADCAST = 10
PRIORITY_DIGEST = 0
PRIORITIES = (PRIORITY_ALERT, PRIORITY_BROADCAST, PRIORITY_DIGEST)
STATES = ("pending", "sent", "blocked", "failed", "held")
"""A row's states: ``pending`` (the sender sends it), settled (``sent``, ``blocked``, ``failed``), or
``held``: a message owed to a chat that paused before it was sent, neither sent nor settled until the
chat resumes (:func:`hold_messages`, :func:`owe_held_again`; migration 0243)."""
UNSETTLED = "state IN ('pending', 'held')"
"""SQL condition on an ``outbox`` row: not settled yet (pending, or held for a paused chat). Such a row
is never pruned, nor the fragments it lists; it is withdrawn with its chat (/stop, an unbound channel),
moved with it (a group that became a supergroup) or with its forum topic's deletion (to General), and
blocked with it."""
PRUNE_BATCH = 10_000
OWED_BATCH = 1000
"""Subscribers whose owed editions the sender turns into outbox rows at a time (about 1,200 messages,
40 s of sending at 30 msg/s): enough to keep its queue full, one short transaction each."""

_FIRST_CHAT = -(2**63)


@dataclass(frozen=True, slots=True)
class Pruned:
    """What :meth:`OutboxStore.prune_settled` deleted: settled messages (``alerts`` of them alert or
    broadcast messages, the rest digest messages), unused digest fragments, and the digest editions
    no subscriber is owed any more."""

    messages: int
    fragments: int
    alerts: int = 0
    editions: int = 0  # digest editions no subscriber is owed any more (their rows are written)


def _listed_ids(rows: Iterable[Sequence[str]]) -> set[int]:
    """Every fragment id the fragment lists of ``rows`` (one list first in each) name; a list no reader
    can take names none (it cannot be sent either: :meth:`OutboxStore.load_pending` fails its row)."""
    ids: set[int] = set()
    for row in rows:
        with contextlib.suppress(ValueError):
            ids.update(fragment_ids(row[0]))
    return ids


def fragment_ids(listed: str) -> list[int]:
    """The ``digest_fragments`` ids of a digest row's ``fragments`` (ids separated by whitespace), in
    order: how every reader of a row takes them. Raises ValueError for anything else in the list."""
    return [int(i) for i in listed.split()]


MessageKey = tuple[int, str, str, int]
"""A message's (chat id, kind, slot, part): unique among the outbox's rows, and kept when /resume owes a
held message again under a new id, so it names the message whatever its row's id."""


@dataclass(frozen=True, slots=True)
class HeldChange:
    """What /pause or /resume did to the chat's messages not sent yet: at /pause how many were
    ``held``; at /resume how many were ``owed`` again and how many alert or broadcast messages had
    ``expired`` and were dropped unsent (:func:`owe_held_again`)."""

    held: int = 0
    owed: int = 0
    expired: int = 0


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
    sent_offset: int = 0
    language: str = "ar"
    # When it was owed (``created_at``), and the chat's own time zone ("" when it has none): a late
    # alert says when it was issued (nashra.delivery.late).
    created_at: str = ""
    timezone: str = ""

    @property
    def is_group(self) -> bool:
        return self.chat_kind in ("group", "supergroup")

    @property
    def key(self) -> MessageKey:
        return (self.chat_id, self.kind, self.slot, self.part)


@dataclass(slots=True)
class Outcome:
    """What happened to one send: the row's new state and bookkeeping."""

    row_id: int
    state: str
    attempts: int
    error: str | None = None
    message_id: int | None = None
    not_before: str | None = None
    sent_offset: int = 0
    # A message Telegram accepted: until this outcome is committed, a crash would send it again.
    settles: bool = False
    # The message's key: when its row was owed again under a new id meanwhile (the chat paused and
    # resumed while it was being sent), the outcome is the new row's (see OutboxStore.record).
    key: MessageKey | None = None

    @property
    def final(self) -> bool:
        """Whether the message is done with: sent, blocked or failed (not a retry, nor a piece of it)."""
        return self.state != "pending"


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

    @property
    def db(self) -> Database:
        return self._db

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

    async def alert_counts(self, alert_id: int) -> dict[str, int]:
        """The messages of one alert or broadcast by state (:data:`STATES`: ``held`` are those waiting
        for their paused chat to resume), ``expired``: held longer than its chat's pause allowed,
        dropped unsent at /resume (:func:`owe_held_again`), and ``withdrawn``: still unsent when their
        chat was forgotten or unbound (:func:`withdraw_unsettled`). Its rows in the outbox plus those
        :meth:`prune_settled` deleted, so the counts stay the same after a prune; together they are
        every message the alert was owed as.

        Read in one statement once no write of this connection is open: a prune moves counts from the
        outbox to the alert in one transaction, and a reading in the middle of it would see them twice
        or not at all.
        """
        rows = await self._db.fetchall_after_writes(
            "SELECT state, SUM(n) AS n FROM ("
            # "kind <> 'digest'" lets the alerts' own index (migration 0220) serve the count.
            "SELECT state, COUNT(*) AS n FROM outbox "
            "WHERE kind <> 'digest' AND kind IN ('alert', 'broadcast') AND slot = ? GROUP BY state "
            "UNION ALL SELECT 'sent', pruned_sent FROM alerts WHERE id = ? "
            "UNION ALL SELECT 'blocked', pruned_blocked FROM alerts WHERE id = ? "
            "UNION ALL SELECT 'failed', pruned_failed FROM alerts WHERE id = ? "
            "UNION ALL SELECT 'expired', expired FROM alerts WHERE id = ? "
            "UNION ALL SELECT 'withdrawn', withdrawn FROM alerts WHERE id = ?"
            ") GROUP BY state",
            (alert_slot(alert_id), alert_id, alert_id, alert_id, alert_id, alert_id),
        )
        counts = dict.fromkeys((*STATES, "expired", "withdrawn"), 0)
        counts.update({row["state"]: int(row["n"]) for row in rows})
        return counts

    async def last_sent(self, chat_id: int, kind: str) -> list[str]:
        """The texts of the chat's latest slot of ``kind`` that was sent, part by part: what the chat last
        received (empty when nothing was). Digest parts stored as fragments are put together again."""
        rows = await self._db.fetchall(
            "SELECT text, fragments FROM outbox WHERE chat_id = ? AND kind = ? AND state = 'sent' AND slot = "
            "(SELECT slot FROM outbox WHERE chat_id = ? AND kind = ? AND state = 'sent' "
            "ORDER BY id DESC LIMIT 1) ORDER BY part",
            (chat_id, kind, chat_id, kind),
        )
        ids = sorted({i for row in rows if row["fragments"] for i in fragment_ids(row["fragments"])})
        found = await self._db.fetchall(
            "SELECT id, html FROM digest_fragments WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
        html = {int(r["id"]): str(r["html"]) for r in found}
        return [
            "".join(html[i] for i in fragment_ids(row["fragments"])) if row["fragments"] else str(row["text"])
            for row in rows
        ]

    async def digest_sent_to(self, chat_id: int) -> bool:
        """Whether the chat was ever sent a digest message (among the rows kept: see
        :meth:`prune_settled`). A window can move without one: an empty digest is not sent."""
        return await self._has_digest(chat_id, "sent")

    async def digest_pending_to(self, chat_id: int) -> bool:
        """Whether a digest message owed to the chat is still waiting to be sent: owed by a slot that
        ran a moment ago (as a row, or by reference: see :func:`materialize_owed`), or held back by
        Telegram's rate limits."""
        row = await self._db.fetchone(
            "SELECT 1 FROM subscribers WHERE chat_id = ? AND owed_edition IS NOT NULL", (chat_id,)
        )
        return row is not None or await self._has_digest(chat_id, "pending")

    async def _has_digest(self, chat_id: int, state: str) -> bool:
        row = await self._db.fetchone(
            "SELECT 1 FROM outbox WHERE chat_id = ? AND kind = 'digest' AND state = ? LIMIT 1",
            (chat_id, state),
        )
        return row is not None

    async def pending_count(self, due_by: str | None = None, *, through: int | None = None) -> int:
        """Pending messages: the pending rows and the messages of the editions owed by reference
        (:func:`materialize_owed`, due at once); with ``due_by`` (a database time), only those that
        may be sent by then (no ``not_before``, or one not later); with ``through`` (an outbox id, see
        :meth:`last_id`), only the rows owed up to it (an edition owed by reference has no id yet)."""
        if through is None:
            return await self._pending_rows(due_by) + await self.owed_messages()
        return await self._pending_rows(due_by, through=through)

    async def owed_messages(self) -> int:
        """The messages of the editions owed by reference and not written as rows yet, to chats that
        have not blocked the bot (:func:`materialize_owed` writes none for those); read from the owed
        subscribers' own index."""
        row = await self._db.fetchone(
            "SELECT COALESCE(SUM(d.parts), 0) AS n FROM subscribers s "
            "JOIN digest_editions d ON d.id = s.owed_edition WHERE s.owed_edition IS NOT NULL "
            "AND s.blocked = 0"
        )
        return int(row["n"]) if row else 0

    async def owe_next(
        self, after: int | None, subscribers: int | None = None
    ) -> tuple[int | None, IdRange | None]:
        """Write the outbox rows of the next ``subscribers`` (default :data:`OWED_BATCH`) subscribers
        owed an edition by reference after chat id ``after`` (None: from the first), in chat id order,
        in one transaction (see
        :func:`materialize_owed`). Returns (the last chat id taken, None when none is owed after
        ``after``; the ids of the rows written, None when none was: a blocked chat gets none). Called
        by the sender when its queue of digests runs low, so the
        rows of a million-subscriber cycle are written as they are sent, not in the cycle."""
        start = _FIRST_CHAT if after is None else after
        row = await self._db.fetchone(
            "SELECT MAX(chat_id) AS last FROM (SELECT chat_id FROM subscribers "
            "WHERE owed_edition IS NOT NULL AND chat_id > ? ORDER BY chat_id LIMIT ?)",
            (start, subscribers or OWED_BATCH),
        )
        if row is None or row["last"] is None:
            return None, None
        last = int(row["last"])
        async with self._db.transaction() as conn:
            first = await outbox_sequence(conn)
            added = await materialize_owed(conn, "s.chat_id > ? AND s.chat_id <= ?", (start, last), utcnow())
            ids = written(first, await outbox_sequence(conn)) if added else None
        return last, ids

    async def owe_all(self, batch: int | None = None) -> list[IdRange]:
        """Write the rows of every edition owed by reference, ``batch`` subscribers per transaction;
        returns the id ranges written (what ``nashra digest`` reports its run by)."""
        ranges: list[IdRange] = []
        after: int | None = None
        while True:
            after, ids = await self.owe_next(after, batch)
            if after is None:
                return ranges
            add_range(ranges, ids)

    async def _pending_rows(self, due_by: str | None = None, *, through: int | None = None) -> int:
        if through is not None:
            # "+id": the pending rows' index, not the primary key's range over every row owed before.
            row = await self._db.fetchone(
                "SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND +id <= ?", (through,)
            )
        elif due_by is None:
            row = await self._db.fetchone("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'")
        else:
            row = await self._db.fetchone(
                "SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' "
                "AND (not_before IS NULL OR not_before <= ?)",
                (due_by,),
            )
        return int(row["n"]) if row else 0

    async def still_pending(self, ids: Sequence[int]) -> set[int]:
        """Those of ``ids`` still pending: a row missing from the answer was withdrawn since it was
        loaded (its chat sent /stop, or another actor settled it); one query on the primary key, of
        committed rows only (see :meth:`Database.fetchall_committed`): a withdrawal not committed yet
        may still be rolled back.
        """
        if not ids:
            return set()
        rows = await self._db.fetchall_committed(
            "SELECT id FROM outbox WHERE state = 'pending' AND id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        )
        return {int(row[0]) for row in rows}

    async def load_pending(self, priority: int, after_id: int, limit: int) -> list[OutboxRow]:
        """Pending rows of one priority after ``after_id``, oldest first (keyset pagination); committed
        rows only (see :meth:`Database.fetchall_committed`): rows a digest chunk is still writing may be
        rolled back and their ids given out again, and the cursor would already have passed them.
        Transactions commit in id order (one writer at a time), so no committed row is ever behind the
        cursor."""
        rows = await self._db.fetchall_committed(
            "SELECT o.id, o.chat_id, o.kind, o.slot, o.part, o.thread_id, o.text, o.fragments, o.priority, "
            "o.attempts, o.not_before, o.link_preview, o.sent_offset, o.created_at, "
            "COALESCE(s.kind, CASE WHEN o.chat_id < 0 THEN 'group' ELSE 'private' END) "
            "AS chat_kind, COALESCE(s.language, 'ar') AS language, COALESCE(s.timezone, '') AS timezone "
            "FROM outbox o LEFT JOIN subscribers s ON s.chat_id = o.chat_id "
            "WHERE o.state = 'pending' AND o.priority = ? AND o.id > ? ORDER BY o.id LIMIT ?",
            (priority, after_id, limit),
        )
        lists: dict[int, list[int]] = {}
        broken: dict[int, str] = {}
        for row in rows:
            if row["fragments"]:
                try:
                    lists[row["id"]] = fragment_ids(row["fragments"])
                except ValueError:
                    broken[row["id"]] = f"unreadable digest fragment list {row['fragments']!r}"
        listed = {i for ids in lists.values() for i in ids}
        html: dict[int, str] = {}
        if listed:
            found = await self._db.fetchall(
                "SELECT id, html FROM digest_fragments WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(listed)),),
            )
            html = {r["id"]: r["html"] for r in found}
        for row_id, ids in lists.items():
            missing = [i for i in ids if i not in html]
            if missing:
                broken[row_id] = f"digest fragment {missing[0]} is missing"
        if broken:
            await self._fail_unreadable(broken)
        return [
            OutboxRow(
                id=row["id"],
                chat_id=row["chat_id"],
                kind=row["kind"],
                slot=row["slot"],
                part=row["part"],
                thread_id=row["thread_id"],
                text="".join([html[i] for i in lists[row["id"]]]) if row["fragments"] else row["text"],
                priority=row["priority"],
                attempts=row["attempts"],
                not_before=row["not_before"],
                chat_kind=row["chat_kind"],
                link_preview=bool(row["link_preview"]),
                sent_offset=int(row["sent_offset"]),
                language=row["language"],
                created_at=row["created_at"] or "",
                timezone=row["timezone"],
            )
            for row in rows
            if row["id"] not in broken
        ]

    async def _fail_unreadable(self, broken: dict[int, str]) -> None:
        """Settle as failed the pending rows whose text cannot be put together (row id: why), each said
        in the log: one such row must not stop the sender from reading the rows after it."""
        now = utcnow()
        async with self._db.transaction() as conn:
            await conn.executemany(
                "UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? "
                "WHERE id = ? AND state = 'pending'",
                [(why, now, row_id) for row_id, why in broken.items()],
            )
        for row_id, why in broken.items():
            log.error("outbox row %d cannot be sent: %s; it is marked failed", row_id, why)

    async def record(self, outcomes: Sequence[Outcome], blocked_chats: Iterable[int] = ()) -> None:
        """Commit send outcomes in one transaction; chats that blocked the bot get marked blocked.

        A blocked chat's subscriber row gets ``blocked = 1`` (so no new digest or alert is owed to it)
        and its other pending or held rows become ``blocked`` too. An outcome with the message's
        ``key`` whose row is gone applies to the row that owes the same message again (see
        :func:`owe_held_again`).
        """
        now = utcnow()
        blocked = sorted(set(blocked_chats))
        # A row held since its send began (the chat paused meanwhile) stays held unless the send
        # settled it: delivered, it is sent, and never owed again on /resume.
        update = (
            "UPDATE outbox SET "
            "state = CASE WHEN state = 'held' AND ?1 = 'pending' THEN 'held' ELSE ?1 END, "
            "attempts = ?2, last_error = ?3, message_id = ?4, not_before = ?5, sent_offset = ?6, "
            "updated_at = ?7 "
        )
        async with self._db.transaction() as conn:
            await conn.executemany(
                update + "WHERE id = ?8",
                [
                    (o.state, o.attempts, o.error, o.message_id, o.not_before, o.sent_offset, now, o.row_id)
                    for o in outcomes
                ],
            )
            keyed = [o for o in outcomes if o.key is not None]
            if keyed:
                found = await conn.execute_fetchall(
                    "SELECT id FROM outbox WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps([o.row_id for o in keyed]),),
                )
                kept = {int(row[0]) for row in found}
                # Gone: the chat paused and resumed while the message was being sent, and /resume owed
                # it again under a new id (owe_held_again). The outcome is that row's: delivered, it is
                # not sent a second time; a piece delivered, the next one follows it.
                await conn.executemany(
                    update + "WHERE chat_id = ?8 AND kind = ?9 AND slot = ?10 AND part = ?11 AND id > ?12 "
                    f"AND {UNSETTLED}",
                    [
                        (o.state, o.attempts, o.error, o.message_id, o.not_before, o.sent_offset, now,
                         *o.key, o.row_id)
                        for o in keyed
                        if o.key is not None and o.row_id not in kept
                    ],
                )  # fmt: skip
                await settled_after_expiry(conn, [o for o in keyed if o.row_id not in kept and o.final])
            if blocked:
                # An edition still owed by reference goes with the pending rows: never sent.
                await conn.executemany(
                    "UPDATE subscribers SET blocked = 1, owed_edition = NULL, updated_at = ? "
                    "WHERE chat_id = ?",
                    [(now, chat_id) for chat_id in blocked],
                )
                await conn.executemany(
                    "UPDATE outbox SET state = 'blocked', last_error = 'chat blocked the bot', "
                    "updated_at = ? "
                    f"WHERE chat_id = ? AND {UNSETTLED}",
                    [(now, chat_id) for chat_id in blocked],
                )

    async def topic_codes(self, chat_id: int, thread_id: int) -> list[str]:
        """Region codes bound to a forum topic of the chat."""
        rows = await self._db.fetchall(
            "SELECT code FROM topics WHERE chat_id = ? AND thread_id = ? ORDER BY code", (chat_id, thread_id)
        )
        return [row["code"] for row in rows]

    async def drop_topic(self, chat_id: int, thread_id: int, notice: NewMessage | None) -> list[str]:
        """A forum topic was deleted: unbind it, send what was owed there (pending, or held for a
        paused chat) to the General topic instead, and owe ``notice`` (to the group's admins, in
        General), all in one transaction.

        The notice is owed by the answer to a send to the topic, and that send may have been under
        way when the chat paused: to a paused chat it is held, like everything owed to it
        (:func:`hold_messages`), and comes at /resume.

        Returns the region codes that were bound to the topic.
        """
        now = utcnow()
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT code FROM topics WHERE chat_id = ? AND thread_id = ? ORDER BY code",
                (chat_id, thread_id),
            )
            await conn.execute("DELETE FROM topics WHERE chat_id = ? AND thread_id = ?", (chat_id, thread_id))
            await conn.execute(
                "UPDATE outbox SET thread_id = NULL, updated_at = ? "
                f"WHERE chat_id = ? AND thread_id = ? AND {UNSETTLED}",
                (now, chat_id, thread_id),
            )
            if notice is not None:
                await conn.execute(
                    "INSERT OR IGNORE INTO outbox (chat_id, kind, slot, part, thread_id, text, priority, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)",
                    (
                        notice.chat_id,
                        notice.kind,
                        notice.slot,
                        notice.part,
                        notice.text,
                        notice.priority,
                        now,
                        now,
                    ),
                )
                paused = await conn.execute_fetchall(
                    "SELECT 1 FROM subscribers WHERE chat_id = ? AND paused = 1", (notice.chat_id,)
                )
                if paused:
                    await hold_messages(conn, notice.chat_id, now)
        return [row[0] for row in rows]

    async def last_id(self) -> int:
        """The largest outbox id given so far (:func:`outbox_sequence`): every row owed later has a
        larger one."""
        row = await self._db.fetchone(_SEQUENCE_SQL)
        return int(row[0]) if row else 0

    async def states_of(self, rows: Sequence[IdRange]) -> dict[str, int]:
        """The messages of the given id ranges by state: a digest run's rows, given the ranges its
        chunks wrote (:func:`outbox_sequence`; ``DigestRunReport.rows``), and the rows that owe one of
        them again under a new id after its chat paused and resumed (``first_id``, migration 0244: the
        row they replace is gone, and no row's own id is in another transaction's range, so each
        message counts once). Rows deleted since (/stop) are not counted. Read by primary key, and
        the rows owed again by their own index: digest rows have no index by slot (migration 0220).
        """
        counts = dict.fromkeys(STATES, 0)
        if not rows:
            return counts
        found = await self._db.fetchall(
            # CROSS JOIN: the ranges first, then each range's rows by primary key.
            "SELECT state, COUNT(*) AS n FROM ("
            "SELECT o.state FROM json_each(?1) AS r CROSS JOIN outbox o "
            "WHERE o.id BETWEEN json_extract(r.value, '$[0]') AND json_extract(r.value, '$[1]') "
            "UNION ALL SELECT o.state FROM json_each(?1) AS r CROSS JOIN outbox o "
            "WHERE o.first_id BETWEEN json_extract(r.value, '$[0]') AND json_extract(r.value, '$[1]')"
            ") GROUP BY state",
            (json.dumps([list(r) for r in rows]),),
        )
        counts.update({row["state"]: int(row["n"]) for row in found})
        return counts

    async def pending_of(self, rows: Sequence[IdRange], priority: int = PRIORITY_DIGEST) -> int:
        """How many messages of the given id ranges (all of ``priority``) are still pending, those owed
        again after a pause included (see :meth:`states_of`): what a run waits for while another
        process sends. Read from the index of pending rows only, and from that of the rows owed again,
        so each reading costs what is left to send, not the whole run (a million rows read once a
        second)."""
        if not rows:
            return 0
        found = await self._db.fetchone(
            "SELECT (SELECT COUNT(*) FROM json_each(?1) AS r CROSS JOIN outbox o "
            "WHERE o.state = 'pending' AND o.priority = ?2 "
            "AND o.id BETWEEN json_extract(r.value, '$[0]') AND json_extract(r.value, '$[1]')) + "
            "(SELECT COUNT(*) FROM json_each(?1) AS r CROSS JOIN outbox o "
            "WHERE o.first_id BETWEEN json_extract(r.value, '$[0]') AND json_extract(r.value, '$[1]') "
            # "+": the few rows owed again by their own index, not every pending row of the priority.
            "AND +o.state = 'pending' AND +o.priority = ?2) AS n",
            (json.dumps([list(r) for r in rows]), priority),
        )
        return int(found["n"]) if found else 0

    async def prune_settled(self, before: datetime, *, batch: int = PRUNE_BATCH) -> Pruned:
        """Delete the messages (digests, alerts, broadcasts) owed before ``before`` whose outcome is
        settled (sent, blocked or failed), then the digest editions owed before ``before`` that no
        subscriber is owed any more, then the digest fragments that no pending or held message and no
        edition still owed lists and no cycle has used since a day before ``before``. Returns what went.

        A scheduled cycle writes a row per subscriber (1.2 million for the 1M-subscriber benchmark,
        about 260 MB with its indexes), and so does an alert to a large region: kept
        forever, a year of them would fill a disk. A pending message is never deleted, however old,
        nor one waiting for a retry (it is pending, with ``not_before``), nor one held for a paused chat
        (a copy owed again on /resume keeps the row's ``created_at``, so this rule keeps its fragments).
        Settled digest rows are read again only by reports of recent slots and by a chat's last digest
        (see :data:`nashra.retention.MIN_KEEP`).
        An alert's report counts its messages by state: the rows of an alert or broadcast deleted here
        are added to its ``pruned_*`` counts in the transaction that deletes them, so
        :meth:`alert_counts` answers the same before and after. Other rows of those kinds (a notice
        that a forum topic is gone) have no report and just go.

        A cycle stamps every fragment it uses when it stores them, before it owes the rows that list
        them (:func:`nashra.storage.digests.store_fragments`), so a kept settled row (owed after
        ``before``) lists fragments stamped after ``before`` less the length of its cycle; the day of
        margin covers that. Rows go ``batch`` per transaction, oldest first, so a prune holds up the
        sender and the cycles for a moment at a time; the fragments go in the transaction of the last
        batch, so a row the sender settles meanwhile keeps its fragments. The newest fragment is kept
        (its id is never given to another text). Raises ValueError for a ``batch`` below 1.
        """
        if batch <= 0:
            raise ValueError(f"batch must be positive, not {batch}")
        cutoff = to_db_time(before)
        messages = fragments = alerts = editions = 0
        after = 0  # each batch reads on from the last row deleted, not again past rows that stay
        while True:
            async with self._db.transaction() as conn:
                found = await conn.execute_fetchall(
                    f"SELECT id, kind, slot, state FROM outbox WHERE NOT {UNSETTLED} "
                    "AND created_at < ? AND id > ? ORDER BY id LIMIT ?",
                    (cutoff, after, batch),
                )
                ids = [int(row[0]) for row in found]
                if ids:
                    await delete_settled(conn, found)
                    after = ids[-1]
                messages += len(ids)
                alerts += sum(1 for row in found if row[1] != "digest")
                if len(ids) < batch:
                    editions += await _delete_done_editions(conn, cutoff)
                    # In the transaction that deleted the last old settled rows: a row the sender
                    # settles after it is pending here, so its fragments are kept. An old row it settled
                    # while the batches were already past its id stays until the next prune: it is read
                    # in the rows up to the last one deleted, and keeps its fragments too. Only rows
                    # owed before ``before`` are read: a younger one, pending or not, lists fragments
                    # stamped after the threshold below (the rule that keeps a kept row's fragments),
                    # so the million rows a big cycle has just owed are not read under the lock.
                    listed = await conn.execute_fetchall(
                        # Each state apart: each is read from its own partial index, not the table.
                        "SELECT fragments FROM outbox WHERE state = 'pending' AND created_at < ?1 "
                        "AND fragments IS NOT NULL "
                        "UNION ALL SELECT fragments FROM outbox WHERE state = 'held' AND created_at < ?1 "
                        "AND fragments IS NOT NULL "
                        "UNION ALL SELECT fragments FROM outbox WHERE id <= ?2 AND created_at < ?1 "
                        f"AND NOT {UNSETTLED} AND fragments IS NOT NULL "
                        # The editions still owed by reference: their rows are not written yet.
                        "UNION ALL SELECT replace(d.fragments, ',', ' ') FROM digest_editions d "
                        "WHERE d.created_at < ?1 AND d.fragments IS NOT NULL",
                        (cutoff, after),
                    )
                    # Off the event loop: after a big cycle a million rows may be pending.
                    needed = await asyncio.to_thread(_listed_ids, listed)
                    changes = conn.total_changes
                    # The newest fragment stays: SQLite numbers a new row after the largest id, so
                    # deleting it would give its id to another text.
                    await conn.execute(
                        "DELETE FROM digest_fragments WHERE used_at < ? "
                        "AND id < (SELECT MAX(id) FROM digest_fragments) "
                        "AND id NOT IN (SELECT value FROM json_each(?))",
                        (to_db_time(before - FRAGMENT_MARGIN), json.dumps(sorted(needed))),
                    )
                    fragments = conn.total_changes - changes
                    break
        return Pruned(messages, fragments, alerts, editions)


# An edition's messages (``d``, a row of ``digest_editions``: see migration 0300) as a JSON array, one
# element per message: its fragment list (the ids are digits and spaces, so the list is a JSON string
# as it is), or null for its one whole-text message; empty when it has no message.
_EDITION_MESSAGES = (
    "CASE WHEN d.fragments IS NOT NULL THEN '[\"' || replace(d.fragments, ',', '\",\"') || '\"]' "
    "WHEN d.text IS NOT NULL THEN '[null]' ELSE '[]' END"
)


async def materialize_owed(conn: aiosqlite.Connection, where: str, params: Sequence[object], now: str) -> int:
    """Write the outbox rows of the editions owed to the subscribers ``s`` that ``where`` selects, and
    clear what they are owed (inside the caller's transaction); returns how many rows were written.

    The rule: a plain subscriber's digest is owed by reference (``subscribers.owed_edition``, set by a
    cycle, :mod:`nashra.storage.editions`) until the sender needs it (:meth:`OutboxStore.owe_next`), or
    until anything that must see it as rows comes first: the chat pauses (:func:`hold_messages`),
    moves (a supergroup), is owed another digest (a later cycle's chunk, /digest, :func:`commit_slot
    <nashra.storage.digests.commit_slot>`), or ``nashra digest`` reports its run. Each then calls
    this, so a chat's digests are rows in the order their windows were owed, and each is owed once.
    The rows are those the cycle would have written: the edition's window key, parts, text and
    fragments, its ``created_at`` (when it was owed), the digest priority, and a link preview per the
    subscriber's setting when the part lists fragments. A paused chat's rows are ``held``; a chat that
    blocked the bot gets none.
    """
    before = conn.total_changes
    await conn.execute(
        "INSERT OR IGNORE INTO outbox "
        "(chat_id, kind, slot, part, text, fragments, thread_id, link_preview, priority, state, "
        "created_at, updated_at) "
        "SELECT s.chat_id, 'digest', d.slot, m.key, COALESCE(d.text, ''), m.value, NULL, "
        "s.link_previews AND m.value IS NOT NULL, ?, CASE WHEN s.paused THEN 'held' ELSE 'pending' END, "
        "d.created_at, ? "
        "FROM subscribers s JOIN digest_editions d ON d.id = s.owed_edition "
        f"JOIN json_each({_EDITION_MESSAGES}) m "
        f"WHERE ({where}) AND s.owed_edition IS NOT NULL AND s.blocked = 0 ORDER BY s.chat_id, m.key",
        (PRIORITY_DIGEST, now, *params),
    )
    added = conn.total_changes - before
    await conn.execute(
        f"UPDATE subscribers AS s SET owed_edition = NULL WHERE ({where}) AND s.owed_edition IS NOT NULL",
        tuple(params),
    )
    return added


async def materialize_chats(conn: aiosqlite.Connection, chat_ids: Iterable[int], now: str) -> int:
    """:func:`materialize_owed` for these chats (inside the caller's transaction); rows written."""
    return await materialize_owed(
        conn, "s.chat_id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(chat_ids))),), now
    )


async def _delete_done_editions(conn: aiosqlite.Connection, before: str) -> int:
    """Delete the digest editions created before ``before`` that no subscriber is owed any more, with
    their messages (inside the caller's transaction); returns how many. An edition's rows, once written,
    carry their own text and fragment lists; one owed is kept, and so are the fragments it lists
    (:meth:`OutboxStore.prune_settled`). Only old ones: a cycle running now stores its editions before
    the chunk that owes them commits."""
    found = await conn.execute_fetchall(
        "SELECT id FROM digest_editions WHERE created_at < ? "
        "AND id NOT IN (SELECT owed_edition FROM subscribers WHERE owed_edition IS NOT NULL)",
        (before,),
    )
    done = json.dumps([int(row[0]) for row in found])
    await conn.execute("DELETE FROM digest_editions WHERE id IN (SELECT value FROM json_each(?))", (done,))
    return len(found)


async def hold_messages(conn: aiosqlite.Connection, chat_id: int, now: str) -> int:
    """The chat paused: every message owed to it and not sent yet is held (inside the caller's
    transaction); returns how many.

    What a paused chat receives, the one rule (docs/delivery.md, "A chat that pauses"): nothing. Its
    digests, alerts, broadcasts and notices alike wait for /resume (:func:`owe_held_again`); nothing
    new is owed to it meanwhile (the digest audience and :meth:`OutboxStore.create_alert` leave it out).
    The sender reads the state of the rows it loaded again before each send (at most
    :data:`nashra.delivery.sender.RECHECK_S` old) and drops those no longer pending, as it drops a row
    /stop withdrew; a send already under way finishes, and its outcome, if delivered, makes the row
    ``sent`` (:meth:`OutboxStore.record`), so /resume never owes it again.
    """
    # Its digest still owed by reference comes first, held (the caller has marked the chat paused).
    added = await materialize_chats(conn, [chat_id], now)
    cursor = await conn.execute(
        "UPDATE outbox SET state = 'held', updated_at = ? WHERE chat_id = ? AND state = 'pending'",
        (now, chat_id),
    )
    return added + cursor.rowcount


_HELD_COLUMNS = (
    "chat_id, kind, slot, part, thread_id, text, priority, attempts, not_before, last_error, created_at, "
    "fragments, link_preview, sent_offset"
)


async def owe_held_again(
    conn: aiosqlite.Connection, chat_id: int, now: str, max_age: timedelta | None = None
) -> HeldChange:
    """The chat resumed: its held messages are owed again, as pending rows with new ids, in the order
    they were owed (inside the caller's transaction), but for the alert and broadcast messages owed
    more than ``max_age`` before ``now``, which are dropped unsent. Returns how many of each.

    New ids, because the sender reads pending rows after the last id it loaded, and has loaded past
    these: the same row made pending again would wait for the sender's next start, and a sender in
    another process would never learn of it. Each copy keeps what the sender needs to go on where it
    stopped (attempts, the offset of its text already sent), its ``created_at`` (see
    :meth:`OutboxStore.prune_settled`), its key, by which an outcome of a send that was under way
    finds it (:meth:`OutboxStore.record`), and in ``first_id`` the id it was first owed under, by
    which a digest run counts it (:meth:`OutboxStore.states_of`).

    Stale alerts: an alert is news of the moment, and the figure of what is no longer news is
    ``[delivery] max_age_days`` (the age past which a story is never owed in a digest either), given
    here as ``max_age`` (None: none expires; a chat moved, not resumed). An alert or broadcast held
    longer than that would arrive as if it were today's. It is deleted and counted in its alert's
    ``expired`` (migration 0244), so the alert's report still accounts for every message
    (:meth:`OutboxStore.alert_counts`); one whose first pieces already reached the chat is counted
    sent, as :func:`withdraw_unsettled` counts it. Digests never expire: a held digest is the chat's
    own window of news, which no later digest covers again. Nor does a notice of no alert (a forum
    topic gone): it tells of the chat's own settings, still true.
    """
    held = await conn.execute_fetchall(
        f"SELECT id, first_id, {_HELD_COLUMNS} FROM outbox WHERE chat_id = ? AND state = 'held' ORDER BY id",
        (chat_id,),
    )
    if not held:
        return HeldChange()
    stale_before = to_db_time(datetime.fromisoformat(now) - max_age) if max_age is not None else None
    expired: Counter[int] = Counter()
    begun: Counter[int] = Counter()  # stale, but its first pieces reached the chat: counted sent
    again = []
    for row in held:
        alert = alert_of_slot(str(row["slot"])) if row["kind"] != "digest" else None
        if alert is not None and stale_before is not None and str(row["created_at"]) < stale_before:
            (begun if row["sent_offset"] else expired)[alert] += 1
        else:
            again.append(row)
    await conn.execute(
        "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps([int(row["id"]) for row in held]),),
    )
    await conn.executemany(
        "UPDATE alerts SET expired = expired + ? WHERE id = ?",
        [(count, alert) for alert, count in sorted(expired.items())],
    )
    await conn.executemany(
        "UPDATE alerts SET pruned_sent = pruned_sent + ? WHERE id = ?",
        [(count, alert) for alert, count in sorted(begun.items())],
    )
    await conn.executemany(
        f"INSERT INTO outbox ({_HELD_COLUMNS}, first_id, state, updated_at) "
        f"VALUES ({', '.join('?' for _ in _HELD_COLUMNS.split(','))}, ?, 'pending', ?)",
        [(*tuple(row)[2:], row["first_id"] or row["id"], now) for row in again],
    )
    return HeldChange(owed=len(again), expired=sum(expired.values()) + sum(begun.values()))


async def settled_after_expiry(conn: aiosqlite.Connection, outcomes: Sequence[Outcome]) -> None:
    """Count by their outcome the alert and broadcast messages that /resume dropped as stale while
    their send was under way (inside the caller's transaction): given the final outcomes whose row
    is gone, with their keys.

    :func:`owe_held_again` deletes a stale message and counts it in its alert's ``expired``, but a
    send already under way cannot be called back: delivered (or refused) after all, the message is
    counted by that outcome, as a row of that state gone from the outbox (``pruned_*``, as
    :func:`delete_settled` counts), and no longer as expired, so the alert's report says what became
    of it. A message of an alert whose row and key are gone while its chat still has a subscriber row
    was dropped as stale: the other deletions of a row not settled (/stop, an unbound channel) delete
    the chat's subscriber row with it, and what they withdrew stays counted as withdrawn whatever a
    send under way then did (:func:`withdraw_unsettled`).
    """
    rows = [
        (o.state == "sent", o.state == "blocked", o.state == "failed", alert, *o.key)
        for o in outcomes
        if o.key is not None and o.key[1] != "digest" and (alert := alert_of_slot(o.key[2])) is not None
    ]
    await conn.executemany(
        "UPDATE alerts SET expired = expired - 1, pruned_sent = pruned_sent + ?1, "
        "pruned_blocked = pruned_blocked + ?2, pruned_failed = pruned_failed + ?3 "
        "WHERE id = ?4 AND expired > 0 "
        "AND NOT EXISTS (SELECT 1 FROM outbox WHERE chat_id = ?5 AND kind = ?6 AND slot = ?7 AND part = ?8) "
        "AND EXISTS (SELECT 1 FROM subscribers WHERE chat_id = ?5)",
        rows,
    )


IdRange = tuple[int, int]
"""Outbox ids ``first`` to ``last``, both included: the rows one transaction wrote."""


async def withdraw_unsettled(conn: aiosqlite.Connection, chat_id: int) -> int:
    """Delete every message owed to ``chat_id`` and not sent yet (:data:`UNSETTLED`: pending, or held
    for a paused chat) inside the caller's transaction: the chat is forgotten (/stop) or its region
    channel unbound. Returns how many.

    The one rule for withdrawing a chat's unsent messages: an alert's or broadcast's row first adds
    itself to the alert's counts, so :meth:`OutboxStore.alert_counts` still accounts for every message
    the alert was owed as: to ``withdrawn`` (migration 0270), or to ``pruned_sent`` when its first
    pieces already reached the chat (a long message sent in pieces). The sender drops a withdrawn row
    it had loaded at its next reading of the rows' state (docs/delivery.md). A send under way cannot
    be called back: the chat may yet receive the message (or its next piece) it is counted withdrawn
    for. Its outcome is not counted again (the alert holds counts, not which chat each one is of, so
    a later outcome could only move another chat's count), and the report's total stays the audience.
    """
    rows = await conn.execute_fetchall(
        f"SELECT id, kind, slot, sent_offset FROM outbox WHERE chat_id = ? AND {UNSETTLED}", (chat_id,)
    )
    counted = Counter(
        (alert, bool(row[3]))
        for row in rows
        if row[1] != "digest" and (alert := alert_of_slot(str(row[2]))) is not None
    )
    await conn.executemany(
        "UPDATE alerts SET withdrawn = withdrawn + ?, pruned_sent = pruned_sent + ? WHERE id = ?",
        [
            (counted[alert, False], counted[alert, True], alert)
            for alert in sorted({alert for alert, _ in counted})
        ],
    )
    await conn.execute(
        "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps([int(row[0]) for row in rows]),),
    )
    return len(rows)


async def delete_settled(conn: aiosqlite.Connection, rows: Iterable[Sequence[object]]) -> None:
    """Delete settled outbox rows, given as (id, kind, slot, state), inside the caller's transaction.

    The one rule for deleting a settled message: an alert's or broadcast's row first adds its state to
    the alert's ``pruned_*`` counts (migration 0200), so :meth:`OutboxStore.alert_counts` reads the same
    before and after. Used by the daily prune and by a chat's /stop.
    """
    found = list(rows)
    reported = Counter(
        (alert, str(row[3]))
        for row in found
        if row[1] != "digest" and (alert := alert_of_slot(str(row[2]))) is not None
    )
    await conn.executemany(
        "UPDATE alerts SET pruned_sent = pruned_sent + ?, "
        "pruned_blocked = pruned_blocked + ?, pruned_failed = pruned_failed + ? WHERE id = ?",
        [
            (reported[alert, "sent"], reported[alert, "blocked"], reported[alert, "failed"], alert)
            for alert in sorted({alert for alert, _ in reported})
        ],
    )
    await conn.execute(
        "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps([int(str(row[0])) for row in found]),),
    )


async def outbox_sequence(conn: aiosqlite.Connection) -> int:
    """The largest outbox id ever given (0 before the first row; AUTOINCREMENT, so deleting rows never
    lowers it). Read inside a write transaction before and after an insert, it names the rows that
    insert wrote and no other: no other connection writes while the transaction holds the lock.

    SQLite numbers a new row after the larger of ``sqlite_sequence`` and the largest id, so both are
    read (the sequence row can be missing or behind in a database edited by hand); the largest id is
    one step down the primary key.
    """
    rows = list(await conn.execute_fetchall(_SEQUENCE_SQL))
    return int(rows[0][0])


_SEQUENCE_SQL = (
    "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0), "
    "COALESCE((SELECT MAX(id) FROM outbox), 0))"
)


def written(before: int, after: int) -> IdRange | None:
    """The id range between two :func:`outbox_sequence` readings, None when nothing was written."""
    return (before + 1, after) if after > before else None


def add_range(ranges: list[IdRange], new: IdRange | None) -> None:
    """Append ``new`` to ``ranges`` (ascending), joined to the last one when it follows it directly."""
    if new is None:
        return
    if ranges and ranges[-1][1] + 1 == new[0]:
        ranges[-1] = (ranges[-1][0], new[1])
    else:
        ranges.append(new)


ALERT_SLOT_PREFIX = "alert:"


def alert_slot(alert_id: int) -> str:
    """The outbox slot of an alert's or broadcast's rows: ``"alert:<alerts.id>"``."""
    return f"{ALERT_SLOT_PREFIX}{alert_id}"


def alert_of_slot(slot: str) -> int | None:
    """The alert id of a slot :func:`alert_slot` made, None for any other slot (a notice's, or one that
    only reads as a number, such as "alert:07": :meth:`OutboxStore.alert_counts` never counts it)."""
    number = slot.removeprefix(ALERT_SLOT_PREFIX)
    if number == slot or not (number.isascii() and number.isdigit()):
        return None
    return int(number) if alert_slot(int(number)) == slot else None


def _audience_sql(codes: Sequence[str] | None) -> tuple[str, list[str]]:
    """Chat ids subscribed to any of ``codes`` (already expanded to ancestors), or everybody."""
    if codes is None:
        return "SELECT chat_id FROM subscribers", []
    marks = ",".join("?" * len(codes)) or "NULL"
    return f"SELECT chat_id FROM subscriptions WHERE code IN ({marks})", list(codes)
