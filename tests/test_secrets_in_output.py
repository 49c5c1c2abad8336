"""No command prints the bot token, whatever fails: its errors and tracebacks pass the logs' masking.

The failures are the ones met in the field: a ``base_url`` with a trailing slash (the token then sits
between two slashes of every request URL) and a server that answers errors with a page echoing the
URL it was asked, raw and percent-encoded. The token is deliberately not shaped like a BotFather token,
so only the masking of the configured secret can hide it.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from nashra.cli import main
from nashra.commands import digest as digest_command
from nashra.storage import Database

TOKEN = "4242:token-that-must-never-be-printed"
TEXTS = Path(__file__).resolve().parent / "data" / "articles" / "text"


def create_database(path: Path) -> None:
    """An empty database at ``path``: digest --run refuses a missing one before any Bot API call."""

    async def create() -> None:
        async with await Database.open(path):
            pass

    asyncio.run(create())


def _raw_and_encoded(path: str) -> str:
    return f"{path} ({quote(path, safe='')})"


class EchoingServer:
    """Answers every request with HTTP 500 and an HTML page quoting the path it was asked, spelled by
    ``echo`` (by default as it is and percent-encoded)."""

    def __init__(self, echo: Callable[[str], str] = _raw_and_encoded) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                self.do_GET()

            def do_GET(self) -> None:
                body = f"<html>error for {echo(self.path)}</html>".encode()
                self.send_response(500)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[EchoingServer]:
    echoing = EchoingServer()
    yield echoing
    echoing.close()


@pytest.fixture
def config(tmp_path: Path, server: EchoingServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "nashra.toml"
    path.write_text(
        f'[database]\npath = "{tmp_path / "n.db"}"\n\n[telegram]\nbase_url = "{server.url}/bot/"\n\n'
        "[ingest]\nhttp_timeout_s = 2.0\n",
        encoding="utf-8",
    )
    create_database(tmp_path / "n.db")
    return path


def _leaks(text: str) -> bool:
    return TOKEN in text or quote(TOKEN, safe="") in text or quote(TOKEN, safe="").lower() in text


COMMANDS = {
    "doctor": ["doctor"],
    "run": ["run"],
    "digest --run": ["digest", "--run", "--timeout", "2"],
    "verbose digest --run": ["--verbose", "digest", "--run", "--timeout", "2"],
    "digest --preview": ["digest", "--preview", "--regions", "SY"],
    "ingest of a URL holding the token": ["ingest", "{server}/feeds/{token}/rss.xml"],
    "summarize": ["summarize", "{token}"],
    "sections": ["sections", "{token}.txt"],
    "backup": ["backup", "{token}/copy.db"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_command_prints_the_token(
    name: str, config: Path, server: EchoingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [arg.format(server=server.url, token=TOKEN) for arg in COMMANDS[name]]
    status = main(["-c", str(config), *args])
    out, err = capsys.readouterr()
    assert "configuration error" not in err
    assert status != 0 or name == "digest --preview"
    assert not _leaks(out + err), out + err


def test_the_traceback_of_a_real_process_is_masked(config: Path) -> None:
    """Beyond the command's own handling: the interpreter's stderr as a whole (libraries, threads)."""
    env = {**os.environ, "NASHRA_TELEGRAM_TOKEN": TOKEN}
    done = subprocess.run(
        [sys.executable, "-m", "nashra", "-c", str(config), "--verbose", "digest", "--run", "--timeout", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "***" in done.stderr
    assert not _leaks(done.stdout + done.stderr)


def test_unexpected_error_is_one_line_with_the_verbose_hint(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object) -> int:
        raise RuntimeError(f"a fault no command expects, at {TOKEN}")

    monkeypatch.setattr(digest_command, "_run_cycle", broken)
    assert main(["-c", str(config), "digest", "--run", "--timeout", "2"]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("nashra:")]
    assert len(err) == 1 and err[0].endswith("(run with --verbose for the traceback)")


# How error pages and proxies have been seen to quote a request path: inside a link's query string
# (percent-encoded twice), or shouted back in capitals.
SPELLINGS: dict[str, Callable[[str], str]] = {
    "percent-encoded twice": lambda path: quote(quote(path, safe=""), safe=""),
    "upper case": str.upper,
    "upper case, percent-encoded": lambda path: quote(path, safe="").upper(),
}


@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_the_token_is_masked_in_any_spelling_a_server_echoes(
    spelling: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    server = EchoingServer(SPELLINGS[spelling])
    try:
        monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", TOKEN)
        path = tmp_path / "nashra.toml"
        path.write_text(
            f'[database]\npath = "{tmp_path / "n.db"}"\n\n[telegram]\nbase_url = "{server.url}/bot"\n',
            encoding="utf-8",
        )
        create_database(tmp_path / "n.db")
        status = main(["-c", str(path), "--verbose", "digest", "--run", "--timeout", "2"])
    finally:
        server.close()
    out, err = capsys.readouterr()
    secret_part = TOKEN.partition(":")[2]
    assert status == 1 and "Traceback" in err
    assert secret_part.lower() not in (out + err).lower(), out + err
