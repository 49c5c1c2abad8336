"""``nashra ingest`` end to end: counts, rejected lines, exit status, re-runs, and a killed run."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from nashra.cli import main
from nashra.demo import ARTICLES_DIR
from tests.nashra_process import clean_env, run_nashra, takes_ctrl_c, wait_on, wait_reading_a_pipe
from tests.small_disk import mounted_tmpfs

REPO = Path(__file__).resolve().parent.parent


def ingest(tmp_path: Path, *targets: Path | str) -> int:
    return ingest_into(tmp_path / "n.db", *targets)


def ingest_into(db_path: Path, *targets: Path | str) -> int:
    return main(["ingest", "--db", str(db_path), *map(str, targets)])


def test_fixture_folder_is_walked_and_everything_ingested(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ingest(tmp_path, data_dir / "articles") == 0
    out, err = capsys.readouterr()
    assert out.strip() == "ingested 17, unchanged 0, updated 0, rejected 0"
    assert "rejected " not in err


def test_second_run_finds_everything_unchanged(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ingest(tmp_path, data_dir / "articles")
    capsys.readouterr()
    assert ingest(tmp_path, data_dir / "articles") == 0
    assert capsys.readouterr().out.strip() == "ingested 0, unchanged 17, updated 0, rejected 0"


def test_changed_record_under_the_same_url_is_updated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {"title": "عنوان", "url": "https://x.example/a", "body": "نص الخبر عن حمص."}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    ingest(tmp_path, path)
    path.write_text(
        json.dumps({**record, "body": "نص الخبر عن حمص وحماة."}, ensure_ascii=False), encoding="utf-8"
    )
    capsys.readouterr()
    assert ingest(tmp_path, path) == 0
    assert capsys.readouterr().out.strip() == "ingested 0, unchanged 0, updated 1, rejected 0"


def test_bad_inputs_are_each_one_line_and_the_good_ones_are_stored(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "latin1.txt").write_bytes("caf\xe9 news".encode("latin-1"))
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    with (bad / "huge.txt").open("wb") as handle:
        handle.truncate(50_000_000)
    (bad / "records.jsonl").write_text(
        '{"title": "عنوان", "body": "نص عن حلب."}\n{"body": "بلا عنوان"}\n', encoding="utf-8"
    )
    status = ingest(tmp_path, bad, data_dir / "articles/text/egypt_aswan.txt", tmp_path / "nowhere")
    out, err = capsys.readouterr()
    assert status == 1
    assert out.strip() == "ingested 2, unchanged 0, updated 0, rejected 6"
    assert [line for line in err.splitlines() if line.startswith("rejected")] == [
        f"rejected {bad / 'binary.txt'}: binary file, not text",
        f"rejected {bad / 'empty.txt'}: file is empty",
        f"rejected {bad / 'huge.txt'}: file is too large (50.0 MB, more than [ingest] max_bytes = 10.0 MB)",
        f"rejected {bad / 'latin1.txt'}: not UTF-8 text (invalid byte 0xe9 at offset 3)",
        f"rejected {bad / 'records.jsonl'}:2: field 'title' is missing",
        f"rejected {tmp_path / 'nowhere'}: no such file or folder",
    ]


def test_url_of_another_scheme_is_rejected_as_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ingest(tmp_path, "ftp://example.org/feed.xml") == 1
    assert (
        "rejected ftp://example.org/feed.xml: unsupported URL; feeds are read over http:// or https://"
        in (capsys.readouterr().err.splitlines())
    )


def test_no_targets_and_no_configured_feeds_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ingest(tmp_path) == 2
    assert "give files, folders or feed URLs" in capsys.readouterr().err


ARTICLE = """خبر رقم {n} عن الأحداث في حمص

