"""Owing plain subscribers by edition: the same messages as composing each one, every due chat once."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from digest_seed import SectionSeed, add_article, add_subscribers

from nashra.config import Config
from nashra.digest.fanout import owe_digests
from nashra.storage import Database
from nashra.storage.db import StorageError, to_db_time
from nashra.storage.digests import Audience, due_subscribers
from nashra.storage.editions import Edition, EditionKey, Editions
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore
from nashra.storage.preferences import PreferenceStore
from nashra.storage.subscribers import SubscriberStore
from tests.owed_rows import write_owed

NOW = datetime.now(UTC)
BEFORE = to_db_time(NOW)
EARLIER = to_db_time(NOW - timedelta(hours=3))


async def _seed_news(db: Database) -> None:
    stories = [
        (["SY", "SY-DR"], "اشتباكات عنيفة في ريف درعا الغربي", 50),
        (["LB", "LB-BA"], "أعلنت بلدية بيروت خطة جديدة للسير والنقل", 40),
        (["SY", "SY-DI"], "ارتفاع أسعار الخبز في دمشق", 30),
        (["EG", "EG-C"], "افتتاح خط جديد لمترو القاهرة", 20),
        (["SY", "SY-HL"], "عودة الكهرباء إلى أحياء حلب الشرقية", 10),
    ]
    for n, (codes, summary, minutes) in enumerate(stories):
        await add_article(
            db, title=f"خبر {n}", source=f"مصدر {n}", url=f"https://news.example/{n}",
            published_at=to_db_time(NOW - timedelta(minutes=minutes + 5)),
            ingested_at=to_db_time(NOW - timedelta(minutes=minutes)),
            sections=[SectionSeed(f"نص {n}", codes, summary=summary)],
        )  # fmt: skip


async def _seed_audience(db: Database) -> None:
    """Chats that share editions and chats that differ by codes, window, language and format."""
    await add_subscribers(db, [(chat, ["SY"]) for chat in (1, 2, 3)])
    await add_subscribers(db, [(4, ["LB", "SY-DR"]), (5, ["SY-DR", "LB"]), (6, ["EG-C"])])
    await add_subscribers(db, [(7, ["SY"]), (8, ["LB", "EG"])], language="en")
    await add_subscribers(db, [(9, ["SY"]), (10, ["SY", "EG"])], last_digest_at=EARLIER)
    await add_subscribers(db, [(-100500, ["SY-HL", "LB-BA"])], kind="supergroup")
    await add_subscribers(db, [(11, ["SY"]), (12, ["SY"]), (13, ["SY", "LB"])])
    preferences = PreferenceStore(db)
    await preferences.set_format(11, style="headlines")
    await preferences.set_format(12, max_items=1, link_previews=True)
    await preferences.set_format(13, link_previews=True)


async def _owed(db: Database) -> list[tuple[int, int, str, int | None, bool]]:
    await write_owed(db)
    rows = await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 1000)
    return sorted((row.chat_id, row.part, row.text, row.thread_id, row.link_preview) for row in rows)


async def _copy(db: Database, tmp_path: Path) -> Database:
    await db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(db.path, tmp_path / "copy.db")
    return await Database.open(tmp_path / "copy.db")


async def _owed_one_by_one(db: Database, tmp_path: Path) -> list[tuple[int, int, str, int | None, bool]]:
    """The outbox a copy of ``db`` gets when its due subscribers are composed one by one, as a list."""
    alone = await _copy(db, tmp_path)
    try:
        listed = await due_subscribers(alone, BEFORE, everyone=True)
        await owe_digests(alone, Config(), {"digest:test": listed}, NOW)
        return await _owed(alone)
    finally:
        await alone.close()


async def test_editions_owe_the_messages_each_subscriber_composed_alone_would_get(
    db: Database, tmp_path: Path
) -> None:
    await _seed_news(db)
    await _seed_audience(db)
    expected = await _owed_one_by_one(db, tmp_path)
    (totals,) = await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    assert await _owed(db) == expected
    assert (totals.subscribers, totals.messages) == (14, len(expected))


async def test_tailored_and_plain_subscribers_of_one_audience_are_each_owed_once(db: Database) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(chat, ["SY"]) for chat in range(1, 7)])
    preferences = PreferenceStore(db)
    await preferences.add_keywords(2, [("درعا", "درعا", False)])
    await preferences.bind_topic(4, 77, ["SY"])
    (totals,) = await owe_digests(
        db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW, chunk_size=2
    )
    owed = await _owed(db)
    assert sorted({chat for chat, *_ in owed}) == [1, 2, 3, 4, 5, 6]
    assert [(chat, part) for chat, part, *_ in owed] == [(chat, 0) for chat in range(1, 7)]
    assert [thread for chat, _, _, thread, _ in owed if chat == 4] == [77]
    assert "درعا" in next(text for chat, _, text, *_ in owed if chat == 2)
    assert "دمشق" not in next(text for chat, _, text, *_ in owed if chat == 2)
    assert totals.subscribers == 6
    assert await due_subscribers(db, to_db_time(NOW - timedelta(seconds=5)), everyone=True) == []


async def test_every_due_chat_is_owed_when_the_editions_held_overflow(db: Database) -> None:
    await _seed_news(db)
    codes = [["SY"], ["LB"], ["EG"], ["SY", "LB"], ["SY-DR"], ["EG-C", "LB"]]
    await add_subscribers(db, [(chat, codes[chat % len(codes)]) for chat in range(1, 25)])
    cutoff = to_db_time(NOW - timedelta(seconds=1))
    owed = 0
    async with Editions(db, Audience(BEFORE, everyone=True), cutoff, slot="digest:test", keep=2) as editions:
        after = None
        while (last := await editions.range_end(after, 5)) is not None:
            keys = await editions.new_keys(after, last)
            await editions.add([Edition(key, 1, False, "خبر", None) for key in keys])
            chunk = await editions.commit(
                slot="digest:test", started_at=BEFORE, cutoff=cutoff, after=after, last=last
            )
            owed += chunk.subscribers
            after = last
    assert owed == 24
    assert {chat for chat, *_ in await _owed(db)} == set(range(1, 25))


async def test_a_chat_whose_window_moved_after_its_key_was_read_is_not_owed_again(db: Database) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    audience = Audience(BEFORE, everyone=True)
    cutoff = to_db_time(NOW - timedelta(seconds=1))
    async with Editions(db, audience, cutoff, slot="digest:test") as editions:
        last = await editions.range_end(None, 10)
        assert last == 2
        (key,) = await editions.new_keys(None, last)
        await editions.add([Edition(key, 1, False, "خبر", None)])
        # Another run owes chat 2 meanwhile.
        async with db.transaction() as conn:
            await conn.execute("UPDATE subscribers SET last_digest_at = ? WHERE chat_id = 2", (cutoff,))
        owed = await editions.commit(
            slot="digest:test", started_at=BEFORE, cutoff=cutoff, after=None, last=last
        )
    assert (owed.subscribers, owed.messages) == (1, 1)
    assert [chat for chat, *_ in await _owed(db)] == [1]


async def test_a_plain_chat_without_news_gets_nothing_new_in_its_language_when_asked(
    db: Database,
) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(1, ["QA"])], language="en")
    await add_subscribers(db, [(2, ["QA"])])
    config = Config()
    config.delivery.send_empty_digest = True
    (totals,) = await owe_digests(db, config, {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    owed = await _owed(db)
    assert (totals.subscribers, totals.empty, totals.digests) == (2, 2, 0)
    assert [chat for chat, *_ in owed] == [1, 2]
    assert owed[0][2] != owed[1][2]


async def test_without_empty_digests_a_plain_chat_without_news_moves_on_without_a_message(
    db: Database,
) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(1, ["QA"])])
    (totals,) = await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    assert (totals.subscribers, totals.empty, totals.messages) == (1, 1, 0)
    assert await _owed(db) == []
    assert await due_subscribers(db, to_db_time(NOW - timedelta(seconds=5)), everyone=True) == []


async def test_a_cycle_leaves_no_temporary_tables_behind(db: Database) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(1, ["SY"])])
    await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    rows = await db.fetchall("SELECT name FROM sqlite_temp_master WHERE type = 'table'")
    assert rows == []


def _after_each(monkeypatch: pytest.MonkeyPatch, method: str, change: Callable[[], Awaitable[None]]) -> None:
    """Run ``change`` (a user's command, a chat migration) right after every ``Editions.<method>``."""
    original = getattr(Editions, method)

    async def wrapped(self: Editions, *args: Any, **kwargs: Any) -> Any:
        result = await original(self, *args, **kwargs)
        await change()
        return result

    monkeypatch.setattr(Editions, method, wrapped)


async def test_a_chat_whose_language_changed_while_its_chunk_was_owed_gets_this_cycles_digest(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])

    async def english() -> None:  # /lang en, after the chunk's editions were laid out
        await SubscriberStore(db).set_language(2, "en")

    _after_each(monkeypatch, "add", english)
    (totals,) = await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    owed = await _owed(db)
    assert [chat for chat, *_ in owed] == [1, 2]
    assert "Nashra digest" in owed[1][2]
    assert totals.subscribers == 2
    assert await due_subscribers(db, to_db_time(NOW - timedelta(seconds=5)), everyone=True) == []


