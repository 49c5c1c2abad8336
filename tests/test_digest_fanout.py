"""Owing a digest cycle in chunks: stored fragments rebuild the exact digest, every chunk is committed."""

from __future__ import annotations

import asyncio
import gc
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from digest_seed import SectionSeed, add_article, add_subscribers

from nashra.config import Config
from nashra.digest import fanout, preview
from nashra.digest.fanout import owe_digests
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.digests import Audience, due_subscribers
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


async def _threshold_during_cycles(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The first-generation GC threshold seen while each due chat's cycle builds its book, the cycles
    running at once (one per chat)."""
    seen: list[int] = []
    build = fanout.build_book

    async def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold()[0])
        await asyncio.sleep(0)  # let the other cycles start meanwhile
        return await build(*args, **kwargs)

    monkeypatch.setattr(fanout, "build_book", recording)
    await asyncio.gather(
        *(
            owe_digests(db, Config(), {f"digest:{n}": [row]}, NOW)
            for n, row in enumerate(await due_subscribers(db, to_db_time(NOW), everyone=True))
        )
    )
    return seen


async def test_a_cycle_collects_garbage_less_often_and_gives_the_thresholds_back(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed(db)
    await add_subscribers(db, [(1, ["SY"])])
    before = gc.get_threshold()
    assert await _threshold_during_cycles(db, monkeypatch) == [max(before[0], fanout.COLLECT_EVERY)]
    assert gc.get_threshold() == before


async def test_overlapping_cycles_give_the_thresholds_back_when_the_last_one_ends(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["LB"]), (3, ["SY-DR"])])
    before = gc.get_threshold()
    seen = await _threshold_during_cycles(db, monkeypatch)
    assert seen == [max(before[0], fanout.COLLECT_EVERY)] * 3
    assert gc.get_threshold() == before


async def test_a_failed_cycle_gives_the_thresholds_back(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed(db)
    await add_subscribers(db, [(1, ["SY"])])
    before = gc.get_threshold()

    async def failing(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(fanout, "build_book", failing)
    with pytest.raises(RuntimeError, match="disk gone"):
        await owe_digests(db, Config(), {"digest:test": Audience(to_db_time(NOW), everyone=True)}, NOW)
    assert gc.get_threshold() == before


async def test_a_cancelled_cycle_gives_the_thresholds_back(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed(db)
    await add_subscribers(db, [(1, ["SY"])])
    before = gc.get_threshold()
    started = asyncio.Event()

    async def stuck(*args: Any, **kwargs: Any) -> Any:
        started.set()
        await asyncio.Event().wait()

    monkeypatch.setattr(fanout, "build_book", stuck)
    cycle = asyncio.create_task(
        owe_digests(db, Config(), {"digest:test": Audience(to_db_time(NOW), everyone=True)}, NOW)
    )
    await started.wait()
    assert gc.get_threshold()[0] == max(before[0], fanout.COLLECT_EVERY)
    cycle.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cycle
    assert gc.get_threshold() == before


async def test_thresholds_the_process_set_during_a_cycle_stay_after_it(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed(db)
    await add_subscribers(db, [(1, ["SY"])])
    before = gc.get_threshold()
    build = fanout.build_book
    chosen = (5000, 20, 20)  # what another part of the process decides while the cycle runs

    async def setting(*args: Any, **kwargs: Any) -> Any:
        gc.set_threshold(*chosen)
        return await build(*args, **kwargs)

    monkeypatch.setattr(fanout, "build_book", setting)
    try:
        await owe_digests(db, Config(), {"digest:test": Audience(to_db_time(NOW), everyone=True)}, NOW)
        assert gc.get_threshold() == chosen
    finally:
        gc.set_threshold(*before)


async def test_a_cycle_leaves_automatic_collection_off_where_the_process_turned_it_off(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first-generation threshold of 0 disables automatic collection (Python's gc.set_threshold);
    # raising it to COLLECT_EVERY would turn collection on during the cycle.
    await _seed(db)
    await add_subscribers(db, [(1, ["SY"])])
    before = gc.get_threshold()
    gc.set_threshold(0, *before[1:])
    try:
        assert await _threshold_during_cycles(db, monkeypatch) == [0]
        assert gc.get_threshold() == (0, *before[1:])
    finally:
        gc.set_threshold(*before)
