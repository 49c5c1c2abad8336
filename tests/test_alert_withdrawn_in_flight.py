"""An alert message that reached its chat, whole or in part, around the chat's /stop is reported as
delivered, not as withdrawn unsent (OutboxStore.alert_counts): one whose send was under way and that
Telegram delivered after all, and a long one whose first pieces had arrived."""

from __future__ import annotations

from digest_seed import add_subscribers

from nashra.storage import Database
from nashra.storage.outbox import OutboxStore, Outcome
from nashra.storage.subscribers import SubscriberStore

CHAT = 7


async def test_a_message_delivered_while_its_chat_stopped_is_reported_delivered(db: Database) -> None:
    await add_subscribers(db, [(CHAT, ["SY"])])
    store = OutboxStore(db)
    alert, audience = await store.create_alert(
        kind="alert", codes=["SY"], texts={"ar": "عاجل: إغلاق طريق دمشق درعا"}, raw_text="إغلاق", created_by=1
    )
    assert audience == 1
    (row,) = await store.load_pending(await _alert_priority(db, alert), 0, 10)  # the sender loads it
    await SubscriberStore(db).forget(CHAT)  # /stop while its send is under way
    await store.record([Outcome(row.id, "sent", 1, None, 4242, key=row.key)])  # delivered after all
    counts = await store.alert_counts(alert)
    assert (counts["sent"], counts["withdrawn"]) == (1, 0), counts


async def _alert_priority(db: Database, alert: int) -> int:
    found = await db.fetchone("SELECT priority FROM outbox WHERE slot = ?", (f"alert:{alert}",))
    assert found is not None
    return int(found["priority"])


async def test_a_long_alert_whose_first_pieces_reached_the_chat_before_stop_is_not_reported_unsent(
    db: Database,
) -> None:
    await add_subscribers(db, [(CHAT, ["SY"])])
    store = OutboxStore(db)
    alert, _ = await store.create_alert(
        kind="alert", codes=["SY"], texts={"ar": "عاجل: " + "خبر طويل. " * 800}, raw_text="طويل", created_by=1
    )
    (row,) = await store.load_pending(await _alert_priority(db, alert), 0, 10)
    # Its first piece delivered (committed, as the sender does for each piece), the next one waiting.
    await store.record([Outcome(row.id, "pending", 0, None, 4242, sent_offset=4000, key=row.key)])
    await SubscriberStore(db).forget(CHAT)
    counts = await store.alert_counts(alert)
    assert counts["withdrawn"] == 0, f"a message the chat got part of is reported 'not sent': {counts}"
