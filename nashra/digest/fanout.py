"""Owing a digest cycle: compose each distinct digest once and commit it in chunks of subscribers.

Subscribers who share what decides their digest (codes, window start, language) share its layout:
it is laid out once and reused (up to ``KEEP_LAYOUTS`` distinct layouts are kept, a few megabytes).
The fragments the digests use (titles, region headers, items) are stored once; each outbox row lists
its message's fragments instead of repeating their text. Subscribers are read from the database a
chunk at a time, in chat id order (the order of the outbox key, so SQLite appends to its indexes
instead of writing all over them).

Each chunk is committed in its own transaction (its outbox rows together with its subscribers' new
``last_digest_at``), so memory stays bounded by one chunk whatever the audience, the sender can start
on the first chunk while the next is composed, and a crash between chunks leaves the uncommitted
subscribers unmarked: the next run composes them again. A chunk owes a subscriber only if its window
still starts where this run read it (:func:`nashra.storage.digests.commit_slot`), so a run that raced
another (a second process, /digest during a scheduled run) skips the subscribers the other one owed.
The cycle's cutoff is taken after :func:`nashra.storage.digests.settled_instant`, so no article
committed later can fall inside the window (see :mod:`nashra.storage.outbox` for the whole argument).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from nashra.config import Config
from nashra.digest.compose import DigestBook
from nashra.digest.select import (
    build_book,
    cutoff_at,
    digest_date,
    earliest_start,
    options_of,
    split_by_topic,
    window_start,
)
from nashra.storage.db import Database, to_db_time, utcnow
from nashra.storage.digests import (
    Audience,
    AudienceSize,
    SubscriberRow,
    audience_size,
    commit_slot,
    due_chunks,
    settled_instant,
    store_fragments,
    window_key,
)
from nashra.texts import text as catalogue

log = logging.getLogger(__name__)

CHUNK_SUBSCRIBERS = 5000
KEEP_LAYOUTS = 50_000


@dataclass(slots=True)
class SlotTotals:
    """What one slot owed: subscribers due, digests with news, outbox rows added, empty digests."""

    slot: str
    subscribers: int = 0
    digests: int = 0
    messages: int = 0
    empty: int = 0
    key: str = ""  # the outbox slot of this run's rows (see nashra.storage.digests.window_key)


Layouts = list[tuple[SubscriberRow, list[tuple[int | None, list[int]]]]]
Rows = list[tuple[int, int, str, str | None, int | None, bool]]


def _layout(book: DigestBook, subscriber: SubscriberRow, start: str) -> list[tuple[int | None, list[int]]]:
    """The subscriber's messages with their forum topic (None: the chat itself), per its preferences."""
    options = options_of(subscriber)
    if not subscriber.topics:
        return [(None, part) for part in book.layout(subscriber.codes, start, subscriber.language, options)]
    return [
        (thread, part)
        for thread, codes in split_by_topic(subscriber)
        for part in book.layout(codes, start, subscriber.language, options)
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


async def _chunks(
    db: Database, audience: Audience | Sequence[SubscriberRow], size: int
) -> AsyncIterator[list[SubscriberRow]]:
    """The audience ``size`` subscribers at a time in chat id order (the order of the outbox key)."""
    if isinstance(audience, Audience):
        async for chunk in due_chunks(db, audience, size):
            yield chunk
        return
    ordered = sorted(audience, key=lambda s: s.chat_id)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


async def owe_digests(
    db: Database,
    config: Config,
    by_slot: Mapping[str, Audience | Sequence[SubscriberRow]],
    now: datetime,
    *,
    chunk_size: int = CHUNK_SUBSCRIBERS,
    on_commit: Callable[[], None] | None = None,
) -> list[SlotTotals]:
    """Compose and owe the digests of every slot's subscribers; ``on_commit`` runs after each chunk.

    A slot's subscribers are an :class:`~nashra.storage.digests.Audience` (a query, read chunk by
    chunk: memory is bounded by ``chunk_size``, not by the audience) or a list (one chat's /digest, a
    test). The sections are read once, from the earliest window of all slots. A subscriber whose window
    starts before that (it subscribed, or its window moved back, after the audience was measured) is
    left due for the next run rather than owed a digest the book cannot cover.

    The next chunk is laid out while the previous one is being committed (SQLite works without the
    GIL), so composition and writing overlap on two cores.
    """
    totals = [SlotTotals(slot) for slot in by_slot]
    audiences = list(by_slot.values())
    sizes = [await audience_size(db, a) if isinstance(a, Audience) else _size_of(a) for a in audiences]
    if not any(size.subscribers for size in sizes):
        return totals
    started = utcnow()
    cutoff = cutoff_at(min(now, await settled_instant(db)))
    cutoff_text = to_db_time(cutoff)
    for total in totals:
        total.key = window_key(total.slot, cutoff_text)
    since = min(s for s in (earliest_start(size, cutoff, config) for size in sizes) if s is not None)
    book = await build_book(db, config, since=since, cutoff=cutoff_text, date=digest_date(now, config))
    send_empty = config.delivery.send_empty_digest

    async def chunks() -> AsyncIterator[tuple[SlotTotals, list[tuple[SubscriberRow, str]]]]:
        for total, audience in zip(totals, audiences, strict=True):
            async for chunk in _chunks(db, audience, chunk_size):
                starts = [(s, window_start(s, cutoff, config)) for s in chunk]
                covered = [(s, start) for s, start in starts if start >= since]
                if len(covered) < len(starts):
                    log.info(
                        "digest %s: %d subscribers became due with an earlier window during the run; "
                        "they are left for the next one",
                        total.slot,
                        len(starts) - len(covered),
                    )
                if covered:
                    yield total, covered

    async def commit(
        total: SlotTotals, chunk: list[tuple[SubscriberRow, str]], rows: Rows, empty: set[int]
    ) -> None:
        added, owed = await commit_slot(
            db,
            slot=total.slot,
            started_at=started,
            cutoff=cutoff_text,
            windows=[(s.chat_id, s.last_digest_at) for s, _ in chunk],
            parts=rows,
        )
        if len(owed) < len(chunk):
            log.info(
                "digest %s: %d subscribers were owed by another run meanwhile",
                total.slot,
                len(chunk) - len(owed),
            )
        total.subscribers += len(owed)
        total.empty += len(owed & empty)
        total.digests += len(owed) - len(owed & empty)
        total.messages += added
        if on_commit is not None:
            on_commit()

    committing: asyncio.Task[None] | None = None
    stream = chunks()
    try:
        following = await anext(stream, None)
        while following is not None:
            total, chunk = following
            layouts = await asyncio.to_thread(_layouts, book, chunk)
            if committing is not None:
                await committing
                committing = None
            # Read while no transaction of this run is open on the connection.
            following = await anext(stream, None)
            book.stored(await store_fragments(db, book.unstored()))
            rows, empty = await asyncio.to_thread(_rows, book, layouts, send_empty)
            committing = asyncio.create_task(commit(total, chunk, rows, empty))
        if committing is not None:
            await committing
            committing = None
    finally:
        await stream.aclose()
        if committing is not None:
            await asyncio.gather(committing, return_exceptions=True)
    for total in totals:
        log.info(
            "digest %s: %d subscribers, %d messages owed, %d empty",
            total.slot,
            total.subscribers,
            total.messages,
            total.empty,
        )
    return totals
