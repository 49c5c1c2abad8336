"""/digest during a scheduled cycle that commits the chat first: the chat is still owed, on request,
what the cycle's window left out (docs/delivery.md: "whichever of the two commits the chat second
owes only what the first did not")."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from digest_seed import SectionSeed, add_article, add_recent_story, add_subscribers
from telegram import Bot
from telegram.request import HTTPXRequest

from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.digest import fanout
from nashra.sandbox import SandboxBotAPI
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.editions import Editions

TOKEN = "123456:digest-now-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaa"
CHAT = 5


@pytest.fixture
async def deliverer(db: Database) -> AsyncIterator[Deliverer]:
    async with SandboxBotAPI() as api:
        bot = Bot(TOKEN, base_url=api.base_url, request=HTTPXRequest())
        async with bot:
            service = Deliverer(bot, db, Config())
            await service.start()
            yield service
            await service.stop()


async def test_a_digest_on_request_committed_after_the_cycle_owes_the_news_the_cycle_left_out(
    db: Database, deliverer: Deliverer, monkeypatch: pytest.MonkeyPatch
) -> None:
    cycle_waiting, cycle_go = asyncio.Event(), asyncio.Event()
    digest_waiting, digest_go = asyncio.Event(), asyncio.Event()
    editions_commit, commit_slot = Editions.commit, fanout.commit_slot

    async def held_cycle(self: Editions, **kwargs: Any) -> Any:
        cycle_waiting.set()
        await cycle_go.wait()
        return await editions_commit(self, **kwargs)

    async def held_digest(db: Database, **kwargs: Any) -> Any:
        digest_waiting.set()
        await digest_go.wait()
        return await commit_slot(db, **kwargs)

    monkeypatch.setattr(Editions, "commit", held_cycle)
    monkeypatch.setattr(fanout, "commit_slot", held_digest)
    now = datetime.now(UTC)
    later = now + timedelta(minutes=3)  # when the chat asks: the clock moved on (see settled below)
    await add_recent_story(db)  # ingested 30 minutes ago: in the cycle's window
    await add_subscribers(db, [(CHAT, ["SY"])])
    cycle = asyncio.create_task(deliverer.run_scheduled_digest(now))
    await asyncio.wait_for(cycle_waiting.wait(), 10)
    await add_article(
        db, title="حلب", source="عنب بلدي", url="https://a.example/2",
        published_at=to_db_time(now + timedelta(minutes=1)),
        ingested_at=to_db_time(now + timedelta(minutes=1)),
        sections=[SectionSeed("y", ["SY", "SY-HL"], summary="افتتاح مستشفى جديد في حلب")],
    )  # fmt: skip
    # A story ingested a minute after the cycle's cutoff; the chat asks two minutes after that.

    async def settled(db: Database) -> datetime:
        return later

    monkeypatch.setattr(fanout, "settled_instant", settled)
    asked = asyncio.create_task(deliverer.digest_now(CHAT, later))  # composed while the cycle is held
    await asyncio.wait_for(digest_waiting.wait(), 10)
    cycle_go.set()
    report = await asyncio.wait_for(cycle, 10)
    assert report.messages == 1, "the cycle owed the chat its digest (the story of 30 minutes ago)"
    digest_go.set()
    asked_report = await asyncio.wait_for(asked, 10)
    again = await deliverer.digest_now(CHAT, later + timedelta(seconds=5))  # asked again, nothing under way
    # The story the cycle left out is owed at the first request, not only at the second.
    assert (asked_report.messages, again.messages) == (1, 0)
