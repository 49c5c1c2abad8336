"""A digest composed for one subscriber alone is owed only at the state it was composed from.

Each subscriber row counts the changes to what its digest is composed from (``subscribers.revision``,
migration 0240: regions, language, format, keyword filters, topics); the commit compares it with the
revision read with the subscriber, and a subscriber that changed meanwhile is composed again from its
new state in the same cycle. The window (``last_digest_at``) is compared on its own and moves without
touching the revision.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from digest_seed import SectionSeed, add_article, add_subscribers

from nashra.config import Config
from nashra.digest import fanout
from nashra.digest.fanout import owe_digests
from nashra.storage import Database
from nashra.storage import db as db_module
from nashra.storage.db import migrations, to_db_time
from nashra.storage.digests import Audience, subscriber, subscribers_of
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore
from nashra.storage.preferences import PreferenceStore
from nashra.storage.subscribers import SubscriberStore

NOW = datetime.now(UTC)
CHAT = 7


async def _revision(db: Database, chat: int = CHAT) -> int:
    found = await subscriber(db, chat)
    assert found is not None
    return found.revision


async def _seed(db: Database) -> None:
    for n, (codes, summary) in enumerate(
        [
            (["SY"], "ارتفاع أسعار الخبز في دمشق"),
            (["LB"], "أعلنت بلدية بيروت خطة جديدة للسير"),
        ]
    ):
        await add_article(
            db, title=f"t{n}", source=f"مصدر {n}", url=f"https://x.example/{n}",
            published_at=to_db_time(NOW - timedelta(minutes=30 - n)),
            ingested_at=to_db_time(NOW - timedelta(minutes=20 - n)),
            sections=[SectionSeed(f"s{n}", codes, summary=summary)],
        )  # fmt: skip


async def _tailored(db: Database) -> None:
    """The stories, and the chat: Syria and Lebanon, the keyword «بيروت» (composed alone)."""
    await _seed(db)
    await add_subscribers(db, [(CHAT, ["SY", "LB"])])
    await PreferenceStore(db).add_keywords(CHAT, [("بيروت", "بيروت", False)])


async def _cycle(db: Database, slot: str = "digest:test") -> list[fanout.SlotTotals]:
    """One scheduled cycle at NOW over everyone due."""
    return await owe_digests(db, Config(), {slot: Audience(to_db_time(NOW))}, NOW)


Change = Callable[[Database], Awaitable[Any]]

CHANGES: dict[str, Change] = {
    "a region added": lambda db: SubscriberStore(db).add_codes(CHAT, ["LB"]),
    "a region removed": lambda db: SubscriberStore(db).remove_codes(CHAT, ["SY-DR"]),
    "the language": lambda db: SubscriberStore(db).set_language(CHAT, "en"),
    "the style": lambda db: PreferenceStore(db).set_format(CHAT, style="headlines"),
    "the item cap": lambda db: PreferenceStore(db).set_format(CHAT, max_items=3),
    "link previews": lambda db: PreferenceStore(db).set_format(CHAT, link_previews=True),
    "a keyword added": lambda db: PreferenceStore(db).add_keywords(CHAT, [("مطر", "مطر", False)]),
    "a keyword's mode": lambda db: PreferenceStore(db).add_keywords(CHAT, [("خبز", "خبز", True)]),
    "a keyword removed": lambda db: PreferenceStore(db).remove_keywords(CHAT, ["خبز"]),
    "a topic bound": lambda db: PreferenceStore(db).bind_topic(CHAT, 12, ["LB"]),
    "a topic moved": lambda db: PreferenceStore(db).bind_topic(CHAT, 13, ["SY"]),
    "a topic unbound": lambda db: PreferenceStore(db).unbind_topic(CHAT, 11),
}


@pytest.mark.parametrize("change", list(CHANGES))
async def test_each_change_to_what_a_digest_is_composed_from_counts(db: Database, change: str) -> None:
    await add_subscribers(db, [(CHAT, ["SY", "SY-DR"])])
    await PreferenceStore(db).add_keywords(CHAT, [("خبز", "خبز", False)])
    await PreferenceStore(db).bind_topic(CHAT, 11, ["SY"])
    before = await _revision(db)
    await CHANGES[change](db)
    assert await _revision(db) > before


# Each writes what the chat of the test below already holds.
SAME_VALUES: dict[str, Change] = {
    "the language": lambda db: SubscriberStore(db).set_language(CHAT, "ar"),
    "the style": lambda db: PreferenceStore(db).set_format(CHAT, style="full"),
    "the item cap": lambda db: PreferenceStore(db).set_format(CHAT, max_items=5),
    "link previews": lambda db: PreferenceStore(db).set_format(CHAT, link_previews=False),
    "a keyword's mode": lambda db: PreferenceStore(db).add_keywords(CHAT, [("خبز", "خبز", False)]),
    "a keyword's shown form": lambda db: PreferenceStore(db).add_keywords(CHAT, [("خبز", "خُبز", False)]),
    "a topic bound again": lambda db: PreferenceStore(db).bind_topic(CHAT, 11, ["SY"]),
}


async def _chat_with_preferences(db: Database) -> None:
    await add_subscribers(db, [(CHAT, ["SY", "SY-DR"])])
    await PreferenceStore(db).add_keywords(CHAT, [("خبز", "خبز", False)])
    await PreferenceStore(db).bind_topic(CHAT, 11, ["SY"])
    await PreferenceStore(db).set_format(CHAT, max_items=5)


@pytest.mark.parametrize("write", list(SAME_VALUES))
async def test_writing_the_value_already_held_leaves_the_revision(db: Database, write: str) -> None:
    await _chat_with_preferences(db)
    before = await _revision(db)
    await SAME_VALUES[write](db)
    assert await _revision(db) == before


async def test_a_database_from_before_same_value_writes_were_told_apart_counts_changes_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    monkeypatch.setattr(db_module, "migrations", lambda: [m for m in shipped if m[0] < 242])
    async with await Database.open(path) as old:
        await _chat_with_preferences(old)
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        assert 242 in await db.applied_migrations()
        before = await _revision(db)
        for write in SAME_VALUES.values():
            await write(db)
        assert await _revision(db) == before
        await CHANGES["a keyword's mode"](db)
        assert await _revision(db) == before + 1


async def test_a_cycle_moving_the_window_leaves_the_revision(db: Database) -> None:
    await _seed(db)
    await add_subscribers(db, [(CHAT, ["SY"])])
    before = await _revision(db)
    (totals,) = await _cycle(db)
    assert totals.subscribers == 1
    assert await _revision(db) == before


def _change_before_commit(monkeypatch: pytest.MonkeyPatch, db: Database, change: Change, times: int) -> None:
    """Make ``change`` before each of the first ``times`` commits of a one-by-one chunk, after its
    digests were composed."""
    commit = fanout.commit_slot
    left = [times]

    async def changing(*args: Any, **kwargs: Any) -> Any:
        if left[0] > 0:
            left[0] -= 1
            await change(db)
        return await commit(*args, **kwargs)

    monkeypatch.setattr(fanout, "commit_slot", changing)


async def _texts(db: Database) -> list[str]:
    return [row.text for row in await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 100)]


async def test_a_subscriber_that_changes_while_composed_gets_the_digest_of_its_new_state(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _tailored(db)
    _change_before_commit(monkeypatch, db, CHANGES["the language"], times=1)
    (totals,) = await _cycle(db)
    assert totals.subscribers == 1
    (text,) = await _texts(db)
    expected = await _composed_alone(db)
    assert text == expected


async def _composed_alone(db: Database) -> str:
    """The digest the subscriber's state now gives, composed by a fresh cycle on a copy of its row."""
    current = await subscriber(db, CHAT)
    assert current is not None and current.language == "en"
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM outbox")
        await conn.execute("UPDATE subscribers SET last_digest_at = NULL WHERE chat_id = ?", (CHAT,))
    fresh = await subscriber(db, CHAT)
    assert fresh is not None
    await owe_digests(db, Config(), {"digest:again": [fresh]}, NOW)
    (text,) = await _texts(db)
    return text


