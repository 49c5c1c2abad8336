"""``nashra ingest``: store articles from files, folders and RSS/Atom feed URLs."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from nashra.config import Config
from nashra.logs import one_line

if TYPE_CHECKING:
    from nashra.articles.ingest import IngestReport


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="store articles from files, folders and feed URLs",
        description=(
            "Read articles (.txt, .json, .jsonl/.ndjson, saved .html/.htm pages, .xml/.rss/.atom; folders "
            "recursively; RSS/Atom URLs; - for standard input, its kind told by its content), "
            "analyse them and store them. Files of other types in folders are skipped and listed. "
            "Without arguments, the feeds of [ingest] feeds are read. "
            "Each rejected input is reported on stderr; the exit status is 1 when any was rejected."
        ),
    )
    parser.add_argument(
        "targets", nargs="*", metavar="PATH_OR_URL", help="file, folder, feed URL, or - for standard input"
    )
    parser.add_argument("--db", help="database file (default: database.path of the config)")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, config: Config) -> int:
    if any(not target.strip() for target in args.targets):
        # Path("") is the current folder: `nashra ingest "$DIR"` with DIR unset would read it all.
        print("nashra ingest: an empty path was given (an unset shell variable?)", file=sys.stderr)
        return 2
    targets = list(args.targets) or list(config.ingest.feeds)
    if not targets:
        print("nashra ingest: give files, folders or feed URLs (or set [ingest] feeds)", file=sys.stderr)
        return 2
    return asyncio.run(_ingest(targets, args.db or config.database.path, config, args.json))


async def _ingest(targets: list[str], db_path: str, config: Config, as_json: bool) -> int:
    # Imported here: the pipeline loads the gazetteer, which other commands (and --help) do not need.
    from tqdm import tqdm

    from nashra.articles.ingest import IngestReport, Input, ingest, plan
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
        inputs = await asyncio.to_thread(plan, targets, skipped)
        async with await Database.open(db_path) as db:
            with tqdm(total=len(inputs), file=sys.stderr, disable=not show, unit="input", leave=False) as bar:
                try:
                    await ingest(
                        db,
                        inputs,
                        config.ingest,
                        on_reject=lambda line: tqdm.write(f"rejected {line}", file=sys.stderr),
                        on_input_done=input_done,
                        report=report,
                    )
                except StorageError:
                    # The database failed half-way (a full disk): how far the run got, then (from
                    # nashra.cli) the reason and exit status 2. Failing at the first write (a
                    # read-only file), the reason alone says it all.
                    if done or report.ingested or report.updated or report.unchanged or report.rejected:
                        print(stopped_summary("stopped", report, done, len(inputs)), file=sys.stderr)
                    raise
    except asyncio.CancelledError:
        # Ctrl-C (asyncio.run cancels this task) or SIGTERM. Each article was stored in its own
        # transaction, so what was stored stays; say how far the run got, once, instead of a bare
        # "interrupted", and exit as a shell reports that signal (128 + its number).
        first = stop.first or signal.SIGINT
        how = "terminated" if first == signal.SIGTERM else "interrupted"
        print(stopped_summary(how, report, done, len(inputs)), file=sys.stderr)
        stop.said(128 + first)
        return 128 + first
    if as_json:
        document = {**report.counts(), "skipped": [one_line(str(path)) for path in skipped]}
        print(json.dumps(document, ensure_ascii=False))
    else:
        print(report.summary())
        if skipped:
            print(skipped_summary(skipped))
    return 1 if report.rejected else 0


class _StopSignals:
    """Ctrl-C (SIGINT) and SIGTERM (`timeout`, a stopped systemd unit or container) during a run.

    The first one cancels the run between two articles' transactions, and the run says how far it got
    in one line. A second one while the run is stopping (the article being saved is finished and
    counted first, a few milliseconds) adds nothing; once that line is printed, it ends the process at
    once, adding nothing either: the database is closed by then and every stored article is complete,
    and only the read of the current file may still be going on in a worker thread, which the process
    would otherwise wait for (seconds for a large archive). The handlers stay until the event loop
    closes, so this holds while :func:`asyncio.run` waits for that thread.
    """

    def __init__(self, task: asyncio.Task[object] | None) -> None:
        self.task = task
        self.first: signal.Signals | None = None
        self.status: int | None = None

    def install(self) -> None:
        if self.task is None:
            return
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signal handlers off Unix
            for sig in (signal.SIGINT, signal.SIGTERM):
                # A background job (`nashra ingest … &`) ignores Ctrl-C, as Python's own handling does.
                if signal.getsignal(sig) != signal.SIG_IGN:
                    loop.add_signal_handler(sig, self._received, sig)

    def said(self, status: int) -> None:
        """The run's last line is printed; ``status`` is its exit status."""
        self.status = status

    def _received(self, sig: signal.Signals) -> None:
        if self.first is None:
            self.first = sig
            assert self.task is not None
            self.task.cancel()
        elif self.status is not None:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(self.status)


def stopped_summary(how: str, report: IngestReport, done: int, total: int) -> str:
    """ "nashra ingest: interrupted after 1 of 3 inputs: ingested 40, … so far; …": what a run that
    ``how`` ("interrupted", "terminated", "stopped") half-way had stored, each article in its own
    transaction."""
    return (
        f"nashra ingest: {how} after {done} of {total} inputs: {report.summary()} so far; "
        "the articles stored stay, and running the same command again stores the rest"
    )


def skipped_summary(skipped: list[Path], shown: int = 5) -> str:
    """ "skipped 3 files that are not articles (.html 2, .pdf 1): a.html, b.html, c.pdf" """
    kinds = Counter(path.suffix.lower() or "(no suffix)" for path in skipped)
    by_kind = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())
    names = ", ".join(one_line(str(path)) for path in skipped[:shown])
    more = f" and {len(skipped) - shown} more" if len(skipped) > shown else ""
    noun = "file that is not an article" if len(skipped) == 1 else "files that are not articles"
    return f"skipped {len(skipped)} {noun} ({by_kind}): {names}{more}"
