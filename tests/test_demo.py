"""``nashra demo`` as a new user runs it: digests for several subscribers, each with its own regions only."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest

from nashra.cli import main
from nashra.config import TOKEN_ENV, Config
from nashra.demo import ARTICLES_DIR, DEMO_SUBSCRIBERS, DemoSubscriber, run_demo
from nashra.regions import tag_text
from nashra.storage import Database
from nashra.storage.outbox import NewMessage, OutboxStore
from nashra.storage.subscribers import SubscriberStore
from tests.nashra_process import run_nashra

_HEADER = re.compile(r"^Subscriber (?P<name>.+) \(chat (?P<chat>\d+), (?P<lang>ar|en)\)$", re.MULTILINE)


@pytest.fixture(autouse=True)
def new_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fresh folder with no config file, no token and no model configured."""
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    monkeypatch.delenv("NASHRA_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def covers(codes: tuple[str, ...], code: str) -> bool:
    """Whether following ``codes`` makes ``code`` expected in a digest (itself, a subdivision, a parent)."""
    country = code.split("-")[0]
    return code in codes or country in codes or any(c.split("-")[0] == code for c in codes)


def foreign_codes(subscriber: DemoSubscriber, text: str) -> set[str]:
    """Region codes in ``text`` that belong to another demo subscriber and not to this one."""
    others = [s for s in DEMO_SUBSCRIBERS if s is not subscriber]
    found = tag_text(text)
    return {
        code
        for code in found
        if not covers(subscriber.codes, code) and any(covers(o.codes, code) for o in others)
    }


def digests_in(output: str) -> dict[int, str]:
    """The printed digest of each subscriber, keyed by chat id (header lines excluded)."""
    headers = list(_HEADER.finditer(output))
    digests = {}
    for i, header in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else output.rindex("─" * 72)
        body = output[header.end() : end].split("\n", 3)[-1]  # drop "follows: …" and the rule under it
        digests[int(header.group("chat"))] = body
    return digests


def test_demo_prints_each_subscribers_own_digest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["demo", "--db", str(tmp_path / "demo.db")])

    out = capsys.readouterr().out
    assert status == 0
    assert "built-in extractive fallback" in out
    digests = digests_in(out)
    assert len(digests) >= 3
    for subscriber in DEMO_SUBSCRIBERS:
        digest = digests[subscriber.chat_id]
        assert "•" in digest, f"{subscriber.name} received no news"
        assert not foreign_codes(subscriber, digest), f"{subscriber.name} got others' regions"
    assert "درعا" in digests[1001] and "الموصل" not in digests[1001]
    assert "الموصل" in digests[1002] and "درعا" not in digests[1002]
    assert "بنغازي" in digests[1003] and "تعز" in digests[1003] and "بيروت" not in digests[1003]
    assert (tmp_path / "demo.db").exists(), "a database given with --db is kept"


def test_demo_without_db_leaves_nothing_behind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["demo"])

    out = capsys.readouterr().out
    temporary = Path(re.search(r"database (\S+demo\.db)", out).group(1))
    assert status == 0
    assert not temporary.parent.exists()


async def test_digests_travel_through_the_bot_api_and_match_subscriptions(tmp_path: Path) -> None:
    result = await run_demo(Config(), tmp_path / "demo.db", say=lambda line: None)

    assert result.articles == len(list(ARTICLES_DIR.glob("*.txt"))) + sum(
        1 for f in ARTICLES_DIR.glob("*.jsonl") for line in f.read_text(encoding="utf-8").splitlines() if line
    )
    assert result.sections_summarized > 0
    assert result.delivered == result.messages_owed >= len(DEMO_SUBSCRIBERS)
    assert result.bot_api_calls >= result.delivered
    for subscriber, texts in result.digests:
        assert texts, f"{subscriber.name} received nothing"
        assert not foreign_codes(subscriber, "\n".join(texts))


def test_every_sample_article_names_a_region() -> None:
    from nashra.articles.analysis import analyze
    from nashra.articles.files import read_article_file

    files = sorted(ARTICLES_DIR.iterdir())
    assert len(files) >= 6
    for file in files:
        for article in read_article_file(file, 1_000_000):
            assert not isinstance(article, Exception), article
            analysed = analyze(article)
            assert analysed.sections and analysed.sections[0].regions, f"{file.name}: {article.title}"


@pytest.fixture(scope="module")
def delivered_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One `nashra demo --db FILE --verbose` run, as a person runs it; its database and what it printed."""
    folder = tmp_path_factory.mktemp("demo")
    first = run_nashra("demo", "--db", "demo.db", "--verbose", cwd=folder)
    assert first.returncode == 0, first.stderr[-2000:]
    return folder / "demo.db", first


def _subscriber_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM subscribers").fetchone()[0]


def test_demo_run_again_says_it_was_delivered_and_succeeds(
    delivered_demo: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, first = delivered_demo

    again = run_nashra("demo", "--db", db.name, cwd=db.parent)

    assert again.returncode == 0, again.stderr
    assert "already delivered; showing what the subscribers received" in again.stdout
    assert digests_in(again.stdout) == digests_in(first.stdout)


def test_demo_run_again_does_not_create_its_subscribers_again(
    delivered_demo: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, _ = delivered_demo

    run_nashra("demo", "--db", db.name, cwd=db.parent)

    assert _subscriber_count(db) == len(DEMO_SUBSCRIBERS)


def test_verbose_demo_shows_nashras_debug_lines_not_library_internals(
    delivered_demo: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, first = delivered_demo
    lines = first.stderr.splitlines()

    assert any(" DEBUG   nashra." in line for line in lines)
    assert not [line for line in lines if " DEBUG " in line and " nashra." not in line]
    assert not any("aiosqlite" in line for line in lines)


def a_real_bots_database(path: Path) -> None:
    """A database as `nashra run` leaves it: a subscriber following Daraa, and a digest still owed."""

    async def fill() -> None:
        async with await Database.open(path) as db:
            await SubscriberStore(db).ensure(555_000_111, "private")
            await SubscriberStore(db).add_codes(555_000_111, ["SY-DR"])
            await OutboxStore(db).add([NewMessage(555_000_111, "digest", "digest:2026-01-01T08:00Z", 0, "x")])

    asyncio.run(fill())


def test_demo_refuses_a_database_holding_a_real_bots_subscribers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "nashra.db"
    a_real_bots_database(database)

    status = main(["demo", "--db", str(database)])

    assert status == 2
    assert f"nashra: {database} is not a demo database: it holds 1 subscribers" in capsys.readouterr().err
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT state FROM outbox").fetchall() == [("pending",)]
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone() == (0,)
        assert conn.execute("SELECT chat_id FROM subscribers").fetchall() == [(555_000_111,)]


def test_demo_prints_its_steps_not_the_services_info_logs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--db", str(tmp_path / "demo.db")]) == 0

    printed = capsys.readouterr()
    lines = (printed.out + printed.err).splitlines()
    assert not [line for line in lines if " INFO " in line], "INFO log lines in the demo's output"
    assert any(line.startswith("1. read ") for line in lines)
