"""A digest run counts its own outbox rows, and only them, whoever else owes or sends meanwhile.

``nashra digest --run`` reports how many of the messages it owed are pending or failed, and while
another process holds the sender lease it waits for that many to go out. Another process (the bot's
scheduled cycle or a /digest, a second ``nashra digest``) may owe rows under the very same window key:
the key is the run's minute and its cutoff second, and two runs in one second share both. So a run's
rows are the id ranges its own transactions wrote.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from digest_seed import add_recent_story, add_subscribers
from query_plans import plan_of
from telegram import Bot

from nashra.cli import main
from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.delivery import deliverer as deliverer_module
from nashra.delivery.lease import SenderLease
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.digests import Audience, commit_slot, subscriber
from nashra.storage.outbox import PRIORITY_BROADCAST, NewMessage, OutboxStore, Outcome
from tests.database_template import open_database
from tests.nashra_process import NASHRA, clean_env, run_nashra

TOKEN = "123456:run-counts-test-token-aaaaaaaaaaaaaaaaaaaaaaa"
SLOT = "digest:2026-11-30T08:00Z"
CUTOFF = "2026-11-30T08:00:12+00:00"


@pytest.fixture
async def two(tmp_path: Path) -> AsyncIterator[tuple[Database, Database]]:
    """Two connections to one database file, as two processes (``nashra digest``, ``nashra run``)."""
    path = tmp_path / "nashra.db"
    async with await Database.open(path) as first, await Database.open(path) as second:
        yield first, second


async def _revision(db: Database, chat: int) -> int:
    found = await subscriber(db, chat)
    assert found is not None
    return found.revision


async def _commit(db: Database, chat: int) -> tuple[int, int]:
    """Owe ``chat`` one message under the shared window key; the ids written."""
    added, owed, ids = await commit_slot(
        db,
        slot=SLOT,
        started_at=CUTOFF,
        cutoff=CUTOFF,
        windows=[(chat, None, await _revision(db, chat))],
        parts=[(chat, 0, "خبر", None)],
    )
    assert (added, owed) == (1, {chat}) and ids is not None
    return ids


async def test_a_run_does_not_count_the_rows_another_process_owed_in_the_same_second(
    two: tuple[Database, Database],
) -> None:
    mine, theirs = two
    now = datetime.now(UTC).replace(microsecond=0)
    await add_recent_story(mine)
    await add_subscribers(mine, [(1, ["SY"])])
    cli = Deliverer(Bot(TOKEN), mine, Config())
    report = await cli.run_digest_cycle(now)
    # In the same second, the bot owes /digest to a chat that has just subscribed: the same window key.
    await add_subscribers(theirs, [(2, ["SY"])])
    bot = await Deliverer(Bot(TOKEN), theirs, Config()).digest_now(2, now)
    keys = await mine.fetchall("SELECT DISTINCT slot FROM outbox")
    assert (report.messages, bot.messages, len(keys)) == (1, 1, 1)
    assert await cli.outbox.states_of(report.rows) == {
        "pending": 1,
        "sent": 0,
        "blocked": 0,
        "failed": 0,
        "held": 0,
    }
    assert await cli.outbox.pending_of(report.rows) == 1


async def test_a_chunks_ids_are_the_rows_it_wrote_between_another_processes_rows(
    two: tuple[Database, Database],
) -> None:
    mine, theirs = two
    await add_subscribers(mine, [(1, ["SY"]), (2, ["SY"]), (3, ["SY"])])
    first = await _commit(mine, 1)
    await _commit(theirs, 2)
    last = await _commit(mine, 3)
    store = OutboxStore(mine)
    ids = await mine.fetchall("SELECT id FROM outbox WHERE chat_id IN (1, 3) ORDER BY id")
    assert [first, last] == [(ids[0]["id"],) * 2, (ids[1]["id"],) * 2]
    assert (await store.states_of([first, last]))["pending"] == 2


async def test_a_runs_counts_follow_its_rows_as_they_are_settled_or_withdrawn(db: Database) -> None:
    await add_subscribers(db, [(chat, ["SY"]) for chat in (1, 2, 3, 4)])
    ranges = [await _commit(db, chat) for chat in (1, 2, 3, 4)]
    store = OutboxStore(db)
    await store.record([Outcome(ranges[0][0], "sent", 1, message_id=7), Outcome(ranges[1][0], "failed", 3)])
    async with db.transaction() as conn:  # chat 4 said /stop: its pending message is withdrawn
        await conn.execute("DELETE FROM outbox WHERE chat_id = 4")
    assert await store.states_of(ranges) == {"pending": 1, "sent": 1, "blocked": 0, "failed": 1, "held": 0}
    assert await store.pending_of(ranges) == 1


async def test_a_run_without_rows_counts_none(db: Database) -> None:
    store = OutboxStore(db)
    assert await store.states_of([]) == {"pending": 0, "sent": 0, "blocked": 0, "failed": 0, "held": 0}
    assert await store.pending_of([]) == 0


async def test_a_runs_states_are_read_by_primary_key(db: Database) -> None:
    plan = await plan_of(db, OutboxStore(db).states_of([(7, 9), (20, 40)]), "outbox")
    assert "SEARCH o USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)" in plan


async def test_what_a_run_waits_for_is_read_from_the_pending_rows_index_alone(db: Database) -> None:
    # Polled once a second while another process sends a million rows: only what is left is read.
    plan = await plan_of(db, OutboxStore(db).pending_of([(7, 9), (20, 40)]), "outbox")
    assert "SEARCH o USING INDEX outbox_pending (priority=? AND id>? AND id<?)" in plan


async def test_the_digest_command_reports_its_own_rows_beside_another_processes(
    two: tuple[Database, Database],
) -> None:
    mine, theirs = two
    await add_recent_story(mine)
    await add_subscribers(mine, [(1, ["SY"]), (2, ["SY"])])
    cli = Deliverer(Bot(TOKEN), mine, Config())
    report = await cli.run_digest_cycle()
    await add_subscribers(theirs, [(3, ["SY"])])
    await Deliverer(Bot(TOKEN), theirs, Config()).digest_now(3)
    other = await theirs.fetchone("SELECT id FROM outbox WHERE chat_id = 3")
    assert other is not None
    await OutboxStore(theirs).record([Outcome(int(other["id"]), "failed", 3)])
    assert await cli.outbox.states_of(report.rows) == {
        "pending": 2,
        "sent": 0,
        "blocked": 0,
        "failed": 0,
        "held": 0,
    }


async def test_a_chunks_ids_leave_out_rows_written_past_a_sequence_edited_by_hand(db: Database) -> None:
    await add_subscribers(db, [(1, ["SY"]), (2, ["SY"])])
    theirs = await _commit(db, 1)
    async with db.transaction() as conn:  # a database whose sqlite_sequence row was removed
        await conn.execute("DELETE FROM sqlite_sequence WHERE name = 'outbox'")
    mine = await _commit(db, 2)
    assert mine[0] > theirs[1]


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "nashra.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "n.db"}"\n', encoding="utf-8")
    return config


async def _stock(path: Path, chats: list[int], leftover: bool) -> None:
    """A story for ``chats``; with ``leftover``, a broadcast an earlier run left pending to chat 1."""
    async with await open_database(path) as db:
        await add_recent_story(db)
        await add_subscribers(db, [(chat, ["SY"]) for chat in chats])
        if leftover:
            await OutboxStore(db).add([NewMessage(1, "broadcast", "b1", 0, "إعلان", PRIORITY_BROADCAST)])


async def test_the_digest_command_reports_its_own_messages_apart_from_what_it_sent_for_others(
    tmp_path: Path,
) -> None:
    config = _config(tmp_path)
    await _stock(tmp_path / "n.db", [1], leftover=True)
    result = await asyncio.to_thread(
        run_nashra, "--config", str(config), "digest", "--run", "--sandbox", "--json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["messages_owed"], report["sent"], report["sent_by_this_process"]) == (1, 1, 2)


async def test_the_digest_command_counts_its_messages_another_process_sent(tmp_path: Path) -> None:
    config = _config(tmp_path)
    await _stock(tmp_path / "n.db", [1, 2], leftover=False)
    lease = SenderLease(str(tmp_path / "n.db"), "nashra run")  # the running bot sends, not the command
    assert lease.acquire()
    try:
        command = await asyncio.create_subprocess_exec(
            str(NASHRA), "--config", str(config), "digest", "--run", "--sandbox", "--json", "--timeout", "60",
            cwd=tmp_path, env=clean_env(), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        async with await Database.open(tmp_path / "n.db") as db:
            store = OutboxStore(db)
            for _ in range(600):  # what the bot does with the rows the command owes: send them
                rows = await db.fetchall("SELECT id FROM outbox WHERE state = 'pending'")
                if len(rows) == 2:
                    await store.record([Outcome(int(row["id"]), "sent", 1, message_id=9) for row in rows])
                    break
                await asyncio.sleep(0.1)
        out, err = await asyncio.wait_for(command.communicate(), 60)
    finally:
        lease.release()
    assert command.returncode == 0, err.decode()
    report = json.loads(out)
    assert (report["messages_owed"], report["sent"], report["pending"]) == (2, 2, 0)
    assert report["sent_by_this_process"] == 0


async def test_the_digest_command_says_what_became_of_its_messages_when_it_sent_others_too(
    tmp_path: Path,
) -> None:
    config = _config(tmp_path)
    await _stock(tmp_path / "n.db", [1], leftover=True)
    result = await asyncio.to_thread(
        run_nashra, "--config", str(config), "digest", "--run", "--sandbox", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    sent = result.stdout.splitlines()[1]
    assert re.fullmatch(r"Sent 2 messages in \d+\.\d s; of the 1 message this run owed, 1 went out\.", sent)


async def test_what_a_sender_inherited_is_counted_from_the_pending_rows_index(db: Database) -> None:
    plan = await plan_of(db, OutboxStore(db).pending_count(through=1000), "outbox")
    assert plan == "SCAN outbox USING INDEX outbox_pending"


def test_the_digest_command_does_not_count_what_another_process_owed_after_it_was_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path)
    asyncio.run(_stock(tmp_path / "n.db", [1], leftover=False))
    stop = Deliverer.stop

    async def owed_elsewhere_then_stop(self: Deliverer) -> None:
        # Once this run has sent everything, another process (the bot's /digest) owes a message; the
        # lease is still held here, so that process leaves the sending to the next holder.
        with sqlite3.connect(tmp_path / "n.db") as other:
            other.execute(
                "INSERT INTO outbox (chat_id, kind, slot, part, text, created_at, updated_at) "
                "VALUES (2, 'digest', 'x/y', 0, 'خبر', '', '')"
            )
        await stop(self)

    monkeypatch.setattr(Deliverer, "stop", owed_elsewhere_then_stop)
    assert main(["--config", str(config), "digest", "--run", "--sandbox", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["sent"], report["pending"]) == (1, 0)


async def test_a_run_counts_the_digests_it_owed_by_reference_whoever_writes_their_rows(
    two: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = two
    await add_recent_story(mine)
    await add_subscribers(mine, [(1, ["SY"]), (2, ["SY"])])
    owe = deliverer_module.owe_digests

    async def then_the_other_sender_writes_them(*args: Any, **kwargs: Any) -> Any:
        totals = await owe(*args, **kwargs)
        # ``nashra run``'s sender, its queue low, writes the rows of what this run has just owed.
        await OutboxStore(theirs).owe_all()
        return totals

    monkeypatch.setattr(deliverer_module, "owe_digests", then_the_other_sender_writes_them)
    report = await Deliverer(Bot(TOKEN), mine, Config()).run_digest_cycle()
    states = await OutboxStore(mine).states_of(report.rows)
    assert (report.messages, states["pending"]) == (2, 2)


async def test_a_run_does_not_count_the_digests_another_process_owed_by_reference_meanwhile(
    two: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = two
    await add_recent_story(mine)
    await add_subscribers(mine, [(1, ["SY"])])
    owe = deliverer_module.owe_digests

    async def then_the_other_process_runs_a_cycle(*args: Any, **kwargs: Any) -> Any:
        totals = await owe(*args, **kwargs)
        # ``nashra run``'s scheduled cycle owes a group that has just subscribed, by reference.
        await add_subscribers(theirs, [(-2, ["SY"])], kind="group")
        now = datetime.now(UTC)
        (other,) = await owe(theirs, Config(), {"digest:other": Audience(to_db_time(now))}, now)
        assert other.messages == 1
        return totals

    monkeypatch.setattr(deliverer_module, "owe_digests", then_the_other_process_runs_a_cycle)
    report = await Deliverer(Bot(TOKEN), mine, Config()).run_digest_cycle()
    counted = await OutboxStore(mine).states_of(report.rows)
    assert (report.messages, counted["pending"]) == (1, 1)
