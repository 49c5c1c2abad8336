"""``nashra digest --preview`` reads region names as a subscriber would type them."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from digest_seed import add_recent_story, add_subscribers

from nashra.cli import main
from nashra.delivery.lease import SenderLease
from nashra.storage.db import to_db_time
from nashra.storage.outbox import PRIORITY_BROADCAST, NewMessage, OutboxStore
from tests.database_template import open_database

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    config = tmp_path / "nashra.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "n.db"}"\n', encoding="utf-8")
    assert main(["--config", str(config), "ingest", str(ARTICLES)]) == 0
    return config


def test_preview_accepts_arabic_names(config_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--config", str(config_file), "digest", "--preview", "--regions", "اليمن"]) == 0
    out = capsys.readouterr().out
    assert "📍" in out and "اليمن" in out


def test_preview_of_a_region_without_news_prints_nothing(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--config", str(config_file), "digest", "--preview", "--regions", "KM"]) == 0
    assert "📍" not in capsys.readouterr().out


def test_misspelt_region_is_refused_with_suggestions(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config_file), "digest", "--preview", "--regions", "درعة"]) == 2
    assert "did you mean Daraa (Syria) [SY-DR]" in capsys.readouterr().err


def test_a_name_of_several_regions_is_refused_as_shared_not_unknown(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config_file), "digest", "--preview", "--regions", "طرابلس"]) == 2
    assert capsys.readouterr().err == (
        "nashra digest: 'طرابلس' names several regions: Tripoli (Libya) [LY-TB], "
        "Tripoli — North Lebanon (Lebanon) [LB-AS]; give one's code, or the name followed by its country\n"
    )


def test_regions_too_long_to_read_are_refused_as_such_not_echoed_as_one_unknown_region(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    regions = "درعا، " * 300
    assert main(["--config", str(config_file), "digest", "--preview", "--regions", regions]) == 2
    assert capsys.readouterr().err == (
        "nashra digest: --regions holds more than 200 words: name fewer regions\n"
    )


def test_regions_that_are_a_sentence_naming_nothing_are_refused_as_no_list(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    regions = "hello how are you doing today my friend i hope all is well with you"
    assert main(["--config", str(config_file), "digest", "--preview", "--regions", regions]) == 2
    assert capsys.readouterr().err.startswith("nashra digest: --regions is no list of region names")


def test_a_suggestion_names_the_town_matched_as_the_bot_does(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config_file), "digest", "--preview", "--regions", "مريخ"]) == 2
    assert "did you mean Muris — Ad-Dali (Yemen) [YE-DA]?" in capsys.readouterr().err


def test_run_without_a_token_says_how_to_use_the_sandbox(
    config_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NASHRA_TELEGRAM_TOKEN", raising=False)
    assert main(["--config", str(config_file), "digest", "--run"]) == 2
    assert "--sandbox" in capsys.readouterr().err


def test_run_while_the_bot_api_is_unreachable_keeps_the_digests_owed_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "n.db"
    config = tmp_path / "nashra.toml"
    # Nothing listens on port 9 of this machine: every call is refused, as when Telegram is unreachable.
    config.write_text(
        f'[database]\npath = "{database}"\n[telegram]\nbase_url = "http://127.0.0.1:9/bot"\n',
        encoding="utf-8",
    )
    asyncio.run(_seed(database))
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", "123456:unreachable-test-token-aaaaaaaaaaaaaaaaaa")
    assert main(["--config", str(config), "digest", "--run", "--timeout", "5"]) == 1
    assert "cannot reach the Bot API" in capsys.readouterr().err
    with sqlite3.connect(database) as conn:
        pending = conn.execute(
            "SELECT COUNT(*) FROM outbox WHERE chat_id = 1 AND state = 'pending'"
        ).fetchone()
    assert pending[0] == 1, "the digest was not kept for the next sender"


async def _seed(database: Path) -> None:
    async with await open_database(database) as db:
        await add_recent_story(db)
        await add_subscribers(db, [(1, ["SY"])])


def test_run_does_not_wait_for_messages_telegram_deferred_past_its_timeout(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = config_file.parent / "n.db"
    asyncio.run(_owe_deferred(database))
    started = time.monotonic()
    assert main(["--config", str(config_file), "digest", "--run", "--sandbox", "--timeout", "60"]) == 1
    assert time.monotonic() - started < 30, "waited for a message due after the timeout"
    assert "1 messages still pending" in capsys.readouterr().err


async def _owe_deferred(database: Path) -> None:
    """A message to a chat Telegram asked to wait two hours (a 429 of an earlier run)."""
    later = to_db_time(datetime.now(UTC) + timedelta(hours=2))
    async with await open_database(database) as db:
        await add_subscribers(db, [(1, ["KM"])])
        await OutboxStore(db).add([NewMessage(1, "broadcast", "b1", 0, "إعلان", PRIORITY_BROADCAST)])
        async with db.transaction() as conn:
            await conn.execute("UPDATE outbox SET not_before = ?", (later,))


def test_run_next_to_a_sender_that_owes_nothing_still_says_who_sends(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lease = SenderLease(str(config_file.parent / "n.db"), "nashra run")  # what a running bot holds
    assert lease.acquire()
    try:
        assert main(["--config", str(config_file), "digest", "--run", "--sandbox", "--timeout", "10"]) == 0
    finally:
        lease.release()
    assert "(nashra run) is sending from this database; this run owed nothing new" in capsys.readouterr().err


def test_preview_of_a_missing_database_says_so_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "nashr.db"
    assert main(["digest", "--preview", "--regions", "SY", "--db", str(typo)]) == 2
    assert capsys.readouterr().err.strip() == f"nashra digest: database {typo} does not exist"
    assert not typo.exists()
