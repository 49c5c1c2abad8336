"""/digest and /pause always get an answer that fits the chat: nothing to send now, nothing to pause."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

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
