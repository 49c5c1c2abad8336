"""Each subscriber row's ``profile`` (migration 0260) names its codes, language, style and item cap,
whatever changes them (its subscriptions, /lang, /format, a chat migration, a chat forgotten and
started again), and a database from before the migration gets it filled in: a digest cycle finds a
plain subscriber's edition by that id alone (nashra.storage.editions)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from digest_seed import add_subscribers

from nashra.storage import Database
from nashra.storage import db as db_module
from nashra.storage import profiles as profiles_module
from nashra.storage.db import migrations, utcnow
from nashra.storage.preferences import PreferenceStore
from nashra.storage.profiles import prune_profiles
from nashra.storage.subscribers import SubscriberStore

_VERSION = 260

Profile = tuple[str, str, str, int] | None


async def _profiles(db: Database) -> dict[int, Profile]:
    """chat id -> the (codes, language, style, max_items) its profile id names; None for no profile."""
    rows = await db.fetchall(
        "SELECT s.chat_id, s.profile, p.codes, p.language, p.style, p.max_items "
        "FROM subscribers s LEFT JOIN profiles p ON p.id = s.profile"
    )
    return {int(r[0]): None if r[1] is None else (r[2], r[3], r[4], int(r[5])) for r in rows}


async def _rows(db: Database) -> dict[int, Profile]:
    """chat id -> what its profile must name: its row's own columns; None when it has no codes."""
    rows = await db.fetchall("SELECT chat_id, codes, language, style, max_items FROM subscribers")
    return {int(r[0]): None if r[1] is None else (r[1], r[2], r[3], int(r[4] or 0)) for r in rows}


async def _ids(db: Database) -> dict[int, int | None]:
    return {int(r[0]): r[1] for r in await db.fetchall("SELECT chat_id, profile FROM subscribers")}


async def test_chats_with_the_same_regions_language_and_format_share_one_profile(db: Database) -> None:
    store = SubscriberStore(db)
    await add_subscribers(db, [(1, ["SY", "LB"]), (2, ["LB", "SY"]), (3, ["SY"])])
    await add_subscribers(db, [(4, ["SY", "LB"])], language="en")
    ids = await _ids(db)
    assert ids[1] == ids[2]
    assert len({ids[1], ids[3], ids[4]}) == 3
    await store.add_codes(3, ["LB"])
    assert (await _ids(db))[3] == ids[1]


async def test_a_chat_without_regions_has_no_profile(db: Database) -> None:
    store = SubscriberStore(db)
    await store.ensure(1, "private")
    assert await _ids(db) == {1: None}
    await store.add_codes(1, ["SY"])
    await store.remove_codes(1, ["SY"])
    assert await _ids(db) == {1: None}


async def test_the_profile_follows_regions_language_style_and_item_cap(db: Database) -> None:
    store, preferences = SubscriberStore(db), PreferenceStore(db)
    await add_subscribers(db, [(1, ["SY"])])
    assert await _profiles(db) == {1: ("SY", "ar", "full", 0)}
    await store.add_codes(1, ["LB"])
    assert await _profiles(db) == {1: ("LB SY", "ar", "full", 0)}
    await store.set_language(1, "en")
    assert await _profiles(db) == {1: ("LB SY", "en", "full", 0)}
    await preferences.set_format(1, style="headlines")
    assert await _profiles(db) == {1: ("LB SY", "en", "headlines", 0)}
    await preferences.set_format(1, max_items=3)
    assert await _profiles(db) == {1: ("LB SY", "en", "headlines", 3)}
    await store.remove_codes(1, ["SY"])
    assert await _profiles(db) == {1: ("LB", "en", "headlines", 3)}


async def test_link_previews_and_the_window_leave_the_profile_as_it_is(db: Database) -> None:
    await add_subscribers(db, [(1, ["SY"])])
    before = await _ids(db)
    await PreferenceStore(db).set_format(1, link_previews=True)
    async with db.transaction() as conn:
        await conn.execute("UPDATE subscribers SET last_digest_at = ? WHERE chat_id = 1", (utcnow(),))
    assert await _ids(db) == before


async def test_a_forgotten_chat_that_comes_back_gets_the_profile_of_its_new_regions(db: Database) -> None:
    store = SubscriberStore(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["LB"])])
    await store.forget(1)
    await store.ensure(1, "private")
    assert (await _ids(db))[1] is None
    await store.add_codes(1, ["LB"])
    ids = await _ids(db)
    assert ids[1] == ids[2]


async def test_a_group_that_became_a_supergroup_keeps_its_profile_under_the_new_id(db: Database) -> None:
    await add_subscribers(db, [(-5, ["SY", "LB"])], kind="group")
    await add_subscribers(db, [(-1006, ["EG"])], kind="supergroup")
    await add_subscribers(db, [(-6, ["LB"])], kind="group")
    store = SubscriberStore(db)
    assert await store.migrate_chat(-5, -1005)  # moved by cascade
    assert await store.migrate_chat(-6, -1006)  # its codes added to those of the known supergroup
    assert await _profiles(db) == {-1005: ("LB SY", "ar", "full", 0), -1006: ("EG LB", "ar", "full", 0)}


