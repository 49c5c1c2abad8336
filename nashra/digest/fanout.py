"""Owing a digest cycle: compose each distinct digest once and commit it in chunks of subscribers.

Subscribers who share what decides their digest (codes, window start, language, format) share its
layout: it is laid out once. For a scheduled cycle's *plain* subscribers (no keyword filters, no forum
topics: nearly all of them) this is done by edition (:mod:`nashra.storage.editions`): SQLite groups
each chunk of the audience by what decides its digest, each new group is laid out once, and SQLite
owes the chunk's subscribers their edition by reference and moves their windows in one statement, so
no per-subscriber row crosses into Python, and no outbox row is written until the sender needs it
(:func:`nashra.storage.outbox.materialize_owed`). Then every subscriber of the audience still due is
composed one by one: those with keyword filters or topics, and plain ones whose state changed while
the editions were owed; so are the explicit lists of /digest and the tests (identical layouts
reused, up to ``KEEP_LAYOUTS`` kept, a few megabytes).
The fragments the digests use (titles, region headers, items) are stored once; each outbox row lists
its message's fragments instead of repeating their text. Subscribers are read from the database a
chunk at a time, in chat id order (the order of the outbox key, so SQLite appends to its indexes
instead of writing all over them).

Each chunk is committed in its own transaction (what it owes together with its subscribers' new
``last_digest_at``), so memory stays bounded by one chunk whatever the audience, the sender can start
on the first chunk while the next is composed, and a crash between chunks leaves the uncommitted
subscribers unmarked: the next run composes them again. A chunk owes a subscriber only if its window
still starts where this run read it (:func:`nashra.storage.digests.commit_slot`), so a run that raced
another (a second process, /digest during a scheduled run) skips the subscribers the other one owed;
a subscriber composed alone is owed only if nothing its digest is composed from changed since it was
read (its revision), and is composed again from its new state otherwise.
The cycle's cutoff is taken after :func:`nashra.storage.digests.settled_instant`, so no article
committed later can fall inside the window (see :mod:`nashra.storage.outbox` for the whole argument).
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime

from nashra.config import Config
from nashra.digest.compose import DigestBook, History
from nashra.digest.select import (
    build_book,
    cutoff_at,
    digest_date,
    earliest_start,
    format_options,
    history_of,
    options_of,
    split_by_topic,
    window_start,
)
from nashra.storage.db import Database, utcnow
from nashra.storage.digests import (
    Audience,
    AudienceSize,
    SubscriberRow,
    audience_size,
    commit_slot,
    due_chunks,
    settled_instant,
    store_fragments,
    subscribers_of,
    with_regions_since,
)
from nashra.storage.editions import Edition, EditionKey, Editions
from nashra.storage.outbox import IdRange, add_range
from nashra.texts import text as catalogue

log = logging.getLogger(__name__)

CHUNK_SUBSCRIBERS = 5000
KEEP_LAYOUTS = 50_000
RECOMPOSE_ROUNDS = 3
"""How many times a cycle composes again the subscribers that changed (regions, language, format,
keywords, topics) while it composed them, before leaving those that keep changing due for the next run."""
COLLECT_EVERY = 100_000
"""CPython's first-generation threshold while a cycle runs (its default is 700 allocations).

A cycle allocates millions of short-lived objects (rows, keys, layouts), nearly all freed by their
reference counts at once, and keeps few: with the default, each million-subscriber cycle ran about
7,000 young and 57 full collections, and every full collection walks the whole heap (the gazetteer's
tables included): 3.2 s of CPU in a 20 s cycle; with 10,000, 189 young and 2 full ones, 0.35 s; with
100,000, one young collection, 0.01 s, peak memory unchanged (``benchmarks/delivery.py
--compose-only``; the time measured by ``gc.callbacks``)."""


@dataclass(slots=True)
class _Collector:
    """The thresholds to put back when the last running cycle ends (cycles may overlap: /digest
    during a scheduled one), and those the cycles set."""

    running: int = 0
    saved: tuple[int, int, int] = (700, 10, 10)
    during: tuple[int, int, int] = (700, 10, 10)


_collector = _Collector()


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often while a cycle runs (see :data:`COLLECT_EVERY`); the process's
    thresholds come back when the last running cycle ends, however it ends, unless something else in
    the process set its own meanwhile (those stay). A first threshold of 0 (automatic collection
    turned off, see :func:`gc.set_threshold`) is left as it is."""
    if _collector.running == 0:
        _collector.saved = gc.get_threshold()
        first, *older = _collector.saved
        if first:
            gc.set_threshold(max(first, COLLECT_EVERY), *older)
        _collector.during = gc.get_threshold()
    _collector.running += 1
    try:
        yield
    finally:
        _collector.running -= 1
        if _collector.running == 0 and gc.get_threshold() == _collector.during:
            gc.set_threshold(*_collector.saved)


