"""The background worker: summarizes stored sections that lack a summary, off the event loop.

Model work runs in a single dedicated thread, so the bot's event loop keeps answering commands while
a long batch is generated, and two batches never compete for the same CPU threads.

A batch waits while the worker is held (:meth:`SummaryWorker.held`): a /digest summarizing its sections
on the spot would otherwise share the CPU (and, extractively, the GIL) with the backlog. It waits at
most :data:`HOLD_LIMIT_S`, so /digests that overlap without a pause cannot keep the backlog waiting.

A configured model that cannot load (a folder not copied in yet, an unwritable cache), or that fails
on every section of a batch (a device lost, a file damaged after the load), summarizes nothing: its
backlog stays pending until it loads and works, rather than filling the model's cache with extractive
summaries that would stand for good once it does. Either failure is tried again after
``summarizer.engines.RETRY_FAILED_LOAD_S``, not at every batch (a broken model would spend the CPU on
batches that fail and log the same warning all day). A section the model fails on alone while it
summarizes the others gets its extractive summary (:meth:`SummaryWorker._model_results`). Digests
meanwhile summarize pending sections extractively on the spot (:mod:`nashra.digest.select`), so no
news waits for the model.

A model replaced in its folder while the bot runs is loaded in its place, in a thread of its own,
once its files have settled (:meth:`Summarizer.follow`, looked at before each batch, even while
nothing is pending under the old model's key): every stored section is then pending under the new
one's, as after a restart, and each summary is stored under the key of the model that wrote it.

Shutdown is prompt: :meth:`SummaryWorker.stop` sets an event that generation checks between batches
and before every encoder and decoder layer, so a running call ends within a layer (with CTranslate2,
whose batches cannot be interrupted, by killing the process the batch runs in:
summarizer.ct2_process) and stores nothing; the sections stay pending for the next start. A model
being read from disk cannot be interrupted either: the model's thread is a daemon
(:class:`ModelThread`), so the process ends without waiting for the load.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor, Future
from dataclasses import replace
from queue import SimpleQueue
from typing import Any

from nashra.storage.db import Database
from nashra.storage.summaries import SummaryStore
from summarizer import engines
from summarizer.cache import store_results
from summarizer.errors import ModelUnavailable
from summarizer.service import (
    GenerationCancelled,
    SectionText,
    Summarizer,
    SummaryResult,
    SummaryStats,
    finish,
    section_label,
)

log = logging.getLogger(__name__)

HOLD_LIMIT_S = 30.0
"""The longest the next batch waits behind holds, in seconds.

