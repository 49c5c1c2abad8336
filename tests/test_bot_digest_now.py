"""/digest and /pause always get an answer that fits the chat: nothing to send now, nothing to pause,
sending paused; a digest slow to compose is announced first, and one asked for does not wait for the
summaries of regions the chat does not follow."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from digest_seed import SectionSeed, add_article, add_recent_story

from bot import services
from nashra.delivery import DigestRunReport
from nashra.digest import select
from nashra.sandbox import SentMessage
from nashra.storage import Database
from nashra.storage.db import to_db_time
from summarizer.extractive import extractive_summary
from tests.bot_harness import BotHarness, running_bot


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_digest_asked_for_while_sending_is_unavailable_says_so(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe حلب")
    deliverer, harness.services.deliverer = harness.services.deliverer, None  # starting or stopping
    try:
        reply = await harness.say(5, "/digest")
    finally:
        harness.services.deliverer = deliverer

    assert reply.plain_text == "الإرسال غير متاح الآن."


async def test_pause_without_regions_says_there_is_nothing_to_pause(harness: BotHarness) -> None:
    reply = await harness.say(6, "/pause")

    assert "لست مشتركاً في أي منطقة" in reply.plain_text
    assert await harness.services.subscriptions.get(6) is None


PAUSED = "⏸ الإرسال متوقف مؤقتاً في هذه المحادثة، فلا نشرة الآن. /resume للاستئناف."


async def test_digest_asked_for_in_a_paused_chat_says_sending_is_paused(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe حلب")
    await harness.say(5, "/pause")

    reply = await harness.say(5, "/digest")

    assert reply.plain_text == PAUSED


async def test_the_story_a_paused_chat_asked_for_comes_with_its_digest_after_resume(tmp_path: Path) -> None:
    async with running_bot(tmp_path, seed=add_recent_story) as harness:
        await harness.say(5, "/subscribe درعا")
        await harness.say(5, "/pause")
        await harness.say(5, "/digest")
        await harness.say(5, "/resume")

        digest = await harness.say(5, "/digest")

    assert "اشتباكات في ريف درعا الغربي" in digest.plain_text


async def test_a_chat_that_pauses_while_its_digest_is_composed_is_told_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_bot(tmp_path, seed=add_recent_story) as harness:
        await harness.say(5, "/subscribe درعا")
        deliverer = harness.services.deliverer
        assert deliverer is not None
        compose = deliverer.digest_now

        async def pausing_meanwhile(chat_id: int, now: datetime | None = None) -> DigestRunReport:
            await harness.services.subscriptions.set_paused(chat_id, "private", True)
            return await compose(chat_id, now)

        monkeypatch.setattr(deliverer, "digest_now", pausing_meanwhile)

        reply = await harness.say(5, "/digest")

    assert reply.plain_text == PAUSED


async def _digest_held_until_announced(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch, chat_id: int
) -> tuple[SentMessage, SentMessage]:
    """/digest in ``chat_id`` with every composition counted as slow, composed only once the chat
    holds the bot's first answer: that answer, and the digest after it."""
    monkeypatch.setattr(services, "DIGEST_ACK_AFTER_S", 0.0)
    deliverer = harness.services.deliverer
    assert deliverer is not None
    compose = deliverer.digest_now
    announced = asyncio.Event()

    async def held(chat: int, now: datetime | None = None) -> DigestRunReport:
        await announced.wait()
        return await compose(chat, now)

    monkeypatch.setattr(deliverer, "digest_now", held)
    before = len(harness.api.sent_to(chat_id))
    first = await harness.say(chat_id, "/digest")
    announced.set()
    digest = (await harness.api.wait_for(chat_id, 2, after=before))[1]
    return first, digest


async def test_a_digest_slow_to_compose_is_announced_before_it_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_bot(tmp_path, seed=add_recent_story) as harness:
        await harness.say(5, "/subscribe درعا")

        first, digest = await _digest_held_until_announced(harness, monkeypatch, 5)

    assert first.plain_text == "\u200f⏳ نشرتك قيد الإعداد، وتصلك بعد قليل."
    assert "اشتباكات في ريف درعا الغربي" in digest.plain_text


async def test_the_announcement_of_a_slow_digest_is_in_the_chats_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_bot(tmp_path, seed=add_recent_story) as harness:
        await harness.say(5, "/subscribe درعا")
        await harness.say(5, "/lang en")

        first, _ = await _digest_held_until_announced(harness, monkeypatch, 5)

    assert first.plain_text == "⏳ Preparing your digest; it will be here in a moment."


async def test_a_digest_composed_in_time_comes_unannounced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "DIGEST_ACK_AFTER_S", 3600.0)
    async with running_bot(tmp_path, seed=add_recent_story) as harness:
        await harness.say(5, "/subscribe درعا")

        first = await harness.say(5, "/digest")

    assert "اشتباكات في ريف درعا الغربي" in first.plain_text


async def _unsummarized_daraa_and_basra(db: Database) -> None:
    now = datetime.now(UTC)
    for title, codes in (("درعا", ["SY", "SY-DR"]), ("البصرة", ["IQ", "IQ-BA"])):
        await add_article(
            db, title=title, source="مصدر", url=f"https://a.example/{codes[1]}",
            published_at=to_db_time(now - timedelta(hours=1)),
            ingested_at=to_db_time(now - timedelta(minutes=30)),
            sections=[SectionSeed(f"خبر من {title} لم يلخص بعد.", codes)],
        )  # fmt: skip


async def test_a_digest_asked_for_summarizes_on_the_spot_only_the_sections_of_its_regions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarized: list[str] = []

    def recording(heading: str | None, text: str, **kw: Any) -> str:
        summarized.append(text)
        return extractive_summary(heading, text, **kw)

    monkeypatch.setattr(select, "extractive_summary", recording)
    async with running_bot(tmp_path, seed=_unsummarized_daraa_and_basra) as harness:
        harness.services.summary_worker.stop()  # the backlog stays: nothing is summarized ahead
        await harness.say(5, "/subscribe درعا")

        digest = await harness.say(5, "/digest")

    assert "خبر من درعا لم يلخص بعد" in digest.plain_text
    assert summarized == ["خبر من درعا لم يلخص بعد."]
