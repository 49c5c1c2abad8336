"""How large a JSON or JSON Lines archive may be: ``[ingest] max_bytes`` bounds each record (one
article), ``[ingest] max_archive_bytes`` the file, whose records are held in memory while it is read.
A day's crawl is larger than any article in it."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from nashra.articles.errors import ArticleError
from nashra.articles.files import read_article_file
from nashra.articles.limits import DEFAULT_LIMITS, Limits
from nashra.cli import main
from nashra.config import IngestConfig
from nashra.model import Article

PARAGRAPH = "شهدت مدينة حمص اليوم تطورات ميدانية متسارعة وفق ما أفادت به مصادر محلية متطابقة."
MAX_BYTES = 20_000


def records(count: int, paragraphs: int = 3) -> list[dict[str, str]]:
    return [{"title": f"خبر رقم {n} عن حمص", "body": f"{PARAGRAPH} {n}\n" * paragraphs} for n in range(count)]


def write(path: Path, items: list[dict[str, str]]) -> Path:
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items), encoding="utf-8")
    else:
        path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["day.json", "day.jsonl"])
def test_an_archive_larger_than_max_bytes_is_read_record_by_record(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, records(100))
    assert path.stat().st_size > 2 * MAX_BYTES

    parsed = read_article_file(path, MAX_BYTES)

    assert len(parsed) == 100 and all(isinstance(item, Article) for item in parsed)


@pytest.mark.parametrize(("name", "where"), [("day.json", "day.json[1]"), ("day.jsonl", "day.jsonl:2")])
def test_a_record_larger_than_max_bytes_is_refused_alone(tmp_path: Path, name: str, where: str) -> None:
    items = records(3)
    items[1]["body"] = f"{PARAGRAPH}\n" * 200
    path = write(tmp_path / name, items)

    first, huge, last = read_article_file(path, MAX_BYTES)

    assert isinstance(first, Article) and isinstance(last, Article)
    size = len(json.dumps(items[1], ensure_ascii=False).encode()) / 1000
    assert isinstance(huge, ArticleError)
    assert str(huge) == (
        f"{tmp_path / where}: record is too large ({size:.1f} kB, more than [ingest] max_bytes = 20.0 kB)"
    )


def test_an_archive_larger_than_max_archive_bytes_is_refused_whole(tmp_path: Path) -> None:
    path = write(tmp_path / "day.jsonl", records(100))
    limits = replace(DEFAULT_LIMITS, archive_bytes=50_000)

    [error] = read_article_file(path, MAX_BYTES, limits)

    assert isinstance(error, ArticleError)
    assert str(error).endswith("more than [ingest] max_archive_bytes = 50.0 kB)")


def test_a_text_article_larger_than_max_bytes_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("عنوان عن حمص\n\n" + f"{PARAGRAPH}\n" * 300, encoding="utf-8")

    [error] = read_article_file(path, MAX_BYTES)

    assert isinstance(error, ArticleError) and "more than [ingest] max_bytes = 20.0 kB" in str(error)


def test_a_txt_holding_a_large_archive_is_read_as_one(tmp_path: Path) -> None:
    path = write(tmp_path / "export.json", records(100)).rename(tmp_path / "export.txt")

    parsed = read_article_file(path, MAX_BYTES)

    assert len(parsed) == 100 and all(isinstance(item, Article) for item in parsed)


def test_the_command_names_the_record_and_stores_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = records(4)
    items[2]["body"] = f"{PARAGRAPH}\n" * 200
    path = write(tmp_path / "day.json", items)
    config = tmp_path / "nashra.toml"
    config.write_text(f"[ingest]\nmax_bytes = {MAX_BYTES}\n", encoding="utf-8")

    assert main(["-c", str(config), "ingest", "--db", str(tmp_path / "n.db"), str(path)]) == 1

    out, err = capsys.readouterr()
    assert out.strip() == "ingested 3, unchanged 0, updated 0, rejected 1"
    assert f"rejected {path}[2]: record is too large (" in err


def test_a_real_saudinewsnet_day_larger_than_max_bytes_is_read_with_the_defaults(
    shared_dir: Path, tmp_path: Path
) -> None:
    """2015-07-21: 12.6 MB, 2,972 records; each bad record (103, no title or text) is refused alone.
    Parsing the whole day takes a few seconds: the one real check that the defaults admit it."""
    with zipfile.ZipFile(shared_dir / "real" / "saudinewsnet" / "2015-07-21.zip") as archive:
        [name] = archive.namelist()
        path = tmp_path / name
        path.write_bytes(archive.read(name))
    config = IngestConfig()
    assert path.stat().st_size > config.max_bytes

    parsed = read_article_file(path, config.max_bytes, Limits.of(config))

    errors = [str(item) for item in parsed if isinstance(item, ArticleError)]
    assert len(parsed) == 2972 and len(errors) < 200
    assert not [error for error in errors if "too large" in error]


def test_a_utf16_archive_saved_as_txt_is_bounded_per_record_as_a_utf8_one_is(tmp_path: Path) -> None:
    """Windows Notepad saves "Unicode" (UTF-16): the same records, the same bounds."""
    path = tmp_path / "day.txt"
    path.write_text(json.dumps(records(100), ensure_ascii=False), encoding="utf-16")
    assert path.stat().st_size > 2 * MAX_BYTES
    parsed = read_article_file(path, MAX_BYTES)
    assert len(parsed) == 100
    assert all(isinstance(item, Article) for item in parsed)


def test_a_record_one_byte_too_large_shows_both_sizes_in_bytes(tmp_path: Path) -> None:
    """Rounded, 20,001 and 20,000 bytes both read "20.0 kB"."""
    record = {"title": "خبر عن حمص", "body": ""}
    record["body"] = "x" * (MAX_BYTES + 1 - len(json.dumps(record, ensure_ascii=False).encode()))
    path = write(tmp_path / "day.jsonl", [record, *records(40)])
    [error, *_] = read_article_file(path, MAX_BYTES)
    assert str(error) == (
        f"{path}:1: record is too large (20,001 bytes, more than [ingest] max_bytes = 20,000 bytes)"
    )
