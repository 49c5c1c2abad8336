"""An alert or broadcast that reaches its chat late says when it was issued.

An alert is news of the moment, and its text is written when the admin sends it. One that waited in
the outbox (held for a paused chat until /resume, behind a bot that was down, or behind a long
audience at Telegram's 30 messages a second: about an hour for 100,000 subscribers) would read as if
issued now. Sent more than :data:`LATE_AFTER` after it was owed, it opens with a line giving the time
it was owed, in the chat's time zone and language. Digests need none: each says its own date and
its stories' dates.

The line is added to the text the sender holds (never to the stored row) only when nothing of the
message was sent yet and the whole message still fits in one Telegram message with it, so the offset
of a message sent in pieces always counts in the stored text; a message the sender must re-split
drops it first (:func:`without_issued_note`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nashra.clock import zone_label
from nashra.storage.db import from_db_time
from nashra.storage.outbox import OutboxRow
from nashra.telegram_limits import MAX_TEXT_UNITS, fits
from nashra.texts import text as catalogue

LATE_AFTER = timedelta(minutes=10)
"""How long after it was owed an alert or broadcast counts as late. Ten minutes: far more than a
normal send takes (a few seconds, or a minute for a chat's queue of messages at one a second), and a
difference a reader of breaking news cares about."""

_KINDS = ("alert", "broadcast")


def issued_note(row: OutboxRow, now: datetime, zone: str) -> str:
    """The line opening ``row``'s text when it is sent at ``now`` ("" when none): an alert or
    broadcast owed more than :data:`LATE_AFTER` before ``now``, saying when, in ``zone`` (the chat's
    time zone, else the configured one; an unknown zone is taken as UTC) and the chat's language."""
    if row.kind not in _KINDS or not row.created_at:
        return ""
    owed = from_db_time(row.created_at)
    if owed is None or now - owed <= LATE_AFTER:
        return ""
    try:
        local = owed.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        local, zone = owed.astimezone(UTC), "UTC"
    when = local.strftime("%Y-%m-%d %H:%M")
    return catalogue(row.language, "issued_at", when=when, zone=zone_label(zone, row.language)) + "\n"


def with_issued_note(row: OutboxRow, now: datetime, zone: str) -> None:
    """Open ``row``'s held text with its :func:`issued_note` when it is late, nothing of it was sent
    yet, and the whole message fits in one Telegram message with it (see the module docstring)."""
    note = issued_note(row, now, zone)
    if note and row.sent_offset == 0 and not row.issued_note and fits(note + row.text, MAX_TEXT_UNITS):
        row.text = note + row.text
        row.issued_note = note


def without_issued_note(row: OutboxRow) -> None:
    """Take the note :func:`with_issued_note` added off ``row``'s text (the message is re-split into
    pieces whose offsets must count in the stored text); nothing when there is none."""
    if row.issued_note and row.text.startswith(row.issued_note):
        row.text = row.text[len(row.issued_note) :]
    row.issued_note = ""


__all__ = ["LATE_AFTER", "issued_note", "with_issued_note", "without_issued_note"]
