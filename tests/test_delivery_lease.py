"""One sender per database: a second process only owes, says so in one line, and sends nothing twice."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from digest_seed import add_recent_story, add_subscribers
from telegram import Bot
from telegram.request import HTTPXRequest

import nashra.delivery.lease as lease_module
import tests.bot_harness as harness
from nashra.commands._bot import serve
from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.delivery.lease import SenderLease
from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database
from nashra.storage.outbox import PRIORITY_BROADCAST, NewMessage, OutboxStore
from tests.database_template import open_database
from tests.file_opens import FileOpens

TOKEN = "123456:lease-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
CHATS = range(1, 41)


@pytest.fixture
async def api() -> AsyncIterator[SandboxBotAPI]:
    unlimited = SandboxLimits(global_per_second=None, per_chat_per_second=None)
    async with SandboxBotAPI(limits=unlimited) as server:
        yield server


def _config() -> Config:
    config = Config()
    config.delivery.global_per_second = 400
    config.delivery.max_in_flight = 8
    return config


async def _owe(db: Database) -> None:
    await add_subscribers(db, [(chat, ["SY"]) for chat in CHATS])
    await OutboxStore(db).add(
        [NewMessage(chat, "broadcast", "b1", 0, "إعلان للجميع", PRIORITY_BROADCAST) for chat in CHATS]
    )


async def test_a_second_sender_on_the_same_database_only_owes_and_says_so(
    tmp_path: Path, api: SandboxBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "nashra.db"
    first_db, second_db = await open_database(path), await Database.open(path)
    await _owe(first_db)
    caplog.set_level(logging.WARNING, logger="nashra.delivery.sender")
    async with Bot(TOKEN, base_url=api.base_url, request=HTTPXRequest(connection_pool_size=20)) as bot:
        first = Deliverer(bot, first_db, _config(), role="nashra run")
        second = Deliverer(bot, second_db, _config(), role="nashra digest --run")
        await first.start()
        await second.start()
        try:
            for _ in range(200):
                if await first.worker.idle() and await second.worker.idle():
                    break
                await asyncio.sleep(0.05)
        finally:
            await second.stop()
            await first.stop()
    await first_db.close()
    await second_db.close()
    assert [len(api.sent_to(chat)) for chat in CHATS] == [1] * len(CHATS)
    assert first.worker.stats.sent == len(CHATS) and second.worker.stats.sent == 0
    told = [r.getMessage() for r in caplog.records if "is sending from this database" in r.getMessage()]
    assert len(told) == 1 and f"pid {os.getpid()} (nashra run)" in told[0]


async def test_digest_run_next_to_a_running_sender_owes_says_so_and_leaves_the_sending_to_it(
    tmp_path: Path, api: SandboxBotAPI
) -> None:
    path = tmp_path / "nashra.db"
    db = await open_database(path)
    await _story(db)
    await add_subscribers(db, [(chat, ["SY"]) for chat in CHATS])
    await db.close()
    config_file = tmp_path / "nashra.toml"
    config_file.write_text(f'[database]\npath = "{path}"\n[telegram]\nbase_url = "{api.base_url}"\n', "utf-8")
    lease = SenderLease(str(path), "nashra run")  # what a running bot holds
    assert lease.acquire() and lease.path is not None
    tries = FileOpens(lease.path)  # each try to take the lease opens its file
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "nashra", "-c", str(config_file), "digest", "--run", "--timeout", "60",
            env={**os.environ, "NASHRA_TELEGRAM_TOKEN": TOKEN},
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert process.stderr is not None
        said = await asyncio.wait_for(_line_with(process.stderr, "is sending from this database"), 60)
        await tries.wait(2)  # a try after the line, refused: it tried again
        assert api.total_sent() == 0, "sent while another process holds the lease"
    finally:
        tries.close()
        lease.release()  # the bot stops: the waiting process takes over and sends what it owed
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert said.strip() == (
        f"nashra digest: pid {os.getpid()} (nashra run) is sending from this database; waiting for it to "
        f"send the {len(CHATS)} messages this run owed"
    )
    assert process.returncode == 0, err.decode()
    assert [len(api.sent_to(chat)) for chat in CHATS] == [1] * len(CHATS)


async def _line_with(stream: asyncio.StreamReader, part: str) -> str:
    while True:
        line = (await stream.readline()).decode()
        if not line:
            raise AssertionError(f"the process ended without saying {part!r}")
        if part in line:
            return line


async def _story(db: Database) -> None:
    await add_recent_story(db)


def test_a_killed_sender_releases_the_lease_at_once(tmp_path: Path) -> None:
    path = str(tmp_path / "nashra.db")
    holder = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('lease', {lease_module.__file__!r})\n"
        "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)\n"
        f"assert module.SenderLease({path!r}, 'nashra run').acquire()\n"
        "print('held', flush=True); sys.stdin.read()\n"  # held until killed (or its input closes)
    )
    child = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        lease = SenderLease(path, "nashra digest --run")
        assert not lease.acquire() and lease.holder() == f"pid {child.pid} (nashra run)"
        child.send_signal(signal.SIGKILL)
        child.wait(10)  # reaped: the kernel closed its files, and so dropped its flock, as it ended
        assert lease.acquire(), "the lease outlived its holder"
        lease.release()
    finally:
        child.kill()
        child.wait(10)


def test_one_database_named_two_ways_has_one_lease(tmp_path: Path) -> None:
    real = tmp_path / "data" / "nashra.db"
    real.parent.mkdir()
    real.touch()
    link = tmp_path / "nashra.db"
    link.symlink_to(real)
    first = SenderLease(str(real), "nashra run")
    assert first.acquire()
    try:
        assert not SenderLease(str(link), "nashra digest --run").acquire()
    finally:
        first.release()


async def test_a_bot_served_by_the_sandbox_command_names_itself_to_other_processes(tmp_path: Path) -> None:
    async with SandboxBotAPI(token=harness.TOKEN) as api:
        config = harness.harness_config(api.base_url)
        config.database.path = str(tmp_path / "bot.db")
        stop = asyncio.Event()
        serving = asyncio.create_task(serve(config, harness.TOKEN, stop, role="nashra sandbox"))
        lease = SenderLease(config.database.path)
        try:
            async with asyncio.timeout(30):
                while not lease.holder():
                    await asyncio.sleep(0.02)
            named = lease.holder()
        finally:
            stop.set()
            await serving
    assert named == f"pid {os.getpid()} (nashra sandbox)"
