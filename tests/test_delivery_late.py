"""A late alert or broadcast says when it was issued (nashra.delivery.late): in the chat's time zone
and language, only when nothing of it was sent yet and it still fits in one message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from digest_seed import add_subscribers

from nashra.delivery import Deliverer
from nashra.delivery.late import LATE_AFTER, issued_note, late_markup
from nashra.sandbox import SandboxBotAPI
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.outbox import PRIORITY_ALERT, OutboxRow
from nashra.telegram_limits import MAX_TEXT_UNITS

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
ALERT = "\u200f🔔 <b>تنبيه</b>\nإغلاق طريق دمشق درعا"
ALERT_EN = "🔔 <b>Alert</b>\nDamascus-Daraa road closed"


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


def test_a_late_alert_to_an_english_chat_says_it_in_english() -> None:
    note = issued_note(row(owed=NOW - timedelta(hours=5), text=ALERT_EN, language="en"), NOW, "Etc/UTC")
    assert note == "🕑 Issued 2026-12-02 07:00 (UTC)\n"


def test_a_late_broadcast_says_it_too() -> None:
    assert issued_note(row(owed=NOW - timedelta(hours=1), kind="broadcast"), NOW, "UTC")


def test_a_late_digest_carries_no_note_it_dates_itself() -> None:
    assert issued_note(row(owed=NOW - timedelta(days=1), kind="digest"), NOW, "UTC") == ""


def test_a_zone_unknown_here_gives_the_time_in_utc() -> None:
    note = issued_note(row(owed=NOW - timedelta(hours=1), text=ALERT_EN), NOW, "Mars/Olympus")
    assert note == "🕑 Issued 2026-12-02 11:00 (UTC)\n"


def test_a_message_partly_sent_gets_no_note() -> None:
    assert late_markup(row(owed=NOW - timedelta(hours=1), sent_offset=10), NOW, "UTC", MAX_TEXT_UNITS) is None


def test_a_late_message_sent_whole_opens_with_the_note() -> None:
    markup = late_markup(row(owed=NOW - timedelta(hours=1)), NOW, "UTC", MAX_TEXT_UNITS)
    assert markup is not None and markup.startswith("🕑 صدر في 2026-12-02 11:00") and markup.endswith(ALERT)


def test_a_message_the_note_would_push_past_one_message_gets_none() -> None:
    long = "خبر " * (MAX_TEXT_UNITS // 4)
    assert late_markup(row(owed=NOW - timedelta(hours=1), text=long), NOW, "UTC", MAX_TEXT_UNITS) is None


def test_the_note_is_in_the_language_the_alert_was_written_in_for_the_chat() -> None:
    # Owed in English; the chat switched to Arabic while the alert was held.
    note = issued_note(row(owed=NOW - timedelta(hours=1), text=ALERT_EN, language="ar"), NOW, "UTC")
    assert note.startswith("🕑 Issued ")


def test_the_zone_name_in_the_note_is_escaped_for_html() -> None:
    note = issued_note(row(owed=NOW - timedelta(hours=1), text=ALERT_EN), NOW, "Europe/Sarajevo")
    assert "&amp;" in note and " & " not in note


async def test_an_alert_that_waited_in_the_outbox_reaches_its_chat_with_the_time_it_was_issued(
    db: Database, sandbox_deliverer: tuple[Deliverer, SandboxBotAPI]
) -> None:
    service, api = sandbox_deliverer
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


async def test_an_alert_that_becomes_late_while_telegram_makes_it_wait_says_when_it_was_issued(
    db: Database, sandbox_deliverer: tuple[Deliverer, SandboxBotAPI]
) -> None:
    # Lateness is decided at each send: loaded a moment before it counted as late, then held back by a
    # 429 retry_after, it goes out late and says so.
    service, api = sandbox_deliverer
    await add_subscribers(db, [(7, ["SY"])])
    ticket = await service.enqueue_alert(["SY"], "إغلاق طريق دمشق درعا", created_by=1)
    owed = datetime.now(UTC) - LATE_AFTER + timedelta(seconds=0.5)
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE outbox SET created_at = ? WHERE slot = ?", (to_db_time(owed), f"alert:{ticket.alert_id}")
        )
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    await service.start()
    assert (await service.wait_alert(ticket.alert_id, 20)).delivered == 1
    assert api.last(7).plain_text.startswith("🕑 صدر في ")
