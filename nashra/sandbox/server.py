"""A local stand-in for the Telegram Bot API, for tests, the demo and trying the bot without a token.

It speaks the Bot API's HTTP protocol (``POST /bot<token>/<method>``, form or JSON bodies, the
``{"ok": …}`` envelope), keeps chats and messages in memory, and enforces Telegram's limits the way
the real service does: 429 with ``retry_after`` past the per-bot, per-chat and per-group rates, 403 for a
chat that blocked the bot, 400 for a message that is too long or malformed HTML. People and test code
play users through :meth:`SandboxBotAPI.user_says` / :meth:`user_presses`, or over HTTP through the
``/sandbox/…`` endpoints (see :class:`ControlHandler`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import math
import random
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

import tornado.httpserver
import tornado.netutil
import tornado.web

from nashra.telegram_limits import MAX_TEXT_UNITS, utf16_units

log = logging.getLogger(__name__)

# The token local runs (``nashra sandbox``, ``nashra run --sandbox``, ``nashra digest --run --sandbox``,
# the demo) give the bot: shaped like a Bot API token (id, colon, secret), so python-telegram-bot accepts
# it, and plainly no real one. A sandbox started without a token accepts any.
SANDBOX_TOKEN = "1000001:sandbox"

_STRING_FIELDS = {
    "text",
    "parse_mode",
    "callback_query_id",
    "url",
    "data",
    "description",
    "short_description",
    "language_code",
    "secret_token",
    "caption",
}
_ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}


class ApiError(Exception):
    """An error answer of the Bot API: HTTP status, description and optional parameters."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


# What Telegram marks as a bot command: a slash, then Latin letters, digits or "_" (at most 32), and
# perhaps the bot's @name; "/اشترك" is plain text to Telegram.
_BOT_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?(?![A-Za-z0-9_@])")


@dataclass
class SandboxLimits:
    """Rates the sandbox enforces, as Telegram does; ``None`` turns a limit off."""

    global_per_second: float | None = 30.0
    per_chat_per_second: float | None = 1.0
    group_per_minute: float | None = 20.0
    paid_global_per_second: float = 1000.0
    slack: float = 0.05  # tolerance for jitter before a 429, like the real service's leniency


@dataclass
class Faults:
    """Misbehaviour on demand: what tests and benchmarks use to see what the bot does when the Bot API,
    or the way to it, fails. Everything is off by default.

    A fault applies to calls of ``methods`` while the sandbox clock is before ``until`` (always when it
    is None), to a ``share`` of them (drawn from ``seed``, so a run is reproducible). Before delivery:
    ``status`` answers that HTTP error, ``reset`` drops the connection unanswered, ``forbid_all``
    answers 403 as a proxy refusing everything would. After delivery (the message is in the chat):
    ``delay_s`` answers that late, ``reset_after`` drops the connection, ``garbage`` answers that body
    with HTTP 200 (``'{"ok":true,"result":{}}'`` makes python-telegram-bot raise ``KeyError``).
    ``max_text_units`` refuses longer texts as too long, as a stricter Telegram would.
    """

    methods: frozenset[str] = frozenset({"sendMessage"})
    until: float | None = None
    share: float = 1.0
    seed: int = 0
    status: int | None = None
    reset: bool = False
    forbid_all: bool = False
    delay_s: float = 0.0
    reset_after: bool = False
    garbage: str | None = None
    max_text_units: int = MAX_TEXT_UNITS
    _draws: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._draws = random.Random(self.seed)

    def hit(self, method: str, now: float) -> bool:
        """Whether this call of ``method`` misbehaves (draws from the seeded sequence)."""
        if method not in self.methods or (self.until is not None and now >= self.until):
            return False
        misbehaves = self.status or self.reset or self.forbid_all or self.delay_s or self.reset_after
        if not misbehaves and self.garbage is None:
            return False
        return self.share >= 1.0 or self._draws.random() < self.share


@dataclass
class Chat:
    id: int
    type: str = "private"
    title: str | None = None
    first_name: str | None = None
    username: str | None = None
    admins: set[int] = field(default_factory=set)
    blocked: bool = False
    migrated_to: int | None = None
    is_forum: bool = False
    deleted_threads: set[int] = field(default_factory=set)


