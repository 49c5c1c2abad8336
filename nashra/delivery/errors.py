"""What an answer of the Bot API means for the chat it was sent to: the one mapping every sender uses.

The outbox sender and the bot's replies and redraws (:mod:`bot.handlers.common`) all pass whatever a
call raised to :func:`classify` and act on the :class:`Meaning`, so "chat not found" or a deleted forum
topic is understood the same way everywhere. The error texts come from the Bot API's answers as seen by
python-telegram-bot and by the issue trackers of open feed bots (RSS-to-Telegram-Bot, el_monitorro,
NodeRSSBot, flowerss-bot); python-telegram-bot raises ``BadRequest`` for HTTP 400, ``Forbidden`` for 403,
``InvalidToken`` for 401/404, ``RetryAfter`` / ``ChatMigrated`` from the answer's parameters,
``TimedOut`` for timeouts and ``NetworkError`` for every other transport failure or server error.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import httpx
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from nashra.telegram_limits import retry_after_seconds


class Meaning(enum.Enum):
    """What a send's outcome means; see :func:`classify`."""

    RETRY_LATER = "retry later"  # flood control: wait retry_after, then send again (not an attempt)
    GONE = "gone"  # the chat cannot be written to for good: blocked, kicked, deleted, no rights
    MIGRATED = "migrated"  # the group became a supergroup: send to new_chat_id
    THREAD_GONE = "thread gone"  # the forum topic was deleted or closed: send to the General topic
    TOO_LONG = "too long"  # the text exceeds Telegram's limit: split it and send the pieces
    BAD_MARKUP = "bad markup"  # Telegram cannot parse the HTML: send the visible text as plain text
    UNCHANGED = "unchanged"  # an edit that changes nothing: the message already shows it, nothing to do
    REFUSED = "refused"  # any other refusal of this message: sending it again cannot help
    TRANSIENT = "transient"  # not delivered (server error, no connection): send again later
    UNKNOWN = "unknown"  # may have been delivered (timeout, reset, unreadable answer): again may repeat it
    UNAUTHORIZED = "unauthorized"  # the token is refused: nothing can be sent until it is fixed


@dataclass(frozen=True, slots=True)
class Verdict:
    meaning: Meaning
    reason: str
    retry_after: float = 0.0
    new_chat_id: int | None = None

    @property
    def outage_sign(self) -> bool:
        """Whether this failure, repeated across chats, means the Bot API (or the way to it) is down."""
        return self.meaning in (Meaning.TRANSIENT, Meaning.UNKNOWN, Meaning.UNAUTHORIZED)


# Refusals that mean the chat is gone for the bot, whatever the message (lower case, matched as parts).
_GONE = (
    "bot was blocked by the user",
    "bot was kicked",
    "user is deactivated",
    "chat not found",
    "peer_id_invalid",
    "group chat was deactivated",
    "group chat was deleted",
    "chat_write_forbidden",
    "not enough rights to send",
    "have no rights to send",
    "need administrator rights",
    "bot is not a member",
    "bot can't initiate conversation",
    "bot can't send messages to bots",
    "chat_restricted",
    "user_banned_in_channel",
    "channel_private",
    "user not found",
)
_THREAD_GONE = ("message thread not found", "topic_deleted", "topic_closed", "thread not found")
_TOO_LONG = ("message is too long", "message_too_long", "text is too long")
_UNCHANGED = ("message is not modified",)
_BAD_MARKUP = ("can't parse entities", "unsupported start tag", "can't find end tag", "unclosed")
# Transport failures after which the request surely never reached the server.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def classify(error: BaseException) -> Verdict:
    """The meaning of what a Bot API call raised (any exception, not only ``TelegramError``).

    An exception that is no ``TelegramError`` (python-telegram-bot failing to read an answer such as
    ``{"ok": true, "result": {}}``) and an answer that is not JSON are UNKNOWN: the server said or may
    have said "sent".
    """
    reason = _reason(error)
    lowered = reason.lower()
    if isinstance(error, RetryAfter):
        return Verdict(Meaning.RETRY_LATER, reason, retry_after=retry_after_seconds(error))
    if isinstance(error, ChatMigrated):
        return Verdict(Meaning.MIGRATED, reason, new_chat_id=int(error.new_chat_id))
    if isinstance(error, InvalidToken):
        return Verdict(Meaning.UNAUTHORIZED, reason)
    if isinstance(error, Forbidden):
        if any(part in lowered for part in _THREAD_GONE):
            return Verdict(Meaning.THREAD_GONE, reason)
        return Verdict(Meaning.GONE, reason)
    if isinstance(error, BadRequest):
        # A subclass of NetworkError: a malformed request is never retried as a network failure.
        for parts, meaning in (
            (_THREAD_GONE, Meaning.THREAD_GONE),
            (_GONE, Meaning.GONE),
            (_TOO_LONG, Meaning.TOO_LONG),
            (_BAD_MARKUP, Meaning.BAD_MARKUP),
            (_UNCHANGED, Meaning.UNCHANGED),
        ):
            if any(part in lowered for part in parts):
                return Verdict(meaning, reason)
        return Verdict(Meaning.REFUSED, reason)
    if isinstance(error, TimedOut):
        if isinstance(error.__cause__, httpx.PoolTimeout):
            return Verdict(Meaning.TRANSIENT, reason)
        return Verdict(Meaning.UNKNOWN, reason)
    if isinstance(error, NetworkError):
        cause = error.__cause__
        if cause is None or isinstance(cause, _NOT_SENT):
            # No cause: python-telegram-bot read an error status (5xx) from the server itself.
            return Verdict(Meaning.TRANSIENT, reason)
        return Verdict(Meaning.UNKNOWN, reason)
    if isinstance(error, Conflict):
        return Verdict(Meaning.TRANSIENT, reason)
    return Verdict(Meaning.UNKNOWN, reason)


def _reason(error: BaseException) -> str:
    if isinstance(error, TelegramError):
        return error.message
    return f"unreadable answer ({type(error).__name__}: {error})"


__all__ = ["Meaning", "Verdict", "classify"]
