"""Sources, articles, their sections and section regions, and feed fetch state.

An article is unique by feed identity (guid), by URL and by content hash. Saving the same article again
changes nothing; saving new content or a new link for a known story replaces it in one transaction.
Summaries are keyed by section text hash, so a section whose text survives an update keeps its cached
summary, and its place in digest windows: a section is owed by the time its text was last stored new
(``sections.changed_at``, migration 0280), so only a section whose text an update changed comes again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import aiosqlite

from nashra.arabic import normalize
from nashra.model import Article, Furniture, Section, StoredSection
from nashra.storage.db import Database, from_db_time, now_instant, to_db_time, utcnow
from nashra.storage.hashes import content_hash_of, text_hash

SaveStatus = Literal["ingested", "unchanged", "updated"]


@dataclass(slots=True, frozen=True)
class SaveOutcome:
    status: SaveStatus
    article_id: int


@dataclass(slots=True)
class StoredArticle:
    """An article row; its sections come from :meth:`ArticleStore.sections_of`."""

    id: int
    title: str
    source: str | None
    author: str | None
    url: str | None
    published_at: datetime
    ingested_at: datetime
    updated_at: datetime
    content_hash: str
    region_hints: list[str]
    dateline: str | None = None
    furniture: list[Furniture] = field(default_factory=list)


@dataclass(slots=True)
class FeedState:
    """What the last fetch of a feed answered, for the next conditional request."""

    url: str
    etag: str | None
    last_modified: str | None
    last_fetched_at: datetime | None
    last_status: str | None


def content_hash(article: Article) -> str:
    """Identity of an article's content: normalized title and sections (not its URL or source)."""
    return content_hash_of(article.title, [text_hash(s.heading, s.text) for s in article.sections])


