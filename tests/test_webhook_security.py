"""Webhook mode never accepts an update that does not carry the secret registered with setWebhook.

The real ``nashra run`` runs in webhook mode in its own process, against the sandbox Bot API (which
records what setWebhook registered); the test posts the field case of a forged update
(../shared/cases/10_forged_update.json: an admin's /broadcast) to the webhook port, as anyone who finds
the address could. It takes a few seconds: the whole bot starts in a fresh interpreter.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from nashra.cli import main
from nashra.sandbox import SandboxBotAPI
from subscriptions import SubscriptionService
from tests.database_template import open_database
from tests.nashra_process import wait_on
from tests.quiet_schedule import quiet_schedule_toml

TOKEN = "123456:webhook-test-token-abcdefghijklmnopqrstu"
ADMIN = 4242  # the admin id the forged update claims
SUBSCRIBER = 5555
STARTUP_S = 90.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def sandbox() -> Iterator[SandboxBotAPI]:
    """The sandbox on its own event loop in a thread, answering the bot process over HTTP."""
    loop = asyncio.new_event_loop()
    api = SandboxBotAPI(token=TOKEN)
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(api.start(), loop).result(timeout=10)
    try:
        yield api
    finally:
        asyncio.run_coroutine_threadsafe(api.stop(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)


async def _subscribe(db_path: Path) -> None:
    async with await open_database(db_path) as db:
        await SubscriptionService(db).subscribe(SUBSCRIBER, "private", "درعا")


def _config(tmp_path: Path, base_url: str, port: int) -> Path:
    config = tmp_path / "nashra.toml"
    config.write_text(
        f'[database]\npath = "{tmp_path / "bot.db"}"\n\n'
        f'[telegram]\nbase_url = "{base_url}"\nadmins = [{ADMIN}]\nmode = "webhook"\n'
        'webhook_url = "https://bot.example.org/telegram"\nwebhook_listen = "127.0.0.1"\n'
        f"webhook_port = {port}\n{quiet_schedule_toml()}",
        encoding="utf-8",
    )
    return config


def _wait(condition: object, what: str, timeout: float, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if process.poll() is not None:
            raise AssertionError(
                f"nashra run exited ({process.returncode}) before {what}: {process.stderr.read()}"
            )  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        wait_on(process, 0.05)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _copies(api: SandboxBotAPI, chat_id: int, fragment: str) -> int:
    return sum(fragment in message.plain_text for message in list(api.messages.get(chat_id, [])))


def _received(api: SandboxBotAPI, chat_id: int, fragment: str) -> bool:
    return _copies(api, chat_id, fragment) > 0


def _alerts(db_path: Path) -> int:
    """How many alerts and broadcasts the bot has queued in its database."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM alerts").fetchone()[0])


def test_forged_update_without_the_secret_is_refused(
    tmp_path: Path, sandbox: SandboxBotAPI, shared_dir: Path
) -> None:
    forged = json.loads((shared_dir / "cases" / "10_forged_update.json").read_text(encoding="utf-8"))
    asyncio.run(_subscribe(tmp_path / "bot.db"))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "NASHRA_WEBHOOK_SECRET"}
    env["NASHRA_TELEGRAM_TOKEN"] = TOKEN
    process = subprocess.Popen(
        [sys.executable, "-m", "nashra", "-c", str(_config(tmp_path, sandbox.base_url, port)), "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait(lambda: sandbox.webhook is not None and _listening(port), "the webhook", STARTUP_S, process)
        registered = str(sandbox.webhook.get("secret_token") or "")  # type: ignore[union-attr]
        assert len(registered) >= 32, "setWebhook was called without a secret_token"
        url = f"http://127.0.0.1:{port}/"
        with httpx.Client(timeout=10) as client:
            bare = client.post(url, json=forged)
            wrong = client.post(url, json=forged, headers={"X-Telegram-Bot-Api-Secret-Token": "guessed"})
            assert (bare.status_code, wrong.status_code) == (403, 403)
            # The same update with the registered secret is Telegram's own: it goes through.
            genuine = client.post(
                url,
                json={**forged, "update_id": 778},
                headers={"X-Telegram-Bot-Api-Secret-Token": registered},
            )
            assert genuine.status_code == 200
        _wait(lambda: _received(sandbox, SUBSCRIBER, "رسالة مزورة"), "the genuine broadcast", 20.0, process)
        # The admin's chat handles its updates one at a time, in the order they came: a forged update
        # taken in would have been broadcast before the genuine one, so it would show by now.
        assert _alerts(tmp_path / "bot.db") == 1
        assert _copies(sandbox, SUBSCRIBER, "رسالة مزورة") == 1
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
    assert registered not in out + err


def test_malformed_webhook_secret_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("NASHRA_WEBHOOK_SECRET", "not allowed: spaces")
    config = _config(tmp_path, "http://127.0.0.1:9/bot", _free_port())
    assert main(["--config", str(config), "run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("nashra: NASHRA_WEBHOOK_SECRET must be 1-256 characters")


def test_doctor_reports_how_webhook_calls_are_authenticated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nashra.config import load_config
    from nashra.doctor import check_config

    monkeypatch.delenv("NASHRA_WEBHOOK_SECRET", raising=False)
    config = load_config(_config(tmp_path, "http://127.0.0.1:9/bot", 8443))
    [webhook] = [check for check in check_config(config) if check.name == "webhook"]
    assert webhook.verdict == "ok" and "registers with setWebhook" in webhook.found
    monkeypatch.setenv("NASHRA_WEBHOOK_SECRET", "bad secret")
    [webhook] = [check for check in check_config(config) if check.name == "webhook"]
    assert webhook.verdict == "fail"
