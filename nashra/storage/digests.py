"""Set-based SQL of digest composition: recent sections, due subscribers, and marking a digest slot.

Composition for every subscriber costs a fixed number of queries per chunk of subscribers whatever
the audience: one for the sections of the window, one for the size and earliest window of the due
audience, and per chunk of subscribers, one keyset read of the chunk (with its codes and preferences)
and one transaction that owes their messages and marks them. Digest text is
stored once per fragment (title, region header, item) in ``digest_fragments``; each outbox row lists
the fragments of its message.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite

from nashra.storage.db import Database, now_instant, utcnow
from nashra.storage.outbox import PRIORITY_DIGEST, IdRange, materialize_chats, outbox_sequence, written
from nashra.storage.preferences import PreferenceStore

TAILORED = "(s.tailored OR s.kind = 'channel')"
"""SQL condition on ``subscribers s``: the subscriber has keyword filters or forum topics, or is a
channel (whose digest closes with a line of its own, :class:`nashra.digest.compose.DigestOptions`), so
its digest is composed for it alone; the others, *plain*, are owed by edition
(:mod:`nashra.storage.editions`). The ``tailored`` column is kept by triggers on ``keywords`` and
``topics`` (migration 0170), so the condition reads the row a statement scans rather than searching
both tables for each subscriber; channels are few."""


@dataclass(slots=True)
class SectionRow:
    """A stored section with what a digest item needs: its best summary, source, link and regions.

    ``ingested_at`` is the time digest windows place the section at: when its text was last stored
    new (``sections.changed_at``: its article's first storing, or the update that changed it);
    ``earlier`` (JSON {region code: stamp}, migration 0290) says where and when an earlier version of
    the story may have reached a chat (None: it can have reached none); ``revised`` says whether, to such
    a chat, the section changed in what it shows (its text or headline; else only its regions).
    """

    id: int
    article_id: int
    heading: str | None
    text: str
    text_hash: str
    title: str
    url: str | None
    source: str | None
    published_at: str
    ingested_at: str
    summary: str | None
    codes: tuple[str, ...]
    revised: bool = False
    earlier: str | None = None
    # What a digest showed of the section this one revised (JSON {"hash", "heading", "text",
    # "headline"}, migration 0290), and the best stored summary of that text (None: none stored).
    before: str | None = None
    before_summary: str | None = None


@dataclass(slots=True)
class SubscriberRow:
    """A subscriber due for a digest: chat, language, codes and the end of its previous window.

    ``revision`` is the row's count of changes to what its digest is composed from (migration 0240), as
    read with the rest: a digest composed for it alone is owed only at that revision (:func:`commit_slot`).
    """

    chat_id: int
    kind: str
    language: str
    timezone: str | None
    digest_time: str | None
    last_digest_at: str | None
    codes: tuple[str, ...]
    # Preferences (nashra.storage.preferences): keyword phrases, format, and forum topics by code.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    style: str = "full"
    link_previews: bool = False
    max_items: int | None = None
    topics: tuple[tuple[str, int], ...] = ()
    revision: int = 0
    # When it began to follow each of its codes (subscriptions.created_at, as the last instant of its
    # second), for the mark of revised stories (nashra.digest.compose.History).
    joined: tuple[tuple[str, str], ...] = ()


async def recent_sections(
    db: Database, since: str, until: str, model_key: str, codes: Sequence[str] | None = None
) -> list[SectionRow]:
    """Sections stored new in (since, until] (their article's first storing, or an update that changed
    their text: ``sections.changed_at``), most recently published first; with ``codes``,
    only those tagged with one of them, now or in an earlier version (``sections.earlier``, migration
    0290): one chat's /digest never shows a section tagged with none of its regions, but a story
    corrected and moved away from them is still news to a chat that was sent it.

    The summary is the one of ``model_key`` when present, else the newest stored under any key, else
    None (the caller then summarizes extractively, so no section is lost).
    """
    tagged, params = "", [model_key, model_key, since, until]
    if codes is not None:
        marks = ", ".join("?" * len(codes))
        tagged = (
            "AND (EXISTS (SELECT 1 FROM section_regions t "
            f"WHERE t.section_id = s.id AND t.code IN ({marks})) "
            f"OR (s.earlier IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(s.earlier) e "
            f"WHERE e.key IN ({marks})))) "
        )
        params.extend([*codes, *codes])
    rows = await db.fetchall(
        "SELECT s.id, s.article_id, s.heading, s.text, s.text_hash, a.title, a.url, src.name AS source, "
        "a.published_at, s.changed_at, s.revised, s.earlier, "
        "(SELECT m.summary FROM summaries m WHERE m.text_hash = s.text_hash "
        " ORDER BY (m.model_key = ?) DESC, m.created_at DESC LIMIT 1) AS summary, "
        "s.before, CASE WHEN s.before IS NOT NULL THEN (SELECT m.summary FROM summaries m "
        " WHERE m.text_hash = json_extract(s.before, '$.hash') "
        " ORDER BY (m.model_key = ?) DESC, m.created_at DESC LIMIT 1) END AS before_summary, "
        "(SELECT group_concat(r.code, ' ') FROM section_regions r WHERE r.section_id = s.id) AS codes "
        "FROM articles a JOIN sections s ON s.article_id = a.id "
        "LEFT JOIN sources src ON src.id = a.source_id "
        "WHERE s.changed_at > ? AND s.changed_at <= ? "
        + tagged
        + "ORDER BY a.published_at DESC, a.id DESC, s.position",
        params,
    )
    return [
        SectionRow(
            id=row["id"],
            article_id=row["article_id"],
            heading=row["heading"],
            text=row["text"],
            text_hash=row["text_hash"],
            title=row["title"],
            url=row["url"],
            source=row["source"],
            published_at=row["published_at"],
            ingested_at=row["changed_at"],
            summary=row["summary"],
            codes=tuple(row["codes"].split()) if row["codes"] else (),
            revised=bool(row["revised"]),
            earlier=row["earlier"],
            before=row["before"],
            before_summary=row["before_summary"],
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class Audience:
    """Who is due for one digest slot, as a query streamed in chat id order (:func:`due_chunks`),
    so that a cycle holds one chunk of its audience in memory, never all of it.

    Due: active (not blocked, not paused) subscribers with at least one subscription whose previous
    digest ended before ``before`` (or who never had one). With ``everyone``, whatever their schedule;
    else with ``personal`` (digest_time "HH:MM", timezone or None for the configured zone) pairs, those
    with one of these personal times; else those on the configured schedule (no personal time).
    """

    before: str
    everyone: bool = False
    personal: tuple[tuple[str, str | None], ...] = ()

    def where(self) -> tuple[str, list[object]]:
        """The SQL condition on ``subscribers s`` and its parameters."""
        if self.everyone:
            schedule, params = "1 = 1", []
        elif self.personal:
            # The times alone first, as one IN list: SQLite then reads the audience from the
            # subscribers_due index, time by time; from the OR of (time, zone) pairs alone it reads
            # every subscriber in chat id order when the pairs are more than one.
            times = sorted({digest_time for digest_time, _ in self.personal})
            pairs = " OR ".join("(s.digest_time = ? AND s.timezone IS ?)" for _ in self.personal)
            schedule = f"s.digest_time IN ({', '.join('?' for _ in times)}) AND ({pairs})"
            params = [*times, *(value for pair in self.personal for value in pair)]
        else:
            schedule, params = "s.digest_time IS NULL", []
        return (
            f"({schedule}) AND s.blocked = 0 AND s.paused = 0 "
            "AND (s.last_digest_at IS NULL OR s.last_digest_at < ?) "
            # subscribers.codes is NULL exactly when the chat has no subscription (kept by triggers).
            "AND s.codes IS NOT NULL",
            [*params, self.before],
        )


@dataclass(frozen=True, slots=True)
class AudienceSize:
    """How many subscribers an :class:`Audience` holds now, and the earliest of their windows:
    ``earliest`` is the earliest ``last_digest_at`` (None when none has one), ``first_digests`` how
    many never had a digest. A cycle reads the sections of the earliest window once for everyone."""

    subscribers: int
    earliest: str | None
    first_digests: int


async def audience_size(db: Database, audience: Audience) -> AudienceSize:
    """One aggregate query: the audience's size and earliest window (see :class:`AudienceSize`)."""
    where, params = audience.where()
    row = await db.fetchone(
        "SELECT COUNT(*), MIN(s.last_digest_at), COALESCE(SUM(s.last_digest_at IS NULL), 0) "
        f"FROM subscribers s WHERE {where}",
        params,
    )
    assert row is not None
    return AudienceSize(int(row[0]), row[1], int(row[2]))


async def due_chunks(db: Database, audience: Audience, size: int) -> AsyncIterator[list[SubscriberRow]]:
    """The audience, ``size`` subscribers at a time in chat id order, each with codes and preferences.

    Each chunk is one keyset query (chat ids after the previous chunk's last: one range of the
    ``subscribers_due`` index, keyed by schedule then chat id, so no chunk reads or sorts the whole
    audience; ``tests/test_audience_chunk_plans.py``) plus the three preference queries, read whole:
    nothing is held open between chunks, so the caller may write (commit a chunk's digests) in between.
    A subscriber that becomes due between two chunks is included when its chat id is still ahead.
    """
    if size <= 0:
        raise ValueError(f"chunk size must be positive, not {size}")
    where, params = audience.where()
    after: int | None = None
    while True:
        rows = await db.fetchall(
            f"SELECT {_SUBSCRIBER_COLUMNS} FROM subscribers s WHERE {where}"
            + ("" if after is None else " AND s.chat_id > ?")
            + " ORDER BY s.chat_id LIMIT ?",
            [*params, *([] if after is None else [after]), size],
        )
        if not rows:
            return
        yield await with_preferences(db, [_subscriber(row) for row in rows])
        if len(rows) < size:
            return
        after = int(rows[-1][0])


_SUBSCRIBER_COLUMNS = (
    "s.chat_id, s.kind, s.language, s.timezone, s.digest_time, s.last_digest_at, s.codes, s.revision"
)
"""What a :class:`SubscriberRow` is read from (:func:`_subscriber`), on ``subscribers s``."""


def _subscriber(row: aiosqlite.Row) -> SubscriberRow:
    # Positional access: this runs once per due subscriber. subscribers.codes lists the subscriptions
    # (keyed by chat_id and code, so without duplicates) sorted, as migration 0170's triggers keep it;
    # NULL when the chat has none (a due audience never holds such a chat; /digest may ask for one).
    return SubscriberRow(
        row[0], row[1], row[2], row[3], row[4], row[5], tuple((row[6] or "").split()), revision=row[7]
    )


async def due_subscribers(
    db: Database,
    before: str,
    *,
    digest_time: str | None = None,
    timezone: str | None = None,
    everyone: bool = False,
) -> list[SubscriberRow]:
    """The whole :class:`Audience` as a list (a digest cycle streams it with :func:`due_chunks`).

    With ``everyone``: whatever their schedule. Else with ``digest_time`` None: those on the configured
    schedule (no personal time); otherwise those with that personal time and ``timezone`` (None
    meaning the configured zone).
    """
    personal = () if everyone or digest_time is None else ((digest_time, timezone),)
    audience = Audience(before, everyone=everyone, personal=personal)
    return [row async for chunk in due_chunks(db, audience, _LIST_CHUNK) for row in chunk]


_LIST_CHUNK = 5000


async def with_preferences(db: Database, subscribers: list[SubscriberRow]) -> list[SubscriberRow]:
    """Fill in the keyword filters, format and topics of ``subscribers``: three queries for all of them."""
    store = PreferenceStore(db)
    ids = [s.chat_id for s in subscribers]
    keywords = await store.keywords_of(ids)
    formats = await store.formats_of(ids)
    topics = await store.topics_of(ids)
    for s in subscribers:
        found = keywords.get(s.chat_id)
        if found is not None:
            s.include, s.exclude = tuple(found[0]), tuple(found[1])
        fmt = formats.get(s.chat_id)
        if fmt is not None:
            s.style, s.link_previews, s.max_items = fmt.style, fmt.link_previews, fmt.max_items
        bound = topics.get(s.chat_id)
        if bound:
            s.topics = tuple(sorted(bound.items()))
    return subscribers


async def with_regions_since(db: Database, subscribers: list[SubscriberRow]) -> list[SubscriberRow]:
    """Fill in when each of ``subscribers`` began to follow each of its regions (``joined``): one query
    for all of them. Read only for a digest holding revised stories, which alone needs it."""
    joined: dict[int, list[tuple[str, str]]] = {}
    for row in await db.fetchall(
        "SELECT chat_id, code, created_at FROM subscriptions "
        "WHERE chat_id IN (SELECT value FROM json_each(?))",
        (json.dumps([s.chat_id for s in subscribers]),),
    ):
        joined.setdefault(row[0], []).append((row[1], _second_end(row[2])))
    for s in subscribers:
        s.joined = tuple(sorted(joined.get(s.chat_id, ())))
    return subscribers


def _second_end(stamp: str) -> str:
    """A time stored to the second ("…:05+00:00") as the last instant of that second
    ("…:05.999999+00:00"): compared with instants, it is never taken for earlier than it was."""
    if len(stamp) == 25 and stamp.endswith("+00:00"):
        return f"{stamp[:19]}.999999+00:00"
    return stamp


async def subscriber(db: Database, chat_id: int) -> SubscriberRow | None:
    """One subscriber with its codes (for /digest), whatever its schedule; None when unknown."""
    found = await subscribers_of(db, [chat_id])
    return found[0] if found else None


async def subscribers_of(db: Database, chat_ids: Sequence[int]) -> list[SubscriberRow]:
    """The subscribers of ``chat_ids`` as they are now, with codes and preferences, whatever their
    schedule, in chat id order; unknown chats are left out. Three preference queries for all of them."""
    rows = await db.fetchall(
        f"SELECT {_SUBSCRIBER_COLUMNS} FROM subscribers s "
        "WHERE s.chat_id IN (SELECT value FROM json_each(?)) ORDER BY s.chat_id",
        (json.dumps(list(chat_ids)),),
    )
    found = [_subscriber(row) for row in rows]
    return await with_preferences(db, found) if found else []


async def personal_schedules(db: Database) -> list[tuple[str, str | None]]:
    """Distinct (digest_time, timezone) pairs of active subscribers with a personal time."""
    rows = await db.fetchall(
        "SELECT DISTINCT digest_time, timezone FROM subscribers "
        "WHERE digest_time IS NOT NULL AND blocked = 0 AND paused = 0"
    )
    return [(row["digest_time"], row["timezone"]) for row in rows]


async def store_fragments(db: Database, fragments: Sequence[str]) -> list[int]:
    """Store digest fragments once each (by content hash); returns their ids in the given order.

    Fragments are immutable and shared by every message that lists them, so storing them in their own
    transaction ahead of the outbox rows is safe: a crash in between leaves only unreferenced fragments
    (pruned later). Each is stamped as used now, also when it was stored before.
    """
    if not fragments:
        return []
    hashes = [hashlib.blake2b(text.encode(), digest_size=16).hexdigest() for text in fragments]
    now = utcnow()
    async with db.transaction() as conn:
        # A fragment stored before is marked used again: pruning keeps what a cycle uses (see
        # OutboxStore.prune_settled).
        await conn.executemany(
            "INSERT INTO digest_fragments (hash, html, used_at) VALUES (?, ?, ?) "
            "ON CONFLICT (hash) DO UPDATE SET used_at = excluded.used_at",
            [(h, text, now) for h, text in zip(hashes, fragments, strict=True)],
        )
        rows = await conn.execute_fetchall(
            "SELECT hash, id FROM digest_fragments WHERE hash IN (SELECT value FROM json_each(?))",
            (json.dumps(hashes),),
        )
    ids = {row[0]: row[1] for row in rows}
    return [ids[h] for h in hashes]


async def settled_instant(db: Database) -> datetime:
    """A moment before which every article is committed: read while holding the database's write lock.

    Articles are stamped (``ingested_at``) inside their own write transaction (see
    :meth:`nashra.storage.articles.ArticleStore.save`), and SQLite lets one writer at a time hold that
    lock. So once this process holds it, every transaction that stamped a time up to now has
    committed, and every later one will stamp a later time: a window that ends at this instant can be
    read whole, now or later. Stamps and window ends are both taken to the microsecond
    (:func:`nashra.storage.db.to_db_instant`), so a story stored a moment before /digest is in it,
    and one stored in the same second after the window's end is after it, in the next window.
    """
    async with db.transaction():
        return datetime.now(UTC)


async def commit_slot(
    db: Database,
    *,
    slot: str,
    started_at: str,
    cutoff: str,
    windows: Sequence[tuple[int, str | None, int]],
    parts: Sequence[tuple[int, int, str, str | None] | tuple[int, int, str, str | None, int | None, bool]],
) -> tuple[int, set[int], IdRange | None]:
    """Owe digest messages and move their subscribers' windows, atomically, for those still due.

    ``windows`` are (chat_id, last_digest_at, revision), as read when the digest was composed; ``parts`` are
    (chat_id, part, html, fragments[, thread_id, link_preview]): a message is either its whole ``html``
    (with ``fragments`` None) or the space-separated ids of its stored fragments (with ``html`` empty).

    A chat's rows are written, and its ``last_digest_at`` set to ``cutoff``, only when its window still
    starts where the composer read it, nothing its digest is composed from changed since (its
    ``revision``: regions, language, format, keyword filters, topics) and it is still active (neither
    paused nor blocked, the audience's condition, as :meth:`Editions.commit
    <nashra.storage.editions.Editions.commit>` checks it for plain subscribers), compare and set: a
    chat another run owed in the meantime is left alone, so two runs never owe the same stories and a
    window never moves past stories that were not owed with it; a chat that changed is left due, to be
    composed again from what it holds now; a chat that paused or blocked the bot meanwhile is owed
    nothing and keeps its window, so its next digest after /resume starts where the last one ended.
    A chat that already holds a row under this window key is left due too, rather than owed a second
    digest whose rows the first one's would shadow (``INSERT OR IGNORE``); a chat that stopped and
    started again meanwhile holds none (/stop deletes all its rows) and is owed its new subscription's
    digest. Chats with an empty digest move too, so the next window starts here. Where the window
    started is kept (``previous_digest_at``): /more finds the stories the cap left out of it.
    Returns (rows added, chats owed, the ids of the rows added: None when none was).
    """
    now, key = utcnow(), window_key(slot, cutoff)
    async with db.transaction() as conn:
        current = await conn.execute_fetchall(
            "SELECT s.chat_id FROM subscribers s JOIN json_each(?1) w "
            "ON s.chat_id = json_extract(w.value, '$[0]') "
            "WHERE s.last_digest_at IS json_extract(w.value, '$[1]') "
            "AND s.revision = json_extract(w.value, '$[2]') "
            "AND s.blocked = 0 AND s.paused = 0 "
            "AND (s.last_digest_at IS NULL OR s.last_digest_at < ?2) "
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.chat_id = s.chat_id AND o.kind = 'digest' "
            "AND o.slot = ?3)",
            (json.dumps(list(windows)), cutoff, key),
        )
        owed = {int(row[0]) for row in current}
        rows = [part for part in parts if part[0] in owed]
        # An edition a cycle owed them by reference and the sender has not written yet comes first.
        await materialize_chats(conn, owed, now)
        before, first = conn.total_changes, await outbox_sequence(conn)
        # One statement per chunk: SQLite reads the rows from JSON faster than it binds them one by one.
        await conn.execute(
            "INSERT OR IGNORE INTO outbox "
            "(chat_id, kind, slot, part, text, fragments, thread_id, link_preview, priority, created_at, "
            "updated_at) "
            "SELECT json_extract(r.value, '$[0]'), 'digest', ?1, json_extract(r.value, '$[1]'), "
            "json_extract(r.value, '$[2]'), json_extract(r.value, '$[3]'), json_extract(r.value, '$[4]'), "
            "COALESCE(json_extract(r.value, '$[5]'), 0), ?2, ?3, ?3 "
            "FROM json_each(?4) AS r",
            (key, PRIORITY_DIGEST, now, json.dumps(rows, ensure_ascii=False)),
        )
        added = conn.total_changes - before
        ids = written(first, await outbox_sequence(conn)) if added else None
        await conn.execute(
            "UPDATE subscribers SET previous_digest_at = last_digest_at, last_digest_at = ?1 "
            "WHERE chat_id IN (SELECT value FROM json_each(?2))",
            (cutoff, json.dumps(sorted(owed))),
        )
        await record_run(conn, slot, started_at, now, subscribers=len(owed), messages=added)
    return added, owed, ids


async def record_run(
    conn: aiosqlite.Connection, slot: str, started_at: str, now: str, *, subscribers: int, messages: int
) -> None:
    """Add a committed chunk's subscribers and outbox rows to the slot's ``digest_runs`` row (inside
    the chunk's transaction, so the figures count exactly what was owed). ``finished_at`` is the
    chunk's commit, to the microsecond (:func:`~nashra.storage.db.now_instant`): after the window's
    end, so a story stored before it may have gone out (``nashra.storage.articles._delivered``)."""
    await conn.execute(
        "INSERT INTO digest_runs (slot, started_at, finished_at, subscribers, messages) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET finished_at = excluded.finished_at, "
        "subscribers = digest_runs.subscribers + excluded.subscribers, "
        "messages = digest_runs.messages + excluded.messages",
        (slot, started_at, max(now, now_instant()), subscribers, messages),
    )


@dataclass(frozen=True, slots=True)
class LastWindow:
    """The window of a chat's last digest, for /more: it started after ``start`` (None: a first digest,
    whose window started ``delivery.first_digest_hours`` before its end) and ended at ``end`` (None: the
    chat never had a digest); ``shown`` is how many of the stories its item cap left out /more sent."""

    start: str | None
    end: str | None
    shown: int


async def last_window(db: Database, chat_id: int) -> LastWindow | None:
    """The window of the chat's last digest (migration 0310); None for an unknown chat."""
    row = await db.fetchone(
        "SELECT s.previous_digest_at, s.last_digest_at, "
        "CASE WHEN m.window_end = s.last_digest_at THEN m.shown ELSE 0 END "
        "FROM subscribers s LEFT JOIN digest_more m ON m.chat_id = s.chat_id WHERE s.chat_id = ?",
        (chat_id,),
    )
    return None if row is None else LastWindow(row[0], row[1], int(row[2] or 0))


async def record_more_shown(db: Database, chat_id: int, window_end: str, shown: int) -> None:
    """Record that /more has sent ``shown`` of the stories left out of the chat's digest that ended at
    ``window_end``, unless its window moved on meanwhile (a digest committed since: the count is of
    another window's stories)."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO digest_more (chat_id, window_end, shown) "
            "SELECT chat_id, last_digest_at, ?3 FROM subscribers WHERE chat_id = ?1 AND last_digest_at = ?2 "
            "ON CONFLICT (chat_id) DO UPDATE SET window_end = excluded.window_end, shown = excluded.shown",
            (chat_id, window_end, shown),
        )


def window_key(slot: str, cutoff: str) -> str:
    """The outbox slot of a digest: the run's slot and the end of the window it covers, written in
    ISO 8601's basic format (slot ``digest:2026-11-30T08:00Z`` and cutoff ``2026-11-30T08:00:12+00:00``
    give ``20261130T0800Z/20261130T080012Z``; the row's kind already says "digest").

    A chat's windows never overlap and each ends later than the one before (see :func:`commit_slot`),
    so (chat, window end, part) names one message whatever runs, restarts or processes owe it. The key
    is short because a cycle writes it into every row it owes and into the outbox key's index, and
    SQLite writes each byte twice (WAL, then the database): the extended form (50 characters) made a
    million-subscriber cycle write about 45 MB more, and writing its 1.2 million rows alone took about
    0.6 s more CPU (a script with the same schema; the whole cycle's gain is within the machine's
    spread, see "Leaner digest rows" in docs/benchmarks.md). Keys are compared only for
    equality, and never name a run's rows: two runs in one second (two processes) share a key, so a
    run's rows are the id ranges its transactions wrote; which of a chat's digests came last is told
    by the row ids.
    """
    return f"{_basic_format(slot.removeprefix('digest:'))}/{_basic_format(cutoff)}"


def _basic_format(moment: str) -> str:
    """A database time (or slot id) in ISO 8601's basic format: no separators, UTC written "Z"."""
    return moment.replace("+00:00", "Z").replace("-", "").replace(":", "")


__all__ = [
    "TAILORED",
    "Audience",
    "AudienceSize",
    "LastWindow",
    "SectionRow",
    "SubscriberRow",
    "audience_size",
    "commit_slot",
    "due_chunks",
    "due_subscribers",
    "last_window",
    "personal_schedules",
    "recent_sections",
    "record_more_shown",
    "record_run",
    "settled_instant",
    "store_fragments",
    "subscriber",
    "subscribers_of",
    "window_key",
]
