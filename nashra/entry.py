"""The ``nashra`` command's entry point (``[project.scripts]`` and ``python -m nashra``).

Loading the program and its commands, and reading the config, take a noticeable part of a second
before a command runs; Ctrl-C pressed then (at once after Enter, a mistyped command) met no handler
of ours and printed Python's KeyboardInterrupt traceback through whatever module was being
imported. It ends here as an interrupted command does (:func:`nashra.cli.main`): one line, exit
status 130.

The process then ends without tearing its heap down (:func:`run`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn

FLUSH_FAILED = 120
"""The status of a process whose buffered output could not be written at its end (CPython's own, see
:func:`sys.exit`): a full disk. A reader that went away is no failure (see :func:`run`)."""


def main() -> int:
    try:
        from nashra.cli import main as run_command

        return run_command()
    except KeyboardInterrupt:
        print("nashra: interrupted", file=sys.stderr)
        return 130


def run() -> NoReturn:
    """Run the command (:func:`main`) and end the process with its status, without the interpreter's
    finalization.

    Why: finalization frees every object of the heap one by one (the loaded modules, the gazetteer's
    tables), and a stop must end the process within 2 s: SIGTERM to ``nashra digest --run`` in
    Telegram's hour-long wait took 0.44–1.17 s to end at load 4, 0.05 s of it before the command had
    returned (``benchmarks/stop_sending.py``, 2026-12-02), and 2.95 s at load 17. What finalization
    does that matters is done first, as it would be: threads that are not daemons are waited for (a
    thread pool's idle workers woken first), the exit handlers run (logging's flush and close among
    them), and the standard streams are flushed.
    The command has closed its database itself.
    """
    try:
        status = main()
    except SystemExit as exc:  # argparse's --help and usage errors
        status = _status_of(exc.code)
    # What CPython's finalization does first, in its order, through the same calls: wake the thread
    # pools' idle workers and wait for every thread that is not a daemon, then the exit handlers.
    threading._shutdown()  # type: ignore[attr-defined]
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            # The reader went away (``nashra sections … | head``): not an error of ours, as when that
            # happens while the command runs (:func:`nashra.cli.main`); the status stays the command's.
            pass
        except (OSError, ValueError) as exc:
            # The output is lost (a full disk, a closed stream): said, as CPython's finalization says it.
            status = status or FLUSH_FAILED
            if stream is sys.stdout:
                with contextlib.suppress(OSError, ValueError):
                    print(f"nashra: the output could not be written: {exc}", file=sys.stderr)
    os._exit(status)


def _status_of(code: object) -> int:
    """The exit status :class:`SystemExit` with ``code`` gives (None is 0; other than an int, the
    code is printed on standard error and the status is 1), as CPython ends a process with it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
