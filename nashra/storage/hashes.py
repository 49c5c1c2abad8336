"""The keys of stored texts: a section's ``text_hash`` (the key of its summaries) and an article's
``content_hash`` (what makes one story's content stored once), and bringing stored keys up to the rules
of this Nashra.

Both are computed from normalized text, so a Nashra whose normalize() folds more (vowel marks of another
block, the Arabic letter mark) would hash a stored article's text differently from the hash stored with
it: ingesting the article again would store it a second time, and a section keyed anew would lose the
summaries stored under its old key. A database records the version of the rules its keys were computed
by (table ``hash_rules``); opening one of older rules computes every stored key again, once
(:func:`rehash_stored`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

import aiosqlite

from nashra.arabic import normalize

log = logging.getLogger(__name__)

# The version of the rules text_hash and content_hash_of follow. Raise it with any change to what they
# return for some text (a change to nashra.arabic.normalize, say): databases keyed by an older version
# are then keyed again when opened. tests/test_rehash.py pins the rules' fingerprint to this number, so
# a change that forgets it fails there. Version 1: before normalize() folded the marks of Arabic
# Extended-A, the Arabic letter mark, the word joiner and the combining grapheme joiner. Version 2:
# before it folded the Urdu teh marbuta and yeh barree (ۃ ۂ ے ۓ).
HASH_RULES = 3


def text_hash(heading: str | None, text: str) -> str:
    """The key of a section's summary: normalized heading and text, so spelling noise keeps the cache."""
    return hashlib.sha256(normalize((heading or "") + "\n" + text).encode("utf-8")).hexdigest()


def content_hash_of(title: str, text_hashes: Iterable[str]) -> str:
    """Identity of an article's content: its normalized title and its sections' ``text_hashes``, in
    order (not its URL or source)."""
    digest = hashlib.sha256(normalize(title).encode("utf-8"))
    for section_hash in text_hashes:
        digest.update(b"\x1e" + section_hash.encode("ascii"))
    return digest.hexdigest()


async def hashes_outdated(conn: aiosqlite.Connection) -> bool:
    """Whether the database's stored keys were computed by older rules than :data:`HASH_RULES` (False
    for a schema without the ``hash_rules`` table: nothing of Nashra's is stored there)."""
    async with conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hash_rules'") as c:
        if await c.fetchone() is None:
            return False
    async with conn.execute("SELECT MAX(version) FROM hash_rules") as cursor:
        row = await cursor.fetchone()
    return row is None or row[0] is None or int(row[0]) < HASH_RULES


async def rehash_stored(conn: aiosqlite.Connection) -> int:
    """Compute every stored section's and article's key again by the current rules, in the transaction
    open on ``conn`` (which holds the write lock), when :func:`hashes_outdated`; the number of sections
    and articles whose key changed.

    Each section's summaries are copied to its new key before the section takes it, so the summary
    backlog does not count it as pending. An article whose new content hash another stored article
    already has keeps its old one: the two stay two stories, as they were.
    """
    # Another process opening the database at the same time may have done it before this write lock.
    if not await hashes_outdated(conn):
        return 0
    sections, articles = await _new_hashes(conn)
    for section_id, old, new in sections:
        await conn.execute(
            "INSERT OR IGNORE INTO summaries (text_hash, model_key, summary, method, created_at) "
            "SELECT ?, model_key, summary, method, created_at FROM summaries WHERE text_hash = ?",
            (new, old),
        )
        await conn.execute("UPDATE sections SET text_hash = ? WHERE id = ?", (new, section_id))
    await conn.executemany(
        "UPDATE OR IGNORE articles SET content_hash = ? WHERE id = ?",
        [(new, article_id) for article_id, new in articles],
    )
    await conn.execute("DELETE FROM hash_rules")
    await conn.execute("INSERT INTO hash_rules (version) VALUES (?)", (HASH_RULES,))
    if sections or articles:
        log.info(
            "keyed stored texts by the current hash rules: %d sections and %d articles changed",
            len(sections),
            len(articles),
        )
    return len(sections) + len(articles)


async def _new_hashes(
    conn: aiosqlite.Connection,
) -> tuple[list[tuple[int, str, str]], list[tuple[int, str]]]:
    """(section id, old hash, new hash) of each section whose hash changes, and (article id, new content
    hash) of each article whose content hash changes, read article by article."""
    sections: list[tuple[int, str, str]] = []
    articles: list[tuple[int, str]] = []
    # One article at a time (rows come ordered by article), so memory holds one article's texts.
    current: tuple[int, str, str] | None = None
    hashes: list[str] = []

    def close_article() -> None:
        if current is not None:
            article_id, title, stored = current
            new = content_hash_of(title, hashes)
            if new != stored:
                articles.append((article_id, new))

    async with conn.execute(
        "SELECT a.id AS article_id, a.title, a.content_hash, s.id AS section_id, s.heading, s.text, "
        "s.text_hash FROM articles a LEFT JOIN sections s ON s.article_id = a.id "
        "ORDER BY a.id, s.position"
    ) as cursor:
        async for row in cursor:
            if current is None or current[0] != row["article_id"]:
                close_article()
                current, hashes = (int(row["article_id"]), row["title"], row["content_hash"]), []
            if row["section_id"] is None:
                continue
            new = text_hash(row["heading"], row["text"])
            if new != row["text_hash"]:
                sections.append((int(row["section_id"]), row["text_hash"], new))
            hashes.append(new)
    close_article()
    return sections, articles
