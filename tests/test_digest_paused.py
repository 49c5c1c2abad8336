"""A chat that pauses is owed no digest, and what it was owed before waits for /resume.

Every commit checks the audience's condition (neither paused nor blocked) again in the transaction
that owes: a chat that pauses or blocks the bot while its digest is composed is owed nothing and keeps
its window. /pause holds the chat's digest messages not sent yet (state ``held``, migration 0243);
/resume owes them again with new ids, so the sender, past their old ones, finds them; nothing is lost
or owed twice (docs/delivery.md, "A chat that pauses").
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from digest_seed import SectionSeed, add_article, add_subscribers
from query_plans import plan_of

from nashra.config import Config
from nashra.digest import fanout
from nashra.digest.fanout import owe_digests
from nashra.storage import Database
from nashra.storage import db as db_module
from nashra.storage.db import migrations, to_db_time
from nashra.storage.digests import Audience, subscriber, subscribers_of
from nashra.storage.editions import Editions
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore, Outcome
from nashra.storage.preferences import PreferenceStore
from nashra.storage.subscribers import SubscriberStore
from tests.owed_rows import write_owed

NOW = datetime.now(UTC)
CHAT = 7
SUMMARIES = ("ارتفاع أسعار الخبز في دمشق", "أعلنت بلدية بيروت خطة جديدة للسير")


async def _seed(db: Database) -> None:
    for n, (code, summary) in enumerate(zip(("SY", "LB"), SUMMARIES, strict=True)):
        await add_article(
            db, title=f"t{n}", source=f"مصدر {n}", url=f"https://x.example/{n}",
            published_at=to_db_time(NOW - timedelta(minutes=30 - n)),
            ingested_at=to_db_time(NOW - timedelta(minutes=20 - n)),
            sections=[SectionSeed(f"s{n}", [code], summary=summary)],
        )  # fmt: skip


async def _plain(db: Database) -> None:
    """The stories, and the chat: Syria and Lebanon, no filters (owed by edition)."""
    await _seed(db)
    await add_subscribers(db, [(CHAT, ["SY", "LB"])])


async def _tailored(db: Database) -> None:
    """The stories, and the chat: Syria and Lebanon and the keyword «بيروت» (composed alone)."""
    await _plain(db)
    await PreferenceStore(db).add_keywords(CHAT, [("بيروت", "بيروت", False)])


async def _cycle(db: Database, slot: str = "digest:test") -> fanout.SlotTotals:
    (totals,) = await owe_digests(db, Config(), {slot: Audience(to_db_time(NOW))}, NOW)
    await write_owed(db)
    return totals


async def _window(db: Database) -> str | None:
    found = await subscriber(db, CHAT)
    assert found is not None
    return found.last_digest_at


async def _pending(db: Database, after: int = 0) -> list[Any]:
    return await OutboxStore(db).load_pending(PRIORITY_DIGEST, after, 100)


async def _states(db: Database) -> list[str]:
    rows = await db.fetchall("SELECT state FROM outbox WHERE chat_id = ? ORDER BY id", (CHAT,))
    return [row[0] for row in rows]


Change = Callable[[Database], Awaitable[Any]]

LEAVING: dict[str, Change] = {
    "pauses": lambda db: SubscriberStore(db).set_paused(CHAT, True),
    "blocks the bot": lambda db: SubscriberStore(db).set_blocked(CHAT, True),
}


def _before_commit_slot(monkeypatch: pytest.MonkeyPatch, db: Database, change: Change) -> None:
    """Make ``change`` before the first commit of a one-by-one chunk, after its digests were composed."""
    commit = fanout.commit_slot
    left = [1]

    async def changing(*args: Any, **kwargs: Any) -> Any:
        if left[0]:
            left[0] = 0
            await change(db)
        return await commit(*args, **kwargs)

    monkeypatch.setattr(fanout, "commit_slot", changing)


@pytest.mark.parametrize("leaving", list(LEAVING))
async def test_a_chat_composed_alone_that_leaves_before_the_commit_is_owed_nothing(
    db: Database, monkeypatch: pytest.MonkeyPatch, leaving: str
) -> None:
    await _tailored(db)
    _before_commit_slot(monkeypatch, db, LEAVING[leaving])
    totals = await _cycle(db)
    assert (totals.subscribers, await _states(db), await _window(db)) == (0, [], None)


@pytest.mark.parametrize("leaving", list(LEAVING))
async def test_a_plain_chat_that_leaves_before_its_edition_is_committed_is_owed_nothing(
    db: Database, monkeypatch: pytest.MonkeyPatch, leaving: str
) -> None:
    await _plain(db)
    commit = Editions.commit

    async def changing(self: Editions, **kwargs: Any) -> Any:
        await LEAVING[leaving](db)
        return await commit(self, **kwargs)

    monkeypatch.setattr(Editions, "commit", changing)
    totals = await _cycle(db)
    assert (totals.subscribers, await _states(db), await _window(db)) == (0, [], None)


async def test_a_chat_asking_for_its_digest_that_pauses_before_the_commit_is_owed_nothing(
    db: Database,
) -> None:
    await _plain(db)
    read = await subscriber(db, CHAT)
    assert read is not None
    await SubscriberStore(db).set_paused(CHAT, True)
    (totals,) = await owe_digests(db, Config(), {"digest:now": [read]}, NOW)
    assert (totals.subscribers, await _states(db), await _window(db)) == (0, [], None)


async def test_after_resume_the_next_digest_holds_what_the_paused_one_would_have(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _tailored(db)
    _before_commit_slot(monkeypatch, db, LEAVING["pauses"])
    await _cycle(db, "digest:first")
    await SubscriberStore(db).set_paused(CHAT, False)
    totals = await _cycle(db, "digest:second")
    (row,) = await _pending(db)
    assert totals.subscribers == 1 and SUMMARIES[1] in row.text


async def _owed(db: Database) -> list[Any]:
    """The chat's digest owed by a cycle and loaded by the sender: its pending rows."""
    await _plain(db)
    await _cycle(db)
    rows = await _pending(db)
    assert rows
    return rows


