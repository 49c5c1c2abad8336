"""An alert's report (OutboxStore.alert_counts) counts each message it was owed as once, whatever the
order of /stop, /resume and a send under way: a message whose first pieces reached the chat is counted
sent, one withdrawn unsent stays withdrawn whatever a send under way then did (the alert holds
counts, not whose each one is), and the total is the audience."""

from __future__ import annotations

from datetime import timedelta

from digest_seed import add_subscribers

from nashra.storage import Database
from nashra.storage.outbox import OutboxStore, Outcome
from nashra.storage.subscribers import SubscriberStore

LONG = "عاجل: " + "خبر طويل. " * 800


async def _priority(db: Database, alert: int) -> int:
    found = await db.fetchone("SELECT priority FROM outbox WHERE slot = ?", (f"alert:{alert}",))
    assert found is not None
    return int(found["priority"])


async def test_a_partly_sent_message_finishing_after_stop_is_counted_once(db: Database) -> None:
    await add_subscribers(db, [(7, ["SY"]), (8, ["SY"])])
    store = OutboxStore(db)
    alert, audience = await store.create_alert(
        kind="alert", codes=["SY"], texts={"ar": LONG}, raw_text="طويل", created_by=1
    )
    assert audience == 2
    rows = await store.load_pending(await _priority(db, alert), 0, 10)
    first = next(r for r in rows if r.chat_id == 7)
    # Chat 7's first piece is delivered; its last piece is under way when both chats /stop.
    await store.record([Outcome(first.id, "pending", 0, None, 4242, sent_offset=4000, key=first.key)])
    await SubscriberStore(db).forget(7)
    await SubscriberStore(db).forget(8)  # chat 8's message: withdrawn unsent
    await store.record([Outcome(first.id, "sent", 1, None, 4243, sent_offset=len(LONG), key=first.key)])
    counts = await store.alert_counts(alert)
    assert (counts["sent"], counts["withdrawn"]) == (1, 1), counts


async def test_a_message_whose_send_was_under_way_at_stop_stays_counted_withdrawn(db: Database) -> None:
    await add_subscribers(db, [(7, ["SY"])])
    store = OutboxStore(db)
    alert, _ = await store.create_alert(
        kind="alert", codes=["SY"], texts={"ar": "عاجل: إغلاق طريق"}, raw_text="إغلاق", created_by=1
    )
    (row,) = await store.load_pending(await _priority(db, alert), 0, 10)
    await SubscriberStore(db).forget(7)  # /stop while its send is under way
    await add_subscribers(db, [(7, ["SY"])])  # /start again at once
    await store.record([Outcome(row.id, "sent", 1, None, 4242, key=row.key)])  # delivered after all
    counts = await store.alert_counts(alert)
    assert sum(counts.values()) == 1 and counts["withdrawn"] == 1, counts


async def test_a_partly_sent_message_dropped_as_stale_at_resume_is_not_reported_unsent(db: Database) -> None:
    await add_subscribers(db, [(7, ["SY"])])
    store = OutboxStore(db)
    alert, _ = await store.create_alert(
        kind="alert", codes=["SY"], texts={"ar": LONG}, raw_text="طويل", created_by=1
    )
    (row,) = await store.load_pending(await _priority(db, alert), 0, 10)
    await store.record([Outcome(row.id, "pending", 0, None, 4242, sent_offset=4000, key=row.key)])
    subscribers = SubscriberStore(db)
    await subscribers.set_paused(7, True)  # its first piece reached the chat; the rest is held
    async with db.transaction() as conn:  # ... for longer than [delivery] max_age_days
        await conn.execute(
            "UPDATE outbox SET created_at = '2026-01-01T00:00:00+00:00' WHERE id = ?", (row.id,)
        )
    await subscribers.set_paused(7, False, max_age=timedelta(days=3))
    counts = await store.alert_counts(alert)
    assert (counts["sent"], counts["expired"]) == (1, 0), counts


async def test_a_long_alert_whose_first_pieces_reached_the_chat_before_stop_is_not_reported_unsent(
    db: Database,
) -> None:
    await add_subscribers(db, [(7, ["SY"])])
    store = OutboxStore(db)
    alert, _ = await store.create_alert(
        kind="alert", codes=["SY"], texts={"ar": "عاجل: " + "خبر طويل. " * 800}, raw_text="طويل", created_by=1
    )
    (row,) = await store.load_pending(await _priority(db, alert), 0, 10)
    # Its first piece delivered (committed, as the sender does for each piece), the next one waiting.
    await store.record([Outcome(row.id, "pending", 0, None, 4242, sent_offset=4000, key=row.key)])
    await SubscriberStore(db).forget(7)
    counts = await store.alert_counts(alert)
    assert counts["withdrawn"] == 0, f"a message the chat got part of is reported 'not sent': {counts}"