@dataclass(slots=True)
class SlotTotals:
    """What one slot owed: subscribers due, digests with news, messages (outbox rows added, or owed by
    reference to plain subscribers), empty digests."""

    slot: str
    subscribers: int = 0
    digests: int = 0
    messages: int = 0
    empty: int = 0
    # The ids of the outbox rows this slot wrote, a range per committed chunk (adjacent ones joined):
    # its rows and no other run's, whatever key they share (see nashra.storage.outbox.outbox_sequence).
    # Digests owed by reference have no rows yet, so none here, unless the cycle writes them at once.
    rows: list[IdRange] = field(default_factory=list)

    def count(self, subscribers: int, empty: int, messages: int, rows: IdRange | None = None) -> None:
        """Add a committed chunk: ``subscribers`` owed, ``empty`` of them without news, ``messages``
        owed, written as rows with ids ``rows`` (None: none written, or owed by reference)."""
        self.subscribers += subscribers
        self.empty += empty
        self.digests += subscribers - empty
        self.messages += messages
        add_range(self.rows, rows)


Layouts = list[tuple[SubscriberRow, list[tuple[int | None, list[int]]]]]
Rows = list[tuple[int, int, str, str | None, int | None, bool]]


def _layout(book: DigestBook, subscriber: SubscriberRow, start: str) -> list[tuple[int | None, list[int]]]:
    """The subscriber's messages with their forum topic (None: the chat itself), per its preferences."""
    options = options_of(subscriber)
    history = history_of(subscriber) if book.revisions else None
    if not subscriber.topics:
        return [
            (None, part)
            for part in book.layout(subscriber.codes, start, subscriber.language, options, history)
        ]
    return [
        (thread, part)
        for thread, codes in split_by_topic(subscriber)
        for part in book.layout(codes, start, subscriber.language, options, history)
    ]


def _layouts(book: DigestBook, chunk: Sequence[tuple[SubscriberRow, str]]) -> Layouts:
    return [(subscriber, _layout(book, subscriber, start)) for subscriber, start in chunk]


def _rows(book: DigestBook, layouts: Layouts, send_empty: bool) -> tuple[Rows, set[int]]:
    """Outbox rows (chat_id, part, html, fragments, thread, preview) of a chunk, and its empty digests."""
    rows: Rows = []
    empty: set[int] = set()
    for subscriber, parts in layouts:
        chat_id = subscriber.chat_id
        if not parts:
            empty.add(chat_id)
            if send_empty:
                text = catalogue(subscriber.language, "digest_nothing_new")
                rows.append((chat_id, 0, text, None, None, False))
            continue
        for n, (thread, part) in enumerate(parts):
            rows.append((chat_id, n, "", book.reference(part), thread, subscriber.link_previews))
    book.forget(KEEP_LAYOUTS)
    return rows, empty


def _size_of(subscribers: Sequence[SubscriberRow]) -> AudienceSize:
    windows = [s.last_digest_at for s in subscribers if s.last_digest_at]
    return AudienceSize(len(subscribers), min(windows, default=None), len(subscribers) - len(windows))