وكالة الاختبار – المحرر {n}
{lead}
{sections}
"""


def write_articles(folder: Path, count: int) -> dict[str, int]:
    """Articles with a varying number of sections; returns title -> number of sections."""
    folder.mkdir()
    expected = {}
    lead = "شهدت مدينة حمص اليوم تطورات ميدانية متسارعة وفق ما أفادت به مصادر محلية متطابقة. " * 6
    for n in range(count):
        parts = [
            f"تطورات الجبهة رقم {k} في ريف حمص\n"
            + f"اندلعت اشتباكات في القطاع {k} من ريف حمص الشمالي في اليوم {n}، وسقط عدد من الجرحى. " * 8
            for k in range(1, 3 + n % 5)
        ]
        (folder / f"article_{n:03d}.txt").write_text(
            ARTICLE.format(n=n, lead=lead, sections="\n".join(parts)), encoding="utf-8"
        )
        expected[f"خبر رقم {n} عن الأحداث في حمص"] = 1 + len(parts)
    return expected


def stored_section_counts(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT a.title, COUNT(s.id) FROM articles a "
            "LEFT JOIN sections s ON s.article_id = a.id GROUP BY a.id"
        ).fetchall()
    return dict(rows)


def test_killed_ingest_leaves_only_complete_articles_and_a_rerun_finishes(tmp_path: Path) -> None:
    expected = write_articles(tmp_path / "articles", 200)
    db_path = tmp_path / "n.db"
    command = [sys.executable, "-m", "nashra", "ingest", "--db", str(db_path), str(tmp_path / "articles")]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and process.poll() is None:
            if db_path.exists():
                try:
                    with sqlite3.connect(db_path, timeout=1) as conn:
                        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    stored = 0
                if stored >= 5:
                    break
            wait_on(process, 0.01)
        assert process.poll() is None, "ingest finished before it could be interrupted"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = stored_section_counts(db_path)
    assert 5 <= len(counts) < 200
    assert all(counts[title] == expected[title] for title in counts)

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert (
        rerun.stdout.strip()
        == f"ingested {200 - len(counts)}, unchanged {len(counts)}, updated 0, rejected 0"
    )
    assert stored_section_counts(db_path) == expected


def write_jsonl(path: Path, count: int) -> None:
    """One JSON Lines file of ``count`` distinct articles, as a day's crawl exports them."""
    lead = "شهدت مدينة حمص اليوم تطورات ميدانية متسارعة وفق ما أفادت به مصادر محلية متطابقة. " * 6
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            body = f"{lead}\nاندلعت اشتباكات في ريف حمص الشمالي في اليوم {n}، وسقط عدد من الجرحى. " * 3
            record = {"title": f"خبر رقم {n} عن الأحداث في حمص", "body": body}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _ingest_in_background(tmp_path: Path, records: int) -> tuple[subprocess.Popen[str], Path]:
    """`nashra ingest` of a JSON Lines file of ``records`` articles, started as a process that takes
    Ctrl-C as a terminal's foreground job does; returns it and its database's path."""
    source = tmp_path / "day.jsonl"
    write_jsonl(source, records)
    db_path = tmp_path / "n.db"
    command = [sys.executable, "-m", "nashra", "ingest", "--db", str(db_path), str(source)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=takes_ctrl_c
    )
    return process, db_path


