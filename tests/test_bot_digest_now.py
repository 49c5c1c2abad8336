"""/digest and /pause always get an answer that fits the chat: nothing to send now, nothing to pause,
sending paused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest
from digest_seed import add_recent_story

from nashra.delivery import DigestRunReport
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
