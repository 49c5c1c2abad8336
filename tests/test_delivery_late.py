"""A late alert or broadcast says when it was issued (nashra.delivery.late): in the chat's time zone
and language, only when nothing of it was sent yet and it still fits in one message."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from digest_seed import add_subscribers
from telegram import Bot
from telegram.request import HTTPXRequest

from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.delivery.late import LATE_AFTER, issued_note, with_issued_note, without_issued_note
from nashra.sandbox import SandboxBotAPI
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.outbox import PRIORITY_ALERT, OutboxRow
from nashra.telegram_limits import MAX_TEXT_UNITS

TOKEN = "123456:late-alert-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaa"
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
ALERT = "🚨 تنبيه عاجل\nإغلاق طريق دمشق درعا"


def row(*, owed: datetime, kind: str = "alert", text: str = ALERT, **fields: object) -> OutboxRow:
    values: dict[str, object] = {
        "id": 1,
        "chat_id": 7,
        "kind": kind,
        "slot": "alert:1",
        "part": 0,
        "thread_id": None,
        "text": text,
        "priority": PRIORITY_ALERT,
        "attempts": 0,
        "not_before": None,
        "chat_kind": "private",
        "created_at": to_db_time(owed),
    }
    return OutboxRow(**(values | fields))  # type: ignore[arg-type]


def test_an_alert_sent_within_minutes_of_being_owed_carries_no_note() -> None:
    assert issued_note(row(owed=NOW - LATE_AFTER), NOW, "Asia/Damascus") == ""


def test_a_late_alert_says_when_it_was_issued_in_the_chats_zone() -> None:
    note = issued_note(row(owed=NOW - timedelta(hours=5)), NOW, "Asia/Riyadh")
    assert note.startswith("🕑 صدر في 2026-12-02 10:00 (") and note.endswith(")\n")


def test_a_late_alert_says_it_in_the_chats_language() -> None:
    note = issued_note(row(owed=NOW - timedelta(hours=5), language="en"), NOW, "Etc/UTC")
    assert note == "🕑 Issued 2026-12-02 07:00 (UTC)\n"


def test_a_late_broadcast_says_it_too() -> None:
    assert issued_note(row(owed=NOW - timedelta(hours=1), kind="broadcast"), NOW, "UTC")


def test_a_late_digest_carries_no_note_it_dates_itself() -> None:
    assert issued_note(row(owed=NOW - timedelta(days=1), kind="digest"), NOW, "UTC") == ""


def test_a_zone_unknown_here_gives_the_time_in_utc() -> None:
    note = issued_note(row(owed=NOW - timedelta(hours=1), language="en"), NOW, "Mars/Olympus")
    assert note == "🕑 Issued 2026-12-02 11:00 (UTC)\n"


def test_a_message_partly_sent_gets_no_note() -> None:
    late = row(owed=NOW - timedelta(hours=1), sent_offset=10)
    with_issued_note(late, NOW, "UTC")
    assert late.text == ALERT


def test_a_message_the_note_would_push_past_one_message_gets_none() -> None:
    long = "خبر " * (MAX_TEXT_UNITS // 4)
    late = row(owed=NOW - timedelta(hours=1), text=long)
    with_issued_note(late, NOW, "UTC")
    assert late.text == long


def test_the_note_comes_off_before_a_message_is_split_again() -> None:
    late = row(owed=NOW - timedelta(hours=1))
    with_issued_note(late, NOW, "UTC")
    without_issued_note(late)
    assert (late.text, late.issued_note) == (ALERT, "")


@pytest.fixture
async def deliverer(db: Database) -> AsyncIterator[tuple[Deliverer, SandboxBotAPI]]:
    async with SandboxBotAPI() as api:
        bot = Bot(TOKEN, base_url=api.base_url, request=HTTPXRequest())
        async with bot:
            service = Deliverer(bot, db, Config())
            yield service, api
            await service.stop()


async def test_an_alert_that_waited_in_the_outbox_reaches_its_chat_with_the_time_it_was_issued(
    db: Database, deliverer: tuple[Deliverer, SandboxBotAPI]
) -> None:
    service, api = deliverer
    await add_subscribers(db, [(7, ["SY"])])
    ticket = await service.enqueue_alert(["SY"], "إغلاق طريق دمشق درعا", created_by=1)
    async with db.transaction() as conn:  # owed an hour ago, while the bot was down
        await conn.execute(
            "UPDATE outbox SET created_at = ? WHERE slot = ?",
            (to_db_time(datetime.now(UTC) - timedelta(hours=1)), f"alert:{ticket.alert_id}"),
        )
    await service.start()
    assert (await service.wait_alert(ticket.alert_id, 10)).delivered == 1
    assert api.last(7).plain_text.startswith("🕑 صدر في ")
