"""What the handlers and jobs need, in one object: config, database, domain services, background work."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal, TypeVar

from telegram import Bot, Chat
from telegram.constants import ChatType
from telegram.error import NetworkError, RetryAfter, TelegramError

from bot.alerts import AlertDesk
from bot.throttle import FloodGuard
from nashra.articles.ingest import IngestReport, ingest
from nashra.articles.inputs import is_url
from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.digest.more import MorePage, more_page, record_sent
from nashra.storage.db import Database
from subscriptions import ParsedRegions, Stats, SubscriptionService, collect_stats
from summarizer import Summarizer, SummaryWorker

log = logging.getLogger(__name__)

T = TypeVar("T")

# What /digest did: nothing followed, the chat paused sending (nothing is owed to it), nothing can be
# sent now, a digest is on its way (owed now, or owed earlier and not sent yet), or nothing new (in the
# first-digest window for a chat that never had one, or since its last digest).
DigestNow = Literal["no_regions", "paused", "unavailable", "sent", "pending", "empty_first", "empty"]

DIGEST_ACK_AFTER_S = 1.0
"""Seconds a /digest may take to compose before the chat is told its digest is being prepared: a reply
within about a second reads as an answer; a longer silence (a large summary backlog to summarize on the
spot, a scheduled digest being composed meanwhile) reads as a bot that did not hear."""

# What /channel did: Telegram knows no such chat (or the bot cannot see it), Telegram could not be asked
# (a timeout, a network fault: nothing is known), the chat is not a channel,
# the channel follows the regions now, it follows none now, it followed none before, or the regions
# were not all settled (nothing changed).
ChannelOutcome = Literal[
    "not_found", "unreachable", "not_channel", "bound", "unbound", "not_bound", "unsettled"
]


@dataclass(frozen=True, slots=True)
class ChannelChange:
    """The outcome of /channel, with the channel as Telegram describes it (None when not found) and,
    for a binding, what the region text named."""

    outcome: ChannelOutcome
    channel: Chat | None = None
    parsed: ParsedRegions | None = None


@dataclass
class Services:
    """Built before the Application; the deliverer joins in :func:`bot.app.start_bot` (it needs the bot).

    ``summary_worker`` summarizes newly ingested sections off the event loop; ``ingest`` fetches the
    configured feeds (None when there are none). The scheduler runs both. ``alerts`` drafts, holds and
    queues the admins' alerts and broadcasts through whichever deliverer is running. ``flood`` counts a
    chat's messages and ``press_flood`` its button presses: a person choosing regions presses faster
    than anyone types.
    """

    config: Config
    db: Database
    subscriptions: SubscriptionService
    flood: FloodGuard
    press_flood: FloodGuard
    summary_worker: SummaryWorker
    ingest: Callable[[], Awaitable[IngestReport]] | None = None
    deliverer: Deliverer | None = None
    # The command this process runs, as the sender lease names its holder to other processes
    # ("pid 4242 (nashra sandbox)"): ``nashra run`` or ``nashra sandbox``.
    role: str = "nashra run"
    alerts: AlertDesk = field(init=False)

    def __post_init__(self) -> None:
        self.alerts = AlertDesk(self.config, lambda: self.deliverer)

    @classmethod
    def create(cls, config: Config, db: Database) -> Services:
        worker = SummaryWorker(
            db, Summarizer.from_config(config.summarizer), interval_s=config.schedule.summarize_every_seconds
        )
        return cls(
            config=config,
            db=db,
            subscriptions=SubscriptionService(db),
            flood=FloodGuard(config.telegram.flood_messages_per_minute),
            press_flood=FloodGuard(config.telegram.flood_presses_per_minute),
            summary_worker=worker,
            ingest=_feed_ingester(config, db) if config.ingest.feeds else None,
        )

    async def digest_now(
        self, chat_id: int, on_slow: Callable[[], Awaitable[object]] | None = None
    ) -> DigestNow:
        """Owe the chat what is new in its regions since its last digest (``delivery.first_digest_hours``
        for its first), now, and say what came of it.

        Composition runs off the event loop, with the summary worker's next batch held until it ends
        (sections without a stored summary are summarized on the spot, and the backlog would take half
        the CPU); when it takes more than :data:`DIGEST_ACK_AFTER_S`, ``on_slow`` is awaited (the chat
        is told its digest is coming) while it goes on.

        A paused chat is owed nothing, /digest included: in a group, /pause is its admins' choice, which
        a member's /digest must not undo, and a digest held at /pause comes first on /resume (see
        docs/delivery.md). The chat is told so rather than "nothing new", also when it paused while its
        digest was composed (the commit leaves a paused chat out)."""
        if not await self.subscriptions.regions_of(chat_id):
            return "no_regions"
        if await self._paused(chat_id):
            return "paused"
        if self.deliverer is None:
            return "unavailable"
        # "Since your last digest" only to a chat that got one: a window also moves past an empty
        # digest, which is not sent (a chat that subscribed just before a scheduled slot).
        first = not await self.deliverer.outbox.digest_sent_to(chat_id)
        async with self.summary_worker.held():
            report = await _acknowledging(self.deliverer.digest_now(chat_id), on_slow)
        if report.messages:
            return "sent"
        if await self._paused(chat_id):
            return "paused"
        # Asked while a digest time's digest for the chat waits to be sent (at the digest time, or
        # behind a large audience's fan-out): the news is on its way, not missing.
        if await self.deliverer.outbox.digest_pending_to(chat_id):
            return "pending"
        return "empty_first" if first else "empty"

    async def more(self, chat_id: int) -> MorePage:
        """/more: the next page of the stories the item cap left out of the chat's last digest
        (:mod:`nashra.digest.more`), composed with the summary worker's next batch held, as /digest's.
        A paused chat gets nothing, as /digest's rule says (a group's /pause is its admins' choice)."""
        if await self._paused(chat_id):
            return MorePage("paused", [])
        async with self.summary_worker.held():
            return await more_page(self.db, self.config, chat_id)

    async def more_sent(self, chat_id: int, page: MorePage) -> None:
        """Count a /more page as sent once every message of it was (a page cut short comes again)."""
        await record_sent(self.db, chat_id, page)

    async def set_paused(self, chat_id: int, kind: str, paused: bool) -> None:
        """/pause and /resume. What a paused chat receives is the outbox's rule
        (:func:`nashra.storage.outbox.hold_messages`): nothing; at /resume its held messages are owed
        again, but alerts and broadcasts held longer than ``[delivery] max_age_days``, which are no
        longer news (:func:`~nashra.storage.outbox.owe_held_again`). The sender is woken for the
        messages owed again, as for any message owed, rather than finding them at its next poll."""
        change = await self.subscriptions.set_paused(
            chat_id, kind, paused, max_age=timedelta(days=self.config.delivery.max_age_days)
        )
        if change.expired:
            log.info(
                "chat %d resumed: %d alert or broadcast messages held longer than %g days dropped unsent",
                chat_id,
                change.expired,
                self.config.delivery.max_age_days,
            )
        if change.owed and self.deliverer is not None:
            self.deliverer.worker.wake()

    async def _paused(self, chat_id: int) -> bool:
        found = await self.subscriptions.get(chat_id)
        return found is not None and found.paused

    async def change_channel(
        self, bot: Bot, target: str, regions: str | None, admin_id: int | None
    ) -> ChannelChange:
        """Bind channel ``target`` (``@name`` or a numeric chat id) to the regions named in ``regions``,
        or unbind it when ``regions`` is None (an admin's /channel).

        The chat is looked up with Telegram first: an admin names a channel by its public name, which
        only Telegram can turn into the chat id the outbox sends to, and a chat that is not a channel
        (a group, a user) is refused rather than bound.
        """
        try:
            found = await bot.get_chat(int(target) if target.lstrip("-").isdigit() else target)
        except (NetworkError, RetryAfter):
            return ChannelChange("unreachable")
        except TelegramError:
            return ChannelChange("not_found")
        if found.type != ChatType.CHANNEL:
            return ChannelChange("not_channel", found)
        if regions is None:
            unbound = await self.subscriptions.unbind_channel(found.id)
            return ChannelChange("unbound" if unbound else "not_bound", found)
        parsed = await self.subscriptions.bind_channel(found.id, regions, admin_id)
        if parsed.unknown or not parsed.codes:
            return ChannelChange("unsettled", found, parsed)
        log.info("admin %s bound channel %s to %s", admin_id or "?", found.id, parsed.codes)
        return ChannelChange("bound", found, parsed)

    async def stats(self) -> Stats:
        """The figures of /stats, with the summaries still owed by the configured model and why it
        cannot load, when it did not at its last try."""
        failure = self.summary_worker.summarizer.load_failure()
        return await collect_stats(self.db, self.config.summarizer, failure)

    async def ingest_feed(self, url: str) -> IngestReport:
        """Fetch and store one feed now (an admin's /ingest), with the configured ingest rules.

        Raises whatever the fetch raises; the caller reports it."""
        return await ingest(self.db, [url], self.config.ingest)


async def _acknowledging(
    work: Coroutine[object, object, T], on_slow: Callable[[], Awaitable[object]] | None
) -> T:
    """``work``'s result; ``on_slow`` awaited once it ran :data:`DIGEST_ACK_AFTER_S` without ending."""
    task = asyncio.ensure_future(work)
    try:
        done, _ = await asyncio.wait({task}, timeout=DIGEST_ACK_AFTER_S)
        if not done and on_slow is not None:
            await on_slow()
        return await task
    finally:
        if not task.done():
            task.cancel()


def feed_url(text: str) -> str | None:
    """``text`` when it is one http(s) URL (what /ingest takes), else None."""
    return text if is_url(text) and len(text.split()) == 1 else None


def _feed_ingester(config: Config, db: Database) -> Callable[[], Awaitable[IngestReport]]:
    feeds = list(config.ingest.feeds)

    async def ingest_feeds() -> IngestReport:
        report = await ingest(db, feeds, config.ingest, on_reject=lambda line: log.warning("%s", line))
        log.info("feeds fetched: %s", report.summary())
        return report

    return ingest_feeds
