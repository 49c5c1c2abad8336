"""Owing a digest cycle in chunks: stored fragments rebuild the exact digest, every chunk is committed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from digest_seed import SectionSeed, add_article, add_subscribers

from nashra.config import Config
from nashra.digest import preview
from nashra.digest.fanout import owe_digests
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.digests import due_subscribers
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore

NOW = datetime.now(UTC)


async def _seed(db: Database) -> None:
    for n, (codes, summary) in enumerate(
        [
            (["SY", "SY-DR"], "اشتباكات عنيفة في ريف درعا الغربي"),
            (["LB"], "أعلنت بلدية بيروت خطة جديدة للسير & <النقل>"),
            (["SY"], "ارتفاع أسعار الخبز في دمشق"),
        ]
    ):
        await add_article(
            db, title=f"t{n}", source=f"مصدر {n}", url=f"https://x.example/{n}?a=1&b=2",
            published_at=to_db_time(NOW - timedelta(minutes=30 - n)),
            ingested_at=to_db_time(NOW - timedelta(minutes=20 - n)),
            sections=[SectionSeed(f"s{n}", codes, summary=summary)],
        )  # fmt: skip


async def test_owed_rows_read_back_as_the_composed_digest(db: Database) -> None:
    await _seed(db)
    await add_subscribers(db, [(1, ["SY-DR", "LB"]), (2, ["SY-DR", "LB"]), (3, ["SY"])])
    config = Config()
    due = await due_subscribers(db, to_db_time(NOW), everyone=True)
    await owe_digests(db, config, {"digest:test": due}, NOW)
    rows = await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 100)
    texts = {row.chat_id: row.text for row in rows}
    assert texts[1] == texts[2] == (await preview(db, config, ["SY-DR", "LB"], now=NOW))[0]
    assert texts[3] == (await preview(db, config, ["SY"], now=NOW))[0]
    stored = await db.fetchone("SELECT COUNT(*) AS n, SUM(length(text)) AS chars FROM outbox")
    assert (stored["n"], stored["chars"]) == (3, 0), "digest text is stored once, as fragments"


async def test_every_chunk_is_owed_and_marked(db: Database) -> None:
    await _seed(db)
    await add_subscribers(db, [(i, ["SY"] if i % 2 else ["LB"]) for i in range(1, 8)])
    due = await due_subscribers(db, to_db_time(NOW), everyone=True)
    commits: list[int] = []
    (totals,) = await owe_digests(
        db, Config(), {"digest:test": due}, NOW, chunk_size=2, on_commit=lambda: commits.append(1)
    )
    assert (totals.subscribers, totals.messages, len(commits)) == (7, 7, 4)
    assert await due_subscribers(db, to_db_time(NOW - timedelta(seconds=5)), everyone=True) == []
    run = await db.fetchone("SELECT subscribers, messages FROM digest_runs WHERE slot = 'digest:test'")
    assert (run["subscribers"], run["messages"]) == (7, 7)
