"""Logging set-up: readable lines by default, JSON on request, secrets masked everywhere."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, TextIO

from nashra.arabic import BIDI_CONTROLS

# A Telegram bot token: digits, a colon, 35 URL-safe characters. Masked even when not configured,
# because URLs of the Bot API carry it and libraries log URLs; the colon may be URL-encoded (%3A), once
# or more (%253A: a URL quoted inside another URL's query string).
_TOKEN_PATTERN = re.compile(r"\d{5,}(?::|%(?:25)*3A)[A-Z0-9_-]{30,}", re.IGNORECASE)
# Whatever follows "/bot" in a path up to the next "/" (the Bot API's /bot<TOKEN>/getMe and
# /file/bot<TOKEN>/…): a token of any shape (a mistyped "abc", one of another format, one percent-encoded)
# sits there, and a server's or library's error may echo the path. A "/bot" that ends the path is kept.
_BOT_PATH_TOKEN = re.compile(r"(?i)(/bot)[^/\s?#\"'<>;,()]+")
# The user name and password of a link ("https://user:pass@host/feed"): everything between "//" and the
# last "@" before the path. A feed URL may carry them for HTTP authentication.
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#@]*(?:@[^\s/?#@]*)*@")
# The value of a link's query parameter whose name says it is a secret ("?apikey=…", "&access_token=…",
# "?sig=…"): private feeds are often read with a key in the address rather than a password.
_QUERY_SECRET = re.compile(
    r"(?i)([?&;](?:[a-z0-9_.-]*[_.-])?"
    r"(?:token|api_?key|key|secret|password|passwd|pwd|sig|signature|auth|credential)=)[^&#;\s]+"
)
# Shorter values would mask ordinary words.
_MIN_SECRET = 6
_SECRETS: set[str] = set()


_TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def register_secret(secret: str | None) -> None:
    """Mask ``secret`` in every log line and command output from now on, in any spelling (see :func:`mask`).

    The token and webhook secret from the environment are registered by the command line; a secret
    made at run time (a generated webhook secret) is registered where it is made.
    """
    _SECRETS.update(_parts(secret))


def _parts(secret: str | None) -> set[str]:
    """What to mask of ``secret``: itself and, for a bot token ("<bot id>:<key>"), its key alone.

    The bot id is public (it is the bot's user id); the key is what gives control of the bot, and a
    server that spells the colon its own way (``%253A``, ``\\u003a``) still shows the key as it is.
    """
    if not secret or len(secret) < _MIN_SECRET:
        return set()
    parts = {secret}
    bot_id, colon, key = secret.partition(":")
    if colon and bot_id.isdigit() and len(key) >= _MIN_SECRET:
        parts.add(key)
    return parts


@functools.lru_cache(maxsize=64)
def _spellings(secret: str) -> re.Pattern[str]:
    """Every spelling of ``secret`` a server or library may echo: any letter case, and any character
    percent-encoded any number of times (``:`` as ``%3A``, ``%3a``, ``%253A`` …)."""
    pieces = []
    for char in secret:
        encoded = "".join(f"%(?:25)*{byte:02X}" for byte in char.encode("utf-8"))
        pieces.append(f"(?:{re.escape(char)}|{encoded})")
    return re.compile("".join(pieces), re.IGNORECASE)


def mask(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with every registered secret, every one of ``secrets``, anything shaped like a bot
    token, whatever follows ``/bot`` in a path up to the next ``/`` and the user name and password of
    every link replaced by ``***``: the one masking of logs,
    command errors, tracebacks, doctor reports and the rejection lines an admin reads in Telegram.

    A secret is found in any letter case and with any of its characters percent-encoded, once or
    more; of a bot token, the key after the colon is masked on its own too. A link keeps its scheme,
    host and path ("https://***@feeds.example/rss"), so it still says which feed it is; the value of a
    query parameter named as a secret (``token``, ``apikey``, ``access_token``, ``sig`` …) is masked too.
    """
    extra = set().union(*(_parts(secret) for secret in secrets))
    for secret in sorted({*_SECRETS, *extra}, key=len, reverse=True):
        text = _spellings(secret).sub("***", text)
    text = _URL_CREDENTIALS.sub(r"\1***@", text)
    text = _QUERY_SECRET.sub(r"\1***", text)
    text = _BOT_PATH_TOKEN.sub(r"\1***", text)
    return _TOKEN_PATTERN.sub("***", text)


# C0 and C1 control characters (tab and line breaks among them), DEL, the bidi embeddings, overrides
# and isolates, and lone surrogates (the bytes of a file name that is not UTF-8, as Python holds them).
_CONTROLS = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
# Python's "surrogateescape" holds an undecodable byte 0xNN of a file name as U+DC00 + 0xNN.
_ESCAPED_BYTES = range(0xDC80, 0xDD00)


def one_line(text: str) -> str:
    """``text`` with its control characters written as Python escapes (``\\n``, ``\\x1b``,
    ``\\u202e``), and the bytes of a file name that is not UTF-8 as ``\\xff``.

    For lines that name something read from outside (a file name, a feed address): a line break in
    the name would split the one line a report gives each item, and could forge another ("rejected
    …"); an escape sequence would repaint the terminal; a right-to-left override would show the rest
    of the line reversed; an undecodable byte cannot be written to a UTF-8 stream (or JSON) at all.
    """
    return _CONTROLS.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code - 0xDC00:02x}" if code in _ESCAPED_BYTES else repr(found.group())[1:-1]


