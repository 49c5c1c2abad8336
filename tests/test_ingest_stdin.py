"""``nashra ingest -``: articles from standard input (``curl … | nashra ingest -``), their kind told by
their content as for a file, named ``<stdin>`` in every rejected line."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from nashra.cli import main
from nashra.config import MAX_ARCHIVE_BYTES, MAX_ARTICLE_BYTES

RECORD = {"title": "اشتباكات في ريف حمص الشمالي", "body": "اندلعت اشتباكات في ريف حمص الشمالي اليوم."}


def ingest_stdin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: bytes, *targets: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return main(["ingest", "--db", str(tmp_path / "n.db"), *(targets or ("-",))])


def stored_titles(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "n.db") as conn:
        return [row[0] for row in conn.execute("SELECT title FROM articles ORDER BY id")]


def test_a_text_article_on_standard_input_is_stored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (data_dir / "articles/text/yemen_taiz.txt").read_bytes()
    assert ingest_stdin(monkeypatch, tmp_path, data) == 0
    assert capsys.readouterr().out.strip() == "ingested 1, unchanged 0, updated 0, rejected 0"
    assert stored_titles(tmp_path) == [data.decode().splitlines()[0]]


def test_json_lines_on_standard_input_are_read_record_by_record(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [json.dumps(RECORD | {"title": f"{RECORD['title']} {n}"}, ensure_ascii=False) for n in range(2)]
    data = f'{lines[0]}\n{{"body": "نص"}}\n{lines[1]}\n'.encode()
    assert ingest_stdin(monkeypatch, tmp_path, data) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "ingested 2, unchanged 0, updated 0, rejected 1"
    assert "rejected <stdin>:2: field 'title' is missing" in err.splitlines()


def test_a_feed_on_standard_input_is_read_as_a_feed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = (data_dir / "articles/feeds/news.rss").read_bytes()
    assert ingest_stdin(monkeypatch, tmp_path, feed) == 0
    assert len(stored_titles(tmp_path)) > 1


def test_a_saved_page_on_standard_input_is_read_as_a_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (data_dir / "articles/html/aleppo_page.html").read_bytes()
    assert ingest_stdin(monkeypatch, tmp_path, page) == 0
    [title] = stored_titles(tmp_path)
    assert "<" not in title


def test_empty_standard_input_is_one_line_naming_stdin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ingest_stdin(monkeypatch, tmp_path, b"") == 1
    assert [line for line in capsys.readouterr().err.splitlines() if line.startswith("rejected")] == [
        "rejected <stdin>: file is empty"
    ]


def test_standard_input_given_twice_is_read_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.dumps(RECORD, ensure_ascii=False).encode()
    assert ingest_stdin(monkeypatch, tmp_path, data, "-", "-") == 1
    out, err = capsys.readouterr()
    assert out.strip() == "ingested 1, unchanged 0, updated 0, rejected 1"
    assert "rejected <stdin>: standard input is given more than once" in err.splitlines()


def test_standard_input_beside_files_keeps_its_place(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.dumps(RECORD, ensure_ascii=False).encode()
    text = data_dir / "articles/text/yemen_taiz.txt"
    assert ingest_stdin(monkeypatch, tmp_path, data, str(text), "-") == 0
    assert capsys.readouterr().out.strip() == "ingested 2, unchanged 0, updated 0, rejected 0"


def test_standard_input_larger_than_an_archive_may_be_is_refused_unread(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "nashra.toml"
    config.write_text("[ingest]\nmax_bytes = 500\nmax_archive_bytes = 1000\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"[" + b" " * 5000 + b"]")))
    assert main(["-c", str(config), "ingest", "--db", str(tmp_path / "n.db"), "-"]) == 1
    assert [line for line in capsys.readouterr().err.splitlines() if line.startswith("rejected")] == [
        "rejected <stdin>: input is larger than [ingest] max_archive_bytes = 1000 bytes"
    ]


def test_a_closed_standard_input_reads_as_empty(tmp_path: Path) -> None:
    """Started with standard input closed (``<&-``, some service managers), Python has no sys.stdin."""
    done = subprocess.run(
        [sys.executable, "-m", "nashra", "ingest", "--db", str(tmp_path / "n.db"), "-"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.close(0),
    )
    assert done.returncode == 1
    assert "rejected <stdin>: file is empty" in done.stderr.splitlines()


def test_standard_input_is_read_under_the_largest_bounds_allowed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bound far above the input is not allocated before reading (``read(n)`` reserves n bytes)."""
    config = tmp_path / "nashra.toml"
    config.write_text(
        f"[ingest]\nmax_bytes = {MAX_ARTICLE_BYTES}\nmax_archive_bytes = {MAX_ARCHIVE_BYTES}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(SmallReads(json.dumps(RECORD, ensure_ascii=False).encode()))
    )
    assert main(["-c", str(config), "ingest", "--db", str(tmp_path / "n.db"), "-"]) == 0
    assert capsys.readouterr().out.strip() == "ingested 1, unchanged 0, updated 0, rejected 0"


class SmallReads(io.BytesIO):
    """A stream that refuses a read larger than an allocator would grant at once."""

    def read(self, size: int | None = -1) -> bytes:
        assert size is not None and 0 < size <= 64 << 20, f"read({size}) of an unbounded buffer"
        return super().read(size)


def test_an_archive_cut_short_on_standard_input_is_refused_where_it_breaks_not_stored_as_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``curl … | nashra ingest -`` with the download stopped half-way: no article titled «[»."""
    whole = json.dumps([RECORD, RECORD], ensure_ascii=False, indent=2).encode()
    assert ingest_stdin(monkeypatch, tmp_path, whole[: len(whole) // 2]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "ingested 0, unchanged 0, updated 0, rejected 1"
    [rejected] = [line for line in err.splitlines() if line.startswith("rejected")]
    assert rejected.startswith("rejected <stdin>: invalid JSON at line ")
    assert stored_titles(tmp_path) == []


def test_json_nested_too_deeply_on_standard_input_is_refused_as_such(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ingest_stdin(monkeypatch, tmp_path, b"[" * 100_000 + b"]" * 100_000) == 1
    assert "rejected <stdin>: invalid JSON: nested too deeply to be an article" in capsys.readouterr().err
    assert stored_titles(tmp_path) == []
