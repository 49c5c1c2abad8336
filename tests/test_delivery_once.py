"""Every story owed once: a window moves only past what was owed with it, whatever runs, and when.

Each test runs two digest runs whose second one, under the former key (chat, minute slot), found its
message already owed and owed nothing while the window moved on, losing the story in between.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import aiosqlite
import pytest
import time_machine
from digest_seed import SectionSeed, add_article, add_subscribers
from telegram import Bot

from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.storage import Database
from nashra.storage.db import to_db_instant, to_db_time, utcnow
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore
from tests.owed_rows import write_owed

TOKEN = "123456:once-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
# A minute boundary well in the past: runs are given their "now", so nothing here waits for the clock.
M = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=30)


def _deliverer(db: Database, config: Config | None = None) -> Deliverer:
    """The real deliverer; its sender is never started, so what it owes stays in the outbox to read."""
    return Deliverer(Bot(TOKEN), db, config or Config())


async def _story(db: Database, n: int, ingested: datetime, codes: tuple[str, ...] = ("SY", "SY-DR")) -> None:
    # Words unique to the story, so no two stories are taken for one told twice.
    words = " ".join(hashlib.sha1(f"{n}-{k}".encode()).hexdigest()[:6] for k in range(6))
    await add_article(
        db, title=f"قصة {n}", source="عنب بلدي", url=f"https://a.example/{n}",
        published_at=to_db_time(ingested - timedelta(minutes=5)), ingested_at=to_db_instant(ingested),
        sections=[SectionSeed(f"نص {n}", list(codes), summary=f"STORY{n:03d} خبر عن درعا {words}")],
    )  # fmt: skip


async def _owed_stories(db: Database, chat_id: int) -> list[str]:
    """Story markers in every digest owed to the chat, in order, repeats included."""
    await write_owed(db)
    rows = await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 1000)
    found = []
    for row in rows:
        if row.chat_id == chat_id:
            found += re.findall(r"STORY\d{3}", row.text)
    return found


async def test_digest_requested_twice_in_a_minute_owes_the_story_ingested_between(db: Database) -> None:
    await _story(db, 1, M - timedelta(minutes=10))
    await add_subscribers(db, [(1, ["SY"])], last_digest_at=to_db_time(M - timedelta(hours=1)))
    deliverer = _deliverer(db)
    await deliverer.digest_now(1, now=M + timedelta(seconds=10))
    await _story(db, 2, M + timedelta(seconds=20))
    await deliverer.digest_now(1, now=M + timedelta(seconds=40))
    assert await _owed_stories(db, 1) == ["STORY001", "STORY002"]


async def test_digest_run_twice_in_a_minute_owes_the_story_ingested_between(db: Database) -> None:
    await _story(db, 1, M - timedelta(minutes=10))
    await add_subscribers(
        db, [(1, ["SY"]), (2, ["SY-DR"])], last_digest_at=to_db_time(M - timedelta(hours=1))
    )
    deliverer = _deliverer(db)
    await deliverer.run_digest_cycle(now=M + timedelta(seconds=5))
    await _story(db, 2, M + timedelta(seconds=20))
    await deliverer.run_digest_cycle(now=M + timedelta(seconds=50))
    for chat in (1, 2):
        assert await _owed_stories(db, chat) == ["STORY001", "STORY002"]


async def test_a_story_is_owed_from_the_moment_it_was_stored_and_not_before(db: Database) -> None:
    stored = M + timedelta(seconds=20, microseconds=700_000)
    await _story(db, 1, stored)
    await add_subscribers(db, [(1, ["SY"])], last_digest_at=to_db_time(M - timedelta(hours=1)))
    deliverer = _deliverer(db)
    await deliverer.digest_now(1, now=stored - timedelta(microseconds=1))
    assert await _owed_stories(db, 1) == []
    await deliverer.digest_now(1, now=stored)
    assert await _owed_stories(db, 1) == ["STORY001"]


async def test_personal_slot_run_again_a_minute_later_loses_nothing(db: Database) -> None:
    await _story(db, 1, M - timedelta(minutes=10))
    await add_subscribers(
        db, [(1, ["SY"])], digest_time=M.strftime("%H:%M"), timezone="UTC",
        last_digest_at=to_db_time(M - timedelta(days=1)),
    )  # fmt: skip
    deliverer = _deliverer(db)
    await deliverer.run_personal_digests(M + timedelta(seconds=1))  # the job fired a second late
    await _story(db, 2, M + timedelta(seconds=30))
    await deliverer.run_personal_digests(M + timedelta(seconds=61))  # and again a minute later
    await deliverer.digest_now(1, now=M + timedelta(minutes=5))
    assert await _owed_stories(db, 1) == ["STORY001", "STORY002"]


async def test_catch_up_rerun_after_a_restart_loses_nothing(db: Database) -> None:
    config = Config()
    config.schedule.timezone = "UTC"
    config.schedule.digest_times = [M.strftime("%H:%M")]
    await _story(db, 1, M - timedelta(minutes=10))
    await add_subscribers(db, [(1, ["SY"])], last_digest_at=to_db_time(M - timedelta(days=1)))
    await _deliverer(db, config).run_catch_up(M + timedelta(seconds=1))
    await _story(db, 2, M + timedelta(seconds=10))
    # Restarted inside the misfire grace: the start-up catch-up runs the same slot again.
    await _deliverer(db, config).run_catch_up(M + timedelta(seconds=30))
    await _deliverer(db, config).digest_now(1, now=M + timedelta(minutes=5))
    assert await _owed_stories(db, 1) == ["STORY001", "STORY002"]


async def test_personal_time_in_a_daylight_saving_gap_runs_at_the_first_minute_after_it(db: Database) -> None:
    # Africa/Cairo springs forward at 00:00 on 2025-04-25 (clocks show 01:00): 00:30 does not exist.
    cairo = ZoneInfo("Africa/Cairo")
    gap_end = datetime(2025, 4, 25, 1, 0, tzinfo=cairo)
    await _story(db, 1, gap_end - timedelta(hours=2))
    await add_subscribers(
        db, [(1, ["SY"])], digest_time="00:30", timezone="Africa/Cairo",
        last_digest_at=to_db_time(gap_end - timedelta(days=1)),
    )  # fmt: skip
    report = await _deliverer(db).run_personal_digests(gap_end + timedelta(minutes=1))
    assert report.slots == ("digest:2025-04-24T22:00Z",) and report.messages == 1
    assert await _owed_stories(db, 1) == ["STORY001"]


async def test_a_story_committed_after_a_slow_write_is_owed_not_skipped(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ingest stamped its article, then held its transaction open while a digest cycle ran.

    The cycle runs on a clock moved 2.5 s past the stamp (time-machine), so its window ends after the
    stamp as it would on a slow disk or a busy machine, and the write commits only once the cycle asked
    for the database's write lock (its first write transaction), while the cycle is still running."""
    await add_subscribers(
        db, [(1, ["SY"])], last_digest_at=to_db_time(datetime.now(UTC) - timedelta(hours=1))
    )
    other = await Database.open(db.path)  # another process writing to the same file
    stamped, cycle_writes = asyncio.Event(), asyncio.Event()
    transaction = db.transaction

    def cycle_transaction() -> AbstractAsyncContextManager[aiosqlite.Connection]:
        cycle_writes.set()
        return transaction()

    async def slow_ingest() -> None:
        async with other.transaction() as conn:
            now = utcnow()
            await conn.execute("INSERT INTO sources (name, created_at) VALUES ('مصدر', ?)", (now,))
            await conn.execute(
                "INSERT INTO articles (id, source_id, url, content_hash, title, published_at, ingested_at, "
                "updated_at) VALUES (7, 1, 'https://a.example/7', 'h7', 'قصة', ?, ?, ?)",
                (now, now, now),
            )
            await conn.execute("INSERT INTO sections (id, article_id, position, text, text_hash) "
                               "VALUES (7, 7, 0, 'نص', 't7')")  # fmt: skip
            await conn.execute("INSERT INTO section_regions VALUES (7, 'SY')")
            await conn.execute(
                "INSERT INTO summaries VALUES ('t7', 'extractive', 'STORY007 خبر عن درعا', 'extractive', ?)",
                (now,),
            )
            stamped.set()
            await cycle_writes.wait()  # a slow disk, a busy machine: still before the commit

    try:
        with time_machine.travel(datetime.now(UTC), tick=True) as clock:
            writer = asyncio.create_task(slow_ingest())
            await stamped.wait()
            # The cycle starts well after the stamp, while it is not committed.
            clock.shift(timedelta(seconds=2.5))
            deliverer = _deliverer(db)
            monkeypatch.setattr(db, "transaction", cycle_transaction)
            await deliverer.run_digest_cycle()
            monkeypatch.undo()
            await writer
            clock.shift(timedelta(seconds=2.1))  # and again once the commit is settled
            await deliverer.run_digest_cycle()
    finally:
        await other.close()
    assert await _owed_stories(db, 1) == ["STORY007"]
