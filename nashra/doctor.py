"""``nashra doctor``: check what a real run needs and say what to fix, without changing anything.

Each check gives a verdict (ok, warning, failure), one line about what was found and, when something is
wrong, one line about what to do. The database is inspected without being created or migrated, so the
doctor is safe to run against a live bot's files. The bot token is used for a ``getMe`` call and never
appears in what is printed: every line passes through :func:`mask`.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import httpx

from nashra import logs
from nashra.config import TOKEN_ENV, WEBHOOK_SECRET_ENV, Config
from nashra.storage.db import Database, StorageError, check_finding, migrations
from summarizer import SectionText, Summarizer
from summarizer.errors import ModelUnavailable
from summarizer.loader import ModelLoadError

Status = Literal["ok", "warn", "fail"]
MARKS: dict[Status, str] = {"ok": "✓", "warn": "!", "fail": "✗"}

# What BotFather hands out: the bot's numeric id, a colon, then 35 URL-safe characters.
TOKEN_SHAPE = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")
GETME_TIMEOUT_S = 8.0
_BOTFATHER = (
    f"open @BotFather in Telegram, send /newbot, and export {TOKEN_ENV}=<the token it gives> "
    "(in the environment, or the EnvironmentFile of the systemd unit; never in the config file)"
)
_MODEL_HELP = "see the README section 'Summarization models offline'"
_PROBE_TEXT = (
    "افتتحت جامعة الموصل مكتبتها المركزية بعد إعادة إعمارها، وتبرع سكان المدينة بآلاف الكتب "
    "لتعويض ما احترق خلال سنوات الحرب. وقال رئيس الجامعة إن المكتبة تفتح حتى المساء."
)


@dataclass(frozen=True, slots=True)
class Check:
    """One verdict: what was checked, what was found, and what to do when it is not fine."""

    name: str
    verdict: Status
    found: str
    fix: str = ""


def mask(text: str, secret: str | None) -> str:
    """``text`` with the secret replaced, so no output of the doctor can leak the token (the masking of
    :func:`nashra.logs.mask`, the same as logs and command errors)."""
    return logs.mask(text, [secret])


async def diagnose(
    config: Config,
    *,
    db_path: str | None = None,
    timeout_s: float = GETME_TIMEOUT_S,
    config_problems: list[str] | None = None,
) -> list[Check]:
    """Every check, in the order a person would fix them: config, database, model, token.

    ``config_problems`` are the configuration's invalid options (see
    :func:`nashra.config.load_config_report`); each is reported, and the other checks run on the rest
    of the configuration, so one run shows everything there is to fix.
    """
    checks = check_config(config, config_problems or [])
    checks.append(await check_database(db_path or config.database.path))
    checks.append(await asyncio.to_thread(check_model, config))
    checks.append(await check_token(config, timeout_s))
    return checks


def check_config(config: Config, problems: list[str] | None = None) -> list[Check]:
    """One line per invalid option (each keeps its default for the other checks) or combination of
    options, or "valid", then the warnings."""
    where = (
        f"{config.source}"
        if config.source
        else "built-in defaults (no nashra.toml here, no --config, no $NASHRA_CONFIG)"
    )
    if config.source and not config.source.exists():
        fix = (
            f"copy config.example.toml to {config.source} and edit it, or name an existing file with "
            "--config or $NASHRA_CONFIG"
        )
    else:
        fix = f"edit {config.source}; config.example.toml lists every option with its default and range"
    problems = problems or []
    # The fix is the same for every problem: said once, under the last.
    checks = [
        Check("config", "fail", problem, fix if n == len(problems) else "")
        for n, problem in enumerate(problems, start=1)
    ]
    telegram = config.telegram
    # An invalid address is reported with the options above (and the default "" kept for the rest).
    named = _named(problems, "telegram.webhook_url")
    if telegram.mode == "webhook" and not telegram.webhook_url and not named:
        checks.append(
            Check(
                "config",
                "fail",
                f"telegram.mode is webhook but telegram.webhook_url is {telegram.webhook_url!r}",
                "set telegram.webhook_url to the public https:// address Telegram should call, "
                'or use mode = "polling"',
            )
        )
    if not checks:
        # Valid only when no option, alone or with another, is refused: never beside a failure.
        checks.append(Check("config", "ok", f"valid: {where}"))
    if telegram.mode == "webhook":
        checks.append(check_webhook_secret(config))
    if not telegram.admins and not any(p.startswith("telegram.admins") for p in problems):
        checks.append(
            Check(
                "config",
                "warn",
                "telegram.admins is empty: nobody can use /alert, /broadcast, /stats or /ingest",
                "add your numeric Telegram user id to telegram.admins "
                "(send /start to @userinfobot to see it)",
            )
        )
    return checks


def _named(problems: list[str], key: str) -> bool:
    """Whether one of the config's ``problems`` is about option ``key``."""
    return any(problem.startswith((f"{key} ", f"{key}[")) for problem in problems)