async def test_a_chat_that_dropped_its_keywords_after_the_editions_passed_it_gets_this_cycles_digest(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    preferences = PreferenceStore(db)
    await preferences.add_keywords(1, [("درعا", "درعا", False)])

    async def clear_keywords() -> None:  # chat 1 becomes plain once the editions are done with its chunk
        await preferences.clear_keywords(1)

    _after_each(monkeypatch, "commit", clear_keywords)
    (totals,) = await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    assert [chat for chat, *_ in await _owed(db)] == [1, 2]
    assert totals.subscribers == 2
    assert await due_subscribers(db, to_db_time(NOW - timedelta(seconds=5)), everyone=True) == []


async def test_a_group_that_became_a_supergroup_behind_the_chunks_gets_this_cycles_digest(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(-7, ["SY"])], kind="supergroup")
    await add_subscribers(db, [(-5, ["LB"])], kind="group")
    await add_subscribers(db, [(1, ["SY"])])
    migrated: list[int] = []

    async def migrate() -> None:  # after the first chunk (chat -7): group -5 moves to -1005, behind it
        if not migrated:
            migrated.append(-1005)
            await SubscriberStore(db).migrate_chat(-5, -1005)

    _after_each(monkeypatch, "commit", migrate)
    (totals,) = await owe_digests(
        db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW, chunk_size=1
    )
    assert [chat for chat, *_ in await _owed(db)] == [-1005, -7, 1]
    assert totals.subscribers == 3


