"""Owing a digest cycle: compose each distinct digest once and commit it in chunks of subscribers.

Subscribers who share what decides their digest (codes, window start, language) share its layout:
it is laid out once and reused (up to ``KEEP_LAYOUTS`` distinct layouts are kept, a few megabytes).
The fragments the digests use (titles, region headers, items) are stored once; each outbox row lists
its message's fragments instead of repeating their text. Subscribers are taken in chat id order, the
order of the outbox key, so SQLite appends to its indexes instead of writing all over them.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from nashra.config import Config
from nashra.digest.compose import DigestBook
from nashra.digest.select import (
    build_book,
    cutoff_at,
    digest_date,
    options_of,
    split_by_topic,
    window_start,
)
from nashra.storage.db import Database, to_db_time, utcnow
from nashra.storage.digests import (
    SubscriberRow,
    commit_slot,
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


async def owe_digests(
    db: Database,
    config: Config,
    by_slot: dict[str, list[SubscriberRow]],
    now: datetime,
    *,
    chunk_size: int = CHUNK_SUBSCRIBERS,
    on_commit: Callable[[], None] | None = None,
) -> list[SlotTotals]:
    """Compose and owe the digests of every slot's subscribers; ``on_commit`` runs after each chunk.

    The next chunk is laid out while the previous one is being committed (SQLite works without the
    GIL), so composition and writing overlap on two cores.
    """
    totals = [SlotTotals(slot) for slot in by_slot]
    everyone = [s for subscribers in by_slot.values() for s in subscribers]
    if not everyone:
        return totals
    started = utcnow()
    cutoff = cutoff_at(min(now, await settled_instant(db)))
    cutoff_text = to_db_time(cutoff)
    for total in totals:
        total.key = window_key(total.slot, cutoff_text)
    starts = {s.chat_id: window_start(s, cutoff, config) for s in everyone}
    book = await build_book(
        db, config, since=min(starts.values()), cutoff=cutoff_text, date=digest_date(now, config)
    )
    send_empty = config.delivery.send_empty_digest
    chunks: list[tuple[SlotTotals, list[tuple[SubscriberRow, str]]]] = []
    for total, subscribers in zip(totals, by_slot.values(), strict=True):
        ordered = sorted(((s, starts[s.chat_id]) for s in subscribers), key=lambda pair: pair[0].chat_id)
        chunks += [(total, ordered[i : i + chunk_size]) for i in range(0, len(ordered), chunk_size)]

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
    try:
        for total, chunk in chunks:
            layouts = await asyncio.to_thread(_layouts, book, chunk)
            if committing is not None:
                await committing
                committing = None
            book.stored(await store_fragments(db, book.unstored()))
            rows, empty = await asyncio.to_thread(_rows, book, layouts, send_empty)
            committing = asyncio.create_task(commit(total, chunk, rows, empty))
        if committing is not None:
            await committing
            committing = None
    finally:
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