def check_webhook_secret(config: Config) -> Check:
    """Webhook calls must prove they come from Telegram (the secret_token of setWebhook)."""
    problem = config.webhook_secret_problem()
    if problem is not None:
        return Check("webhook", "fail", problem, f"export a valid {WEBHOOK_SECRET_ENV}, or unset it")
    if config.webhook_secret() is None:
        return Check(
            "webhook",
            "ok",
            "calls are authenticated by a secret `nashra run` makes at each start and registers with "
            f"setWebhook ({WEBHOOK_SECRET_ENV} is not set)",
        )
    return Check("webhook", "ok", f"calls are authenticated by {WEBHOOK_SECRET_ENV}")


async def check_database(path: str) -> Check:
    """Open the database read-only in spirit: no creation, no migration; report what a start would do."""
    name = f"database {path}"
    file = Path(path).expanduser()
    if path != ":memory:" and not file.exists():
        folder = file.resolve().parent
        if not folder.is_dir():
            return Check(name, "fail", f"folder {folder} does not exist", "create it, or set database.path")
        if not os.access(folder, os.W_OK):
            return Check(
                name, "fail", f"folder {folder} is not writable", "give the user running Nashra write access"
            )
        return Check(name, "ok", "does not exist yet; it will be created on the first run")
    try:
        db = await Database.open(path, migrate=False)
    except StorageError as exc:
        return Check(name, "fail", str(exc), _STORAGE_FIXES.get(exc.kind, ""))
    try:
        return await _inspect(db, name)
    finally:
        await db.close()


# What to do about each storage fault. Only a file that is no SQLite database may be moved away: a
# healthy database in a read-only place or on a full disk is fixed where it is.
_STORAGE_FIXES = {
    "damaged": "stop Nashra and restore the latest backup (see `nashra backup`)",
    "not_a_database": "point database.path at a Nashra database, or move this file away",
    "disk_full": "free space on that file system (old logs, backups, caches)",
    "size_limit": "free space, or check SQLite limits set outside Nashra",
    "read_only_file": "give the user running Nashra write access to the file (chown/chmod)",
    "read_only_folder": "give the user running Nashra write access to the folder (chown/chmod)",
    "read_only_file_system": "put the database on a writable file system (a volume mounted read-write)",
    "locked": "stop the other program (or the other Nashra) using it",
    "missing_folder": "create the folder, or set database.path",
    "is_a_folder": "set database.path to a file (nashra.db) inside that folder",
    "schema": "upgrade Nashra (pip install -U) instead of running an older one on this database",
}


async def _inspect(db: Database, name: str) -> Check:
    try:
        tables = await db.table_names()
        integrity = await db.integrity_check()
        version = await db.recorded_version()
    except StorageError as exc:
        return Check(name, "fail", str(exc), _STORAGE_FIXES.get(exc.kind, ""))
    except Exception as exc:  # sqlite3.DatabaseError and friends: the file is not a database we can read
        return Check(name, "fail", f"cannot be read: {exc}", "restore it from a backup")
    if integrity != "ok":
        return Check(
            name,
            "fail",
            f"is damaged: integrity check failed: {check_finding(integrity)}",
            _STORAGE_FIXES["damaged"],
        )
    if tables and "schema_migrations" not in tables:
        return Check(
            name, "fail", "is an SQLite file of another program", "point database.path at another file"
        )
    known = migrations()
    latest = known[-1][0] if known else 0
    if version > latest:
        return Check(
            name,
            "fail",
            f"schema version {version} is newer than this Nashra knows ({latest})",
            _STORAGE_FIXES["schema"],
        )
    try:
        await db.require_writable()
    except StorageError as exc:
        return Check(name, "fail", str(exc), _STORAGE_FIXES.get(exc.kind, ""))
    pending = [migration for number, migration, _ in known if number > version]
    if pending:
        return Check(name, "ok", f"integrity ok; {len(pending)} migration(s) will be applied at start")
    return Check(name, "ok", f"integrity ok, schema version {version} (up to date)")


