"""The one refusal of a missing database, shared by every command that needs an existing one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nashra.logs import one_line

# Exit status of a refused invocation (a missing database, as a bad option or an unknown region): the
# command did nothing, as argparse's own refusals (status 2) do nothing.
REFUSED = 2


def missing_database(path: str | Path, command: str) -> int | None:
    """None when the database at ``path`` exists; else says so on stderr, ``nashra COMMAND: database
    PATH does not exist``, and returns the exit status :data:`REFUSED` for the command to return.

    Opening a missing database creates an empty one, which would hide a mistyped ``--db`` or
    ``database.path`` behind "nothing new", "0 left" or "0 subscribers". Commands that fill a database
    (ingest, run, sandbox) create it; every command that reads or sends from one (summarize of a stored
    article or the backlog, digest --preview and --run, backup) refuses a missing one with this line,
    through this function, so the line and the status are the same everywhere. Anything else at
    ``path`` (a folder, a file of another kind) is left to the database's own one-line refusal when it
    is opened.
    """
    if Path(path).expanduser().exists():
        return None
    # Named on one line: a path holding a line break or an escape sequence would split or repaint it.
    print(f"nashra {command}: database {one_line(str(path))} does not exist", file=sys.stderr)
    return REFUSED


def database_path(value: str) -> str:
    """The ``--db`` option's type: a path, never an empty one.

    ``--db "$DB"`` with ``DB`` unset gives an empty string, which read as "not given" would send the
    command to the configured database (or the sandbox's, or a temporary one) without a word: an
    ingest stored where nobody looks, a digest sent from the wrong subscribers. argparse refuses it in
    one line, with exit status 2."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty path was given (an unset shell variable?)")
    return value
