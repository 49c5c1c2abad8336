"""A digest cycle reads its audience a chunk at a time; no chunk may cost a read of the whole audience.

Each chunk is a keyset page (chat ids after the previous chunk's last, in chat id order). If SQLite
answers one by reading every due subscriber through an index and sorting them, every chunk costs the
whole audience: 160 ms a read at a million subscribers, and the cycle took 79.5 s of CPU instead of
about 20. These tests run real cycles, record every statement that reads ``subscribers s`` (editions'
chunks included) and ask SQLite for its plan.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from digest_seed import SectionSeed, add_article, add_subscribers

from nashra.config import Config
from nashra.digest.fanout import owe_digests
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.digests import Audience
from tests.database_template import open_database

NOW = datetime.now(UTC)
BEFORE = to_db_time(NOW)


async def _seed(db: Database) -> None:
    await add_article(
        db, title="خبر", source="مصدر", url="https://news.example/1",
        published_at=to_db_time(NOW - timedelta(minutes=20)),
        ingested_at=to_db_time(NOW - timedelta(minutes=15)),
        sections=[SectionSeed("نص", ["SY", "SY-DR"], summary="اشتباكات عنيفة في ريف درعا الغربي")],
    )  # fmt: skip
    await add_subscribers(db, [(chat, ["SY"] if chat % 2 else ["SY-DR", "LB"]) for chat in range(1, 31)])
    await add_subscribers(
        db, [(chat, ["SY"]) for chat in range(31, 41)], digest_time="08:00", timezone="Asia/Riyadh"
    )
    # The same instant in winter: 07:00 in Cairo is 08:00 in Riyadh.
    await add_subscribers(
        db, [(chat, ["EG"]) for chat in range(41, 46)], digest_time="07:00", timezone="Africa/Cairo"
    )


# The statements that read the audience, and the commits that owe a chunk its editions.
_READS = r"\bFROM subscribers s\b"
_READS_AND_OWING = rf"{_READS}|^UPDATE subscribers AS s\b"


async def _plans_of_audience_reads(
    tmp_path: Path, audience: Audience, pattern: str = _READS, *, owed_before: Audience | None = None
) -> list[tuple[str, str]]:
    """(statement, plan) of every statement of one cycle over ``audience`` that reads ``subscribers s``
    (those ``pattern`` finds); ``owed_before``: an audience owed its digests by an earlier cycle, not
    traced, whose chats the sender has not reached yet."""
    path = tmp_path / "nashra.db"
    db = await open_database(path)
    await _seed(db)
    if owed_before is not None:
        await owe_digests(db, Config(), {"digest:earlier": owed_before}, NOW, chunk_size=4)
    statements: list[str] = []
    await db._conn.set_trace_callback(statements.append)
    await owe_digests(db, Config(), {"digest:test": audience}, NOW, chunk_size=4)
    await db._conn.set_trace_callback(None)
    await db.close()
    reads = {s for s in statements if re.search(pattern, s)}
    assert reads, "the cycle read no audience"
    plans = []
    with sqlite3.connect(path) as conn:
        # The cycle's temporary tables (editions, a chunk's subscribers), for the plans that read them.
        for statement in statements:
            if statement.startswith("CREATE TABLE temp."):
                conn.execute(statement)
        for statement in sorted(reads):
            # A write's plan is its own (its subquery alone may not stand as a statement).
            query = (
                statement
                if statement.startswith(("INSERT", "UPDATE"))
                else statement[statement.index("SELECT") :]
            )
            rows = conn.execute(f"EXPLAIN QUERY PLAN {query}").fetchall()
            plans.append((statement, " | ".join(row[3] for row in rows)))
    return plans


async def test_no_chunk_of_the_scheduled_audience_sorts_the_audience(tmp_path: Path) -> None:
    plans = await _plans_of_audience_reads(tmp_path, Audience(BEFORE))
    assert [(s, p) for s, p in plans if "TEMP B-TREE FOR ORDER BY" in p] == []


async def test_no_chunk_of_a_personal_time_audience_sorts_the_audience(tmp_path: Path) -> None:
    plans = await _plans_of_audience_reads(tmp_path, Audience(BEFORE, personal=(("08:00", "Asia/Riyadh"),)))
    assert [(s, p) for s, p in plans if "TEMP B-TREE FOR ORDER BY" in p] == []


async def test_no_chunk_of_an_audience_of_everyone_sorts_the_audience(tmp_path: Path) -> None:
    plans = await _plans_of_audience_reads(tmp_path, Audience(BEFORE, everyone=True))
    assert [(s, p) for s, p in plans if "TEMP B-TREE FOR ORDER BY" in p] == []


async def test_a_chunk_of_the_scheduled_audience_is_one_range_of_an_index(tmp_path: Path) -> None:
    plans = await _plans_of_audience_reads(tmp_path, Audience(BEFORE))
    pages = [p for s, p in plans if "chat_id >" in s and "ORDER BY s.chat_id" in s]
    assert pages
    assert all("chat_id>?" in p and "SCAN s" not in p for p in pages)


async def test_a_personal_audience_of_several_times_reads_only_their_subscribers(tmp_path: Path) -> None:
    # Personal times of several zones falling on one instant are one audience. Each of its reads must
    # find its subscribers through the index of personal times, not by reading every subscriber (the
    # scheduled audience too) in chat id order.
    audience = Audience(BEFORE, personal=(("08:00", "Asia/Riyadh"), ("07:00", "Africa/Cairo")))
    # The scheduled audience's chats (1 to 30) are still owed by reference: the personal chunks' ranges
    # of chat ids span them, as they span a million after a scheduled cycle.
    plans = await _plans_of_audience_reads(tmp_path, audience, owed_before=Audience(BEFORE))
    # Those of a chunk still owed an edition are written out when found among its due subscribers, by
    # the same index, not among every chat owed by reference in its range; whether any chat of the
    # range is owed, and what a chunk owed, are asked of the index of those owed.
    writes = [(s, p) for s, p in plans if s.startswith(("INSERT", "UPDATE"))]
    assert writes and all("subscribers_due" in p for _, p in writes)
    owed = [
        (s, p) for s, p in plans if s.startswith(("SELECT COUNT(*)", "SELECT EXISTS")) and "owed_edition" in s
    ]
    assert owed and all("subscribers_owed" in p for _, p in owed)
    assert [(s, p) for s, p in plans if "subscribers_due" not in p and (s, p) not in owed] == []


async def test_each_subscribers_edition_is_one_search_of_its_profile_and_window(tmp_path: Path) -> None:
    # Editions are keyed by the subscriber row's profile id and window start (migration 0260): finding
    # a subscriber's edition, in a chunk's new keys and at its commit, is one search of that key, and
    # the profile of a new key one search of the profiles' integer key.
    plans = await _plans_of_audience_reads(tmp_path, Audience(BEFORE), _READS_AND_OWING)
    new_keys = [p for s, p in plans if s.startswith("SELECT s.profile")]
    owed = [p for s, p in plans if s.startswith("UPDATE subscribers AS s") and "digest_editions" in s]
    assert new_keys and owed
    assert all("SEARCH e USING PRIMARY KEY (profile=? AND since=?)" in p for p in new_keys + owed)
    assert all("SEARCH p USING INTEGER PRIMARY KEY" in p for p in new_keys)
