"""``nashra summarize --pending`` stopped by Ctrl-C or SIGTERM: it stops at once, says how far it got in
one line, exits as a shell reports that signal, and loses nothing it stored."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from digest_seed import SectionSeed, add_article
from tiny_models import TinyModels, tiny_models_once

from tests.database_template import open_database
from tests.nashra_process import takes_ctrl_c, wait_on

REPO = Path(__file__).resolve().parent.parent
SECTIONS = 2000


def seed_backlog(db_path: Path) -> None:
    """One stored article of ``SECTIONS`` sections, none summarized yet."""
    lead = "شهدت مدينة حمص اليوم تطورات ميدانية متسارعة وفق ما أفادت به مصادر محلية متطابقة."

    async def seed() -> None:
        async with await open_database(db_path) as db:
            texts = [f"{lead} واندلعت اشتباكات في ريف حمص في اليوم {n}." for n in range(SECTIONS)]
            sections = [SectionSeed(text, ["SY"]) for text in texts]
            await add_article(
                db, title="حمص", source="عنب بلدي", url="https://a.example/1",
                published_at="2026-01-01T00:00:00Z", ingested_at="2026-01-01T00:00:00Z", sections=sections,
            )  # fmt: skip

    asyncio.run(seed())


@pytest.fixture(scope="module")
def _backlog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """:func:`seed_backlog`'s database, seeded once for this module (closed: all of it in one file)."""
    path = tmp_path_factory.mktemp("backlog") / "n.db"
    seed_backlog(path)
    assert not Path(f"{path}-wal").exists()
    return path


@pytest.fixture
def db_path(_backlog: Path, tmp_path: Path) -> Path:
    """A copy of the backlog for one test, which it may summarize and interrupt as it likes."""
    path = tmp_path / "n.db"
    shutil.copyfile(_backlog, path)
    return path


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
    db_path: Path, sent: signal.Signals, status: int, how: str
) -> None:
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


def test_running_again_after_an_interruption_summarizes_the_rest(db_path: Path) -> None:
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


def test_a_second_ctrl_c_adds_nothing_to_the_line(db_path: Path) -> None:
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


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyModels:
    return tiny_models_once(tmp_path_factory)


def loading_the_tokenizer(pid: int) -> bool:
    """Whether the process is loading the model: the tokenizers library is mapped, which only the
    model load brings in (for the tokenizer, before it reads the weights)."""
    return "tokenizers" in Path(f"/proc/{pid}/maps").read_text()


def stopped_while_loading(
    arguments: list[str], sent: signal.Signals
) -> tuple[subprocess.Popen[str], str, str]:
    """Run ``nashra ARGUMENTS``, send ``sent`` once it has begun loading the tokenizer, and wait for it
    to end: the process, its standard output and its standard error."""
    process = subprocess.Popen(
        [sys.executable, "-m", "nashra", *arguments],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=takes_ctrl_c,
    )
    try:
        while process.poll() is None and not loading_the_tokenizer(process.pid):
            wait_on(process, 0.01)
        process.send_signal(sent)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    return process, out, err


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc to see the load begin")
@pytest.mark.parametrize(
    ("sent", "status", "how"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)
def test_a_stop_signal_while_the_model_loads_ends_the_run_with_the_same_line(
    db_path: Path, tiny: TinyModels, sent: signal.Signals, status: int, how: str
) -> None:
    """Loading a model named by --model takes seconds to minutes: a stop signal meanwhile ends the run
    with the same line as later, not a bare "interrupted" (Ctrl-C) or nothing at all (SIGTERM)."""
    command = ["summarize", "--pending", "--model", str(tiny.bart), "--db", str(db_path)]
    process, out, err = stopped_while_loading(command, sent)
    stored = stored_summaries(db_path)
    lines = [line for line in err.splitlines() if "INFO" not in line and "WARNING" not in line]

    assert process.returncode == status
    assert lines == [
        f"nashra summarize: {how} after summarizing {stored} sections with {tiny.bart}; "
        f"{SECTIONS - stored} left pending; the summaries stored stay, and running the same command again "
        "summarizes the rest"
    ]
    assert out == ""


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc to see the load begin")
def test_a_configured_model_is_loaded_before_any_step_so_ctrl_c_need_not_wait_for_it(
    db_path: Path, tmp_path: Path, tiny: TinyModels
) -> None:
    """The model of the config loads before the first step, where a signal ends the load itself; a
    step loading it in the worker's thread could only wait the load out, then cancel itself."""
    config = tmp_path / "nashra.toml"
    config.write_text(f'[summarizer]\nmodel = "{tiny.bart}"\n', encoding="utf-8")
    command = ["-c", str(config), "summarize", "--pending", "--db", str(db_path)]
    process, _, err = stopped_while_loading(command, signal.SIGINT)

    assert process.returncode == 130
    assert "summarizing stopped" not in err
    assert err.rstrip().endswith(f"{SECTIONS} left pending; the summaries stored stay, and running the same "
                                 "command again summarizes the rest")  # fmt: skip
