"""One bad input is one rejected line naming it, and the run goes on.

A fault no reader foresaw (a bug of Nashra or of a library, met on one input) rejects that input, record
or entry alone, with its traceback logged at debug level only; only a fault of the database itself ends
the run. Inputs that are no file or feed address at all (a device, ``http://``) are named plainly.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import nashra.articles.ingest as ingest_module
from nashra.articles.admission import admit
from nashra.articles.errors import ArticleError
from nashra.articles.ingest import ingest
from nashra.articles.inputs import plan
from nashra.cli import main
from nashra.config import Config, IngestConfig
from nashra.model import Article, Section
from nashra.storage import Database, StorageError
from nashra.storage.articles import ArticleStore

DATA = Path(__file__).resolve().parent / "data" / "articles"
RSS = (DATA / "feeds" / "news.rss").read_bytes()
GOOD_TEXT = DATA / "text" / "yemen_taiz.txt"
POISON = "خبر يتعثر عليه المحلل"


def record(title: str) -> dict[str, str]:
    return {"title": title, "body": f"نص الخبر عن حمص وما جرى فيها اليوم، بعنوان {title}."}


def cli_ingest(tmp_path: Path, *targets: str | Path, config: Path | None = None) -> int:
    options = ["-c", str(config)] if config else []
    return main([*options, "ingest", "--db", str(tmp_path / "n.db"), *map(str, targets)])


def rejected_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("rejected ")]


@pytest.fixture
def poisoned_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """Region analysis fails, as a bug would, on the one article titled :data:`POISON`."""
    real = ingest_module.analyze

    def analyze(article: Article) -> Article:
        if article.title == POISON:
            raise RuntimeError("index out of range in the region matcher")
        return real(article)

    monkeypatch.setattr(ingest_module, "analyze", analyze)


class FeedServer:
    """Serves the fixture RSS feed at /feed.rss."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                found = self.path == "/feed.rss"
                body = RSS if found else b"not found"
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "application/rss+xml" if found else "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()


def loopback_config(tmp_path: Path) -> Path:
    config = tmp_path / "nashra.toml"
    config.write_text('[ingest]\nhttp_timeout_s = 5.0\nallow_hosts = ["127.0.0.1"]\n', encoding="utf-8")
    return config


# -- an unexpected fault costs one input, record, entry or article -----------------------------------


