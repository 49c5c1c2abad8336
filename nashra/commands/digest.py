"""``nashra digest``: preview the digest of some regions, or run one digest cycle now."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import UTC, datetime

from nashra.config import Config

SANDBOX_TOKEN = "123456:sandbox-token-for-local-runs-only-000"


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
    parser.add_argument("--db", help="database file (default: database.path of the config)")
    parser.add_argument("--lang", choices=("ar", "en"), default="ar", help="language of the preview")
    parser.add_argument("--html", action="store_true", help="print the HTML sent, not the text shown")
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="with --run: send to a local sandbox Bot API instead of Telegram",
    )
    parser.add_argument(
        "--timeout", type=float, default=3600.0, help="with --run: seconds to wait for sending"
    )
    parser.add_argument("--json", action="store_true", help="with --run: print the report as one JSON object")
    parser.set_defaults(handler=run)


def _fail(message: str) -> int:
    print(f"nashra digest: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace, config: Config) -> int:
    if args.db:
        config.database.path = args.db
    if args.preview:
        from nashra.regions import gazetteer
        from subscriptions.service import parse_regions

        if not args.regions:
            return _fail("--preview needs --regions, e.g. --regions SY-DR")
        parsed = parse_regions(args.regions)
        if parsed.unknown or not parsed.codes:
            term = (parsed.unknown or [args.regions])[0]
            names = [gazetteer().name(code, "en") + f" ({code})" for code in parsed.suggestions.get(term, [])]
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
        return asyncio.run(_preview(config, codes, since, args.lang, args.html))
    token = config.token()
    if not token and not args.sandbox:
        return _fail(
            "no bot token: set NASHRA_TELEGRAM_TOKEN, or add --sandbox to send to a local sandbox Bot API"
        )
    return asyncio.run(_run_cycle(config, token, args.sandbox, args.timeout, args.json))


async def _preview(config: Config, codes: list[str], since: datetime | None, lang: str, raw: bool) -> int:
    from nashra.digest import preview
    from nashra.sandbox import visible_text
    from nashra.storage.db import Database

    async with await Database.open(config.database.path) as db:
        parts = await preview(db, config, codes, since=since, lang=lang)
    if not parts:
        print("nothing new for these regions in the window", file=sys.stderr)
        return 0
    for n, part in enumerate(parts):
        if n:
            print("\n" + "-" * 40 + "\n")
        print(part if raw else visible_text(part, "HTML"))
    return 0


async def _run_cycle(config: Config, token: str | None, sandbox: bool, timeout: float, as_json: bool) -> int:
    from telegram import Bot
    from telegram.request import HTTPXRequest

    from nashra.delivery import Deliverer
    from nashra.sandbox import SandboxBotAPI
    from nashra.storage.db import Database

    request = HTTPXRequest(connection_pool_size=config.delivery.max_in_flight + 8)
    async with await Database.open(config.database.path) as db:
        api = SandboxBotAPI() if sandbox else None
        if api is not None:
            await api.start()
            bot = Bot(SANDBOX_TOKEN, base_url=api.base_url, request=request)
        else:
            bot = Bot(token or "", base_url=config.telegram.base_url, request=request)
        deliverer = Deliverer(bot, db, config)
        started = time.monotonic()
        try:
            async with bot:
                await deliverer.start()
                report = await deliverer.run_digest_cycle()
                deadline = time.monotonic() + timeout
                while not await deliverer.worker.idle() and time.monotonic() < deadline:
                    await deliverer.worker.wait_progress(1.0)
                await deliverer.stop()
        finally:
            if api is not None:
                await api.stop()
        stats = deliverer.worker.stats
        pending = await deliverer.outbox.pending_count()
        seconds = time.monotonic() - started
        if as_json:
            document = {
                "slots": list(report.slots),
                "subscribers": report.subscribers,
                "digests": report.digests,
                "empty": report.empty,
                "messages_owed": report.messages,
                "sent": stats.sent,
                "blocked": stats.blocked,
                "failed": stats.failed,
                "pending": pending,
                "seconds": round(seconds, 2),
            }
            print(json.dumps(document))
            return 0
        owed = report.summary()
        print(f"{owed[0].upper()}{owed[1:]}.")
        sent = f"Sent {stats.sent} message{'' if stats.sent == 1 else 's'} in {seconds:.1f} s"
        troubles = [f"{stats.blocked} not sent because the chat blocked the bot"] if stats.blocked else []
        troubles += [f"{stats.failed} failed"] if stats.failed else []
        troubles += [f"{pending} still pending (sent by the next run or start)"] if pending else []
        print(sent + (f"; {', '.join(troubles)}." if troubles else "."))
        return 0
