"""What commands that only use an existing database check before opening it."""

from __future__ import annotations

import sys
from pathlib import Path


def database_exists(path: str, command: str) -> bool:
    """Whether the database at ``path`` exists; when not, says so on stderr as ``nashra COMMAND: …``.

    Opening a missing database creates an empty one, which would hide a mistyped ``--db`` or
    ``database.path`` behind "nothing new" or "0 left". Commands that fill a database (ingest, run)
    create it; those that read it (summarize, digest --preview) refuse a missing one with this line.
    Anything else at ``path`` (a folder, a file of another kind) is left to the database's own
    one-line refusal when it is opened.
    """
    if Path(path).expanduser().exists():
        return True
    print(f"nashra {command}: database {path} does not exist", file=sys.stderr)
    return False