async def test_a_program_writing_the_profile_is_overruled_by_the_row(db: Database) -> None:
    await add_subscribers(db, [(1, ["SY"]), (2, ["LB"])])
    ids = await _ids(db)
    async with db.transaction() as conn:
        await conn.execute("UPDATE subscribers SET profile = ? WHERE chat_id = 1", (ids[2],))
    assert await _ids(db) == ids


async def test_the_profile_names_the_row_after_any_sequence_of_changes(db: Database) -> None:
    store, preferences = SubscriberStore(db), PreferenceStore(db)
    rng = random.Random(260)
    chats = [1, 2, 3, -5, -6]
    regions = ["SY", "LB", "EG", "SY-DR", "IQ"]
    for step in range(200):
        chat, action = rng.choice(chats), rng.random()
        known = await store.get(chat) is not None
        if action < 0.3:
            await store.ensure(chat, "group" if chat < 0 else "private")
            await store.add_codes(chat, rng.sample(regions, rng.randint(1, 3)))
        elif action < 0.45:
            await store.remove_codes(chat, rng.sample(regions, rng.randint(1, 3)))
        elif action < 0.55 and known:
            await store.set_language(chat, rng.choice(["ar", "en"]))
        elif action < 0.7 and known:
            await preferences.set_format(
                chat, style=rng.choice(["full", "headlines"]), max_items=rng.choice([None, 2, 5])
            )
        elif action < 0.8 and known:
            await preferences.set_format(chat, link_previews=rng.random() < 0.5)
        elif action < 0.9:
            await store.forget(chat)
        elif chat < 0:  # a group becomes a supergroup, sometimes one the bot already knows
            await store.migrate_chat(chat, rng.choice([-1000 + chat, -1000 + rng.choice([-5, -6])]))
        assert await _profiles(db) == await _rows(db), f"profiles after step {step}"


async def test_a_database_from_before_the_profiles_gets_them_filled_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    monkeypatch.setattr(db_module, "migrations", lambda: [m for m in shipped if m[0] < _VERSION])
    async with await Database.open(path) as old:
        await add_subscribers(old, [(1, ["SY", "LB"]), (2, ["LB", "SY"])])
        await add_subscribers(old, [(3, ["SY"])], language="en")
        await SubscriberStore(old).ensure(4, "private")
        await PreferenceStore(old).set_format(3, max_items=4)
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        assert _VERSION in await db.applied_migrations()
        assert await _profiles(db) == {
            1: ("LB SY", "ar", "full", 0),
            2: ("LB SY", "ar", "full", 0),
            3: ("SY", "en", "full", 4),
            4: None,
        }
        await SubscriberStore(db).add_codes(4, ["EG"])  # and the triggers keep them from then on
        assert await _profiles(db) == await _rows(db)


async def test_the_prune_deletes_the_profiles_nobody_holds_and_never_gives_their_ids_again(
    db: Database,
) -> None:
    store = SubscriberStore(db)
    await add_subscribers(db, [(1, ["SY"]), (2, ["LB"])])
    lebanon = (await _ids(db))[2]
    await store.add_codes(2, ["EG"])  # nobody holds "LB" any more
    assert await prune_profiles(db) == 1
    assert await prune_profiles(db) == 0
    assert await _profiles(db) == await _rows(db)
    await store.remove_codes(2, ["EG"])  # "LB" again: a new id, not the pruned one
    assert await _profiles(db) == {1: ("SY", "ar", "full", 0), 2: ("LB", "ar", "full", 0)}
    assert (await _ids(db))[2] not in {lebanon, None}


async def test_the_prune_goes_through_every_batch_of_profiles_and_keeps_those_held(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(profiles_module, "PRUNE_BATCH", 2)
    store = SubscriberStore(db)
    await add_subscribers(db, [(chat, [code]) for chat, code in enumerate(["SY", "LB", "EG", "IQ", "JO"], 1)])
    for chat in (1, 3, 5):
        await store.add_codes(chat, ["QA"])  # their old profiles, in three batches, are held by nobody
    assert await prune_profiles(db) == 3
    assert await _profiles(db) == await _rows(db)
    assert tuple(await db.fetchone("SELECT count(*) FROM profiles")) == (5,)


async def test_the_prune_finds_the_holders_of_a_profile_by_an_index_not_by_reading_every_subscriber(
    db: Database,
) -> None:
    statements: list[str] = []
    await add_subscribers(db, [(1, ["SY"])])
    await db._conn.set_trace_callback(statements.append)
    await prune_profiles(db)
    await db._conn.set_trace_callback(None)
    deletes = [s for s in statements if s.startswith("DELETE FROM profiles")]
    assert deletes, "the prune deleted nothing"
    for statement in deletes:
        plan = " | ".join(row[3] for row in await db.fetchall(f"EXPLAIN QUERY PLAN {statement}"))
        assert "SCAN s" not in plan and "SCAN subscribers" not in plan, plan
