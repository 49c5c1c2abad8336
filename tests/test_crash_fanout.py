"""A digest fan-out killed with SIGKILL halfway resumes after a restart: everyone gets exactly one copy."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from digest_seed import SectionSeed, add_article, add_subscribers

from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database
from nashra.storage.db import to_db_time
from tests.database_template import open_database

# More chats than one batch of digests owed by reference (nashra.storage.outbox.OWED_BATCH: 1000), so
# their rows are written in two batches, by whichever run is sending when the first runs low.
SUBSCRIBERS = 1200
MAX_IN_FLIGHT = 16
TOKEN = "123456:crash-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"


async def _seed(path: Path) -> None:
    db = await open_database(path)
    try:
        now = datetime.now(UTC)
        await add_article(
            db,
            title="اشتباكات في درعا",
            source="عنب بلدي",
            url="https://example.org/daraa",
            published_at=to_db_time(now - timedelta(hours=1)),
            ingested_at=to_db_time(now - timedelta(minutes=30)),
            sections=[
                SectionSeed("نص عن درعا.", ["SY", "SY-DR"], summary="اشتباكات عنيفة في ريف درعا الغربي.")
            ],
        )
        await add_subscribers(db, [(1000 + i, ["SY"]) for i in range(SUBSCRIBERS)])
    finally:
        await db.close()


def _command(config: Path) -> list[str]:
    return [sys.executable, "-m", "nashra", "-c", str(config), "digest", "--run", "--timeout", "60"]


async def test_killed_fanout_resumes_with_one_copy_each(tmp_path: Path) -> None:
    db_path = tmp_path / "nashra.db"
    await _seed(db_path)
    limits = SandboxLimits(global_per_second=2000, per_chat_per_second=1, group_per_minute=20)
    async with SandboxBotAPI(limits=limits) as api:
        config = tmp_path / "nashra.toml"
        config.write_text(
            f'[database]\npath = "{db_path}"\n[telegram]\nbase_url = "{api.base_url}"\n'
            f"[delivery]\nglobal_per_second = 1000.0\nmax_in_flight = {MAX_IN_FLIGHT}\n",
            encoding="utf-8",
        )
        env = {**os.environ, "NASHRA_TELEGRAM_TOKEN": TOKEN}
        first = await asyncio.create_subprocess_exec(
            *_command(config), env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        for _ in range(600):
            if api.total_sent() >= SUBSCRIBERS // 3 or first.returncode is not None:
                break
            await asyncio.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        killed_at = api.total_sent()
        assert 0 < killed_at < SUBSCRIBERS, f"the kill came at {killed_at} of {SUBSCRIBERS} messages"

        second = await asyncio.create_subprocess_exec(
            *_command(config), env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        _, err = await asyncio.wait_for(second.communicate(), 60)
        assert second.returncode == 0, err.decode()

        copies = [len(api.sent_to(1000 + i)) for i in range(SUBSCRIBERS)]
    assert min(copies) == 1, "a subscriber got nothing"
    duplicates = sum(c - 1 for c in copies)
    # The documented in-flight window: sends whose outcome was not yet committed, max_in_flight at most.
    assert duplicates <= MAX_IN_FLIGHT, f"{duplicates} duplicates"
    db = await Database.open(db_path)
    try:
        row = await db.fetchone(
            "SELECT SUM(state = 'sent') AS sent, SUM(state = 'pending') AS pending FROM outbox"
        )
    finally:
        await db.close()
    assert (row["sent"], row["pending"]) == (SUBSCRIBERS, 0)


async def test_two_digest_runs_at_once_send_each_digest_once(tmp_path: Path) -> None:
    db_path = tmp_path / "nashra.db"
    await _seed(db_path)
    limits = SandboxLimits(global_per_second=2000, per_chat_per_second=1, group_per_minute=20)
    async with SandboxBotAPI(limits=limits) as api:
        config = tmp_path / "nashra.toml"
        config.write_text(
            f'[database]\npath = "{db_path}"\n[telegram]\nbase_url = "{api.base_url}"\n'
            f"[delivery]\nglobal_per_second = 1000.0\nmax_in_flight = {MAX_IN_FLIGHT}\n",
            encoding="utf-8",
        )
        env = {**os.environ, "NASHRA_TELEGRAM_TOKEN": TOKEN}
        runs = [
            await asyncio.create_subprocess_exec(
                *_command(config), env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
            )
            for _ in range(2)
        ]
        await asyncio.wait_for(asyncio.gather(*(run.communicate() for run in runs)), 120)
        copies = [len(api.sent_to(1000 + i)) for i in range(SUBSCRIBERS)]
    # One of them owed the digests and sent them; the other found them owed (or owed nothing) and
    # left the sending to the holder of the sender lease.
    assert copies == [1] * SUBSCRIBERS
