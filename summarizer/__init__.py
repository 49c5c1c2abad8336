"""Section summaries by an Arabic seq2seq model, with an extractive fallback, a cache and a worker.

Exports resolve lazily: importing ``summarizer.extractive`` or ``summarizer.keys`` (as the digest does)
must not pull in torch and transformers.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "EXTRACTIVE_KEY": "summarizer.keys",
    "model_key": "summarizer.keys",
    "extractive_summary": "summarizer.extractive",
    "SectionText": "summarizer.service",
    "Summarizer": "summarizer.service",
    "SummaryResult": "summarizer.service",
    "SummaryWorker": "summarizer.worker",
    "summarize_cached": "summarizer.cache",
    "StoredSummary": "nashra.storage.summaries",
    "SummaryStore": "nashra.storage.summaries",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
