"""The summarizer's backlog table (migration 0160) stays what a scan of every section would find,
whatever happens to sections, summaries and model keys, and the backlog query scans no section."""

from __future__ import annotations

import random

from nashra.storage import Database
from nashra.storage.db import utcnow
from nashra.storage.summaries import PENDING_QUERY, TRACKED_KEYS, SummaryStore

# What the backlog must equal: the scan of every section that the table replaces.
_SCAN = (
    "SELECT DISTINCT s.text_hash FROM sections s WHERE NOT EXISTS "
    "(SELECT 1 FROM summaries m WHERE m.text_hash = s.text_hash AND m.model_key = ?)"
)
_TEXTS = [f"نص القسم رقم {n} عن الأحداث في ريف درعا." for n in range(12)]


async def _article(db: Database, number: int, texts: list[int]) -> int:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO articles (url, content_hash, title, published_at, ingested_at, updated_at) "
            "VALUES (?, ?, 'عنوان', ?, ?, ?)",
            (f"https://example.org/{number}", f"c{number}", utcnow(), utcnow(), utcnow()),
        )
        article_id = int(cursor.lastrowid or 0)
        for position, text in enumerate(texts):
            await conn.execute(
                "INSERT INTO sections (article_id, position, text, text_hash) VALUES (?, ?, ?, ?)",
                (article_id, position, _TEXTS[text], f"h{text}"),
            )
    return article_id


async def _scan(db: Database, key: str) -> set[str]:
    return {row[0] for row in await db.fetchall(_SCAN, (key,))}


async def _backlog(store: SummaryStore, key: str) -> set[str]:
    pending = await store.pending_sections(key, 1000)
    assert await store.count_pending(key) == len(pending)
    return {section.text_hash for section in pending}


async def test_a_summarized_text_leaves_the_backlog_and_a_new_section_with_it_does_not_enter(
    db: Database,
) -> None:
    store = SummaryStore(db)
    await _article(db, 1, [0, 1])
    assert await _backlog(store, "m1") == {"h0", "h1"}
    await store.put_many("m1", [("h0", "ملخص", "seq2seq")])
    await _article(db, 2, [0, 2])
    assert await _backlog(store, "m1") == {"h1", "h2"}


async def test_another_model_key_has_its_own_backlog_and_both_follow_new_sections(db: Database) -> None:
    store = SummaryStore(db)
    await _article(db, 1, [0, 1])
    await store.put_many("m1", [("h0", "ملخص", "seq2seq"), ("h1", "ملخص", "seq2seq")])
    assert await _backlog(store, "m1") == set()
    assert await _backlog(store, "m2") == {"h0", "h1"}
    await _article(db, 2, [2])
    assert await _backlog(store, "m1") == {"h2"}
    assert await _backlog(store, "m2") == {"h0", "h1", "h2"}


async def test_a_deleted_article_takes_its_texts_out_unless_another_section_has_them(db: Database) -> None:
    store = SummaryStore(db)
    first = await _article(db, 1, [0, 1])
    await _article(db, 2, [1])
    assert await _backlog(store, "m1") == {"h0", "h1"}
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM articles WHERE id = ?", (first,))
    assert await _backlog(store, "m1") == {"h1"}


async def test_a_deleted_summary_puts_its_text_back_and_a_changed_section_follows_its_text(
    db: Database,
) -> None:
    store = SummaryStore(db)
    await _article(db, 1, [0, 1])
    await store.put_many("m1", [("h0", "ملخص", "seq2seq")])
    assert await _backlog(store, "m1") == {"h1"}
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM summaries WHERE text_hash = 'h0'")
        await conn.execute(
            "UPDATE sections SET text = ?, text_hash = 'h5' WHERE text_hash = 'h1'", (_TEXTS[5],)
        )
    assert await _backlog(store, "m1") == {"h0", "h5"}


async def test_the_backlog_equals_a_scan_after_any_sequence_of_changes(db: Database) -> None:
    store = SummaryStore(db)
    keys = [f"m{n}" for n in range(TRACKED_KEYS + 2)]  # more keys than are kept: some are dropped
    rng = random.Random(5)
    articles: list[int] = []
    for step in range(120):
        action = rng.randrange(6)
        if action == 0 or not articles:
            articles.append(await _article(db, step, rng.sample(range(len(_TEXTS)), rng.randint(1, 3))))
        elif action == 1:
            victim = articles.pop(rng.randrange(len(articles)))
            async with db.transaction() as conn:
                await conn.execute("DELETE FROM articles WHERE id = ?", (victim,))
        elif action == 2:
            text = rng.randrange(len(_TEXTS))
            await store.put_many(rng.choice(keys), [(f"h{text}", "ملخص", "extractive")])
        elif action == 3:
            async with db.transaction() as conn:
                await conn.execute(
                    "DELETE FROM summaries WHERE text_hash = ? AND model_key = ?",
                    (f"h{rng.randrange(len(_TEXTS))}", rng.choice(keys)),
                )
        elif action == 4:
            text = rng.randrange(len(_TEXTS))
            async with db.transaction() as conn:
                await conn.execute(
                    "UPDATE sections SET text = ?, text_hash = ? WHERE id = "
                    "(SELECT id FROM sections ORDER BY random() LIMIT 1)",
                    (_TEXTS[text], f"h{text}"),
                )
        key = rng.choice(keys)
        assert await _backlog(store, key) == await _scan(db, key), f"step {step}, key {key}"


async def test_the_backlog_query_looks_rows_up_and_scans_no_table(db: Database) -> None:
    store = SummaryStore(db)
    await _article(db, 1, [0])
    await store.count_pending("m1")
    plan = await db.fetchall("EXPLAIN QUERY PLAN " + PENDING_QUERY, ("m1", 64))
    steps = [row["detail"] for row in plan]
    assert not [step for step in steps if step.startswith("SCAN")], steps
