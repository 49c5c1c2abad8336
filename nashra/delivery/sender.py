"""The outbox worker: sends pending rows through ``telegram.Bot`` within Telegram's limits.

One dispatcher picks the next chat that may receive a message (alerts before broadcasts before
digests, oldest first), books its start with the :class:`RateGovernor` the bot's replies share, and hands
the send to a task; up to ``delivery.max_in_flight`` sends overlap, so the configured rate is reached
whatever the latency of one request. One chat never has two sends in flight, so the parts of a digest
arrive in order. Outcomes are committed by a separate group-commit task (see
:mod:`nashra.storage.outbox` for the exactly-once argument and its in-flight window).

What each answer means comes from :func:`nashra.delivery.errors.classify`; the worker acts on it:

- **Flood control** (429): the chat waits ``retry_after`` (the whole bot too, unless the chat's own pace
  explains it); the row keeps its attempts and gets ``not_before``.
- **Outage**: failures that may come from the Bot API or the way to it (server errors, resets, timeouts,
  unreadable answers, a refused token) on several chats in a row, with no success between, pause all
  sending with a growing backoff (1 s doubling to 60 s); while paused, one probe at a time tests the
  way. Failures during an outage are not charged to the rows, so an outage never fails a row for good.
  An isolated failure costs the row an attempt and a backoff (``retry_base_seconds`` doubling);
  ``max_attempts`` of them fail it.
- **Gone** (blocked, kicked, chat not found, no rights): the chat is marked blocked and its other rows
  are dropped, after :data:`GONE_HOLD_S`. When most of what was just sent comes back "gone" (a proxy
  answering 403 to everything), nobody is marked: sending pauses, the admins are told, and then one
  probe at a time tests the way; a delivery proves it works, and "gone" is believed again from then on.
- **Deleted topic**: the topic's binding is dropped, its rows go to the General topic, and the group
  is told there (see :meth:`nashra.storage.outbox.OutboxStore.drop_topic`).
- **Too long**: the text is re-split into smaller pieces, sent one by one; the offset reached is saved
  with each piece, so a restart resumes after the last piece delivered.
- **Bad markup**: the visible text is sent without formatting rather than not at all.
- **Group became a supergroup**: the chat is moved (:meth:`SubscriberStore.migrate_chat`) and resent.

Bounded duplicates: a send whose outcome is not yet committed (:attr:`OutboxWorker.unsaved`) counts
against ``max_in_flight`` until its commit, so when outcomes cannot be saved (a full disk, a lock
held outside), sending stops after ``max_in_flight`` messages instead of running on.

One sender per database: the worker sends only while it holds the :class:`SenderLease`; otherwise it
says so once and tries again every :data:`LEASE_RETRY_S` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import math
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ExtBot

from nashra.config import DeliveryConfig
from nashra.delivery.errors import Meaning, Verdict, classify
from nashra.delivery.late import late_markup
from nashra.delivery.lease import SenderLease
from nashra.delivery.limiter import BOOK_AHEAD_S, OUTBOX, GovernedRateLimiter
from nashra.delivery.ratelimit import RateGovernor
from nashra.regions.names import display_name
from nashra.storage.db import StorageError, from_db_time, to_db_time
from nashra.storage.outbox import (
    PRIORITIES,
    PRIORITY_ALERT,
    PRIORITY_DIGEST,
    MessageKey,
    NewMessage,
    OutboxRow,
    OutboxStore,
    Outcome,
)
from nashra.storage.subscribers import SubscriberStore
from nashra.telegram_limits import MAX_TEXT_UNITS, Piece, fits, split_html, visible_text
from nashra.texts import text as catalogue

log = logging.getLogger(__name__)

Buttons = Callable[[OutboxRow], InlineKeyboardMarkup | None]
"""What keyboard goes under the last message a row is sent as (None: none). Given by the bot, which
owns callback data (``bot.callbacks``); the outbox stores none."""

MAX_BACKOFF_S = 300.0
IDLE_POLL_S = 2.0
LEASE_RETRY_S = 1.0
# Sends in flight get this long to finish when the worker stops; the rest are abandoned (still pending).
STOP_GRACE_S = 1.5
# Outage: this many failures in a row, on at least two chats, pause everything.
OUTAGE_FAILURES = 3
OUTAGE_FIRST_PAUSE_S = 1.0
OUTAGE_MAX_PAUSE_S = 60.0
# A chat answering "gone" is marked blocked this long after, unless a mass refusal shows up meanwhile.
GONE_HOLD_S = 2.0
# A mass refusal: at least MASS_MIN_GONE "gone" answers in MASS_WINDOW_S, and MASS_SHARE of all answers
# then; sending pauses MASS_PAUSE_S, then probes one message every MASS_PROBE_EVERY_S.
MASS_WINDOW_S = 10.0
MASS_MIN_GONE = 20
# A smaller audience: MASS_SHARE of its chats, but never fewer than this many "gone" answers.
MASS_MIN_AUDIENCE_GONE = 5
MASS_SHARE = 0.8
MASS_PAUSE_S = 60.0
MASS_PROBE_EVERY_S = 5.0
# A message refused as too long is re-split at 3/4 of what was refused, down to this size.
MIN_PIECE_UNITS = 256
# Loaded rows wait in memory for their chat's turn (up to `capacity` of them, half a minute at 30 msg/s).
# Before a send, the rows' pending state is read again when the last reading is older than this, so a
# row withdrawn meanwhile (its chat sent /stop) is not sent: at most this long after the withdrawal.
RECHECK_S = 0.25


@dataclass
class SenderStats:
    """Counters since start, for logs, the CLI and the benchmark."""

    sent: int = 0
    blocked: int = 0
    failed: int = 0
    retried: int = 0
    rate_limited: int = 0
    migrated: int = 0
    pieces: int = 0
    outages: int = 0
    unknown_outcomes: int = 0


@dataclass
class _Sending:
    """In-memory state of a row beyond what the database holds."""

    limit: int = MAX_TEXT_UNITS
    plain: bool = False


@dataclass
class _Held:
    at: float
    row: OutboxRow
    outcome: Outcome
    others: list[OutboxRow] = field(default_factory=list)


class OutboxWorker:
    """Delivers the outbox; ``await start()`` once, ``wake()`` after owing new messages, ``await stop()``."""

    def __init__(
        self,
        bot: Bot,
        store: OutboxStore,
        config: DeliveryConfig,
        *,
        paid_broadcast: bool = False,
        clock: Callable[[], float] = time.monotonic,
        governor: RateGovernor | None = None,
        lease: SenderLease | None = None,
        admins: tuple[int, ...] = (),
        announce_lease: bool = True,
        timezone: str = "UTC",
        buttons: Buttons | None = None,
    ) -> None:
        self.bot = bot
        # The keyboard to put under a row's last piece, if any (the bot's: /more under a capped digest).
        self.buttons = buttons
        # The configured time zone ([schedule] timezone): a late alert's time for a chat without its own.
        self.timezone = timezone
        self.store = store
        self.config = config
        self.paid_broadcast = paid_broadcast
        limiter = bot.rate_limiter if isinstance(bot, ExtBot) else None
        if governor is None and isinstance(limiter, GovernedRateLimiter):
            governor = limiter.governor
        if governor is None:
            governor = RateGovernor.from_config(config, clock=clock)
        self.governor = governor
        if paid_broadcast:
            self.governor.allow_paid(config.paid_global_per_second)
        # Our sends are booked with the governor here; tell the bot's limiter not to book them again.
        self._call_args: dict[str, Any] = {"rate_limit_args": OUTBOX} if limiter is not None else {}
        self.clock = clock
        self.lease = lease or SenderLease(":memory:")
        # Whether to log, once, that another process holds the lease (a command may say it itself).
        self.announce_lease = announce_lease
        self.admins = admins
        self.stats = SenderStats()
        self.capacity = max(1000, 4 * config.max_in_flight)
        self.window = max(1, config.max_in_flight)
        self.unsaved = 0
        self._rows: dict[int, OutboxRow] = {}
        self._state: dict[int, _Sending] = {}
        self._chat_rows: dict[int, list[tuple[int, int]]] = {}
        self._ready: list[tuple[int, int, int]] = []
        self._waiting: list[tuple[float, int]] = []
        self._busy: set[int] = set()
        self._cursors = dict.fromkeys(PRIORITIES, 0)
        # The last chat whose owed edition this worker wrote as rows (see _owe_next).
        self._owed_after: int | None = None
        self._exhausted = False
        self._last_poll = 0.0
        self._outcomes: list[Outcome] = []
        self._blocked_chats: set[int] = set()
        self._new_rows = False
        self._kick = asyncio.Event()
        self._stop_event = asyncio.Event()
        self._flush_wake = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._progress = asyncio.Condition()
        self._dispatcher: asyncio.Task[None] | None = None
        self._flusher: asyncio.Task[None] | None = None
        self._stopping = False
        self._lease_told = False
        # Outage: failures in a row (no success between), their chats, the pause and its next length.
        self._streak = 0
        self._streak_chats: set[int] = set()
        self._outage_since: float | None = None
        self._outage_pause = OUTAGE_FIRST_PAUSE_S
        self._paused_until = 0.0
        # Mass "gone": recent answers (time, gone?), verdicts held back, and the probing state.
        self._answers: deque[tuple[float, bool]] = deque()
        self._held: list[_Held] = []
        self._mass_since: float | None = None
        self._admins_told_at: float | None = None
        self._flush_failing = False
        # Rows whose pending state was last read at _checked_at, and those of them still pending then.
        self._checked: set[int] = set()
        self._still_pending: set[int] = set()
        self._checked_at = float("-inf")
        self._check_lock = asyncio.Lock()
        self._check_failing = False
        self._load_fault: str | None = None  # the fault last said of loading the outbox, while it lasts
        # Outcomes being committed, how many commits of outcomes were made, and those of the latest
        # commits that a loading of pending rows begun earlier may not show (see _owed_again, idle).
        self._recording: list[Outcome] = []
        self._commits = 0
        self._recorded: list[tuple[int, list[Outcome]]] = []

    # -- lifecycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._dispatcher is not None:
            return
        self._stopping = False
        self._stop_event.clear()
        self._take_lease()
        self._flusher = asyncio.create_task(self._flush_loop(), name="nashra-outbox-flush")
        self._dispatcher = asyncio.create_task(self._dispatch_loop(), name="nashra-outbox-dispatch")

    async def stop(self, grace: float = STOP_GRACE_S) -> None:
        """Stop sending now: sends in flight get ``grace`` seconds, then outcomes are committed.

        Whatever ``retry_after`` or a backoff says, no new send starts once this is called; rows not
        sent keep their ``not_before`` and stay pending for the next run. Sends still waiting for their
        turn end at once (:meth:`_wait_before_send`): only a request under way gets the grace.
        """
        if self._dispatcher is None:
            return
        self._stopping = True
        self._stop_event.set()
        self._kick.set()
        with contextlib.suppress(asyncio.CancelledError):
            await self._dispatcher
        self._dispatcher = None
        if self._tasks:
            _, late = await asyncio.wait(set(self._tasks), timeout=grace)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late)
                log.warning("%d sends were still in flight at stop; their rows stay pending", len(late))
        # Let a group commit in progress finish (cancelling it would roll back outcomes already
        # reported by Telegram, and those messages would be sent again), then commit the rest.
        self._flush_wake.set()
        if self._flusher is not None:
            await self._flusher
            self._flusher = None
        await self._flush()
        if self._outcomes:
            log.error(
                "%d delivery outcomes could not be saved; up to %d messages may be sent again",
                len(self._outcomes),
                sum(o.settles for o in self._outcomes),
            )
        self.lease.release()

    def wake(self) -> None:
        """New rows were owed: look for them now (alerts overtake the digest rows already loaded)."""
        self._exhausted = False
        self._new_rows = True
        self._kick.set()

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    @property
    def stopped(self) -> bool:
        return self._stopping

    @property
    def sending(self) -> bool:
        """Whether this worker holds the database's sender lease (else it only owes)."""
        return self.lease.held

    async def wait_progress(self, timeout: float) -> None:
        """Return after the next commit of outcomes, or after ``timeout``."""
        async with self._progress:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._progress.wait(), timeout)

    async def idle(self) -> bool:
        """True when nothing is loaded, in flight, uncommitted or pending in the database.

        Outcomes being committed count as uncommitted: the database, read on this connection while
        their transaction is open, already shows the rows they settle, not yet a gone chat marked
        blocked (:meth:`OutboxStore.record`)."""
        if self._rows or self._tasks or self._outcomes or self._recording or self._held:
            return False
        return await self.store.pending_count() == 0

    # -- the lease ----------------------------------------------------------------------------------

    def _take_lease(self) -> bool:
        if self.lease.acquire():
            if self._lease_told:
                log.info("this process now sends from the database")
                self._lease_told = False
            return True
        if not self._lease_told:
            holder = self.lease.holder() or "another process"
            if self.announce_lease:
                log.warning(
                    "%s is sending from this database; this one only owes messages until it stops", holder
                )
            self._lease_told = True
        return False

    # -- loading and choosing -----------------------------------------------------------------------

    async def _refill(self) -> None:
        self._last_poll = self.clock()
        commits = self._commits  # outcomes committed before now are in what is read below
        loaded = 0
        for priority in PRIORITIES:
            room = self.capacity - len(self._rows)
            if room <= 0 and priority != PRIORITIES[0]:
                break
            rows = await self.store.load_pending(priority, self._cursors[priority], max(room, 100))
            if priority == PRIORITY_DIGEST and len(rows) < room and await self._owe_next():
                after = max([self._cursors[priority], *(row.id for row in rows)])
                rows += await self.store.load_pending(priority, after, max(room - len(rows), 100))
            unread = self._outcomes_unread(commits) if rows else {}
            for row in rows:
                self._cursors[priority] = max(self._cursors[priority], row.id)
                if row.id in self._rows or self._owed_again(row, unread):
                    continue
                held = self._held_for(row.chat_id)
                if held is not None:
                    # Kept with the chat's verdict: blocked with it, or sent if that verdict is withdrawn
                    # (the cursor moves past it, so nothing else would load it again).
                    if row.id != held.row.id and all(o.id != row.id for o in held.others):
                        held.others.append(row)
                    continue
                self._add(row)
                loaded += 1
        self._recorded = [(n, batch) for n, batch in self._recorded if n > commits]
        self._exhausted = loaded == 0

    async def _owe_next(self) -> bool:
        """Write the rows of the next batch of digests owed by reference (the digest queue runs low:
        :func:`nashra.storage.outbox.materialize_owed`), going on in chat id order from the last
        batch, and from the first chat again once past the last; whether any row was written."""
        after, ids = await self.store.owe_next(self._owed_after)
        if after is None and self._owed_after is not None:
            after, ids = await self.store.owe_next(None)
        self._owed_after = after
        return ids is not None

    def _outcomes_unread(self, commits: int) -> dict[MessageKey, Outcome]:
        """The latest outcome of each message that a reading begun after ``commits`` commits of
        outcomes may not show: not committed yet, or committed since."""
        recent = [o for n, batch in self._recorded if n > commits for o in batch]
        return {o.key: o for o in (*recent, *self._recording, *self._outcomes) if o.key is not None}

    def _owed_again(self, row: OutboxRow, unread: dict[MessageKey, Outcome]) -> bool:
        """Whether ``row``, just loaded, is a message this worker already has in hand under the id it
        had before its chat paused and resumed (/resume owes a held message again under a new id,
        :func:`nashra.storage.outbox.owe_held_again`); True when it is not to be loaded.

        Held in memory (waiting, or being sent: a send under way when the chat paused), the row there
        takes the new id and goes on from its own state, so its outcome is the new row's and the
        message is not sent twice. Settled by an outcome the reading may not show (delivered a moment
        ago), it is not loaded: recording that outcome settles the new row too
        (:meth:`OutboxStore.record`). A piece delivered or a retry not shown yet carries over.
        """
        key = row.key
        same = next((r for r in self._chat_queue(row.chat_id) if r.key == key and r.id < row.id), None)
        if same is not None:
            state = self._state.get(same.id)
            self._take(same)
            same.id = row.id
            self._add(same)
            if state is not None:
                self._state[same.id] = state
            return True
        outcome = unread.get(key)
        if outcome is None:
            return False
        if outcome.final:
            return True
        row.attempts = outcome.attempts
        row.sent_offset = outcome.sent_offset
        row.not_before = outcome.not_before
        return False

    def _add(self, row: OutboxRow) -> None:
        self._rows[row.id] = row
        heapq.heappush(self._chat_rows.setdefault(row.chat_id, []), (-row.priority, row.id))
        if row.not_before:
            moment = from_db_time(row.not_before)
            if moment is not None:
                delay = (moment - datetime.now(UTC)).total_seconds()
                if delay > 0:
                    self.governor.defer_chat(row.chat_id, self.clock() + delay)
        self._schedule(row.chat_id)

    def _schedule(self, chat_id: int) -> None:
        """Queue the chat's head row as ready now or at the moment its limits allow."""
        queue = self._chat_rows.get(chat_id)
        if not queue or chat_id in self._busy:
            return
        head = self._rows[queue[0][1]]
        ready_at = self.governor.chat_ready_at(chat_id, head.is_group)
        if ready_at <= self.clock():
            heapq.heappush(self._ready, (queue[0][0], queue[0][1], chat_id))
        else:
            heapq.heappush(self._waiting, (ready_at, chat_id))

    def _next_row(self) -> OutboxRow | None:
        now = self.clock()
        while self._waiting and self._waiting[0][0] <= now:
            _, chat_id = heapq.heappop(self._waiting)
            self._schedule(chat_id)
        while self._ready:
            neg_priority, row_id, chat_id = self._ready[0]
            queue = self._chat_rows.get(chat_id)
            if chat_id in self._busy or not queue or queue[0] != (neg_priority, row_id):
                heapq.heappop(self._ready)  # stale entry: the chat's head changed or it is being served
                continue
            row = self._rows[row_id]
            if self.governor.chat_ready_at(chat_id, row.is_group) > now:
                heapq.heappop(self._ready)
                self._schedule(chat_id)
                continue
            return row
        return None

    def _take(self, row: OutboxRow) -> None:
        """Remove a row from the in-memory queues (it is finished or moved)."""
        self._rows.pop(row.id, None)
        self._state.pop(row.id, None)
        queue = self._chat_rows.get(row.chat_id)
        if queue:
            with contextlib.suppress(ValueError):
                queue.remove((-row.priority, row.id))
                heapq.heapify(queue)
            if not queue:
                del self._chat_rows[row.chat_id]

    def _chat_queue(self, chat_id: int) -> list[OutboxRow]:
        return [self._rows[i] for _, i in self._chat_rows.get(chat_id, [])]

    # -- the loops ------------------------------------------------------------------------------------

    async def _nap(self, seconds: float) -> None:
        """Wait up to ``seconds`` for new work, an outcome or a stop (whatever happened since the loop
        last looked at its state, which is when the event was cleared)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._kick.wait(), max(0.0, seconds))

    async def _dispatch_loop(self) -> None:
        while not self._stopping:
            self._kick.clear()
            if not self.lease.held and not self._take_lease():
                await self._nap(LEASE_RETRY_S)
                continue
            try:
                if self._new_rows:
                    self._new_rows = False
                    await self._refill()
                elif len(self._rows) < self.capacity // 2 and (
                    not self._exhausted or self.clock() - self._last_poll >= IDLE_POLL_S
                ):
                    await self._refill()
            except Exception as exc:
                # Said once while the same fault lasts (a file replaced under the bot stays so until
                # a restart), not at every poll.
                if str(exc) != self._load_fault:
                    log.error("cannot read the outbox (%s); trying again every %.0f s", exc, IDLE_POLL_S)
                    self._load_fault = str(exc)
                await self._nap(IDLE_POLL_S)
                continue
            if self._load_fault is not None:
                log.info("the outbox can be read again")
                self._load_fault = None
            self._release_held()
            now = self.clock()
            paused = max(self._paused_until, self.governor.global_ready_at() - BOOK_AHEAD_S) - now
            if paused > 0:
                await self._nap(min(paused, IDLE_POLL_S))
                continue
            if self.unsaved >= self.window:
                # Outcomes not yet saved fill the in-flight window: a crash now would repeat them all.
                await self._nap(IDLE_POLL_S)
                continue
            if (self._outage_since is not None or self._mass_since is not None) and self._tasks:
                await self._nap(IDLE_POLL_S)  # probing: one send at a time
                continue
            row = self._next_row()
            if row is None:
                timeout = IDLE_POLL_S
                if self._waiting:
                    timeout = min(timeout, max(0.0, self._waiting[0][0] - now))
                if self._held and self._mass_since is None:  # a gone chat is marked when its hold ends
                    timeout = min(timeout, max(0.0, self._held[0].at + GONE_HOLD_S - now))
                await self._nap(timeout)
                continue
            paid = self._paid(row)
            if self.governor.callers_waiting and not paid:
                await self._nap(BOOK_AHEAD_S)  # a reply waits for a slot: it goes first
                continue
            wait = self.governor.peek(row.chat_id, row.is_group, paid) - self.clock()
            if wait > BOOK_AHEAD_S:
                await self._nap(wait - BOOK_AHEAD_S)  # booked just ahead: a reply or an alert may come first
                continue
            start = self.governor.reserve(row.chat_id, row.is_group, paid)
            heapq.heappop(self._ready)
            self._busy.add(row.chat_id)
            self.unsaved += 1
            task = asyncio.create_task(self._send(row, start), name=f"nashra-outbox-send-{row.id}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _send(self, row: OutboxRow, start: float) -> None:
        chat_id = row.chat_id
        settled_later = False
        try:
            # Booked slots follow each other exactly: a wake-up a little late does not shift the next.
            delay = start - self.clock()
            if delay > 0:
                await self._wait_before_send(delay)
            # The outbox is read (if due) before the actual start is checked and counted: a reading
            # slower than a slot holds up the sends booked meanwhile, and the governor must see when
            # they really start (see RateGovernor.wait_to_start).
            if self._stopping or await self._withdrawn(row):
                return
            paid = self._paid(row)
            while (
                not self._stopping
                and (held := self.governor.wait_to_start(chat_id, paid, behind_callers=True)) > 0
            ):
                await self._wait_before_send(held)
            if self._stopping:
                return  # booked before stop, due after it: no new send starts once stop is called
            self.governor.begin(chat_id, paid)
            try:
                settled_later = await self._deliver(row)
            finally:
                self.governor.finished(chat_id)
        except Exception:
            log.exception("unexpected error sending outbox row %d; it stays pending", row.id)
            self.governor.defer_chat(chat_id, self.clock() + IDLE_POLL_S)
        finally:
            if not settled_later:
                self.unsaved -= 1
            self._busy.discard(chat_id)
            if not self._is_held(chat_id):
                self._schedule(chat_id)
            if row.chat_id != chat_id:
                self._schedule(row.chat_id)
            self._kick.set()

    async def _wait_before_send(self, seconds: float) -> None:
        """Wait ``seconds`` for a send's turn, or until :meth:`stop` is called: a send waiting for its
        turn (a booked slot, Telegram's ``retry_after``) is no send in flight, and ends at the stop
        rather than after the grace that sends under way get; its row stays pending."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._stop_event.wait()

    async def _withdrawn(self, row: OutboxRow) -> bool:
        """True when ``row``, about to be sent, is no longer pending in the outbox (see ``RECHECK_S``);
        it is then dropped from memory, unsent.

        The rows in memory are read again together, at most once per ``RECHECK_S``, and every row found
        withdrawn is dropped then (all of a stopped chat's waiting rows at once), except those being
        sent. A row loaded after the last reading was pending when it was loaded, which is newer.
        """
        if self.clock() - self._checked_at > RECHECK_S:
            async with self._check_lock:
                if self.clock() - self._checked_at > RECHECK_S:
                    await self._read_again(row)
        if row.id in self._checked and row.id not in self._still_pending:
            self._take(row)
            return True
        return False

    async def _read_again(self, row: OutboxRow) -> None:
        """Read the pending state of the rows in memory and drop the withdrawn ones (but ``row``'s chat's,
        other than ``row``, while it is being sent); committed state only, read without waiting for a
        write under way.

        When the outbox cannot be read, sending goes on from the last reading (said once): no
        withdrawal can be committed to that file either.
        """
        ids = list(self._rows)
        try:
            reading = await self.store.still_pending(ids)
        except StorageError as exc:
            if not self._check_failing:
                log.error("cannot read the outbox again before sending (%s); sending from what was read", exc)
            self._check_failing = True
            self._checked_at = self.clock()
            return
        self._check_failing = False
        self._still_pending = reading
        self._checked = set(ids)
        self._checked_at = self.clock()
        gone = [
            r for i in self._checked - self._still_pending
            if (r := self._rows.get(i)) is not None and (r is row or r.chat_id not in self._busy)
        ]  # fmt: skip
        for dropped in gone:
            self._take(dropped)
        for chat_id in {dropped.chat_id for dropped in gone}:
            self._schedule(chat_id)  # the next row of a chat whose head was dropped
        if gone:
            log.info("%d outbox rows were withdrawn before their turn; not sent", len(gone))

    def _piece(self, row: OutboxRow) -> tuple[str, int]:
        """The text to send next for ``row`` and the offset in its text where it ends."""
        state = self._state.get(row.id)
        limit = state.limit if state else MAX_TEXT_UNITS
        # A late alert sent whole opens with the time it was issued (nashra.delivery.late); the
        # offset returned counts in the stored text all the same.
        late = late_markup(row, datetime.now(UTC), row.timezone or self.timezone, limit)
        if late is not None:
            return late, len(row.text)
        if row.sent_offset == 0 and fits(row.text, limit):
            return row.text, len(row.text)
        pieces = split_html(row.text, limit, start=row.sent_offset)
        if not pieces:
            return "", len(row.text)
        first: Piece = pieces[0]
        return first.markup, first.end

    async def _deliver(self, row: OutboxRow) -> bool:
        """Send the next piece of ``row`` and act on the answer; True when the outcome awaits its commit."""
        markup, end = self._piece(row)
        state = self._state.get(row.id)
        plain = bool(state and state.plain)
        if not visible_text(markup).strip():
            self._finish(row, Outcome(row.id, "sent", row.attempts, None, None, sent_offset=end))
            return False
        more = end < len(row.text) and bool(visible_text(row.text[end:]).strip())
        keyboard = None if more or self.buttons is None else self.buttons(row)
        try:
            message = await self.bot.send_message(
                chat_id=row.chat_id,
                text=visible_text(markup) if plain else markup,
                parse_mode=None if plain else ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=not row.link_preview),
                message_thread_id=row.thread_id,
                allow_paid_broadcast=True if self._paid(row) else None,
                reply_markup=keyboard,
                **self._call_args,
            )
        except Exception as exc:
            return await self._refused(row, classify(exc))
        self._answered(delivered=True)
        self.stats.pieces += 1
        if more:
            row.sent_offset = end
            self._outcomes.append(
                Outcome(
                    row.id,
                    "pending",
                    row.attempts,
                    None,
                    message.message_id,
                    sent_offset=end,
                    settles=True,
                    key=row.key,
                )
            )
            self._flush_wake.set()
            return True
        self.stats.sent += 1
        outcome = Outcome(row.id, "sent", row.attempts + 1, None, message.message_id, sent_offset=end)
        outcome.settles = True
        self._finish(row, outcome)
        return True

    async def _refused(self, row: OutboxRow, verdict: Verdict) -> bool:
        """Act on a failed send (see the module docstring); True when an outcome awaits its commit."""
        meaning = verdict.meaning
        if not verdict.outage_sign:
            self._answered(gone=meaning is Meaning.GONE)
        if meaning is Meaning.RETRY_LATER:
            self.stats.rate_limited += 1
            self.governor.retry_after(row.chat_id, verdict.retry_after)
            log.warning("Telegram asked to wait %.0fs (chat %d)", verdict.retry_after, row.chat_id)
            self._outcomes.append(
                Outcome(row.id, "pending", row.attempts, verdict.reason, None, _later(verdict.retry_after),
                        sent_offset=row.sent_offset, key=row.key)
            )  # fmt: skip
            self._flush_wake.set()
        elif meaning is Meaning.MIGRATED:
            assert verdict.new_chat_id is not None
            self.stats.migrated += 1
            await self._migrate(row.chat_id, verdict.new_chat_id)
        elif meaning is Meaning.GONE:
            self._gone(row, verdict)
        elif meaning is Meaning.THREAD_GONE and row.thread_id is not None:
            await self._thread_gone(row)
        elif meaning is Meaning.TOO_LONG:
            self._resplit(row, verdict)
        elif meaning is Meaning.BAD_MARKUP and not self._state.setdefault(row.id, _Sending()).plain:
            log.warning("outbox row %d: Telegram cannot parse its HTML (%s); sending it as plain text",
                        row.id, verdict.reason)  # fmt: skip
            self._state[row.id].plain = True
        elif verdict.outage_sign:
            self._failed_maybe_outage(row, verdict)
        else:
            self._fail(row, verdict.reason)
        return False

    # -- what an answer means -----------------------------------------------------------------------

    def _fail(self, row: OutboxRow, reason: str) -> None:
        self.stats.failed += 1
        log.error("outbox row %d to chat %d failed: %s", row.id, row.chat_id, reason)
        self._finish(row, Outcome(row.id, "failed", row.attempts + 1, reason, sent_offset=row.sent_offset))

    def _resplit(self, row: OutboxRow, verdict: Verdict) -> None:
        state = self._state.setdefault(row.id, _Sending())
        markup, _ = self._piece(row)
        refused = min(state.limit, len(visible_text(markup)))
        if refused <= MIN_PIECE_UNITS:
            self._fail(row, verdict.reason)
            return
        state.limit = max(MIN_PIECE_UNITS, refused * 3 // 4)
        log.warning("outbox row %d refused as too long; re-split at %d units", row.id, state.limit)

    def _failed_maybe_outage(self, row: OutboxRow, verdict: Verdict) -> None:
        """A failure that an outage could explain: pause everything, or charge the row an attempt."""
        now = self.clock()
        self._streak += 1
        self._streak_chats.add(row.chat_id)
        if verdict.meaning is Meaning.UNKNOWN:
            self.stats.unknown_outcomes += 1
        if self._outage_since is None and (
            verdict.meaning is Meaning.UNAUTHORIZED
            or (self._streak >= OUTAGE_FAILURES and len(self._streak_chats) >= 2)
        ):
            self._outage_since = now
            self._outage_pause = OUTAGE_FIRST_PAUSE_S
            self.stats.outages += 1
            log.warning(
                "the Bot API is failing (%d sends in a row on %d chats; last: %s); pausing all sending",
                self._streak,
                len(self._streak_chats),
                verdict.reason,
            )
        if self._outage_since is not None and self._paused_until <= now:
            # A probe failed (or the outage just began): wait longer before the next one.
            self._paused_until = now + self._outage_pause
            self._outage_pause = min(OUTAGE_MAX_PAUSE_S, self._outage_pause * 2)
        if verdict.meaning is Meaning.UNKNOWN and not self.config.retry_unknown_outcome:
            # Configured never to send twice: what may have arrived is not sent again, outage or not.
            self._fail(row, f"{verdict.reason}; it may have been delivered, so it is not sent again")
            return
        outage = self._outage_since is not None
        if outage and verdict.meaning is not Meaning.UNKNOWN:
            return  # not delivered and not the row's fault: it keeps its attempts and its place
        attempts = row.attempts + 1
        if attempts >= self.config.max_attempts and not outage:
            self._fail(row, f"{verdict.reason} (after {attempts} attempts)")
            return
        # A probe that may have been delivered (an unreadable answer, a reset): its chat waits out its
        # backoff, so the next probes go to other chats instead of repeating this message to this one.
        # An outage fails no row for good; the attempts only count once it is over.
        self.stats.retried += 1
        backoff = min(MAX_BACKOFF_S, self.config.retry_base_seconds * 2 ** (min(attempts, 16) - 1))
        backoff *= 0.8 + 0.4 * random.random()
        self.governor.defer_chat(row.chat_id, now + backoff)
        row.attempts = attempts
        self._outcomes.append(
            Outcome(
                row.id,
                "pending",
                attempts,
                verdict.reason,
                None,
                _later(backoff),
                sent_offset=row.sent_offset,
                key=row.key,
            )
        )
        self._flush_wake.set()

    def _answered(self, *, delivered: bool = False, gone: bool = False) -> None:
        """The Bot API answered (delivered, or refused for a reason of the chat): no outage."""
        now = self.clock()
        if self._outage_since is not None:
            log.info("the Bot API answers again after %.0fs; sending resumes", now - self._outage_since)
            self._outage_since = None
            self._paused_until = 0.0
        self._streak = 0
        self._streak_chats.clear()
        self._answers.append((now, gone))
        while self._answers and now - self._answers[0][0] > MASS_WINDOW_S:
            self._answers.popleft()
        if delivered and self._mass_since is not None:
            log.info("messages are delivered again; chats answering 'gone' are believed from now on")
            self._mass_since = None
            self._paused_until = 0.0

    def _gone(self, row: OutboxRow, verdict: Verdict) -> None:
        """Hold the chat as gone for :data:`GONE_HOLD_S`, unless the answers look like a mass refusal."""
        now = self.clock()
        if self._mass_since is not None:
            # Paused for a mass refusal: a send that was in flight proves nothing; a probe that comes
            # back "gone" puts that chat aside and waits a little before the next probe.
            if self._paused_until <= now:
                self.governor.defer_chat(row.chat_id, now + MASS_PAUSE_S)
                self._paused_until = now + MASS_PROBE_EVERY_S
            return
        others = [r for r in self._chat_queue(row.chat_id) if r.id != row.id]
        for other in [row, *others]:
            self._take(other)
        self._held.append(
            _Held(now, row, Outcome(row.id, "blocked", row.attempts + 1, verdict.reason, key=row.key), others)
        )
        gone = sum(1 for _, g in self._answers if g)
        if gone >= self._mass_threshold() and gone >= MASS_SHARE * len(self._answers):
            self._mass_block(now, gone, len(self._answers))

    def _mass_threshold(self) -> int:
        """How many "gone" answers in :data:`MASS_WINDOW_S` make a mass refusal: :data:`MASS_MIN_GONE`, or
        for a smaller audience (the chats owed something now) :data:`MASS_SHARE` of it, at least
        :data:`MASS_MIN_AUDIENCE_GONE`: ten subscribers all "gone" within a second are a proxy refusing
        everything, not ten people leaving at once."""
        audience = len(self._chat_rows) + len(self._held)
        return min(MASS_MIN_GONE, max(MASS_MIN_AUDIENCE_GONE, math.ceil(MASS_SHARE * audience)))

    def _mass_block(self, now: float, gone: int, answers: int) -> None:
        """Most answers say "gone": mark nobody, pause, tell the admins; probes decide afterwards."""
        self._mass_since = now
        self._paused_until = now + MASS_PAUSE_S
        log.error(
            "%d of the last %d answers say the chat is gone (blocked, kicked, not found): that is no "
            "audience leaving but the way to Telegram (a proxy, the token); nobody is marked, sending "
            "pauses for %.0fs, then one probe at a time",
            gone,
            answers,
            MASS_PAUSE_S,
        )
        for held in self._held:
            for back in (held.row, *held.others):
                if back.id not in self._rows:
                    self._add(back)
        self._held.clear()
        self._answers.clear()
        if self.admins and (self._admins_told_at is None or now - self._admins_told_at > 3600):
            self._admins_told_at = now
            notice = asyncio.create_task(self._tell_admins(gone, answers), name="nashra-outbox-admins")
            self._tasks.add(notice)
            notice.add_done_callback(self._tasks.discard)

    async def _tell_admins(self, gone: int, answers: int) -> None:
        for admin in self.admins:
            try:
                await self.bot.send_message(  # paced by the bot's rate limiter like any reply
                    admin,
                    catalogue("ar", "delivery_mass_gone", gone=gone, answers=answers),
                    parse_mode=ParseMode.HTML,
                )
            except Exception as exc:
                log.error("cannot tell admin %s that delivery is paused: %s", admin, classify(exc).reason)

    def _held_for(self, chat_id: int) -> _Held | None:
        return next((held for held in self._held if held.row.chat_id == chat_id), None)

    def _is_held(self, chat_id: int) -> bool:
        return self._held_for(chat_id) is not None

    def _release_held(self) -> None:
        """Gone verdicts held long enough, with no mass refusal meanwhile, become blocked chats."""
        if not self._held or self._mass_since is not None:
            return
        now = self.clock()
        ready = [held for held in self._held if now - held.at >= GONE_HOLD_S]
        if not ready:
            return
        self._held = [held for held in self._held if now - held.at < GONE_HOLD_S]
        for held in ready:
            self.stats.blocked += 1
            self._blocked_chats.add(held.row.chat_id)
            self._outcomes.append(held.outcome)
        self._flush_wake.set()

    async def _thread_gone(self, row: OutboxRow) -> None:
        thread_id = row.thread_id
        assert thread_id is not None
        language = row.language if row.language in ("ar", "en") else "ar"
        codes = await self.store.topic_codes(row.chat_id, thread_id)
        names = "، ".join(display_name(code, language, in_header=True) for code in codes) or "—"
        notice = NewMessage(
            row.chat_id,
            "alert",
            f"notice:topic-gone:{thread_id}",
            0,
            catalogue(language, "topic_gone", names=names),
            PRIORITY_ALERT,
        )
        await self.store.drop_topic(row.chat_id, thread_id, notice)
        log.warning("forum topic %d of chat %d is gone; its news goes to General now", thread_id, row.chat_id)
        for other in self._chat_queue(row.chat_id):
            if other.thread_id == thread_id:
                other.thread_id = None
        row.thread_id = None
        self.wake()

    def _paid(self, row: OutboxRow) -> bool:
        """Only alerts are sent as paid broadcasts, and only when the config allows it."""
        return self.paid_broadcast and row.kind == "alert"

    def _finish(self, row: OutboxRow, outcome: Outcome) -> None:
        outcome.key = row.key
        self._take(row)
        self._outcomes.append(outcome)
        self._flush_wake.set()

    async def _migrate(self, old: int, new: int) -> None:
        """Move the chat and its rows to the new id, in the database and in memory, then resend."""
        log.info("chat %d became supergroup %d; moving its subscription", old, new)
        await SubscriberStore(self.store.db).migrate_chat(old, new)
        for row in self._chat_queue(old):
            self._take(row)
            row.chat_id = new
            row.chat_kind = "supergroup"
            clash = any(
                r.chat_id == new and r.slot == row.slot and r.part == row.part for r in self._rows.values()
            )
            if not clash:
                self._add(row)

    async def _flush_loop(self) -> None:
        while not self._stopping:
            await self._flush_wake.wait()
            self._flush_wake.clear()
            await self._flush()
            if self._flush_failing and not self._stopping:
                await asyncio.sleep(0.5)  # the disk or a lock refused the last commit: try again soon
                self._flush_wake.set()

    async def _flush(self) -> None:
        if not self._outcomes and not self._blocked_chats:
            return
        outcomes, self._outcomes = self._outcomes, []
        blocked, self._blocked_chats = self._blocked_chats, set()
        self._recording = outcomes
        try:
            await self.store.record(outcomes, blocked)
        except Exception as exc:
            self._recording = []
            if not self._flush_failing:
                log.error(
                    "cannot record %d delivery outcomes (%s); sending pauses until they are saved",
                    len(outcomes),
                    exc,
                )
            self._flush_failing = True
            self._outcomes[:0] = outcomes
            self._blocked_chats |= blocked
            return
        self._recording = []
        self._commits += 1
        self._recorded.append((self._commits, outcomes))
        if self._flush_failing:
            log.info("delivery outcomes are saved again; sending resumes")
            self._flush_failing = False
        self.unsaved -= sum(1 for o in outcomes if o.settles)
        self._kick.set()
        async with self._progress:
            self._progress.notify_all()


def _later(seconds: float) -> str:
    return to_db_time(datetime.now(UTC) + timedelta(seconds=seconds))
