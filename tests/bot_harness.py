"""A real Nashra Application polling the sandbox Bot API, and helpers to play users against it.

The bot runs exactly as in production (``build_application`` + ``start_bot``), over HTTP, inside the
test's event loop. Chats are handled concurrently (each in its own lane), so :meth:`BotHarness.settle`
waits for a /help from a spare chat to be answered (every earlier update was then fetched) and then
for every update being handled to finish. The sandbox enforces no rate limits, and the bot's governor
is configured to match, so tests do not wait a second between two replies to one chat.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot import Services, build_application, start_bot, stop_bot
from bot.app import stop_sending
from nashra.config import Config
from nashra.sandbox import SandboxBotAPI, SandboxLimits, SentMessage
from nashra.storage import Database
from tests.database_template import open_database
from tests.quiet_schedule import quiet_schedule

TOKEN = "123456:harness-token"
ADMIN = 4242
SETTLE_CHAT = 999_999
# How long the harness waits for a reply, an answer or a drained outbox by default: a guard against a
# hang on a busy machine, not a bound on the bot (how soon it answers is the benchmarks' figure).
WAIT_S = 30.0
UNLIMITED = SandboxLimits(global_per_second=None, per_chat_per_second=None, group_per_minute=None)


class BotHarness:
    def __init__(self, api: SandboxBotAPI, application: Application, services: Services) -> None:
        self.api = api
        self.application = application
        self.services = services

    async def say(
        self, chat_id: int, message: str, *, count: int = 1, timeout: float = WAIT_S, **kw: Any
    ) -> SentMessage:
        """A user writes ``message``; returns the bot's last reply once ``count`` replies arrived."""
        before = len(self.api.sent_to(chat_id))
        self.api.user_says(chat_id, message, **kw)
        replies = await self.api.wait_for(chat_id, count, after=before, timeout=timeout)
        return replies[-1]

    async def press(
        self, chat_id: int, message_id: int, data: str, *, timeout: float = WAIT_S, **kw: Any
    ) -> SentMessage:
        """A user presses an inline button; returns the message once the bot answered the press and redrew."""
        answers = len(self.api.callback_answers)
        sent = self.api.message(chat_id, message_id)
        shown = (sent.plain_text, sent.reply_markup)
        self.api.user_presses(chat_id, message_id, data, **kw)
        deadline = time.monotonic() + timeout
        while len(self.api.callback_answers) == answers or (sent.plain_text, sent.reply_markup) == shown:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no answer to the press {data!r} in chat {chat_id}")
            await asyncio.sleep(0.01)
        return sent

    async def settle(self, timeout: float = WAIT_S) -> None:
        """Wait until every update queued so far has been handled."""
        await self.say(SETTLE_CHAT, "/help", timeout=timeout)
        processor = self.application.update_processor
        deadline = time.monotonic() + timeout
        while processor.current_concurrent_updates or not self.application.update_queue.empty():
            if time.monotonic() > deadline:
                raise TimeoutError("updates are still being handled")
            await asyncio.sleep(0.01)

    async def regions_of(self, chat_id: int) -> list[str]:
        return await self.services.subscriptions.regions_of(chat_id)

    async def drain(self, timeout: float = WAIT_S) -> None:
        """Wait until the deliverer has sent (or given up on) everything owed."""
        deliverer = self.services.deliverer
        assert deliverer is not None
        deadline = time.monotonic() + timeout
        while not await deliverer.worker.idle():
            if time.monotonic() > deadline:
                raise TimeoutError("the outbox did not drain")
            await deliverer.worker.wait_progress(0.1)


def harness_config(base_url: str, **telegram: Any) -> Config:
    """The bot's config in tests: the sandbox's address, no rate limits, and a digest schedule the test
    cannot meet (tests/quiet_schedule.py), so a test sees only the digests it owes itself."""
    config = quiet_schedule(Config())
    config.telegram.base_url = base_url
    config.telegram.admins = [ADMIN]
    config.delivery.global_per_second = 10_000
    config.delivery.per_chat_per_second = 10_000
    config.delivery.group_per_minute = 100_000
    for key, value in telegram.items():
        setattr(config.telegram, key, value)
    return config


@asynccontextmanager
async def running_bot(
    tmp_path: Path,
    *,
    configure: Callable[[Config], None] | None = None,
    seed: Callable[[Database], Awaitable[object]] | None = None,
    limits: SandboxLimits = UNLIMITED,
    **telegram: Any,
) -> AsyncIterator[BotHarness]:
    """The bot over the sandbox; ``configure`` may change the config before the bot is built, ``seed``
    may fill the database before the bot starts (what a restarted bot finds), ``limits`` are the rates the
    sandbox enforces (none by default)."""
    async with SandboxBotAPI(token=TOKEN, limits=limits) as api:
        db = await open_database(tmp_path / "bot.db")
        if seed is not None:
            await seed(db)
        config = harness_config(api.base_url, **telegram)
        quiet = list(config.schedule.digest_times)
        if configure is not None:
            configure(config)
            if config.schedule.digest_times == quiet:  # still quiet, now on the clock the test chose
                quiet_schedule(config)
        services = Services.create(config, db)
        application = build_application(config, services, token=TOKEN)
        await application.initialize()
        try:
            await start_bot(application)
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0, timeout=1)
            try:
                yield BotHarness(api, application, services)
            finally:
                await stop_sending(application)  # as run_bot does: replies still waiting give up
                await application.updater.stop()
                await application.stop()
        finally:
            await stop_bot(application)
            await application.shutdown()
            await db.close()
