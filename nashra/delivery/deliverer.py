"""The delivery service the bot and the scheduler call: owe digests, alerts and broadcasts, then send them."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import Bot

from nashra.config import Config
from nashra.delivery.lease import SenderLease
from nashra.delivery.sender import Buttons, OutboxWorker
from nashra.delivery.slots import latest_instant, slot_id, slot_label
from nashra.digest.fanout import owe_digests
from nashra.digest.select import cutoff_at, due_before
from nashra.regions import get_gazetteer
from nashra.regions.names import display_name
from nashra.storage.db import Database
from nashra.storage.digests import Audience, SubscriberRow, audience_size, personal_schedules, subscriber
from nashra.storage.outbox import IdRange, OutboxStore
from nashra.texts import LANGUAGES
from nashra.texts import text as catalogue

log = logging.getLogger(__name__)

_ALERT_REGIONS_SHOWN = 10


def _alert_regions(codes: Sequence[str], lang: str) -> str:
    """The line that says which regions an alert is for ("📍 درعا، سوريا؛ حلب، سوريا"), as the admin named
    them (not the wider audience they reach); past :data:`_ALERT_REGIONS_SHOWN` names, the rest are
    counted (+N), so the line stays short beside an alert text of telegram.max_input_chars."""
    names = [html.escape(display_name(c, lang, in_header=True)) for c in codes]
    if len(names) > _ALERT_REGIONS_SHOWN:
        names = [*names[:_ALERT_REGIONS_SHOWN], f"+{len(names) - _ALERT_REGIONS_SHOWN}"]
    line = ("؛ " if lang == "ar" else "; ").join(names)
    return f"\u200f📍 {line}" if lang == "ar" else f"📍 {line}"


@dataclass(frozen=True, slots=True)
class AlertTicket:
    alert_id: int
    audience: int


@dataclass(frozen=True, slots=True)
class AlertReport:
    """An alert's or broadcast's messages by outcome (see :meth:`OutboxStore.alert_counts`): ``held``
    wait for their chat, which paused, to resume; ``expired`` were held longer than
    ``[delivery] max_age_days`` and dropped unsent at /resume; ``withdrawn`` were still unsent when
    their chat left (/stop) or their region channel was unbound."""

    delivered: int
    blocked: int
    failed: int
    pending: int
    held: int = 0
    expired: int = 0
    withdrawn: int = 0


@dataclass(frozen=True, slots=True)
class DigestRunReport:
    """One digest cycle: who was due, how many digests were owed, how many were empty (not sent).

    ``rows`` are the id ranges (first, last) of the outbox rows this run owed, a range per committed
    chunk: its rows and no other's, though another process may owe rows under the same window key in
    the same second (:meth:`~nashra.storage.outbox.OutboxStore.states_of` counts them). A scheduled
    run's plain subscribers are owed by reference, their rows written when the sender needs them
    (:func:`~nashra.storage.outbox.materialize_owed`): only :meth:`Deliverer.run_digest_cycle`
    writes them at once, and counts them among its rows.
    ``earlier_through`` is the largest outbox id before this run owed anything: the rows up to it
    were owed by earlier runs (what a sender inherits), those after it by this run or another one.
    """

    slots: tuple[str, ...]
    subscribers: int
    digests: int
    messages: int
    empty: int
    rows: tuple[IdRange, ...] = ()
    earlier_through: int = 0

    def summary(self) -> str:
        """One sentence for logs and the command line: "2 subscribers due for the digest of 2026-05-12
        08:00 UTC: 1 digest owed in 1 message, 1 empty (not sent)"."""
        if not self.subscribers:
            return "no subscriber was due for a digest"
        times = ", ".join(slot_label(slot) for slot in self.slots)
        sentence = (
            f"{_count(self.subscribers, 'subscriber')} due for the digest of {times}: "
            f"{_count(self.digests, 'digest')} owed in {_count(self.messages, 'message')}"
        )
        return sentence + (f", {self.empty} empty (not sent)" if self.empty else "")

    def __str__(self) -> str:
        return self.summary()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


