"""Set-based SQL of a digest cycle for plain subscribers: one layout per edition, owed in bulk.

A *plain* subscriber has no keyword filters and no forum topics (see
:data:`nashra.storage.digests.TAILORED`), so its digest depends only on its *edition key*: its codes,
the start of its window (``last_digest_at``), its language and its format (style, item cap). A
million subscribers hold a few hundred thousand keys at most, and far fewer in practice. Instead of
reading every subscriber into Python, a cycle owes its audience a chunk at a time
(:meth:`Editions.owe_chunk`), each chunk in one write transaction:

1. the next ``size`` due plain subscribers are written to a temporary table, each with the edition of
   its key (one search of the editions' primary key per subscriber), or with its key when no edition
   has it yet;
2. the distinct keys without an edition are laid out, once each, by the caller's ``lay_out`` (the
   digest's rules live in :mod:`nashra.digest`), and stored as editions in temporary tables of this
   connection; the chunk's subscribers of those keys get their edition;
3. SQLite writes the chunk's outbox rows and moves its subscribers' windows to the cutoff, one
   statement each, so no per-subscriber row crosses into Python.

Reading the chunk and owing it in one transaction is the compare and set of
:func:`nashra.storage.digests.commit_slot` made whole: no other writer (a second process, /digest, a
user's /lang or /pause on this connection) can change a subscriber between the reading of its key and
the writing of its digest, so each is owed exactly what its state then calls for, and a change asked
meanwhile applies after the chunk, to the next digest. The lock is held while the chunk's new keys are
laid out (a few tens of milliseconds for a chunk of 5,000 subscribers of distinct keys). The rows
SQLite writes are those :func:`~nashra.storage.digests.commit_slot` writes, so the sender cannot tell
them apart.

The temporary tables live in SQLite's temporary database, private to this connection, and are dropped
when the cycle ends, however it ends. Creating and dropping them runs in :meth:`Database.temporary`,
which takes no lock on the database file (so another program's writer cannot keep a failed cycle from
dropping them).
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import NamedTuple

import aiosqlite

from nashra.storage.db import Database, utcnow
from nashra.storage.digests import TAILORED, Audience, record_run, window_key, write_fragments
from nashra.storage.outbox import PRIORITY_DIGEST, IdRange, outbox_sequence, written

# A subscriber's edition key as SQL expressions on ``subscribers s``. NULLs are mapped to values no
# real key holds ('' for "never had a digest", 0 for "no item cap") so that keys compare with "=" and
# the editions' primary key serves the lookups. The codes are the subscriber row's own column, sorted
# and kept by triggers (migration 0170), so a key is read from the row the statement scans.
_KEY_COLUMNS = ("codes", "since", "language", "style", "max_items")
_KEY_TYPES = ("TEXT", "TEXT", "TEXT", "TEXT", "INTEGER")
_KEY_SQL = (
    "s.codes",
    "COALESCE(s.last_digest_at, '')",
    "s.language",
    "s.style",
    "COALESCE(s.max_items, 0)",
)
# An edition ``e`` of the subscriber's key: one search of the editions' primary key.
_MATCH = " AND ".join(f"e.{name} = {sql}" for sql, name in zip(_KEY_SQL, _KEY_COLUMNS, strict=True))

_serial = itertools.count(1)

KEEP_EDITIONS = 400_000
"""Editions held at once: past that, the held ones are dropped before the next chunk, and a key met
again is laid out again. Measured by ``benchmarks/delivery.py --compose-only`` (1M subscribers holding
314,005 distinct keys of 1 to 3 codes): holding them all instead of 100,000 took the cycle's peak RSS
from 127 to 187 MB (about 20 MB per 100,000 editions, each message a few fragment numbers) and its CPU
from 19.7 to 19.1 s: about 136,000 fewer layouts, less the dearer lookups in the bigger table."""


class EditionKey(NamedTuple):
    """What decides a plain subscriber's digest, as the subscriber row and the editions table hold it.

    ``codes`` are the subscriber's ISO 3166 codes, sorted and joined by one space (the row's ``codes``
    column, which migration 0170's triggers write so); ``since`` is the end of the previous digest,
    "" for a first digest; ``max_items`` the subscriber's item cap, 0 for the configured one. A named
    tuple rather than a dataclass: a million-subscriber cycle makes hundreds of thousands of keys, and
    each is also the SQL parameters of its edition's row.
    """

    codes: str
    since: str
    language: str
    style: str
    max_items: int


class Edition(NamedTuple):
    """One edition's messages: (text, fragments) pairs as :func:`commit_slot` takes them (a message is
    its whole ``text`` with ``fragments`` None, or the space-separated ids of its stored fragments with
    ``text`` empty); no messages when the digest is empty and empty digests are not sent. ``empty``
    says whether the digest had no news (counted apart in the cycle's totals)."""

    key: EditionKey
    messages: Sequence[tuple[str, str | None]]
    empty: bool


FragmentStore = Callable[[Sequence[str]], Awaitable[list[int]]]
"""Stores digest fragments in the open chunk's transaction; their ids in the given order (see
:func:`nashra.storage.digests.write_fragments`)."""

LayOut = Callable[[list[EditionKey], FragmentStore], Awaitable[Sequence[Edition]]]
"""Lays out a chunk's new edition keys: the editions of those whose window the digest can cover (a key
left out leaves its subscribers due). Runs inside the chunk's write transaction, so it writes to the
database only through the given :data:`FragmentStore`, never in a transaction of its own."""


@dataclass(frozen=True, slots=True)
class ChunkOwed:
    """What :meth:`Editions.owe_chunk` owed: outbox rows added, subscribers owed, of them with no news,
    and the chat id that ends the chunk (the next one starts after it)."""

    messages: int
    subscribers: int
    empty: int
    last: int
    rows: IdRange | None = None  # the ids of the outbox rows added (see nashra.storage.outbox.written)


class Editions:
    """The editions of one digest cycle over one :class:`Audience`'s plain subscribers (async context
    manager: the temporary tables exist inside it). See the module docstring for the steps."""

    def __init__(self, db: Database, audience: Audience, cutoff: str, *, keep: int = KEEP_EDITIONS) -> None:
        self._db = db
        self._keep = keep
        self._held = 0
        where, params = audience.where()
        # Due now, plain, and never moved back: a window already at or past the cutoff is not owed.
        self._where = f"{where} AND NOT {TAILORED} AND (s.last_digest_at IS NULL OR s.last_digest_at < ?)"
        self._params = [*params, cutoff]
        n = next(_serial)
        self._editions = f"temp.digest_editions_{n}"
        self._messages = f"temp.digest_edition_messages_{n}"
        self._owed = f"temp.digest_owed_{n}"
        self._next_id = 1

    async def __aenter__(self) -> Editions:
        typed = [f"{name} {kind}" for name, kind in zip(_KEY_COLUMNS, _KEY_TYPES, strict=True)]
        async with self._db.temporary() as conn:
            # Keyed by the key itself (WITHOUT ROWID): each subscriber's lookup is one B-tree search,
            # and the key is stored once, not again in an index (memory is what bounds KEEP_EDITIONS).
            await conn.execute(
                f"CREATE TABLE {self._editions} ({', '.join(f'{column} NOT NULL' for column in typed)}, "
                f"id INTEGER NOT NULL, empty INTEGER NOT NULL, PRIMARY KEY ({', '.join(_KEY_COLUMNS)})) "
                "WITHOUT ROWID"
            )
            await conn.execute(
                f"CREATE TABLE {self._messages} (edition INTEGER NOT NULL, part INTEGER NOT NULL, "
                "text TEXT NOT NULL, fragments TEXT, PRIMARY KEY (edition, part)) WITHOUT ROWID"
            )
            # A chunk's subscribers: the edition of each, or its key while it has none (NULLs elsewhere).
            await conn.execute(
                f"CREATE TABLE {self._owed} (chat_id INTEGER PRIMARY KEY, edition INTEGER, "
                f"link_preview INTEGER NOT NULL, empty INTEGER, {', '.join(typed)})"
            )
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        async with self._db.temporary() as conn:
            for table in (self._owed, self._messages, self._editions):
                await conn.execute(f"DROP TABLE IF EXISTS {table}")

    def _range(self, after: int | None) -> tuple[str, list[object]]:
        sql, params = self._where, list(self._params)
        if after is not None:
            sql += " AND s.chat_id > ?"
            params.append(after)
        return sql, params

    async def owe_chunk(
        self,
        after: int | None,
        size: int,
        lay_out: LayOut,
        *,
        slot: str,
        started_at: str,
        cutoff: str,
    ) -> ChunkOwed | None:
        """Owe the next ``size`` due plain subscribers after chat id ``after`` (None: from the start) in
        one transaction (see the module docstring); None, with nothing written, when none is left.

        Their new keys are laid out by ``lay_out`` inside the transaction; a subscriber whose key it
        leaves out stays due. When ``keep`` editions or more are held, they are dropped first, so memory
        is bounded by ``keep`` and one chunk's keys. The run is recorded in ``digest_runs`` as
        :func:`~nashra.storage.digests.commit_slot` records it. Chunks follow the chat id order of the
        outbox key, so SQLite appends to its indexes.
        """
        if size <= 0:
            raise ValueError(f"chunk size must be positive, not {size}")
        where, params = self._range(after)
        chunk = self._owed
        now = utcnow()
        async with self._db.transaction() as conn:
            if self._held >= self._keep:
                await conn.execute(f"DELETE FROM {self._messages}")
                await conn.execute(f"DELETE FROM {self._editions}")
                self._held = 0
            unknown = ", ".join(f"CASE WHEN e.id IS NULL THEN {sql} END" for sql in _KEY_SQL)
            await conn.execute(
                f"INSERT INTO {chunk} (chat_id, edition, link_preview, empty, {', '.join(_KEY_COLUMNS)}) "
                f"SELECT s.chat_id, e.id, s.link_previews, e.empty, {unknown} "
                f"FROM subscribers s LEFT JOIN {self._editions} e ON {_MATCH} WHERE {where} "
                "ORDER BY s.chat_id LIMIT ?",
                [*params, size],
            )
            (last,) = next(iter(await conn.execute_fetchall(f"SELECT MAX(chat_id) FROM {chunk}")))
            if last is None:
                return None
            rows = await conn.execute_fetchall(
                f"SELECT {', '.join(_KEY_COLUMNS)} FROM {chunk} WHERE edition IS NULL"
            )
            if rows:
                # Made distinct here: SQLite would sort every row for DISTINCT.
                keys = list(dict.fromkeys(map(EditionKey._make, rows)))
                await self._add(conn, await lay_out(keys, partial(write_fragments, conn)))
                match = " AND ".join(f"e.{name} = {chunk}.{name}" for name in _KEY_COLUMNS)
                await conn.execute(
                    f"UPDATE {chunk} SET (edition, empty) = "
                    f"(SELECT e.id, e.empty FROM {self._editions} e WHERE {match}) WHERE edition IS NULL"
                )
                await conn.execute(f"DELETE FROM {chunk} WHERE edition IS NULL")
            before, first = conn.total_changes, await outbox_sequence(conn)
            await conn.execute(
                "INSERT OR IGNORE INTO outbox "
                "(chat_id, kind, slot, part, text, fragments, thread_id, link_preview, priority, "
                "created_at, updated_at) "
                # A whole-text message ("nothing new") goes without a preview, as commit_slot owes it.
                "SELECT o.chat_id, 'digest', ?1, m.part, m.text, m.fragments, NULL, "
                "o.link_preview AND m.fragments IS NOT NULL, ?2, ?3, ?3 "
                f"FROM {chunk} o JOIN {self._messages} m ON m.edition = o.edition "
                "ORDER BY o.chat_id, m.part",
                (window_key(slot, cutoff), PRIORITY_DIGEST, now),
            )
            added = conn.total_changes - before
            ids = written(first, await outbox_sequence(conn)) if added else None
            await conn.execute(
                f"UPDATE subscribers SET last_digest_at = ? WHERE chat_id IN (SELECT chat_id FROM {chunk})",
                (cutoff,),
            )
            counted = await conn.execute_fetchall(f"SELECT COUNT(*), COALESCE(SUM(empty), 0) FROM {chunk}")
            owed, empty = (int(value) for value in next(iter(counted)))
            await conn.execute(f"DELETE FROM {chunk}")
            await record_run(conn, slot, started_at, now, subscribers=owed, messages=added)
        return ChunkOwed(added, owed, empty, int(last), ids)

    async def _add(self, conn: aiosqlite.Connection, editions: Sequence[Edition]) -> None:
        """Store laid-out editions in the temporary tables, in the transaction open on ``conn``."""
        if not editions:
            return
        self._held += len(editions)
        first = self._next_id
        self._next_id += len(editions)
        rows = [(*key, int(empty), number) for number, (key, _, empty) in enumerate(editions, first)]
        messages = [
            (number, part, text, refs)
            for number, edition in enumerate(editions, first)
            for part, (text, refs) in enumerate(edition.messages)
        ]
        await conn.executemany(
            f"INSERT INTO {self._editions} (codes, since, language, style, max_items, empty, id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        await conn.executemany(
            f"INSERT INTO {self._messages} (edition, part, text, fragments) VALUES (?, ?, ?, ?)", messages
        )


__all__ = ["KEEP_EDITIONS", "ChunkOwed", "Edition", "EditionKey", "Editions", "FragmentStore", "LayOut"]
