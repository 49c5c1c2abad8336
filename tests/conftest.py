"""Shared fixtures: paths to the test data and a fresh database per test."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from nashra.storage import Database
from tests.database_template import open_database, template

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
SHARED = TESTS.parent.parent / "shared"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session", autouse=True)
def _database_template() -> Path:
    """Built before the first test, so that no test's own log shows it being created."""
    return template()


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A new database at the current schema (a copy of one migrated once: tests/database_template.py)."""
    database = await open_database(tmp_path / "nashra.db")
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture(autouse=True)
def _restore_root_logger() -> Iterator[None]:
    """A test that runs the command line (which sets up logging on the streams pytest captures) must not
    leave a later test's background threads writing to a closed capture stream."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
