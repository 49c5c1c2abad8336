"""``nashra ingest``: store articles from files, folders and RSS/Atom feed URLs."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from nashra.commands._article_input import INPUT_KINDS, empty_target, skipped_summary
from nashra.commands._database import database_path
from nashra.commands._output import say
from nashra.config import Config
from nashra.logs import one_line

if TYPE_CHECKING:
    from nashra.articles.ingest import IngestReport


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="store articles from files, folders and feed URLs",
        description=(
            f"Read articles ({INPUT_KINDS}; RSS/Atom feed URLs), analyse them and store them. "
            "Files of other types in folders and zips are skipped and listed. "
            "Without arguments, the feeds of [ingest] feeds are read. "
            "Each rejected input is reported on stderr; the exit status is 1 when any was rejected."
        ),
    )
    parser.add_argument(
        "targets", nargs="*", metavar="PATH_OR_URL", help="file, folder, feed URL, or - for standard input"
    )
    parser.add_argument(
        "--db", type=database_path, help="database file (default: database.path of the config)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, config: Config) -> int:
    if empty_target("ingest", args.targets):
        return 2
    targets = list(args.targets) or list(config.ingest.feeds)
    if not targets:
        print("nashra ingest: give files, folders or feed URLs (or set [ingest] feeds)", file=sys.stderr)
        return 2
    return asyncio.run(_ingest(targets, args.db or config.database.path, config, args.json))


async def _ingest(targets: list[str], db_path: str, config: Config, as_json: bool) -> int:
    # Imported here: the pipeline loads the gazetteer, which other commands (and --help) do not need.
    from tqdm import tqdm

    from nashra.articles.ingest import IngestReport, ingest
    from nashra.articles.inputs import Input, plan
    from nashra.articles.limits import Limits
    from nashra.storage import Database, StorageError

    stop = _StopSignals(asyncio.current_task())
    stop.install()
    skipped: list[Path] = []
    inputs: list[Input] = []
    report = IngestReport()
    done = 0

    def input_done() -> None:
        nonlocal done
        done += 1
        bar.update()

    # A progress bar only on a terminal: in a log file (cron, systemd) it is a line of carriage returns.
    show = sys.stderr.isatty()
    try:
        inputs = await asyncio.to_thread(plan, targets, skipped, None, Limits.of(config.ingest))
        async with await Database.open(db_path) as db:
            with tqdm(total=len(inputs), file=sys.stderr, disable=not show, unit="input", leave=False) as bar:
                try:
                    await ingest(
                        db,
                        inputs,
                        config.ingest,
                        on_reject=lambda line: say(f"rejected {line}", sys.stderr, tqdm.write),
                        on_input_done=input_done,
                        report=report,
                    )
                except StorageError:
                    # The database failed half-way (a full disk): how far the run got, then (from
                    # nashra.cli) the reason and exit status 2. Failing at the first write (a
                    # read-only file), the reason alone says it all.
                    if done or report.ingested or report.updated or report.unchanged or report.rejected:
                        say(stopped_summary("stopped", report, done, len(inputs)), sys.stderr)
                    raise
    except asyncio.CancelledError:
        # Ctrl-C (asyncio.run cancels this task) or SIGTERM. Each article was stored in its own
        # transaction, so what was stored stays; say how far the run got, once, instead of a bare
        # "interrupted", and exit as a shell reports that signal (128 + its number).
        first = stop.first or signal.SIGINT
        how = "terminated" if first == signal.SIGTERM else "interrupted"
        say(stopped_summary(how, report, done, len(inputs)), sys.stderr)
        _end_now(128 + first)
    if as_json:
        document = {**report.counts(), "skipped": [one_line(str(path)) for path in skipped]}
        say(json.dumps(document, ensure_ascii=False), sys.stdout)
    else:
        say(report.summary(), sys.stdout)
        if skipped:
            say(skipped_summary(skipped), sys.stdout)
    return 1 if report.rejected else 0


def _end_now(status: int) -> NoReturn:
    """End the process with ``status`` once a stopped run has said how far it got, waiting for nothing.

    The database is closed by then and every stored article is complete. What may still be going on is
    the read of the current file in a worker thread (seconds for a large archive), or of standard input
    waiting for input that may never come (``nashra ingest -`` on a terminal, a pipe left open), which
    the interpreter would wait for before exiting; a second Ctrl-C in that wait would print a traceback
    under the summary, or, once the interpreter is finalizing, kill the process with no status of ours.
    """
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


class _StopSignals:
    """Ctrl-C (SIGINT) and SIGTERM (`timeout`, a stopped systemd unit or container) during a run.

    The first one cancels the run between two articles' transactions; the run says how far it got in
    one line and ends the process at once (:func:`_end_now`). Another one meanwhile (the article being
    saved is finished and counted first, a few milliseconds) adds nothing.
    """

    def __init__(self, task: asyncio.Task[object] | None) -> None:
        self.task = task
        self.first: signal.Signals | None = None

    def install(self) -> None:
        if self.task is None:
            return
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signal handlers off Unix
            for sig in (signal.SIGINT, signal.SIGTERM):
                # A background job (`nashra ingest … &`) ignores Ctrl-C, as Python's own handling does.
                if signal.getsignal(sig) != signal.SIG_IGN:
                    loop.add_signal_handler(sig, self._received, sig)

    def _received(self, sig: signal.Signals) -> None:
        if self.first is None:
            self.first = sig
            assert self.task is not None
            self.task.cancel()


def stopped_summary(how: str, report: IngestReport, done: int, total: int) -> str:
    """ "nashra ingest: interrupted after 1 of 3 inputs: ingested 40, … so far; …": what a run that
    ``how`` ("interrupted", "terminated", "stopped") half-way had stored, each article in its own
    transaction."""
    return (
        f"nashra ingest: {how} after {done} of {total} inputs: {report.summary()} so far; "
        "the articles stored stay, and running the same command again stores the rest"
    )