class Deliverer:
    """Owes messages in the outbox and runs the worker that sends them.

    Alerts are plain text (escaped here) under a localized header; they reach the subscribers of the
    given regions and of every region above them (an alert for SY-DR reaches SY-DR and SY).
    """

    def __init__(
        self,
        bot: Bot,
        db: Database,
        config: Config,
        *,
        role: str = "nashra run",
        announce_lease: bool = True,
        buttons: Buttons | None = None,
    ) -> None:
        self.bot = bot
        self.db = db
        self.config = config
        self.outbox = OutboxStore(db)
        self.worker = OutboxWorker(
            bot,
            self.outbox,
            config.delivery,
            paid_broadcast=config.telegram.allow_paid_broadcast,
            lease=SenderLease(db.path, role),
            admins=tuple(config.telegram.admins),
            announce_lease=announce_lease,
            timezone=config.schedule.timezone,
            buttons=buttons,
        )
        self._cycle_lock = asyncio.Lock()

    async def start(self) -> None:
        await self.worker.start()

    async def stop(self) -> None:
        await self.worker.stop()

    # -- alerts and broadcasts ----------------------------------------------------------------------

    def _alert_codes(self, codes: Sequence[str]) -> list[str]:
        """Subscriptions an alert reaches: its regions and their countries (an alert for SY-DR concerns
        followers of all Syria), and for a whole country its subdivisions too (a Syria-wide alert
        concerns followers of Daraa)."""
        cleaned = [c.strip().upper() for c in codes if c.strip()]
        if not cleaned:
            raise ValueError("an alert needs at least one region code")
        gaz = get_gazetteer()
        reach = gaz.expand(cleaned)
        for code in cleaned:
            if gaz.parent(code) is None:
                reach.update(gaz.subdivisions(code))
        return sorted(reach)

    async def enqueue_alert(self, codes: list[str], text: str, created_by: int) -> AlertTicket:
        if not text.strip():
            raise ValueError("an alert needs a text")
        body = html.escape(text.strip())
        alert_id, audience = await self.outbox.create_alert(
            kind="alert",
            codes=self._alert_codes(codes),
            texts={
                lang: f"{catalogue(lang, 'alert_header')}\n{_alert_regions(codes, lang)}\n{body}"
                for lang in LANGUAGES
            },
            raw_text=text,
            created_by=created_by,
        )
        self.worker.wake()
        log.info("alert %d for %s owed to %d subscribers", alert_id, ",".join(codes), audience)
        return AlertTicket(alert_id, audience)

    async def enqueue_broadcast(self, text: str, created_by: int) -> AlertTicket:
        if not text.strip():
            raise ValueError("a broadcast needs a text")
        body = html.escape(text.strip())
        alert_id, audience = await self.outbox.create_alert(
            kind="broadcast",
            codes=None,
            texts={lang: f"{catalogue(lang, 'broadcast_header')}\n{body}" for lang in LANGUAGES},
            raw_text=text,
            created_by=created_by,
        )
        self.worker.wake()
        return AlertTicket(alert_id, audience)

    async def audience_size(self, codes: Sequence[str] | None) -> int:
        """Active subscribers an alert for ``codes`` reaches, or a broadcast when ``codes`` is None."""
        return await self.outbox.audience_size(None if codes is None else self._alert_codes(codes))

    async def alert_report(self, alert_id: int) -> AlertReport:
        """The alert's (or broadcast's) delivery counts; the same once its settled messages are pruned."""
        counts = await self.outbox.alert_counts(alert_id)
        return AlertReport(
            counts["sent"],
            counts["blocked"],
            counts["failed"],
            counts["pending"],
            counts["held"],
            counts["expired"],
            counts["withdrawn"],
        )

    async def wait_alert(self, alert_id: int, timeout: float) -> AlertReport:
        """The alert's delivery counts once nothing is pending, or when ``timeout`` seconds pass (it
        does not wait for the messages held for paused chats: they go when those chats resume)."""
        deadline = time.monotonic() + timeout
        while True:
            report = await self.alert_report(alert_id)
            remaining = deadline - time.monotonic()
            if report.pending == 0 or remaining <= 0 or self.worker.stopped:
                return report
            await self.worker.wait_progress(min(remaining, 1.0))

    # -- digests ----------------------------------------------------------------------------------------

    async def run_digest_cycle(self, now: datetime | None = None) -> DigestRunReport:
        """Owe a digest now to every active subscriber (personal times included) and wake the sender.

        The one-shot run (``nashra digest``, the demo, the benchmark) sends everything it owes at once,
        so each chunk writes the rows of the editions it owes by reference in its own transaction, and
        the run is reported by their ids too (``DigestRunReport.rows``), whichever process sends them;
        those owed by earlier runs are written before it starts, so they count as earlier
        (``earlier_through``)."""
        now = now or datetime.now(UTC)
        audience = Audience(cutoff_at(now), everyone=True)
        return await self._owe({slot_id(now): audience}, now, write_owed=True)

    async def run_scheduled_digest(
        self, scheduled_for: datetime, now: datetime | None = None
    ) -> DigestRunReport:
        """The configured digest time ``scheduled_for``: subscribers without a personal time.

        A subscriber is due when its window ends before the slot (:func:`nashra.digest.select.due_before`):
        once any run at or after that instant owed it, running the slot again (a retried job, the
        start-up catch-up after a restart) owes it nothing more.
        """
        now = now or datetime.now(UTC)
        audience = Audience(due_before(scheduled_for))
        return await self._owe({slot_id(scheduled_for): audience}, now)

    async def run_catch_up(self, now: datetime | None = None) -> DigestRunReport:
        """After downtime: the latest configured slot still within the misfire grace, once (coalesced)."""
        now = now or datetime.now(UTC)
        schedule = self.config.schedule
        zone = ZoneInfo(schedule.timezone)
        grace = timedelta(minutes=schedule.misfire_grace_minutes)
        instants = [latest_instant(now, t, zone) for t in schedule.digest_times]
        recent = [i for i in instants if now - i <= grace]
        if not recent:
            return DigestRunReport((), 0, 0, 0, 0)
        return await self.run_scheduled_digest(max(recent), now)

    async def run_personal_digests(self, now: datetime | None = None) -> DigestRunReport:
        """Subscribers with a personal /time whose latest time passed, within the grace, since their digest.

        A run missed during downtime is caught up once, by the first run after it, however many
        minutes were missed.
        """
        now = now or datetime.now(UTC)
        grace = timedelta(minutes=self.config.schedule.misfire_grace_minutes)
        by_instant: dict[datetime, list[tuple[str, str | None]]] = {}
        for hhmm, zone_name in await personal_schedules(self.db):
            try:
                zone = ZoneInfo(zone_name or self.config.schedule.timezone)
                instant = latest_instant(now, hhmm, zone)
            except (ValueError, KeyError):
                log.warning("skipping personal digest time %r in zone %r: not valid", hhmm, zone_name)
                continue
            if now - instant > grace:
                continue
            by_instant.setdefault(instant, []).append((hhmm, zone_name))
        by_slot: dict[str, Audience] = {}
        for instant, schedules in sorted(by_instant.items()):
            audience = Audience(due_before(instant), personal=tuple(schedules))
            if (await audience_size(self.db, audience)).subscribers:
                by_slot[slot_id(instant)] = audience
        return await self._owe(by_slot, now)

    async def digest_now(self, chat_id: int, now: datetime | None = None) -> DigestRunReport:
        """/digest: what is new for one chat, owed through the outbox like any digest.

        The chat's window is marked in the same transaction as its outbox rows, so the news is neither
        lost if sending fails nor sent twice; topics, link previews and pacing apply as in a cycle.
        It does not wait for a scheduled cycle under way (a million subscribers compose for tens of
        seconds): each commit compares the chat's window with the one it was composed from
        (:func:`nashra.storage.digests.commit_slot`), so whichever commits second owes only what the
        first did not, or nothing (:mod:`nashra.digest.fanout`).
        """
        now = now or datetime.now(UTC)
        row = await subscriber(self.db, chat_id)
        if row is None or not row.codes:
            return DigestRunReport((), 0, 0, 0, 0)
        return await self._owe({slot_id(now): [row]}, now, exclusive=False)

    async def _owe(
        self,
        by_slot: Mapping[str, Audience | Sequence[SubscriberRow]],
        now: datetime,
        *,
        write_owed: bool = False,
        exclusive: bool = True,
    ) -> DigestRunReport:
        """Owe the digests of ``by_slot`` at ``now`` and wake the sender. Cycles (``exclusive``) run
        one at a time in this process: two at once would both compose the same audience (each chat's
        window compare and set still owes its digest once, but the work would be done twice). A
        chat's own /digest runs beside them (see :meth:`digest_now`)."""
        async with self._cycle_lock if exclusive else contextlib.nullcontext():
            if write_owed:
                await self.outbox.owe_all()
            earlier = await self.outbox.last_id()
            totals = await owe_digests(
                self.db, self.config, by_slot, now, on_commit=self.worker.wake, write_owed=write_owed
            )
        self.worker.wake()
        return DigestRunReport(
            tuple(by_slot),
            sum(t.subscribers for t in totals),
            sum(t.digests for t in totals),
            sum(t.messages for t in totals),
            sum(t.empty for t in totals),
            tuple(sorted(r for t in totals for r in t.rows)),
            earlier,
        )