@dataclass
class SentMessage:
    """A message the bot sent (or edited), as a user's client would show it."""

    message_id: int
    chat_id: int
    text: str
    plain_text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    thread_id: int | None
    disable_preview: bool
    date: float
    edited: bool = False
    deleted: bool = False
    paid: bool = False
    # The sandbox's change counter when this message was last sent or edited (see SandboxBotAPI.replies).
    revision: int = 0
    # Callback data of every button this message has shown: a client may still press a button of a
    # keyboard that was replaced a moment ago, never one the message never had.
    pressable: set[str] = field(default_factory=set)

    def buttons(self) -> list[dict[str, Any]]:
        """Inline keyboard buttons, row by row flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def _changed(self, revision: int) -> None:
        self.revision = revision
        self.pressable.update(str(b["callback_data"]) for b in self.buttons() if "callback_data" in b)

    def as_dict(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "chat_id": self.chat_id,
            "text": self.text,
            "plain_text": self.plain_text,
            "parse_mode": self.parse_mode,
            "reply_markup": self.reply_markup,
            "message_thread_id": self.thread_id,
            "disable_web_page_preview": self.disable_preview,
            "date": int(self.date),
            "edited": self.edited,
            "deleted": self.deleted,
        }


class _HtmlText(HTMLParser):
    """Telegram's HTML parse mode: allowed tags only, balanced; returns the text users see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            raise ApiError(400, f'Bad Request: can\'t parse entities: unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise ApiError(400, f'Bad Request: can\'t parse entities: unexpected end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def parsed_text(text: str, parse_mode: str | None) -> str:
    """The text a client shows, as the Bot API parses it: HTML parsed when parse_mode is HTML (markup
    Telegram refuses raises its 400 ApiError), else the text as sent. Nashra's own reading of its
    markup is :func:`nashra.telegram_limits.visible_text`; this one stands for the server's."""
    if (parse_mode or "").upper() != "HTML":
        return text
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise ApiError(400, f'Bad Request: can\'t parse entities: unclosed tag "{parser.stack[-1]}"')
    return "".join(parser.parts)


# The user Telegram puts in ``from`` of a message an anonymous group admin sent (Bot API: "for
# backward compatibility, the field from contains a fake sender user in non-channel chats").
GROUP_ANONYMOUS_BOT = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}


