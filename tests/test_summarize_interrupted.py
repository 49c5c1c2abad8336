"""``nashra summarize --pending`` stopped by Ctrl-C or SIGTERM: it stops at once, says how far it got in
one line, exits as a shell reports that signal, and loses nothing it stored."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from digest_seed import SectionSeed, add_article

from nashra.storage import Database
from tests.nashra_process import takes_ctrl_c

REPO = Path(__file__).resolve().parent.parent
SECTIONS = 2000


def seed_backlog(db_path: Path) -> None:
    """One stored article of ``SECTIONS`` sections, none summarized yet."""
    lead = "شهدت مدينة حمص اليوم تطورات ميدانية متسارعة وفق ما أفادت به مصادر محلية متطابقة."

    async def seed() -> None:
        async with await Database.open(str(db_path)) as db:
            texts = [f"{lead} واندلعت اشتباكات في ريف حمص في اليوم {n}." for n in range(SECTIONS)]
            sections = [SectionSeed(text, ["SY"]) for text in texts]
            await add_article(
                db, title="حمص", source="عنب بلدي", url="https://a.example/1",
                published_at="2026-01-01T00:00:00Z", ingested_at="2026-01-01T00:00:00Z", sections=sections,
            )  # fmt: skip

    asyncio.run(seed())


def summarize_until_the_first_step_is_stored(db_path: Path) -> subprocess.Popen[str]:
    """`nashra summarize --pending` one section a step, started as a terminal's foreground job is;
    returned once it logged its first stored step."""
    command = [sys.executable, "-m", "nashra", "summarize", "--pending", "--batch", "1", "--db", str(db_path)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=takes_ctrl_c
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    while line and "summarized 1 sections" not in line:
        line = process.stderr.readline()
    assert line, "summarize ended before it stored a step"
    return process


def stored_summaries(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT COUNT(*) FROM summaries").fetchone()[0]


@pytest.mark.parametrize(
    ("sent", "status", "how"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)
def test_a_stop_signal_says_how_many_sections_were_summarized_and_how_many_are_left(
    tmp_path: Path, sent: signal.Signals, status: int, how: str
) -> None:
    db_path = tmp_path / "n.db"
    seed_backlog(db_path)
    process = summarize_until_the_first_step_is_stored(db_path)
    try:
        process.send_signal(sent)  # SIGINT: what Ctrl-C sends; SIGTERM: `timeout`, systemd, docker stop
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    stored = stored_summaries(db_path)
    assert 0 < stored < SECTIONS
    assert process.returncode == status
    lines = [line for line in err.splitlines() if "INFO" not in line]
    assert lines == [
        f"nashra summarize: {how} after summarizing {stored} sections with extractive; "
        f"{SECTIONS - stored} left pending; the summaries stored stay, and running the same command again "
        "summarizes the rest"
    ]
    assert out == ""


def test_running_again_after_an_interruption_summarizes_the_rest(tmp_path: Path) -> None:
    db_path = tmp_path / "n.db"
    seed_backlog(db_path)
    process = summarize_until_the_first_step_is_stored(db_path)
    try:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    stored = stored_summaries(db_path)

    rerun = subprocess.run(
        [sys.executable, "-m", "nashra", "summarize", "--pending", "--db", str(db_path)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert rerun.returncode == 0
    assert rerun.stdout.strip() == f"summarized {SECTIONS - stored} sections with extractive; 0 left"
    assert stored_summaries(db_path) == SECTIONS


def test_a_second_ctrl_c_adds_nothing_to_the_line(tmp_path: Path) -> None:
    db_path = tmp_path / "n.db"
    seed_backlog(db_path)
    process = summarize_until_the_first_step_is_stored(db_path)
    try:
        process.send_signal(signal.SIGINT)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    lines = [line for line in err.splitlines() if "INFO" not in line]
    assert len(lines) == 1 and lines[0].startswith("nashra summarize: interrupted after summarizing ")
    assert process.returncode == 130
    assert 0 < stored_summaries(db_path) < SECTIONS
