"""/digest during a scheduled cycle: owed at once, not after the cycle's composition, and each story
still reaches the chat once, whichever of the two commits the chat first."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from digest_seed import add_recent_story, add_subscribers

from nashra.delivery import Deliverer
from nashra.sandbox import SandboxBotAPI
from nashra.storage import Database
from nashra.storage.editions import Editions

CHATS = range(1, 11)


@pytest.fixture
async def deliverer(
    sandbox_deliverer: tuple[Deliverer, SandboxBotAPI],
) -> AsyncIterator[tuple[Deliverer, SandboxBotAPI]]:
    await sandbox_deliverer[0].start()
    yield sandbox_deliverer


@pytest.fixture
def held_cycle(monkeypatch: pytest.MonkeyPatch) -> tuple[asyncio.Event, asyncio.Event]:
    """A scheduled cycle's first chunk commit waits for the second event; the first is set once a
    cycle is waiting there."""
    waiting, release = asyncio.Event(), asyncio.Event()
    commit = Editions.commit

    async def held(self: Editions, **kwargs: Any) -> Any:
        waiting.set()
        await release.wait()
        return await commit(self, **kwargs)

    monkeypatch.setattr(Editions, "commit", held)
    return waiting, release


async def cycle_held_then_digest_now(
    db: Database, service: Deliverer, held_cycle: tuple[asyncio.Event, asyncio.Event]
) -> tuple[int, asyncio.Task[Any]]:
    """A story for the chats of CHATS, a scheduled cycle composing them held at its commit, and chat
    5's /digest meanwhile: the messages /digest owed, and the cycle's task (still held)."""
    waiting, _ = held_cycle
    await add_recent_story(db)
    await add_subscribers(db, [(chat, ["SY"]) for chat in CHATS])
    cycle = asyncio.create_task(service.run_scheduled_digest(datetime.now(UTC)))
    await asyncio.wait_for(waiting.wait(), 10)
    report = await asyncio.wait_for(service.digest_now(5), 10)
    return report.messages, cycle


async def test_a_digest_on_request_is_owed_while_a_scheduled_cycle_composes(
    db: Database, deliverer: tuple[Deliverer, SandboxBotAPI], held_cycle: tuple[asyncio.Event, asyncio.Event]
) -> None:
    service, _ = deliverer
    owed, cycle = await cycle_held_then_digest_now(db, service, held_cycle)
    held_cycle[1].set()
    await cycle
    assert owed == 1


async def test_the_chat_served_on_request_gets_the_story_once_and_the_others_from_the_cycle(
    db: Database, deliverer: tuple[Deliverer, SandboxBotAPI], held_cycle: tuple[asyncio.Event, asyncio.Event]
) -> None:
    service, api = deliverer
    _, cycle = await cycle_held_then_digest_now(db, service, held_cycle)
    held_cycle[1].set()
    report = await cycle
    for _ in range(100):
        if await service.worker.idle():
            break
        await service.worker.wait_progress(0.2)
    assert report.subscribers == len(CHATS) - 1
    assert [len(api.sent_to(chat)) for chat in CHATS] == [1] * len(CHATS)