async def test_nothing_new_is_owed_by_edition_as_composed_alone_for_a_chat_with_link_previews(
    db: Database, tmp_path: Path
) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(1, ["QA"]), (2, ["SY"])])
    preferences = PreferenceStore(db)
    for chat in (1, 2):
        await preferences.set_format(chat, link_previews=True)
    config = Config()
    config.delivery.send_empty_digest = True
    alone = await _copy(db, tmp_path)
    try:
        listed = await due_subscribers(alone, BEFORE, everyone=True)
        await owe_digests(alone, config, {"digest:test": listed}, NOW)
        expected = await _owed(alone)
    finally:
        await alone.close()
    await owe_digests(db, config, {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    assert await _owed(db) == expected
    assert [(chat, preview) for chat, _, _, _, preview in expected] == [(1, False), (2, True)]


async def test_a_cycle_stopped_by_another_programs_write_lock_leaves_no_temporary_tables(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["LB"])])
    await db.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(db.path, isolation_level=None)

    async def hold_the_write_lock() -> None:  # another program writes for longer than the busy timeout
        other.execute("BEGIN IMMEDIATE")

    _after_each(monkeypatch, "add", hold_the_write_lock)
    try:
        with pytest.raises(StorageError, match="locked"):
            await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert await db.fetchall("SELECT name FROM sqlite_temp_master") == []


