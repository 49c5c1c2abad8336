"""Summaries through the database cache: stored ones are reused, only the missing ones are generated."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from nashra.storage.summaries import SummaryStore
from summarizer.service import SectionText, Summarizer, SummaryResult


async def store_results(store: SummaryStore, results: Iterable[tuple[str, SummaryResult]]) -> int:
    """Store (text_hash, result) pairs, each under the key of the model that wrote it
    (:attr:`SummaryResult.model_key`: a model may have loaded, or loaded again, during the call that
    made them); empty summaries are not stored. Returns how many were."""
    rows: dict[str, list[tuple[str, str, str]]] = {}
    for text_hash, result in results:
        if result.summary.strip():
            rows.setdefault(result.model_key, []).append((text_hash, result.summary, result.method))
    for written_by, keyed in rows.items():
        await store.put_many(written_by, keyed)
    return sum(map(len, rows.values()))


async def summarize_cached(
    store: SummaryStore,
    summarizer: Summarizer,
    sections: Sequence[tuple[str, SectionText]],
    run: Callable[..., Any] | None = None,
) -> list[SummaryResult]:
    """Summaries of (text_hash, section) pairs; generation runs in a thread and new results are stored.

    ``run`` offloads the blocking call (default: ``asyncio.to_thread``). What is stored stands under the
    model's key for good, so a configured model that cannot load or fails raises
    :class:`~summarizer.errors.ModelUnavailable`, storing nothing, rather than extractive summaries.
    """
    offload = run or asyncio.to_thread
    key = summarizer.model_key
    stored = await store.get_many([text_hash for text_hash, _ in sections], key)
    missing: dict[str, SectionText] = {}
    for text_hash, item in sections:
        if text_hash not in stored:
            missing.setdefault(text_hash, item)
    fresh: dict[str, SummaryResult] = {}
    if missing:
        results = await offload(
            functools.partial(summarizer.summarize, model_only=True), list(missing.values())
        )
        fresh = dict(zip(missing, results, strict=True))
        await store_results(store, fresh.items())
    out = []
    for text_hash, _ in sections:
        if text_hash in fresh:
            out.append(fresh[text_hash])
        else:
            row = stored[text_hash]
            method = "seq2seq" if row.method == "seq2seq" else "extractive"
            out.append(SummaryResult(row.summary, method, model_key=row.model_key))
    return out
