"""``nashra doctor``: check config, database, model and token, and print what to fix."""

from __future__ import annotations

import argparse
import asyncio
import json

from nashra.commands._database import database_path
from nashra.config import Config


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check config, database, model and token; print what to fix",
        description=(
            "Check what `nashra run` needs: the configuration, the database (inspected, never created or "
            "migrated), the summarization model (loaded and tried on one paragraph) and the bot token "
            "(a getMe call to telegram.base_url). Exit status 1 when something must be fixed."
        ),
    )
    parser.add_argument(
        "--db", type=database_path, help="database file (default: database.path of the config)"
    )
    parser.add_argument("--json", action="store_true", help="print the checks as JSON")
    parser.set_defaults(handler=run, config_problems="report")


def run(args: argparse.Namespace, config: Config) -> int:
    from nashra.doctor import diagnose, mask, render

    checks = asyncio.run(diagnose(config, db_path=args.db, config_problems=args.config_problems))
    if args.json:
        document = [
            {"check": c.name, "verdict": c.verdict, "found": c.found, "fix": c.fix or None} for c in checks
        ]
        print(mask(json.dumps(document, ensure_ascii=False, indent=2), config.token()))
    else:
        print(render(checks, config.token()))
    return 1 if any(check.verdict == "fail" for check in checks) else 0
