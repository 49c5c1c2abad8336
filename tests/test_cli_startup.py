"""Commands that need no model start without torch and transformers, which take seconds to import.

Each command runs as a person runs it, in a fresh interpreter, under ``python -X importtime``: the
import log names every module imported, so the tests read what was imported rather than timing it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from nashra.demo import ARTICLES_DIR
from tests.nashra_process import clean_env, free_port, quiet_config, takes_ctrl_c, wait_on
from tests.quiet_schedule import quiet_schedule_toml

HEAVY = ("torch", "transformers")
ARTICLE = ARTICLES_DIR / "04_iraq_mosul_basra.txt"


def imported(import_log: str) -> set[str]:
    """Top-level packages named in a ``-X importtime`` log."""
    names = set()
    for line in import_log.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[-1].strip().split(".")[0])
    return names


def nashra_importtime(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "nashra", *args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result, imported(result.stderr)


def test_importing_the_cli_and_building_its_parser_imports_no_model_library() -> None:
    probe = (
        "import sys, nashra.cli; nashra.cli.build_parser(); "
        "print(','.join(m for m in ('torch', 'transformers', 'telegram', 'tornado') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=clean_env(), capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["sections", str(ARTICLE)],
        ["ingest", str(ARTICLE), "--db", "n.db"],
        ["digest", "--preview", "--regions", "IQ", "--db", "n.db"],
        ["doctor", "--db", "n.db"],
    ],
    ids=["help", "version", "sections", "ingest", "digest-preview", "doctor"],
)
def test_command_without_a_model_imports_neither_torch_nor_transformers(
    args: list[str], tmp_path: Path
) -> None:
    (tmp_path / "n.db").touch()  # an empty database: digest --preview refuses a missing one
    result, modules = nashra_importtime(*args, cwd=tmp_path)

    assert result.returncode in (0, 1), result.stderr[-2000:]  # doctor: 1 for the missing token
    assert "nashra" in modules
    assert not modules & set(HEAVY), f"imported {sorted(modules & set(HEAVY))}"


def test_sections_of_a_text_file_imports_no_html_reader(tmp_path: Path) -> None:
    result, modules = nashra_importtime("sections", str(ARTICLE), cwd=tmp_path)

    assert result.returncode == 0, result.stderr[-2000:]
    assert "trafilatura" not in modules


def test_sections_of_a_text_file_imports_no_feed_reader(tmp_path: Path) -> None:
    result, modules = nashra_importtime("sections", str(ARTICLE), cwd=tmp_path)

    assert result.returncode == 0, result.stderr[-2000:]
    assert not modules & {"feedparser", "httpx"}, f"imported {sorted(modules & {'feedparser', 'httpx'})}"


@pytest.fixture
def running_bot(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """`nashra run` without a model, polling a sandbox Bot API that another `nashra` process serves."""
    port = free_port()
    sandbox = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nashra",
            "sandbox",
            "--no-prompt",
            "--empty",
            "--port",
            str(port),
            "--db",
            "sb.db",
        ],
        cwd=tmp_path,
        env=clean_env(NASHRA_CONFIG=str(quiet_config(tmp_path))),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    config = tmp_path / "nashra.toml"
    config.write_text(
        f'[telegram]\nbase_url = "http://127.0.0.1:{port}/bot"\n{quiet_schedule_toml()}', encoding="utf-8"
    )
    bot = None
    try:
        _wait_for_port(port, sandbox)
        bot = subprocess.Popen(
            [sys.executable, "-X", "importtime", "-m", "nashra", "run"],
            cwd=tmp_path,
            env=clean_env(NASHRA_TELEGRAM_TOKEN="123456:run-token-for-the-test"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=takes_ctrl_c,
        )
        yield bot
    finally:
        for process in (bot, sandbox):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(10)


def _wait_for_port(port: int, server: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    """Wait until ``server`` listens on ``port``; fails at once should it end first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        wait_on(server, 0.1)
    raise AssertionError(f"nothing listens on port {port} (the server's exit status: {server.poll()})")


def test_bot_without_a_model_runs_without_torch_or_transformers(running_bot: subprocess.Popen[str]) -> None:
    lines: list[str] = []
    assert running_bot.stderr is not None
    for line in running_bot.stderr:
        lines.append(line)
        if "is up" in line:
            break
    assert any("is up" in line for line in lines), "".join(lines[-20:])
    os.kill(running_bot.pid, signal.SIGINT)
    _, rest = running_bot.communicate(timeout=60)
    modules = imported("".join(lines) + rest)
    assert running_bot.returncode == 0
    assert "telegram" in modules
    assert not modules & set(HEAVY), f"imported {sorted(modules & set(HEAVY))}"
    # The saved-page reader (trafilatura, lxml: about 40 MB resident) is for teaser feeds and HTML files.
    assert "trafilatura" not in modules


class _LoadingInterrupted:
    """A module whose loading Ctrl-C interrupts."""

    def __getattr__(self, name: str) -> object:
        raise KeyboardInterrupt


def test_ctrl_c_while_the_program_loads_is_one_line_and_status_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from nashra.entry import main

    monkeypatch.setitem(sys.modules, "nashra.cli", _LoadingInterrupted())
    assert main() == 130
    assert capsys.readouterr().err == "nashra: interrupted\n"


def test_the_process_ends_with_the_commands_status_its_output_written_and_exit_handlers_run() -> None:
    # The process skips the interpreter's finalization (nashra.entry.run), not what it owes: the
    # command's buffered output, its exit handlers and its status all come out as Python's exit gives.
    # A thread pool left open with an idle worker does not hold it (woken as at a normal exit).
    program = (
        "import atexit\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "from nashra import entry\n"
        "def command():\n"
        "    atexit.register(print, 'handler ran')\n"
        "    ThreadPoolExecutor(1).submit(print, 'pool ran', end=' ').result()\n"
        "    print('written', end=' ')\n"
        "    return 7\n"
        "entry.main = command\n"
        "entry.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (7, "pool ran written handler ran\n")


def test_a_usage_error_ends_the_process_with_argparses_status() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nashra", "no-such-command"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "no-such-command" in done.stderr


def _buffered_env() -> dict[str, str]:
    """The environment with standard output block-buffered, as a command piped or redirected has it:
    what is printed is written at the process's end."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


_PRINTS_AND_RETURNS = (
    "from nashra import entry\nentry.main = lambda: print('the output') or {status}\nentry.run()\n"
)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a device that is always full)")
def test_output_lost_at_the_process_s_end_is_said_and_the_status_is_120() -> None:
    # A redirect to a full disk: the output that could not be written is no silent success.
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", _PRINTS_AND_RETURNS.format(status=0)],
            stdout=full, stderr=subprocess.PIPE, text=True, env=_buffered_env(), timeout=60,
        )  # fmt: skip
    assert done.returncode == 120
    assert "nashra: the output could not be written" in done.stderr


def test_a_reader_gone_at_the_process_s_end_leaves_the_command_s_status() -> None:
    # «nashra sections … | head»: a reader that went away is no error of ours at the end either.
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PRINTS_AND_RETURNS.format(status=0)],
            stdout=write, stderr=subprocess.PIPE, text=True, env=_buffered_env(), timeout=60,
        )  # fmt: skip
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, "")
