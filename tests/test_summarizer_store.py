"""The summaries cache in SQLite and the backlog query of the worker."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nashra.model import Article, Section
from nashra.storage import Database
from nashra.storage.articles import ArticleStore, text_hash
from nashra.storage.summaries import SummaryStore


async def store_article(db: Database, title: str, sections: list[tuple[str | None, str]], url: str) -> int:
    article = Article(
        title=title,
        sections=[Section(h, t, ["SY"]) for h, t in sections],
        url=url,
        published_at=datetime(2024, 11, 17, tzinfo=UTC),
    )
    return (await ArticleStore(db).save(article)).article_id


async def test_stored_summaries_come_back_by_text_hash_and_model_key(db: Database) -> None:
    store = SummaryStore(db)
    await store.put_many("m1", [("h1", "ملخص أول", "seq2seq"), ("h2", "ملخص ثان", "extractive")])
    found = await store.get_many(["h1", "h2", "h3"], "m1")
    assert {h: (s.summary, s.method) for h, s in found.items()} == {
        "h1": ("ملخص أول", "seq2seq"),
        "h2": ("ملخص ثان", "extractive"),
    }
    assert await store.get_many(["h1"], "m2") == {}


async def test_storing_again_replaces_the_summary(db: Database) -> None:
    store = SummaryStore(db)
    await store.put_many("m1", [("h1", "قديم", "extractive")])
    await store.put_many("m1", [("h1", "جديد", "seq2seq")])
    assert (await store.get_many(["h1"], "m1"))["h1"].summary == "جديد"


async def test_an_empty_summary_or_unknown_method_is_refused(db: Database) -> None:
    store = SummaryStore(db)
    with pytest.raises(ValueError, match="empty summary"):
        await store.put_many("m1", [("h1", "  ", "seq2seq")])
    with pytest.raises(ValueError, match="method"):
        await store.put_many("m1", [("h1", "نص", "abstractive")])


async def test_pending_sections_are_those_without_a_summary_for_the_key(db: Database) -> None:
    sections = [(None, "النص الأول للمقال."), ("عنوان", "النص الثاني للمقال.")]
    await store_article(db, "مقال", sections, "https://example.org/1")
    store = SummaryStore(db)
    pending = await store.pending_sections("m1", 10)
    assert [s.text for s in pending] == ["النص الأول للمقال.", "النص الثاني للمقال."]
    assert pending[0].regions == ["SY"]
    assert await store.count_pending("m1") == 2
    await store.put_many("m1", [(pending[0].text_hash, "ملخص", "seq2seq")])
    assert [s.text for s in await store.pending_sections("m1", 10)] == ["النص الثاني للمقال."]
    assert await store.count_pending("m1") == 1
    assert await store.count_pending("other-settings") == 2


async def test_a_text_shared_by_two_articles_is_pending_once(db: Database) -> None:
    shared = ("عنوان مشترك", "نص يتكرر في مقالين من مصدرين.")
    await store_article(db, "الأول", [shared, (None, "نص خاص بالأول.")], "https://a.example/1")
    await store_article(db, "الثاني", [shared, (None, "نص خاص بالثاني.")], "https://b.example/2")
    store = SummaryStore(db)
    pending = await store.pending_sections("m1", 10)
    assert len(pending) == 3
    assert await store.count_pending("m1") == 3
    await store.put_many("m1", [(text_hash(*shared), "ملخص", "seq2seq")])
    assert await store.count_pending("m1") == 2


async def test_pending_respects_the_limit(db: Database) -> None:
    await store_article(db, "مقال", [(None, f"النص رقم {i}.") for i in range(5)], "https://example.org/5")
    assert len(await SummaryStore(db).pending_sections("m1", 2)) == 2
