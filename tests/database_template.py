"""A new database at the current schema for each test, copied from one migrated once per test run.

Creating a database applies every shipped migration (a few hundred), each in its own transaction:
about 0.1 s a file, paid by each of the hundreds of tests that start from an empty database (the
``db`` fixture, tests/bot_harness.py). A copy of a file migrated once is the same database for a few
milliseconds: what :meth:`Database.open` finds in it is what it would have made. Tests of creating,
migrating or checking a database open their own path with :meth:`Database.open` instead.
"""

from __future__ import annotations

import asyncio
import atexit
import shutil
import tempfile
import threading
from pathlib import Path

from nashra.storage import Database

_built: Path | None = None
_building = threading.Lock()


def template() -> Path:
    """The migrated file to copy (closed, so all of it is in this one file: no WAL beside it); built at
    the first call, in a thread of its own so that a caller inside an event loop may ask for it."""
    global _built
    with _building:
        if _built is None:
            folder = Path(tempfile.mkdtemp(prefix="nashra-template-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            path = folder / "template.db"

            async def migrate() -> None:
                await (await Database.open(path)).close()

            builder = threading.Thread(target=asyncio.run, args=(migrate(),))
            builder.start()
            builder.join()
            if not path.is_file() or Path(f"{path}-wal").exists():
                raise RuntimeError(f"the database template {path} was not built")
            _built = path
    return _built


async def open_database(path: Path) -> Database:
    """The database at ``path``, opened; a file that does not exist yet starts as a copy of
    :func:`template` (what :meth:`Database.open` would have created, without migrating it again)."""
    if not path.exists():
        shutil.copyfile(template(), path)
    return await Database.open(path)