def _edition_layouts(
    book: DigestBook, keys: Sequence[EditionKey], cycle: _Cycle
) -> list[tuple[EditionKey, list[list[int]]]]:
    """Each edition's messages as fragment numbers, for the keys whose window the book covers (a key
    whose window starts before it is left for the next run by the one-by-one pass, which logs it)."""
    starts: dict[str, str] = {}  # a cycle's keys hold a few window starts: each is worked out once
    since, layout = cycle.since, book.layout_once
    laid = []
    for key in keys:
        start = starts.get(key.since)
        if start is None:
            start = starts[key.since] = window_start(key.since or None, cycle.cutoff, cycle.config)
        if start >= since:
            options = format_options(key.style, key.max_items or None)
            # Chats that began to follow a region after the book's earliest revision are not owed
            # editions (Editions' joined_after): every other followed its regions before any of them.
            history = History(key.since) if key.since and book.revisions else None
            laid.append((key, layout(key.codes.split(), start, key.language, options, history)))
    return laid


def _editions(
    book: DigestBook, laid: Sequence[tuple[EditionKey, list[list[int]]]], send_empty: bool
) -> list[Edition]:
    """The editions to store, their messages as stored fragment ids (:meth:`DigestBook.reference`)."""
    editions = []
    reference = book.reference_once
    for key, parts in laid:
        if parts:
            editions.append(Edition(key, len(parts), False, None, ",".join(map(reference, parts))))
        elif send_empty:
            editions.append(Edition(key, 1, True, catalogue(key.language, "digest_nothing_new"), None))
        else:
            editions.append(Edition(key, 0, True, None, None))
    book.forget(KEEP_LAYOUTS)
    return editions


async def _listed_chunks(audience: Sequence[SubscriberRow], size: int) -> AsyncIterator[list[SubscriberRow]]:
    """An explicit audience ``size`` subscribers at a time in chat id order (the order of the outbox key)."""
    ordered = sorted(audience, key=lambda s: s.chat_id)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


@dataclass(slots=True)
class _Cycle:
    """What every chunk of one cycle shares: the book, its window and the run's settings."""

    db: Database
    config: Config
    book: DigestBook
    since: str
    cutoff: datetime
    cutoff_text: str
    started: str
    on_commit: Callable[[], None] | None
    write_owed: bool = False

    def committed(self) -> None:
        if self.on_commit is not None:
            self.on_commit()


async def owe_digests(
    db: Database,
    config: Config,
    by_slot: Mapping[str, Audience | Sequence[SubscriberRow]],
    now: datetime,
    *,
    chunk_size: int = CHUNK_SUBSCRIBERS,
    on_commit: Callable[[], None] | None = None,
    write_owed: bool = False,
) -> list[SlotTotals]:
    """Compose and owe the digests of every slot's subscribers; ``on_commit`` runs after each chunk.
    With ``write_owed``, what a chunk owes plain subscribers by reference is written as outbox rows
    in its own transaction, and counted in :attr:`SlotTotals.rows` (a run that reports its rows).

    A slot's subscribers are an :class:`~nashra.storage.digests.Audience` (a query, read chunk by
    chunk: memory is bounded by ``chunk_size``, not by the audience) or a list (one chat's /digest, a
    test). The sections are read once, from the earliest window of all slots. A subscriber whose window
    starts before that (it subscribed, or its window moved back, after the audience was measured) is
    left due for the next run rather than owed a digest the book cannot cover.
    """
    with _fewer_collections():
        return await _owe_slots(db, config, by_slot, now, chunk_size, on_commit, write_owed)


