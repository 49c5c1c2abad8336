"""Alerts and broadcasts from Nashra's admins: who they reach, the confirmation a large one waits for,
queueing them in the outbox, and the delivery report.

The deliverer's outbox does the sending (rate limits, retries, blocked chats); this service decides what
is queued and when. An alert or broadcast to more than ``telegram.alert_confirm_threshold`` chats is held
until its admin confirms, for at most :data:`PENDING_TTL_S`; an alert whose regions were not all read
(a misspelt or shared name) is held as long while its admin picks the region meant by a button. The
held ones live in memory, so a restart forgets them and the admin sends again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.callbacks import TOKEN_HEX_DIGITS
from nashra.arabic import strip_controls
from nashra.config import MAX_INPUT_CHARS, Config
from nashra.delivery import Deliverer
from nashra.delivery.deliverer import AlertReport, AlertTicket
from nashra.telegram_limits import utf16_units
from subscriptions import ParsedRegions, parse_regions

log = logging.getLogger(__name__)

# A confirmation pressed later than this could send an alert the admin has long forgotten, to an
# audience that has changed since; it must be sent again.
PENDING_TTL_S = 600.0
# The report waits at least this long for the outbox, however small the audience.
REPORT_MIN_WAIT_S = 60.0


def clean_body(raw: str) -> str:
    """An alert's or broadcast's text without bidi controls (a stray U+202E would reverse the text
    around it in every chat it reaches) or the blanks around it; "" when nothing else is left."""
    return strip_controls(raw).strip()


class DeliveryUnavailable(RuntimeError):
    """The deliverer is not running (the bot is starting or stopping): nothing can be queued now."""


@dataclass(slots=True)
class PendingAlert:
    """An alert (``codes``: the regions named) or a broadcast (``codes`` empty) ready to queue."""

    codes: list[str]
    body: str  # plain text as the admin wrote it, bidi controls removed; the deliverer escapes it
    admin_id: int
    chat_id: int  # where the admin asked, and where the report goes
    language: str
    audience: int
    created: float = field(default_factory=time.monotonic)

    def expired(self, now: float) -> bool:
        return now - self.created > PENDING_TTL_S


@dataclass(frozen=True, slots=True)
class Unsettled:
    """The regions of an alert were not all settled (unknown, shared or no names): nothing is drafted.
    ``body`` is the alert's text, cleaned (:func:`clean_body`), for the admin's choice of regions."""

    parsed: ParsedRegions
    body: str


@dataclass(slots=True)
class AlertChoice:
    """An alert held while its admin picks, by button, the region each unsettled name means: ``codes``
    the regions settled so far, ``parsed`` the reading of its regions less the names already picked
    (:attr:`ParsedRegions.unknown` empty once all are), the rest as in :class:`PendingAlert`."""

    codes: list[str]
    parsed: ParsedRegions
    body: str
    admin_id: int
    chat_id: int
    language: str
    created: float = field(default_factory=time.monotonic)

    def expired(self, now: float) -> bool:
        return now - self.created > PENDING_TTL_S


@dataclass(frozen=True, slots=True)
class TooLong:
    """The text is longer than an alert may be (``units`` UTF-16 code units, more than ``limit``)."""

    units: int
    limit: int


@dataclass(frozen=True, slots=True)
class Held:
    """Held for confirmation: the admin's buttons carry ``token``."""

    token: str


