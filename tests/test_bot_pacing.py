"""The bot under Telegram's real limits: replies share the outbox's governor, a flooding chat waits in its
own lane, a reply's error means what a send's does, and stopping is prompt whatever Telegram says."""

from __future__ import annotations

import asyncio
import inspect
import itertools
import time
from collections.abc import Callable
from pathlib import Path

from bot_harness import SETTLE_CHAT, BotHarness, running_bot

from bot.app import stop_sending
from nashra.config import Config
from nashra.delivery.limiter import GovernedRateLimiter
from nashra.sandbox import SandboxLimits
from nashra.storage.outbox import PRIORITY_BROADCAST, NewMessage, OutboxStore

TELEGRAM = SandboxLimits()  # 30 messages a second, 1 a second per chat, 20 a minute per group
OTHER_CHAT = 77
FLOODER = 66
# The longest message the bot takes (telegram.max_input_chars): a sentence of ordinary Arabic words.
WORDS = ("ذهبت", "إلى", "السوق", "مع", "أخي", "الكبير", "لشراء", "بعض", "الخضار", "والفواكه", "الطازجة", "ثم",
         "عدنا", "إلى", "البيت", "مساء")  # fmt: skip


def _telegram_pace(config: Config) -> None:
    """Nashra's own limits, as in production (the harness raises them for the unlimited sandbox)."""
    config.delivery = Config().delivery


async def _until_its_turn(harness: BotHarness, chat_id: int) -> None:
    """Wait for the moment the bot's governor lets ``chat_id`` (a private chat) have its next message:
    its own pace, one message a second, so that what the test times next is not that pace."""
    limiter = harness.application.bot.rate_limiter
    assert isinstance(limiter, GovernedRateLimiter)
    governor = limiter.governor
    while (left := governor.chat_ready_at(chat_id, is_group=False) - governor.clock()) > 0:
        await asyncio.sleep(left)


def _longest_subscribe(limit: int) -> str:
    words: list[str] = []
    while len("/subscribe " + " ".join(words)) < limit - 12:
        words.append(WORDS[len(words) % len(WORDS)])
    return "/subscribe " + " ".join(words)


async def test_replies_to_one_chat_are_paced_without_a_single_429(tmp_path: Path) -> None:
    async with running_bot(tmp_path, configure=_telegram_pace, limits=TELEGRAM) as harness:
        for _ in range(4):
            harness.api.user_says(5, "/help")
        replies = await harness.api.wait_for(5, 4, timeout=15)
        assert harness.api.too_many_requests == 0
        gaps = [b.date - a.date for a, b in itertools.pairwise(replies)]
        assert min(gaps) >= 0.9


async def test_another_chat_is_answered_while_one_chat_floods_not_after_the_flood(tmp_path: Path) -> None:
    # The flooder's 41 replies go at its own pace, one a second: another chat queued behind them would
    # wait about 40 s. Answered in its own lane, it gets each reply while the flood has hardly begun
    # (how soon, at Telegram's pace, is what matters to a user; here it is who goes first).
    async with running_bot(tmp_path, configure=_telegram_pace, limits=TELEGRAM) as harness:
        await harness.say(OTHER_CHAT, "/help", timeout=60)  # warm: the first reply loads the catalogue
        await _until_its_turn(harness, OTHER_CHAT)
        limit = harness.services.config.telegram.max_input_chars
        harness.api.user_says(FLOODER, _longest_subscribe(limit))
        for _ in range(40):
            harness.api.user_says(FLOODER, "/help")
        await harness.api.wait_for(FLOODER, 1, timeout=60)  # the flood is fetched and being handled
        flood_sent = []
        for _ in range(3):
            before = len(harness.api.sent_to(OTHER_CHAT))
            harness.api.user_says(OTHER_CHAT, "/mysubs")
            await harness.api.wait_for(OTHER_CHAT, 1, after=before, timeout=60)
            flood_sent.append(len(harness.api.sent_to(FLOODER)))
            await _until_its_turn(harness, OTHER_CHAT)
        assert max(flood_sent) < 20, f"answered only once the flood was mostly sent: {flood_sent} of 41"
        assert harness.api.too_many_requests == 0


