"""Sources, articles, their sections and section regions, and feed fetch state.

An article is unique by feed identity (guid), by URL and by content hash. Saving the same article again
changes nothing; saving new content or a new link for a known story replaces it in one transaction.
Summaries are keyed by section text hash, so a section whose text survives an update keeps its cached
summary, and its place in digest windows: a section is owed by the time its text was last stored new
(``sections.changed_at``, migration 0280), so only a section whose text an update changed comes again.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Literal

import aiosqlite

from nashra.arabic import normalize, word_list
from nashra.model import FILE_IDENTITY, Article, Furniture, Section, StoredSection, identity_file
from nashra.storage.damage import Damage, damage
from nashra.storage.db import Database, from_db_time, now_instant, to_db_time, utcnow
from nashra.storage.hashes import content_hash_of, text_hash

SaveStatus = Literal["ingested", "unchanged", "updated", "kept"]


@dataclass(slots=True, frozen=True)
class SaveOutcome:
    """What a save did; ``kept``: the new version is a damaged copy (``damage`` says how) and the
    stored one stays as it was."""

    status: SaveStatus
    article_id: int
    damage: Damage | None = None


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
        an edit is never owed again as a new story), unless the new version is a damaged copy of it
        (cut short or garbled, :func:`nashra.storage.damage.damage`): kept. Content already stored as
        another story is never stored twice.
        """
        digest = content_hash(article)
        async with self.db.transaction() as conn:
            # Stamped to the microsecond while holding the write lock: digest windows rely on it
            # (settled_instant), and end at that instant, not a second before.
            now = now_instant()
            by_guid = await _one(
                conn, "SELECT id, content_hash, url FROM articles WHERE guid = ?", article.guid
            )
            by_hash = await _one(conn, "SELECT id, guid FROM articles WHERE content_hash = ?", digest)
            if (
                by_guid is not None
                and (article.guid or "").startswith(FILE_IDENTITY)
                and not await _same_story(conn, int(by_guid["id"]), article)
            ):
                if by_hash is not None:
                    # The file briefly holds another stored story: nothing new, and the file's own
                    # story keeps its identity (its correction written back replaces it).
                    return SaveOutcome("unchanged", int(by_hash["id"]))
                # The file now holds another story: it takes the file's identity, and the story stored
                # from it before stays as it was.
                await conn.execute("UPDATE articles SET guid = NULL WHERE id = ?", (by_guid["id"],))
                by_guid = None
            by_url = await _one(conn, "SELECT id, content_hash, url FROM articles WHERE url = ?", article.url)
            known = by_guid or by_url
            if known is None and by_hash is not None:
                if article.guid and _identity_to_take(by_hash["guid"], article.guid):
                    await conn.execute(
                        "UPDATE articles SET guid = ? WHERE id = ?", (article.guid, by_hash["id"])
                    )
                return SaveOutcome("unchanged", int(by_hash["id"]))
            if known is not None:
                article_id = int(known["id"])
                same_link = article.url is None or article.url == known["url"]
                if by_hash is not None and int(by_hash["id"]) != article_id:
                    return SaveOutcome("unchanged", article_id)
                if (
                    known["content_hash"] == digest
                    and same_link
                    and not await _regions_gained(conn, article_id, article)
                ):
                    return SaveOutcome("unchanged", article_id)
                broken = await _damage(conn, article_id, article)
                if broken is not None:
                    return SaveOutcome("kept", article_id, broken)
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
        title = await _one(conn, "SELECT title FROM articles WHERE id = ?", article_id)
        title = title[0] if title else ""
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
        kept = await _section_versions(conn, article_id, title, article, await _last_run(conn))
        earlier = kept.earlier() if await _delivered(conn, article_id) else None
        await conn.execute("DELETE FROM sections WHERE article_id = ?", (article_id,))
        await _insert_sections(conn, article_id, article.sections, now, kept=kept, earlier=earlier)

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


# Of the words of the shorter text, the share the stored story and a file's new text must have in
# common to be one story corrected: a correction changes a figure, a name, a sentence; another story
# written to the same file (a daily bulletin under one headline) shares its headline, not its text.
_SAME_STORY_WORDS = 0.5


