"""The installed ``nashra`` command run as a person runs it: a subprocess, or a program on a terminal.

CLI tests use these rather than calling :func:`nashra.cli.main` in the test process, so they see what a
person sees: the console script, its imports (the test process has torch loaded already), its exit
status, and, on a pseudo-terminal, what the screen shows.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pyte

from tests.quiet_schedule import quiet_schedule_toml

BIN = Path(sys.executable).parent
NASHRA = BIN / "nashra"
_T = TypeVar("_T")
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a new user: no token, no config named, the venv's commands first on PATH."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("NASHRA_TELEGRAM_TOKEN", "NASHRA_CONFIG", "NASHRA_WEBHOOK_SECRET")
    }
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def takes_ctrl_c() -> None:
    """``preexec_fn`` for a child a test interrupts with SIGINT: a shell that starts the tests as a
    background job (``pytest &``, some CI runners) ignores SIGINT, children inherit that, and Python then
    installs no KeyboardInterrupt handler; restored here, the child takes Ctrl-C as a terminal user's
    process does."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_on(process: subprocess.Popen[Any], seconds: float) -> None:
    """Wait up to ``seconds`` for ``process`` to end: the pause of a loop that looks at what a running
    process has done so far, cut short when it ends (the loop then sees it ended)."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(seconds)


def wait_reading_a_pipe(process: subprocess.Popen[Any], timeout: float = 60.0) -> None:
    """Wait until a thread of ``process`` is blocked reading a pipe (its standard input, say), as the
    kernel tells in ``/proc/PID/task/TID/wchan``. ``timeout`` guards against a hang. Where the kernel
    tells no such thing (not Linux, or wait channels hidden: see :func:`_pipe_reads_shown`) there is
    nothing to wait for, and it returns at once."""
    if not _pipe_reads_shown():
        return
    tasks = Path(f"/proc/{process.pid}/task")
    deadline = time.monotonic() + timeout
    while True:
        channels = [_wait_channel(task) for task in tasks.glob("*")]
        if any(_reads_a_pipe(c) for c in channels):
            return
        assert process.poll() is None, "the process ended before it read a pipe"
        assert time.monotonic() < deadline, f"no thread of the process is reading a pipe: {channels}"
        wait_on(process, 0.01)


def _wait_channel(task: Path) -> str:
    """What the thread ``task`` (/proc/PID/task/TID) waits in: "0" while it runs, "" once it ended."""
    try:
        return (task / "wchan").read_text()
    except OSError:
        return ""


def _reads_a_pipe(channel: str) -> bool:
    return "pipe_read" in channel  # pipe_read; anon_pipe_read on newer kernels


@functools.cache
def _pipe_reads_shown() -> bool:
    """Whether this kernel names a thread's wait on a pipe: a thread of this process is made to wait
    on one, and its wait channel read until it shows it (10 s at most)."""
    if not Path("/proc/self/task").is_dir():
        return False
    reader, writer = os.pipe()
    waiting = threading.Thread(target=os.read, args=(reader, 1), daemon=True)
    waiting.start()
    try:
        task = Path(f"/proc/self/task/{waiting.native_id}")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if _reads_a_pipe(_wait_channel(task)):
                return True
            waiting.join(0.01)  # a pause: the thread ends only once its pipe is written to
        return False
    finally:
        os.write(writer, b"x")
        waiting.join()
        os.close(reader)
        os.close(writer)


def quiet_config(folder: Path) -> Path:
    """A config file in ``folder`` that sets only a digest schedule no test can meet
    (tests/quiet_schedule.py): for a test that starts the bot (``run``, ``sandbox``) with no config file
    of its own, as ``clean_env(NASHRA_CONFIG=str(quiet_config(folder)))``."""
    path = folder / "quiet-schedule.toml"
    path.write_text(quiet_schedule_toml(), encoding="utf-8")
    return path


def run_nashra(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120.0
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NASHRA), *args],
        cwd=cwd,
        env=env or clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Terminal:
    """A command on its own pseudo-terminal, which is its controlling terminal: Ctrl-C typed here
    reaches it exactly as it would from a person's keyboard. What it prints also goes through a terminal
    emulator (pyte), so :meth:`screen` is what a person would see, cursor moves and erasing included.
    The screen is tall enough that nothing scrolls off during a test."""

    def __init__(
        self, argv: list[str], *, cwd: Path, env: dict[str, str], rows: int = 300, cols: int = 200
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

        def become_session_leader() -> None:
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            argv,
            cwd=cwd,
            env={"TERM": "xterm", **env},
            stdin=slave,
            stdout=slave,
            stderr=slave,
            preexec_fn=become_session_leader,
            close_fds=True,
        )
        os.close(slave)
        self._master = master
        self._output = bytearray()
        self._screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self._screen)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # notified at each chunk read, and at the end
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        try:
            while True:
                ready, _, _ = select.select([self._master], [], [], 0.1)
                if ready:
                    chunk = os.read(self._master, 65536)
                    if not chunk:
                        return
                    with self._changed:
                        self._output.extend(chunk)
                        self._stream.feed(chunk)
                        self._changed.notify_all()
        except OSError:  # the other side closed: the program ended
            return
        finally:
            with self._changed:
                self._changed.notify_all()

    @property
    def output(self) -> str:
        with self._lock:
            return self._text()

    @property
    def plain_output(self) -> str:
        """The output as :meth:`expect` reads it (escape sequences removed): its offsets are ``after``'s."""
        with self._lock:
            return _ESCAPE.sub("", self._text())

    def _text(self) -> str:
        return self._output.decode("utf-8", errors="replace")

    def screen(self) -> list[str]:
        """The terminal's lines as shown now, trailing blanks removed."""
        with self._lock:
            return self._screen_lines()

    def _screen_lines(self) -> list[str]:
        lines = [line.rstrip() for line in self._screen.display]
        while lines and not lines[-1]:
            lines.pop()
        return lines

    def expect(self, pattern: str, *, timeout: float = 30.0, after: int = 0) -> re.Match[str]:
        """Wait until the output (escape sequences removed), from offset ``after``, matches ``pattern``."""
        found = self._await(lambda: re.search(pattern, _ESCAPE.sub("", self._text())[after:]), timeout)
        if found is None:
            text = _ESCAPE.sub("", self.output)[after:]
            raise AssertionError(f"{pattern!r} did not appear; the terminal shows:\n{text[-3000:]}")
        return found

    def expect_screen(self, shows: Callable[[list[str]], bool], *, timeout: float = 30.0) -> list[str]:
        """Wait until ``shows`` holds of the screen (:meth:`screen`'s lines); returns those lines."""
        if self._await(lambda: shows(self._screen_lines()), timeout) is None:
            raise AssertionError("the terminal never showed what was awaited:\n" + "\n".join(self.screen()))
        return self.screen()

    def _await(self, check: Callable[[], _T], timeout: float) -> _T | None:
        """``check()`` (run under the output's lock) once it is true, re-run as each piece of output
        arrives; None when ``timeout`` seconds pass, or the program ends, first."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                result = check()
                if result:
                    return result
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    return None
                # Its end may come without a last piece of output: looked at again every tenth of a second.
                self._changed.wait(min(left, 0.1))

    def type(self, keys: str) -> None:
        os.write(self._master, keys.encode("utf-8"))

    def wait_exit(self, timeout: float) -> int | None:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self._reader.join(timeout=5)
        os.close(self._master)
