"""Does /digest asked at once after an ingest carry the story just stored? One JSON line last.

For each trial, in a fresh database: a chat follows Daraa, one Daraa story is stored (as ``nashra
ingest`` stores it), and the chat's /digest is owed at once (``Deliverer.digest_now``, as the bot owes
it; nothing is sent). Counts the digests that carried the story. No timing is measured; the delay
between the two steps is whatever this machine takes (milliseconds), which is the case of a
subscriber who asks as soon as the news arrives.

    python benchmarks/digest_after_ingest.py [--trials 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from telegram import Bot

from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.model import Article, Section
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore
from nashra.storage.subscribers import SubscriberStore

TOKEN = "123456:benchmark-token"


async def trial(folder: Path, n: int) -> bool:
    async with await Database.open(folder / f"t{n}.db") as db:
        await SubscriberStore(db).ensure(1, "private")
        await SubscriberStore(db).add_codes(1, ["SY-DR"])
        story = Article(
            title=f"قصف على بلدة طفس في ريف درعا {n}",
            sections=[
                Section(None, "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس في ريف درعا الغربي.", ["SY-DR"])
            ],
            source="عنب بلدي",
            url=f"https://e.example/n/{n}",
            published_at=datetime.now(UTC),
        )
        await ArticleStore(db).save(story)
        await Deliverer(Bot(TOKEN), db, Config()).digest_now(1)
        rows = await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 100)
        return any("طفس" in row.text for row in rows)


async def main(trials: int) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        carried = [await trial(Path(folder), n) for n in range(trials)]
    return {"trials": trials, "carried": sum(carried)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    result = asyncio.run(main(parser.parse_args().trials))
    print(f"/digest at once after an ingest carried the story in {result['carried']} of {result['trials']}")
    print(json.dumps(result))
