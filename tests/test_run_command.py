"""``nashra run`` stops with one clear line when Telegram cannot be reached or refuses the token."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from nashra.cli import main
from nashra.sandbox import SandboxBotAPI


def _config(tmp_path: Path, base_url: str) -> Path:
    config = tmp_path / "nashra.toml"
    config.write_text(
        f'[database]\npath = "{tmp_path / "n.db"}"\n\n[telegram]\nbase_url = "{base_url}"\n', encoding="utf-8"
    )
    return config


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_unreachable_bot_api_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", "123456:unreachable-token")
    config = _config(tmp_path, f"http://127.0.0.1:{_free_port()}/bot")
    assert main(["--config", str(config), "run"]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the Bot API" in err and "Traceback" not in err


@pytest.fixture
def sandbox_in_a_thread() -> Iterator[SandboxBotAPI]:
    """The sandbox on its own event loop in a thread, so the command runs in the main thread."""
    loop = asyncio.new_event_loop()
    api = SandboxBotAPI(token="999:the-right-one")
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(api.start(), loop).result(timeout=10)
    try:
        yield api
    finally:
        asyncio.run_coroutine_threadsafe(api.stop(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)


def test_refused_token_is_one_line_without_the_token(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sandbox_in_a_thread: SandboxBotAPI,
) -> None:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", "123456:a-wrong-token")
    config = _config(tmp_path, sandbox_in_a_thread.base_url)
    assert main(["--config", str(config), "run"]) == 1
    err = capsys.readouterr().err
    assert "refused the token" in err and "a-wrong-token" not in err


def test_db_chooses_the_database_as_it_does_for_every_other_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", "123456:token-of-a-bot-never-reached")
    config = _config(tmp_path, f"http://127.0.0.1:{_free_port()}/bot")
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    assert main(["--config", str(config), "run", "--db", str(folder)]) == 2
    assert f"database path {folder} is a folder, not a file" in capsys.readouterr().err
