"""ArticleStore: unique by URL and content, updates replace sections, feed state round-trips."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from nashra.arabic import normalize
from nashra.articles.analysis import analyze
from nashra.articles.textformat import parse_text
from nashra.model import Article, Furniture, Section
from nashra.storage import Database
from nashra.storage.articles import ArticleStore, text_hash


def article(url: str | None = "https://x.example/1", extra: str = "") -> Article:
    return Article(
        title="اشتباكات في ريف درعا",
        sections=[
            Section(None, "اندلعت اشتباكات في ريف درعا الشرقي.", ["SY", "SY-DR"]),
            Section("تعزيزات جديدة", "وصلت تعزيزات إلى المنطقة." + extra, ["SY"]),
        ],
        source="أوطان بوست",
        author="فريق التحرير",
        url=url,
        published_at=datetime(2023, 11, 17, 9, 0, tzinfo=UTC),
        region_hints=["SY"],
    )


async def test_saved_article_reads_back_with_sections_and_regions(db: Database) -> None:
    store = ArticleStore(db)
    outcome = await store.save(article())
    assert outcome.status == "ingested"
    stored = await store.get_article(outcome.article_id)
    assert stored is not None
    assert (stored.title, stored.source, stored.author) == (
        "اشتباكات في ريف درعا",
        "أوطان بوست",
        "فريق التحرير",
    )
    assert stored.published_at == datetime(2023, 11, 17, 9, 0, tzinfo=UTC)
    sections = await store.sections_of(outcome.article_id)
    assert [(s.position, s.heading, s.regions) for s in sections] == [
        (0, None, ["SY", "SY-DR"]),
        (1, "تعزيزات جديدة", ["SY"]),
    ]


async def test_same_article_again_is_unchanged(db: Database) -> None:
    store = ArticleStore(db)
    first = await store.save(article())
    again = await store.save(article())
    assert (again.status, again.article_id) == ("unchanged", first.article_id)
    assert await store.count_articles() == 1


async def test_same_content_under_another_url_is_not_stored_twice(db: Database) -> None:
    store = ArticleStore(db)
    first = await store.save(article())
    copy = await store.save(article(url="https://mirror.example/1"))
    assert (copy.status, copy.article_id) == ("unchanged", first.article_id)


async def test_new_content_under_a_known_url_replaces_the_sections(db: Database) -> None:
    store = ArticleStore(db)
    first = await store.save(article())
    old_lead = (await store.sections_of(first.article_id))[0]
    updated = await store.save(article(extra=" وسقط ثلاثة قتلى."))
    assert (updated.status, updated.article_id) == ("updated", first.article_id)
    sections = await store.sections_of(first.article_id)
    assert sections[1].text.endswith("وسقط ثلاثة قتلى.")
    # The unchanged lead keeps its text hash, hence its cached summary.
    assert sections[0].text_hash == old_lead.text_hash
    assert (await db.fetchone("SELECT COUNT(*) FROM sections"))[0] == 2
    assert await store.count_articles() == 1


async def test_update_without_source_or_author_keeps_the_stored_ones(db: Database) -> None:
    store = ArticleStore(db)
    first = await store.save(article())
    bare = article(extra=" وسقط ثلاثة قتلى.")
    bare.source = bare.author = None
    assert (await store.save(bare)).status == "updated"
    stored = await store.get_article(first.article_id)
    assert stored is not None
    assert (stored.source, stored.author) == ("أوطان بوست", "فريق التحرير")


async def test_article_without_publication_time_gets_the_ingestion_time(db: Database) -> None:
    store = ArticleStore(db)
    undated = article()
    undated.published_at = None
    before = datetime.now(UTC).replace(microsecond=0)
    stored = await store.get_article((await store.save(undated)).article_id)
    assert stored is not None
    assert before <= stored.published_at <= datetime.now(UTC)


async def test_published_time_is_stored_in_utc(db: Database) -> None:
    from datetime import timedelta, timezone

    store = ArticleStore(db)
    local = article()
    local.published_at = datetime(2023, 11, 17, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    outcome = await store.save(local)
    row = await db.fetchone("SELECT published_at FROM articles WHERE id = ?", (outcome.article_id,))
    assert row[0] == "2023-11-17T09:00:00+00:00"


async def test_text_hash_is_sha256_of_normalized_heading_and_text() -> None:
    expected = hashlib.sha256(normalize("عنوان\nنصّ الخبر").encode()).hexdigest()
    assert text_hash("عنوان", "نصّ الخبر") == expected == text_hash("عنوان", "نص الخبر")


async def test_sources_are_shared_by_name(db: Database) -> None:
    store = ArticleStore(db)
    await store.save(article())
    await store.save(article(url="https://x.example/2", extra=" خبر آخر."))
    assert (await db.fetchone("SELECT COUNT(*) FROM sources"))[0] == 1


async def test_feed_state_round_trips_and_keeps_validators_on_error(db: Database) -> None:
    store = ArticleStore(db)
    assert await store.feed_state("https://f.example/rss") is None
    await store.save_feed_state(
        "https://f.example/rss", etag='"v1"', last_modified="Mon, 06 Nov 2023", status="200"
    )
    await store.save_feed_state(
        "https://f.example/rss", etag=None, last_modified=None, status="error: timed out"
    )
    state = await store.feed_state("https://f.example/rss")
    assert state is not None
    assert (state.etag, state.last_modified, state.last_status) == (
        '"v1"',
        "Mon, 06 Nov 2023",
        "error: timed out",
    )


async def test_stored_article_keeps_its_dateline_and_furniture(db: Database) -> None:
    lead = "بيروت - (الوكالة الوطنية للإعلام): أعلن الجيش اللبناني انتشار وحداته في المنطقة."
    article = parse_text(f"عنوان الخبر\nالنهار\n{lead}\n", "a.txt")
    outcome = await ArticleStore(db).save(analyze(article))
    stored = await ArticleStore(db).get_article(outcome.article_id)
    assert stored is not None
    assert (stored.source, stored.dateline) == ("النهار", "بيروت")
    assert Furniture("dateline", "بيروت - (الوكالة الوطنية للإعلام):") in stored.furniture