class ArticleStore:
    """Articles in the database. Every save is one transaction: a crash never leaves half an article."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def save(self, article: Article) -> SaveOutcome:
        """Store ``article`` (analysed: sections carry regions) unless it is already there.

        The story it is: the one with its feed identity (``guid``), else the one at its URL. Found with
        the same content and URL: unchanged. Found with new content or a new link: updated in place (its
        sections replaced; its source, author and first published time kept when the new version gives
        none, as a feed's later copy often omits them; when and how it was first stored kept too, so
        an edit is never owed again as a new story). Content already stored as another story is never
        stored twice.
        """
        digest = content_hash(article)
        async with self.db.transaction() as conn:
            # Stamped to the microsecond while holding the write lock: digest windows rely on it
            # (settled_instant), and end at that instant, not a second before.
            now = now_instant()
            by_guid = await _one(
                conn, "SELECT id, content_hash, url FROM articles WHERE guid = ?", article.guid
            )
            by_url = await _one(conn, "SELECT id, content_hash, url FROM articles WHERE url = ?", article.url)
            by_hash = await _one(conn, "SELECT id, guid FROM articles WHERE content_hash = ?", digest)
            known = by_guid or by_url
            if known is None and by_hash is not None:
                if article.guid and by_hash["guid"] is None:  # the story now has an identity to keep
                    await conn.execute(
                        "UPDATE articles SET guid = ? WHERE id = ?", (article.guid, by_hash["id"])
                    )
                return SaveOutcome("unchanged", int(by_hash["id"]))
            if known is not None:
                article_id = int(known["id"])
                same_link = article.url is None or article.url == known["url"]
                if (known["content_hash"] == digest and same_link) or (
                    by_hash is not None and int(by_hash["id"]) != article_id
                ):
                    return SaveOutcome("unchanged", int(known["id"]))
                await self._update(conn, article_id, article, digest, now)
                return SaveOutcome("updated", article_id)
            source_id = await _source_id(conn, article.source, now)
            hints = json.dumps(sorted(article.region_hints))
            published = to_db_time(article.published_at) if article.published_at else now
            cursor = await conn.execute(
                "INSERT INTO articles (source_id, url, guid, content_hash, title, author, published_at, "
                "ingested_at, updated_at, region_hints, dateline, furniture) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    source_id,
                    article.url,
                    article.guid,
                    digest,
                    article.title,
                    article.author,
                    published,
                    now,
                    now,
                    hints,
                    article.dateline,
                    _furniture_json(article),
                ),
            )
            article_id = int(cursor.lastrowid or 0)
            await _insert_sections(conn, article_id, article.sections, now)
            return SaveOutcome("ingested", article_id)

    async def _update(
        self, conn: aiosqlite.Connection, article_id: int, article: Article, digest: str, now: str
    ) -> None:
        source_id = await _source_id(conn, article.source, now)
        hints = json.dumps(sorted(article.region_hints))
        published = to_db_time(article.published_at) if article.published_at else None
        # A new link is taken unless another stored story has it (then that one keeps it).
        async with conn.execute(
            "SELECT 1 FROM articles WHERE url = ? AND id != ?", (article.url, article_id)
        ) as cursor:
            taken = await cursor.fetchone()
        url = article.url if taken is None else None
        await conn.execute(
            "UPDATE articles SET source_id = COALESCE(?, source_id), content_hash = ?, title = ?, "
            "url = COALESCE(?, url), guid = COALESCE(guid, ?), author = COALESCE(?, author), "
            "published_at = COALESCE(?, published_at), updated_at = ?, region_hints = ?, "
            "dateline = COALESCE(?, dateline), furniture = ? WHERE id = ?",
            (
                source_id,
                digest,
                article.title,
                url,
                article.guid,
                article.author,
                published,
                now,
                hints,
                article.dateline,
                _furniture_json(article),
                article_id,
            ),
        )
        kept = await _section_versions(conn, article_id)
        covered = await _delivered(conn, article_id)
        await conn.execute("DELETE FROM sections WHERE article_id = ?", (article_id,))
        await _insert_sections(conn, article_id, article.sections, now, kept=kept, revised=covered)

    async def get_article(self, article_id: int) -> StoredArticle | None:
        row = await self.db.fetchone(
            "SELECT a.*, s.name AS source_name FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
            "WHERE a.id = ?",
            (article_id,),
        )
        if row is None:
            return None
        return StoredArticle(
            id=int(row["id"]),
            title=row["title"],
            source=row["source_name"],
            author=row["author"],
            url=row["url"],
            published_at=_time(row["published_at"]),
            ingested_at=_time(row["ingested_at"]),
            updated_at=_time(row["updated_at"]),
            content_hash=row["content_hash"],
            region_hints=list(json.loads(row["region_hints"])),
            dateline=row["dateline"],
            furniture=[Furniture(item["kind"], item["text"]) for item in json.loads(row["furniture"])],
        )

    async def article_id_by_url(self, url: str) -> int | None:
        row = await self.db.fetchone("SELECT id FROM articles WHERE url = ?", (url,))
        return int(row["id"]) if row else None

    async def sections_of(self, article_id: int) -> list[StoredSection]:
        """The sections of an article in order, each with its sorted region codes."""
        rows = await self.db.fetchall(
            "SELECT s.id, s.article_id, s.position, s.heading, s.text, s.text_hash, "
            "(SELECT group_concat(code, ' ') FROM (SELECT code FROM section_regions r "
            " WHERE r.section_id = s.id ORDER BY code)) AS codes "
            "FROM sections s WHERE s.article_id = ? ORDER BY s.position",
            (article_id,),
        )
        return [
            StoredSection(
                id=int(row["id"]),
                article_id=int(row["article_id"]),
                position=int(row["position"]),
                heading=row["heading"],
                text=row["text"],
                text_hash=row["text_hash"],
                regions=(row["codes"] or "").split(),
            )
            for row in rows
        ]

    async def count_articles(self) -> int:
        row = await self.db.fetchone("SELECT COUNT(*) FROM articles")
        return int(row[0]) if row else 0

    async def feed_state(self, url: str) -> FeedState | None:
        row = await self.db.fetchone("SELECT * FROM feeds WHERE url = ?", (url,))
        if row is None:
            return None
        return FeedState(
            url=row["url"],
            etag=row["etag"],
            last_modified=row["last_modified"],
            last_fetched_at=from_db_time(row["last_fetched_at"]),
            last_status=row["last_status"],
        )

    async def save_feed_state(
        self, url: str, *, etag: str | None, last_modified: str | None, status: str
    ) -> None:
        """Remember a fetch; validators are kept when an answer (an error, say) carries none."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO feeds (url, etag, last_modified, last_fetched_at, last_status) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "etag = COALESCE(excluded.etag, etag), "
                "last_modified = COALESCE(excluded.last_modified, last_modified), "
                "last_fetched_at = excluded.last_fetched_at, last_status = excluded.last_status",
                (url, etag, last_modified, utcnow(), status),
            )


def _furniture_json(article: Article) -> str:
    """The furniture removed from an article, as stored: a JSON list of {"kind", "text"}."""
    return json.dumps([{"kind": f.kind, "text": f.text} for f in article.furniture], ensure_ascii=False)


async def _one(conn: aiosqlite.Connection, sql: str, value: object) -> aiosqlite.Row | None:
    if value is None:
        return None
    async with conn.execute(sql, (value,)) as cursor:
        return await cursor.fetchone()