async def test_pausing_holds_the_digest_messages_not_sent_yet(db: Database) -> None:
    await _owed(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    assert (await _pending(db), await _states(db)) == ([], ["held"])


async def test_resuming_owes_the_held_messages_again_after_every_id_the_sender_loaded(db: Database) -> None:
    (loaded,) = await _owed(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await SubscriberStore(db).set_paused(CHAT, False)
    (again,) = await _pending(db, after=loaded.id)
    assert (again.text, again.slot, await _states(db)) == (loaded.text, loaded.slot, ["pending"])


async def test_a_held_message_delivered_by_a_send_under_way_is_not_owed_again(db: Database) -> None:
    (loaded,) = await _owed(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await OutboxStore(db).record([Outcome(loaded.id, "sent", 1, message_id=5, settles=True)])
    await SubscriberStore(db).set_paused(CHAT, False)
    assert (await _pending(db), await _states(db)) == ([], ["sent"])


async def test_a_retry_of_a_held_message_keeps_it_held(db: Database) -> None:
    (loaded,) = await _owed(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await OutboxStore(db).record([Outcome(loaded.id, "pending", 1, "timed out", not_before=to_db_time(NOW))])
    assert (await _pending(db), await _states(db)) == ([], ["held"])


async def test_a_held_message_goes_on_after_the_piece_already_sent(db: Database) -> None:
    (loaded,) = await _owed(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await OutboxStore(db).record([Outcome(loaded.id, "pending", 0, sent_offset=40, settles=True)])
    await SubscriberStore(db).set_paused(CHAT, False)
    (again,) = await _pending(db)
    assert again.sent_offset == 40


async def test_held_messages_and_their_fragments_outlive_a_prune(db: Database) -> None:
    (loaded,) = await _owed(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    pruned = await OutboxStore(db).prune_settled(NOW + timedelta(days=30))
    await SubscriberStore(db).set_paused(CHAT, False)
    (again,) = await _pending(db)
    assert (pruned.messages, again.text) == (0, loaded.text)


async def test_a_chat_that_blocks_the_bot_has_its_held_messages_blocked(db: Database) -> None:
    await _owed(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await OutboxStore(db).record([], blocked_chats=[CHAT])
    assert await _states(db) == ["blocked"]


async def test_a_chat_that_stops_has_its_held_messages_deleted(db: Database) -> None:
    await _owed(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await SubscriberStore(db).forget(CHAT)
    assert await _states(db) == []


async def test_a_paused_group_that_becomes_a_supergroup_keeps_its_held_messages(db: Database) -> None:
    await _owed(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await SubscriberStore(db).migrate_chat(CHAT, -1007)
    await SubscriberStore(db).set_paused(-1007, False)
    (again,) = await _pending(db)
    assert again.chat_id == -1007


async def test_a_group_that_becomes_a_paused_supergroup_has_its_digest_messages_held(db: Database) -> None:
    await _owed(db)
    await add_subscribers(db, [(-1007, ["SY"])])  # the bot was in the supergroup before, paused there
    await SubscriberStore(db).set_paused(-1007, True)
    await SubscriberStore(db).migrate_chat(CHAT, -1007)
    rows = await db.fetchall("SELECT chat_id, state FROM outbox ORDER BY id")
    assert [tuple(row) for row in rows] == [(-1007, "held")]


async def test_a_paused_group_that_joins_its_supergroups_row_stays_paused_with_its_digests_held(
    db: Database,
) -> None:
    await _owed(db)
    await SubscriberStore(db).set_paused(CHAT, True)
    await add_subscribers(db, [(-1007, ["SY"])])  # the bot was in the supergroup before, not paused there
    await SubscriberStore(db).migrate_chat(CHAT, -1007)
    kept = await SubscriberStore(db).get(-1007)
    rows = await db.fetchall("SELECT chat_id, state FROM outbox ORDER BY id")
    assert kept is not None and kept.paused
    assert [tuple(row) for row in rows] == [(-1007, "held")]


async def test_a_held_message_owed_in_a_deleted_forum_topic_goes_to_general_on_resume(db: Database) -> None:
    await _owed(db)
    async with db.transaction() as conn:
        await conn.execute("UPDATE outbox SET thread_id = 5 WHERE chat_id = ?", (CHAT,))
    await SubscriberStore(db).set_paused(CHAT, True)
    await OutboxStore(db).drop_topic(CHAT, 5, None)
    await SubscriberStore(db).set_paused(CHAT, False)
    (again,) = await _pending(db)
    assert again.thread_id is None


async def test_a_database_from_before_held_messages_keeps_its_outbox_and_never_reuses_an_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    # With the editions owed by reference (0250, 0300), the sections' stamps (0280, 0290) and the window's
    # start kept for /more (0310), which the cycle owing the old row needs.
    monkeypatch.setattr(
        db_module,
        "migrations",
        lambda: [m for m in shipped if m[0] < 243 or m[0] in (250, 280, 290, 300, 310)],
    )
    async with await Database.open(path) as old:
        # Composed alone: this version's editions need the profiles of migration 0260, after this one.
        await _plain(old)
        await owe_digests(old, Config(), {"digest:test": await subscribers_of(old, [CHAT])}, NOW)
        (kept,) = await _pending(old)
        async with old.transaction() as conn:  # the newest row, owed to another chat, was deleted (/stop)
            await conn.execute(
                "INSERT INTO outbox (chat_id, kind, slot, text, created_at, updated_at) "
                "VALUES (8, 'broadcast', 'b1', 'x', 'x', 'x')"
            )
            await conn.execute("DELETE FROM outbox WHERE chat_id = 8")
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        assert 243 in await db.applied_migrations()
        await SubscriberStore(db).set_paused(CHAT, True)
        await SubscriberStore(db).set_paused(CHAT, False)
        (again,) = await _pending(db)
        assert (again.text, again.id) == (kept.text, kept.id + 2)


async def test_a_chats_held_messages_are_found_through_their_own_index(db: Database) -> None:
    await add_subscribers(db, [(CHAT, ["SY"])])
    plan = await plan_of(db, SubscriberStore(db).set_paused(CHAT, False), "state = 'held'")
    assert plan == "SEARCH outbox USING INDEX outbox_held (chat_id=?)"


async def test_a_prune_reads_the_held_messages_fragments_through_their_own_index(db: Database) -> None:
    plan = await plan_of(db, OutboxStore(db).prune_settled(NOW), "state = 'held'")
    assert "SCAN outbox USING INDEX outbox_held" in plan
