"""``nashra backup``: a consistent copy of the database, safe to take while the bot runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from nashra.commands._database import database_path, missing_database
from nashra.config import Config


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy the database (safe while the bot runs)",
        description=(
            "Copy the database with SQLite's online backup API: a consistent snapshot even while "
            "`nashra run` writes to it, checked before it is put in place. Without DEST the copy goes "
            "beside the database as <name>-backup-YYYYmmdd-HHMMSS.db. To restore, stop Nashra and put "
            "the copy in place of database.path (removing its -wal and -shm files)."
        ),
    )
    parser.add_argument("destination", nargs="?", metavar="DEST", help="file or folder for the copy")
    parser.add_argument(
        "--db", type=database_path, help="database file (default: database.path of the config)"
    )
    parser.add_argument("--force", action="store_true", help="replace DEST if it exists")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, config: Config) -> int:
    from nashra.storage.backup import backup_database, default_destination

    source = Path(args.db or config.database.path).expanduser()
    if (refused := missing_database(source, "backup")) is not None:
        return refused
    destination = Path(args.destination).expanduser() if args.destination else default_destination(source)
    result = backup_database(source, destination, overwrite=args.force)
    print(
        f"backed up {source} to {result.path} "
        f"({result.size / 1_000_000:.1f} MB, {result.pages} pages, {result.seconds:.1f} s)"
    )
    return 0