async def test_a_chat_that_stopped_and_started_again_during_the_cycle_is_owed_its_new_regions_once(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /stop deleted everything of the chat, its sent digest too: what it chose after is a new
    # subscription, composed from its state now, in this cycle, once.
    await _seed_news(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    store = SubscriberStore(db)

    async def stop_and_start_again() -> None:  # chat 1's digest went out; /stop, /start, new regions
        await write_owed(db)
        async with db.transaction() as conn:
            await conn.execute("UPDATE outbox SET state = 'sent' WHERE chat_id = 1")
        await store.forget(1)
        await store.ensure(1, "private")
        await store.add_codes(1, ["LB", "EG"])

    _after_each(monkeypatch, "commit", stop_and_start_again)
    await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    await write_owed(db)
    rows = await db.fetchall("SELECT chat_id, part, state FROM outbox ORDER BY chat_id, part")
    assert [tuple(row) for row in rows] == [(1, 0, "pending"), (2, 0, "pending")]
    async with db.transaction() as conn:
        await conn.execute("UPDATE outbox SET state = 'sent' WHERE chat_id = 1")
    [text] = await OutboxStore(db).last_sent(1, "digest")
    assert "بيروت" in text and "القاهرة" in text and "درعا" not in text
    assert await due_subscribers(db, to_db_time(NOW - timedelta(seconds=5)), everyone=True) == []


async def test_a_chat_whose_regions_changed_while_its_chunk_was_owed_gets_this_cycles_digest(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed_news(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    changed: list[int] = []

    async def add_lebanon() -> None:  # /subscribe LB, after the chunk's editions were laid out
        if not changed:
            changed.append(2)
            await SubscriberStore(db).add_codes(2, ["LB"])

    _after_each(monkeypatch, "add", add_lebanon)
    (totals,) = await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    owed = {chat: text for chat, _, text, *_ in await _owed(db)}
    assert sorted(owed) == [1, 2]
    assert "بيروت" not in owed[1]
    assert "بيروت" in owed[2]
    assert totals.subscribers == 2
    assert await due_subscribers(db, to_db_time(NOW - timedelta(seconds=5)), everyone=True) == []


async def test_chats_that_added_the_same_regions_in_another_order_share_one_edition(
    db: Database, tmp_path: Path
) -> None:
    await _seed_news(db)
    store = SubscriberStore(db)
    for chat, codes in ((1, ["SY-DR", "LB", "EG"]), (2, ["EG", "SY-DR", "LB"]), (3, ["LB", "EG", "SY-DR"])):
        await store.ensure(chat, "private")
        for code in codes:
            await store.add_codes(chat, [code])
    expected = await _owed_one_by_one(db, tmp_path)
    cutoff = to_db_time(NOW - timedelta(seconds=1))
    async with Editions(db, Audience(BEFORE, everyone=True), cutoff, slot="digest:test") as editions:
        last = await editions.range_end(None, 10)
        assert last is not None
        (key,) = await editions.new_keys(None, last)
    assert key.codes == "EG LB SY-DR"
    await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    assert await _owed(db) == expected


async def _two_chats_one_changed_after_layout(
    db: Database, monkeypatch: pytest.MonkeyPatch, change: Callable[[], Awaitable[None]]
) -> tuple[int, dict[int, str]]:
    """Chats 1 and 2 of SY, ``change`` made after the chunk's editions were laid out; the cycle's
    subscribers owed and each owed chat's text."""
    await _seed_news(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    _after_each(monkeypatch, "add", change)
    (totals,) = await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    return totals.subscribers, {chat: text for chat, _, text, *_ in await _owed(db)}


async def test_a_chat_whose_format_changed_while_its_chunk_was_owed_gets_this_cycles_digest_in_it(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def headlines() -> None:  # /format headlines
        await PreferenceStore(db).set_format(2, style="headlines", max_items=1)

    subscribers, owed = await _two_chats_one_changed_after_layout(db, monkeypatch, headlines)
    assert sorted(owed) == [1, 2]
    assert "اشتباكات عنيفة في ريف درعا" in owed[1]
    assert "اشتباكات عنيفة في ريف درعا" not in owed[2]  # summaries left out, one item: the newest
    assert owed[2].count("•") == 1
    assert subscribers == 2


async def test_a_chat_paused_while_its_chunk_was_owed_is_owed_nothing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def pause() -> None:  # /pause
        await SubscriberStore(db).set_paused(2, True)

    subscribers, owed = await _two_chats_one_changed_after_layout(db, monkeypatch, pause)
    assert sorted(owed) == [1]
    assert subscribers == 1


async def test_a_chat_that_added_a_keyword_while_its_chunk_was_owed_gets_this_cycles_digest_filtered(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def keyword() -> None:  # /keywords درعا
        await PreferenceStore(db).add_keywords(2, [("درعا", "درعا", False)])

    subscribers, owed = await _two_chats_one_changed_after_layout(db, monkeypatch, keyword)
    assert sorted(owed) == [1, 2]
    assert "دمشق" in owed[1]
    assert "دمشق" not in owed[2]
    assert "درعا" in owed[2]
    assert subscribers == 2


async def test_the_sender_never_loads_the_rows_of_a_chunk_that_is_rolled_back(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A read on the shared connection while a chunk's transaction is open would see its rows before
    # they are committed. Were they loaded, sent, and then rolled back (shutdown reaches the cycle before
    # its commit), the next run would owe them again, under the same ids (the rolled-back ids are
    # given out again).
    await _seed_news(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["LB"])])
    loaded: list[asyncio.Task[list[Any]]] = []

    async def shutdown_before_the_commit(conn: Any, *args: Any, **kwargs: Any) -> None:
        loaded.append(asyncio.create_task(OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 100)))
        await asyncio.sleep(0.05)  # the sender polls meanwhile
        raise asyncio.CancelledError

    monkeypatch.setattr("nashra.storage.editions.record_run", shutdown_before_the_commit)
    with pytest.raises(asyncio.CancelledError):
        await owe_digests(db, Config(), {"digest:test": Audience(BEFORE, everyone=True)}, NOW)
    assert await loaded[0] == []


async def test_editions_whose_keys_cannot_be_held_are_not_stored_either(db: Database) -> None:
    # An edition stored while its key is not held would be owed to nobody: its rows and its key are
    # written in one transaction, so a key refused (here the same key twice) takes its editions with it.
    await add_subscribers(db, [(1, ["SY"])])
    key = EditionKey(1, "", "SY", "ar", "full", 0)
    async with Editions(db, Audience(BEFORE, everyone=True), BEFORE, slot="digest:test") as editions:
        with pytest.raises(sqlite3.IntegrityError):
            await editions.add([Edition(key, 1, False, "خبر", None)] * 2)
    assert await db.fetchall("SELECT id FROM digest_editions") == []


async def test_editions_refused_are_not_counted_among_those_held(db: Database) -> None:
    # Held editions are dropped once ``keep`` of them are held: a refused batch, stored nowhere, must not
    # count, or a key the next chunk shares would be dropped and laid out again.
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    audience = Audience(BEFORE, everyone=True)
    async with Editions(db, audience, BEFORE, slot="digest:test", keep=2) as editions:
        first = await editions.range_end(None, 1)
        (key,) = await editions.new_keys(None, first)
        edition = Edition(key, 1, False, "خبر", None)
        with pytest.raises(sqlite3.IntegrityError):
            await editions.add([edition, edition])
        await editions.add([edition])
        await editions.commit(slot="digest:test", started_at=BEFORE, cutoff=BEFORE, after=None, last=first)
        second = await editions.range_end(first, 1)
        assert second == 2
        assert await editions.new_keys(first, second) == []


async def test_an_edition_is_stored_as_one_row_holding_its_messages(db: Database) -> None:
    await add_subscribers(db, [(1, ["SY"])])
    keys = [EditionKey(profile, "", "SY", "ar", "full", 0) for profile in (1, 2, 3)]
    async with Editions(db, Audience(BEFORE, everyone=True), BEFORE, slot="digest:test") as editions:
        await editions.add(
            [
                Edition(keys[0], 2, False, None, "3 4,5"),
                Edition(keys[1], 0, True, None, None),
                Edition(keys[2], 1, True, "لا جديد", None),
            ]
        )
    stored = await db.fetchall("SELECT parts, empty, text, fragments FROM digest_editions ORDER BY id")
    assert [tuple(row) for row in stored] == [
        (2, 0, None, "3 4,5"),
        (0, 1, None, None),
        (1, 1, "لا جديد", None),
    ]


@pytest.mark.parametrize("send_empty", [True, False])
async def test_a_cycle_counts_the_messages_and_empty_digests_it_owes(db: Database, send_empty: bool) -> None:
    # The same figures as the rows the sender writes, the chats without news among them.
    await _seed_news(db)
    await _seed_audience(db)
    await add_subscribers(db, [(20, ["QA"]), (21, ["QA"]), (22, ["YE"])])
    config = Config()
    config.delivery.send_empty_digest = send_empty
    (totals,) = await owe_digests(
        db, config, {"digest:test": Audience(BEFORE, everyone=True)}, NOW, chunk_size=4
    )
    assert (totals.subscribers, totals.empty) == (17, 3)
    assert totals.messages == len(await _owed(db)) == 14 + (3 if send_empty else 0)
