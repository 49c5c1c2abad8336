"""The outbox worker: sends pending rows through ``telegram.Bot`` within Telegram's limits.

One dispatcher picks the next chat that may receive a message (alerts before broadcasts before
digests, oldest first), books a start time with the :class:`RateGovernor`, and hands the send to a
task; up to ``delivery.max_in_flight`` sends overlap, so the configured rate is reached whatever the
latency of one request. One chat never has two sends in flight, so the parts of a digest arrive in
order. Outcomes are committed by a separate group-commit task (see :mod:`nashra.storage.outbox` for
the exactly-once argument and its in-flight window).
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from nashra.config import DeliveryConfig
from nashra.delivery.ratelimit import RateGovernor
from nashra.storage.db import from_db_time, to_db_time
from nashra.storage.outbox import PRIORITIES, OutboxRow, OutboxStore, Outcome

log = logging.getLogger(__name__)

MAX_BACKOFF_S = 300.0
IDLE_POLL_S = 2.0


@dataclass
class SenderStats:
    """Counters since start, for logs, the CLI and the benchmark."""

    sent: int = 0
    blocked: int = 0
    failed: int = 0
    retried: int = 0
    rate_limited: int = 0
    migrated: int = 0


def retry_seconds(value: int | float | timedelta) -> float:
    """``RetryAfter.retry_after`` is an int, or a timedelta since python-telegram-bot 22.2."""
    if isinstance(value, timedelta):
        return max(0.0, value.total_seconds())
    return max(0.0, float(value))


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
    ) -> None:
        self.bot = bot
        self.store = store
        self.config = config
        self.paid_broadcast = paid_broadcast
        self.governor = RateGovernor(
            config.global_per_second, config.per_chat_per_second, config.group_per_minute, clock=clock
        )
        if paid_broadcast:
            self.governor.allow_paid(config.paid_global_per_second)
        self.clock = clock
        self.stats = SenderStats()
        self.capacity = max(1000, 4 * config.max_in_flight)
        self._rows: dict[int, OutboxRow] = {}
        self._chat_rows: dict[int, list[tuple[int, int]]] = {}
        self._ready: list[tuple[int, int, int]] = []
        self._waiting: list[tuple[float, int]] = []
        self._deferred: dict[int, float] = {}
        self._busy: set[int] = set()
        self._cursors = dict.fromkeys(PRIORITIES, 0)
        self._exhausted = False
        self._last_poll = 0.0
        self._outcomes: list[Outcome] = []
        self._blocked_chats: set[int] = set()
        self._new_rows = False
        self._kick = asyncio.Event()
        self._flush_wake = asyncio.Event()
        self._slots = asyncio.Semaphore(config.max_in_flight)
        self._tasks: set[asyncio.Task[None]] = set()
        self._progress = asyncio.Condition()
        self._dispatcher: asyncio.Task[None] | None = None
        self._flusher: asyncio.Task[None] | None = None
        self._stopping = False

    # -- lifecycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._dispatcher is not None:
            return
        self._stopping = False
        self._flusher = asyncio.create_task(self._flush_loop(), name="nashra-outbox-flush")
        self._dispatcher = asyncio.create_task(self._dispatch_loop(), name="nashra-outbox-dispatch")

    async def stop(self, timeout: float = 10.0) -> None:
        """Stop dispatching, let sends in flight finish (up to ``timeout``), commit their outcomes."""
        if self._dispatcher is None:
            return
        self._stopping = True
        self._kick.set()
        with contextlib.suppress(asyncio.CancelledError):
            await self._dispatcher
        self._dispatcher = None
        if self._tasks:
            _, late = await asyncio.wait(set(self._tasks), timeout=timeout)
            for task in late:
                task.cancel()
        # Let a group commit in progress finish (cancelling it would roll back outcomes already
        # reported by Telegram, and those messages would be sent again), then commit the rest.
        self._flush_wake.set()
        if self._flusher is not None:
            await self._flusher
            self._flusher = None
        await self._flush()

    def wake(self) -> None:
        """New rows were owed: look for them now (alerts overtake the digest rows already loaded)."""
        self._exhausted = False
        self._new_rows = True
        self._kick.set()

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    async def wait_progress(self, timeout: float) -> None:
        """Return after the next commit of outcomes, or after ``timeout``."""
        async with self._progress:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._progress.wait(), timeout)

    async def idle(self) -> bool:
        """True when nothing is loaded, in flight, uncommitted or pending in the database."""
        if self._rows or self._tasks or self._outcomes:
            return False
        return await self.store.pending_count() == 0

    # -- loading and choosing -----------------------------------------------------------------------

    async def _refill(self) -> None:
        self._last_poll = self.clock()
        loaded = 0
        for priority in PRIORITIES:
            room = self.capacity - len(self._rows)
            if room <= 0 and priority != PRIORITIES[0]:
                break
            rows = await self.store.load_pending(priority, self._cursors[priority], max(room, 100))
            for row in rows:
                self._cursors[priority] = max(self._cursors[priority], row.id)
                if row.id not in self._rows:
                    self._add(row)
                    loaded += 1
        self._exhausted = loaded == 0

    def _add(self, row: OutboxRow) -> None:
        self._rows[row.id] = row
        heapq.heappush(self._chat_rows.setdefault(row.chat_id, []), (-row.priority, row.id))
        if row.not_before:
            moment = from_db_time(row.not_before)
            if moment is not None:
                delay = (moment - datetime.now(UTC)).total_seconds()
                if delay > 0:
                    self._defer(row.chat_id, self.clock() + delay)
        self._schedule(row.chat_id)

    def _defer(self, chat_id: int, until: float) -> None:
        self._deferred[chat_id] = max(self._deferred.get(chat_id, 0.0), until)
        self.governor.defer_chat(chat_id, until)

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
            neg_priority, row_id, chat_id = heapq.heappop(self._ready)
            queue = self._chat_rows.get(chat_id)
            if chat_id in self._busy or not queue or queue[0] != (neg_priority, row_id):
                continue  # stale entry: the chat's head changed or it is being served
            row = self._rows[row_id]
            if self.governor.chat_ready_at(chat_id, row.is_group) > now:
                self._schedule(chat_id)
                continue
            return row
        return None

    def _take(self, row: OutboxRow) -> None:
        """Remove a row from the in-memory queues (it is finished or moved)."""
        self._rows.pop(row.id, None)
        queue = self._chat_rows.get(row.chat_id)
        if queue:
            with contextlib.suppress(ValueError):
                queue.remove((-row.priority, row.id))
                heapq.heapify(queue)
            if not queue:
                del self._chat_rows[row.chat_id]

    # -- the loops ------------------------------------------------------------------------------------

    async def _dispatch_loop(self) -> None:
        while not self._stopping:
            try:
                if self._new_rows:
                    self._new_rows = False
                    await self._refill()
                elif len(self._rows) < self.capacity // 2 and (
                    not self._exhausted or self.clock() - self._last_poll >= IDLE_POLL_S
                ):
                    await self._refill()
            except Exception:
                log.exception("cannot read the outbox; retrying in %.0fs", IDLE_POLL_S)
                await asyncio.sleep(IDLE_POLL_S)
                continue
            row = self._next_row()
            if row is None:
                timeout = IDLE_POLL_S
                if self._waiting:
                    timeout = min(timeout, max(0.0, self._waiting[0][0] - self.clock()))
                self._kick.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._kick.wait(), timeout)
                continue
            await self._slots.acquire()
            if self._stopping:
                self._slots.release()
                break
            start = self.governor.reserve(row.chat_id, row.is_group, self._paid(row))
            self._busy.add(row.chat_id)
            delay = start - self.clock()
            if delay > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(self._send(row))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _send(self, row: OutboxRow) -> None:
        chat_id = row.chat_id
        try:
            await self._deliver(row)
        except Exception:
            log.exception("unexpected error sending outbox row %d; it stays pending", row.id)
            self._defer(chat_id, self.clock() + IDLE_POLL_S)
        finally:
            self._slots.release()
            self._busy.discard(chat_id)
            self._schedule(chat_id)
            if row.chat_id != chat_id:
                self._schedule(row.chat_id)
            self._kick.set()

    async def _deliver(self, row: OutboxRow) -> None:
        attempts = row.attempts + 1
        try:
            message = await self.bot.send_message(
                chat_id=row.chat_id,
                text=row.text,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=not row.link_preview),
                message_thread_id=row.thread_id,
                allow_paid_broadcast=True if self._paid(row) else None,
            )
        except RetryAfter as exc:
            seconds = retry_seconds(exc.retry_after)
            self.stats.rate_limited += 1
            until = self.clock() + seconds
            self._defer(row.chat_id, until)
            if not self.governor.chat_pace_explains(row.chat_id):
                self.governor.pause_all(until)
            log.warning("Telegram asked to wait %.0fs (chat %d)", seconds, row.chat_id)
            outcome = Outcome(row.id, "pending", row.attempts, str(exc), None, _later(seconds))
            self._finish(row, outcome, False)
        except ChatMigrated as exc:
            self.stats.migrated += 1
            await self._migrate(row.chat_id, int(exc.new_chat_id))
        except Forbidden as exc:
            self.stats.blocked += 1
            self._blocked_chats.add(row.chat_id)
            self._finish(row, Outcome(row.id, "blocked", attempts, str(exc)), True)
            for other in [self._rows[i] for _, i in list(self._chat_rows.get(row.chat_id, []))]:
                self._take(other)
        except BadRequest as exc:
            # A subclass of NetworkError: malformed or too long, retrying cannot help.
            self.stats.failed += 1
            log.error("outbox row %d to chat %d refused: %s", row.id, row.chat_id, exc)
            self._finish(row, Outcome(row.id, "failed", attempts, str(exc)), True)
        except (NetworkError, TelegramError) as exc:
            if attempts >= self.config.max_attempts:
                self.stats.failed += 1
                log.error("outbox row %d failed after %d attempts: %s", row.id, attempts, exc)
                self._finish(row, Outcome(row.id, "failed", attempts, str(exc)), True)
                return
            self.stats.retried += 1
            backoff = min(MAX_BACKOFF_S, self.config.retry_base_seconds * 2 ** (attempts - 1))
            backoff *= 0.8 + 0.4 * random.random()
            self._defer(row.chat_id, self.clock() + backoff)
            row.attempts = attempts
            self._finish(row, Outcome(row.id, "pending", attempts, str(exc), None, _later(backoff)), False)
        else:
            self.stats.sent += 1
            self._finish(row, Outcome(row.id, "sent", attempts, None, message.message_id), True)

    def _paid(self, row: OutboxRow) -> bool:
        """Only alerts are sent as paid broadcasts, and only when the config allows it."""
        return self.paid_broadcast and row.kind == "alert"

    def _finish(self, row: OutboxRow, outcome: Outcome, done: bool) -> None:
        if done:
            self._take(row)
        self._outcomes.append(outcome)
        self._flush_wake.set()

    async def _migrate(self, old: int, new: int) -> None:
        """Move the chat and its rows to the new id, in the database and in memory, then resend."""
        log.info("chat %d became supergroup %d; moving its subscription", old, new)
        await self.store.migrate_chat(old, new)
        for _, row_id in list(self._chat_rows.get(old, [])):
            row = self._rows[row_id]
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

    async def _flush(self) -> None:
        if not self._outcomes and not self._blocked_chats:
            return
        outcomes, self._outcomes = self._outcomes, []
        blocked, self._blocked_chats = self._blocked_chats, set()
        try:
            await self.store.record(outcomes, blocked)
        except Exception:
            log.exception("cannot record %d delivery outcomes; retrying", len(outcomes))
            self._outcomes[:0] = outcomes
            self._blocked_chats |= blocked
            await asyncio.sleep(0.5)
            self._flush_wake.set()
            return
        async with self._progress:
            self._progress.notify_all()


def _later(seconds: float) -> str:
    return to_db_time(datetime.now(UTC) + timedelta(seconds=seconds))
