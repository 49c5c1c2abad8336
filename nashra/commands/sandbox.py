"""``nashra sandbox``: the bot and a local stand-in of the Telegram Bot API, to try Nashra offline.

No token and no internet are needed. People play users over HTTP (``POST /sandbox/send``), or, when
stdin is a terminal, through a chat prompt that sends each line as a message and prints the bot's
replies with their buttons above the line being typed. On first start the trial database gets the
sample articles shipped with Nashra, so ``/digest`` has news to show.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import logging
import re
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from nashra.commands._bot import serve, stop_on_signals
from nashra.commands._database import database_path
from nashra.config import Config

if TYPE_CHECKING:
    from nashra.sandbox import SandboxBotAPI, SentMessage

PRESS = ":press"
QUIT = ":quit"
# A prompt command: a colon and a word ("::)" or ":-)" stay messages to the bot).
_PROMPT_COMMAND = re.compile(r"^:[a-z]+(\s|$)")
PRESS_USAGE = (
    f"To press a button, type {PRESS} MESSAGE_ID DATA, for example {PRESS} 3 rg:c:1 "
    "(each button's DATA is shown in brackets under its message)."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sandbox",
        help="try the bot offline against a local fake Telegram",
        description="Run a local stand-in of the Telegram Bot API and the bot against it. "
        "No token and no internet needed. A new trial database gets the sample articles shipped "
        "with Nashra (--empty to start without them).",
    )
    parser.add_argument(
        "--port", type=port, default=8081, help="port of the sandbox (default 8081; 0 picks a free one)"
    )
    parser.add_argument(
        "--chat", type=user_id, default=1001, help="user id of the prompt's user (default 1001)"
    )
    parser.add_argument(
        "--db",
        type=database_path,
        default="nashra-sandbox.db",
        help="database file for the trial (default nashra-sandbox.db)",
    )
    parser.add_argument("--no-prompt", action="store_true", help="no chat prompt even on a terminal")
    parser.add_argument("--empty", action="store_true", help="do not load the sample articles")
    parser.set_defaults(handler=handle)


# Bot API: user ids have at most 52 significant bits. (nashra.sandbox.server.MAX_ID; not imported from
# there, so that building the parser does not import tornado.)
MAX_USER_ID = 2**52 - 1


def port(text: str) -> int:
    """--port: a TCP port, 0 for any free one."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535; 0 picks a free one)")
    return number


