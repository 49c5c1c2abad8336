"""How soon /digest is answered while the summarizer works through a large backlog; one JSON line last.

Ingests the articles given (a SaudiNewsNet day, say: thousands of sections, none summarized), then runs
the real bot as ``nashra run`` runs it (``run_bot``: its scheduler and summary worker included) against
the in-process sandbox Bot API, and plays two chats that follow ``--region``:

* ``backlog``: one subscribes and asks /digest at once, while every section still waits for its summary
  and the summary worker is working through them;
* ``baseline`` (same run): once the worker has stored every summary, the other subscribes and asks /digest.

For each, in seconds: until the first answer to /digest (an acknowledgement or the digest), until the
digest itself, and until another chat's /help asked at the same moment is answered; and in
milliseconds, the longest the event loop went without running a 10 ms ticker while /digest was handled.
The ratios are backlog over baseline.

    python benchmarks/digest_now.py ../shared/real/saudinewsnet/2015-07-27.zip [more] [--region السعودية]

A crawled day is replayed as today's news: its records' crawl times (``date_extracted``), which
ingestion takes as their publication time, are dropped first, so that ``[delivery] max_age_days``
keeps none of them out of the digest.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot import Services, build_application
from bot.app import run_bot
from nashra.articles.ingest import ingest
from nashra.articles.inputs import plan
from nashra.config import Config
from nashra.sandbox import SandboxBotAPI, SandboxLimits, SentMessage
from nashra.storage import Database
from nashra.storage.summaries import SummaryStore

TOKEN = "123456:benchmark-token"
UNLIMITED = SandboxLimits(global_per_second=None, per_chat_per_second=None, group_per_minute=None)
TIMEOUT_S = 120.0


class LoopWatch:
    """The longest gap between two runs of a ticker that asks to run every ``period`` seconds."""

    def __init__(self, period: float = 0.01) -> None:
        self.period = period
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(self.period)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - self.period)
            last = now

    def __enter__(self) -> LoopWatch:
        self._task = asyncio.create_task(self._tick())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


def _config(base_url: str, path: Path) -> Config:
    config = Config()
    config.database.path = str(path)
    config.telegram.base_url = base_url
    config.delivery.global_per_second = 10_000
    config.delivery.per_chat_per_second = 10_000
    config.delivery.group_per_minute = 100_000
    config.schedule.timezone = "UTC"
    # Half a day away: no scheduled digest during the run.
    config.schedule.digest_times = [(datetime.now(UTC) + timedelta(hours=12)).strftime("%H:%M")]
    config.schedule.summarize_every_seconds = 1
    return config


async def _first_after(api: SandboxBotAPI, chat_id: int, before: int, started: float) -> float:
    await api.wait_for(chat_id, 1, after=before, timeout=TIMEOUT_S)
    return time.perf_counter() - started


async def _digest_arrived(api: SandboxBotAPI, chat_id: int, before: int, started: float) -> float:
    def digest(message: SentMessage) -> bool:
        return "📰" in message.plain_text and "نشرة" in message.plain_text

    while not any(digest(m) for m in api.sent_to(chat_id)[before:]):
        if time.perf_counter() - started > TIMEOUT_S:
            raise TimeoutError(
                f"no digest in chat {chat_id}: {[m.plain_text[:60] for m in api.sent_to(chat_id)]}"
            )
        await asyncio.sleep(0.01)
    return time.perf_counter() - started


async def _ask(api: SandboxBotAPI, chat_id: int, other: int, region: str) -> dict[str, float]:
    before = len(api.sent_to(chat_id))
    api.user_says(chat_id, f"/subscribe {region}")
    await api.wait_for(chat_id, 1, after=before, timeout=TIMEOUT_S)
    before, helped = len(api.sent_to(chat_id)), len(api.sent_to(other))
    with LoopWatch() as watch:
        started = time.perf_counter()
        api.user_says(chat_id, "/digest")
        api.user_says(other, "/help")
        first, digest, help_answer = await asyncio.gather(
            _first_after(api, chat_id, before, started),
            _digest_arrived(api, chat_id, before, started),
            _first_after(api, other, helped, started),
        )
    return {
        "first_answer_s": round(first, 2),
        "digest_s": round(digest, 2),
        "help_s": round(help_answer, 2),
        "loop_stall_ms": round(watch.longest * 1000, 1),
    }


def _as_today(articles: list[Path], folder: Path) -> list[Path]:
    """The articles to ingest: a SaudiNewsNet day (a zip holding one JSON list) as a JSON file of its
    records without their crawl times; anything else as given."""
    replayed = []
    for n, path in enumerate(articles):
        if path.suffix != ".zip":
            replayed.append(path)
            continue
        with zipfile.ZipFile(path) as archive:
            records = [record for name in archive.namelist() for record in json.loads(archive.read(name))]
        for record in records:
            record.pop("date_extracted", None)
        today = folder / f"today-{n}-{path.stem}.json"
        today.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        replayed.append(today)
    return replayed


async def measure(articles: list[Path], region: str, folder: Path) -> dict[str, object]:
    path = folder / "bench.db"
    articles = _as_today(articles, folder)
    async with SandboxBotAPI(token=TOKEN, limits=UNLIMITED) as api:
        config = _config(api.base_url, path)
        db = await Database.open(path)
        report = await ingest(db, plan(str(path) for path in articles), config.ingest)  # as `nashra ingest`
        store = SummaryStore(db)
        services = Services.create(config, db)
        key = services.summary_worker.summarizer.model_key
        pending = await store.count_pending(key)
        application = build_application(config, services, token=TOKEN)
        stop = asyncio.Event()
        running = asyncio.create_task(run_bot(application, stop))  # as `nashra run` starts and stops it
        try:
            backlog = await _ask(api, 1001, 2001, region)
            while await store.count_pending(key):
                await asyncio.sleep(0.5)
            baseline = await _ask(api, 1002, 2002, region)
        finally:
            stop.set()
            await running
            await db.close()
    ratios = {name: round(backlog[name] / max(baseline[name], 1e-3), 1) for name in backlog}
    return {
        "articles": report.ingested,
        "pending_summaries": pending,
        "region": region,
        "backlog": backlog,
        "baseline": baseline,
        "ratio": ratios,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="+", help="article files or folders to ingest")
    parser.add_argument("--region", default="السعودية", help="the region both chats follow")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nashra-digest-now-") as folder:
        result = asyncio.run(measure([Path(a) for a in args.articles], args.region, Path(folder)))
    for scenario in ("backlog", "baseline"):
        print(scenario, result[scenario])
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
