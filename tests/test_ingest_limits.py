"""Caps on what one input may store: entries per feed, title, source, author and text length.

The same caps hold for every format (text files, JSON, JSON Lines, feeds, saved pages), and the work of
reading an input stays bounded by them: analysis never sees more than the caps let through.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import nashra.articles.ingest as ingest_module
from nashra.articles.ingest import ingest
from nashra.config import ConfigError, IngestConfig, parse_config
from nashra.model import Article
from nashra.storage import Database
from tests.one_feed import OneFeed

PARAGRAPH = "شهدت مدينة حمص السورية اليوم افتتاح سوق جديد للخضار وسط إقبال كبير من الأهالي والتجار."
LONG_TITLE = " ".join(["عنوان طويل جدا عن افتتاح سوق في حمص"] * 5000)  # ~180,000 characters


def paragraphs(count: int) -> list[str]:
    """``count`` distinct paragraphs (each opens differently, so none reads as a cut copy of the next)."""
    return [f"في اليوم {i} {PARAGRAPH}" for i in range(count)]


def rss(items: list[tuple[str, datetime | None]], *, author: str = "", feed_title: str = "مصدر") -> bytes:
    """An RSS document with one item per (title, date), in the order given."""
    parts = []
    for i, (title, date) in enumerate(items):
        when = f"<pubDate>{format_datetime(date)}</pubDate>" if date else ""
        byline = f"<author>{escape(author)}</author>" if author else ""
        parts.append(
            f"<item><title>{escape(title)}</title><link>https://ex.org/{i}</link>{when}{byline}"
            f"<description>{escape(PARAGRAPH)} {i}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(feed_title)}</title><link>https://ex.org/</link>{''.join(parts)}</channel></rss>"
    ).encode()


async def stored(db: Database, column: str = "title") -> list[str]:
    return [row[0] for row in await db.fetchall(f"SELECT {column} FROM articles ORDER BY id")]


async def stored_text(db: Database) -> str:
    rows = await db.fetchall("SELECT text FROM sections ORDER BY article_id, position")
    return "\n".join(row[0] for row in rows)


async def run(db: Database, *inputs: Path | str, **limits: object) -> list[str]:
    lines: list[str] = []
    config = IngestConfig(**limits)  # type: ignore[arg-type]
    await ingest(db, list(inputs), config, on_reject=lines.append)
    return lines


# -- entries per feed --------------------------------------------------------------------------------


async def test_a_feed_with_more_entries_than_the_cap_gives_its_newest(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    # Listed oldest first, as some feeds are: the newest are at the end.
    dates = [now - timedelta(hours=12 - i) for i in range(12)]
    path = tmp_path / "big.rss"
    path.write_bytes(rss([(f"خبر رقم {i} عن حمص", date) for i, date in enumerate(dates)]))

    with caplog.at_level(logging.WARNING):
        await run(db, path, max_entries_per_feed=5)

    assert sorted(await stored(db)) == sorted(f"خبر رقم {i} عن حمص" for i in range(7, 12))
    assert (
        f"{path}: 12 entries, the newest 5 read and 7 left out ([ingest] max_entries_per_feed)" in caplog.text
    )


async def test_undated_entries_count_as_new_as_the_fetch_and_the_feed_order_decides_among_them(
    db: Database, tmp_path: Path
) -> None:
    old = datetime.now(UTC) - timedelta(days=1)
    items = [
        ("خبر قديم عن حمص", old),
        ("خبر أول بلا تاريخ", None),
        ("خبر ثان بلا تاريخ", None),
        ("خبر ثالث", None),
    ]
    path = tmp_path / "undated.rss"
    path.write_bytes(rss(items))

    await run(db, path, max_entries_per_feed=2)

    assert sorted(await stored(db)) == sorted(["خبر أول بلا تاريخ", "خبر ثان بلا تاريخ"])


@pytest.fixture
def serve() -> Iterator[Callable[[bytes], str]]:
    servers: list[OneFeed] = []

    def start(body: bytes) -> str:
        servers.append(OneFeed(body))
        return servers[-1].url

    yield start
    for server in servers:
        server.close()


async def test_a_fetched_feed_is_capped_by_the_configured_number_of_entries(
    db: Database, serve: Callable[[bytes], str]
) -> None:
    now = datetime.now(UTC)
    url = serve(rss([(f"خبر رقم {i} عن حمص", now - timedelta(minutes=i)) for i in range(30)]))

    await run(db, url, max_entries_per_feed=3, allow_hosts=["127.0.0.1"])

    assert sorted(await stored(db)) == sorted(f"خبر رقم {i} عن حمص" for i in range(3))


async def test_json_archives_are_not_capped_in_records(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "archive.json"
    records = [{"title": f"خبر رقم {i} عن حمص", "body": f"{PARAGRAPH} {i}"} for i in range(12)]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")

    await run(db, path, max_entries_per_feed=5)

    assert len(await stored(db)) == 12


# -- field lengths, the same for every format ---------------------------------------------------------


def _as_text(title: str, body: str) -> tuple[str, bytes]:
    return ".txt", f"{title}\n\n{body}\n".encode()


def _as_json(title: str, body: str) -> tuple[str, bytes]:
    return ".json", json.dumps({"title": title, "body": body}, ensure_ascii=False).encode()


def _as_jsonl(title: str, body: str) -> tuple[str, bytes]:
    return ".jsonl", json.dumps({"title": title, "body": body}, ensure_ascii=False).encode() + b"\n"


def _as_feed(title: str, body: str) -> tuple[str, bytes]:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in body.split("\n"))
    return ".rss", (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>مصدر</title>'
        f"<item><title>{escape(title)}</title><description>{escape(paragraphs)}</description></item>"
        "</channel></rss>"
    ).encode()


def _as_page(title: str, body: str) -> tuple[str, bytes]:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in body.split("\n"))
    return ".html", (
        f"<html><head><title>{escape(title)}</title></head><body><article>{paragraphs}</article></body></html>"
    ).encode()


FORMATS = [_as_text, _as_json, _as_jsonl, _as_feed, _as_page]
FORMAT_IDS = ["text", "json", "jsonl", "feed", "page"]


@pytest.mark.parametrize("write", FORMATS, ids=FORMAT_IDS)
async def test_a_title_longer_than_the_cap_is_shortened_at_a_word_with_an_ellipsis(
    write: Callable[[str, str], tuple[str, bytes]], db: Database, tmp_path: Path
) -> None:
    suffix, data = write(LONG_TITLE, "\n".join(paragraphs(3)))
    path = tmp_path / f"article{suffix}"
    path.write_bytes(data)

    lines = await run(db, path, max_title_chars=120)

    [title] = await stored(db)
    assert lines == []
    assert len(title) <= 120 and title.endswith("…")
    assert LONG_TITLE.startswith(title[:-1].rstrip())
    assert LONG_TITLE[len(title) - 1] == " "  # cut after a whole word


@pytest.mark.parametrize("write", FORMATS, ids=FORMAT_IDS)
async def test_text_longer_than_the_cap_is_kept_up_to_its_last_whole_paragraph(
    write: Callable[[str, str], tuple[str, bytes]],
    db: Database,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    given = paragraphs(40)
    suffix, data = write("افتتاح سوق جديد في حمص", "\n".join(given))
    path = tmp_path / f"article{suffix}"
    path.write_bytes(data)

    with caplog.at_level(logging.WARNING):
        await run(db, path, max_text_chars=1000)

    text = await stored_text(db)
    assert 0 < len(text) <= 1000
    kept = text.split("\n")
    assert kept == given[: len(kept)]
    assert re.search(rf"{re.escape(str(path))}.*: text of \d+ characters cut to its first \d+", caplog.text)


async def test_a_first_paragraph_longer_than_the_cap_is_cut_at_a_word(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("عنوان الخبر\n\n" + " ".join([PARAGRAPH] * 50) + "\n", encoding="utf-8")

    await run(db, path, max_text_chars=500)

    text = await stored_text(db)
    assert len(text) <= 500 and text.endswith("…")


async def test_an_author_longer_than_the_cap_is_left_out(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    byline = "سبق تقول للمسؤول: " + " ".join([PARAGRAPH] * 3)  # an opening paragraph in the byline field
    record = {"title": "عنوان", "body": PARAGRAPH, "author": byline, "source": "سبق"}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")

    await run(db, path)

    assert await stored(db, "author") == [None]


async def test_a_source_longer_than_the_cap_is_left_out(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(rss([("خبر عن حمص", None)], feed_title="مصدر " * 100))

    await run(db, path, max_name_chars=60)

    [row] = await db.fetchall("SELECT source_id FROM articles")
    assert row[0] is None


async def test_names_within_the_cap_are_kept(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(rss([("خبر عن حمص", None)], author="مراسل حمص", feed_title="عنب بلدي"))

    await run(db, path)

    assert await stored(db, "author") == ["مراسل حمص"]


# -- the work stays bounded ---------------------------------------------------------------------------


@pytest.mark.parametrize("write", FORMATS, ids=FORMAT_IDS)
async def test_analysis_never_sees_more_than_the_caps_let_through(
    write: Callable[[str, str], tuple[str, bytes]],
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, int]] = []
    real = ingest_module.analyze

    def analyze(article: Article) -> Article:
        seen.append((len(article.title), sum(len(s.text) for s in article.sections)))
        return real(article)

    monkeypatch.setattr(ingest_module, "analyze", analyze)
    suffix, data = write(LONG_TITLE, "\n".join(paragraphs(3000)))  # ~280,000 characters
    path = tmp_path / f"article{suffix}"
    path.write_bytes(data)

    await run(db, path, max_title_chars=200, max_text_chars=5000)

    [(title_chars, text_chars)] = seen
    assert title_chars <= 200 and text_chars <= 5000


# -- configuration ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["max_entries_per_feed", "max_title_chars", "max_name_chars", "max_text_chars"]
)
def test_a_cap_must_be_a_positive_number(key: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(f"ingest.{key} must be greater than 0, not 0")):
        parse_config({"ingest": {key: 0}})


def test_caps_are_read_from_the_config() -> None:
    config = parse_config({"ingest": {"max_entries_per_feed": 50, "max_title_chars": 150}})
    assert (config.ingest.max_entries_per_feed, config.ingest.max_title_chars) == (50, 150)