async def test_a_reply_to_a_chat_that_is_gone_marks_it_blocked(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as harness:
        await harness.say(12, "/subscribe درعا")
        harness.api.fail_next("sendMessage", 400, "Bad Request: chat not found")
        harness.api.user_says(12, "/mysubs")
        deadline = time.monotonic() + 10
        while not (await harness.services.subscriptions.get(12)).blocked:
            assert time.monotonic() < deadline, "the chat was not marked blocked"
            await asyncio.sleep(0.05)
        assert harness.api.calls["sendMessage"] == 2, "the refused reply was tried again"


async def test_a_reply_into_a_deleted_topic_goes_to_general(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as harness:
        harness.api.chat(-300, "supergroup", is_forum=True)
        harness.api.delete_topic(-300, 9)
        reply = await harness.say(-300, "/help", thread_id=9)
        assert reply.thread_id is None and "/regions" in reply.plain_text


async def test_stopping_the_bot_stops_sending_whatever_retry_after_says(tmp_path: Path) -> None:
    # What a stop does, not how fast (a 60 s guard against waiting out the hour): the hour-long pause
    # is cut short, the reply waiting for it gives up, and nothing is sent once the stop returned.
    async with running_bot(tmp_path) as harness:
        db = harness.services.db
        await OutboxStore(db).add(
            [NewMessage(chat, "broadcast", "b1", 0, "إعلان", PRIORITY_BROADCAST) for chat in range(1, 4)]
        )
        harness.api.fail_next(
            "sendMessage", 429, "Too Many Requests: retry after 3600", retry_after=3600, times=50
        )
        assert harness.services.deliverer is not None
        harness.services.deliverer.worker.wake()
        harness.api.user_says(SETTLE_CHAT, "/help")  # a reply that will wait for the pause too
        processor = harness.application.update_processor
        limiter = harness.application.bot.rate_limiter
        assert isinstance(limiter, GovernedRateLimiter)
        governor = limiter.governor
        paused = "the bot never took in Telegram's hour-long wait"
        await _until(lambda: governor.global_ready_at() - governor.clock() > 3000, paused)
        await _until(lambda: _handed_over(harness), "the bot never took the /help")
        await asyncio.wait_for(stop_sending(harness.application), 60)
        calls = harness.api.calls["sendMessage"]
        await _until(lambda: not processor.current_concurrent_updates, "the reply never gave up")
        assert harness.api.calls["sendMessage"] == calls, "sent after the stop"
        pending = await db.fetchall("SELECT 1 FROM outbox WHERE state = 'pending'")
        assert len(pending) == 3, "a broadcast was lost or given up at the stop"


async def _handed_over(harness: BotHarness) -> bool:
    """Whether the bot fetched every update and its handlers took them (a reply tried or waiting)."""
    pending = (await harness.api.call("getWebhookInfo", {}))["pending_update_count"]
    return not pending and harness.application.update_queue.empty()


async def _until(condition: Callable[[], object], failure: str) -> None:
    """Poll ``condition`` (a value or an awaitable one) until it holds; 60 s is a guard against a hang,
    not a bound on the behaviour."""
    deadline = time.monotonic() + 60
    while True:
        held = condition()
        if inspect.isawaitable(held):
            held = await held
        if held:
            return
        assert time.monotonic() < deadline, failure
        await asyncio.sleep(0.02)


async def test_keyboard_edits_of_quick_presses_are_paced_without_a_single_429(tmp_path: Path) -> None:
    async with running_bot(tmp_path, configure=_telegram_pace, limits=TELEGRAM) as harness:
        keyboard = await harness.say(5, "/regions", timeout=10)
        for data in ("rg:s:SY:0", "rg:t:SY-DR:0", "rg:t:SY-HL:0", "rg:t:SY-DR:0"):
            harness.api.user_presses(5, keyboard.message_id, data, unchecked=True)
        await harness.settle(timeout=20)
        shown = harness.api.message(5, keyboard.message_id)
        assert harness.api.too_many_requests == 0
        assert len(harness.api.callback_answers) == 4
        assert await harness.regions_of(5) == ["SY-HL"] and shown.edited
