"""``nashra summarize``: summaries of an article file (one article or many), a stored article, the backlog."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import itertools
import json
import signal
import sys
from pathlib import Path
from typing import Any

from nashra.commands._article_input import INPUT_KINDS, read_target
from nashra.commands._database import database_path, missing_database
from nashra.commands._output import say
from nashra.config import Config
from nashra.logs import one_line


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "summarize",
        help="summarize an article file (one or many articles) or stored article, or the stored backlog",
        description=(
            "Print a summary of each section of the articles of a path or of a stored article (by "
            f"id), or with --pending summarize every stored section that lacks a summary. A path is "
            f"read as nashra ingest reads it: {INPUT_KINDS}. A file of many articles (JSON Lines, a "
            "JSON list, a feed), a folder or a zip gives one entry per article in input order; "
            'with --json, one JSON object per line: {"title", "sections": [{"heading", "summary", '
            '"method"}]}. Each bad record is named on stderr and makes the exit status 1.'
        ),
    )
    parser.add_argument(
        "target",
        nargs="?",
        metavar="PATH_OR_ARTICLE_ID",
        help="article file, folder or zip (- for standard input), or stored id",
    )
    parser.add_argument("--model", metavar="PATH_OR_ID", help="seq2seq model directory or hub id to use")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a listing")
    parser.add_argument("--pending", action="store_true", help="summarize the stored backlog")
    parser.add_argument("--batch", type=int, default=64, metavar="N", help="sections per step of --pending")
    parser.add_argument(
        "--db", type=database_path, help="database file (default: database.path of the config)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, config: Config) -> int:
    settings = copy.deepcopy(config.summarizer)
    if args.model is not None:
        if not args.model.strip():
            return _fail("--model must name a model directory or hub id")
        settings.model, settings.revision = args.model, ""
    if args.pending == (args.target is not None):
        return _fail("give either PATH_OR_ARTICLE_ID or --pending")
    if args.batch <= 0:
        return _fail(f"--batch must be greater than 0, not {args.batch}")
    db_path = args.db or config.database.path
    # A stored article (an id that names no file) or the backlog: a missing database is said before
    # the model takes its seconds to minutes to load.
    stored = args.pending or not (Path(args.target).exists() or not args.target.isdigit())
    if stored and (refused := missing_database(db_path, "summarize")) is not None:
        return refused
    from summarizer.errors import ModelUnavailable
    from summarizer.loader import ModelLoadError
    from summarizer.service import Summarizer

    summarizer = Summarizer.from_config(settings)
    try:
        # Loading takes seconds to minutes; a stop signal meanwhile ends --pending as one later does.
        with _LoadSignals(args.pending) as signals:
            if settings.model.strip():
                # The model this command was told to use (on the command line or in the config) that
                # cannot load is an error, not extractive summaries passed off as its work (and, for
                # --pending, stored under its name, where they would stand once it loads). It is
                # loaded here, not in the worker's thread, whose load a stop signal could only wait out.
                summarizer.require_model()
            signals.check()
    except ModelLoadError as exc:
        return _fail(str(exc))
    except _LoadStopped as stopped:
        _ignore_stop_signals()
        return asyncio.run(_stopped_while_loading(db_path, summarizer, stopped.signal))
    if args.pending:
        return asyncio.run(_pending(db_path, summarizer, args.batch))
    try:
        if not stored:
            return _summarize_file(args, config, summarizer)
        return asyncio.run(_summarize_stored(args, db_path, summarizer, int(args.target)))
    except ModelUnavailable as exc:
        # The model loaded, then failed on a batch: the same error as one that cannot load.
        return _fail(str(exc))


def _fail(message: str) -> int:
    print(f"nashra summarize: {one_line(message)}", file=sys.stderr)
    return 2


# Articles summarized per step of a many-article file: one model batch plan, bounded memory.
FILE_CHUNK = 64


def _summarize_file(args: argparse.Namespace, config: Config, summarizer: Any) -> int:
    """One article file: the detailed listing (or one JSON document) for a single article; for a file
    of several (JSON Lines, a JSON list, a feed), one entry per article in input order, and one line on
    stderr per bad record, which makes the exit status 1."""
    from nashra.articles.analysis import analyze
    from nashra.articles.errors import ArticleError
    from nashra.articles.files import single_article

    read = read_target("summarize", args.target, config)
    if read is None:
        return 1
    alone = single_article(read.items, read.name) if isinstance(read.items, list) else None
    if alone is not None:
        article = analyze(alone)
        results = _summaries(summarizer, [article])[0]
        sections = [(s.heading, s.regions) for s in article.sections]
        _print(args, summarizer.model_name, article.title, sections, results)
        return 0
    failed = 0
    pending: list[Any] = []
    # Read one input at a time (a folder or zip): the articles are summarized and printed as they come.
    for item in itertools.chain(read.items, [None]):
        if isinstance(item, ArticleError):
            _flush(args, summarizer, pending)
            print(f"nashra summarize: {one_line(str(item))}", file=sys.stderr)
            failed += 1
        elif item is not None:
            pending.append(item)
        if pending and (item is None or len(pending) >= FILE_CHUNK):
            _flush(args, summarizer, pending)
    return 1 if failed else 0


def _summaries(summarizer: Any, articles: list[Any]) -> list[list[Any]]:
    """Each article's section summaries, the sections of all of them summarized in one call."""
    from summarizer.service import SectionText

    inputs = [SectionText(s.heading, s.text) for a in articles for s in a.sections]
    flat = iter(summarizer.summarize(inputs, model_only=True))
    return [[next(flat) for _ in a.sections] for a in articles]


