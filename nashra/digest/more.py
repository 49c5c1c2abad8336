"""/more: the stories a chat's last digest left out for its item cap, a page at a time.

A digest holds at most ``delivery.max_items_per_digest`` items (or the chat's own smaller cap,
/format), shared among its regions (:mod:`nashra.digest.share`); the next digest's window starts after
the stories it left out, so they would never reach the chat. /more (or the button under the digest's
last message) sends them: the stories of the last digest's window (``previous_digest_at`` to
``last_digest_at``, migration 0310) that its cap left out, composed again from what is stored, newest
first, as a digest lays them out, at most the same cap per page. Each page is counted
(``digest_more``), so pressing again sends the next page, and none is sent twice; the chat's window
is never moved, so the next scheduled digest holds what it would have held without /more.

The stories are those the cap leaves out of the window for the chat as it is now: a chat that changed
its regions or its cap since its digest is sent what the digest would have left out for its new
choice. The window is read whole, as a scheduled cycle reads it, so its stories are grouped as that
digest grouped them. Kept are the window's end (a digest committed since starts a new count) and the
count.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from nashra.config import Config
from nashra.digest.compose import MORE_TITLES, History
from nashra.digest.select import build_book, digest_date, options_of, split_by_topic, window_start
from nashra.storage.db import Database
from nashra.storage.digests import last_window, record_more_shown, subscriber

# What /more found: the chat follows no region, it paused sending (told by the bot's service, which
# sends nothing to a paused chat), it never had a digest, nothing (more) was left out of its last
# digest, or a page of stories to send.
MoreOutcome = Literal["no_regions", "paused", "no_digest", "nothing", "page"]


@dataclass(frozen=True, slots=True)
class MorePage:
    """A page of /more: ``messages`` (Telegram HTML, each within a message's limit; empty unless
    ``outcome`` is "page"), how many left-out stories are ``left`` after them, and what
    :func:`record_sent` records once they are sent: the window's end and how many of its left-out
    stories have then been sent (``shown``)."""

    outcome: MoreOutcome
    messages: list[str]
    left: int = 0
    window_end: str | None = None
    shown: int = 0


async def more_page(db: Database, config: Config, chat_id: int) -> MorePage:
    """The next page of the stories the item cap left out of the chat's last digest.

    Reads the chat and its last window and composes that window's stories for the chat's regions off
    the event loop (as a digest is composed); moves no window and counts nothing: the page is counted
    by :func:`record_sent` once it is sent, so a page that could not be sent comes again.
    """
    found = await subscriber(db, chat_id)
    if found is None or not found.codes:
        return MorePage("no_regions", [])
    window = await last_window(db, chat_id)
    if window is None or window.end is None:
        return MorePage("no_digest", [])
    end = datetime.fromisoformat(window.end)
    since = window_start(window.start, end, config)
    # Every section of the window, as a scheduled cycle reads it: a book of the chat's codes alone
    # would group the reports of a story differently (build_book), and so keep other stories.
    book = await build_book(
        db, config, since=since, cutoff=window.end, date=digest_date(end, config), titles=MORE_TITLES
    )
    cap = config.delivery.max_items_per_digest
    options = options_of(found)
    if options.max_items is not None:
        cap = min(cap, options.max_items)
    # As the digest saw its revised stories: sent an earlier version before this window started.
    history = None if window.start is None else History(window.start, None)
    topics = [codes for _, codes in split_by_topic(found)]
    shown = window.shown

    def compose() -> tuple[int, int, list[str]]:
        view = book.view(book.seen(found.codes, history))
        left_out = view.left_out_stories(topics, since, options)
        page = left_out[shown : shown + cap]
        left = len(left_out) - shown - len(page)
        parts = view.more_layout(page, found.codes, found.language, options, left)
        return len(page), left, [view.text(part) for part in parts]

    sent, left, messages = await asyncio.to_thread(compose)
    if not sent:
        return MorePage("nothing", [])
    return MorePage("page", messages, left, window.end, shown + sent)


async def record_sent(db: Database, chat_id: int, page: MorePage) -> None:
    """Count ``page`` as sent to the chat (nothing for a page of no stories): the next /more goes on
    after it, unless a digest has been committed since (its window is another)."""
    if page.outcome == "page" and page.window_end is not None:
        await record_more_shown(db, chat_id, page.window_end, page.shown)


__all__ = ["MoreOutcome", "MorePage", "more_page", "record_sent"]