async def _owe_slots(
    db: Database,
    config: Config,
    by_slot: Mapping[str, Audience | Sequence[SubscriberRow]],
    now: datetime,
    chunk_size: int,
    on_commit: Callable[[], None] | None,
    write_owed: bool,
) -> list[SlotTotals]:
    totals = [SlotTotals(slot) for slot in by_slot]
    audiences = list(by_slot.values())
    sizes = [await audience_size(db, a) if isinstance(a, Audience) else _size_of(a) for a in audiences]
    if not any(size.subscribers for size in sizes):
        return totals
    started = utcnow()
    cutoff = min(now, await settled_instant(db))
    cutoff_text = cutoff_at(cutoff)
    since = min(s for s in (earliest_start(size, cutoff, config) for size in sizes) if s is not None)
    date = digest_date(now, config)
    codes = _listed_codes(audiences)
    book = await build_book(db, config, since=since, cutoff=cutoff_text, date=date, codes=codes)
    cycle = _Cycle(db, config, book, since, cutoff, cutoff_text, started, on_commit, write_owed)
    for total, audience in zip(totals, audiences, strict=True):
        if isinstance(audience, Audience):
            await _owe_editions(cycle, total, audience, chunk_size)
            # Then one by one, every subscriber still due: the tailored ones, and the plain ones the
            # editions left because their state changed while the cycle ran (see _owe_editions).
            chunks = due_chunks(db, replace(audience, before=min(audience.before, cutoff_text)), chunk_size)
        else:
            chunks = _listed_chunks(audience, chunk_size)
        await _owe_each(cycle, total, chunks)
    for total in totals:
        log.info(
            "digest %s: %d subscribers, %d messages owed, %d empty",
            total.slot,
            total.subscribers,
            total.messages,
            total.empty,
        )
    return totals


def _listed_codes(audiences: Sequence[Audience | Sequence[SubscriberRow]]) -> list[str] | None:
    """The regions the book of explicit lists of subscribers (/digest) must cover: those they follow;
    None (every region) when one audience is a query, whose subscribers are not known in advance."""
    codes: set[str] = set()
    for audience in audiences:
        if isinstance(audience, Audience):
            return None
        codes.update(code for subscriber in audience for code in subscriber.codes)
    return sorted(codes)


def _left_for_next_run(total: SlotTotals, subscribers: int) -> None:
    if subscribers:
        log.info(
            "digest %s: %d subscribers became due with an earlier window during the run; "
            "they are left for the next one",
            total.slot,
            subscribers,
        )


async def _owe_editions(cycle: _Cycle, total: SlotTotals, audience: Audience, chunk_size: int) -> None:
    """Owe the audience's plain subscribers by edition, ``chunk_size`` subscribers per transaction.

    A plain subscriber this leaves due is owed one by one after it, in the same cycle: one whose key
    changed between the reading of its chunk's keys and the chunk's commit (/lang, /format, a region
    added), one that became plain (its last keyword removed) after its chunk, one that moved behind
    the chunks (a group that became a supergroup: a lower chat id); one whose window starts before the
    book is left for the next run by that pass too, which logs it.
    """
    db, book = cycle.db, cycle.book
    send_empty = cycle.config.delivery.send_empty_digest
    joined_after = book.earliest_revision
    async with Editions(
        db, audience, cycle.cutoff_text, slot=total.slot, joined_after=joined_after
    ) as editions:
        after: int | None = None
        while (last := await editions.range_end(after, chunk_size)) is not None:
            keys = await editions.new_keys(after, last)
            if keys:
                laid = await asyncio.to_thread(_edition_layouts, book, keys, cycle)
                book.stored(await store_fragments(db, book.unstored()))
                await editions.add(await asyncio.to_thread(_editions, book, laid, send_empty))
            owed = await editions.commit(
                slot=total.slot,
                started_at=cycle.started,
                cutoff=cycle.cutoff_text,
                after=after,
                last=last,
                write=cycle.write_owed,
            )
            total.count(owed.subscribers, owed.empty, owed.messages, owed.rows)
            cycle.committed()
            after = last


