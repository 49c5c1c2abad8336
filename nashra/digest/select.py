"""Selection: which stories each due subscriber gets, for a whole audience in a fixed number of queries.

A subscriber's window runs from the end of its previous digest (``last_digest_at``; for a first digest,
``delivery.first_digest_hours`` earlier) to the cycle's cutoff. Sections are chosen by the time their
article was stored, so an article published before a digest but ingested after it is not lost. The
cutoff is the instant this process held the database's write lock, to the microsecond as articles are
stamped, so no article stamped up to it can still be uncommitted and every later one is stamped after
it (see :func:`nashra.storage.digests.settled_instant`).
A story published more than ``delivery.max_age_days`` before the cutoff (a new feed's backlog, an item
dated years back) is stored but never owed, but as the correction of a story a chat was sent, to that
chat (:class:`nashra.digest.compose.Revision`).

A section whose text has no summary yet is summarized extractively on the spot (and not stored: the
summarizer worker owns the cache), so a slow model never drops news from a digest; it is logged.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from nashra.config import Config
from nashra.digest.compose import (
    DIGEST_TITLES,
    DigestBook,
    DigestOptions,
    History,
    Revision,
    SectionInput,
    collapse_stories,
)
from nashra.storage.articles import earlier_stamps
from nashra.storage.db import Database, to_db_instant, to_db_time
from nashra.storage.digests import (
    AudienceSize,
    SectionRow,
    SubscriberRow,
    recent_sections,
    with_regions_since,
)
from summarizer.extractive import extractive_summary
from summarizer.keys import model_key

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Window:
    """The cycle's end (stored as each subscriber's new ``last_digest_at``) and the book's start."""

    since: str
    cutoff: str


@functools.lru_cache(maxsize=256)
def format_options(style: str, max_items: int | None) -> DigestOptions:
    """A digest format (``style`` "full" or "headlines", item cap or None) as composition takes it
    (one shared object per format: a cycle asks for it once per edition)."""
    return DigestOptions(headlines=style == "headlines", max_items=max_items)


def options_of(subscriber: SubscriberRow) -> DigestOptions:
    """The subscriber's keyword filters and format, as composition takes them, and whether it is a
    channel (whose digests are composed for it alone: :data:`nashra.storage.digests.TAILORED`)."""
    return replace(
        format_options(subscriber.style, subscriber.max_items),
        include=subscriber.include,
        exclude=subscriber.exclude,
        channel=subscriber.kind == "channel",
    )


def history_of(subscriber: SubscriberRow) -> History | None:
    """What says which revised stories the subscriber was sent an earlier version of (None: it never
    had a digest, so none)."""
    if subscriber.last_digest_at is None:
        return None
    return History(subscriber.last_digest_at, dict(subscriber.joined) if subscriber.joined else None)


def split_by_topic(subscriber: SubscriberRow) -> list[tuple[int | None, tuple[str, ...]]]:
    """The subscriber's codes per forum topic (None: the chat itself / the General topic)."""
    if not subscriber.topics:
        return [(None, subscriber.codes)]
    bound = dict(subscriber.topics)
    threads: dict[int | None, list[str]] = {}
    for code in subscriber.codes:
        threads.setdefault(bound.get(code), []).append(code)
    return [(thread, tuple(codes)) for thread, codes in threads.items()]


def cutoff_at(now: datetime) -> str:
    """The end of a window settled at ``now`` (an instant at or before
    :func:`nashra.storage.digests.settled_instant`): ``now`` itself, as a database instant."""
    return to_db_instant(now)


def due_before(slot: datetime) -> str:
    """The bound of a scheduled slot's audience (:class:`nashra.storage.digests.Audience`): subscribers
    whose window ended before it are due. The second before the slot, to the second.

    A run at or after the slot ends its windows at its cutoff (:func:`cutoff_at`), after this bound,
    so running the slot again (a retried job, the catch-up after a restart) owes them nothing. The
    windows that Nashra ended before migration 0280 are stamped to the second and one second early (a
    run in the slot's first second wrote the second before it): against this bound they count as
    owed by the slot too, where the slot instant itself would owe them a second digest."""
    return to_db_time(slot.replace(microsecond=0) - timedelta(seconds=1))


def first_window_start(cutoff: datetime, config: Config) -> str:
    """Where a first digest's window starts: ``delivery.first_digest_hours`` before the cutoff."""
    return to_db_time(cutoff - timedelta(hours=config.delivery.first_digest_hours))


def window_start(last_digest_at: str | None, cutoff: datetime, config: Config) -> str:
    """Where a subscriber's window starts: the end of its previous digest (``last_digest_at``), else a
    first window."""
    return last_digest_at or first_window_start(cutoff, config)


def earliest_start(size: AudienceSize, cutoff: datetime, config: Config) -> str | None:
    """The earliest window start of an audience of ``size`` (None when it is empty)."""
    starts = [size.earliest] if size.earliest else []
    if size.first_digests:
        starts.append(first_window_start(cutoff, config))
    return min(starts) if size.subscribers and starts else None


def digest_date(now: datetime, config: Config) -> str:
    """The date printed in the digest title, in the configured time zone."""
    return now.astimezone(ZoneInfo(config.schedule.timezone)).date().isoformat()


