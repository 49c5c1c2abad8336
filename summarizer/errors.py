"""What summarizing raises when it stops early, for every engine and its callers alike.

Defined apart from :mod:`summarizer.generate` (which imports torch) so the service, the worker and the
CTranslate2 engine name the same classes without loading a model library.
"""

from __future__ import annotations


class GenerationTimeout(Exception):
    """A batch ran past the configured time limit (``[summarizer] timeout_s``)."""


class GenerationCancelled(Exception):
    """Summarization was stopped on request (shutdown); nothing of the call or its batch is kept."""


class ModelUnavailable(Exception):
    """The configured model cannot load or failed on a call told to use it alone
    (``Summarizer.summarize(..., model_only=True)``); the message says why. Nothing of the call is
    kept: extractive summaries stored under the model's key would stand for good once it works.

    ``logged``: whether the reason is in the log already (a load failure is logged once, by the load);
    a failed batch is left to the caller, which knows what becomes of its sections. ``loaded``: the
    model loaded and failed on the batch (it may fail on one of its sections only), not at its load."""

    def __init__(self, message: str, *, logged: bool = False, loaded: bool = False) -> None:
        super().__init__(message)
        self.logged = logged
        self.loaded = loaded


__all__ = ["GenerationCancelled", "GenerationTimeout", "ModelUnavailable"]