def _identity_to_take(stored: str | None, identity: str) -> bool:
    """Whether a stored story known by ``stored`` (its guid, None: none), found again unchanged under
    ``identity`` (no stored story has it), takes it: when it has none, or when both are files'
    (:func:`nashra.model.file_identity`) and its old file is gone (moved or renamed: a correction
    written to the new one then replaces the story). A path is read from a zip's member as the zip's."""
    if stored is None:
        return True
    old_file = identity_file(stored)
    return old_file is not None and identity_file(identity) is not None and not os.path.exists(old_file)


async def _same_story(conn: aiosqlite.Connection, article_id: int, article: Article) -> bool:
    """Whether ``article``, read from the file the stored story ``article_id`` was read from, is that
    story (corrected or not) rather than another one written to the same file: it is dated the same
    day when both are dated (an undated story is stored as published when ingested), and it has the
    same headline (a developing story rewritten) or its text shares at least
    :data:`_SAME_STORY_WORDS` of the shorter one's words."""
    async with conn.execute(
        "SELECT a.published_at, a.ingested_at, s.text, a.title FROM articles a "
        "JOIN sections s ON s.article_id = a.id WHERE a.id = ?",
        (article_id,),
    ) as cursor:
        rows = list(await cursor.fetchall())
    if not rows:
        return False
    published, ingested = rows[0][0], rows[0][1]
    if (
        article.published_at is not None
        and published != ingested
        and published[:10] != to_db_time(article.published_at)[:10]
    ):
        return False
    if normalize(rows[0][3]) == normalize(article.title):
        return True
    stored = {word for row in rows for word in word_list(row[2])}
    new = {word for section in article.sections for word in word_list(section.text)}
    shorter = min(len(stored), len(new)) or 1
    return len(stored & new) / shorter >= _SAME_STORY_WORDS


async def _damage(conn: aiosqlite.Connection, article_id: int, article: Article) -> Damage | None:
    """How ``article`` is a damaged copy of the stored story ``article_id``, None when it is none."""
    row = await _one(conn, "SELECT title, furniture FROM articles WHERE id = ?", article_id)
    async with conn.execute(
        "SELECT heading, text FROM sections WHERE article_id = ? ORDER BY position", (article_id,)
    ) as cursor:
        stored = [(section[0], section[1]) for section in await cursor.fetchall()]
    new = [(section.heading, section.text) for section in article.sections]
    # A cut download's last words can be read as page furniture (a short last line as a byline).
    known = {item["text"] for item in json.loads(row["furniture"] or "[]")} if row else set()
    loose = [piece.text for piece in article.furniture if piece.text not in known]
    return damage(
        row["title"] if row else "", stored, article.title, [*new, *((None, text) for text in loose)]
    )


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


Stamp = tuple[str, int, str | None, str | None]
"""What a stored section carries of its history: (``changed_at``, ``revised``, ``earlier``,
``before``), as migrations 0280 and 0290 describe the columns."""