class AlertDesk:
    """Drafts, holds and queues alerts and broadcasts; ``deliverer`` returns the running deliverer."""

    def __init__(self, config: Config, deliverer: Callable[[], Deliverer | None]) -> None:
        self._config = config
        self._deliverer = deliverer
        self.waiting: dict[str, PendingAlert] = {}
        self.choosing: dict[str, AlertChoice] = {}
        # Tokens whose alert went on or was cancelled, by when (time.monotonic()): a second tap of their
        # button, which reaches the bot after the first was handled, is no expired one.
        self._answered: dict[str, float] = {}

    def _running(self) -> Deliverer:
        deliverer = self._deliverer()
        if deliverer is None:
            raise DeliveryUnavailable("the deliverer is not running")
        return deliverer

    async def audience(self, codes: Sequence[str] | None) -> int:
        """Chats, neither paused nor blocked, that an alert for ``codes`` reaches (with the followers of
        the regions above and below them), or with ``codes`` None a broadcast reaches (every one).

        Raises :class:`DeliveryUnavailable` when the deliverer is not running."""
        return await self._running().audience_size(codes)

    async def draft(
        self, regions: str | None, body: str, *, admin_id: int, chat_id: int, language: str
    ) -> PendingAlert | Unsettled | TooLong:
        """An alert for the regions named in ``regions`` (None: a broadcast), with its audience counted
        now; :class:`Unsettled` when a name was not settled; :class:`TooLong` when the cleaned
        (:func:`clean_body`) ``body`` is over :data:`nashra.config.MAX_INPUT_CHARS` UTF-16 units, the
        room an alert's text has under its header in one Telegram message. The guard before every
        handler counts characters, and an emoji is two units: a text within
        ``telegram.max_input_chars`` may still not fit, and a cut or split alert would reach every
        recipient maimed. Raises :class:`DeliveryUnavailable`."""
        text = clean_body(body)
        units = utf16_units(text)
        if units > MAX_INPUT_CHARS:
            return TooLong(units, MAX_INPUT_CHARS)
        codes: list[str] | None = None
        if regions is not None:
            # Off the event loop: a long list of names is the slowest input an admin can send.
            parsed = await asyncio.to_thread(parse_regions, regions, command=True)
            if parsed.unknown or not parsed.codes:
                return Unsettled(parsed, text)
            codes = parsed.codes
        audience = await self.audience(codes)
        return PendingAlert(list(codes or ()), text, admin_id, chat_id, language, audience)

    def hold_choice(self, unsettled: Unsettled, *, admin_id: int, chat_id: int, language: str) -> str:
        """Hold the alert of ``unsettled`` while its admin picks its regions; the token its buttons carry."""
        now = time.monotonic()
        for stale in [token for token, entry in self.choosing.items() if entry.expired(now)]:
            del self.choosing[stale]
        token = secrets.token_hex(TOKEN_HEX_DIGITS // 2)
        parsed = unsettled.parsed
        self.choosing[token] = AlertChoice(
            list(parsed.codes), dataclasses.replace(parsed), unsettled.body, admin_id, chat_id, language
        )
        return token

    def choose(self, token: str, code: str) -> AlertChoice | None:
        """The alert held under ``token`` with ``code`` taken for the first open name it was offered
        for; no longer held once no name is open. Unchanged when ``code`` was offered for no open name
        (a button tapped twice, or data no button had). None when none is held or it expired."""
        choice = self.choosing.get(token)
        if choice is None or choice.expired(time.monotonic()):
            self.choosing.pop(token, None)
            return None
        parsed = choice.parsed
        term = next((t for t in parsed.unknown if code in parsed.suggestions.get(t, ())), None)
        if term is None:
            return choice
        if code not in choice.codes:
            choice.codes.append(code)
        parsed.unknown = [t for t in parsed.unknown if t != term]
        parsed.ambiguous = [t for t in parsed.ambiguous if t != term]
        if not parsed.unknown:
            del self.choosing[token]
            self._answer(token)
        return choice

    def answered(self, token: str) -> bool:
        """Whether the alert held under ``token`` went on (its regions all picked, or its confirmation
        answered) within :data:`PENDING_TTL_S`: a press of its buttons now is a second tap, not a late one."""
        when = self._answered.get(token)
        return when is not None and time.monotonic() - when <= PENDING_TTL_S

    def _answer(self, token: str) -> None:
        now = time.monotonic()
        for stale in [old for old, when in self._answered.items() if now - when > PENDING_TTL_S]:
            del self._answered[stale]
        self._answered[token] = now

    async def draft_chosen(self, choice: AlertChoice) -> PendingAlert:
        """The alert of ``choice``, all its names picked, with its audience counted now. Raises
        :class:`DeliveryUnavailable`."""
        audience = await self.audience(choice.codes)
        return PendingAlert(
            list(choice.codes), choice.body, choice.admin_id, choice.chat_id, choice.language, audience
        )

    async def submit(self, pending: PendingAlert) -> AlertTicket | Held:
        """Queue ``pending`` when its audience is within the confirmation threshold, else hold it."""
        if pending.audience <= self._config.telegram.alert_confirm_threshold:
            return await self.queue(pending)
        now = time.monotonic()
        for stale in [token for token, entry in self.waiting.items() if entry.expired(now)]:
            del self.waiting[stale]
        token = secrets.token_hex(TOKEN_HEX_DIGITS // 2)
        self.waiting[token] = pending
        return Held(token)

    def take(self, token: str) -> PendingAlert | None:
        """The alert held under ``token``, no longer held; None when there is none or it expired."""
        pending = self.waiting.pop(token, None)
        if pending is None or pending.expired(time.monotonic()):
            return None
        self._answer(token)
        return pending

    async def queue(self, pending: PendingAlert) -> AlertTicket:
        """Owe ``pending`` to its audience in the outbox. Raises :class:`DeliveryUnavailable`."""
        deliverer = self._running()
        if pending.codes:
            ticket = await deliverer.enqueue_alert(pending.codes, pending.body, pending.admin_id)
        else:
            ticket = await deliverer.enqueue_broadcast(pending.body, pending.admin_id)
        kind = "alert" if pending.codes else "broadcast"
        log.info(
            "admin %s queued %s #%s for %s chats", pending.admin_id, kind, ticket.alert_id, ticket.audience
        )
        return ticket

    def report_timeout(self, audience: int) -> float:
        """Seconds to wait for the outbox to reach ``audience`` chats at the configured rate, thrice over."""
        return REPORT_MIN_WAIT_S + 3 * audience / self._config.delivery.global_per_second

    async def outcome(self, ticket: AlertTicket) -> AlertReport:
        """Delivered / blocked / failed / pending counts once nothing is pending, or when
        :meth:`report_timeout` runs out. Raises :class:`DeliveryUnavailable`."""
        return await self._running().wait_alert(ticket.alert_id, self.report_timeout(ticket.audience))