def test_a_file_that_fails_unexpectedly_is_one_line_and_the_next_files_are_stored(
    tmp_path: Path, poisoned_analysis: None, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(f"{POISON}\n\nنص الخبر عن حمص وما جرى فيها اليوم.\n", encoding="utf-8")

    status = cli_ingest(tmp_path, bad, GOOD_TEXT)

    out, err = capsys.readouterr()
    assert status == 1
    assert out.strip() == "ingested 1, unchanged 0, updated 0, rejected 1"
    assert rejected_lines(err) == [
        f"rejected {bad}: unexpected error (RuntimeError: index out of range in the region matcher); "
        "the traceback is logged with --verbose"
    ]
    assert "Traceback" not in err


def test_the_traceback_of_an_unexpected_fault_is_logged_at_debug_level_only(
    tmp_path: Path, poisoned_analysis: None, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(f"{POISON}\n\nنص الخبر عن حمص وما جرى فيها اليوم.\n", encoding="utf-8")

    status = main(["--verbose", "ingest", "--db", str(tmp_path / "n.db"), str(bad), str(GOOD_TEXT)])

    err = capsys.readouterr().err
    assert status == 1
    assert "DEBUG" in err and "Traceback (most recent call last)" in err
    assert "RuntimeError: index out of range in the region matcher" in err


async def test_a_record_that_fails_unexpectedly_costs_only_that_record(
    db: Database, tmp_path: Path, poisoned_analysis: None
) -> None:
    path = tmp_path / "batch.json"
    path.write_text(
        json.dumps([record("خبر أول عن حمص"), record(POISON), record("خبر ثالث عن حمص")], ensure_ascii=False),
        encoding="utf-8",
    )
    lines: list[str] = []

    report = await ingest(db, [path], IngestConfig(), on_reject=lines.append)

    assert report.ingested == 2
    assert len(lines) == 1 and lines[0].startswith(f"{path}[1]: unexpected error (RuntimeError")


async def test_a_record_the_json_reader_fails_on_costs_only_that_record(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nashra.articles.jsonformat as jsonformat

    real = jsonformat.cut

    def cut(lines: list[str], **kwargs: object) -> object:
        if any(POISON in line for line in lines):
            raise IndexError("list index out of range")
        return real(lines, **kwargs)

    monkeypatch.setattr(jsonformat, "cut", cut)
    path = tmp_path / "batch.jsonl"
    lines_in = [json.dumps(record(title), ensure_ascii=False) for title in ("خبر أول", POISON, "خبر ثالث")]
    path.write_text("\n".join(lines_in), encoding="utf-8")
    lines: list[str] = []

    report = await ingest(db, [path], IngestConfig(), on_reject=lines.append)

    assert report.ingested == 2
    assert len(lines) == 1 and lines[0].startswith(f"{path}:2: unexpected error (IndexError")


async def test_a_feed_entry_the_reader_fails_on_costs_only_that_entry(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nashra.articles.feeds as feeds

    real = feeds.cut

    def cut(lines: list[str], **given: object) -> object:
        if any("الخبز" in line for line in lines):
            raise ValueError("unexpected shape")
        return real(lines, **given)

    monkeypatch.setattr(feeds, "cut", cut)
    path = tmp_path / "news.rss"
    path.write_bytes(RSS)
    lines: list[str] = []

    report = await ingest(db, [path], IngestConfig(), on_reject=lines.append)

    assert report.ingested == 1
    assert len(lines) == 1 and lines[0].startswith(f"{path} entry 2 (https://feeds.example.org/idlib-bread)")
    assert "unexpected error (ValueError: unexpected shape)" in lines[0]


async def test_an_article_that_fails_to_store_unexpectedly_costs_only_that_article(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ArticleStore.save

    async def save(self: ArticleStore, article: Article) -> object:
        if article.title == POISON:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        return await real(self, article)

    monkeypatch.setattr(ArticleStore, "save", save)
    path = tmp_path / "batch.json"
    path.write_text(
        json.dumps([record(POISON), record("خبر آخر عن حمص")], ensure_ascii=False), encoding="utf-8"
    )
    lines: list[str] = []

    report = await ingest(db, [path], IngestConfig(), on_reject=lines.append)

    assert report.ingested == 1
    assert len(lines) == 1 and lines[0].startswith(f"{path}[0]: unexpected error (OverflowError")


async def test_a_fault_of_the_database_itself_still_ends_the_run(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def save(self: ArticleStore, article: Article) -> object:
        raise StorageError("database n.db is damaged: restore a backup", "damaged")

    monkeypatch.setattr(ArticleStore, "save", save)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record("خبر عن حمص"), ensure_ascii=False), encoding="utf-8")

    with pytest.raises(StorageError, match="damaged"):
        await ingest(db, [path, GOOD_TEXT], IngestConfig())


def test_a_feed_that_fails_unexpectedly_is_one_line_and_the_next_feed_is_read(
    tmp_path: Path,
    feed_server: FeedServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real = ingest_module.fetch_feed
    broken = f"{feed_server.base}/broken.rss"

    async def fetch_feed(client: object, url: str, **kwargs: object) -> object:
        if url == broken:
            raise KeyError("content-type")
        return await real(client, url, **kwargs)

    monkeypatch.setattr(ingest_module, "fetch_feed", fetch_feed)

    status = cli_ingest(tmp_path, broken, f"{feed_server.base}/feed.rss", config=loopback_config(tmp_path))

    out, err = capsys.readouterr()
    assert status == 1
    assert out.strip() == "ingested 2, unchanged 0, updated 0, rejected 1"
    assert rejected_lines(err) == [
        f"rejected {broken}: unexpected error (KeyError: 'content-type'); "
        "the traceback is logged with --verbose"
    ]


async def test_the_scheduled_feed_job_reads_every_feed_when_one_fails_unexpectedly(
    db: Database, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.services import Services

    real = ingest_module.fetch_feed
    broken = f"{feed_server.base}/broken.rss"

    async def fetch_feed(client: object, url: str, **kwargs: object) -> object:
        if url == broken:
            raise AttributeError("'NoneType' object has no attribute 'headers'")
        return await real(client, url, **kwargs)

    monkeypatch.setattr(ingest_module, "fetch_feed", fetch_feed)
    config = Config(
        ingest=IngestConfig(feeds=[broken, f"{feed_server.base}/feed.rss"], allow_hosts=["127.0.0.1"])
    )
    services = Services.create(config, db)
    assert services.ingest is not None

    report = await services.ingest()

    assert report.ingested == 2
    assert [line.split(": unexpected error")[0] for line in report.rejected] == [broken]


def test_json_nested_too_deeply_is_one_rejected_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    status = cli_ingest(tmp_path, deep, GOOD_TEXT)

    out, err = capsys.readouterr()
    assert status == 1
    assert out.strip() == "ingested 1, unchanged 0, updated 0, rejected 1"
    assert rejected_lines(err) == [f"rejected {deep}: invalid JSON: nested too deeply to be an article"]


# -- inputs that are no file, folder or feed address -------------------------------------------------


def test_a_device_is_named_as_a_device_not_as_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli_ingest(tmp_path, "/dev/null")

    err = capsys.readouterr().err
    assert status == 1
    assert rejected_lines(err) == ["rejected /dev/null: a device, not a file or folder of articles"]


def test_a_named_pipe_is_named_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pipe = tmp_path / "articles.txt"
    os.mkfifo(pipe)

    status = cli_ingest(tmp_path, pipe)

    assert status == 1
    assert rejected_lines(capsys.readouterr().err) == [
        f"rejected {pipe}: a named pipe, not a file or folder of articles"
    ]


def test_a_broken_link_is_named_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "today.txt"
    link.symlink_to(tmp_path / "gone.txt")

    status = cli_ingest(tmp_path, link)

    assert status == 1
    assert rejected_lines(capsys.readouterr().err) == [
        f"rejected {link}: a link to nothing (the file it points to is gone)"
    ]


def test_half_an_emoji_escaped_in_json_is_dropped_and_the_article_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli_ingest(tmp_path, DATA.parent / "hostile" / "half_emoji.jsonl")

    assert status == 0, capsys.readouterr().err
    with sqlite3.connect(tmp_path / "n.db") as conn:
        [(title,)] = conn.execute("SELECT title FROM articles").fetchall()
        [(text,)] = conn.execute("SELECT text FROM sections").fetchall()
    assert title == "مهرجان الزيتون في إدلب"
    assert "المجاورة \U0001f33f وسط" in text  # a whole pair is kept


def test_a_title_or_text_of_invisible_characters_only_is_rejected_and_the_rest_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = DATA.parent / "hostile" / "invisible_fields.jsonl"

    status = cli_ingest(tmp_path, path)

    assert status == 1
    out, err = capsys.readouterr()
    assert rejected_lines(err) == [
        f"rejected {path}:1: the title holds only invisible characters",
        f"rejected {path}:2: field 'body' holds no text",
    ]
    assert out.startswith("ingested 1,")


def test_sections_of_invisible_characters_only_leave_an_article_with_no_text_refused() -> None:
    article = Article(
        title="عنوان عن حلب", sections=[Section(None, "\u200b\u2060"), Section("عنوان", "\u202e")]
    )
    article.origin = "feed entry 1"

    admitted = admit(article, datetime.now(UTC))

    assert str(admitted) == "feed entry 1: the text holds only invisible characters"


def test_a_title_of_marks_that_show_nothing_is_refused() -> None:
    article = Article(title="\u200b\u200f \u200c", sections=[Section(None, "افتتحت مدرسة جديدة في حلب.")])
    article.origin = "feed entry 3"

    admitted = admit(article, datetime.now(UTC))

    assert str(admitted) == "feed entry 3: the title holds only invisible characters"


def test_hidden_files_and_folders_inside_a_folder_are_passed_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "checkout"
    for hidden in (folder / ".venv" / "lib" / "LICENSE.txt", folder / ".git" / "objects" / "info.json"):
        hidden.parent.mkdir(parents=True)
        hidden.write_bytes(GOOD_TEXT.read_bytes())
    (folder / ".#draft.txt").write_text("مسودة", encoding="utf-8")
    (folder / "news").mkdir()
    (folder / "news" / "taiz.txt").write_bytes(GOOD_TEXT.read_bytes())

    status = cli_ingest(tmp_path, folder)

    assert status == 0
    out, err = capsys.readouterr()
    assert out.strip() == "ingested 1, unchanged 0, updated 0, rejected 0"
    assert rejected_lines(err) == []


def test_a_file_name_with_a_line_break_stays_on_its_one_rejected_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "x\nrejected forged: all is fine.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")

    status = cli_ingest(tmp_path, folder)

    assert status == 1
    assert rejected_lines(capsys.readouterr().err) == [
        f"rejected {folder}/x\\nrejected forged: all is fine.txt: binary file, not text"
    ]


def test_a_broken_link_inside_a_folder_is_named_and_the_other_files_are_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "taiz.txt").write_bytes(GOOD_TEXT.read_bytes())
    link = folder / "aden.txt"
    link.symlink_to(tmp_path / "gone.txt")

    status = cli_ingest(tmp_path, folder)

    assert status == 1
    out, err = capsys.readouterr()
    assert rejected_lines(err) == [f"rejected {link}: a link to nothing (the file it points to is gone)"]
    assert out.startswith("ingested 1,")


def test_a_page_without_an_article_is_one_rejected_line_without_the_extractors_chatter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = DATA.parent / "hostile" / "page_without_article.html"

    status = cli_ingest(tmp_path, page)

    assert status == 1
    err = capsys.readouterr().err
    assert rejected_lines(err) == [f"rejected {page}: no article text found in the page"]
    assert "trafilatura" not in err


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://", "it names no host"),
        ("https:///feed.rss", "it names no host"),
        ("http://user:pw@/feed", "it names no host"),
        ("http://news example.com/feed", "it has a space or a control character in its host name"),
        ("http://feeds.example.com:99999/rss", "it has a port that is no number up to 65535"),
        ("http://[::1/rss", "it has a broken IPv6 address"),
    ],
)
def test_a_feed_address_that_leads_nowhere_is_one_plain_sentence(
    target: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli_ingest(tmp_path, target)

    err = capsys.readouterr().err
    assert status == 1
    shown = target.replace("user:pw@", "***@")
    assert rejected_lines(err) == [f"rejected {shown}: not a usable feed address: {reason}"]
    assert "protocol" not in err and "httpx" not in err


async def test_a_feed_address_that_leads_nowhere_is_refused_when_given_as_is(db: Database) -> None:
    # The bot's /ingest and the scheduled job pass addresses without planning them.
    lines: list[str] = []

    await ingest(db, ["http://"], IngestConfig(), on_reject=lines.append)

    assert lines == ["http://: not a usable feed address: it names no host"]


def test_planning_keeps_usable_addresses_as_they_are() -> None:
    assert plan(["https://feeds.example.com/rss?cat=1"]) == ["https://feeds.example.com/rss?cat=1"]
    [refused] = plan(["http://"])
    assert isinstance(refused, ArticleError)


# -- a feed URL's user name and password are never shown ----------------------------------------------


def test_credentials_of_a_feed_url_are_masked_in_rejected_lines_and_logs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    # Loopback is refused (no allow_hosts): the rejection names the URL.
    url = "http://reader:s3cretpassw0rd@127.0.0.1:9/feed.rss"

    status = main(["--verbose", "ingest", "--db", str(tmp_path / "n.db"), "--json", url])

    out, err = capsys.readouterr()
    assert status == 1
    assert "s3cretpassw0rd" not in out + err
    assert "reader:" not in out + err
    report = json.loads(out)
    assert report["rejected"][0].startswith("http://***@127.0.0.1:9/feed.rss: ")
    assert "rejected http://***@127.0.0.1:9/feed.rss: " in err


async def test_credentials_of_a_feed_url_are_not_stored_in_its_fetch_status(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    url = "http://reader:s3cretpassw0rd@127.0.0.1:9/feed.rss"
    lines: list[str] = []

    with caplog.at_level(logging.DEBUG):
        await ingest(db, [url], IngestConfig(http_timeout_s=2.0), on_reject=lines.append)

    state = await ArticleStore(db).feed_state(url)
    assert state is not None and state.last_status.startswith("error: http://***@127.0.0.1:9/feed.rss")
    assert "s3cretpassw0rd" not in state.last_status
    assert lines and "s3cretpassw0rd" not in lines[0]


def test_a_folder_that_cannot_be_listed_is_named_and_the_others_are_read() -> None:
    # In /tmp, not tmp_path: the walk runs as an unprivileged user when the tests run as root (root
    # lists any folder), and tmp_path's parents are closed to other users.
    with tempfile.TemporaryDirectory() as top:
        Path(top).chmod(0o755)
        folder = Path(top) / "today"
        (folder / "locked").mkdir(parents=True)
        (folder / "a.txt").write_text("عنوان\nنص", encoding="utf-8")
        (folder / "locked" / "b.txt").write_text("عنوان\nنص", encoding="utf-8")
        (folder / "locked").chmod(0)
        show = "import sys; from pathlib import Path; from nashra.articles.files import walk; "
        show += "print(*walk([Path(sys.argv[1])]), sep='\\n')"
        unprivileged = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        if os.geteuid() == 0 and shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv to drop the right to list any folder")
        done = subprocess.run(
            [*(unprivileged if os.geteuid() == 0 else []), sys.executable, "-c", show, str(folder)],
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
            capture_output=True,
            text=True,
            check=True,
        )
        (folder / "locked").chmod(0o755)
    assert done.stdout.splitlines() == [
        f"{folder / 'a.txt'}",
        f"{folder / 'locked'}: cannot be read: Permission denied",
    ]
