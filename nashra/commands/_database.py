"""The one refusal of a missing database, shared by every command that needs an existing one."""

from __future__ import annotations

import sys
from pathlib import Path

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
    print(f"nashra {command}: database {path} does not exist", file=sys.stderr)
    return REFUSED
