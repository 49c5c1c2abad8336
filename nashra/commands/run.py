"""``nashra run``: the Telegram bot, polling (or a webhook), until interrupted."""

from __future__ import annotations

import argparse
import asyncio
import sys

from nashra.commands._bot import serve, stop_on_signals
from nashra.commands._database import database_path
from nashra.commands.sandbox import run_sandbox
from nashra.config import TOKEN_ENV, Config
from nashra.logs import mask


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run the Telegram bot",
        description=f"Run the Telegram bot. The token comes from ${TOKEN_ENV}; with --sandbox the bot runs "
        "against a local stand-in of the Bot API instead (no token, no internet; see `nashra sandbox`).",
    )
    parser.add_argument(
        "--db", type=database_path, help="database file (default: database.path of the config)"
    )
    parser.add_argument("--sandbox", action="store_true", help="talk to a local sandbox Bot API, no token")
    parser.add_argument("--port", type=int, default=8081, help="sandbox port with --sandbox (default 8081)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, config: Config) -> int:
    if args.db:
        config.database.path = args.db
    if args.sandbox:
        return run_sandbox(config, port=args.port, chat_id=1001, interactive=False)
    from telegram.error import InvalidToken, NetworkError

    problem = config.webhook_secret_problem() if config.telegram.mode == "webhook" else None
    if problem is not None:
        print(f"nashra: {problem}", file=sys.stderr)
        return 2
    token = config.token()
    if token is None:
        print(
            f"nashra: no bot token: set {TOKEN_ENV} (from @BotFather), or try the bot offline with "
            "`nashra sandbox`",
            file=sys.stderr,
        )
        return 2

    async def main() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop)
        await serve(config, token, stop)

    try:
        asyncio.run(main())
    except InvalidToken:
        print(
            f"nashra: the Bot API at {config.telegram.base_url} refused the token in {TOKEN_ENV}: "
            "check it with @BotFather (`nashra doctor` checks it too)",
            file=sys.stderr,
        )
        return 1
    except NetworkError as exc:
        reason = mask(str(exc), [token])
        print(
            f"nashra: cannot reach the Bot API at {config.telegram.base_url}: {reason}. Check the network "
            "and [telegram] base_url (`nashra doctor` checks both)",
            file=sys.stderr,
        )
        return 1
    return 0
