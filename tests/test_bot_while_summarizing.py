"""The bot keeps answering while the summary worker grinds through a backlog with a real model."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from bot_harness import running_bot
from test_summarizer_worker import store_backlog
from tiny_models import TinyModels, tiny_models_once

from nashra.config import Config, GenerationConfig


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyModels:
    return tiny_models_once(tmp_path_factory)


async def test_a_command_is_answered_while_sections_are_being_summarized(
    tmp_path: Path, tiny: TinyModels
) -> None:
    def slow_model(config: Config) -> None:
        config.summarizer.model = str(tiny.mt5)
        config.summarizer.device = "cpu"
        config.summarizer.generation = GenerationConfig(num_beams=4, min_new_tokens=48, max_new_tokens=48)
        config.schedule.summarize_every_seconds = 3600

    async with running_bot(tmp_path, configure=slow_model) as bot:
        await store_backlog(bot.services.db, 80)
        worker = bot.services.summary_worker
        summarizing = asyncio.create_task(worker.run_once(limit=240))
        await asyncio.sleep(0.05)
        reply = await bot.say(501, "/help", timeout=10)
        assert not summarizing.done(), "the backlog finished before the command: make it larger"
        assert "/subscribe" in reply.plain_text
        assert await summarizing == 240