class SecretFilter(logging.Filter):
    """Replace known secrets and anything shaped like a bot token in every log record."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def mask(self, text: str) -> str:
        return mask(text, self._secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = self.mask(message)
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.mask(formatted)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        return True


class MaskedStream:
    """A text stream (stdout, stderr) whose writes pass through :func:`mask` first.

    The command line wraps its streams in it, so whatever a command prints (an error line, a traceback
    printed with --verbose, a library's warning) cannot show the token.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def write(self, text: str) -> int:
        self._stream.write(mask(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class TextFormatter(logging.Formatter):
    """Log lines as text, one per record: the message passes :func:`one_line`, as it names things read
    from outside (a file name with a line break would forge a second line); a traceback follows on
    its own lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = one_line(record.message)
        return super().formatMessage(record)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text or record.exc_info:
            payload["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


# Nashra's own loggers (module names under its packages): --verbose lowers these to DEBUG. Libraries
# stay at INFO or above, or a debug run drowns in aiosqlite's per-statement and httpcore's per-socket lines.
OWN_LOGGERS = ("nashra", "bot", "summarizer", "subscriptions")


def setup_logging(level: str = "INFO", json_format: bool = False, secrets: list[str] | None = None) -> None:
    """Log to stderr at ``level`` (Nashra's own loggers; libraries at INFO at most), masking secrets."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(SecretFilter(secrets or []))
    if json_format:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter(_TEXT_FORMAT, "%H:%M:%S"))
    number = logging.getLevelName(level.upper())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(max(number, logging.INFO))
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(number)
    # httpx logs every request URL at INFO, and a Bot API URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # tornado (webhook server, sandbox) logs request paths, which hold the token.
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    # The scheduler logs each run of each job at INFO (several a minute): only with --verbose.
    logging.getLogger("apscheduler").setLevel(logging.INFO if number <= logging.DEBUG else logging.WARNING)
    # trafilatura logs ERRORs ("empty HTML tree: None", "discarding data: None") for every page it finds
    # no text in, and Nashra already rejects that page in one line naming it: only with --verbose.
    logging.getLogger("trafilatura").setLevel(logging.INFO if number <= logging.DEBUG else logging.CRITICAL)


@contextlib.contextmanager
def logs_to(stream: TextIO) -> Iterator[None]:
    """Send the log lines of :func:`setup_logging` to ``stream`` for a while (the sandbox's prompt
    prints them above the line being typed)."""
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)]
    before = [h.stream for h in handlers]
    for handler in handlers:
        handler.setStream(stream)
    try:
        yield
    finally:
        for handler, old in zip(handlers, before, strict=True):
            handler.setStream(old)
