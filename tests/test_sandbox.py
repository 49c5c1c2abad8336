"""The sandbox Bot API answers python-telegram-bot like Telegram does, limits and errors included."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter

from nashra.sandbox import SandboxBotAPI, SandboxLimits

TOKEN = "123456:sandbox-token"


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxBotAPI]:
    async with SandboxBotAPI() as api:
        yield api


@pytest.fixture
async def bot(sandbox: SandboxBotAPI) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=sandbox.base_url) as client:
        yield client


async def test_get_me_describes_the_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.username == "nashra_sandbox_bot"


async def test_sent_message_is_recorded_with_its_keyboard(bot: Bot, sandbox: SandboxBotAPI) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("سوريا", callback_data="r:SY")]])
    await bot.send_message(5, "<b>مرحبا</b> &amp; أهلا", parse_mode=ParseMode.HTML, reply_markup=markup)
    sent = sandbox.last(5)
    assert sent.plain_text == "مرحبا & أهلا"
    assert sent.buttons()[0]["callback_data"] == "r:SY"


async def test_user_message_arrives_through_get_updates(bot: Bot, sandbox: SandboxBotAPI) -> None:
    sandbox.user_says(7, "/start")
    updates = await bot.get_updates(timeout=1)
    assert updates[0].message.text == "/start"
    assert updates[0].effective_chat.id == 7


async def test_too_long_message_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(5, "ب" * 4097)


async def test_html_entities_count_once_toward_the_limit(bot: Bot, sandbox: SandboxBotAPI) -> None:
    await bot.send_message(5, "<b>" + "&amp;" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    assert len(sandbox.last(5).plain_text) == 4096


async def test_malformed_html_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(5, "<b>غير مغلق", parse_mode=ParseMode.HTML)


async def test_blocked_user_answers_forbidden(bot: Bot, sandbox: SandboxBotAPI) -> None:
    sandbox.block(9)
    with pytest.raises(Forbidden):
        await bot.send_message(9, "نص")


async def test_migrated_group_names_its_new_id(bot: Bot, sandbox: SandboxBotAPI) -> None:
    sandbox.migrate(-100, -1001234)
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(-100, "نص")
    assert caught.value.new_chat_id == -1001234


async def test_second_message_to_a_chat_within_a_second_gets_retry_after(bot: Bot) -> None:
    await bot.send_message(11, "أول")
    with pytest.raises(RetryAfter):
        await bot.send_message(11, "ثان")


async def test_an_edit_within_a_second_of_a_message_to_the_chat_gets_retry_after(
    bot: Bot, sandbox: SandboxBotAPI
) -> None:
    sent = await bot.send_message(14, "أول")
    with pytest.raises(RetryAfter):
        await bot.edit_message_text("معدل", chat_id=14, message_id=sent.message_id)
    assert sandbox.too_many_requests == 1 and sandbox.last(14).plain_text == "أول"


async def test_a_keyboard_edit_within_a_second_of_a_message_to_the_chat_gets_retry_after(bot: Bot) -> None:
    sent = await bot.send_message(16, "أول")
    with pytest.raises(RetryAfter):
        await bot.edit_message_reply_markup(chat_id=16, message_id=sent.message_id, reply_markup=None)


async def test_an_accepted_edit_counts_against_the_chats_rate_like_a_message(sandbox: SandboxBotAPI) -> None:
    clock = [100.0]
    sandbox.clock = lambda: clock[0]
    async with Bot(TOKEN, base_url=sandbox.base_url) as bot:
        sent = await bot.send_message(15, "أول")
        clock[0] += 1.0
        await bot.edit_message_text("معدل", chat_id=15, message_id=sent.message_id)
        with pytest.raises(RetryAfter):
            await bot.send_message(15, "ثان")
    assert sandbox.last(15).plain_text == "معدل"


async def test_global_rate_is_enforced(sandbox: SandboxBotAPI) -> None:
    sandbox.limits = SandboxLimits(global_per_second=5, per_chat_per_second=None, slack=0)
    async with Bot(TOKEN, base_url=sandbox.base_url) as bot:
        for chat in range(5):
            await bot.send_message(chat + 100, "نص")
        with pytest.raises(RetryAfter):
            await bot.send_message(200, "نص")
    assert sandbox.too_many_requests == 1


async def test_each_429_is_counted_under_the_limit_that_answered_it(sandbox: SandboxBotAPI) -> None:
    sandbox.limits = SandboxLimits(global_per_second=2, per_chat_per_second=1, slack=0)
    async with Bot(TOKEN, base_url=sandbox.base_url) as bot:
        await bot.send_message(300, "نص")
        with pytest.raises(RetryAfter):
            await bot.send_message(300, "نص")  # the chat's own second
        await bot.send_message(301, "نص")
        with pytest.raises(RetryAfter):
            await bot.send_message(302, "نص")  # the bot's second
    assert dict(sandbox.too_many_by_limit) == {"chat": 1, "bot": 1}


async def test_injected_failure_is_answered_once(bot: Bot, sandbox: SandboxBotAPI) -> None:
    sandbox.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(12, "نص")
    retry_after = caught.value.retry_after
    assert (retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after) == 3
    await bot.send_message(13, "نص")
