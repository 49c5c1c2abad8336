"""The loaded model a spec names, by the engine it names, once per process.

Equal specs share one loaded model; a failed load is remembered for :data:`RETRY_FAILED_LOAD_S` seconds,
so a bad model name does not cost a load attempt per batch, whatever it raised (an error the engine
does not foresee becomes a :class:`ModelLoadError` naming the model, its traceback logged at debug
level). A model loaded without a configured revision has the revision of the files it was loaded from
recorded (:func:`summarizer.keys.remember_loaded`): its summaries' cache key. When those files change
while the process runs (a new model copied over the old one), :func:`follow` loads them in its place
once they have stayed unchanged for :data:`SETTLE_S`, so an operator replaces a model without a
restart and a copy under way is never loaded half-written. The transformers engine is
:mod:`summarizer.loader`, the CTranslate2 engine :mod:`summarizer.ct2` (which uses the loader for the
tokenizer and the conversion), so neither module imports the other's caller.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from summarizer import keys, loader
from summarizer.loader import LoadCancelled, LoadedModel, ModelLoadError, ModelSpec

log = logging.getLogger(__name__)

RETRY_FAILED_LOAD_S = 300.0
SETTLE_S = 30.0
"""How long, in seconds, a loaded model's changed files must stay unchanged (the same names, sizes and
modification times: :func:`summarizer.keys.files_revision_of`) before :func:`follow` loads them.