async def _source_id(conn: aiosqlite.Connection, name: str | None, now: str) -> int | None:
    if not name:
        return None
    await conn.execute(
        "INSERT INTO sources (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", (name, now)
    )
    row = await _one(conn, "SELECT id FROM sources WHERE name = ?", name)
    return int(row["id"]) if row else None


# A new section shorter than this (in words) is news unless its text was stored before as it is: a
# short line («عاجل: قصف») is found inside nearly any longer text of the same story.
_RECUT_MIN_WORDS = 6


@dataclass(slots=True, frozen=True)
class _Versions:
    """An article's stored sections before an update: text hash -> (changed_at, revised), and each old
    section's normalized text (heading and text, padded with a space each side) with its stamp and mark."""

    by_hash: dict[str, tuple[str, int]]
    texts: tuple[tuple[str, tuple[str, int]], ...]

    def stamp_of(self, section: Section, digest: str, now: str, revised: bool) -> tuple[str, int]:
        """The (changed_at, revised) of ``section`` (text hash ``digest``) in the new version.

        Its own stamp when its text was stored already. When its normalized text (its heading aside),
        of :data:`_RECUT_MIN_WORDS` words or more, stands in the old version whole words and all (the
        same story cut differently, a sectioning rule having changed since, or a heading edited: no
        news), the stamp of the old section holding it, or, when it spans several, the newest of
        theirs. Else ``now``: a changed number («150» → «50») or a new short line is news.
        """
        if digest in self.by_hash:
            return self.by_hash[digest]
        text = normalize(section.text)
        if len(text.split()) < _RECUT_MIN_WORDS:
            return now, int(revised)
        padded = f" {text} "
        for old, stamp in self.texts:
            if padded in old:
                return stamp
        if padded in " ".join(old for old, _ in self.texts):
            return max(stamp for _, stamp in self.texts)
        return now, int(revised)


async def _section_versions(conn: aiosqlite.Connection, article_id: int) -> _Versions:
    async with conn.execute(
        "SELECT text_hash, changed_at, revised, heading, text FROM sections WHERE article_id = ? "
        "ORDER BY position",
        (article_id,),
    ) as cursor:
        rows = list(await cursor.fetchall())
    return _Versions(
        by_hash={row[0]: (row[1], int(row[2])) for row in rows},
        texts=tuple(
            (f" {normalize(_heading_and_text(row[3], row[4]))} ", (row[1], int(row[2]))) for row in rows
        ),
    )


def _heading_and_text(heading: str | None, text: str) -> str:
    return f"{heading} {text}" if heading else text


async def _delivered(conn: aiosqlite.Connection, article_id: int) -> bool:
    """Whether a digest may already have carried the article: a digest run that owed someone committed
    after its first storing (``digest_runs``, one row per slot, a few a day and one per /digest; a
    commit comes after its window's end, :func:`nashra.storage.digests.record_run`). Read from the
    runs, not the subscribers' windows, which took a scan of a million rows under the write lock at
    each update (about 400 ms). A story stored between a window's end and its commit counts as
    carried: its correction is marked as an update to someone who had not seen it, never lost.
    """
    async with conn.execute(
        "SELECT EXISTS (SELECT 1 FROM digest_runs WHERE subscribers > 0 AND finished_at >= "
        "(SELECT ingested_at FROM articles WHERE id = ?))",
        (article_id,),
    ) as cursor:
        row = await cursor.fetchone()
    return bool(row and row[0])


async def _insert_sections(
    conn: aiosqlite.Connection,
    article_id: int,
    sections: list[Section],
    now: str,
    *,
    kept: _Versions | None = None,
    revised: bool = False,
) -> None:
    """Insert ``sections`` in order. A section whose text ``kept`` (the article's previous version)
    already held keeps a stamp from it (:meth:`_Versions.stamp_of`): its text is no news. Any other is
    stamped ``now``, and marked revised when ``revised`` (an earlier version of the story was within a
    digest window)."""
    for position, section in enumerate(sections):
        digest = text_hash(section.heading, section.text)
        changed_at, mark = kept.stamp_of(section, digest, now, revised) if kept else (now, int(revised))
        cursor = await conn.execute(
            "INSERT INTO sections (article_id, position, heading, text, text_hash, changed_at, revised) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article_id, position, section.heading, section.text, digest, changed_at, mark),
        )
        section_id = int(cursor.lastrowid or 0)
        await conn.executemany(
            "INSERT INTO section_regions (section_id, code) VALUES (?, ?)",
            [(section_id, code) for code in sorted(set(section.regions))],
        )


def _time(text: str) -> datetime:
    moment = from_db_time(text)
    if moment is None:
        raise ValueError("a required timestamp column is empty")
    return moment
