"""``nashra digest``: preview the digest of some regions, or run one digest cycle now."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import time
from collections.abc import Coroutine
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from nashra.commands._database import database_path, missing_database
from nashra.config import Config

if TYPE_CHECKING:
    from nashra.delivery import Deliverer
    from nashra.delivery.deliverer import DigestRunReport


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "digest",
        help="preview a digest or run one digest cycle",
        description="Preview the digest a subscriber of some regions would get now, or run a cycle now.",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--preview", action="store_true", help="print the digest of --regions")
    mode.add_argument("--run", action="store_true", help="owe a digest to every subscriber now and send it")
    parser.add_argument(
        "--regions",
        help="regions for --preview: codes or Arabic/English names (SY-DR,LB or 'درعا، حلب')",
    )
    parser.add_argument("--since", help="ISO time the preview window starts (default: first-digest window)")
    parser.add_argument(
        "--db", type=database_path, help="database file (default: database.path of the config)"
    )
    parser.add_argument("--lang", choices=("ar", "en"), default="ar", help="language of the preview")
    parser.add_argument("--html", action="store_true", help="print the HTML sent, not the text shown")
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="with --run: send to a local sandbox Bot API instead of Telegram",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600.0,
        help="with --run: seconds to wait for sending; exit 1 if messages are still pending then",
    )
    parser.add_argument("--json", action="store_true", help="with --run: print the report as one JSON object")
    parser.set_defaults(handler=run)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _fail(message: str) -> int:
    print(f"nashra digest: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace, config: Config) -> int:
    if args.db:
        config.database.path = args.db
    if args.preview:
        from nashra.regions.lookup import MAX_WORDS
        from nashra.regions.names import place_label
        from subscriptions.service import parse_regions

        if not args.regions:
            return _fail("--preview needs --regions, e.g. --regions SY-DR")
        parsed = parse_regions(args.regions)
        if parsed.problem == "too_long":
            return _fail(f"--regions holds more than {MAX_WORDS} words: name fewer regions")
        if parsed.problem == "not_a_list":
            return _fail(
                "--regions is no list of region names: give codes or names (SY-DR,LB or 'درعا، حلب')"
            )
        if parsed.unknown or not parsed.codes:
            term = (parsed.unknown or [args.regions])[0]
            names = [
                f"{place_label(code, 'en', parsed.places.get(code))} [{code}]"
                for code in parsed.suggestions.get(term, [])
            ]
            if term in parsed.ambiguous:
                shared = f"{term!r} names several regions: {', '.join(names)}"
                return _fail(f"{shared}; give one's code, or the name followed by its country")
            hint = f"; did you mean {', '.join(names)}?" if names else ""
            return _fail(f"unknown region {term!r}{hint}")
        codes = parsed.codes
        since = None
        if args.since:
            try:
                since = datetime.fromisoformat(args.since)
            except ValueError:
                return _fail(f"--since {args.since!r} is not an ISO date or time")
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
        if (refused := missing_database(config.database.path, "digest")) is not None:
            return refused
        return asyncio.run(_preview(config, codes, since, args.lang, args.html))
    token = config.token()
    if not token and not args.sandbox:
        return _fail(
            "no bot token: set NASHRA_TELEGRAM_TOKEN, or add --sandbox to send to a local sandbox Bot API"
        )
    if (refused := missing_database(config.database.path, "digest")) is not None:
        return refused
    return asyncio.run(_run_cycle(config, token, args.sandbox, args.timeout, args.json))


async def _preview(config: Config, codes: list[str], since: datetime | None, lang: str, raw: bool) -> int:
    from nashra.digest import preview
    from nashra.storage.db import Database
    from nashra.telegram_limits import visible_text

    async with await Database.open(config.database.path) as db:
        parts = await preview(db, config, codes, since=since, lang=lang)
    if not parts:
        print("nothing new for these regions in the window", file=sys.stderr)
        return 0
    for n, part in enumerate(parts):
        if n:
            print("\n" + "-" * 40 + "\n")
        print(part if raw else visible_text(part))
    return 0


async def _run_cycle(config: Config, token: str | None, sandbox: bool, timeout: float, as_json: bool) -> int:
    """Owe a digest to everyone, send until nothing is pending (or ``timeout``, SIGTERM, Ctrl-C).

    Exit status: 0 when every message went out; 1 when messages are left pending (another process
    holds the sender lease and will send them, the timeout came first, the Bot API is unreachable) or
    failed, with one line on stderr saying which; when Ctrl-C or SIGTERM stopped the sending first,
    the status a shell gives a command ended by that signal (130, 143), as ``nashra ingest`` and
    ``nashra summarize`` end.
    """
    from telegram.error import TelegramError
    from telegram.ext import ExtBot
    from telegram.request import HTTPXRequest

    from nashra.delivery import Deliverer, RateGovernor
    from nashra.delivery.errors import classify
    from nashra.delivery.limiter import GovernedRateLimiter
    from nashra.logs import mask
    from nashra.sandbox import SANDBOX_TOKEN, SandboxBotAPI
    from nashra.storage.db import Database

    delivery = config.delivery
    request = HTTPXRequest(
        connection_pool_size=delivery.max_in_flight + 8,
        read_timeout=delivery.request_timeout_s,
        write_timeout=delivery.request_timeout_s,
    )
    limiter = GovernedRateLimiter(RateGovernor.from_config(delivery))
    stop = asyncio.Event()
    signals: list[signal.Signals] = []

    def stopped(sig: signal.Signals) -> None:
        signals.append(sig)
        stop.set()

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopped, sig)
    async with await Database.open(config.database.path) as db:
        api = SandboxBotAPI() if sandbox else None
        if api is not None:
            await api.start()
            bot = ExtBot(SANDBOX_TOKEN, base_url=api.base_url, request=request, rate_limiter=limiter)
        else:
            base_url = config.telegram.base_url
            bot = ExtBot(token or "", base_url=base_url, request=request, rate_limiter=limiter)
        # Without the sender lease, the one line saying who sends is this command's (see _wait_sent).
        deliverer = Deliverer(bot, db, config, role="nashra digest --run", announce_lease=False)
        worker = deliverer.worker
        started = time.monotonic()
        unreachable = ""
        sent_from_here = False
        try:
            # Owing needs no Bot API: what is owed is kept even when Telegram cannot be reached now, and
            # whoever sends next (this command again, ``nashra run``) delivers it.
            report = await deliverer.run_digest_cycle()
            try:
                async with bot:
                    await deliverer.start()
                    why = await _wait_sent(deliverer, report, stop, timeout)
                    # The lease goes with stop(); while it held it, this process sent every pending row.
                    sent_from_here = worker.sending
                    await deliverer.stop()
            except TelegramError as exc:
                where = api.base_url if api is not None else config.telegram.base_url
                why = unreachable = (
                    f"cannot reach the Bot API at {where}: {mask(classify(exc).reason, [token])}; check the "
                    "network and [telegram] base_url (`nashra doctor` checks both)"
                )
        finally:
            if api is not None:
                await api.stop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
        stats = worker.stats
        own = await deliverer.outbox.states_of(report.rows)
        pending = own["pending"]
        if sent_from_here:
            # As the sender it answers for what earlier runs left pending too, not for what another
            # process owed after it was done.
            pending += await deliverer.outbox.pending_count(through=report.earlier_through)
        failed = own["failed"]
        seconds = time.monotonic() - started
    # What became of this run's messages, whichever process sent them; what this process sent may hold
    # other runs' messages too (left pending by an earlier run, owed by another process meanwhile).
    if as_json:
        document = {
            "slots": list(report.slots),
            "subscribers": report.subscribers,
            "digests": report.digests,
            "empty": report.empty,
            "messages_owed": report.messages,
            "sent": own["sent"],
            "blocked": own["blocked"],
            "held": own["held"],
            "failed": failed,
            "pending": pending,
            "sent_by_this_process": stats.sent,
            "seconds": round(seconds, 2),
        }
        print(json.dumps(document))
    else:
        owed = report.summary()
        print(f"{owed[0].upper()}{owed[1:]}.")
        # What this process did, then, where it differs, what became of the messages this run owed.
        sent = f"Sent {stats.sent} message{'' if stats.sent == 1 else 's'} in {seconds:.1f} s"
        troubles = []
        if report.messages and own["sent"] != stats.sent:
            owed_here = _count(report.messages, "message")
            troubles.append(f"of the {owed_here} this run owed, {own['sent']} went out")
        if own["blocked"]:
            troubles.append(f"{own['blocked']} not sent because the chat blocked the bot")
        if own["held"]:
            troubles.append(f"{own['held']} held until their chat resumes (it paused)")
        print(sent + "".join(f"; {trouble}" for trouble in troubles) + ".")
    if unreachable and not pending:
        print(f"nashra digest: {unreachable}", file=sys.stderr)
        return 1
    if pending or failed:
        parts = []
        if pending:
            parts.append(f"{pending} messages still pending ({why or 'the Bot API did not take them'})")
        if failed:
            parts.append(f"{failed} failed for good (see the log)")
        print(f"nashra digest: {'; '.join(parts)}", file=sys.stderr)
        return 128 + signals[0] if signals and pending else 1
    return 0


async def _wait_sent(
    deliverer: Deliverer, report: DigestRunReport, stop: asyncio.Event, timeout: float
) -> str:
    """Wait until what is owed is sent; returns why it stopped waiting early ("" when all went out).

    Holding the sender lease, this process sends everything pending. Without it, another process is
    sending: this one says so in one line and waits for that process to send this run's rows (it
    takes the lease over, and sends them itself, if the other one stops first).
    """
    from nashra.storage.db import to_db_time

    worker = deliverer.worker
    deadline = time.monotonic() + timeout
    deadline_at = to_db_time(datetime.now(UTC) + timedelta(seconds=timeout))
    told = False
    while not stop.is_set():
        if worker.sending:
            if await worker.idle():
                return ""
            if (
                not worker.in_flight
                and not worker.unsaved
                and await deliverer.outbox.pending_count(due_by=deadline_at) == 0
            ):
                return f"each waits past --timeout {timeout:g} s for a retry (Telegram asked to wait)"
        else:
            holder = worker.lease.holder() or "another process"
            owed = await deliverer.outbox.pending_of(report.rows)
            if not owed:
                if not told:
                    print(
                        f"nashra digest: {holder} is sending from this database; this run owed nothing new",
                        file=sys.stderr,
                    )
                return ""
            if not told:
                print(
                    f"nashra digest: {holder} is sending from this database; waiting for it to send the "
                    f"{owed} messages this run owed",
                    file=sys.stderr,
                )
                told = True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            lease = "" if worker.sending else f"; {worker.lease.holder() or 'another process'} is sending"
            return f"--timeout {timeout:g} s reached{lease}"
        await _first(worker.wait_progress(min(1.0, remaining)), stop.wait())
    return "stopped by a signal"


async def _first(*waits: Coroutine[Any, Any, Any]) -> None:
    """Wait until the first of ``waits`` is done; cancel the others."""
    tasks = [asyncio.ensure_future(w) for w in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