@dataclass(slots=True, frozen=True)
class _Old:
    """One section of an article's stored version: its normalized heading and text (padded with a
    space each side), its stamp, its regions, what a chat sent the story was last shown of it
    (``before``, None: nothing, the section is new to such a chat) and whether that differs from its
    text (``pending``), whether a digest may have carried its stamp (``delivered``), and its words.

    A section revised after the last digest run (no digest can have carried it) carries over the
    ``before`` and mark of its own revision: a revision is compared with what chats were shown, never
    with a version nobody was sent (edited twice between digests, a correction is not lost; reverted,
    it is no news)."""

    padded: str
    stamp: Stamp
    codes: frozenset[str]
    before: str | None
    pending: bool
    delivered: bool
    words: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class _Versions:
    """An article's stored sections before an update, by text hash and in order; ``retitled`` says the
    update changed the article's title (the headline a lead section is shown with); ``words`` counts
    the normalized words of the new version's texts (what an old text lost is withdrawn)."""

    by_hash: dict[str, _Old]
    sections: tuple[_Old, ...]
    retitled: bool
    words: Counter[str]

    def earlier(self) -> str:
        """The ``earlier`` of a section revised now (migration 0290): for each region of the stored
        version, the stamps of the versions a digest may have carried to a chat following it (those of
        the stored sections a digest run can have seen, and the earlier versions' own), so that a chat
        sent any of them, the first or a correction, is told the revision as an update. JSON
        ``{code: [stamp, ...]}``, keys and stamps sorted (:func:`earlier_stamps` reads it)."""
        stamps: dict[str, set[str]] = {}
        for old in self.sections:
            pairs = [(code, old.stamp[0]) for code in old.codes] if old.delivered else []
            if old.stamp[2]:
                pairs += earlier_stamps(old.stamp[2])
            for code, at in pairs:
                stamps.setdefault(code, set()).add(at)
        return json.dumps({code: sorted(ats) for code, ats in sorted(stamps.items())})

    def withdrawn(self, old: _Old) -> bool:
        """Whether the new version lost words of ``old``'s text (a sentence or a figure withdrawn),
        as a recut, which keeps every word somewhere, never does."""
        return bool(Counter(old.words) - self.words)

    def dropped(self, new_hashes: set[str]) -> bool:
        """Whether a section of the stored version is gone whole: its text is in no section of the new
        version (``new_hashes``) and most of its words are nowhere in it (a paragraph retracted)."""
        for digest, old in self.by_hash.items():
            if digest not in new_hashes and old.words:
                lost = sum((Counter(old.words) - self.words).values())
                if lost * 2 > len(old.words):
                    return True
        return False

    def match(self, section: Section) -> _Old | None:
        """The stored section ``section`` replaces: the one sharing most of its words (at least half of
        the words of either), None when none does (a section new to the story)."""
        words = set(word_list(section.text))
        best, score = None, 0.0
        for old in self.sections:
            shared = len(words & set(old.words))
            smaller = min(len(words), len(set(old.words))) or 1
            if shared / smaller > score:
                best, score = old, shared / smaller
        return best if score >= 0.5 else None

    def stamp_of(self, section: Section, digest: str, now: str, earlier: str | None) -> Stamp:
        """The stamp of ``section`` (text hash ``digest``) in the new version; ``earlier`` is what a
        section revised now records (None: no digest can have carried the story yet).

        Its own stamp when its text was stored already, unless it is shown under a new headline (a lead
        under a new title) or was tagged with a region it was not: then it is news, with ``revised`` 1
        for a new headline and 0 for new regions only (news to their followers alone). When its
        normalized text (its heading aside), of :data:`_RECUT_MIN_WORDS` words or more, stands in the
        old version whole words and all, the stamp of the old section holding it, or, when it spans
        several, the newest of theirs (the same story cut differently, a sectioning rule having changed
        since: no news), unless words of that section are gone from the new version (a sentence
        withdrawn: a correction). Else ``now``: a changed number («150» → «50») or a new short line is
        news. A section revised now records what a digest showed of the one it replaces (``before``),
        so that a digest can tell whether the change shows (:mod:`nashra.digest.select`).
        """

        def revised(old: _Old | None) -> Stamp:
            if not earlier:
                return now, 0, None, None
            return now, 1, earlier, old.before if old is not None else None

        old = self.by_hash.get(digest)
        if old is not None:
            if earlier and section.heading is None and self.retitled:
                return revised(old)
            if earlier and not set(section.regions) <= old.codes:
                # New regions only, unless the text was revised since the last digest run.
                return (now, 1, earlier, old.before) if old.pending else (now, 0, earlier, None)
            return old.stamp
        text = normalize(section.text)
        if len(text.split()) < _RECUT_MIN_WORDS:
            return revised(self.match(section))
        padded = f" {text} "
        for old in self.sections:
            if padded in old.padded:
                return revised(old) if self.withdrawn(old) else old.stamp
        if padded in " ".join(old.padded for old in self.sections):
            return max((old.stamp for old in self.sections), key=itemgetter(0))
        return revised(self.match(section))


async def _section_versions(
    conn: aiosqlite.Connection, article_id: int, title: str, article: Article, last_run: str | None
) -> _Versions:
    """The stored version of ``article_id`` (titled ``title``), before ``article`` replaces it;
    ``last_run`` is when the newest digest run that owed someone finished (:func:`_last_run`): a
    section stamped after it has reached no chat yet."""
    async with conn.execute(
        "SELECT text_hash, changed_at, revised, earlier, before, heading, text, "
        "(SELECT group_concat(code, ' ') FROM section_regions r WHERE r.section_id = s.id) "
        "FROM sections s WHERE article_id = ? ORDER BY position",
        (article_id,),
    ) as cursor:
        rows = list(await cursor.fetchall())
    sections = tuple(_old(row, title, last_run) for row in rows)
    return _Versions(
        by_hash={row[0]: old for row, old in zip(rows, sections, strict=True)},
        sections=sections,
        retitled=normalize(title) != normalize(article.title),
        words=Counter(word for section in article.sections for word in word_list(section.text)),
    )


