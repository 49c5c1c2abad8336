"""The loaded model a spec names, by the engine it names, once per process.

Equal specs share one loaded model; a failed load is remembered for :data:`RETRY_FAILED_LOAD_S` seconds,
so a bad model name does not cost a load attempt per batch, whatever it raised (an error the engine
does not foresee becomes a :class:`ModelLoadError` naming the model, its traceback logged at debug
level). A model loaded without a configured revision has the revision of the files it was loaded from
recorded (:func:`summarizer.keys.remember_loaded`): its summaries' cache key. The transformers engine is
:mod:`summarizer.loader`, the CTranslate2 engine :mod:`summarizer.ct2` (which uses the loader for the
tokenizer and the conversion), so neither module imports the other's caller.
"""

from __future__ import annotations

import logging
import threading
import time

from summarizer import keys, loader
from summarizer.loader import LoadCancelled, LoadedModel, ModelLoadError, ModelSpec

log = logging.getLogger(__name__)

RETRY_FAILED_LOAD_S = 300.0

_lock = threading.Lock()
_loaded: dict[ModelSpec, LoadedModel] = {}
_failed: dict[ModelSpec, tuple[float, ModelLoadError]] = {}


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
        if files:
            keys.remember_loaded(spec.name, files)
        _failed.pop(spec, None)
        _loaded[spec] = loaded
        return loaded


def failure(spec: ModelSpec) -> ModelLoadError | None:
    """Why ``spec`` failed to load at its last try, while it is not loaded; None when it loaded or was
    never tried (for /stats: sections that wait for a model that cannot load are not waiting for time)."""
    with _lock:
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


__all__ = ["RETRY_FAILED_LOAD_S", "failure", "load"]