def user_id(text: str) -> int:
    """--chat: the prompt's user, whose private chat with the bot has the same id (positive)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 0 < number <= MAX_USER_ID:
        raise argparse.ArgumentTypeError(f"{text!r} is not a Telegram user id (1 to {MAX_USER_ID})")
    return number


def handle(args: argparse.Namespace, config: Config) -> int:
    config.database.path = args.db
    interactive = sys.stdin.isatty() and sys.stdout.isatty() and not args.no_prompt
    if not interactive and not args.no_prompt:
        print(
            "nashra sandbox: no chat prompt, as standard input or output is no terminal: lines piped in "
            "are not read; talk to the bot over HTTP (the curl lines below), or run it in a terminal",
            file=sys.stderr,
            flush=True,
        )
    return run_sandbox(
        config, port=args.port, chat_id=args.chat, interactive=interactive, samples=not args.empty
    )


def run_sandbox(config: Config, *, port: int, chat_id: int, interactive: bool, samples: bool = False) -> int:
    """Sandbox and bot in one event loop; the prompt's user is an admin, so /alert and /stats work.

    ``samples``: load the bundled sample articles when the database holds no article yet.
    """
    # A request the sandbox refuses is answered to its client; the access log would repeat it.
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    try:
        return asyncio.run(_main(config, port, chat_id, interactive, samples))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            reason = "another program listens there; choose another port with --port"
        else:
            reason = exc.strerror or str(exc)
        print(f"nashra: cannot start the sandbox on port {port}: {reason}", file=sys.stderr)
        return 2


def instructions(base: str, chat_id: int) -> str:
    return "\n".join(
        [
            f"Sandbox Bot API on {base} (no token, nothing leaves this machine). Talk to the bot with curl:",
            f"  curl -s {base}/sandbox/send -d chat_id={chat_id} -d text=/start -d wait=1",
            f"  curl -s '{base}/sandbox/messages?chat_id={chat_id}'",
            f"  curl -s {base}/sandbox/press -d chat_id={chat_id} -d message_id=2 -d data=rg:c:1 -d wait=1",
            "  (wait=1 answers with the bot's reply; a group: add chat_type=supergroup, user_id=N and a "
            "negative chat_id; POST /sandbox/admins {chat_id, user_ids} sets its admins)",
            f"Chat {chat_id} is a Nashra admin here. Stop with Ctrl-C.",
        ]
    )


def render(message: SentMessage) -> str:
    head = f"[{message.message_id}{' edited' if message.edited else ''}] "
    lines = [head + message.plain_text]
    for button in message.buttons():
        lines.append(f"    ({button.get('callback_data')}) {button.get('text')}")
    return "\n".join(lines)


def act(api: SandboxBotAPI, chat_id: int, line: str) -> str | None:
    """Carry out one line typed at the prompt: a message to the bot, or a prompt command.

    Returns what to tell the person (one sentence) when the line cannot be carried out, else None.
    """
    from nashra.sandbox import ApiError

    line = line.strip()
    if not line:
        return None
    if not _PROMPT_COMMAND.match(line):
        api.user_says(chat_id, line)
        return None
    command, _, rest = line.partition(" ")
    if command != PRESS:
        return f"{command} is not a prompt command; {PRESS} MESSAGE_ID DATA presses a button and {QUIT} ends."
    parts = rest.split()
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if len(parts) != 2 or not parts[0].isdecimal():
        return PRESS_USAGE
    try:
        api.user_presses(chat_id, int(parts[0]), parts[1])
    except ApiError as error:
        sentence = error.description.removeprefix("Bad Request: ")
        return sentence[:1].upper() + sentence[1:] + "."
    return None


async def _trial_database(config: Config, folder: Path) -> None:
    """Point ``config`` at a database the sandbox may write and deliver from: the one asked for when it
    is new or a trial database (:mod:`nashra.storage.trial`); otherwise a copy of it in ``folder``.

    The bot in the sandbox delivers every digest and pending message its database owes to the stand-in
    Bot API, and the people trying it become its subscribers: run on a real bot's database, it would
    mark the real subscribers' messages as sent without them reaching anyone, and leave trial chats
    among the real ones for ``nashra run`` to send to (also in a database that holds articles only).
    """
    from nashra.storage import Database
    from nashra.storage.backup import backup_database
    from nashra.storage.trial import holdings, is_trial, mark_trial

    path = Path(config.database.path)
    new = not path.exists()
    async with await Database.open(path) as db:
        if new:
            await mark_trial(db)
            return
        if await is_trial(db):
            return
        held = await holdings(db)
    copy = folder / path.name
    await asyncio.to_thread(backup_database, path, copy)
    config.database.path = str(copy)
    print(
        f"{path} was not made by the sandbox ({held.subscribers} subscribers, {held.articles} articles, "
        f"{held.messages} outbox messages): trying the bot on a copy of it, removed at the end ({copy}), "
        "so that no trial chat is added to it and none of its messages is marked sent to the stand-in "
        "Bot API. The file itself is not changed."
    )


async def _load_samples(config: Config) -> None:
    """On first start, the sample articles; say what the trial database holds either way."""
    from nashra.demo import ARTICLES_DIR
    from nashra.demo.demo import load_samples
    from nashra.storage import Database
    from nashra.storage.articles import ArticleStore

    path = config.database.path
    async with await Database.open(path) as db:
        held = await ArticleStore(db).count_articles()
        if held:
            print(f"Using {path}, which holds {held} articles.")
            return
        read, _, rejected = await load_samples(db, config)
    for line in rejected:
        print(f"rejected {line}", file=sys.stderr)
    print(
        f"Loaded {read} sample articles shipped with Nashra ({ARTICLES_DIR}) into {path}, so /digest has "
        "news to show; start with --empty to skip them."
    )


async def _echo(api: SandboxBotAPI, chat_id: int) -> None:
    """Print each new or edited message the bot sends to the prompt's chat."""
    shown: dict[int, tuple[str, object]] = {}
    while True:
        for message in api.sent_to(chat_id):
            state = (message.plain_text, message.reply_markup)
            if shown.get(message.message_id) != state:
                shown[message.message_id] = state
                print(render(message), flush=True)
        await asyncio.sleep(0.1)


async def _prompt(api: SandboxBotAPI, chat_id: int, stop: asyncio.Event) -> None:
    """Read lines until Ctrl-C, Ctrl-D or :quit; then stop everything."""
    from prompt_toolkit import PromptSession

    print(f"Type messages as user {chat_id} (e.g. /start, اشترك درعا, /digest).")
    print(f"{PRESS} MESSAGE_ID DATA presses a button (DATA is shown in brackets under a message).")
    session: PromptSession[str] = PromptSession()
    while not stop.is_set():
        try:
            line = await session.prompt_async("> ")
        except (EOFError, KeyboardInterrupt):
            break
        if line.split()[:1] == [QUIT]:
            break
        problem = act(api, chat_id, line)
        if problem:
            print(problem, flush=True)
    stop.set()


async def _main(config: Config, port: int, chat_id: int, interactive: bool, samples: bool) -> int:
    from nashra.logs import logs_to
    from nashra.sandbox import SANDBOX_TOKEN, SandboxBotAPI

    api = SandboxBotAPI()
    await api.start(port=port)
    stack = contextlib.ExitStack()
    try:
        base = f"http://{api.host}:{api.port}"
        config.telegram.base_url = api.base_url
        if chat_id not in config.telegram.admins:
            config.telegram.admins.append(chat_id)
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="nashra-sandbox-"))
        await _trial_database(config, Path(folder))
        if samples:
            await _load_samples(config)
        print(instructions(base, chat_id), flush=True)
        stop = asyncio.Event()
        stop_on_signals(stop)
        if not interactive:
            await serve(config, SANDBOX_TOKEN, stop, role="nashra sandbox")
            return 0
        from prompt_toolkit.patch_stdout import patch_stdout

        # Bot replies and log lines are printed above the line being typed, which is then redrawn.
        with patch_stdout(raw=True), logs_to(sys.stderr):
            tasks = [
                asyncio.create_task(_echo(api, chat_id)),
                asyncio.create_task(_prompt(api, chat_id, stop)),
            ]
            try:
                await serve(config, SANDBOX_TOKEN, stop, role="nashra sandbox")
            finally:
                for task in tasks:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
        return 0
    finally:
        await api.stop()
        stack.close()