async def test_a_subscriber_that_keeps_changing_is_left_for_the_next_run(
    db: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await _tailored(db)

    async def toggle(db: Database) -> None:
        language = "en" if (await _language(db)) == "ar" else "ar"
        await SubscriberStore(db).set_language(CHAT, language)

    _change_before_commit(monkeypatch, db, toggle, times=fanout.RECOMPOSE_ROUNDS + 1)
    with caplog.at_level(logging.INFO, logger="nashra.digest.fanout"):
        (totals,) = await _cycle(db)
    assert (totals.subscribers, await _texts(db)) == (0, [])
    left = await subscriber(db, CHAT)
    assert left is not None and left.last_digest_at is None
    assert "kept changing while their digest was composed" in caplog.text


async def _language(db: Database) -> str:
    found = await subscriber(db, CHAT)
    assert found is not None
    return found.language


@pytest.mark.parametrize("changed_since", [False, True])
async def test_a_subscriber_owed_by_another_run_meanwhile_is_owed_only_what_came_after_it(
    db: Database, changed_since: bool
) -> None:
    # Composed again from the window the other run left it (nashra.digest.fanout._owed_short_of):
    # nothing was published since, so nothing more is sent.
    await _tailored(db)
    stale = await subscriber(db, CHAT)
    assert stale is not None
    await _cycle(db, "digest:first")
    if changed_since:
        await SubscriberStore(db).set_language(CHAT, "en")
    (totals,) = await owe_digests(db, Config(), {"digest:second": [stale]}, NOW + timedelta(seconds=5))
    assert totals.messages == 0
    assert len(await _texts(db)) == 1


async def test_a_subscriber_that_stops_and_starts_again_while_composed_never_gets_the_old_digest(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new subscription made by /stop then /start counts its changes afresh; the digest composed for
    the chat it replaced is not owed to it even when both made as many changes."""
    await _seed(db)
    subscribers = SubscriberStore(db)
    await subscribers.ensure(CHAT, "private", "ar")
    await subscribers.add_codes(CHAT, ["SY", "LB"])
    await PreferenceStore(db).add_keywords(CHAT, [("بيروت", "بيروت", False)])

    async def stop_and_start(db: Database) -> None:
        await subscribers.forget(CHAT)
        await subscribers.ensure(CHAT, "private", "en")
        await subscribers.add_codes(CHAT, ["SY", "LB"])
        await PreferenceStore(db).add_keywords(CHAT, [("بيروت", "بيروت", False)])

    _change_before_commit(monkeypatch, db, stop_and_start, times=1)
    await _cycle(db)
    (text,) = await _texts(db)
    assert text == await _composed_alone(db)


async def test_a_database_from_before_revisions_keeps_its_subscribers_and_their_digests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shipped = migrations()
    monkeypatch.setattr(db_module, "migrations", lambda: [m for m in shipped if m[0] < 240])
    async with await Database.open(path) as old:
        await _seed(old)
        await add_subscribers(old, [(CHAT, ["SY", "LB"]), (8, ["SY"])])
        await PreferenceStore(old).add_keywords(CHAT, [("بيروت", "بيروت", False)])
    monkeypatch.setattr(db_module, "migrations", lambda: shipped)
    async with await Database.open(path) as db:
        assert {240, 241} <= set(await db.applied_migrations())
        assert [(s.chat_id, s.revision) for s in await subscribers_of(db, [CHAT, 8])] == [(CHAT, 0), (8, 0)]
        _change_before_commit(monkeypatch, db, CHANGES["the language"], times=1)
        (totals,) = await _cycle(db)
        assert totals.subscribers == 2
        await SubscriberStore(db).forget(CHAT)
        await SubscriberStore(db).ensure(CHAT, "private")
        assert await _revision(db) >= 1 << 32


async def test_a_subscriber_that_left_every_region_while_composed_is_owed_nothing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _tailored(db)
    _change_before_commit(monkeypatch, db, lambda db: SubscriberStore(db).clear_codes(CHAT), times=1)
    (totals,) = await _cycle(db)
    assert (totals.subscribers, await _texts(db)) == (0, [])


async def test_a_change_then_another_process_owing_the_chat_leaves_one_digest_of_the_new_state(
    db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    await _tailored(db)

    async def change_then_owe_elsewhere(db: Database) -> None:
        await SubscriberStore(db).set_language(CHAT, "en")
        async with await Database.open(tmp_path / "nashra.db") as other:
            await _cycle(other, "digest:other")

    _change_before_commit(monkeypatch, db, change_then_owe_elsewhere, times=1)
    await _cycle(db)
    (text,) = await _texts(db)
    assert text == await _composed_alone(db)
