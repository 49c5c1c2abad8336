"""A cycle's audience as a query read chunk by chunk: who is due, in which order, owed once each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from digest_seed import SectionSeed, add_article, add_subscribers

from nashra.config import Config
from nashra.digest.fanout import owe_digests
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.digests import Audience, audience_size, due_chunks
from tests.owed_rows import write_owed

NOW = datetime.now(UTC)
BEFORE = to_db_time(NOW)


async def _seed_story(db: Database) -> None:
    await add_article(
        db,
        title="درعا",
        source="عنب بلدي",
        url="https://a.example/1",
        published_at=to_db_time(NOW - timedelta(minutes=30)),
        ingested_at=to_db_time(NOW - timedelta(minutes=20)),
        sections=[SectionSeed("x", ["SY", "SY-DR"], summary="اشتباكات عنيفة في ريف درعا الغربي")],
    )


async def test_the_audience_comes_in_chunks_in_chat_id_order_with_codes(db: Database) -> None:
    # Groups and channels have negative chat ids: the order starts with them.
    await add_subscribers(db, [(chat, ["SY"]) for chat in (5, -100123, 3, 9, -7, 12, 1)])
    await add_subscribers(db, [(20, ["SY-DR", "LB"])])
    chunks = [chunk async for chunk in due_chunks(db, Audience(BEFORE, everyone=True), 3)]
    assert [[s.chat_id for s in chunk] for chunk in chunks] == [[-100123, -7, 1], [3, 5, 9], [12, 20]]
    assert chunks[-1][-1].codes == ("LB", "SY-DR")


async def test_paused_blocked_unsubscribed_and_already_served_chats_are_not_in_the_audience(
    db: Database,
) -> None:
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"]), (3, ["SY"]), (4, [])])
    await add_subscribers(db, [(5, ["SY"])], last_digest_at=BEFORE)
    async with db.transaction() as conn:
        await conn.execute("UPDATE subscribers SET paused = 1 WHERE chat_id = 2")
        await conn.execute("UPDATE subscribers SET blocked = 1 WHERE chat_id = 3")
    audience = Audience(BEFORE, everyone=True)
    assert [s.chat_id async for chunk in due_chunks(db, audience, 10) for s in chunk] == [1]
    size = await audience_size(db, audience)
    assert (size.subscribers, size.first_digests, size.earliest) == (1, 1, None)


async def test_a_schedule_audience_takes_its_own_subscribers_only(db: Database) -> None:
    await add_subscribers(db, [(1, ["SY"])])
    await add_subscribers(db, [(2, ["SY"])], digest_time="08:00")
    await add_subscribers(db, [(3, ["SY"])], digest_time="08:00", timezone="Asia/Riyadh")
    await add_subscribers(db, [(4, ["SY"])], digest_time="09:00", timezone="Asia/Riyadh")

    async def chats(audience: Audience) -> list[int]:
        return [s.chat_id async for chunk in due_chunks(db, audience, 10) for s in chunk]

    assert await chats(Audience(BEFORE)) == [1]
    assert await chats(Audience(BEFORE, personal=(("08:00", None),))) == [2]
    assert await chats(Audience(BEFORE, personal=(("08:00", None), ("09:00", "Asia/Riyadh")))) == [2, 4]


async def test_a_streamed_cycle_owes_every_due_chat_once_and_reports_the_earliest_window(
    db: Database,
) -> None:
    await _seed_story(db)
    earlier = to_db_time(NOW - timedelta(hours=2))
    await add_subscribers(db, [(chat, ["SY"]) for chat in range(1, 8)], last_digest_at=earlier)
    await add_subscribers(db, [(8, ["SY-DR"])], last_digest_at=to_db_time(NOW - timedelta(hours=1)))
    audience = Audience(BEFORE, everyone=True)
    assert (await audience_size(db, audience)).earliest == earlier
    commits: list[int] = []
    (totals,) = await owe_digests(
        db, Config(), {"digest:test": audience}, NOW, chunk_size=3, on_commit=lambda: commits.append(1)
    )
    assert (totals.subscribers, totals.digests, totals.messages, len(commits)) == (8, 8, 8, 3)
    await write_owed(db)
    owed = await db.fetchall("SELECT chat_id, COUNT(*) AS n FROM outbox GROUP BY chat_id ORDER BY chat_id")
    assert [(row["chat_id"], row["n"]) for row in owed] == [(chat, 1) for chat in range(1, 9)]
    assert [
        chunk async for chunk in due_chunks(db, Audience(to_db_time(NOW - timedelta(seconds=5))), 3)
    ] == []