def _inputs(rows: Sequence[SectionRow], words: int, oldest: str) -> tuple[list[SectionInput], list[Revision]]:
    """The composition inputs of ``rows``, and the revisions among them (see :class:`Revision`);
    ``oldest`` is the earliest publication time still news (``delivery.max_age_days``)."""
    inputs: list[SectionInput] = []
    revisions: list[Revision] = []
    fallback = 0
    for row in rows:
        if not row.codes:
            continue
        stale = row.published_at < oldest
        if stale and not row.earlier:
            continue
        summary = row.summary
        if not summary:
            summary = extractive_summary(row.heading, row.text, words=words)
            fallback += 1
        if not summary.strip():
            continue
        if row.earlier:
            earlier = tuple(earlier_stamps(row.earlier))
            shows = row.revised and _shows_change(row, summary, words)
            revisions.append(Revision(len(inputs), earlier, shows, stale))
        inputs.append(
            SectionInput(
                article_id=row.article_id,
                summary=summary,
                source=row.source,
                url=row.url,
                published_at=row.published_at,
                ingested_at=row.ingested_at,
                codes=row.codes,
                title=row.title,
                heading=row.heading,
            )
        )
    if fallback:
        log.info("%d sections had no stored summary yet; used extractive summaries for this digest", fallback)
    return inputs, revisions


def _shows_change(row: SectionRow, summary: str, words: int) -> bool:
    """Whether a chat sent the version ``row`` revised sees a change in it: its headline or its
    summary (``summary``, as this digest shows it) differs from what that version showed (its stored
    summary, else the extractive one, as a digest then made it). A revision that replaced no one
    section (a new section, the lead sent again for a paragraph dropped) always shows one."""
    if row.before is None:
        return True
    before = json.loads(row.before)
    if " ".join((row.heading or row.title).split()) != " ".join((before["headline"] or "").split()):
        return True
    shown = row.before_summary or extractive_summary(before["heading"], before["text"], words=words)
    return " ".join(shown.split()) != " ".join(summary.split())


async def build_book(
    db: Database,
    config: Config,
    *,
    since: str,
    cutoff: str,
    date: str,
    codes: Sequence[str] | None = None,
    titles: tuple[str, str] = DIGEST_TITLES,
) -> DigestBook:
    """Read the sections of (since, cutoff] once and prepare their stories (off the event loop).

    With ``codes``, only the sections tagged with one of them: the book of a few chats (/digest)
    summarizes on the spot the sections those chats can be shown, not every section a summarizer
    backlog still holds (an extractive summary costs 2–3 ms a section on a 2-core VM, and a day of
    SaudiNewsNet holds 1,500 sections: docs/benchmarks.md, "/digest during a summary backlog"). Such
    a book also groups into one story only the reports tagged with these codes: another outlet's
    report of the same story tagged with none of them is not listed among its sources. ``titles``
    are the catalogue keys of its messages' titles (/more's messages have their own).
    """
    rows = await recent_sections(db, since, cutoff, model_key(config.summarizer), codes)
    # Stored but not owed: a story published more than delivery.max_age_days before the cutoff, unless
    # it is the correction of one a chat was sent (then to that chat only: Revision.stale).
    oldest = to_db_time(datetime.fromisoformat(cutoff) - timedelta(days=config.delivery.max_age_days))

    def build() -> DigestBook:
        inputs, revisions = _inputs(rows, config.summarizer.summary_words, oldest)
        stale = {r.index for r in revisions if r.stale}
        stories = collapse_stories([s for n, s in enumerate(inputs) if n not in stale])
        return DigestBook(
            stories,
            date=date,
            max_items=config.delivery.max_items_per_digest,
            timezone=config.schedule.timezone,
            inputs=inputs if revisions else (),
            revisions=revisions,
            titles=titles,
        )

    return await asyncio.to_thread(build)


async def plan_digests(
    db: Database, config: Config, subscribers: Sequence[SubscriberRow], now: datetime, *, settled: bool = True
) -> tuple[Window, list[tuple[SubscriberRow, list[str]]]]:
    """Compose the digest of every subscriber given: one read of the sections, then pure composition.

    ``settled`` windows end at ``now``, which must be settled (see
    :func:`nashra.storage.digests.settled_instant`) for any window that will be marked delivered; a
    preview, which marks nothing, reads to the end of ``now``'s second.
    """
    cutoff = now if settled else now.replace(microsecond=0) + timedelta(seconds=1)
    cutoff_text = cutoff_at(cutoff)
    starts = [window_start(s.last_digest_at, cutoff, config) for s in subscribers]
    since = min(starts, default=cutoff_text)
    window = Window(since=since, cutoff=cutoff_text)
    if not subscribers:
        return window, []
    book = await build_book(db, config, since=since, cutoff=cutoff_text, date=digest_date(now, config))
    if book.revisions:  # who was sent an earlier version of them (History)
        await with_regions_since(db, [s for s in subscribers if s.chat_id])

    def compose_all() -> list[tuple[SubscriberRow, list[str]]]:
        return [
            (
                subscriber,
                book.compose(
                    subscriber.codes,
                    start,
                    subscriber.language,
                    options_of(subscriber),
                    history_of(subscriber),
                ),
            )
            for subscriber, start in zip(subscribers, starts, strict=True)
        ]

    return window, await asyncio.to_thread(compose_all)


async def preview(
    db: Database,
    config: Config,
    codes: Sequence[str],
    *,
    since: datetime | None = None,
    lang: str = "ar",
    now: datetime | None = None,
) -> list[str]:
    """The digest a subscriber of ``codes`` would get now (``since`` defaults to the first-digest window)."""
    now = now or datetime.now(UTC)
    subscriber = SubscriberRow(
        chat_id=0,
        kind="private",
        language=lang,
        timezone=None,
        digest_time=None,
        last_digest_at=to_db_instant(since) if since else None,
        codes=tuple(sorted(set(codes))),
    )
    _, planned = await plan_digests(db, config, [subscriber], now, settled=False)
    return planned[0][1]
