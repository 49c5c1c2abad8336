"""Property: whatever runs, in whatever order, every chat gets every story owed to it exactly once,
give or take the documented in-flight window (``delivery.max_in_flight`` per killed sender).

Hypothesis draws programs of steps against one database and the sandbox Bot API (over HTTP):
ingests (the real article store), /digest from users (through the running bot), scheduled and
personal digest runs and start-up catch-ups (other owing processes), ``nashra digest --run`` processes
(real ones, sometimes killed with SIGKILL), restarts of the bot, and kills of the bot (its sender
abandoned mid-flight: sends in flight cut, outcomes not yet saved lost, its lease dropped as the
kernel would). At the end a last digest run owes what is left and everything is sent; then each
chat's messages are read back from the sandbox.

Seeded and bounded: a fixed number of examples drawn the same way on every run.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import re
import signal
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st
from telegram import Bot
from telegram.ext import Application

from bot import Services, build_application, start_bot, stop_bot
from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.model import Article, Section
from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from nashra.storage.db import to_db_time
from nashra.storage.subscribers import SubscriberStore
from tests.database_template import open_database

TOKEN = "123456:property-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaa"
MAX_IN_FLIGHT = 4
# chat -> its region; stories are about one of the two.
CHATS = {1: "SY", 2: "SY", 3: "LB", 4: "SY-DR", -5: "LB"}
TOPICS = {"SY": ("SY", "SY-DR"), "LB": ("LB",)}
STORY = re.compile(r"STORY\d{3}")
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"

STEP = st.one_of(
    st.tuples(st.just("ingest"), st.sampled_from(sorted(TOPICS))),
    st.tuples(st.just("digest_request"), st.sampled_from(sorted(CHATS))),
    st.tuples(st.just("scheduled"), st.integers(0, 90)),
    st.tuples(st.just("personal"), st.just(0)),
    st.tuples(st.just("digest_run"), st.booleans()),
    st.tuples(st.just("restart"), st.just(0)),
    st.tuples(st.just("kill"), st.just(0)),
    st.tuples(st.just("wait"), st.integers(1, 6)),
)


def _words(n: int) -> str:
    """Arabic words no other story shares, so no two stories are taken for one told twice."""
    digest = hashlib.sha256(str(n).encode()).digest()
    return " ".join("".join(LETTERS[b % len(LETTERS)] for b in digest[k : k + 5]) for k in range(0, 30, 5))


@dataclass
class World:
    path: Path
    api: SandboxBotAPI
    config_file: Path
    config: Config
    db: Database
    stories: dict[str, str] = field(default_factory=dict)  # marker -> topic
    kills: int = 0
    bot: Application | None = None
    runs: list[asyncio.subprocess.Process] = field(default_factory=list)
    last_ingest: float = 0.0


def _config(base_url: str, path: Path) -> Config:
    config = Config()
    config.database.path = str(path)
    config.telegram.base_url = base_url
    config.schedule.timezone = "UTC"
    config.schedule.digest_times = [(datetime.now(UTC) - timedelta(minutes=5)).strftime("%H:%M")]
    config.delivery.max_in_flight = MAX_IN_FLIGHT
    config.delivery.global_per_second = 400
    config.delivery.per_chat_per_second = 100
    config.delivery.group_per_minute = 10_000
    config.delivery.max_items_per_digest = 500
    config.delivery.retry_base_seconds = 0.1
    return config


async def _start_bot(world: World) -> None:
    db = await Database.open(world.path)
    application = build_application(world.config, Services.create(world.config, db), token=TOKEN)
    await application.initialize()
    await start_bot(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    world.bot = application


async def _stop_bot(world: World, *, kill: bool) -> None:
    application, world.bot = world.bot, None
    assert application is not None
    services: Services = application.bot_data["services"]
    if kill and services.deliverer is not None:
        # SIGKILL, as far as this process can play it: the sender stops dead, sends in flight are cut
        # off, outcomes not yet committed are lost, and the kernel drops its lease.
        worker = services.deliverer.worker
        worker._stopping = True
        tasks = [worker._dispatcher, worker._flusher, *worker._tasks]
        for task in tasks:
            if task is not None:
                task.cancel()
        await asyncio.gather(*[t for t in tasks if t is not None], return_exceptions=True)
        worker._outcomes.clear()
        worker.lease.release()
        services.deliverer = None
    assert application.updater is not None
    await application.updater.stop()
    await application.stop()
    await stop_bot(application)
    await application.shutdown()
    await services.db.close()


async def _step(world: World, step: tuple[str, object], n: int) -> None:
    kind, value = step
    if kind == "ingest":
        marker = f"STORY{n:03d}"
        topic = str(value)
        article = Article(
            title=f"قصة {n}",
            sections=[Section(None, f"{marker} خبر {_words(n)}", list(TOPICS[topic]))],
            source="مصدر",
            url=f"https://a.example/{n}",
        )
        await ArticleStore(world.db).save(article)
        world.stories[marker] = topic
        world.last_ingest = time.monotonic()
    elif kind == "digest_request":
        chat = int(value)  # type: ignore[call-overload]
        before = len(world.api.sent_to(chat))
        world.api.user_says(chat, "/digest")
        if world.bot is not None:  # answered (a digest or "nothing new") before the next step
            with contextlib.suppress(TimeoutError):
                await world.api.wait_for(chat, 1, after=before, timeout=3)
    elif kind in ("scheduled", "personal"):
        # Two other owing processes at once (a second instance's scheduled job, a catch-up after a
        # restart): they read the same subscribers, compose, and commit; they never send.
        # Their runs began a moment apart, so their windows would end at different seconds.
        now = datetime.now(UTC)
        instant = now - timedelta(minutes=int(value))  # type: ignore[call-overload]

        async def owe(now: datetime) -> None:
            db = await Database.open(world.path)
            try:
                owing = Deliverer(Bot(TOKEN, base_url=world.api.base_url), db, world.config)
                if kind == "personal":
                    await owing.run_personal_digests(now)
                else:
                    await owing.run_scheduled_digest(instant, now)
            finally:
                await db.close()

        await asyncio.gather(owe(now), owe(now - timedelta(seconds=1.5)))
    elif kind == "digest_run":
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "nashra", "-c", str(world.config_file),
            "digest", "--run", "--timeout", "60",
            env={**os.environ, "NASHRA_TELEGRAM_TOKEN": TOKEN},
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        world.runs.append(process)
        if world.bot is not None:
            # The bot's sender looks for pending rows at the worst moments: while the other process
            # owes and sends (it polls every two seconds; here every few milliseconds).
            worker = world.bot.bot_data["services"].deliverer.worker
            deadline = time.monotonic() + 30
            while process.returncode is None and time.monotonic() < deadline and not value:
                worker.wake()
                await asyncio.sleep(0.005)
        if value:  # killed once it has started sending, or when it is done
            sent = world.api.total_sent()
            deadline = time.monotonic() + 30
            while (
                world.api.total_sent() == sent and process.returncode is None and time.monotonic() < deadline
            ):
                await asyncio.sleep(0.01)
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGKILL)
                world.kills += 1
    elif kind in ("restart", "kill"):
        if world.bot is not None:
            await _stop_bot(world, kill=kind == "kill")
            world.kills += kind == "kill"
        await _start_bot(world)
    elif kind == "wait":
        await asyncio.sleep(0.2 * int(value))  # type: ignore[call-overload]


async def _finish(world: World) -> None:
    for process in world.runs:
        await asyncio.wait_for(process.wait(), 90)
    if world.bot is None:
        await _start_bot(world)
    # A story counts once the window of the last run has passed its stamp (the cutoff lags a second).
    await asyncio.sleep(max(0.0, world.last_ingest + 1.1 - time.monotonic()))
    assert world.bot is not None
    deliverer = world.bot.bot_data["services"].deliverer
    await deliverer.run_digest_cycle()
    deadline = time.monotonic() + 60
    while not await deliverer.worker.idle():
        assert time.monotonic() < deadline, "the outbox did not drain"
        await deliverer.worker.wait_progress(0.2)
    await _stop_bot(world, kill=False)


async def _run(tmp_path: Path, program: list[tuple[str, object]]) -> None:
    path = tmp_path / "nashra.db"
    for leftover in tmp_path.glob("nashra.*"):
        leftover.unlink()
    unlimited = SandboxLimits(global_per_second=None, per_chat_per_second=None, group_per_minute=None)
    async with SandboxBotAPI(limits=unlimited) as api:
        api.set_faults(delay_s=0.05)  # every answer comes 50 ms after the message is in the chat
        config = _config(api.base_url, path)
        config_file = tmp_path / "nashra.toml"
        config_file.write_text(
            f'[database]\npath = "{path}"\n[telegram]\nbase_url = "{api.base_url}"\n'
            f"[delivery]\nmax_in_flight = {MAX_IN_FLIGHT}\nglobal_per_second = 400.0\n"
            "per_chat_per_second = 100.0\nmax_items_per_digest = 500\n",
            encoding="utf-8",
        )
        db = await open_database(path)
        world = World(path, api, config_file, config, db)
        try:
            store = SubscriberStore(db)
            for chat, code in CHATS.items():
                await store.ensure(chat, "private" if chat > 0 else "group")
                await store.add_codes(chat, [code])
            # Every story from now on is owed: the last digests ended longer ago than the cutoff lags,
            # as if they had been sent and a second had passed without news.
            ended = datetime.now(UTC) - timedelta(seconds=1.1)
            async with db.transaction() as conn:
                await conn.execute("UPDATE subscribers SET last_digest_at = ?", (to_db_time(ended),))
            await _start_bot(world)
            for n, step in enumerate(program):
                await _step(world, step, n)
            await _finish(world)
        finally:
            for process in world.runs:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
            if world.bot is not None:
                await _stop_bot(world, kill=True)
            await db.close()
        _check(world)


def _check(world: World) -> None:
    extra = 0
    for chat, code in CHATS.items():
        seen = Counter(
            marker for message in world.api.sent_to(chat) for marker in STORY.findall(message.plain_text)
        )

        owed = {marker for marker, topic in world.stories.items() if code in TOPICS[topic]}
        missing = owed - set(seen)
        assert not missing, f"chat {chat} never got {sorted(missing)}"
        assert set(seen) <= owed, f"chat {chat} got stories of other regions: {sorted(set(seen) - owed)}"
        extra += sum(count - 1 for count in seen.values())
    assert extra <= world.kills * MAX_IN_FLIGHT, f"{extra} repeats after {world.kills} kills"


# The faults of the former key (chat, minute slot): two owing runs for a chat in one minute.
@example(program=[("ingest", "SY"), ("wait", 6), ("digest_request", 1), ("ingest", "SY"), ("wait", 6)])
@example(program=[("ingest", "LB"), ("wait", 6), ("digest_run", False), ("ingest", "LB"), ("wait", 6)])
@example(
    program=[("ingest", "SY"), ("wait", 6), ("scheduled", 0), ("ingest", "SY"), ("wait", 6), ("restart", 0)]
)
# Kills in the middle of fan-outs.
@example(program=[("ingest", "SY"), ("ingest", "LB"), ("wait", 6), ("digest_run", True), ("kill", 0)])
@settings(
    max_examples=4,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(program=st.lists(STEP, min_size=6, max_size=14))
def test_every_story_reaches_every_chat_exactly_once_whatever_runs(tmp_path: Path, program: list) -> None:
    if not any(kind == "ingest" for kind, _ in program):
        program = [("ingest", "SY"), *program]
    note(f"program: {program}")
    asyncio.run(_run(tmp_path, program))
