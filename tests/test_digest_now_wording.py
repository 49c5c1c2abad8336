"""What /digest says when nothing is new: "since your last digest" only to a chat that was sent one."""

from __future__ import annotations

from digest_seed import add_subscribers
from telegram import Bot

from bot.services import Services
from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.storage import Database
from nashra.storage.db import utcnow

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