class SandboxBotAPI:
    """An in-memory Bot API server. ``await start()``, point the bot at :attr:`base_url`, then play users."""

    def __init__(
        self,
        *,
        token: str | None = None,
        limits: SandboxLimits | None = None,
        bot_id: int = 700_000_001,
        bot_username: str = "nashra_sandbox_bot",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.token = token
        self.limits = limits or SandboxLimits()
        self.bot = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Nashra",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.clock = clock
        self.chats: dict[int, Chat] = {}
        self.messages: dict[int, list[SentMessage]] = defaultdict(list)
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] | None = None
        self.calls: dict[str, int] = defaultdict(int)
        self.too_many_requests = 0
        # The 429s by the limit that answered them: "bot" (the bot-wide window), "chat", "group", and
        # "injected" (queued with fail_next); one answer past two limits counts under each.
        self.too_many_by_limit: dict[str, int] = defaultdict(int)
        self.faults = Faults()
        self.faulted = 0
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._new_update = asyncio.Event()
        self._new_message = asyncio.Event()
        self._revisions = itertools.count(1)
        self.revision = 0
        self._global_window: deque[float] = deque()
        self._paid_window: deque[float] = deque()
        self._chat_last: dict[int, float] = {}
        self._group_windows: dict[int, deque[float]] = defaultdict(deque)
        self._failures: dict[str, list[ApiError]] = defaultdict(list)
        self._conversations: dict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._server: tornado.httpserver.HTTPServer | None = None
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        app = tornado.web.Application(
            [
                (r"/bot([^/]*)/([A-Za-z]+)", BotApiHandler, {"api": self}),
                (r"/sandbox/([a-z_]+)", ControlHandler, {"api": self}),
            ],
            default_handler_class=NotFoundHandler,
            default_handler_args={"api": self},
        )
        sockets = tornado.netutil.bind_sockets(port, host)
        self.port = sockets[0].getsockname()[1]
        self.host = host
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(sockets)
        log.info("sandbox Bot API listening on http://%s:%d", host, self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
        self._new_update.set()

    async def __aenter__(self) -> SandboxBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """What to give python-telegram-bot as ``base_url`` (the token is appended by it)."""
        return f"http://{self.host}:{self.port}/bot"

    # -- playing users ---------------------------------------------------------------------------

    def chat(self, chat_id: int, chat_type: str = "private", **details: Any) -> Chat:
        """The chat with that id, created on first use."""
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = Chat(id=chat_id, type=chat_type, **details)
            self.chats[chat_id] = chat
        return chat

    def user_says(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        first_name: str = "مستخدم",
        language_code: str | None = "ar",
        thread_id: int | None = None,
        anonymous: bool = False,
    ) -> dict[str, Any]:
        """Queue a message from a user (a command when it starts with /) and return the update.

        ``anonymous``: written by an anonymous admin of a group, as Telegram sends it: ``sender_chat`` is
        the group and ``from`` is the placeholder GroupAnonymousBot. A channel's posts name the channel
        as ``sender_chat`` and have no ``from``.
        """
        chat = self.chat(chat_id, chat_type or ("private" if chat_id > 0 else "supergroup"))
        user_id = user_id if user_id is not None else chat_id
        message: dict[str, Any] = {
            "message_id": next(self._message_ids[chat_id]),
            "from": self._user(user_id, first_name, language_code),
            "chat": self._chat_json(chat, first_name),
            "date": int(time.time()),
            "text": text,
        }
        command = _BOT_COMMAND.match(text)
        if command is not None:
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        if anonymous:
            message["from"] = dict(GROUP_ANONYMOUS_BOT)
            message["sender_chat"] = self._chat_json(chat, first_name)
        if chat.type == "channel":
            message.pop("from")
            message["sender_chat"] = self._chat_json(chat, first_name)
            return self._push({"channel_post": message})
        return self._push({"message": message})

    def user_presses(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        unchecked: bool = False,
    ) -> dict[str, Any]:
        """Queue a press on an inline button of a message the bot sent.

        Raises :class:`ApiError` (400) when the chat has no such message or the message never showed a
        button with that callback data: no Telegram client can send such a press. ``unchecked=True``
        delivers it anyway, for tests of how the bot reads data it never wrote.
        """
        try:
            sent = self.message(chat_id, message_id)
        except KeyError:
            raise ApiError(400, f"Bad Request: chat {chat_id} has no message {message_id}") from None
        if data not in sent.pressable and not unchecked:
            shown = ", ".join(repr(b.get("callback_data")) for b in sent.buttons())
            buttons = f"its buttons: {shown}" if shown else "it has no buttons"
            problem = f"message {message_id} has no button with data {data!r} ({buttons})"
            raise ApiError(400, f"Bad Request: {problem}")
        chat = self.chat(chat_id)
        user_id = user_id if user_id is not None else chat_id
        callback = {
            "id": f"cb{next(self._update_ids)}",
            "from": self._user(user_id, "مستخدم", "ar"),
            "chat_instance": str(chat_id),
            "data": data,
            "message": {
                "message_id": message_id,
                "from": self.bot,
                "chat": self._chat_json(chat, "مستخدم"),
                "date": int(sent.date),
                "text": sent.plain_text,
                **({"reply_markup": sent.reply_markup} if sent.reply_markup else {}),
            },
        }
        return self._push({"callback_query": callback})

    def member_update(self, chat_id: int, status: str, *, user_id: int | None = None) -> dict[str, Any]:
        """Queue a my_chat_member update: the user blocked ("kicked") or unblocked ("member") the bot."""
        chat = self.chat(chat_id)
        chat.blocked = status in ("kicked", "left")
        user_id = user_id if user_id is not None else chat_id
        old = "member" if chat.blocked else "kicked"
        return self._push(
            {
                "my_chat_member": {
                    "chat": self._chat_json(chat, "مستخدم"),
                    "from": self._user(user_id, "مستخدم", "ar"),
                    "date": int(time.time()),
                    "old_chat_member": {
                        "user": self.bot,
                        "status": old,
                        **({"until_date": 0} if old == "kicked" else {}),
                    },
                    "new_chat_member": {
                        "user": self.bot,
                        "status": status,
                        **({"until_date": 0} if status == "kicked" else {}),
                    },
                }
            }
        )

    def block(self, chat_id: int) -> None:
        """The user blocked the bot: sends to this chat now answer 403, with no update queued."""
        self.chat(chat_id).blocked = True

    def migrate(self, chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: sends to the old id answer 400 with migrate_to_chat_id."""
        old = self.chat(chat_id, "group")
        old.migrated_to = new_chat_id
        self.chat(new_chat_id, "supergroup", title=old.title, admins=set(old.admins))

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """A forum topic was deleted: sends into it answer 400 "message thread not found"."""
        self.chat(chat_id, "supergroup").deleted_threads.add(thread_id)

    def set_faults(self, **settings: Any) -> Faults:
        """Replace the faults in force (see :class:`Faults`); no arguments turns them all off."""
        if "methods" in settings:
            settings["methods"] = frozenset(settings["methods"])
        if "for_s" in settings:
            settings["until"] = self.clock() + float(settings.pop("for_s"))
        self.faults = Faults(**settings)
        return self.faults

    def set_admins(self, chat_id: int, user_ids: set[int] | list[int]) -> None:
        self.chat(chat_id, "supergroup").admins = set(user_ids)

    def fail_next(
        self, method: str, code: int, description: str, *, retry_after: int | None = None, times: int = 1
    ) -> None:
        """Make the next ``times`` calls of ``method`` answer an error (e.g. 429, 500, 502)."""
        parameters = {"retry_after": retry_after} if retry_after is not None else None
        self._failures[method].extend(ApiError(code, description, parameters) for _ in range(times))

    # -- reading what the bot did ------------------------------------------------------------------

    def sent_to(self, chat_id: int) -> list[SentMessage]:
        """Messages currently in that chat (deleted ones left out), oldest first."""
        return [m for m in self.messages.get(chat_id, []) if not m.deleted]

    def message(self, chat_id: int, message_id: int) -> SentMessage:
        for sent in self.messages.get(chat_id, []):
            if sent.message_id == message_id:
                return sent
        raise KeyError(f"no message {message_id} in chat {chat_id}")

    def last(self, chat_id: int) -> SentMessage:
        messages = self.sent_to(chat_id)
        if not messages:
            raise KeyError(f"the bot sent nothing to chat {chat_id}")
        return messages[-1]

    async def wait_for(
        self, chat_id: int, count: int = 1, *, timeout: float = 10.0, after: int = 0
    ) -> list[SentMessage]:
        """Wait until the chat holds at least ``count`` messages beyond the first ``after``."""
        deadline = time.monotonic() + timeout
        while True:
            messages = self.sent_to(chat_id)
            if len(messages) - after >= count:
                return messages[after:]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                texts = [m.plain_text[:80] for m in messages]
                raise TimeoutError(f"chat {chat_id} got {len(messages) - after} of {count} messages: {texts}")
            self._new_message.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_message.wait(), min(remaining, 0.2))

    async def replies(
        self, chat_id: int, since: int, *, timeout: float = 10.0, quiet: float = 1.2
    ) -> list[SentMessage]:
        """The bot's answer in a chat: messages sent or edited there after change ``since``
        (:attr:`revision` read before the user spoke), oldest first.

        Waits up to ``timeout`` seconds for the first of them, then until nothing changed in the chat for
        ``quiet`` seconds: a little more than the 1 s Telegram leaves between two messages to one chat,
        so an answer of several messages comes whole. An empty list when the bot did not answer.
        """

        def answer() -> list[SentMessage]:
            changed = [m for m in self.messages.get(chat_id, []) if m.revision > since and not m.deleted]
            return sorted(changed, key=lambda m: m.message_id)

        deadline = time.monotonic() + timeout
        last_change, seen = time.monotonic(), since
        while True:
            newest = max((m.revision for m in self.messages.get(chat_id, [])), default=0)
            now = time.monotonic()
            if newest > seen:
                last_change, seen = now, newest
            if seen > since and (now - last_change >= quiet or now >= deadline + timeout):
                return answer()
            if seen == since and now >= deadline:
                return []
            self._new_message.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_message.wait(), 0.05)

    def conversation(self, chat_id: int) -> asyncio.Lock:
        """Held by whoever waits for the bot's answer in that chat (:meth:`replies`), so that two
        callers talking in one chat at once each get the answer to their own message."""
        return self._conversations[chat_id]

    def total_sent(self) -> int:
        return sum(len(v) for v in self.messages.values())

    # -- the Bot API ----------------------------------------------------------------------------

    async def call(self, method: str, params: dict[str, Any]) -> Any:
        """Answer one Bot API call; raises :class:`ApiError` for error answers."""
        self.calls[method] += 1
        chat = params.get("chat_id")
        try:
            failures = self._failures.get(method)
            if failures:
                error = failures.pop(0)
                if error.code == 429:
                    self.too_many_requests += 1
                    self.too_many_by_limit["injected"] += 1
                raise error
            handler = getattr(self, f"_api_{method.lower()}", None)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            result = await handler(params)
        except ApiError as error:
            log.debug("%s%s answered %d %s", method, f" to chat {chat}" if chat else "", error.code, error)
            raise
        if method != "getUpdates" or result:
            log.debug("%s%s answered ok", method, f" to chat {chat}" if chat else "")
        return result

    async def _api_getme(self, params: dict[str, Any]) -> Any:
        return self.bot

    async def _api_logout(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_close(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_getupdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and timeout > 0:
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), timeout)
        return self._updates[:limit]

    async def _api_setwebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = params
        return True

    async def _api_deletewebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = None
        return True

    async def _api_getwebhookinfo(self, params: dict[str, Any]) -> Any:
        url = (self.webhook or {}).get("url", "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    async def _api_setmycommands(self, params: dict[str, Any]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or not commands:
            raise ApiError(400, "Bad Request: commands must be a non-empty list")
        for command in commands:
            if not isinstance(command, dict) or not command.get("command") or not command.get("description"):
                raise ApiError(400, "Bad Request: each command needs command and description")
        self.commands[_menu_key(params)] = commands
        return True

    async def _api_getmycommands(self, params: dict[str, Any]) -> Any:
        return self.commands.get(_menu_key(params), [])

    async def _api_deletemycommands(self, params: dict[str, Any]) -> Any:
        self.commands.pop(_menu_key(params), None)
        return True

    async def _api_setchatmenubutton(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_sendchataction(self, params: dict[str, Any]) -> Any:
        self._deliverable(params)
        return True

    async def _api_getchat(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        details = self._chat_json(chat, chat.first_name or "مستخدم")
        return {**details, "accent_color_id": 0, "max_reaction_count": 11}

    async def _api_getchatadministrators(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        return [
            {"status": "administrator", "user": self._user(uid, "مشرف", "ar")} for uid in sorted(chat.admins)
        ]

    async def _api_getchatmember(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        user_id = int(params.get("user_id") or 0)
        if chat.type == "private":
            status = "member"
        elif chat.type == "channel" and user_id == self.bot["id"]:
            status = "administrator"  # a bot receives a channel's posts only as one of its admins
        else:
            status = "administrator" if user_id in chat.admins else "member"
        member: dict[str, Any] = {"status": status, "user": self._user(user_id, "مستخدم", "ar")}
        if status == "administrator":
            member.update(
                can_be_edited=False,
                is_anonymous=False,
                can_manage_chat=True,
                can_delete_messages=True,
                can_manage_video_chats=True,
                can_restrict_members=True,
                can_promote_members=False,
                can_change_info=True,
                can_invite_users=True,
                can_post_stories=False,
                can_edit_stories=False,
                can_delete_stories=False,
            )
        return member

    async def _api_sendmessage(self, params: dict[str, Any]) -> Any:
        chat = self._deliverable(params)
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        parse_mode = params.get("parse_mode")
        plain = parsed_text(text, parse_mode)
        if utf16_units(plain) > self.faults.max_text_units:
            raise ApiError(400, "Bad Request: message is too long")
        thread_id = _int_or_none(params.get("message_thread_id"))
        if thread_id is not None and thread_id in chat.deleted_threads:
            raise ApiError(400, "Bad Request: message thread not found")
        paid = bool(params.get("allow_paid_broadcast"))
        self._check_rate(chat, paid)
        preview = params.get("link_preview_options") or {}
        sent = SentMessage(
            message_id=next(self._message_ids[chat.id]),
            chat_id=chat.id,
            text=text,
            plain_text=plain,
            parse_mode=parse_mode,
            reply_markup=params.get("reply_markup"),
            thread_id=_int_or_none(params.get("message_thread_id")),
            disable_preview=bool(params.get("disable_web_page_preview") or preview.get("is_disabled")),
            date=time.time(),
            paid=paid,
        )
        sent._changed(self._next_revision())
        self.messages[chat.id].append(sent)
        self._new_message.set()
        return self._message_json(sent, chat)

    async def _api_editmessagetext(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        sent = self._existing(chat.id, params)
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        plain = parsed_text(text, params.get("parse_mode"))
        if utf16_units(plain) > self.faults.max_text_units:
            raise ApiError(400, "Bad Request: message is too long")
        markup = params.get("reply_markup")
        if plain == sent.plain_text and markup == sent.reply_markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message",
            )
        # An edit puts a message in the chat again: it counts against the same rates as a send.
        self._check_rate(chat, False)
        sent.text, sent.plain_text, sent.parse_mode = text, plain, params.get("parse_mode")
        sent.reply_markup, sent.edited = markup, True
        sent._changed(self._next_revision())
        self._new_message.set()
        return self._message_json(sent, chat)

    async def _api_editmessagereplymarkup(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        sent = self._existing(chat.id, params)
        self._check_rate(chat, False)  # an edit of the keyboard alone is an edit too
        sent.reply_markup, sent.edited = params.get("reply_markup"), True
        sent._changed(self._next_revision())
        self._new_message.set()
        return self._message_json(sent, chat)

    async def _api_deletemessage(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        sent = self._existing(chat.id, params)
        sent.deleted = True
        return True

    async def _api_answercallbackquery(self, params: dict[str, Any]) -> Any:
        if not params.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query ID is invalid")
        self.callback_answers.append(params)
        return True

    # -- helpers ----------------------------------------------------------------------------------

    def _next_revision(self) -> int:
        self.revision = next(self._revisions)
        return self.revision

    def _push(self, update: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self._new_update.set()
        return update

    def _known_chat(self, params: dict[str, Any]) -> Chat:
        raw = params.get("chat_id")
        if isinstance(raw, str) and raw.startswith("@"):
            for chat in self.chats.values():
                if chat.username and f"@{chat.username}".lower() == raw.lower():
                    return chat
            raise ApiError(400, "Bad Request: chat not found")
        chat_id = _int_or_none(raw)
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat_id is empty")
        return self.chat(chat_id)

    def _deliverable(self, params: dict[str, Any]) -> Chat:
        chat = self._known_chat(params)
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.blocked:
            reason = "bot was blocked by the user"
            if chat.type != "private":
                reason = "bot was kicked from the group chat"
            raise ApiError(403, f"Forbidden: {reason}")
        return chat

    def _existing(self, chat_id: int, params: dict[str, Any]) -> SentMessage:
        try:
            sent = self.message(chat_id, int(params.get("message_id") or 0))
        except KeyError:
            raise ApiError(400, "Bad Request: message to edit not found") from None
        if sent.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        return sent

    def _check_rate(self, chat: Chat, paid: bool) -> None:
        """Refuse with 429 past the configured rates; only accepted sends and edits count."""
        now = self.clock()
        limits = self.limits
        waits: dict[str, float] = {}
        window, limit = (
            (self._paid_window, limits.paid_global_per_second)
            if paid
            else (
                self._global_window,
                limits.global_per_second,
            )
        )
        if limit is not None:
            while window and now - window[0] >= 1.0:
                window.popleft()
            if len(window) >= limit * (1 + limits.slack):
                waits["bot"] = 1.0 - (now - window[0])
        if limits.per_chat_per_second is not None and chat.id in self._chat_last:
            interval = 1.0 / limits.per_chat_per_second
            elapsed = now - self._chat_last[chat.id]
            if elapsed < interval * (1 - limits.slack):
                waits["chat"] = interval - elapsed
        group = self._group_windows[chat.id] if chat.type in ("group", "supergroup") else None
        if group is not None and limits.group_per_minute is not None:
            while group and now - group[0] >= 60.0:
                group.popleft()
            if len(group) >= limits.group_per_minute:
                waits["group"] = 60.0 - (now - group[0])
        if waits:
            self.too_many_requests += 1
            for limit_name in waits:
                self.too_many_by_limit[limit_name] += 1
            retry_after = max(1, math.ceil(max(waits.values())))
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
        window.append(now)
        self._chat_last[chat.id] = now
        if group is not None:
            group.append(now)

    def _user(self, user_id: int, first_name: str, language_code: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            user["language_code"] = language_code
        return user

    def _chat_json(self, chat: Chat, first_name: str) -> dict[str, Any]:
        data: dict[str, Any] = {"id": chat.id, "type": chat.type}
        if chat.type == "private":
            data["first_name"] = chat.first_name or first_name
        else:
            data["title"] = chat.title or f"chat {chat.id}"
        if chat.username:
            data["username"] = chat.username
        if chat.is_forum:
            data["is_forum"] = True
        return data

    def _message_json(self, sent: SentMessage, chat: Chat) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": sent.message_id,
            "from": self.bot,
            "chat": self._chat_json(chat, chat.first_name or "مستخدم"),
            "date": int(sent.date),
            "text": sent.plain_text,
        }
        if sent.edited:
            data["edit_date"] = int(time.time())
        if sent.reply_markup:
            data["reply_markup"] = sent.reply_markup
        if sent.thread_id is not None:
            data["message_thread_id"] = sent.thread_id
            data["is_topic_message"] = True
        return data


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid integer {value!r}") from None


def _menu_key(params: dict[str, Any]) -> str:
    """Where a command menu is kept in :attr:`SandboxBotAPI.commands`: its language code ("" for
    the default), after its scope's type and a colon for a scope other than the default
    ("all_group_chats:en")."""
    language = str(params.get("language_code") or "")
    scope = params.get("scope")
    kind = scope.get("type") if isinstance(scope, dict) else None
    return language if kind in (None, "default") else f"{kind}:{language}"


def _decode_value(name: str, value: str) -> Any:
    """Form fields arrive as strings; PTB JSON-encodes the non-string ones (ids, markup, lists)."""
    if name in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class _Base(tornado.web.RequestHandler):
    def initialize(self, api: SandboxBotAPI) -> None:
        self.api = api

    def params(self) -> dict[str, Any]:
        content_type = self.request.headers.get("Content-Type", "")
        body = self.request.body
        if content_type.startswith("application/json") and body:
            try:
                data = json.loads(body)
            except ValueError:
                raise ApiError(400, "Bad Request: body is not valid JSON") from None
            if not isinstance(data, dict):
                raise ApiError(400, "Bad Request: body must be a JSON object")
            return data
        params: dict[str, Any] = {}
        try:
            if content_type.startswith("application/x-www-form-urlencoded") and body:
                pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            else:
                pairs = [(k, v[-1].decode("utf-8")) for k, v in self.request.body_arguments.items() if v]
            pairs += [(k, v[-1].decode("utf-8")) for k, v in self.request.query_arguments.items() if v]
        except UnicodeDecodeError:
            raise ApiError(400, "Bad Request: the request is not UTF-8 text") from None
        for name, value in pairs:
            params[name] = _decode_value(name, value)
        return params

    def answer(self, status: int, payload: dict[str, Any]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        # One JSON document per line, so answers printed by curl one after another stay apart.
        self.finish(json.dumps(payload, ensure_ascii=False) + "\n")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Tornado's own errors (a method not allowed, a body it cannot read) as one JSON sentence."""
        reason = self._reason or "Error"
        method = self.request.method or "this method"
        sentence = (
            f"{reason}: {method} is not accepted at {self.request.path}" if status_code == 405 else reason
        )
        self.answer(status_code, {"ok": False, "error_code": status_code, "description": sentence})


class BotApiHandler(_Base):
    """``/bot<token>/<method>``: the Bot API itself."""

    async def post(self, token: str, method: str) -> None:
        await self._serve(token, method)

    async def get(self, token: str, method: str) -> None:
        await self._serve(token, method)

    async def _serve(self, token: str, method: str) -> None:
        if not token or (self.api.token is not None and token != self.api.token):
            self.answer(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        faults = self.api.faults
        hit = faults.hit(method, self.api.clock())
        if hit:
            self.api.faulted += 1
            if faults.reset:
                self._drop()
                return
            if faults.status:
                self._refuse(faults.status, _phrase(faults.status))
                return
            if faults.forbid_all:
                self._refuse(403, "Forbidden: bot was blocked by the user")
                return
        try:
            result = await self.api.call(method, self.params())
        except ApiError as error:
            payload: dict[str, Any] = {
                "ok": False,
                "error_code": error.code,
                "description": error.description,
            }
            if error.parameters:
                payload["parameters"] = error.parameters
            self.answer(error.code, payload)
            return
        if hit:
            if faults.delay_s:
                await asyncio.sleep(faults.delay_s)
            if faults.reset_after:
                self._drop()
                return
            if faults.garbage is not None:
                self.set_status(200)
                self.set_header("Content-Type", "application/json")
                self.finish(faults.garbage)
                return
        self.answer(200, {"ok": True, "result": result})

    def _refuse(self, code: int, description: str) -> None:
        self.answer(code, {"ok": False, "error_code": code, "description": description})

    def _drop(self) -> None:
        """Close the connection without an answer (the client sees it cut off)."""
        self._finished = True
        self.request.connection.detach().close()


class ControlHandler(_Base):
    """``/sandbox/<action>``: play users over HTTP, for people and for clients in other languages.

    - ``POST /sandbox/send`` ``{"chat_id", "text", "user_id"?, "chat_type"?, "language_code"?, "wait"?}``
    - ``POST /sandbox/press`` ``{"chat_id", "message_id", "data", "user_id"?, "wait"?}``
    - ``POST /sandbox/block`` ``{"chat_id"}``; ``POST /sandbox/admins`` ``{"chat_id", "user_ids"}``
    - ``POST /sandbox/faults`` with the fields of :class:`Faults` (``for_s`` instead of ``until``); ``{}``
      turns them off. ``POST /sandbox/delete_topic`` ``{"chat_id", "thread_id"}``
    - ``GET /sandbox/messages?chat_id=…&after=N``: what the bot sent to that chat
    - ``GET /sandbox/stats``: calls per method, 429s, messages sent

    With ``wait=1``, ``send`` and ``press`` answer with the bot's reply (the messages it sent or edited
    in that chat, as ``/sandbox/messages`` lists them; see :meth:`SandboxBotAPI.replies`) instead of the
    queued update. Every error is a JSON object whose ``description`` is one sentence.
    """

    async def post(self, action: str) -> None:
        try:
            params = self.params()
            if action == "faults":  # misbehaviour on demand, for tests and replays: no chat involved
                try:
                    self.api.set_faults(**params)
                except (TypeError, ValueError) as exc:
                    raise ApiError(400, f"Bad Request: {exc}") from None
                self.answer(200, {"ok": True, "result": {}})
                return
            if action not in ("send", "press", "block", "admins", "delete_topic"):
                raise ApiError(404, f"Not Found: there is no sandbox action {action!r}")
            chat_id = _chat_id(params)
            wait = str(params.get("wait", "")).strip().lower() in ("1", "true", "yes")
            if not (wait and action in ("send", "press")):
                self.answer(200, {"ok": True, "result": self._act(action, chat_id, params)})
                return
            # One waited exchange at a time per chat, so each caller gets the answer to its own message.
            async with self.api.conversation(chat_id):
                since = self.api.revision
                self._act(action, chat_id, params)
                replies = await self.api.replies(chat_id, since)
        except ApiError as error:
            self.answer(error.code, {"ok": False, "description": error.description})
            return
        self.answer(200, {"ok": True, "result": [m.as_dict() for m in replies]})

    def _act(self, action: str, chat_id: int, params: dict[str, Any]) -> dict[str, Any]:
        """Carry out one action; the queued update (empty for block and admins). Raises ApiError."""
        if action == "send":
            chat_type = _chat_type(params, self.api.chats.get(chat_id), chat_id)
            text = _field(params, "text", str)
            if utf16_units(text) > MAX_TEXT_UNITS:
                raise ApiError(
                    400,
                    f"Bad Request: text is longer than a Telegram message ({MAX_TEXT_UNITS} characters)",
                )
            return self.api.user_says(
                chat_id,
                text,
                user_id=_user_id(params),
                chat_type=chat_type,
                language_code=_field(params, "language_code", str, required=False) or "ar",
            )
        if action == "press":
            return self.api.user_presses(
                chat_id,
                _field(params, "message_id", int),
                _field(params, "data", str),
                user_id=_user_id(params),
            )
        if action == "block":
            self.api.block(chat_id)
            return {}
        if action == "delete_topic":
            self.api.delete_topic(chat_id, _field(params, "thread_id", int))
            return {}
        users = params.get("user_ids")
        if not isinstance(users, list):
            raise ApiError(400, "Bad Request: user_ids must be a list of user ids, e.g. [1001, 1002]")
        self.api.set_admins(chat_id, [_identifier("user_ids", u, positive=True) for u in users])
        return {}

    async def get(self, action: str) -> None:
        if action in ("send", "press", "block", "admins"):
            sentence = f"Method Not Allowed: /sandbox/{action} takes POST (curl -d sends one)"
            self.answer(405, {"ok": False, "description": sentence})
        elif action == "messages":
            try:
                params = self.params()
                chat_id = _chat_id(params)
                after = _field(params, "after", int, required=False) or 0
                if after < 0:
                    raise ApiError(400, f"Bad Request: after must not be negative, not {after}")
            except ApiError as error:
                self.answer(error.code, {"ok": False, "description": error.description})
                return
            result = [m.as_dict() for m in self.api.sent_to(chat_id)[after:]]
            self.answer(200, {"ok": True, "result": result})
        elif action == "stats":
            stats = {
                "calls": dict(self.api.calls),
                "too_many_requests": self.api.too_many_requests,
                "too_many_by_limit": dict(self.api.too_many_by_limit),
                "messages_sent": self.api.total_sent(),
                "chats": len(self.api.chats),
            }
            self.answer(200, {"ok": True, "result": stats})
        else:
            self.answer(
                404, {"ok": False, "description": f"Not Found: there is no sandbox action {action!r}"}
            )


class NotFoundHandler(_Base):
    """Any other path: one JSON sentence, as the Bot API answers, not an HTML page."""

    def prepare(self) -> None:
        self.answer(404, {"ok": False, "description": f"Not Found: nothing is served at {self.request.path}"})


def _field(params: dict[str, Any], name: str, kind: type, *, required: bool = True) -> Any:
    """``params[name]`` as ``kind`` (int or str); ApiError (400) in one sentence when missing or wrong."""
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise ApiError(400, f"Bad Request: {name} is required")
        return None
    if kind is int:
        return _integer(name, value)
    if isinstance(value, bool | dict | list):
        raise ApiError(400, f"Bad Request: {name} must be text, not {json.dumps(value, ensure_ascii=False)}")
    return str(value)


# Bot API: chat and user identifiers have at most 52 significant bits.
MAX_ID = 2**52 - 1
CHAT_TYPES = ("private", "group", "supergroup", "channel")


def _identifier(name: str, value: Any, *, positive: bool = False) -> int:
    """A chat or user id as Telegram has them: not zero, at most 52 bits, positive for a user."""
    number = _integer(name, value)
    if number == 0 or abs(number) > MAX_ID or (positive and number < 0):
        kind = "a user id (1 to" if positive else "a Telegram id (1 to"
        sign = ")" if positive else ", negative for groups and channels)"
        raise ApiError(400, f"Bad Request: {name} must be {kind} {MAX_ID}{sign}, not {number}")
    return number


def _chat_id(params: dict[str, Any]) -> int:
    value = params.get("chat_id")
    if value is None or value == "":
        raise ApiError(400, "Bad Request: chat_id is required")
    return _identifier("chat_id", value)


def _user_id(params: dict[str, Any]) -> int | None:
    value = params.get("user_id")
    if value is None or value == "":
        return None
    return _identifier("user_id", value, positive=True)


def _chat_type(params: dict[str, Any], known: Chat | None, chat_id: int) -> str | None:
    """The ``chat_type`` asked for, checked against the id: a private chat's id is its user's
    (positive), a group's or channel's is negative. None leaves the chat as it is or as its id implies."""
    asked = _field(params, "chat_type", str, required=False)
    if asked is not None and asked not in CHAT_TYPES:
        raise ApiError(400, f"Bad Request: chat_type must be one of {', '.join(CHAT_TYPES)}, not {asked!r}")
    kind = asked or (known.type if known else None) or ("private" if chat_id > 0 else "supergroup")
    if (kind == "private") != (chat_id > 0):
        rule = "a private chat's id is positive" if kind == "private" else f"a {kind}'s id is negative"
        raise ApiError(400, f"Bad Request: {rule}, not {chat_id}")
    return asked


def _integer(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ApiError(400, f"Bad Request: {name} must be an integer, not {json.dumps(value)}")
    try:
        return int(value)
    except ValueError:
        raise ApiError(400, f"Bad Request: {name} must be an integer, not {value!r}") from None
