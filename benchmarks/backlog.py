"""The summarizer's backlog query: the backlog table (migration 0160) against the scan it replaced.

Seeds --sections sections (one text each, 3 per article), all summarized under the model key but
--pending of them, then times, --repeat times each (min/median/max, milliseconds):

* ``pending_sections(key, 64)`` and ``count_pending(key)``, as the worker calls them on each batch and
  each poll, read from the backlog table;
* the same two questions answered by scanning every section (the queries used before the table),
  measured in the same run as the baseline;
* filling the backlog of a key asked about for the first time (one scan, once per settings change).

    python benchmarks/backlog.py [--sections 1000000] [--pending 0] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from nashra.storage import Database
from nashra.storage.db import utcnow
from nashra.storage.summaries import SummaryStore

KEY = "extractive"
# The queries the backlog table replaced: every section, each checked against the summaries.
SCAN_PENDING = (
    "SELECT s.id, s.article_id, s.position, s.heading, s.text, s.text_hash, "
    "  (SELECT group_concat(r.code, ' ') FROM section_regions r WHERE r.section_id = s.id) AS codes "
    "FROM sections s JOIN articles a ON a.id = s.article_id "
    "WHERE s.id IN ("
    "  SELECT MIN(p.id) FROM sections p "
    "  WHERE NOT EXISTS "
    "    (SELECT 1 FROM summaries m WHERE m.text_hash = p.text_hash AND m.model_key = ?) "
    "  GROUP BY p.text_hash"
    ") "
    "ORDER BY a.published_at DESC, s.article_id DESC, s.position "
    "LIMIT ?"
)
SCAN_COUNT = (
    "SELECT COUNT(DISTINCT s.text_hash) AS n FROM sections s "
    "WHERE NOT EXISTS "
    "  (SELECT 1 FROM summaries m WHERE m.text_hash = s.text_hash AND m.model_key = ?)"
)


async def seed(db: Database, sections: int, pending: int) -> None:
    stamp = utcnow()
    articles = max(1, sections // 3)
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO articles (id, url, content_hash, title, published_at, ingested_at, updated_at) "
            "VALUES (?, ?, ?, 'عنوان', ?, ?, ?)",
            ((a, f"https://example.org/{a}", f"c{a}", stamp, stamp, stamp) for a in range(1, articles + 1)),
        )
        await conn.executemany(
            "INSERT INTO sections (id, article_id, position, text, text_hash) VALUES (?, ?, ?, 'نص', ?)",
            ((s, 1 + s % articles, s // articles, f"h{s}") for s in range(sections)),
        )
        await conn.executemany(
            "INSERT INTO summaries VALUES (?, ?, 'ملخص', 'extractive', ?)",
            ((f"h{s}", KEY, stamp) for s in range(pending, sections)),
        )


async def timed(call: Callable[[], Awaitable[object]], repeat: int) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        await call()
        times.append(1000 * (time.perf_counter() - started))
    return {
        "min": round(min(times), 2),
        "median": round(statistics.median(times), 2),
        "max": round(max(times), 2),
    }


async def main(sections: int, pending: int, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "backlog.db")
        await seed(db, sections, pending)
        store = SummaryStore(db)
        started = time.perf_counter()
        await store.count_pending(KEY)  # the first question fills the key's backlog
        fill_ms = round(1000 * (time.perf_counter() - started), 1)
        result = {
            "sections": sections,
            "pending": await store.count_pending(KEY),
            "first_fill_ms": fill_ms,
            "table_pending_ms": await timed(lambda: store.pending_sections(KEY, 64), repeat),
            "table_count_ms": await timed(lambda: store.count_pending(KEY), repeat),
            "scan_pending_ms": await timed(lambda: db.fetchall(SCAN_PENDING, (KEY, 64)), repeat),
            "scan_count_ms": await timed(lambda: db.fetchall(SCAN_COUNT, (KEY,)), repeat),
        }
        await db.close()
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sections", type=int, default=1_000_000)
    parser.add_argument("--pending", type=int, default=0, help="sections left without a summary")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.sections <= 0 or not 0 <= args.pending <= args.sections or args.repeat <= 0:
        print("error: need --sections > 0, 0 <= --pending <= --sections and --repeat > 0", file=sys.stderr)
        raise SystemExit(2)
    figures = asyncio.run(main(args.sections, args.pending, args.repeat))
    for what in ("pending", "count"):
        table, scan = figures[f"table_{what}_ms"], figures[f"scan_{what}_ms"]
        print(
            f"{what} ({figures['sections']:,} sections, {figures['pending']:,} pending): backlog table "
            f"{table['median']} ms [{table['min']}-{table['max']}], scan {scan['median']} ms "
            f"[{scan['min']}-{scan['max']}] (median [min-max] of {args.repeat})"
        )
    print(f"first fill of a key's backlog: {figures['first_fill_ms']} ms")
    print(json.dumps(figures))
