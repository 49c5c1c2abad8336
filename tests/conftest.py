"""Shared fixtures: paths to the test data and a fresh database per test."""

from __future__ import annotations

import compileall
import functools
import logging
import os
import ssl
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx._transports.default as httpx_transports
import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.sandbox import SandboxBotAPI
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


@pytest.fixture(scope="session")
def clause_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small seq2seq model the summarizer tests train on the test corpus (tests/tiny_models.py),
    kept in pytest's cache between runs (a fresh folder of this run's when the cache is off)."""
    from tiny_models import clause_model

    cache = getattr(request.config, "cache", None)
    folder = cache.mkdir("nashra-models") if cache is not None else tmp_path_factory.mktemp("nashra-models")
    return clause_model(Path(folder))


@pytest.fixture
def conversion_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the CTranslate2 tests' conversions are cached: one folder for the run, never the user's."""
    from summarizer import ct2

    root = tmp_path_factory.getbasetemp() / "nashra-cache"
    monkeypatch.setenv(ct2.CACHE_ENV, str(root))
    return root


@pytest.fixture
def fresh_model_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test loads its summarization model anew: a model loaded (with the revision of its files), or
    a load failure remembered, by an earlier test of the process (with another cache folder) would
    answer in its place."""
    from summarizer import engines, keys

    monkeypatch.setattr(engines, "_loaded", {})
    monkeypatch.setattr(engines, "_failed", {})
    monkeypatch.setattr(engines, "_changes", {})
    monkeypatch.setattr(engines, "_reloads", {})
    monkeypatch.setattr(keys, "_loaded", {})


@pytest.fixture(scope="session", autouse=True)
def _one_default_tls_context() -> Iterator[None]:
    """Every HTTP client a test builds (each Bot holds two; each Deliverer and bot harness a Bot) would
    load the CA bundle into a TLS context of its own: 0.03-0.14 s each, a few hundred times a run,
    for clients that speak plain HTTP to the sandbox. Those that ask for the default context share
    one, built once as httpx builds it for the same settings (``trust_env`` and the ``SSL_CERT_FILE``
    and ``SSL_CERT_DIR`` it reads); a client asking for anything else gets its own, as before. (Test
    processes only: a ``nashra`` subprocess builds its own.)"""
    build = httpx_transports.create_ssl_context

    @functools.cache
    def shared(trust_env: bool, cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
        return build(trust_env=trust_env)

    def create_ssl_context(
        verify: object = True, cert: object = None, trust_env: bool = True
    ) -> ssl.SSLContext:
        if verify is True and cert is None:
            return shared(trust_env, os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
        return build(verify=verify, cert=cert, trust_env=trust_env)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpx_transports, "create_ssl_context", create_ssl_context)
        yield


@pytest.fixture(scope="session", autouse=True)
def _project_bytecode() -> None:
    """A test run starts a hundred-odd ``nashra`` processes, each importing the project's modules.
    Where writing bytecode is off (``PYTHONDONTWRITEBYTECODE``, as in the Dockerfile and shells built
    like it) each would compile them from source again: about 0.3 s of CPU a process. They are
    compiled once here, into the ``__pycache__`` folders Python itself would write (ignored by git);
    a module edited later is compiled afresh by whoever imports it, as always."""
    if sys.dont_write_bytecode:
        for package in ("nashra", "bot", "summarizer"):
            compileall.compile_dir(TESTS.parent / package, quiet=1)


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> Iterator[None]:
    """pytest rewrites the asserts of each test module it imports and keeps the result as a
    ``-pytest-*.pyc`` file beside Python's own bytecode, but only where writing bytecode is on. Where it
    is off (``PYTHONDONTWRITEBYTECODE``, as in the Dockerfile) every run rewrote all ~190 test modules
    again during collection: about a tenth of a run's CPU. Writing is on while the tests are collected,
    so the rewritten modules (and the project modules they import) are kept in the ``__pycache__``
    folders Python itself would write (ignored by git); pytest reads them back whenever they are there
    and newer than their source, and rewrites a module edited since."""
    writes = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    try:
        return (yield)
    finally:
        sys.dont_write_bytecode = writes


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


@pytest.fixture
async def sandbox_deliverer(db: Database) -> AsyncIterator[tuple[Deliverer, SandboxBotAPI]]:
    """A Deliverer of the default settings over ``db``, talking HTTP to a sandbox Bot API, and the
    sandbox; not started (a test owes what it needs first, then starts it), stopped at the end."""
    async with SandboxBotAPI() as api:
        bot = Bot(
            "123456:sandbox-deliverer-token-aaaaaaaaaaaaaaaaaaaaaaaa",
            base_url=api.base_url,
            request=HTTPXRequest(),
        )
        async with bot:
            service = Deliverer(bot, db, Config())
            yield service, api
            await service.stop()


@pytest.fixture(autouse=True)
def _restore_root_logger() -> Iterator[None]:
    """A test that runs the command line (which sets up logging on the streams pytest captures) must not
    leave a later test's background threads writing to a closed capture stream."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
