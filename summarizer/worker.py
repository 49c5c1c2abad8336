"""The background worker: summarizes stored sections that lack a summary, off the event loop.

Model work runs in a single dedicated thread, so the bot's event loop keeps answering commands while
a long batch is generated, and two batches never compete for the same CPU threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from concurrent.futures import ThreadPoolExecutor

from nashra.storage.db import Database
from nashra.storage.summaries import SummaryStore
from summarizer.service import SectionInput, Summarizer

log = logging.getLogger(__name__)


class SummaryWorker:
    """Works through the backlog of unsummarized sections for one Summarizer."""

    def __init__(self, db: Database, summarizer: Summarizer, *, interval_s: float = 60.0) -> None:
        self.store = SummaryStore(db)
        self.summarizer = summarizer
        self.interval_s = interval_s
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nashra-summarizer")

    async def run_once(self, limit: int = 64) -> int:
        """Summarize up to ``limit`` pending section texts and store them; the number stored."""
        key = self.summarizer.model_key
        sections = await self.store.pending_sections(key, limit)
        sections = [s for s in sections if s.text.strip() or (s.heading or "").strip()]
        if not sections:
            return 0
        items = [SectionInput(s.heading, s.text) for s in sections]
        loop = asyncio.get_running_loop()
        results = await loop.run_in_executor(self._executor, self.summarizer.summarize, items)
        rows = [
            (section.text_hash, result.summary, result.method)
            for section, result in zip(sections, results, strict=True)
            if result.summary.strip()
        ]
        await self.store.put_many(key, rows)
        log.info("summarized %d sections with %s", len(rows), self.summarizer.model_name)
        return len(rows)

    async def run_forever(self, stop_event: asyncio.Event, limit: int = 64) -> None:
        """Summarize until ``stop_event`` is set, pausing ``interval_s`` whenever the backlog is empty."""
        try:
            while not stop_event.is_set():
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
            self.close()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
