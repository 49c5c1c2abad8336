"""What /digest says when it owes nothing new: "since your last digest" only to a chat that was sent
one, and "on its way" to a chat whose digest is owed and not yet sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from digest_seed import add_recent_story, add_subscribers
from telegram import Bot

from bot.services import Services
from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.storage import Database
from nashra.storage.db import utcnow
from nashra.texts import text
from tests.bot_harness import running_bot

TOKEN = "123456:wording-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa"


def _services(db: Database) -> Services:
    services = Services.create(Config(), db)
    services.deliverer = Deliverer(Bot(TOKEN), db, services.config)  # never started: nothing is sent
    return services


async def _sent_digest(db: Database, chat_id: int) -> None:
    now = utcnow()
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO outbox (chat_id, kind, slot, part, text, state, created_at, updated_at) "
            "VALUES (?, 'digest', 'digest:earlier/2026-01-01T08:00:00+00:00', 0, 'نشرة', 'sent', ?, ?)",
            (chat_id, now, now),
        )


async def test_a_chat_whose_window_moved_past_an_unsent_empty_digest_is_not_told_of_a_last_digest(
    db: Database,
) -> None:
    # It subscribed just before a scheduled slot: the slot owed it an empty digest, not sent.
    await add_subscribers(db, [(1, ["SY"])], last_digest_at=utcnow())
    assert await _services(db).digest_now(1) == "empty_first"


async def test_a_chat_that_was_sent_a_digest_is_told_nothing_is_new_since_it(db: Database) -> None:
    await add_subscribers(db, [(1, ["SY"])], last_digest_at=utcnow())
    await _sent_digest(db, 1)
    assert await _services(db).digest_now(1) == "empty"


async def test_a_new_chat_with_no_news_is_told_of_its_first_window(db: Database) -> None:
    await add_subscribers(db, [(1, ["SY"])])
    assert await _services(db).digest_now(1) == "empty_first"


async def test_a_chat_asking_while_its_slot_digest_waits_to_be_sent_is_told_it_is_on_its_way(
    db: Database,
) -> None:
    # The digest time ran a moment ago and owed the chat the news; the sender has not reached it yet
    # (here it is never started). "No news in the last 24 hours" would be false.
    await add_recent_story(db)
    await add_subscribers(db, [(1, ["SY"])])
    services = _services(db)
    assert services.deliverer is not None
    now = datetime.now(UTC)
    owed = await services.deliverer.run_scheduled_digest(now - timedelta(seconds=2), now)
    assert owed.messages == 1
    assert await services.digest_now(1) == "pending"


async def test_the_bot_answers_a_digest_on_its_way_in_the_chats_language(tmp_path: Path) -> None:
    async with running_bot(tmp_path, seed=_subscriber_with_news) as harness:
        deliverer = harness.services.deliverer
        assert deliverer is not None
        await deliverer.stop()  # the sender has not reached the chat yet
        now = datetime.now(UTC)
        await deliverer.run_scheduled_digest(now - timedelta(seconds=2), now)
        reply = await harness.say(1, "/digest")
        await harness.say(1, "/lang en")
        english = await harness.say(1, "/digest")
    assert reply.plain_text == text("ar", "digest_pending")
    assert english.plain_text == text("en", "digest_pending")
    assert not [m for m in harness.api.sent_to(1) if "درعا" in m.plain_text]


async def _subscriber_with_news(db: Database) -> None:
    await add_recent_story(db)
    await add_subscribers(db, [(1, ["SY"])])
