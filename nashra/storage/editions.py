"""Set-based SQL of a digest cycle for plain subscribers: one layout per edition, owed in bulk.

A *plain* subscriber has no keyword filters and no forum topics (see
:data:`nashra.storage.digests.TAILORED`), so its digest depends only on its *edition key*: its
*profile* (its codes, language and format: style, item cap) and the start of its window
(``last_digest_at``). Profiles are interned in the ``profiles`` table and the subscriber row holds its
profile's id (``subscribers.profile``, kept by the triggers of migration 0260 on every change of those
columns, subscriptions included), so a key is an integer and a short string read from the row the
statement scans, and finding a subscriber's edition compares those two. A million subscribers hold a
few hundred thousand keys at most, and far fewer in practice. Instead of reading every subscriber into
Python, a cycle:

1. finds the chat ids of the next chunk of the audience (:meth:`Editions.range_end`);
2. reads the distinct keys of that chunk not laid out yet (:meth:`Editions.new_keys`, one query), with
   their profiles' codes, language and format, which the layout needs;
3. stores each new key's messages, laid out once (:meth:`Editions.add`), in one ``digest_editions``
   row per edition (migrations 0250 and 0300), and which key is which edition in a temporary table of
   this connection, in one transaction (an edition is never stored without its key held);
4. owes the chunk in one transaction (:meth:`Editions.commit`): the subscribers still due whose key
   *now* matches an edition are owed it by reference (``owed_edition``) and their window moved to the
   cutoff, in one UPDATE; no outbox row is written. The sender writes the rows when it needs them
   (:func:`nashra.storage.outbox.materialize_owed` states the rule, and who else writes them first).

Step 4 is the compare and set of :func:`nashra.storage.digests.commit_slot`, done by SQLite on the
whole chunk: a subscriber whose window, codes, language or format changed after step 2 holds another
window or another profile (an id is never given to another combination, even once pruned), so it
matches no edition (or the edition of what it holds now, laid out from the same book): it is owed
exactly what its current state calls for, or left due (the cycle then composes it alone, see
:mod:`nashra.digest.fanout`); never a digest composed for another state.
The rows written from an edition are those :func:`~nashra.storage.digests.commit_slot` writes, so
the sender cannot tell them apart. A subscriber of the chunk still owed an edition of an earlier
cycle (the sender is behind) has its rows written first, in the same transaction, so its digests stay
in the order of their windows.

The temporary table lives in SQLite's temporary database, private to this connection, and is
dropped when the cycle ends, however it ends. The statements that write only it (creating,
emptying and dropping it) run in :meth:`Database.temporary`, which takes no lock on the database file
(so another program's writer cannot keep a failed cycle from dropping it); the editions' own rows
with their keys, and the commit, run in :meth:`Database.transaction`. None joins another
coroutine's open transaction on the shared connection. Editions stored by a cycle that dies before its
commit are owed to nobody: the daily prune deletes them
(:meth:`nashra.storage.outbox.OutboxStore.prune_settled`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count, repeat
from operator import add, itemgetter
from types import TracebackType
from typing import NamedTuple

from nashra.storage.db import Database, utcnow
from nashra.storage.digests import TAILORED, Audience, record_run, window_key
from nashra.storage.outbox import IdRange, materialize_owed, outbox_sequence, written

# Where a subscriber's edition is found: its profile (the interned codes, language and format of
# migration 0260, kept by triggers on the subscriber's own row) and the start of its window ('' for
# "never had a digest", so that keys compare with "="). An edition ``e`` of the subscriber ``s``: one
# search of the editions' primary key by an integer and a short string.
_SINCE_SQL = "COALESCE(s.last_digest_at, '')"
_MATCH = f"e.profile = s.profile AND e.since = {_SINCE_SQL}"

_serial = count(1)

KEEP_EDITIONS = 400_000
"""Editions held at once: past that, the held ones are dropped before the next chunk, and a key met
again is laid out again. Measured by ``benchmarks/delivery.py --compose-only`` (1M subscribers holding
314,005 distinct keys of 1 to 3 codes): holding them all instead of 100,000 took the cycle's peak RSS
from 127 to 187 MB (about 20 MB per 100,000 editions, each message a few fragment numbers) and its CPU
from 19.7 to 19.1 s: about 136,000 fewer layouts, less the dearer lookups in the bigger table."""


class EditionKey(NamedTuple):
    """What decides a plain subscriber's digest: where its edition is found, and what it is laid out from.

    ``profile`` and ``since`` are the edition's key, as the subscriber row holds it: ``profile`` the id
    of the row's interned (codes, language, style, max_items) (``subscribers.profile``, which migration
    0260's triggers keep), ``since`` the end of the previous digest, "" for a first digest. The other
    fields are the profile's, read with it for laying the edition out: ``codes`` the subscriber's ISO
    3166 codes, sorted and joined by one space (the row's ``codes`` column, which migration 0170's
    triggers write so), ``max_items`` its item cap, 0 for the configured one. Equal keys have equal
    fields (a profile id names one combination, never reused). A named tuple rather than a dataclass: a
    million-subscriber cycle makes hundreds of thousands of keys.
    """

    profile: int
    since: str
    codes: str
    language: str
    style: str
    max_items: int


class Edition(NamedTuple):
    """One edition's messages, as ``digest_editions`` holds them (migration 0300): ``parts`` how many
    messages it has (0 when the digest is empty and empty digests are not sent); ``empty`` whether the
    digest had no news (counted apart in the cycle's totals); ``text`` the whole text of its one
    message when that message lists no fragments (the "nothing new" notice), else None;
    ``fragments`` the fragment lists of its messages in order, each the space-separated ids of stored
    fragments that an outbox row's ``fragments`` holds, joined by "," (``"3 17 25,3 40"``: two
    messages), else None. One row per edition, not one per message: fewer rows for a cycle to write
    (:func:`nashra.storage.outbox.materialize_owed` turns them into outbox rows)."""

    key: EditionKey
    parts: int
    empty: bool
    text: str | None
    fragments: str | None


@dataclass(frozen=True, slots=True)
class ChunkOwed:
    """What :meth:`Editions.commit` owed: messages owed by reference (rows to write), subscribers
    owed, of them with no news, and the ids of the rows written at once (``write``; None when none
    was)."""

    messages: int
    subscribers: int
    empty: int
    rows: IdRange | None = None


class Editions:
    """The editions of one digest cycle over one :class:`Audience`'s plain subscribers (async context
    manager: the temporary tables exist inside it). See the module docstring for the steps."""

    def __init__(
        self,
        db: Database,
        audience: Audience,
        cutoff: str,
        *,
        slot: str,
        keep: int = KEEP_EDITIONS,
        joined_after: str | None = None,
    ) -> None:
        self._db = db
        self._window = window_key(slot, cutoff)
        self._keep = keep
        self._held = 0
        where, params = audience.where()
        # Due now, plain, and never moved back: a window already at or past the cutoff is not owed.
        self._where = f"{where} AND NOT {TAILORED} AND (s.last_digest_at IS NULL OR s.last_digest_at < ?)"
        self._params = [*params, cutoff]
        if joined_after is not None:
            # An edition marks a revised story as the chats of its key were sent it, which those that
            # began to follow a region since (to the second) may not have been: they are left due and
            # composed one by one (nashra.digest.compose.History). Only a cycle with revisions asks.
            self._where += (
                " AND NOT EXISTS (SELECT 1 FROM subscriptions x WHERE x.chat_id = s.chat_id "
                "AND x.created_at >= ?)"
            )
            self._params.append(joined_after[:19] + "+00:00")
        n = next(_serial)
        self._editions = f"temp.digest_editions_{n}"

    async def __aenter__(self) -> Editions:
        async with self._db.temporary() as conn:
            # Keyed by the key itself (WITHOUT ROWID): each subscriber's lookup is one B-tree search,
            # and the key is stored once, not again in an index (memory is what bounds KEEP_EDITIONS).
            await conn.execute(
                f"CREATE TABLE {self._editions} (profile INTEGER NOT NULL, since TEXT NOT NULL, "
                "id INTEGER NOT NULL, parts INTEGER NOT NULL, PRIMARY KEY (profile, since)) WITHOUT ROWID"
            )
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        async with self._db.temporary() as conn:
            await conn.execute(f"DROP TABLE IF EXISTS {self._editions}")

    def _range(self, after: int | None, last: int | None = None) -> tuple[str, list[object]]:
        sql, params = self._where, list(self._params)
        if after is not None:
            sql += " AND s.chat_id > ?"
            params.append(after)
        if last is not None:
            sql += " AND s.chat_id <= ?"
            params.append(last)
        return sql, params

    async def range_end(self, after: int | None, size: int) -> int | None:
        """The chat id ending the next ``size`` plain due subscribers after ``after`` (None: from the
        start); None when none is left. Chunks follow the chat id order of the outbox key."""
        if size <= 0:
            raise ValueError(f"chunk size must be positive, not {size}")
        where, params = self._range(after)
        row = await self._db.fetchone(
            f"SELECT MAX(chat_id) FROM (SELECT s.chat_id FROM subscribers s WHERE {where} "
            "ORDER BY s.chat_id LIMIT ?)",
            [*params, size],
        )
        return None if row is None or row[0] is None else int(row[0])

    async def new_keys(self, after: int | None, last: int) -> list[EditionKey]:
        """The edition keys of the due plain subscribers in (``after``, ``last``] that have no edition
        yet, with their profiles' fields; one query.

        When ``keep`` editions or more are held, their keys are dropped first, so that every key of the
        chunk is returned and laid out before the chunk is committed: memory is bounded by ``keep`` and
        one chunk's keys (the editions stay stored for the subscribers owed them).
        """
        if self._held >= self._keep:
            async with self._db.temporary() as conn:
                await conn.execute(f"DELETE FROM {self._editions}")
            self._held = 0
        where, params = self._range(after, last)
        # CROSS JOIN keeps the chunk's range of subscribers the outer loop: the profile of a row
        # without an edition is then one search of the profiles' primary key.
        rows = await self._db.fetchall(
            f"SELECT s.profile, {_SINCE_SQL}, p.codes, p.language, p.style, p.max_items "
            f"FROM subscribers s CROSS JOIN profiles p WHERE {where} AND p.id = s.profile "
            f"AND NOT EXISTS (SELECT 1 FROM {self._editions} e WHERE {_MATCH})",
            params,
        )
        # Made distinct here: SQLite would sort every row it returns for DISTINCT, and nearly every
        # row is a key of its own (those met before have editions and are not returned).
        return list(dict.fromkeys(map(EditionKey._make, rows)))

    async def add(self, editions: Sequence[Edition]) -> None:
        """Store laid-out editions, and which key is which of them, in one transaction."""
        if not editions:
            return
        now = utcnow()
        async with self._db.transaction() as conn:
            # Numbered here, under the write lock: one statement per table, not a round trip per edition.
            found = await conn.execute_fetchall(_EDITION_SEQUENCE_SQL)
            first = int(next(iter(found))[0]) + 1
            numbers = range(first, first + len(editions))
            # Each statement's rows are iterators of C functions, which SQLite's thread reads as it
            # inserts: building them in Python took the event loop's thread about 1 s of CPU per
            # million-subscriber cycle (docs/benchmarks.md). An edition's row is (id, slot, created_at)
            # followed by the edition less its key: one tuple concatenation per row.
            await conn.executemany(
                "INSERT INTO digest_editions (id, slot, created_at, parts, empty, text, fragments) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                map(
                    add,
                    zip(numbers, repeat(self._window), repeat(now)),
                    map(itemgetter(slice(1, None)), editions),
                ),
            )
            # Which key is which edition: rolled back with the editions when their rows are.
            keys = list(map(itemgetter(0), editions))
            await conn.executemany(
                f"INSERT INTO {self._editions} (profile, since, id, parts) VALUES (?, ?, ?, ?)",
                zip(
                    map(itemgetter(0), keys),
                    map(itemgetter(1), keys),
                    numbers,
                    map(itemgetter(1), editions),
                    strict=True,
                ),
            )
        # Counted once committed: a batch rolled back holds nothing.
        self._held += len(editions)

    async def commit(
        self, *, slot: str, started_at: str, cutoff: str, after: int | None, last: int, write: bool = False
    ) -> ChunkOwed:
        """Owe the digests of the due plain subscribers in (``after``, ``last``] whose key matches an
        edition by reference, and move their windows to ``cutoff`` (keeping where they started,
        ``previous_digest_at``, for /more), in one transaction (see the module docstring). The run is
        recorded in ``digest_runs`` as :func:`commit_slot` records it (its messages: those owed,
        written later).

        With ``write``, their rows are written in that transaction too, and their ids returned: a run
        that reports its own rows (``nashra digest --run``) must know them, and once committed, a
        sender in another process may write the rows of what is owed by reference first."""
        where, params = self._range(after, last)
        # The chunk's chat ids, whoever is due among them.
        chunk, bounds = (
            ("s.chat_id <= ?", [last])
            if after is None
            else ("s.chat_id > ? AND s.chat_id <= ?", [after, last])
        )
        # Those of them due now, read as the audience is (its index): a chunk of a personal time's
        # few subscribers can span the chat ids of a million others owed by reference.
        due = f"s.chat_id IN (SELECT s.chat_id FROM subscribers s WHERE {where})"
        now = utcnow()
        async with self._db.transaction() as conn:
            # Those due still owed an earlier cycle's edition get its rows first (the sender is
            # behind), so their digests stay in window order; the others stay owed by reference.
            # Nearly always the chunk owes nothing yet: one search of the owed subscribers' index
            # says so, where looking through the chunk's due subscribers took 2.5 s of CPU per
            # million-subscriber cycle (``benchmarks/delivery.py --compose-only``).
            owing = await conn.execute_fetchall(
                f"SELECT EXISTS (SELECT 1 FROM subscribers s WHERE {chunk} AND s.owed_edition IS NOT NULL)",
                bounds,
            )
            if next(iter(owing))[0]:
                await materialize_owed(conn, due, params, now)
            # An edition with no message (empty, and empty digests not sent) is owed nothing to send.
            cursor = await conn.execute(
                "UPDATE subscribers AS s SET previous_digest_at = s.last_digest_at, last_digest_at = ?, "
                "owed_edition = CASE WHEN e.parts > 0 THEN e.id END "
                f"FROM {self._editions} e WHERE {_MATCH} AND {where}",
                [cutoff, *params],
            )
            owed = cursor.rowcount
            # Counted by a second statement, through the owed subscribers' index: 1.0 s of a
            # million-subscriber cycle; the UPDATE's RETURNING, counted in Python, took longer (1.4 s;
            # 5 s more CPU for the whole cycle on a loaded VM, 2026-12-01). Those of this cycle's window
            # only: others in the range not due now are still owed what another slot owed them.
            counted = await conn.execute_fetchall(
                "SELECT COUNT(*), COALESCE(SUM(d.empty), 0), COALESCE(SUM(d.parts), 0) "
                "FROM subscribers s JOIN digest_editions d ON d.id = s.owed_edition "
                f"WHERE s.owed_edition IS NOT NULL AND {chunk} AND d.slot = ?",
                [*bounds, self._window],
            )
            sent, sent_empty, messages = (int(value) for value in next(iter(counted)))
            # Owed with no message: empty digests, not sent.
            empty = owed - sent + sent_empty
            await record_run(conn, slot, started_at, now, subscribers=owed, messages=messages)
            rows = None
            if write:
                first = await outbox_sequence(conn)
                # This window's editions only: another process may have owed others in the range.
                await materialize_owed(
                    conn,
                    f"{chunk} AND (SELECT slot FROM digest_editions WHERE id = s.owed_edition) = ?",
                    [*bounds, self._window],
                    now,
                )
                rows = written(first, await outbox_sequence(conn))
        return ChunkOwed(messages, owed, empty, rows)


_EDITION_SEQUENCE_SQL = (
    "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'digest_editions'), 0), "
    "COALESCE((SELECT MAX(id) FROM digest_editions), 0))"
)


__all__ = ["KEEP_EDITIONS", "ChunkOwed", "Edition", "EditionKey", "Editions"]