def _old(row: aiosqlite.Row, title: str, last_run: str | None) -> _Old:
    """A stored section (a row of :func:`_section_versions`) as :class:`_Old` describes it."""
    delivered = last_run is not None and last_run >= row[1]
    # A revision no digest can have carried yet stands for what its own revision replaced.
    carried = not delivered and row[3] is not None and int(row[2]) == 1
    shown = json.dumps(
        {"hash": row[0], "heading": row[5], "text": row[6], "headline": row[5] or title}, ensure_ascii=False
    )
    return _Old(
        padded=f" {normalize(_heading_and_text(row[5], row[6]))} ",
        stamp=(row[1], int(row[2]), row[3], row[4]),
        codes=frozenset((row[7] or "").split()),
        before=row[4] if carried else shown,
        pending=carried,
        delivered=delivered,
        words=tuple(word_list(row[6])),
    )


def earlier_stamps(earlier: str) -> list[tuple[str, str]]:
    """The (region code, stamp) pairs of a ``sections.earlier`` value: ``{code: [stamp, ...]}``, or
    ``{code: stamp}`` as it was first written (migration 0290)."""
    return [
        (code, at)
        for code, stamps in json.loads(earlier).items()
        for at in ([stamps] if isinstance(stamps, str) else stamps)
    ]


async def _last_run(conn: aiosqlite.Connection) -> str | None:
    """When the newest digest run that owed someone finished (``digest_runs``, a few rows a day):
    a version stored after it can have reached no chat."""
    async with conn.execute("SELECT max(finished_at) FROM digest_runs WHERE subscribers > 0") as cursor:
        row = await cursor.fetchone()
    return row[0] if row else None


def _heading_and_text(heading: str | None, text: str) -> str:
    return f"{heading} {text}" if heading else text


async def _regions_gained(conn: aiosqlite.Connection, article_id: int, article: Article) -> bool:
    """Whether a section of ``article`` (its text as stored) is tagged with a region its stored
    section is not: the story moved there (a region hint, or the analysis, changed), news to that
    region's followers. One query, on the article's sections."""
    async with conn.execute(
        "SELECT s.position, r.code FROM sections s JOIN section_regions r ON r.section_id = s.id "
        "WHERE s.article_id = ?",
        (article_id,),
    ) as cursor:
        stored = {(int(row[0]), row[1]) for row in await cursor.fetchall()}
    return any(
        (position, code) not in stored
        for position, section in enumerate(article.sections)
        for code in section.regions
    )


async def _delivered(conn: aiosqlite.Connection, article_id: int) -> bool:
    """Whether a digest may already have carried the article: a digest run that owed someone committed
    after its first storing (``digest_runs``, one row per slot, a few a day and one per /digest; a
    commit comes after its window's end, :func:`nashra.storage.digests.record_run`). Read from the
    runs, not the subscribers' windows, which took a scan of a million rows under the write lock at
    each update (about 400 ms). Which chat may have been sent it is decided per chat when a digest is
    composed (``sections.earlier``, migration 0290).
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
    earlier: str | None = None,
) -> None:
    """Insert ``sections`` in order. A section whose text ``kept`` (the article's previous version)
    already held keeps a stamp from it (:meth:`_Versions.stamp_of`): its text is no news. Any other is
    stamped ``now``, with ``earlier`` (where and when an earlier version may have reached a chat; None
    when no digest can have carried one). When the update dropped a section a digest may have carried
    (a paragraph retracted) and changed no other, the lead comes again as revised: the chats told the
    dropped text are sent the story as it now stands."""
    digests = [text_hash(section.heading, section.text) for section in sections]
    stamps = [
        kept.stamp_of(section, digest, now, earlier) if kept else (now, 0, None, None)
        for section, digest in zip(sections, digests, strict=True)
    ]
    if (
        kept
        and earlier
        and stamps
        and all(stamp[0] != now for stamp in stamps)
        and kept.dropped(set(digests))
    ):
        stamps[0] = (now, 1, earlier, None)
    for position, (section, digest, stamp) in enumerate(zip(sections, digests, stamps, strict=True)):
        changed_at, mark, before_all, before = stamp
        cursor = await conn.execute(
            "INSERT INTO sections (article_id, position, heading, text, text_hash, changed_at, revised, "
            "earlier, before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                position,
                section.heading,
                section.text,
                digest,
                changed_at,
                mark,
                before_all,
                before,
            ),
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
