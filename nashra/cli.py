"""The ``nashra`` command line. Each sub-command lives in its own module of :mod:`nashra.commands`.

A command module defines ``register(subparsers)``, which adds its parser and sets ``handler`` to a
function ``(args, config) -> int`` returning the exit status. A command module imports at its top only
what building its parser needs: ``nashra --help`` imports every command module, so a heavy import there
(python-telegram-bot, torch, transformers) would slow every command. The handler imports what it uses.

``doctor`` sets ``config_problems = "report"``: it is run with the valid part of the configuration and
reports the invalid options itself, among its other checks, instead of stopping at them.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import pkgutil
import sys
import traceback
from collections.abc import Sequence

import nashra.commands
from nashra import __version__
from nashra.config import Config, ConfigError, load_config, load_config_report
from nashra.logs import MaskedStream, one_line, register_secret, setup_logging


def add_global_options(parser: argparse.ArgumentParser, *, in_subcommand: bool) -> None:
    """--config, --verbose and --log-json, accepted before the sub-command and after it.

    In a sub-command's parser they default to "not given" (SUPPRESS), so they never overwrite a value
    given before the sub-command.
    """
    unset = argparse.SUPPRESS if in_subcommand else None
    off = argparse.SUPPRESS if in_subcommand else False
    parser.add_argument(
        "-c", "--config", default=unset, help="config file (default: $NASHRA_CONFIG or ./nashra.toml)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", default=off, help="log debug messages")
    parser.add_argument("--log-json", action="store_true", default=off, help="log one JSON object per line")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nashra",
        description="Region-filtered digests of Arabic news for Telegram.",
    )
    parser.add_argument("--version", action="version", version=f"nashra {__version__}")
    add_global_options(parser, in_subcommand=False)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in sorted(pkgutil.iter_modules(nashra.commands.__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"nashra.commands.{module.name}").register(subparsers)
    for subparser in subparsers.choices.values():
        add_global_options(subparser, in_subcommand=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _reopen_closed_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help(sys.stderr)
        return 2
    try:
        if getattr(args, "config_problems", None) == "report":
            config, args.config_problems = load_config_report(args.config)
        else:
            config = load_config(args.config)
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"nashra: configuration error: {one_line(problem)}", file=sys.stderr)
        return 2
    for stream in (sys.stdout, sys.stderr):
        _utf8_if_arabic_fails(stream)
        _escape_what_cannot_be_written(stream)
    secrets = [config.token() or "", config.webhook_secret() or ""]
    for secret in secrets:
        register_secret(secret)
    # Whatever a command prints passes the same masking as the logs: its errors, a traceback.
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = MaskedStream(sys.stdout), MaskedStream(sys.stderr)  # type: ignore[assignment]
    try:
        setup_logging(
            level="DEBUG" if args.verbose else config.logging.level,
            json_format=args.log_json or config.logging.format == "json",
            secrets=secrets,
        )
        logging.getLogger("nashra.cli").debug(
            "nashra %s, config: %s", __version__, config.source or "built-in defaults"
        )
        return _run(args, config)
    finally:
        sys.stdout, sys.stderr = streams


def _reopen_closed_streams() -> None:
    """Give a standard stream that was closed (a cron job or service started with ``2>&-``) to
    /dev/null. Python leaves ``sys.stderr`` None then, so the first line printed to it ends the
    command; and the next file opened (the database) would take descriptor 2, where anything written
    to that stream would land in the database."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
    if sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 (lives as long as the process)
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


def _utf8_if_arabic_fails(stream: object) -> None:
    """Write ``stream`` as UTF-8 when its encoding cannot hold Arabic (a Latin-1 locale on an old
    server, ``PYTHONIOENCODING=latin-1`` in a cron job): every command prints Arabic, and would
    otherwise stop at its first line with UnicodeEncodeError. Piped to a file, the output is then
    right; on such a terminal it shows garbled until the locale is UTF-8, which beats no output."""
    try:
        "عربي".encode(getattr(stream, "encoding", None) or "utf-8")
    except (LookupError, UnicodeEncodeError):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")


def _escape_what_cannot_be_written(stream: object) -> None:
    """Write a character ``stream`` cannot encode as its escape (``\\ud800``) instead of failing.

    A JSON record may hold a lone surrogate (``"\\ud800"`` is valid JSON, and no text): ingest drops
    it (:func:`nashra.arabic.strip_controls`), but ``nashra sections`` and ``summarize`` print what a
    file holds, and stopped at that record with "UnicodeEncodeError", listing none after it. Escaped,
    a ``--json`` line stays valid JSON (the escape is JSON's own) and a listing shows where it was."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")


def _run(args: argparse.Namespace, config: Config) -> int:
    from nashra.storage import StorageError  # aiosqlite, only once a command runs

    try:
        return int(args.handler(args, config) or 0)
    except (ConfigError, StorageError) as exc:
        # One line, whatever the path it names holds (a line break, an escape sequence).
        print(f"nashra: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("nashra: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``nashra sections … | head``): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a fault of ours or of a library: one line; the traceback on request
        if args.verbose:
            traceback.print_exc(file=sys.stderr)
        first_line = (str(exc).strip().splitlines() or [""])[0]
        reason = f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__
        hint = "" if args.verbose else " (run with --verbose for the traceback)"
        print(f"nashra: unexpected error: {reason[:300]}{hint}", file=sys.stderr)
        return 1