@pytest.mark.parametrize(
    ("sent", "status", "how"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)
def test_a_stop_signal_in_a_large_file_keeps_what_was_stored_and_says_how_much(
    tmp_path: Path, sent: signal.Signals, status: int, how: str
) -> None:
    process, db_path = _ingest_in_background(tmp_path, 600)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and process.poll() is None and stored == 0:
            if db_path.exists():
                with (
                    contextlib.suppress(sqlite3.OperationalError),
                    sqlite3.connect(db_path, timeout=1) as conn,
                ):
                    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            wait_on(process, 0.01)
        assert process.poll() is None, "ingest finished before it could be interrupted"
        process.send_signal(sent)  # SIGINT: what Ctrl-C sends; SIGTERM: `timeout`, systemd, docker stop
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 0 < stored < 600
    assert process.returncode == status
    assert err.strip().splitlines()[-1] == (
        f"nashra ingest: {how} after 0 of 1 inputs: ingested {stored}, unchanged 0, updated 0, "
        "rejected 0 so far; the articles stored stay, and running the same command again stores the rest"
    )
    assert "Traceback" not in err


@pytest.mark.parametrize("when", ["at once", "after the summary"])
def test_a_second_ctrl_c_adds_nothing_to_the_summary(tmp_path: Path, when: str) -> None:
    """Ctrl-C pressed twice: one summary line, the last thing said, and the stored articles intact.
    Interrupted while the file is still being read (in a worker thread the process would wait for), a
    second Ctrl-C after the summary ends the process without a word more."""
    process, db_path = _ingest_in_background(tmp_path, 1500)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None and not db_path.exists():
            wait_on(process, 0.01)
        assert process.poll() is None, "ingest finished before it could be interrupted"
        assert process.stderr is not None
        process.send_signal(signal.SIGINT)
        if when == "after the summary":
            said = [process.stderr.readline()]
            while said[-1] and not said[-1].startswith("nashra ingest:"):  # log lines come first
                said.append(process.stderr.readline())
            assert said[-1].startswith("nashra ingest: interrupted after 0 of 1 inputs")
        else:
            said = []
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    lines = [line for line in "".join([*said, err]).splitlines() if "INFO" not in line]
    assert len(lines) == 1 and lines[0].startswith("nashra ingest: interrupted after 0 of 1 inputs: ingested")
    assert process.returncode == 130
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(
    ("sent", "status", "how"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)
def test_a_stop_signal_while_standard_input_waits_for_input_ends_the_run_at_once(
    tmp_path: Path, sent: signal.Signals, status: int, how: str
) -> None:
    """``nashra ingest -`` on a terminal, or a pipe whose writer never closes it: one Ctrl-C ends
    it, with its summary, without waiting for input that may never come."""
    db_path = tmp_path / "n.db"
    command = [sys.executable, "-m", "nashra", "ingest", "--db", str(db_path), "-"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    reader, writer = os.pipe()
    process = subprocess.Popen(
        command, env=env, stdin=reader, stderr=subprocess.PIPE, text=True, preexec_fn=takes_ctrl_c
    )
    os.close(reader)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None and not db_path.exists():
            wait_on(process, 0.01)
        assert process.poll() is None, "ingest ended before it could be interrupted"
        wait_reading_a_pipe(process)  # the read of standard input has begun
        process.send_signal(sent)
        process.wait(timeout=30)  # the writer still holds standard input open
        assert process.stderr is not None
        err = process.stderr.read()
    finally:
        os.close(writer)
        process.kill()
        process.wait()
    assert process.returncode == status
    lines = [line for line in err.splitlines() if "INFO" not in line]
    assert lines == [
        f"nashra ingest: {how} after 0 of 1 inputs: ingested 0, unchanged 0, updated 0, rejected 0 so far; "
        "the articles stored stay, and running the same command again stores the rest"
    ]


def _read_one_line_then_close(args: list[str]) -> int:
    """Run ``nashra ARGS 2>&1 | head -1``: read the first line of its output, close the pipe as head
    does, and return the command's exit status."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "nashra", *args]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert process.stdout is not None
        process.stdout.readline()
        process.stdout.close()
        return process.wait(timeout=120)
    finally:
        process.kill()
        process.wait()


def test_a_reader_that_stops_reading_does_not_stop_the_run(tmp_path: Path) -> None:
    """``nashra ingest DAY 2>&1 | head -1``: every good article is stored, and the status still says
    that some were rejected."""
    source = tmp_path / "day.jsonl"
    write_jsonl(source, 40)
    with source.open("a", encoding="utf-8") as out:
        out.writelines(f"not a record {n}\n" for n in range(200))
    db_path = tmp_path / "n.db"
    assert _read_one_line_then_close(["ingest", "--db", str(db_path), str(source)]) == 1
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 40


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB file system (needs the right to mount), for a database that fills it."""
    with mounted_tmpfs(tmp_path / "small") as mount:
        yield mount


def test_a_disk_that_fills_up_half_way_keeps_what_was_stored_and_says_how_much(
    tmp_path: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "day.jsonl"
    write_jsonl(source, 600)
    db_path = small_disk / "n.db"

    assert ingest_into(db_path, source) == 2

    with contextlib.closing(sqlite3.connect(db_path)) as conn:  # closed, so the file system unmounts
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 0 < stored < 600
    *_, progress, reason = capsys.readouterr().err.strip().splitlines()
    assert progress.startswith(f"nashra ingest: stopped after 0 of 1 inputs: ingested {stored}, unchanged 0")
    assert reason.startswith(f"nashra: disk full: no space left for database {db_path}")


def test_folder_ingest_lists_the_files_it_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(ARTICLES_DIR / "01_daraa_harvest.txt", folder)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")

    result = run_nashra("ingest", str(folder), "--db", str(tmp_path / "n.db"), cwd=tmp_path)

    assert result.returncode == 0
    skipped = f"{folder / 'notes.docx'}, {folder / 'photo.jpg'}"
    assert (
        result.stdout.splitlines()[-1]
        == f"skipped 2 files that are not articles (.docx 1, .jpg 1): {skipped}"
    )


def test_ingest_json_reports_what_was_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF")

    result = run_nashra("ingest", str(folder), "--db", str(tmp_path / "n.db"), "--json", cwd=tmp_path)

    assert json.loads(result.stdout)["skipped"] == [str(folder / "notes.pdf")]


def test_file_names_that_are_not_utf8_are_escaped_in_the_report_and_the_json(tmp_path: Path) -> None:
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / os.fsdecode(b"\xe9t\xe9.txt")).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / os.fsdecode(b"\xe9t\xe9.pdf")).write_bytes(b"%PDF")
    db = str(tmp_path / "n.db")

    text = run_nashra(
        "ingest", str(folder), "--db", db, cwd=tmp_path, env=clean_env(PYTHONIOENCODING="latin-1")
    )
    as_json = run_nashra("ingest", str(folder), "--db", db, "--json", cwd=tmp_path)

    assert text.returncode == as_json.returncode == 1
    assert f"rejected {folder}/\\xe9t\\xe9.txt: binary file, not text" in text.stderr.splitlines()
    assert json.loads(as_json.stdout)["skipped"] == [f"{folder}/\\xe9t\\xe9.pdf"]


@pytest.mark.parametrize("closed", [1, 2], ids=["stdout", "stderr"])
def test_an_ingest_started_with_a_closed_output_stream_stores_its_articles(
    tmp_path: Path, closed: int
) -> None:
    db_path = tmp_path / "n.db"
    article = ARTICLES_DIR / "01_daraa_harvest.txt"
    done = subprocess.run(
        [sys.executable, "-m", "nashra", "ingest", "--db", str(db_path), str(article)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=lambda: os.close(closed),  # as `nashra ingest … 2>&-` in a cron job
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_an_empty_path_is_refused_rather_than_read_as_the_current_folder(tmp_path: Path) -> None:
    shutil.copy(ARTICLES_DIR / "01_daraa_harvest.txt", tmp_path)

    result = run_nashra("ingest", "", "--db", str(tmp_path / "n.db"), cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.strip() == "nashra ingest: an empty path was given (an unset shell variable?)"
    assert not (tmp_path / "n.db").exists()


def test_no_progress_bar_is_written_into_a_log(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(25):
        (folder / f"{n:02}.txt").write_text(f"خبر رقم {n}\n\nافتتح في درعا سوق جديد للخضار رقم {n}.\n")

    result = run_nashra("ingest", str(folder), "--db", str(tmp_path / "n.db"), cwd=tmp_path)

    assert result.returncode == 0
    assert "\r" not in result.stderr and "input/s" not in result.stderr


def test_a_reader_that_stops_reading_does_not_stop_summarizing_the_backlog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``nashra summarize --pending 2>&1 | head -1``: every section is still summarized."""
    source = tmp_path / "day.jsonl"
    write_jsonl(source, 150)  # long enough for the progress bar to be redrawn after the reader left
    db_path = tmp_path / "n.db"
    assert ingest_into(db_path, source) == 0
    assert _read_one_line_then_close(["summarize", "--pending", "--batch", "4", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["summarize", "--pending", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == "summarized 0 sections with extractive; 0 left"
