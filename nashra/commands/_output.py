"""What a command that changes stored data writes, and what happens when nobody reads it any more."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TextIO


def say(line: str, stream: TextIO, write: Callable[..., None] = print) -> None:
    """Write ``line`` to ``stream`` (with ``write``: print, or tqdm.write past a progress bar). A reader
    that went away (``nashra ingest DAY 2>&1 | head``, a log pipe that died) ends what is read of the
    run, not the run: the stream goes to /dev/null from then on, the work goes on (every article
    stored, every section summarized), and the exit status still says how it went. Stopping at the
    first line the reader missed did nothing more and exited 0."""
    try:
        write(line, file=stream)
        stream.flush()
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
