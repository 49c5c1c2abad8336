"""Prompt shutdown and honest exits: SIGTERM and --timeout stop sending within two seconds, whatever
Telegram's retry_after says; rows left pending keep their not_before and make `digest --run` exit 1,
or, stopped by a signal, with the status a shell gives a command that signal ended (143 for SIGTERM)."""

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


async def _first_send(api: SandboxBotAPI, process: asyncio.subprocess.Process) -> float:
    """Wait (through the process's start) until it tried its first message; returns when."""
    deadline = time.monotonic() + 90
    while api.calls["sendMessage"] == 0:
        assert process.returncode is None, (await process.communicate())[1].decode()
        assert time.monotonic() < deadline, "the process never sent"
        await asyncio.sleep(0.02)
    return time.monotonic()


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
    first = await _first_send(api, process)
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert time.monotonic() - first < 2 + 2.5, "ran on past --timeout"
    assert process.returncode == 1
    assert "5 messages still pending (--timeout 2 s reached)" in err.decode().strip().splitlines()[-1]
    waits = await _not_before(tmp_path / "nashra.db")  # the rows Telegram told to wait, in flight then
    assert waits and all(w > HOUR - 100 for w in waits)


async def test_sigterm_stops_digest_run_within_two_seconds(tmp_path: Path, api: SandboxBotAPI) -> None:
    await _seed(tmp_path / "nashra.db")
    api.fail_next("sendMessage", 429, f"Too Many Requests: retry after {HOUR}", retry_after=HOUR, times=100)
    process = await _start(_config(tmp_path, api), "digest", "--run", "--timeout", "600")
    await _first_send(api, process)
    await asyncio.sleep(0.3)
    signalled = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert time.monotonic() - signalled < 2.5
    assert process.returncode == 128 + signal.SIGTERM and "stopped by a signal" in err.decode()


async def test_sigterm_stops_nashra_run_within_two_seconds(tmp_path: Path, api: SandboxBotAPI) -> None:
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
    await asyncio.sleep(0.5)
    signalled = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert time.monotonic() - signalled < 3.0, err.decode()[-2000:]
    assert process.returncode == 0
    waits = await _not_before(path)
    assert waits and all(w > HOUR - 100 for w in waits)