Copying a model of a few gigabytes takes seconds to minutes, file by file, and every file written
changes the fingerprint, so a fingerprint that held for 30 s between two batches belongs to files no
longer being written; a copy that stalls longer and fails to load is simply tried again once its
files change (or after :data:`RETRY_FAILED_LOAD_S`), the loaded model summarizing meanwhile."""

_lock = threading.Lock()
_loaded: dict[ModelSpec, LoadedModel] = {}
_failed: dict[ModelSpec, tuple[float, ModelLoadError]] = {}


@dataclass(slots=True)
class _Change:
    """Files of a loaded model that differ from those it was loaded from: their revision and their
    activity (:func:`summarizer.keys.files_activity_of`) as last seen, since when (``time.monotonic()``)
    both have held, and when loading them last failed (None: not since they last changed)."""

    revision: str
    activity: str
    seen_at: float
    failed_at: float | None = None


_changes: dict[ModelSpec, _Change] = {}
# The thread loading a spec's changed files, while it runs.
_reloads: dict[ModelSpec, threading.Thread] = {}


def load(spec: ModelSpec, stop: threading.Event | None = None, *, restrict: bool = False) -> LoadedModel:
    """The loaded model for ``spec``, loading it on first use; failures are remembered for a while.

    ``stop`` ends a CTranslate2 conversion under way (:class:`summarizer.loader.LoadCancelled`); a
    transformers checkpoint being read from disk is not interrupted. ``restrict`` says the caller
    decodes with ``restrict_vocabulary``: a CTranslate2 model loaded for it is ready for that from its
    first batch (:func:`summarizer.ct2.load`); a model already loaded is shared as it is.
    """
    with _lock:
        if spec in _loaded:
            return _loaded[spec]
        failure = _failed.get(spec)
        if failure and time.monotonic() - failure[0] < RETRY_FAILED_LOAD_S:
            raise failure[1]
        try:
            files = "" if spec.revision else keys.files_revision_of(spec.name)
            loaded = _load(spec, stop, restrict)
        except (ModelLoadError, LoadCancelled) as exc:
            if isinstance(exc, ModelLoadError):
                _failed[spec] = (time.monotonic(), exc)
            raise
        except Exception as exc:  # a failure no engine check foresaw: remembered like the others
            log.debug("loading summarization model %r failed", spec.name, exc_info=True)
            error = loader.load_error(spec, exc)
            _failed[spec] = (time.monotonic(), error)
            raise error from exc
        if files == keys.NO_SNAPSHOT:  # a hub id the load downloaded: the snapshot it loaded
            files = keys.files_revision_of(spec.name)
        if files:
            keys.remember_loaded(spec, files)
            loaded.files_revision = files
        _failed.pop(spec, None)
        _loaded[spec] = loaded
        return loaded


def follow(spec: ModelSpec, stop: threading.Event | None = None, *, restrict: bool = False) -> LoadedModel:
    """:func:`load`; and when the model's files changed since it loaded and have settled, their load
    in its place, started in a thread of its own (a spec with a revision is pinned, never followed).

    Settled: neither their revision nor their activity (every file of the folder, hidden ones and
    sub-folders included, where rsync and ``hf download`` write a file before renaming it into place)
    changed for :data:`SETTLE_S` between two calls. The model loaded before goes on summarizing
    meanwhile, and while the new one loads (memory holds both for that time), so neither a batch nor
    a shutdown waits for the load; once it is in, every Summarizer sharing ``spec`` gets it from its
    next call, and :func:`summarizer.keys.revision_of` gives the new files' revision: summaries are
    stored under the key of the model that wrote them (see
    :attr:`summarizer.service.SummaryResult.model_key`). One warning per change (however long the copy
    goes on), one line when the new model is in, and a warning when it fails to load: the old one
    keeps summarizing, and the new files are tried again after :data:`RETRY_FAILED_LOAD_S`, or once
    they change again. Blocking (a first load): call it off the event loop.
    """
    loaded = load(spec, stop, restrict=restrict)
    if spec.revision:
        return loaded
    revision = keys.files_revision_of(spec.name)
    if revision == keys.loaded_revision(spec):
        with _lock:
            _changes.pop(spec, None)
            return _loaded.get(spec, loaded)
    # A change: whether a copy is still under way (every file walked) is looked at only now.
    activity = keys.files_activity_of(spec.name)
    clock = time.monotonic()
    with _lock:
        loaded = _loaded.get(spec, loaded)
        change = _changes.get(spec)
        if change is None:
            _changes[spec] = _Change(revision, activity, clock)
            log.warning(
                "the files of summarization model %r changed after it was loaded; it is loaded again once "
                "they stay unchanged for %.0f s, and summarizes with the files it loaded until then",
                spec.name,
                SETTLE_S,
            )
            return loaded
        if (change.revision, change.activity) != (revision, activity):
            _changes[spec] = _Change(revision, activity, clock)
            return loaded
        if (
            clock - change.seen_at < SETTLE_S
            or (change.failed_at is not None and clock - change.failed_at < RETRY_FAILED_LOAD_S)
            or spec in _reloads
        ):
            return loaded
        thread = threading.Thread(
            target=_reload, args=(spec, revision, stop, restrict), name="nashra-model-reload", daemon=True
        )
        _reloads[spec] = thread
        thread.start()
        return loaded


def _reload(spec: ModelSpec, revision: str, stop: threading.Event | None, restrict: bool) -> None:
    """Load ``spec`` from its changed files (of ``revision``) and put it in place of the loaded model;
    on failure, leave the loaded one and note when (see :func:`follow`)."""
    try:
        fresh = _load(spec, stop, restrict)
    except LoadCancelled:
        fresh = None
    except Exception as exc:
        log.debug("loading summarization model %r again failed", spec.name, exc_info=True)
        error = exc if isinstance(exc, ModelLoadError) else loader.load_error(spec, exc)
        log.warning("%s; the model loaded before summarizes until its new files load", error)
        fresh = None
    with _lock:
        _reloads.pop(spec, None)
        change = _changes.get(spec)
        if fresh is None:
            if change is not None and change.revision == revision:  # files changed since: not these
                change.failed_at = time.monotonic()
            return
        fresh.files_revision = revision
        keys.remember_loaded(spec, revision)
        _loaded[spec] = fresh
        if change is not None and change.revision == revision:
            _changes.pop(spec, None)
    log.info("summarization model %r loaded again from its changed files", spec.name)


def failure(spec: ModelSpec) -> ModelLoadError | None:
    """Why ``spec`` failed to load at its last try, while it is not loaded; None when it loaded or was
    never tried (for /stats: sections that wait for a model that cannot load are not waiting for time).

    Read without the load lock (one dictionary lookup each, atomic under the GIL): /stats asks from
    the event loop, which must not wait for a load under way."""
    if spec in _loaded:
        return None
    found = _failed.get(spec)
    return found[1] if found else None


def _load(spec: ModelSpec, stop: threading.Event | None, restrict: bool) -> LoadedModel:
    if spec.engine == "ctranslate2":
        # Imported here: summarizer.ct2 imports torch and transformers, which load only with a model.
        from summarizer import ct2

        return ct2.load(spec, stop, restrict=restrict)
    return loader.load_transformers(spec)


__all__ = ["RETRY_FAILED_LOAD_S", "SETTLE_S", "failure", "follow", "load"]
