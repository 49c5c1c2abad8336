"""Plain-SQL seeding of articles, sections, summaries and subscribers for digest and delivery tests."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from nashra.storage import Database
from nashra.storage.db import to_db_time, utcnow


@dataclass
class SectionSeed:
    text: str
    codes: Sequence[str]
    summary: str | None = None
    heading: str | None = None


async def add_recent_story(db: Database) -> int:
    """One article about Daraa (SY, SY-DR) published an hour ago and ingested 30 minutes ago, with its
    summary: the story most delivery tests owe."""
    now = datetime.now(UTC)
    return await add_article(
        db, title="درعا", source="عنب بلدي", url="https://a.example/1",
        published_at=to_db_time(now - timedelta(hours=1)),
        ingested_at=to_db_time(now - timedelta(minutes=30)),
        sections=[SectionSeed("x", ["SY", "SY-DR"], summary="اشتباكات في ريف درعا الغربي")],
    )  # fmt: skip


async def add_article(
    db: Database,
    *,
    title: str,
    source: str,
    url: str | None,
    published_at: str,
    ingested_at: str,
    sections: Sequence[SectionSeed],
    model_key: str = "extractive",
) -> int:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT OR IGNORE INTO sources (name, created_at) VALUES (?, ?)", (source, utcnow())
        )
        rows = await conn.execute_fetchall("SELECT id FROM sources WHERE name = ?", (source,))
        source_id = next(iter(rows))[0]
        cursor = await conn.execute(
            "INSERT INTO articles (source_id, url, content_hash, title, published_at, ingested_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                source_id,
                url,
                hashlib.sha256(f"{title}{url}{published_at}".encode()).hexdigest(),
                title,
                published_at,
                ingested_at,
                ingested_at,
            ),
        )
        article_id = int(cursor.lastrowid or 0)
        for position, section in enumerate(sections):
            text_hash = hashlib.sha256(section.text.encode()).hexdigest()
            cursor = await conn.execute(
                "INSERT INTO sections (article_id, position, heading, text, text_hash) "
                "VALUES (?, ?, ?, ?, ?)",
                (article_id, position, section.heading, section.text, text_hash),
            )
            section_id = int(cursor.lastrowid or 0)
            await conn.executemany(
                "INSERT INTO section_regions (section_id, code) VALUES (?, ?)",
                [(section_id, code) for code in section.codes],
            )
            if section.summary is not None:
                await conn.execute(
                    "INSERT OR REPLACE INTO summaries (text_hash, model_key, summary, method, created_at) "
                    "VALUES (?, ?, ?, 'extractive', ?)",
                    (text_hash, model_key, section.summary, utcnow()),
                )
    return article_id


async def add_subscribers(
    db: Database,
    subscribers: Sequence[tuple[int, Sequence[str]]],
    *,
    kind: str = "private",
    language: str = "ar",
    digest_time: str | None = None,
    timezone: str | None = None,
    last_digest_at: str | None = None,
) -> None:
    now = utcnow()
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO subscribers (chat_id, kind, language, timezone, digest_time, last_digest_at, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (chat_id, kind, language, timezone, digest_time, last_digest_at, now, now)
                for chat_id, _ in subscribers
            ],
        )
        await conn.executemany(
            "INSERT INTO subscriptions (chat_id, code, created_at) VALUES (?, ?, ?)",
            [(chat_id, code, now) for chat_id, codes in subscribers for code in codes],
        )