def _flush(args: argparse.Namespace, summarizer: Any, pending: list[Any]) -> None:
    """Summarize and print the articles gathered so far (in order), then forget them."""
    from nashra.arabic import rtl_line

    if not pending:
        return
    for article, results in zip(pending, _summaries(summarizer, pending), strict=True):
        entries = [
            {"heading": s.heading, "summary": r.summary, "method": r.method}
            for s, r in zip(article.sections, results, strict=True)
        ]
        if args.json:
            print(json.dumps({"title": article.title, "sections": entries}, ensure_ascii=False))
            continue
        lines = [rtl_line(article.title)]
        for entry in entries:
            lines.append(rtl_line(f"• {entry['heading'] or 'المقدمة'}: {entry['summary']}"))
        print("\n".join(lines) + "\n")
    sys.stdout.flush()
    pending.clear()


async def _summarize_stored(args: argparse.Namespace, db_path: str, summarizer: Any, article_id: int) -> int:
    from nashra.storage import Database
    from nashra.storage.articles import ArticleStore
    from nashra.storage.summaries import SummaryStore
    from summarizer.cache import summarize_cached
    from summarizer.service import SectionText

    async with await Database.open(db_path) as db:
        articles = ArticleStore(db)
        article = await articles.get_article(article_id)
        if article is None:
            print(f"nashra summarize: no stored article has id {article_id}", file=sys.stderr)
            return 1
        stored = await articles.sections_of(article_id)
        pairs = [(s.text_hash, SectionText(s.heading, s.text)) for s in stored]
        results = await summarize_cached(SummaryStore(db), summarizer, pairs)
    sections = [(s.heading, s.regions) for s in stored]
    _print(args, summarizer.model_name, article.title, sections, results)
    return 0


async def _pending(db_path: str, summarizer: Any, batch: int) -> int:
    from tqdm import tqdm

    from nashra.storage import Database
    from summarizer.worker import SummaryWorker

    async with await Database.open(db_path) as db:
        worker = SummaryWorker(db, summarizer)
        stop = _StopSignals(worker)
        stop.install()
        summarized = 0
        try:
            total = await worker.store.count_pending(summarizer.model_key)
            # A progress bar only on a terminal: in a log file (cron, systemd) it is a line of carriage
            # returns, and a pipe's reader may leave (| head), which must not stop the work.
            show = sys.stderr.isatty()
            with tqdm(
                total=total, unit="section", desc="summarizing", file=sys.stderr, disable=not show
            ) as progress:
                while True:
                    done = await worker.run_once(batch)
                    if done == 0:
                        break
                    summarized += done
                    progress.update(done)
            left = await worker.store.count_pending(summarizer.model_key)
        finally:
            stop.remove()
            worker.close()
    if stop.first is not None:
        # Each step's summaries were stored in one transaction before the next step began, and the
        # step the signal cut short stored nothing: its sections are among those still pending.
        return _say_stopped(stop.first, summarized, left, summarizer.model_name)
    unfaithful = worker.stats.unfaithful
    dropped = (
        f"; {unfaithful} model summaries named what their section does not and were replaced"
        if unfaithful
        else ""
    )
    say(f"summarized {total - left} sections with {summarizer.model_name}; {left} left{dropped}", sys.stdout)
    return 0 if left == 0 else 1


def _say_stopped(sig: signal.Signals, summarized: int, left: int, model_name: str) -> int:
    """The one line a --pending run stopped by ``sig`` ends with, on stderr; the exit status a shell
    gives a command ended by that signal (130 for Ctrl-C, 143 for SIGTERM)."""
    how = "terminated" if sig == signal.SIGTERM else "interrupted"
    say(
        f"nashra summarize: {how} after summarizing {summarized} sections with {model_name}; "
        f"{left} left pending; the summaries stored stay, and running the same command again "
        "summarizes the rest",
        sys.stderr,
    )
    return 128 + sig


class _LoadStopped(BaseException):
    """Ctrl-C or SIGTERM arrived while ``--pending`` loaded the model named by --model. A
    BaseException, as KeyboardInterrupt is: the loader turns every Exception into a load error."""

    def __init__(self, sig: signal.Signals) -> None:
        super().__init__(sig.name)
        self.signal = sig


