"""Each subscriber row's ``codes`` and ``tailored`` columns (migration 0170) stay what its subscriptions,
keywords and topics say, whatever changes them, and a database from before the migration gets them
filled in; a digest cycle's audience is read from the subscriber rows without a look at those tables."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from digest_seed import add_subscribers

from nashra.storage import Database
from nashra.storage import db as db_module
from nashra.storage.db import migrations, utcnow
from nashra.storage.digests import TAILORED, Audience
from nashra.storage.outbox import OutboxStore
from nashra.storage.preferences import PreferenceStore
from nashra.storage.subscribers import SubscriberStore

# What the column must equal: the subscriptions of each subscriber, sorted, space-separated.
_SCAN = (
    "SELECT s.chat_id, (SELECT group_concat(code, ' ') FROM "
    "(SELECT x.code FROM subscriptions x WHERE x.chat_id = s.chat_id ORDER BY x.code)) FROM subscribers s"
)
_TAILORED_SCAN = (
    "SELECT s.chat_id, EXISTS (SELECT 1 FROM keywords k WHERE k.chat_id = s.chat_id) "
    "OR EXISTS (SELECT 1 FROM topics t WHERE t.chat_id = s.chat_id) FROM subscribers s"
)
_VERSION = 170


async def _codes(db: Database) -> dict[int, str | None]:
    return {int(row[0]): row[1] for row in await db.fetchall("SELECT chat_id, codes FROM subscribers")}


async def _scan(db: Database) -> dict[int, str | None]:
    return {int(row[0]): row[1] for row in await db.fetchall(_SCAN)}


async def _tailored(db: Database) -> dict[int, int]:
    return {int(row[0]): row[1] for row in await db.fetchall("SELECT chat_id, tailored FROM subscribers")}


async def _tailored_scan(db: Database) -> dict[int, int]:
    return {int(row[0]): row[1] for row in await db.fetchall(_TAILORED_SCAN)}


async def test_codes_added_in_any_order_are_stored_sorted_and_the_same_for_the_same_set(db: Database) -> None:
    store = SubscriberStore(db)
    for chat, codes in ((1, ["SY-DR", "LB", "EG"]), (2, ["EG", "SY-DR", "LB"]), (3, ["LB"])):
        await store.ensure(chat, "private")
        for code in codes:
            await store.add_codes(chat, [code])
    await store.add_codes(3, ["SY-DR", "EG"])
    assert await _codes(db) == {1: "EG LB SY-DR", 2: "EG LB SY-DR", 3: "EG LB SY-DR"}


async def test_a_chat_without_subscriptions_has_no_codes_and_its_last_removed_code_clears_them(
    db: Database,
) -> None:
    store = SubscriberStore(db)
    await store.ensure(1, "private")
    assert await _codes(db) == {1: None}
    await store.add_codes(1, ["SY", "LB"])
    await store.remove_codes(1, ["SY"])
    assert await _codes(db) == {1: "LB"}
    await store.remove_codes(1, ["LB"])
    assert await _codes(db) == {1: None}


async def test_a_changed_subscription_row_moves_its_code(db: Database) -> None:
    await add_subscribers(db, [(1, ["SY", "LB"]), (2, ["EG"])])
    async with db.transaction() as conn:
        await conn.execute("UPDATE subscriptions SET code = 'AE' WHERE chat_id = 1 AND code = 'SY'")
        await conn.execute("UPDATE subscriptions SET chat_id = 2 WHERE chat_id = 1 AND code = 'LB'")
    assert await _codes(db) == {1: "AE", 2: "EG LB"}


async def test_a_group_that_became_a_supergroup_keeps_its_codes_under_the_new_id(db: Database) -> None:
    await add_subscribers(db, [(-5, ["SY", "LB"])], kind="group")
    assert await SubscriberStore(db).migrate_chat(-5, -1005)  # the cascade moves its subscriptions
    assert await _codes(db) == {-1005: "LB SY"}


async def test_a_group_migrating_into_a_known_supergroup_adds_its_codes_to_those_there(db: Database) -> None:
    await add_subscribers(db, [(-5, ["SY", "LB"])], kind="group")
    await add_subscribers(db, [(-1005, ["EG", "LB"])], kind="supergroup")
    assert await SubscriberStore(db).migrate_chat(-5, -1005)
    assert await _codes(db) == {-1005: "EG LB SY"}


async def test_a_forgotten_chat_that_comes_back_starts_without_codes(db: Database) -> None:
    store = SubscriberStore(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["LB"])])
    await store.forget(1)  # its subscriptions go by cascade
    assert await _codes(db) == {2: "LB"}
    await store.ensure(1, "private")
    assert await _codes(db) == {1: None, 2: "LB"}


async def test_a_region_channel_bound_again_holds_exactly_its_new_codes(db: Database) -> None:
    preferences = PreferenceStore(db)
    await preferences.bind_channel(-1001, ["SY", "LB"], "config")
    await preferences.bind_channel(-1001, ["EG", "sy"], "config")
    assert await _codes(db) == {-1001: "EG SY"}
    await preferences.unbind_channel(-1001)
    assert await _codes(db) == {}


async def test_a_chat_is_tailored_while_it_has_keywords_or_topics(db: Database) -> None:
    preferences = PreferenceStore(db)
    await add_subscribers(db, [(1, ["SY"]), (-100, ["SY", "LB"])])
    await preferences.add_keywords(1, [("درعا", "درعا", False), ("حلب", "حلب", True)])
    await preferences.bind_topic(-100, 7, ["SY"])
    assert await _tailored(db) == {1: 1, -100: 1}
    await preferences.add_keywords(-100, [("بيروت", "بيروت", False)])
    await preferences.unbind_topic(-100, 7)
    await preferences.remove_keywords(1, ["درعا"])
    assert await _tailored(db) == {1: 1, -100: 1}
    await preferences.clear_keywords(1)
    await preferences.clear_keywords(-100)
    assert await _tailored(db) == {1: 0, -100: 0}


async def test_a_forum_topic_deleted_in_telegram_leaves_the_chat_plain_when_nothing_else_tailors_it(
    db: Database,
) -> None:
    preferences = PreferenceStore(db)
    await add_subscribers(db, [(-100, ["SY", "LB"]), (-200, ["SY"])], kind="supergroup")
    await preferences.bind_topic(-100, 7, ["SY"])
    await preferences.bind_topic(-200, 7, ["SY"])
    await preferences.add_keywords(-200, [("درعا", "درعا", False)])
    outbox = OutboxStore(db)
    assert await outbox.drop_topic(-100, 7, None) == ["SY"]  # the sender found the topic gone
    assert await outbox.drop_topic(-200, 7, None) == ["SY"]
    assert await _tailored(db) == {-100: 0, -200: 1}


async def test_a_group_that_became_a_supergroup_stays_tailored_under_the_new_id(db: Database) -> None:
    await add_subscribers(db, [(-5, ["SY"]), (-6, ["LB"])], kind="group")
    await add_subscribers(db, [(-1006, ["LB"])], kind="supergroup")
    preferences = PreferenceStore(db)
    await preferences.add_keywords(-5, [("درعا", "درعا", False)])
    await preferences.bind_topic(-6, 3, ["LB"])
    store = SubscriberStore(db)
    assert await store.migrate_chat(-5, -1005)  # moved by cascade
    assert await store.migrate_chat(-6, -1006)  # copied into the known supergroup
    assert await _tailored(db) == {-1005: 1, -1006: 1}


async def test_the_columns_equal_their_tables_after_any_sequence_of_changes(db: Database) -> None:
    store, preferences = SubscriberStore(db), PreferenceStore(db)
    rng = random.Random(170)
    chats = [1, 2, 3, -5, -6]
    regions = ["SY", "LB", "EG", "SY-DR", "IQ", "AE"]
    words = ["درعا", "حلب", "بيروت"]
    for step in range(200):
        chat, action = rng.choice(chats), rng.random()
        known = await store.get(chat) is not None
        if action < 0.3:
            await store.ensure(chat, "group" if chat < 0 else "private")
            await store.add_codes(chat, rng.sample(regions, rng.randint(1, 3)))
        elif action < 0.45:
            await store.remove_codes(chat, rng.sample(regions, rng.randint(1, 3)))
        elif action < 0.55 and known:
            word = rng.choice(words)
            await preferences.add_keywords(chat, [(word, word, rng.random() < 0.5)])
        elif action < 0.65:
            await preferences.remove_keywords(chat, rng.sample(words, 2))
        elif action < 0.72 and known:
            await preferences.bind_topic(chat, rng.randint(1, 3), rng.sample(regions, 2))
        elif action < 0.8:
            await preferences.unbind_topic(chat, rng.randint(1, 3))
        elif action < 0.88:
            await store.forget(chat)
        elif chat < 0:  # a group becomes a supergroup, sometimes one the bot already knows
            await store.migrate_chat(chat, rng.choice([-1000 + chat, -1000 + rng.choice([-5, -6])]))
        assert await _codes(db) == await _scan(db), f"codes after step {step}"
        assert await _tailored(db) == await _tailored_scan(db), f"tailored after step {step}"


async def test_a_database_from_before_the_columns_gets_them_filled_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    monkeypatch.setattr(db_module, "migrations", lambda: [m for m in shipped if m[0] < _VERSION])
    async with await Database.open(path) as old, old.transaction() as conn:
        now = utcnow()
        await conn.executemany(
            "INSERT INTO subscribers (chat_id, kind, created_at, updated_at) VALUES (?, 'private', ?, ?)",
            [(chat, now, now) for chat in (1, 2, 3)],
        )
        await conn.executemany(
            "INSERT INTO subscriptions (chat_id, code, created_at) VALUES (?, ?, ?)",
            [(1, "SY", now), (1, "EG", now), (1, "LB", now), (2, "IQ", now)],
        )
        await conn.execute(
            "INSERT INTO keywords (chat_id, mode, phrase, shown, created_at) "
            "VALUES (2, 'include', 'درعا', 'درعا', ?)",
            (now,),
        )
        await conn.execute(
            "INSERT INTO topics (chat_id, code, thread_id, created_at) VALUES (3, 'SY', 4, ?)", (now,)
        )
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        assert _VERSION in await db.applied_migrations()
        assert await _codes(db) == {1: "EG LB SY", 2: "IQ", 3: None}
        assert await _tailored(db) == {1: 0, 2: 1, 3: 1}
        await SubscriberStore(db).add_codes(3, ["AE"])  # and the triggers keep them from then on
        await PreferenceStore(db).clear_keywords(2)
        assert await _codes(db) == {1: "EG LB SY", 2: "IQ", 3: "AE"}
        assert await _tailored(db) == {1: 0, 2: 0, 3: 1}


async def test_the_audience_is_read_from_the_subscriber_rows_alone(db: Database) -> None:
    where, params = Audience(utcnow(), everyone=True).where()
    plan = await db.fetchall(
        f"EXPLAIN QUERY PLAN SELECT s.chat_id, s.codes FROM subscribers s WHERE {where} AND NOT {TAILORED}",
        params,
    )
    steps = [str(row[3]) for row in plan]
    assert steps[0].startswith("SCAN s")
    assert not {word for step in steps for word in step.split()} & {"subscriptions", "keywords", "topics"}
