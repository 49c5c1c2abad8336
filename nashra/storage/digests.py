"""Set-based SQL of digest composition: recent sections, due subscribers, and marking a digest slot.

Composition for every subscriber costs a fixed number of queries whatever the audience: one for the
sections of the window, one (or one per personal schedule) for the due subscribers with their codes,
and one transaction that owes the messages and marks the subscribers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from nashra.storage.db import Database, utcnow
from nashra.storage.outbox import PRIORITY_DIGEST


@dataclass(slots=True)
class SectionRow:
    """A stored section with what a digest item needs: its best summary, source, link and regions."""

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


@dataclass(slots=True)
class SubscriberRow:
    """A subscriber due for a digest: chat, language, codes and the end of its previous window."""

    chat_id: int
    kind: str
    language: str
    timezone: str | None
    digest_time: str | None
    last_digest_at: str | None
    codes: tuple[str, ...]


async def recent_sections(db: Database, since: str, until: str, model_key: str) -> list[SectionRow]:
    """Sections of articles ingested in (since, until], most recently published first.

    The summary is the one of ``model_key`` when present, else the newest stored under any key, else
    None (the caller then summarizes extractively, so no section is lost).
    """
    rows = await db.fetchall(
        "SELECT s.id, s.article_id, s.heading, s.text, s.text_hash, a.title, a.url, src.name AS source, "
        "a.published_at, a.ingested_at, "
        "(SELECT m.summary FROM summaries m WHERE m.text_hash = s.text_hash "
        " ORDER BY (m.model_key = ?) DESC, m.created_at DESC LIMIT 1) AS summary, "
        "(SELECT group_concat(r.code, ' ') FROM section_regions r WHERE r.section_id = s.id) AS codes "
        "FROM articles a JOIN sections s ON s.article_id = a.id "
        "LEFT JOIN sources src ON src.id = a.source_id "
        "WHERE a.ingested_at > ? AND a.ingested_at <= ? "
        "ORDER BY a.published_at DESC, a.id DESC, s.position",
        (model_key, since, until),
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
            ingested_at=row["ingested_at"],
            summary=row["summary"],
            codes=tuple(row["codes"].split()) if row["codes"] else (),
        )
        for row in rows
    ]


_SUBSCRIBER_COLUMNS = (
    "SELECT s.chat_id, s.kind, s.language, s.timezone, s.digest_time, s.last_digest_at, "
    "group_concat(sub.code, ' ') AS codes "
    "FROM subscribers s JOIN subscriptions sub ON sub.chat_id = s.chat_id "
)


def _subscriber(row: aiosqlite.Row) -> SubscriberRow:
    return SubscriberRow(
        chat_id=row["chat_id"],
        kind=row["kind"],
        language=row["language"],
        timezone=row["timezone"],
        digest_time=row["digest_time"],
        last_digest_at=row["last_digest_at"],
        codes=tuple(sorted(set(row["codes"].split()))),
    )


async def due_subscribers(
    db: Database,
    before: str,
    *,
    digest_time: str | None = None,
    timezone: str | None = None,
    everyone: bool = False,
) -> list[SubscriberRow]:
    """Active subscribers with subscriptions whose last digest ended before ``before``.

    With ``everyone``: whatever their schedule. Else with ``digest_time`` None: those on the configured
    schedule (no personal time); otherwise those with that personal time and ``timezone`` (None
    meaning the configured zone).
    """
    if everyone:
        where, params = "1 = 1", [before]
    elif digest_time is None:
        where, params = "s.digest_time IS NULL", [before]
    else:
        zone = "s.timezone IS NULL" if timezone is None else "s.timezone = ?"
        where = f"s.digest_time = ? AND {zone}"
        params = [digest_time] + ([] if timezone is None else [timezone]) + [before]
    rows = await db.fetchall(
        _SUBSCRIBER_COLUMNS + f"WHERE {where} AND s.blocked = 0 AND s.paused = 0 "
        "AND (s.last_digest_at IS NULL OR s.last_digest_at < ?) GROUP BY s.chat_id",
        params,
    )
    return [_subscriber(row) for row in rows]


async def subscriber(db: Database, chat_id: int) -> SubscriberRow | None:
    """One subscriber with its codes (for /digest), whatever its schedule; None when unknown."""
    row = await db.fetchone(
        "SELECT s.chat_id, s.kind, s.language, s.timezone, s.digest_time, s.last_digest_at, "
        "(SELECT group_concat(code, ' ') FROM subscriptions WHERE chat_id = s.chat_id) AS codes "
        "FROM subscribers s WHERE s.chat_id = ?",
        (chat_id,),
    )
    if row is None:
        return None
    return SubscriberRow(
        chat_id=row["chat_id"],
        kind=row["kind"],
        language=row["language"],
        timezone=row["timezone"],
        digest_time=row["digest_time"],
        last_digest_at=row["last_digest_at"],
        codes=tuple(sorted(set((row["codes"] or "").split()))),
    )


async def personal_schedules(db: Database) -> list[tuple[str, str | None]]:
    """Distinct (digest_time, timezone) pairs of active subscribers with a personal time."""
    rows = await db.fetchall(
        "SELECT DISTINCT digest_time, timezone FROM subscribers "
        "WHERE digest_time IS NOT NULL AND blocked = 0 AND paused = 0"
    )
    return [(row["digest_time"], row["timezone"]) for row in rows]


async def commit_slot(
    db: Database,
    *,
    slot: str,
    started_at: str,
    cutoff: str,
    chat_ids: Sequence[int],
    parts: Sequence[tuple[int, int, str]],
) -> int:
    """Owe a digest slot and mark its subscribers, atomically; returns how many rows are new.

    ``parts`` are (chat_id, part, html). Every chat in ``chat_ids`` gets ``last_digest_at = cutoff``,
    including those whose digest was empty, so the next window starts where this one ended.
    """
    now = utcnow()
    async with db.transaction() as conn:
        before = conn.total_changes
        await conn.executemany(
            "INSERT OR IGNORE INTO outbox "
            "(chat_id, kind, slot, part, text, priority, created_at, updated_at) "
            "VALUES (?, 'digest', ?, ?, ?, ?, ?, ?)",
            [(chat_id, slot, part, text, PRIORITY_DIGEST, now, now) for chat_id, part, text in parts],
        )
        added = conn.total_changes - before
        await conn.executemany(
            "UPDATE subscribers SET last_digest_at = ? WHERE chat_id = ? "
            "AND (last_digest_at IS NULL OR last_digest_at < ?)",
            [(cutoff, chat_id, cutoff) for chat_id in chat_ids],
        )
        await conn.execute(
            "INSERT INTO digest_runs (slot, started_at, finished_at, subscribers, messages) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET finished_at = excluded.finished_at, "
            "subscribers = digest_runs.subscribers + excluded.subscribers, "
            "messages = digest_runs.messages + excluded.messages",
            (slot, started_at, now, len(chat_ids), added),
        )
    return added


async def mark_digested(db: Database, chat_id: int, cutoff: str) -> None:
    """The subscriber got what was new up to ``cutoff`` (the /digest command)."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE subscribers SET last_digest_at = ?, updated_at = ? WHERE chat_id = ? "
            "AND (last_digest_at IS NULL OR last_digest_at < ?)",
            (cutoff, utcnow(), chat_id, cutoff),
        )


__all__ = [
    "SectionRow",
    "SubscriberRow",
    "commit_slot",
    "due_subscribers",
    "mark_digested",
    "personal_schedules",
    "recent_sections",
    "subscriber",
]
