"""How soon a chat's held digest arrives after /resume; one JSON line last.

Runs the real bot as ``nashra run`` runs it (``run_bot``) against the in-process sandbox Bot API. Each
of ``--chats`` chats follows Syria, is owed a digest message and pauses, so the message is held (the
transaction of /pause); after a pause of varying length (so the resumes fall at every point of the
sender's poll of the outbox), the chat resumes one of two ways, alternately:

* ``resume``: the user sends /resume, as a user does (the bot wakes its sender for the held messages);
* ``baseline`` (same run): the chat is resumed in the database alone, as /resume did before it woke the
  sender, which then finds the held messages at its next poll (``IDLE_POLL_S``, 2 s).

For each, milliseconds from the resume until the digest is in the chat (median and max), and the ratio
of the baseline's median to /resume's.

    python benchmarks/resume_now.py [--chats 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot import Services, build_application
from bot.app import run_bot
from nashra.config import Config
from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database
from nashra.storage.outbox import NewMessage, OutboxStore
from nashra.storage.subscribers import SubscriberStore

TOKEN = "123456:benchmark-token"
UNLIMITED = SandboxLimits(global_per_second=None, per_chat_per_second=None, group_per_minute=None)
TIMEOUT_S = 30.0


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
    return config


def _digests(api: SandboxBotAPI, chat_id: int) -> int:
    return sum(m.plain_text.startswith("نشرة") for m in api.sent_to(chat_id))


async def _held_digest(api: SandboxBotAPI, db: Database, chat_id: int) -> bool:
    """The chat follows Syria and is owed a digest message, held: it paused. False in the rare case the
    sender's poll came between the owing and the pause, and sent it."""
    before = len(api.sent_to(chat_id))
    api.user_says(chat_id, "/subscribe سوريا")
    await api.wait_for(chat_id, 1, after=before, timeout=TIMEOUT_S)
    await OutboxStore(db).add([NewMessage(chat_id, "digest", f"bench/{chat_id}", 0, f"نشرة {chat_id}")])
    await SubscriberStore(db).set_paused(chat_id, True)
    await asyncio.sleep(0.05)
    return _digests(api, chat_id) == 0


async def measure(chats: int, folder: Path) -> dict[str, object]:
    path = folder / "bench.db"
    spent: dict[str, list[float]] = {"resume": [], "baseline": []}
    async with SandboxBotAPI(token=TOKEN, limits=UNLIMITED) as api:
        config = _config(api.base_url, path)
        db = await Database.open(path)
        application = build_application(config, Services.create(config, db), token=TOKEN)
        stop = asyncio.Event()
        running = asyncio.create_task(run_bot(application, stop))  # as `nashra run` starts and stops it
        try:
            for n in range(chats):
                chat_id = 3001 + n
                if not await _held_digest(api, db, chat_id):
                    continue
                await asyncio.sleep(0.3 + 0.45 * (n // 2 % 4))
                way = "resume" if n % 2 else "baseline"
                started = time.monotonic()
                if way == "resume":
                    api.user_says(chat_id, "/resume")
                else:
                    await SubscriberStore(db).set_paused(chat_id, False)
                while not _digests(api, chat_id):
                    if time.monotonic() - started > TIMEOUT_S:
                        raise TimeoutError(f"no digest in chat {chat_id}")
                    await asyncio.sleep(0.002)
                spent[way].append((time.monotonic() - started) * 1000)
        finally:
            stop.set()
            await running
            await db.close()
    figures = {
        way: {"median_ms": round(statistics.median(ms), 1), "max_ms": round(max(ms), 1), "chats": len(ms)}
        for way, ms in spent.items()
    }
    ratio = round(statistics.median(spent["baseline"]) / statistics.median(spent["resume"]), 1)
    return {**figures, "ratio_baseline_over_resume": ratio}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=20, help="chats that pause and resume (half each way)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nashra-resume-now-") as folder:
        result = asyncio.run(measure(args.chats, Path(folder)))
    for way in ("resume", "baseline"):
        print(way, result[way])
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
