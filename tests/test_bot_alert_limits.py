"""What an admin is told about an alert or broadcast: too long for one message, no audience, its report."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from nashra.config import MAX_INPUT_CHARS, Config
from tests.bot_harness import ADMIN, BotHarness, running_bot

SUBSCRIBER = 61


def _longest_input(config: Config) -> None:
    config.telegram.max_input_chars = MAX_INPUT_CHARS


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path, configure=_longest_input) as running:
        await running.say(SUBSCRIBER, "/subscribe حلب")
        yield running


async def test_an_alert_of_emoji_over_one_message_is_refused_with_its_length(harness: BotHarness) -> None:
    body = "🚨" * 1800  # 1,800 characters, 3,600 UTF-16 units

    reply = await harness.say(ADMIN, f"/alert حلب | {body}")

    assert "3600 وحدة والحد 3500" in reply.plain_text
    assert len(harness.api.sent_to(SUBSCRIBER)) == 1  # the subscription's confirmation only


async def test_an_arabic_alert_at_the_limit_arrives_whole_in_one_message(harness: BotHarness) -> None:
    command = "/alert حلب | "
    body = "ع" * (MAX_INPUT_CHARS - len(command))

    await harness.say(ADMIN, command + body, count=2)  # queued, then the report

    [_, alert] = harness.api.sent_to(SUBSCRIBER)
    assert alert.plain_text.endswith(body)


async def test_the_report_of_a_broadcast_calls_it_a_broadcast(harness: BotHarness) -> None:
    report = await harness.say(ADMIN, "/broadcast صيانة الليلة", count=2)

    assert report.plain_text.startswith("📊 تقرير الإعلان رقم")


async def test_a_broadcast_with_nobody_to_reach_says_so_in_a_whole_sentence(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as harness:
        reply = await harness.say(ADMIN, "/broadcast صيانة الليلة")

    assert reply.plain_text == "لا مشتركين بعد، لم يُرسل شيء."


async def test_a_large_broadcast_asks_for_confirmation_as_an_announcement_to_everyone(tmp_path: Path) -> None:
    async with running_bot(tmp_path, alert_confirm_threshold=1) as harness:
        for chat in (71, 72):
            await harness.say(chat, "/subscribe حلب")

        question = await harness.say(ADMIN, "/broadcast صيانة الليلة")

    assert question.plain_text == "سيصل هذا الإعلان إلى مشتركَين، أي كل المشتركين. هل أرسله؟"


async def test_a_cancelled_broadcast_is_called_an_announcement(tmp_path: Path) -> None:
    async with running_bot(tmp_path, alert_confirm_threshold=1) as harness:
        for chat in (73, 74):
            await harness.say(chat, "/subscribe حلب")
        question = await harness.say(ADMIN, "/broadcast صيانة الليلة")
        cancel = next(b for b in question.buttons() if b["callback_data"].startswith("al:n:"))

        shown = await harness.press(ADMIN, question.message_id, cancel["callback_data"], user_id=ADMIN)

    assert shown.plain_text == "أُلغي الإعلان."