A /digest holds the worker for the few seconds it composes (``benchmarks/digest_now.py``); holds nest,
so /digests from many chats that overlap without a pause would hold it for as long as they keep coming.
Past this wait the batch starts anyway: the backlog gets at least one batch per 30 s plus a batch's
time, and a /digest meanwhile shares the CPU with that one batch, as it would without holds."""


class ModelThread(Executor):
    """One daemon thread that runs the calls submitted to it, in order: the model's thread.

    Why not a ``ThreadPoolExecutor``: its threads are waited for when the process ends
    (:func:`nashra.entry.run` waits as the interpreter does), and a transformers checkpoint being read
    from disk cannot be interrupted (a large one takes tens of seconds, ``summarizer.loader``), so a
    stop during the first load waited for the whole of it. Nothing this thread does must be finished
    before the process ends: it reads model files and computes summaries, which the event loop
    stores once a call returns. A call cancelled before it starts (``shutdown(cancel_futures=True)``)
    never runs.
    """

    def __init__(self, name: str) -> None:
        self._calls: SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None] = SimpleQueue()
        self._thread = threading.Thread(target=self._work, name=name, daemon=True)
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run ``fn(*args, **kwargs)`` in the thread after the calls submitted before it.

        Raises RuntimeError after :meth:`shutdown`, as a ``ThreadPoolExecutor`` does."""
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot schedule new calls after the model's thread was shut down")
            future: Future[Any] = Future()
            self._calls.put((future, functools.partial(fn, *args, **kwargs)))
            if self._thread.ident is None:  # the first call starts it
                self._thread.start()
        return future

    def _work(self) -> None:
        while (call := self._calls.get()) is not None:
            future, run = call
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = run()
            except BaseException as exc:  # handed to the caller, as a ThreadPoolExecutor hands it
                future.set_exception(exc)
            else:
                future.set_result(result)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Accept no more calls; with ``cancel_futures``, those not started never run; with ``wait``,
        return once the thread has ended (after the calls left to run)."""
        with self._lock:
            self._closed = True
            if cancel_futures:
                while not self._calls.empty():
                    call = self._calls.get_nowait()
                    if call is not None:
                        call[0].cancel()
            self._calls.put(None)
            started = self._thread.ident is not None
        if wait and started:
            self._thread.join()


def _dropped(call: asyncio.Future[Any]) -> None:
    """Retrieve the outcome of a call given up at a stop (so that its error, say a load cut short,
    is not logged as never retrieved)."""
    if not call.cancelled():
        call.exception()


class SummaryWorker:
    """Works through the backlog of unsummarized sections for one Summarizer."""

    def __init__(
        self,
        db: Database,
        summarizer: Summarizer,
        *,
        interval_s: float = 60.0,
        hold_limit_s: float = HOLD_LIMIT_S,
    ) -> None:
        self.store = SummaryStore(db)
        self.summarizer = summarizer
        self.interval_s = interval_s
        self.hold_limit_s = hold_limit_s
        self._executor = ModelThread("nashra-summarizer")
        self._stop = threading.Event()
        # The same stop as the event loop awaits it: a call in the model's thread is not waited for
        # once it is set (see _in_model_thread).
        self._stopped = asyncio.Event()
        # What this worker stored, by origin (model, extractive, model summary dropped as unfaithful).
        self.stats = SummaryStats()
        self._holds = 0
        self._free = asyncio.Event()
        self._free.set()
        # When the model last failed (time.monotonic()); None while it has not.
        self._failed_at: float | None = None

    @contextlib.asynccontextmanager
    async def held(self) -> AsyncIterator[None]:
        """No batch starts while this is entered (by anyone: holds nest); a batch under way finishes.

        For work that must not wait behind the backlog, such as a /digest summarizing its own sections
        on the spot: the backlog's next batch starts once the last hold is released, or once it has
        waited ``hold_limit_s`` (see :data:`HOLD_LIMIT_S`)."""
        self._holds += 1
        self._free.clear()
        try:
            yield
        finally:
            self._holds -= 1
            if not self._holds:
                self._free.set()

    def stop(self) -> None:
        """Stop summarizing now: a running call ends early and stores nothing (its coroutine returns at
        once, even while the model is being read from disk); later calls do nothing. Call it on the
        event loop."""
        self._stop.set()
        self._stopped.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    async def run_once(self, limit: int = 64) -> int:
        """Summarize up to ``limit`` pending section texts and store them; the number stored.

        0 once :meth:`stop` was called, even when a call was under way (its sections stay pending).
        Waits while the worker is :meth:`held`, at most ``hold_limit_s``. 0 too when the configured
        model cannot load or fails on every section of the batch (they stay pending: see
        :meth:`_model_results`), and without trying it while it failed less than
        ``summarizer.engines.RETRY_FAILED_LOAD_S`` ago.
        """
        try:
            await asyncio.wait_for(self._free.wait(), self.hold_limit_s)
        except TimeoutError:
            log.info("summary batch starting after %.0f s held by /digest", self.hold_limit_s)
        if self._stop.is_set() or self._resting():
            return 0
        try:
            # A model replaced in its folder: once in, its backlog is every section.
            await self._in_model_thread(self.summarizer.follow, self._stop)
        except GenerationCancelled:
            return 0
        key = self.summarizer.model_key
        sections = await self.store.pending_sections(key, limit)
        sections = [s for s in sections if s.text.strip() or (s.heading or "").strip()]
        if not sections:
            return 0
        items = [SectionText(s.heading, s.text) for s in sections]
        try:
            results = await self._model_results(items)
        except GenerationCancelled:
            log.info("summarizing stopped; %d sections stay pending", len(items))
            return 0
        if results is None:
            return 0
        self._failed_at = None
        # Under the key of the model that wrote each (SummaryResult.model_key): the model may have
        # loaded for this batch, from files copied into its folder after the pending sections were
        # read, or loaded again from files replaced since (summarizer.engines.follow).
        hashes = [section.text_hash for section in sections]
        stored = await store_results(self.store, zip(hashes, results, strict=True))
        counts = SummaryStats(
            seq2seq=sum(r.method == "seq2seq" for r in results),
            extractive=sum(r.method == "extractive" and not r.dropped for r in results),
            unfaithful=sum(bool(r.dropped) for r in results),
        )
        self.stats.add(counts)
        dropped = f"; {counts.unfaithful} model summaries dropped as unfaithful" if counts.unfaithful else ""
        log.info("summarized %d sections with %s%s", stored, self.summarizer.model_name, dropped)
        return stored

    async def _model_results(self, items: list[SectionText]) -> list[SummaryResult] | None:
        """The summaries of ``items`` (in order); None when the model summarizes none of them (it
        cannot load, or it fails on each section alone too: a broken model), which then stay pending.

        A batch the model fails on once loaded is tried again section by section: a section it fails
        on alone while it summarizes others is one it cannot take (its failure is that section's
        answer), which gets its extractive summary, so that one such section cannot hold up the backlog
        behind it. Raises GenerationCancelled once :meth:`stop` is called."""
        try:
            return await self._summarize(items)
        except ModelUnavailable as exc:
            if not exc.loaded or len(items) == 1:
                self._rest(exc)
                return None
            failure = exc
        alone: list[SummaryResult | None] = []
        for item in items:
            try:
                alone.append((await self._summarize([item]))[0])
            except ModelUnavailable as exc:
                if not exc.loaded:
                    self._rest(exc)
                    return None
                alone.append(None)
        failed = [item for item, result in zip(items, alone, strict=True) if result is None]
        if len(failed) == len(items):
            self._rest(failure)
            return None
        log.warning(
            "summarization model failed on %d of %d sections, each alone, while it summarized the others "
            "(%s); they get extractive summaries",
            len(failed),
            len(items),
            "; ".join(section_label(item) for item in failed[:3]),
        )
        words = self.summarizer.config.summary_words
        # Stored under the key of the model that failed on them, the one that summarized the others.
        key = next(result.model_key for result in alone if result is not None)
        return [
            replace(finish(item, None, words), model_key=key) if result is None else result
            for item, result in zip(items, alone, strict=True)
        ]

    async def _summarize(self, items: list[SectionText]) -> list[SummaryResult]:
        """The model's summaries of ``items`` in the model's thread (``model_only``: see
        :meth:`Summarizer.summarize`)."""
        work = functools.partial(self.summarizer.summarize, items, self._stop, model_only=True)
        return await self._in_model_thread(work)

    async def _in_model_thread(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` run in the model's thread, awaited until it returns or :meth:`stop` is called.

        Raises GenerationCancelled at a stop without waiting for the call: a generation ends within a
        layer anyway, but a model being read from disk goes on until it is in (tens of seconds for a
        large checkpoint), and the scheduler's summarize job, which a shutdown waits for, awaits this.
        What the call returns then is dropped: nothing is stored after a stop."""
        call = asyncio.wrap_future(self._executor.submit(fn, *args))
        stopped = asyncio.ensure_future(self._stopped.wait())
        try:
            await asyncio.wait((call, stopped), return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopped.cancel()
        if call.done():
            return call.result()
        call.add_done_callback(_dropped)
        raise GenerationCancelled("summarizing stopped while the model's thread was busy")

    def _rest(self, failure: ModelUnavailable) -> None:
        """Leave the model alone for ``summarizer.engines.RETRY_FAILED_LOAD_S`` after ``failure``."""
        if not failure.logged:
            log.warning("%s; they stay pending for it", failure)
        self._failed_at = time.monotonic()

    def _resting(self) -> bool:
        """Whether the model failed less than ``summarizer.engines.RETRY_FAILED_LOAD_S`` ago."""
        failed = self._failed_at
        return failed is not None and time.monotonic() - failed < engines.RETRY_FAILED_LOAD_S

    async def run_forever(self, stop_event: asyncio.Event, limit: int = 64) -> None:
        """Summarize until ``stop_event`` is set, pausing ``interval_s`` whenever the backlog is empty."""
        watcher = asyncio.create_task(self._stop_when(stop_event))
        try:
            while not stop_event.is_set() and not self._stop.is_set():
                try:
                    done = await self.run_once(limit)
                except Exception:
                    log.exception("summary worker failed; retrying in %.0fs", self.interval_s)
                    done = 0
                if done:
                    continue
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop_event.wait(), timeout=self.interval_s)
        finally:
            watcher.cancel()
            self.close()

    async def _stop_when(self, event: asyncio.Event) -> None:
        await event.wait()
        self.stop()

    def close(self) -> None:
        """Stop, and let the model thread go as soon as its current step ends."""
        self.stop()
        self._executor.shutdown(wait=False, cancel_futures=True)
