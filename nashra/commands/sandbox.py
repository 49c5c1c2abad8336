"""``nashra sandbox``: the bot and a local stand-in of the Telegram Bot API, to try Nashra offline.

No token and no internet are needed. People play users over HTTP (``POST /sandbox/send``), or, when
stdin is a terminal, through a small chat prompt that sends each line as a message and prints the
bot's replies with their buttons.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys

from nashra.commands.run import serve, stop_on_signals
from nashra.config import Config
from nashra.sandbox import SandboxBotAPI, SentMessage

SANDBOX_TOKEN = "1000001:sandbox"
PRESS = ":press"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sandbox",
        help="try the bot offline against a local fake Telegram",
        description="Run a local stand-in of the Telegram Bot API and the bot against it. "
        "No token and no internet needed.",
    )
    parser.add_argument("--port", type=int, default=8081, help="port of the sandbox (default 8081)")
    parser.add_argument("--chat", type=int, default=1001, help="chat id of the prompt's user (default 1001)")
    parser.add_argument(
        "--db", default="nashra-sandbox.db", help="database file for the trial (default nashra-sandbox.db)"
    )
    parser.add_argument("--no-prompt", action="store_true", help="no chat prompt even on a terminal")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, config: Config) -> int:
    config.database.path = args.db
    interactive = sys.stdin.isatty() and not args.no_prompt
    return run_sandbox(config, port=args.port, chat_id=args.chat, interactive=interactive)


def run_sandbox(config: Config, *, port: int, chat_id: int, interactive: bool) -> int:
    """Sandbox and bot in one event loop; the prompt's user is an admin, so /alert and /stats work."""
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    try:
        return asyncio.run(_main(config, port, chat_id, interactive))
    except OSError as exc:
        print(f"nashra: cannot start the sandbox on port {port}: {exc}", file=sys.stderr)
        return 2


def instructions(base: str, chat_id: int) -> str:
    send = json.dumps({"chat_id": chat_id, "text": "/start"})
    press = json.dumps({"chat_id": chat_id, "message_id": 2, "data": "rg:c:1"})
    return "\n".join(
        [
            f"Sandbox Bot API on {base} (no token, nothing leaves this machine). Talk to the bot with curl:",
            f"  curl -s -X POST {base}/sandbox/send -H 'Content-Type: application/json' -d '{send}'",
            f"  curl -s '{base}/sandbox/messages?chat_id={chat_id}'",
            f"  curl -s -X POST {base}/sandbox/press -H 'Content-Type: application/json' -d '{press}'",
            '  (a group: add "chat_type": "supergroup", "user_id": N and a negative chat_id; '
            'POST /sandbox/admins {"chat_id", "user_ids"} sets its admins)',
            f"Chat {chat_id} is a Nashra admin here. Stop with Ctrl-C.",
        ]
    )


def render(message: SentMessage) -> str:
    head = f"[{message.message_id}{' edited' if message.edited else ''}] "
    lines = [head + message.plain_text]
    for button in message.buttons():
        lines.append(f"    ({button.get('callback_data')}) {button.get('text')}")
    return "\n".join(lines)


async def _echo(api: SandboxBotAPI, chat_id: int) -> None:
    """Print each new or edited message the bot sends to the prompt's chat."""
    shown: dict[int, tuple[str, object]] = {}
    while True:
        for message in api.sent_to(chat_id):
            state = (message.plain_text, message.reply_markup)
            if shown.get(message.message_id) != state:
                shown[message.message_id] = state
                print("\n" + render(message), flush=True)
        await asyncio.sleep(0.2)


async def _prompt(api: SandboxBotAPI, chat_id: int, stop: asyncio.Event) -> None:
    print(f"Type messages as user {chat_id} (e.g. /start, اشترك درعا).")
    print(f"{PRESS} MESSAGE_ID DATA presses a button (DATA is shown in brackets under a message).")
    while not stop.is_set():
        try:
            line = await asyncio.to_thread(input, "> ")
        except EOFError:
            break
        line = line.strip()
        if not line:
            continue
        if line.startswith(PRESS):
            parts = line.split()
            try:
                api.user_presses(chat_id, int(parts[1]), parts[2])
            except (IndexError, ValueError, KeyError) as exc:
                print(f"usage: {PRESS} MESSAGE_ID DATA ({exc})")
            continue
        api.user_says(chat_id, line)
    stop.set()


async def _main(config: Config, port: int, chat_id: int, interactive: bool) -> int:
    api = SandboxBotAPI()
    await api.start(port=port)
    base = f"http://{api.host}:{api.port}"
    config.telegram.base_url = api.base_url
    if chat_id not in config.telegram.admins:
        config.telegram.admins.append(chat_id)
    print(instructions(base, chat_id), flush=True)
    stop = asyncio.Event()
    stop_on_signals(stop)
    tasks = []
    if interactive:
        tasks = [asyncio.create_task(_echo(api, chat_id)), asyncio.create_task(_prompt(api, chat_id, stop))]
    try:
        await serve(config, SANDBOX_TOKEN, stop)
    finally:
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await api.stop()
    return 0
