"""One mapping from what a Bot API call raised to what it means for the chat."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from nashra.delivery.errors import Meaning, classify


def _caused(error: Exception, cause: Exception) -> Exception:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "meaning"),
    [
        (Forbidden("Forbidden: bot was blocked by the user"), Meaning.GONE),
        (Forbidden("Forbidden: bot was kicked from the supergroup chat"), Meaning.GONE),
        (Forbidden("Forbidden: user is deactivated"), Meaning.GONE),
        (BadRequest("Bad Request: chat not found"), Meaning.GONE),
        (BadRequest("Bad Request: not enough rights to send text messages to the chat"), Meaning.GONE),
        (BadRequest("Bad Request: have no rights to send a message"), Meaning.GONE),
        (BadRequest("Bad Request: group chat was deactivated"), Meaning.GONE),
        (BadRequest("Bad Request: message thread not found"), Meaning.THREAD_GONE),
        (BadRequest("Bad Request: TOPIC_DELETED"), Meaning.THREAD_GONE),
        (BadRequest("Bad Request: message is too long"), Meaning.TOO_LONG),
        (BadRequest("Bad Request: can't parse entities: unsupported start tag"), Meaning.BAD_MARKUP),
        (BadRequest("Bad Request: reply message not found"), Meaning.REFUSED),
        (BadRequest("Bad Request: message is not modified: specified new content"), Meaning.UNCHANGED),
        (ChatMigrated(-1005), Meaning.MIGRATED),
        (RetryAfter(timedelta(seconds=7)), Meaning.RETRY_LATER),
        (InvalidToken("Unauthorized"), Meaning.UNAUTHORIZED),
        (NetworkError("Internal Server Error"), Meaning.TRANSIENT),
        (_caused(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")), Meaning.TRANSIENT),
        (_caused(TimedOut("Pool timeout"), httpx.PoolTimeout("full")), Meaning.TRANSIENT),
        (_caused(TimedOut(), httpx.ReadTimeout("slow")), Meaning.UNKNOWN),
        (_caused(NetworkError("cut"), httpx.RemoteProtocolError("disconnected")), Meaning.UNKNOWN),
        (TelegramError("Invalid server response"), Meaning.UNKNOWN),
        (KeyError("date"), Meaning.UNKNOWN),  # {"ok": true, "result": {}}
    ],
)
def test_each_answer_has_one_meaning(error: Exception, meaning: Meaning) -> None:
    assert classify(error).meaning is meaning


def test_flood_control_carries_its_wait_and_a_migration_its_new_chat() -> None:
    assert classify(RetryAfter(timedelta(seconds=7))).retry_after == 7.0
    assert classify(ChatMigrated(-1005)).new_chat_id == -1005


def test_only_failures_of_the_way_to_telegram_are_signs_of_an_outage() -> None:
    assert classify(NetworkError("Bad Gateway")).outage_sign
    assert classify(KeyError("date")).outage_sign
    assert not classify(Forbidden("Forbidden: bot was blocked by the user")).outage_sign
    assert not classify(BadRequest("Bad Request: chat not found")).outage_sign
