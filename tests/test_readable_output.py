"""Reports read as sentences: logs, /stats and `nashra digest --run`; --json keeps the machine form."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nashra.delivery.deliverer import DigestRunReport, slot_id, slot_label
from nashra.demo import ARTICLES_DIR
from nashra.storage import Database
from nashra.storage.subscribers import SubscriberStore
from tests.bot_harness import ADMIN, BotHarness, running_bot
from tests.nashra_process import run_nashra


def test_digest_report_reads_as_a_sentence() -> None:
    report = DigestRunReport(("digest:2026-05-12T08:00Z",), 3, 2, 4, 1)

    assert str(report) == (
        "3 subscribers due for the digest of 2026-05-12 08:00 UTC: "
        "2 digests owed in 4 messages, 1 empty (not sent)"
    )


def test_a_report_with_nobody_due_says_so() -> None:
    assert str(DigestRunReport((), 0, 0, 0, 0)) == "no subscriber was due for a digest"


def test_slot_is_shown_in_the_configured_time_zone() -> None:
    slot = slot_id(datetime(2026, 5, 12, 5, 0, tzinfo=UTC))

    assert slot_label(slot, ZoneInfo("Asia/Damascus")) == "2026-05-12 08:00 Asia/Damascus"


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(
        tmp_path, configure=lambda c: setattr(c.schedule, "timezone", "Asia/Baghdad")
    ) as bot:
        yield bot


async def test_stats_shows_the_last_digest_as_a_local_time(harness: BotHarness) -> None:
    await harness.say(41, "/subscribe درعا")
    assert harness.services.deliverer is not None
    await harness.services.deliverer.run_digest_cycle()

    reply = await harness.say(ADMIN, "/stats")

    assert "digest:" not in reply.plain_text
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d \(توقيت العراق\)", reply.plain_text)


@pytest.fixture(scope="module")
def stocked_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the sample articles and one subscriber (chat 1001, Daraa): a digest
    right after the ingest carries them."""
    folder = tmp_path_factory.mktemp("stocked")
    db_path = folder / "n.db"
    assert run_nashra("ingest", str(ARTICLES_DIR), "--db", str(db_path), cwd=folder).returncode == 0

    async def subscribe() -> None:
        async with await Database.open(db_path) as db:
            await SubscriberStore(db).ensure(1001, "private")
            await SubscriberStore(db).add_codes(1001, ["SY-DR"])

    asyncio.run(subscribe())
    return db_path


@pytest.fixture
def stocked(stocked_db: Path, tmp_path: Path) -> Path:
    """A config pointing at a copy of the stocked database, for one digest cycle."""
    shutil.copy(stocked_db, tmp_path / "n.db")
    config = tmp_path / "nashra.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "n.db"}"\n', encoding="utf-8")
    return config


def test_digest_run_prints_sentences(stocked: Path) -> None:
    result = run_nashra("--config", str(stocked), "digest", "--run", "--sandbox", cwd=stocked.parent)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"1 subscriber due for the digest of .+ UTC: 1 digest owed in 1 message\.", lines[0])
    assert re.fullmatch(r"Sent 1 message in \d+\.\d s\.", lines[1])


def test_digest_run_json_is_the_machine_form(stocked: Path) -> None:
    result = run_nashra(
        "--config", str(stocked), "digest", "--run", "--sandbox", "--json", cwd=stocked.parent
    )

    report = json.loads(result.stdout)
    assert (report["subscribers"], report["messages_owed"], report["sent"], report["pending"]) == (1, 1, 1, 0)
