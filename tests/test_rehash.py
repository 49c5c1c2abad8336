"""Stored hashes follow the hash rules of the Nashra that opens the database: an article stored by an
older Nashra (whose normalize() folded less) is found again when ingested again, and its sections keep
their summaries."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from nashra.model import Article, Section
from nashra.storage import Database
from nashra.storage.articles import ArticleStore, content_hash, text_hash
from nashra.storage.hashes import HASH_RULES
from nashra.storage.summaries import SummaryStore

# A title and a section with an Arabic letter mark (U+061C) and a word joiner (U+2060) inside words:
# characters normalize() folds since hash rules 2.
TITLE = "\u061cالحوثيون يجددون قصف الأحياء السكنية في تعز"
TEXT = "جددت ميليشيا الحوثي قصفها للأحياء السك\u2060نية في مدينة تعز جنوب غربي اليمن."
MODEL_KEY = "extractive"

# sha256 of text_hash over every code point of the Basic Multilingual Plane (surrogates left out), each
# after a Latin letter so a combining mark has a letter to combine with: what the hash rules are,
# character by character. (Beyond the BMP, Python's Unicode version changes what NFKC and casefold do,
# so a fingerprint there would differ between the Pythons Nashra runs on.)
FINGERPRINTS = {
    2: "45cc4841eeafdff6b201604ddbfebea95d3899ded153a0b6ed7e272d2162cbac",
    3: "6e0a3844e224674378eeeb82beb07a3165624edd3850a61c2e54c88d0b38d7e9",
}


def article() -> Article:
    return Article(title=TITLE, sections=[Section(None, TEXT, ["YE"])], url=None)


def rules_fingerprint() -> str:
    probe = "".join(f"a{chr(point)}" for point in range(0x10000) if not 0xD800 <= point < 0xE000)
    return hashlib.sha256(text_hash("", probe).encode("ascii")).hexdigest()


async def store_as_older_rules_did(path: Path) -> int:
    """A database holding ``article()`` with a summary, its hashes as hash rules 1 wrote them."""
    async with await Database.open(path) as db:
        saved = await ArticleStore(db).save(article())
        await SummaryStore(db).put_many(MODEL_KEY, [("old-section", "ملخص محفوظ", "extractive")])
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE sections SET text_hash = 'old-section'")
        conn.execute("UPDATE articles SET content_hash = 'old-article'")
        conn.execute("UPDATE hash_rules SET version = 1")
    return saved.article_id


def test_the_hash_rules_fingerprint_is_the_one_of_their_version() -> None:
    """Changing what normalize() or text_hash return for some text needs a new HASH_RULES (and its
    fingerprint here): databases hashed by the old rules are then hashed again when opened."""
    assert FINGERPRINTS.get(HASH_RULES) == rules_fingerprint()


async def test_an_article_stored_by_older_hash_rules_is_not_stored_again(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    stored_id = await store_as_older_rules_did(path)

    async with await Database.open(path) as db:
        outcome = await ArticleStore(db).save(article())
        count = await db.fetchone("SELECT COUNT(*) AS n FROM articles")

    assert (outcome.status, outcome.article_id) == ("unchanged", stored_id)
    assert count is not None and count["n"] == 1


async def test_a_section_keeps_its_summary_under_its_new_hash(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    await store_as_older_rules_did(path)

    async with await Database.open(path) as db:
        summaries = SummaryStore(db)
        found = await summaries.get_many([text_hash(None, TEXT)], MODEL_KEY)
        pending = await summaries.count_pending(MODEL_KEY)

    assert [s.summary for s in found.values()] == ["ملخص محفوظ"]
    assert pending == 0


async def test_articles_whose_content_now_hashes_alike_both_stay(tmp_path: Path) -> None:
    """Two stored stories that older rules told apart only by an invisible character: the first keeps
    the new hash, the second its old one; neither is lost."""
    path = tmp_path / "n.db"
    await store_as_older_rules_did(path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO articles (url, content_hash, title, published_at, ingested_at, updated_at, "
            "region_hints, furniture) SELECT 'https://b.example/2', 'older-article', title, published_at, "
            "ingested_at, updated_at, region_hints, furniture FROM articles"
        )
        conn.execute(
            "INSERT INTO sections (article_id, position, heading, text, text_hash) "
            "SELECT (SELECT MAX(id) FROM articles), position, heading, text, 'older-section' FROM sections"
        )

    async with await Database.open(path) as db:
        rows = await db.fetchall("SELECT content_hash FROM articles ORDER BY id")

    assert [row["content_hash"] for row in rows] == [content_hash(article()), "older-article"]


async def test_a_database_hashed_by_the_current_rules_is_left_as_it_is(db: Database) -> None:
    await ArticleStore(db).save(article())
    await db.conn.execute("UPDATE articles SET content_hash = 'kept'")
    await db.conn.commit()
    path = db.path
    await db.close()

    async with await Database.open(path) as reopened:
        row = await reopened.fetchone("SELECT content_hash FROM articles")

    assert row is not None and row["content_hash"] == "kept"
