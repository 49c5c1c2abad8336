"""``nashra demo``: sample articles -> summaries -> demo subscribers -> digests, all local."""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from nashra.commands._database import database_path
from nashra.config import Config


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the whole pipeline on bundled sample articles and print each demo subscriber's digest",
        description=(
            "Ingest the sample Arabic articles shipped with Nashra, summarize them (the configured model, "
            "else the built-in extractive summarizer), create demo subscribers following different "
            "regions, run one digest cycle through the real delivery path against a local stand-in for "
            "the Telegram Bot API, and print what each subscriber received. Needs no token, model or "
            "network."
        ),
    )
    parser.add_argument(
        "--db", type=database_path, help="database file to use and keep (default: a temporary one)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and print its path")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, config: Config) -> int:
    from nashra.demo import NotADemoDatabase, render, run_demo

    if not args.verbose:
        # The demo prints its own steps; the service's INFO lines (migrations applied, the sandbox
        # listening, a digest fanned out) are for operators, and --verbose shows them all.
        for handler in logging.getLogger().handlers:
            handler.setLevel(max(handler.level, logging.WARNING))
    folder = None
    if args.db:
        db_path = Path(args.db)
    else:
        folder = Path(tempfile.mkdtemp(prefix="nashra-demo-"))
        db_path = folder / "demo.db"
    print(f"Nashra demo — database {db_path}")
    try:
        result = asyncio.run(run_demo(config, db_path, say=lambda line: print(line, flush=True)))
        print(render(result))
    except NotADemoDatabase as exc:
        print(f"nashra: {exc}", file=sys.stderr)
        return 2
    finally:
        if folder is not None and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    if folder is not None and args.keep:
        print(f"The database is kept: {db_path} (sqlite3 {db_path})")
    if not result.earlier and (result.delivered < result.messages_owed or not result.delivered):
        print("nashra demo: not every digest was delivered; run with --verbose to see why", file=sys.stderr)
        return 1
    return 0
