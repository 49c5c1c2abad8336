"""The bot added to a chat: it introduces itself in a group, and says nothing where nobody asked."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_harness import BotHarness, running_bot

GROUP = -100_777
GROUP_ADMIN = 71


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_added_to_a_group_the_bot_tells_its_admins_how_to_choose_regions(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup", title="أخبار الحي")
    harness.api.member_update(GROUP, "member", user_id=GROUP_ADMIN)

    [intro] = await harness.api.wait_for(GROUP)

    assert "أهلاً، أنا نشرة" in intro.plain_text
    assert "/subscribe@nashra_sandbox_bot درعا، حلب" in intro.plain_text


async def test_unblocked_in_a_private_chat_the_bot_waits_to_be_spoken_to(harness: BotHarness) -> None:
    await harness.say(72, "/subscribe درعا")
    harness.api.member_update(72, "kicked")
    harness.api.member_update(72, "member")
    await harness.settle()

    assert len(harness.api.sent_to(72)) == 1
    assert not (await harness.services.subscriptions.get(72)).blocked


async def test_start_in_a_group_gets_the_groups_welcome(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup", title="أخبار الحي")

    reply = await harness.say(GROUP, "/start@nashra_sandbox_bot", user_id=GROUP_ADMIN)

    assert "أهلاً، أنا نشرة" in reply.plain_text