class _LoadSignals:
    """Ctrl-C and SIGTERM while the model loads, for ``--pending`` (before the event loop runs, where
    :class:`_StopSignals` takes over): the first one raises :class:`_LoadStopped` to end the load, so
    the run can say how far it got (not at all) as it would later. The signal is also kept in
    ``first``: an exception raised by a signal handler is lost when it lands in a finalizer (``__del__``
    reports it as unraisable and goes on), and the load then ends normally; :meth:`check` raises it
    there, and the report of the lost one (a traceback under "Exception ignored in") is not printed. For
    other uses of the command, the signals act as always."""

    def __init__(self, pending: bool) -> None:
        self.pending = pending
        self.first: signal.Signals | None = None
        self._previous: dict[signal.Signals, Any] = {}
        self._unraisable = sys.unraisablehook

    def __enter__(self) -> _LoadSignals:
        if self.pending:
            for sig in (signal.SIGINT, signal.SIGTERM):
                if signal.getsignal(sig) != signal.SIG_IGN:  # a background job ignores Ctrl-C
                    self._previous[sig] = signal.signal(sig, self._received)
            self._unraisable = sys.unraisablehook
            sys.unraisablehook = self._lost
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()
        sys.unraisablehook = self._unraisable

    def check(self) -> None:
        """Raise the signal received during the load, if its first raise was lost."""
        if self.first is not None:
            raise _LoadStopped(self.first)

    def _received(self, signum: int, _frame: object) -> None:
        if self.first is None:
            self.first = signal.Signals(signum)
            raise _LoadStopped(self.first)

    def _lost(self, report: Any) -> None:
        # The stop raised inside a finalizer is kept in ``first``; anything else is reported as always.
        if not isinstance(report.exc_value, _LoadStopped):
            self._unraisable(report)


def _ignore_stop_signals() -> None:
    """Once stopped, the rest of the run (saying how far it got) ignores further stop signals."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)


async def _stopped_while_loading(db_path: str, summarizer: Any, sig: signal.Signals) -> int:
    """The line of a --pending run stopped before it summarized anything, with the backlog it left."""
    from nashra.storage import Database
    from summarizer.worker import SummaryWorker

    async with await Database.open(db_path) as db:
        worker = SummaryWorker(db, summarizer)
        try:
            left = await worker.store.count_pending(summarizer.model_key)
        finally:
            worker.close()
    return _say_stopped(sig, 0, left, summarizer.model_name)


class _StopSignals:
    """Ctrl-C (SIGINT) and SIGTERM (`timeout`, a stopped systemd unit or container) during ``--pending``.

    The first one stops the worker (:meth:`summarizer.worker.SummaryWorker.stop`): a model call under
    way ends within a model layer and stores nothing, a step already summarized is stored, and no
    step starts after it; the command then says how far it got. Another signal meanwhile adds nothing.
    """

    def __init__(self, worker: Any) -> None:
        self.worker = worker
        self.first: signal.Signals | None = None
        self._installed: list[signal.Signals] = []

    def install(self) -> None:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signal handlers off Unix
            for sig in (signal.SIGINT, signal.SIGTERM):
                # A background job (`nashra summarize --pending &`) ignores Ctrl-C, as Python's own
                # handling does.
                if signal.getsignal(sig) != signal.SIG_IGN:
                    loop.add_signal_handler(sig, self._received, sig)
                    self._installed.append(sig)

    def remove(self) -> None:
        """Hand the signals back; once one was received, the rest of the run (saying how far it got)
        ignores them, so a second Ctrl-C adds no second message."""
        loop = asyncio.get_running_loop()
        for sig in self._installed:
            loop.remove_signal_handler(sig)
            if self.first is not None:
                signal.signal(sig, signal.SIG_IGN)
        self._installed.clear()

    def _received(self, sig: signal.Signals) -> None:
        if self.first is None:
            self.first = sig
            self.worker.stop()


def _print(
    args: argparse.Namespace,
    model: str,
    title: str,
    sections: list[tuple[str | None, list[str]]],
    results: list[Any],
) -> None:
    document = {
        "model": model,
        "sections": [
            {"heading": heading, "summary": r.summary, "method": r.method, "regions": regions}
            | ({"dropped": r.dropped} if getattr(r, "dropped", "") else {})
            for (heading, regions), r in zip(sections, results, strict=True)
        ],
    }
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return
    from nashra.arabic import rtl_line

    lines = [rtl_line(title), f"model: {model}"]
    for number, section in enumerate(document["sections"], start=1):
        heading = section["heading"] or "المقدمة"
        regions = " ".join(section["regions"])
        lines += ["", rtl_line(f"[{number}] {heading}  ({section['method']}; {regions})")]
        lines.append(rtl_line(section["summary"]))
        if section.get("dropped"):
            lines.append(f"(model summary dropped: it {section['dropped']})")
    print("\n".join(lines))
