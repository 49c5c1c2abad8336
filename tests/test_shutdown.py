"""Prompt shutdown and honest exits: SIGTERM and --timeout stop sending without waiting out Telegram's
retry_after (an hour here); rows left pending keep their not_before and make `digest --run` exit 1,
or, stopped by a signal, with the status a shell gives a command that signal ended (143 for SIGTERM).

These tests check what a stop does, not how fast: each waits for the event it needs (the first send,
Telegram's wait stored) and bounds a process's end only as a guard against a hang (60 s, against the
hour a process that ignored the stop would wait); how soon sending stops is the benchmark's figure
(benchmarks/stop_sending.py)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from digest_seed import add_recent_story, add_subscribers

from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database
from nashra.storage.db import from_db_time, to_db_time
from tests.database_template import open_database
from tests.quiet_schedule import quiet_schedule_toml

TOKEN = "123456:shutdown-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaa"
HOUR = 3600


@pytest.fixture
async def api() -> AsyncIterator[SandboxBotAPI]:
    async with SandboxBotAPI(
        limits=SandboxLimits(global_per_second=None, per_chat_per_second=None)
    ) as server:
        yield server


async def _seed(path: Path) -> None:
    db = await open_database(path)
    try:
        await add_recent_story(db)
        await add_subscribers(db, [(chat, ["SY"]) for chat in range(1, 6)])
    finally:
        await db.close()


def _config(tmp_path: Path, api: SandboxBotAPI) -> Path:
    config = tmp_path / "nashra.toml"
    config.write_text(
        f'[database]\npath = "{tmp_path / "nashra.db"}"\n[telegram]\nbase_url = "{api.base_url}"\n'
        + quiet_schedule_toml(),
        encoding="utf-8",
    )
    return config


async def _start(config: Path, *command: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "nashra", "-c", str(config), *command,
        env={**os.environ, "NASHRA_TELEGRAM_TOKEN": TOKEN},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def _first_send(api: SandboxBotAPI, process: asyncio.subprocess.Process) -> None:
    """Wait (through the process's start) until it tried its first message."""
    deadline = time.monotonic() + 90
    while api.calls["sendMessage"] == 0:
        assert process.returncode is None, (await process.communicate())[1].decode()
        assert time.monotonic() < deadline, "the process never sent"
        await asyncio.sleep(0.02)


async def _told_to_wait(path: Path, process: asyncio.subprocess.Process) -> None:
    """Wait until the process stored Telegram's retry_after (a pending row's not_before): it is then in
    the hour-long pause a stop must cut short."""
    deadline = time.monotonic() + 60
    while not await _not_before(path):
        assert process.returncode is None, (await process.communicate())[1].decode()
        assert time.monotonic() < deadline, "the process never stored Telegram's wait"
        await asyncio.sleep(0.05)


async def _update_taken(api: SandboxBotAPI, process: asyncio.subprocess.Process) -> None:
    """Wait until the bot fetched and acknowledged every update queued for it."""
    deadline = time.monotonic() + 60
    while (await api.call("getWebhookInfo", {}))["pending_update_count"]:
        assert process.returncode is None, (await process.communicate())[1].decode()
        assert time.monotonic() < deadline, "the bot never fetched its updates"
        await asyncio.sleep(0.02)


async def _states(path: Path) -> dict[str, int]:
    """How many outbox rows are in each state."""
    db = await Database.open(path)
    try:
        rows = await db.fetchall("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
    finally:
        await db.close()
    return {r["state"]: r["n"] for r in rows}


async def _not_before(path: Path) -> list[float]:
    db = await Database.open(path)
    try:
        rows = await db.fetchall(
            "SELECT not_before FROM outbox WHERE state = 'pending' AND not_before IS NOT NULL"
        )
    finally:
        await db.close()
    return [(from_db_time(r["not_before"]) - datetime.now(UTC)).total_seconds() for r in rows]


async def test_digest_run_timeout_ends_sending_at_once_when_telegram_asks_an_hour(
    tmp_path: Path, api: SandboxBotAPI
) -> None:
    await _seed(tmp_path / "nashra.db")
    api.fail_next("sendMessage", 429, f"Too Many Requests: retry after {HOUR}", retry_after=HOUR, times=100)
    process = await _start(_config(tmp_path, api), "digest", "--run", "--timeout", "2")
    await _first_send(api, process)
    _, err = await asyncio.wait_for(process.communicate(), 60)  # not the hour Telegram asked for
    assert process.returncode == 1
    assert "5 messages still pending (--timeout 2 s reached)" in err.decode().strip().splitlines()[-1]
    waits = await _not_before(tmp_path / "nashra.db")  # the rows Telegram told to wait, in flight then
    assert waits and all(w > HOUR - 100 for w in waits)


async def test_sigterm_ends_digest_run_in_telegrams_hour_long_wait_with_every_message_pending(
    tmp_path: Path, api: SandboxBotAPI
) -> None:
    path = tmp_path / "nashra.db"
    await _seed(path)
    api.fail_next("sendMessage", 429, f"Too Many Requests: retry after {HOUR}", retry_after=HOUR, times=100)
    process = await _start(_config(tmp_path, api), "digest", "--run", "--timeout", "600")
    await _first_send(api, process)
    await _told_to_wait(path, process)
    process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), 60)  # not the hour, nor the 600 s --timeout
    assert process.returncode == 128 + signal.SIGTERM and "stopped by a signal" in err.decode()
    assert api.total_sent() == 0
    assert await _states(path) == {"pending": 5}, "a message was lost or given up at the stop"
    waits = await _not_before(path)
    assert waits and all(w > HOUR - 100 for w in waits)


async def test_sigterm_ends_nashra_run_in_telegrams_hour_long_wait_with_every_message_pending(
    tmp_path: Path, api: SandboxBotAPI
) -> None:
    path = tmp_path / "nashra.db"
    await _seed(path)
    db = await Database.open(path)
    try:
        async with db.transaction() as conn:  # a broadcast owed before the start
            await conn.execute(
                "INSERT INTO outbox (chat_id, kind, slot, part, text, priority, created_at, updated_at) "
                "SELECT chat_id, 'broadcast', 'b1', 0, 'إعلان', 10, ?, ? FROM subscribers",
                (to_db_time(datetime.now(UTC)),) * 2,
            )
    finally:
        await db.close()
    api.fail_next("sendMessage", 429, f"Too Many Requests: retry after {HOUR}", retry_after=HOUR, times=100)
    process = await _start(_config(tmp_path, api), "run")
    await _first_send(api, process)
    api.user_says(9, "/help")  # a reply that the hour-long pause holds up too
    await _told_to_wait(path, process)
    await _update_taken(api, process)
    process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), 60)  # not the hour Telegram asked for
    assert process.returncode == 0, err.decode()[-2000:]
    assert api.total_sent() == 0
    assert await _states(path) == {"pending": 5}, "a message was lost or given up at the stop"
    waits = await _not_before(path)
    assert waits and all(w > HOUR - 100 for w in waits)
