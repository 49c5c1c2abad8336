"""What one chat's operations cost once the outbox holds a large audience's digests; one JSON line last.

The outbox has no index of its own on a chat's pending rows (migration 0190 dropped it): a chat's rows
are found through the outbox key, whose first column is the chat id, so every per-chat operation
reads that chat's rows only, settled ones included. This checks that the cost does not grow with the
audience: the same operations are timed on a small audience (the baseline, same run) and on a large
one, each after one digest cycle owed every subscriber (``benchmarks/delivery.py``'s seed, with a
share of the rows then marked sent, as a sender working through the cycle leaves them).

Operations, each on ``--chats`` chats drawn at random: ``forget`` (/stop and forget me: subscriptions,
pending rows, the subscriber), ``set_blocked`` (a 403), ``migrate_chat`` (a group that became a
supergroup: its pending rows move), ``pause`` and then ``resume`` of the same chats (/pause holds the
chat's pending rows, /resume owes them again under new ids), ``last_sent``, ``digest_sent_to`` and
``digest_pending_to`` (what /digest asks); and once, ``prune_settled`` as the daily job calls it with
nothing old enough to go (what remains is its fragment step, under the write lock, with half the cycle
still pending). Wall
milliseconds per call, median [min-max], and the ratio of the large audience's median to the small one's.

    python benchmarks/chat_operations.py [--subscribers 1000000] [--baseline 10000] [--chats 50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from delivery import seed_composition

from nashra.config import Config
from nashra.delivery import slot_id
from nashra.digest.fanout import owe_digests
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.digests import Audience
from nashra.storage.outbox import OutboxStore
from nashra.storage.subscribers import SubscriberStore

SENT_SHARE = 0.5
"""Share of the cycle's rows marked sent before timing (the first ones, as the sender goes in id order)."""


async def _audience(path: Path, subscribers: int) -> Database:
    """A database whose outbox holds one cycle's digests for ``subscribers`` chats, half of them sent."""
    db = await Database.open(path)
    await seed_composition(db, subscribers, codes=200, sections=2000)
    now = datetime.now(UTC)
    await owe_digests(db, Config(), {slot_id(now): Audience(to_db_time(now))}, now)
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE outbox SET state = 'sent' WHERE id <= (SELECT MAX(id) * ? FROM outbox)", (SENT_SHARE,)
        )
    return db


async def _time(calls: list[Callable[[], Awaitable[object]]]) -> dict[str, float]:
    spent = []
    for call in calls:
        started = time.perf_counter()
        await call()
        spent.append((time.perf_counter() - started) * 1000)
    return {
        "median": round(statistics.median(spent), 3),
        "min": round(min(spent), 3),
        "max": round(max(spent), 3),
    }


async def measure(subscribers: int, chats: int, folder: Path) -> dict[str, dict[str, float]]:
    """Each operation's wall ms per call on an audience of ``subscribers``."""
    db = await _audience(folder / f"audience-{subscribers}.db", subscribers)
    try:
        outbox, store = OutboxStore(db), SubscriberStore(db)
        rng = random.Random(11)
        # Distinct chats per operation, so no call finds what an earlier one changed.
        drawn = iter(rng.sample(range(1, subscribers + 1), 7 * chats))
        picks = {name: [next(drawn) for _ in range(chats)] for name in (
            "forget", "set_blocked", "migrate_chat", "pause", "last_sent", "digest_sent_to",
            "digest_pending_to",
        )}  # fmt: skip
        keep = timedelta(days=Config().delivery.keep_days)
        max_age = timedelta(days=Config().delivery.max_age_days)
        return {
            "prune_settled": await _time([lambda: outbox.prune_settled(datetime.now(UTC) - keep)]),
            "forget": await _time([lambda c=c: store.forget(c) for c in picks["forget"]]),
            "set_blocked": await _time(
                [lambda c=c: store.set_blocked(c, True) for c in picks["set_blocked"]]
            ),
            "migrate_chat": await _time(
                [lambda c=c: store.migrate_chat(c, -1_000_000_000_000 - c) for c in picks["migrate_chat"]]
            ),
            "pause": await _time([lambda c=c: store.set_paused(c, True) for c in picks["pause"]]),
            "resume": await _time(
                [lambda c=c: store.set_paused(c, False, max_age=max_age) for c in picks["pause"]]
            ),
            "last_sent": await _time([lambda c=c: outbox.last_sent(c, "digest") for c in picks["last_sent"]]),
            "digest_sent_to": await _time(
                [lambda c=c: outbox.digest_sent_to(c) for c in picks["digest_sent_to"]]
            ),
            "digest_pending_to": await _time(
                [lambda c=c: outbox.digest_pending_to(c) for c in picks["digest_pending_to"]]
            ),
        }
    finally:
        await db.close()


async def main(args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        small = await measure(args.baseline, args.chats, Path(folder))
        large = await measure(args.subscribers, args.chats, Path(folder))
    ratios = {name: round(large[name]["median"] / small[name]["median"], 2) for name in small}
    for name in small:
        print(
            f"{name:18} {args.baseline:>9,} chats: {small[name]['median']:8.3f} ms "
            f"[{small[name]['min']:.3f}-{small[name]['max']:.3f}]   {args.subscribers:>9,} chats: "
            f"{large[name]['median']:8.3f} ms [{large[name]['min']:.3f}-{large[name]['max']:.3f}]   "
            f"ratio {ratios[name]:.2f}",
            flush=True,
        )
    return {"baseline": args.baseline, "subscribers": args.subscribers, "chats": args.chats,
            "small_ms": small, "large_ms": large, "ratio": ratios}  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--subscribers", type=int, default=1_000_000, help="the large audience")
    parser.add_argument("--baseline", type=int, default=10_000, help="the small audience (baseline)")
    parser.add_argument("--chats", type=int, default=50, help="calls per operation")
    print(json.dumps(asyncio.run(main(parser.parse_args()))))
