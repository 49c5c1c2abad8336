"""The admins' /stats: subscribers, articles, summaries still owed and the last digest, in one read."""

from __future__ import annotations

from dataclasses import dataclass

from nashra.config import SummarizerConfig
from nashra.storage.db import Database
from nashra.storage.subscribers import Overview, SubscriberStore
from nashra.storage.summaries import SummaryStore
from summarizer.keys import model_key


@dataclass(frozen=True, slots=True)
class Stats:
    """``overview``: subscriber counts by state, subscribers per region (most followed first), articles and
    the latest digest cycle; ``pending_summaries``: distinct section texts the configured model has not
    summarized yet; ``model_failure``: why that model did not load at its last try ("" when it did,
    or was not tried yet), which is what those sections wait for."""

    overview: Overview
    pending_summaries: int
    model_failure: str = ""


async def collect_stats(db: Database, summarizer: SummarizerConfig, model_failure: str = "") -> Stats:
    """The figures of /stats; pending summaries are counted for the model ``summarizer`` names, which
    ``model_failure`` says cannot load (see :class:`Stats`)."""
    overview = await SubscriberStore(db).overview()
    pending = await SummaryStore(db).count_pending(model_key(summarizer))
    return Stats(overview, pending, model_failure)
