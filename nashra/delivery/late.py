"""An alert or broadcast that reaches its chat late says when it was issued.

An alert is news of the moment, and its text is written when the admin sends it. One that waited in
the outbox (held for a paused chat until /resume, behind a bot that was down, behind Telegram's
retry delays, or behind a long audience at Telegram's 30 messages a second: about an hour for
100,000 subscribers) would read as if issued now. Sent more than :data:`LATE_AFTER` after it was
owed, it opens with a line giving the time it was owed, in the chat's time zone and in the language
the alert itself was written in for that chat. Digests need none: each says its own date and its
stories' dates.

The line is decided at each send (:func:`late_markup`), from the stored text, which it never
changes: only a message sent whole, in one Telegram message with the line, gets it, so the offset of
a message sent in pieces always counts in the stored text, whatever was decided before.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nashra.clock import zone_label
from nashra.storage.db import from_db_time
from nashra.storage.outbox import OutboxRow
from nashra.telegram_limits import fits
from nashra.texts import LANGUAGES
from nashra.texts import text as catalogue

LATE_AFTER = timedelta(minutes=10)
"""How long after it was owed an alert or broadcast counts as late. Ten minutes: far more than a
normal send takes (a few seconds, or a minute for a chat's queue of messages at one a second), and a
difference a reader of breaking news cares about."""

_HEADERS = {"alert": "alert_header", "broadcast": "broadcast_header"}


def text_language(row: OutboxRow) -> str:
    """The language ``row``'s alert or broadcast text was written in: the one whose header opens it
    (the chat's language when it was owed, :meth:`nashra.delivery.Deliverer.enqueue_alert`), else
    the chat's language now."""
    header = _HEADERS.get(row.kind)
    if header is not None:
        for language in LANGUAGES:
            if row.text.startswith(catalogue(language, header)):
                return language
    return row.language


def issued_note(row: OutboxRow, now: datetime, zone: str) -> str:
    """The line (HTML, with its newline) opening ``row``'s text when it is sent at ``now``; "" when
    none: an alert or broadcast owed more than :data:`LATE_AFTER` before ``now``, saying when, in
    ``zone`` (the chat's time zone, else the configured one; one unknown here is taken as UTC) and in
    :func:`text_language`."""
    if row.kind not in _HEADERS or not row.created_at:
        return ""
    owed = from_db_time(row.created_at)
    if owed is None or now - owed <= LATE_AFTER:
        return ""
    try:
        local = owed.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        local, zone = owed.astimezone(UTC), "UTC"
    language = text_language(row)
    label = html.escape(zone_label(zone, language), quote=False)
    return catalogue(language, "issued_at", when=local.strftime("%Y-%m-%d %H:%M"), zone=label) + "\n"


def late_markup(row: OutboxRow, now: datetime, zone: str, limit: int) -> str | None:
    """The whole message to send for ``row`` at ``now``, its :func:`issued_note` first, when it is
    late, nothing of it was sent yet and it fits in one message of ``limit`` UTF-16 units with the
    note; None otherwise (the stored text is sent as it is, whole or in pieces)."""
    if row.sent_offset:
        return None
    note = issued_note(row, now, zone)
    if not note or not fits(note + row.text, limit):
        return None
    return note + row.text


__all__ = ["LATE_AFTER", "issued_note", "late_markup", "text_language"]