def check_model(config: Config) -> Check:
    """Load the configured model and summarize one short paragraph with it (blocking: run in a thread).

    Without a model nothing is imported: torch and transformers take seconds to import.
    """
    settings = config.summarizer
    if not settings.model.strip():
        return Check(
            "summarizer",
            "ok",
            "no model configured: digests use the built-in extractive summaries",
            "",
        )
    name = f"summarizer {settings.model}"
    looks_local = settings.model.startswith(("/", ".", "~")) or Path(settings.model).expanduser().exists()
    folder = Path(settings.model).expanduser()
    if looks_local and not folder.is_dir():
        fix = f"copy the model folder there; {_MODEL_HELP}"
        return Check(name, "fail", f"folder {folder} does not exist", fix)
    summarizer = Summarizer.from_config(settings)
    started = time.monotonic()
    try:
        loaded = summarizer.require_model()
    except ModelLoadError as exc:
        return Check(
            name,
            "fail",
            str(exc),
            exc.fix
            or "the folder must hold config.json, the weights (model.safetensors or pytorch_model.bin) "
            f"and the tokenizer files; {_MODEL_HELP}",
        )
    try:
        (result,) = summarizer.summarize([SectionText(None, _PROBE_TEXT)], model_only=True)
    except ModelUnavailable as exc:
        return Check(
            name,
            "fail",
            f"loads but fails when it summarizes: {exc}",
            "check the device setting and the model folder's files; until the model summarizes, the bot "
            "leaves the backlog pending for it and digests use extractive summaries",
        )
    seconds = time.monotonic() - started
    where = f"{loaded.device.type}, {str(loaded.dtype).removeprefix('torch.')}"
    if result.method != "seq2seq":
        return Check(
            name,
            "warn",
            f"loads ({where}) but gave no usable summary of a test paragraph; "
            "digests fall back to extractive summaries",
            "check that it is a summarization model for Arabic (and [summarizer] prefix if it needs one)",
        )
    return Check(name, "ok", f"loaded on {where}, test summary in {seconds:.1f}s: {result.summary[:80]}")


async def check_token(config: Config, timeout_s: float) -> Check:
    """The token is set, shaped like a token, and accepted by ``getMe`` at telegram.base_url."""
    token = config.token()
    if token is None:
        return Check("token", "fail", f"{TOKEN_ENV} is not set (needed by `nashra run`)", _BOTFATHER)
    base = config.telegram.base_url
    official = base.startswith("https://api.telegram.org/")
    if official and not TOKEN_SHAPE.match(token):
        return Check(
            "token",
            "fail",
            f"{TOKEN_ENV} does not look like a bot token (digits, a colon, then 35 letters, digits, - or _)",
            "copy the whole token again from @BotFather, without quotes or spaces",
        )
    try:
        async with httpx.AsyncClient(timeout=timeout_s) as client:
            response = await client.get(f"{base}{token}/getMe")
    except httpx.TimeoutException:
        return Check(
            "token",
            "fail",
            f"no answer from {_host(base)} within {timeout_s:.0f}s",
            "check the network, firewall or proxy (HTTPS_PROXY), or telegram.base_url",
        )
    except httpx.HTTPError as exc:
        reason = mask(str(exc), token) or type(exc).__name__
        return Check(
            "token",
            "fail",
            f"cannot reach {_host(base)}: {reason}",
            "check the network, DNS, firewall or proxy (HTTPS_PROXY), or telegram.base_url",
        )
    return _getme_verdict(response, base, token)


def _getme_verdict(response: httpx.Response, base: str, token: str) -> Check:
    try:
        payload = response.json()
    except ValueError:
        payload = {}
    if response.status_code in (401, 404):
        answer = f"{response.status_code} {payload.get('description', '')}".strip()
        return Check(
            "token",
            "fail",
            f"{_host(base)} rejected the token ({answer})",
            "the token was revoked or mistyped: get the current one from @BotFather (/token)",
        )
    if response.status_code != 200 or not payload.get("ok"):
        description = mask(str(payload.get("description", response.reason_phrase)), token)
        return Check(
            "token",
            "fail",
            f"getMe failed at {_host(base)}: {response.status_code} {description}",
            "check telegram.base_url (it must end in /bot)",
        )
    bot = payload.get("result") or {}
    return Check("token", "ok", f"works: the bot is @{bot.get('username', '?')} (id {bot.get('id', '?')})")


def _host(base_url: str) -> str:
    url = httpx.URL(base_url)
    return f"{url.scheme}://{url.host}" + (f":{url.port}" if url.port else "")


def render(checks: list[Check], secret: str | None) -> str:
    """The report as printed: one ✓/!/✗ line per check, the fix indented under it, a verdict last."""
    lines = []
    for check in checks:
        lines.append(f"{MARKS[check.verdict]} {check.name}: {check.found}")
        if check.fix and check.verdict != "ok":
            lines.append(f"    fix: {check.fix}")
    failures = sum(check.verdict == "fail" for check in checks)
    warnings = sum(check.verdict == "warn" for check in checks)
    if failures:
        lines.append(f"{failures} problem(s) to fix before `nashra run`.")
    elif warnings:
        lines.append(f"Ready for `nashra run` ({warnings} warning(s)).")
    else:
        lines.append("Ready for `nashra run`.")
    return mask("\n".join(lines), secret)
