"""``nashra ingest``: store articles from files, folders and RSS/Atom feed URLs."""

from __future__ import annotations

import argparse
import asyncio
import sys

from nashra.config import Config

PROGRESS_THRESHOLD = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="store articles from files, folders and feed URLs",
        description=(
            "Read articles (.txt, .json, .jsonl, .xml/.rss/.atom; folders recursively; RSS/Atom URLs), "
            "analyse them and store them. Without arguments, the feeds of [ingest] feeds are read. "
            "Each rejected input is reported on stderr; the exit status is 1 when any was rejected."
        ),
    )
    parser.add_argument("targets", nargs="*", metavar="PATH_OR_URL", help="file, folder or feed URL")
    parser.add_argument("--db", help="database file (default: database.path of the config)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, config: Config) -> int:
    targets = list(args.targets) or list(config.ingest.feeds)
    if not targets:
        print("nashra ingest: give files, folders or feed URLs (or set [ingest] feeds)", file=sys.stderr)
        return 2
    return asyncio.run(_ingest(targets, args.db or config.database.path, config))


async def _ingest(targets: list[str], db_path: str, config: Config) -> int:
    # Imported here: the pipeline loads the gazetteer, which other commands (and --help) do not need.
    from tqdm import tqdm

    from nashra.articles.ingest import ingest, plan
    from nashra.storage import Database

    inputs = await asyncio.to_thread(plan, targets)
    show = len(inputs) > PROGRESS_THRESHOLD or sys.stderr.isatty()
    async with await Database.open(db_path) as db:
        with tqdm(total=len(inputs), file=sys.stderr, disable=not show, unit="input", leave=False) as bar:
            report = await ingest(
                db,
                inputs,
                config.ingest,
                on_reject=lambda line: tqdm.write(f"rejected {line}", file=sys.stderr),
                on_input_done=bar.update,
            )
    print(report.summary())
    return 1 if report.rejected else 0