async def _owe_each(
    cycle: _Cycle,
    total: SlotTotals,
    source: AsyncIterator[list[SubscriberRow]],
    rounds: int = RECOMPOSE_ROUNDS,
) -> None:
    """Owe subscribers composed one by one (tailored ones, explicit lists), a chunk per transaction.

    The next chunk is laid out while the previous one is being committed (SQLite works without the
    GIL), so composition and writing overlap on two cores. A subscriber whose digest was not owed
    because it changed meanwhile is composed again from its new state, up to ``rounds`` times (see
    :func:`_recompose_changed`).
    """
    db, book = cycle.db, cycle.book
    send_empty = cycle.config.delivery.send_empty_digest
    not_owed: list[SubscriberRow] = []

    async def chunks() -> AsyncIterator[list[tuple[SubscriberRow, str]]]:
        async for chunk in source:
            starts = [(s, window_start(s.last_digest_at, cycle.cutoff, cycle.config)) for s in chunk]
            covered = [(s, start) for s, start in starts if start >= cycle.since]
            _left_for_next_run(total, len(starts) - len(covered))
            if covered and book.revisions:  # who was sent an earlier version: read only when asked
                await with_regions_since(db, [s for s, _ in covered])
            if covered:
                yield covered

    async def commit(chunk: list[tuple[SubscriberRow, str]], rows: Rows, empty: set[int]) -> None:
        added, owed, ids = await commit_slot(
            db,
            slot=total.slot,
            started_at=cycle.started,
            cutoff=cycle.cutoff_text,
            windows=[(s.chat_id, s.last_digest_at, s.revision) for s, _ in chunk],
            parts=rows,
        )
        not_owed.extend(s for s, _ in chunk if s.chat_id not in owed)
        total.count(len(owed), len(owed & empty), added, ids)
        cycle.committed()

    committing: asyncio.Task[None] | None = None
    stream = chunks()
    try:
        chunk = await anext(stream, None)
        while chunk is not None:
            layouts = await asyncio.to_thread(_layouts, book, chunk)
            if committing is not None:
                await committing
                committing = None
            # Read while no transaction of this run is open on the connection.
            following = await anext(stream, None)
            book.stored(await store_fragments(db, book.unstored()))
            rows, empty = await asyncio.to_thread(_rows, book, layouts, send_empty)
            committing = asyncio.create_task(commit(chunk, rows, empty))
            chunk = following
        if committing is not None:
            await committing
            committing = None
    finally:
        await stream.aclose()
        if committing is not None:
            await asyncio.gather(committing, return_exceptions=True)
    if not_owed:
        await _recompose_changed(cycle, total, not_owed, rounds)


def _owed_short_of(fresh: SubscriberRow, read: SubscriberRow, cutoff: str) -> bool:
    """Whether another run owed the subscriber (read as ``read``, now ``fresh``) a window that ends
    before ``cutoff``: a scheduled cycle that began before this /digest (or a /digest before this
    cycle) committed first, so the news between its cutoff and this run's is still owed."""
    moved = fresh.last_digest_at
    return moved is not None and moved != read.last_digest_at and moved < cutoff


async def _recompose_changed(
    cycle: _Cycle, total: SlotTotals, read: list[SubscriberRow], rounds: int
) -> None:
    """Compose again the subscribers of ``read`` (as they were read) that were not owed because what
    their digest is composed from changed meanwhile: same window, another revision, and still some
    region (one that left every region is due for nothing, as no cycle or /digest owes a chat without
    codes); or a window another run moved to a point before this run's cutoff
    (:func:`_owed_short_of`), whose digest from there is still owed. The others were owed up to this
    run's cutoff or past it by another run, stopped or paused meanwhile, and are left alone (one
    that paused and changed is composed once more, and not owed again: paused, its revision stays). Those that
    changed again after ``rounds`` compositions are left due for the next run."""
    now = {s.chat_id: s for s in await subscribers_of(cycle.db, [s.chat_id for s in read])}
    changed = [
        fresh
        for s in read
        if (fresh := now.get(s.chat_id)) is not None
        and fresh.codes
        and (
            (fresh.last_digest_at == s.last_digest_at and fresh.revision != s.revision)
            or _owed_short_of(fresh, s, cycle.cutoff_text)
        )
    ]
    if len(changed) < len(read):
        log.info(
            "digest %s: %d subscribers were owed by another run, stopped, paused or left every region "
            "meanwhile",
            total.slot,
            len(read) - len(changed),
        )
    if not changed:
        return
    if rounds <= 0:
        log.info(
            "digest %s: %d subscribers kept changing while their digest was composed; "
            "they are left for the next run",
            total.slot,
            len(changed),
        )
        return
    log.info(
        "digest %s: %d subscribers changed while composed; composing them again", total.slot, len(changed)
    )
    await _owe_each(cycle, total, _listed_chunks(changed, CHUNK_SUBSCRIBERS), rounds - 1)
