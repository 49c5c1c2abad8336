"""The Summarizer facade: sections in, one summary each out, never empty, never raising on model trouble.

Callers (the worker, the CLI, the digest) do not care whether a model exists or works: a missing model,
a load error, running out of memory, a timeout or an unusable output all end in an extractive summary
marked as such, with a warning in the log, so the bot keeps delivering digests. A model summary that
names a place, a number or a person its section does not contain is dropped for the extractive one too
(summarizer.faithfulness), and counted in :attr:`Summarizer.stats`.

Only a request to stop (shutdown) raises: :class:`GenerationCancelled`, with nothing of the cancelled
call kept, so the sections stay in the backlog.

torch and transformers are imported only when a model is configured and used.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal

from nashra.config import SummarizerConfig
from summarizer import engines, keys, loader
from summarizer.batching import plan_batches, rows_for_logits
from summarizer.cleaning import clean_summary, is_usable
from summarizer.errors import GenerationCancelled, GenerationTimeout, ModelUnavailable
from summarizer.extractive import DEFAULT_WORDS, extractive_summary
from summarizer.faithfulness import unsupported_names
from summarizer.keys import EXTRACTIVE_KEY, model_key

log = logging.getLogger(__name__)

Method = Literal["seq2seq", "extractive"]
# Sections per batch on the CTranslate2 engine (8 times more on a GPU). A batch cannot be interrupted
# mid-way there (beam search has no step callback): a stop request or the time limit kills the
# process it runs in (summarizer.ct2_process). Measured with benchmarks/summarize.py's mT5-small-shaped
# model on a 2-core CPU, 1 thread (2026-12-01): 8 sections a batch 1.70, 16 1.94, 32 1.79 sections/s
# with int8 weights; 0.97, 1.30, 1.31 in float32.
CT2_MAX_ROWS = 16


@dataclass(frozen=True, slots=True)
class SectionText:
    heading: str | None
    text: str


@dataclass(frozen=True, slots=True)
class SummaryResult:
    summary: str
    method: Method
    # Why the model's summary was not used, when one was written and dropped (empty otherwise).
    dropped: str = ""
    # The cache key of the set-up that wrote it (summarizer.keys.model_key, as the call's model was
    # loaded): the key to store it under, which a model loaded again between two calls changes. Where
    # a summary came from, not what it is: two equal summaries compare equal whatever wrote them.
    model_key: str = field(default="", compare=False)


@dataclass(slots=True)
class SummaryStats:
    """Counts since the Summarizer was made: what each section's summary came from."""

    seq2seq: int = 0
    extractive: int = 0  # no model, or no usable model output
    unfaithful: int = 0  # a model summary naming a place, number or person absent from its section

    def add(self, other: SummaryStats) -> None:
        self.seq2seq += other.seq2seq
        self.extractive += other.extractive
        self.unfaithful += other.unfaithful


def _is_oom(exc: BaseException) -> bool:
    return type(exc).__name__ == "OutOfMemoryError" or "out of memory" in str(exc).lower()


class Summarizer:
    """Summaries of sections by the configured seq2seq model, with the extractive fallback built in.

    The model is loaded on the first :meth:`summarize` call (never on the event loop: call it from a
    worker thread), and shared by every Summarizer of the same process with the same model settings.
    """

    def __init__(self, config: SummarizerConfig) -> None:
        self.config = config
        self._spec = loader.ModelSpec.of(config)
        self._lock = threading.Lock()
        self.stats = SummaryStats()
        # The load failure last logged: summarizer.engines remembers a failure for a while and raises
        # the same error on every call meanwhile, which is logged once, not once per batch.
        self._logged_failure: loader.ModelLoadError | None = None

    _instances: ClassVar[dict[str, Summarizer]] = {}
    _instances_lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def from_config(cls, config: SummarizerConfig) -> Summarizer:
        """The process-wide Summarizer for these settings (the model itself loads lazily)."""
        key = repr(config)
        with cls._instances_lock:
            if key not in cls._instances:
                cls._instances[key] = cls(config)
            return cls._instances[key]

    @property
    def model_key(self) -> str:
        """The cache key of this set-up's summaries (:func:`summarizer.keys.model_key`): once the model
        is loaded, that of the files it was loaded from, so the summaries made since are stored and
        read under one key even when its folder was filled or changed after this process started
        (until the changed files are loaded in its place: :func:`summarizer.engines.follow`)."""
        return model_key(self.config)

    @property
    def model_name(self) -> str:
        return self.config.model if self._spec else EXTRACTIVE_KEY

    def load_failure(self) -> str:
        """Why the configured model did not load at its last try (the one-line error), or "" when it
        loaded, was not tried yet or none is configured. Never loads anything."""
        if self._spec is None:
            return ""
        found = engines.failure(self._spec)
        return str(found) if found is not None else ""

    def require_model(self) -> loader.LoadedModel:
        """The loaded model, or :class:`loader.ModelLoadError` saying why not (for a command told to
        use a model, where falling back silently would hide the mistake)."""
        if self._spec is None:
            raise loader.ModelLoadError("no summarization model is configured")
        return engines.load(self._spec, restrict=self.config.restrict_vocabulary)

    def load(self, stop: threading.Event | None = None) -> loader.LoadedModel | None:
        """The loaded model, or None (with a warning) when none is configured or it cannot load.

        Raises GenerationCancelled when ``stop`` ended a CTranslate2 conversion under way, or is set
        once the load failed (the signal that stopped this process may have ended the model's
        process too: see :func:`_stopped`).
        """
        if self._spec is None:
            return None
        try:
            loaded = engines.follow(self._spec, stop, restrict=self.config.restrict_vocabulary)
        except loader.LoadCancelled as exc:
            raise GenerationCancelled(str(exc)) from exc
        except loader.ModelLoadError as exc:
            _stopped(stop, exc)
            if exc is not self._logged_failure:
                self._logged_failure = exc
                log.warning("%s; extractive summaries stand in until it loads", exc)
            return None
        return loaded

    def follow(self, stop: threading.Event | None = None) -> None:
        """Look at the model's files: once they changed since this process loaded it and have settled,
        the new model loads in its place (:func:`summarizer.engines.follow`), so that the key a
        backlog is read under becomes the new model's even while nothing is pending under the old
        one; nothing when no model is configured, its revision is pinned, or it has not loaded yet
        (the first batch loads it). Blocking (a folder read): run it in the model's thread. Raises
        GenerationCancelled as :meth:`load` does."""
        if self._spec is None or self._spec.revision or keys.loaded_revision(self._spec) is None:
            return
        with self._lock:
            self.load(stop)

    def summarize(
        self, items: list[SectionText], stop: threading.Event | None = None, *, model_only: bool = False
    ) -> list[SummaryResult]:
        """One summary per item, in order. Blocking: run it in a thread, not on the event loop.

        Raises GenerationCancelled once ``stop`` is set (checked between batches and before every
        model layer; a CTranslate2 batch's process is killed), leaving nothing summarized. With
        ``model_only`` (the worker filling the configured model's cache), a configured model that
        cannot load or fails on a batch raises :class:`ModelUnavailable` instead of giving extractive
        summaries for the whole call; a section the model did summarize, but unusably or unfaithfully,
        still gets its extractive summary (that is the model's answer for it).
        """
        generated: list[Any] = [None] * len(items)
        failed = False
        with self._lock:
            model = self.load(stop) if items else None
            # The key of the model this call uses, whatever has been loaded in its place meanwhile.
            key = model_key(self.config, model.files_revision) if model is not None else self.model_key
            if model is None and items and model_only and self._spec is not None:
                why = self.load_failure() or f"summarization model {self.config.model!r} cannot load"
                raise ModelUnavailable(why, logged=True)
            if model is not None:
                try:
                    generated = self._generate(model, items, stop)
                except GenerationCancelled:
                    raise
                except Exception as exc:  # any model failure must leave the digest working
                    _stopped(stop, exc)
                    if model_only:
                        name = self.config.model
                        raise ModelUnavailable(
                            f"summarization model {name!r} failed on {len(items)} sections: {exc}",
                            loaded=True,
                        ) from exc
                    failed = True
                    log.warning(
                        "summarization model failed on %d sections (%s); using extractive summaries",
                        len(items),
                        exc,
                    )
        results = []
        unusable: list[SectionText] = []
        dropped: list[tuple[SectionText, str]] = []
        for item, output in zip(items, generated, strict=True):
            result = replace(finish(item, output, self.config.summary_words), model_key=key)
            if result.dropped:
                self.stats.unfaithful += 1
                dropped.append((item, result.dropped))
                log.info(
                    "model summary of section %s %s; using extractive", section_label(item), result.dropped
                )
            elif result.method == "seq2seq":
                self.stats.seq2seq += 1
            else:
                self.stats.extractive += 1
                if model is not None:
                    unusable.append(item)
            results.append(result)
        if unusable and not failed:
            # One line per call, not one per section: a model that writes nothing usable would flood the log.
            log.warning(
                "no usable model summary for %d of %d sections (%s); using extractive",
                len(unusable),
                len(items),
                _examples([section_label(item) for item in unusable]),
            )
        if dropped:
            log.warning(
                "%d of %d model summaries named what their section does not and were replaced by "
                "extractive ones (%s)",
                len(dropped),
                len(items),
                _examples([f"section {section_label(item)} {why}" for item, why in dropped]),
            )
        return results

    def _generate(
        self, model: loader.LoadedModel, items: list[SectionText], stop: threading.Event | None
    ) -> list[Any]:
        """The model's output (summarizer.generate.Generated) per item; None where it wrote none."""
        from summarizer.generate import fit_input, generation_config

        limit = min(self.config.max_input_tokens, model.input_limit)
        prefix = self.config.prefix or _model_prefix(model)
        prepared = [fit_input(model.tokenizer, prefix, i.heading, i.text, limit) for i in items]
        texts = [text for text, _ in prepared]
        config = generation_config(model.model, self.config.generation)
        rows: int | None = None
        if model.engine == "ctranslate2":
            allowed = None
            rows = CT2_MAX_ROWS if model.device.type == "cpu" else CT2_MAX_ROWS * 8
        else:
            from summarizer import vocabulary

            allowed = self._output_vocabulary(model, config)
            if model.device.type == "cpu":  # the logits cap is about CPU caches (summarizer.batching)
                size = len(allowed) if allowed is not None else vocabulary.output_size(model.model)
                rows = rows_for_logits(size, config.num_beams or 1)
        budget = self.config.batch_token_budget
        out: list[Any] = [None] * len(items)
        for batch in plan_batches([count for _, count in prepared], budget, max_rows=rows):
            if stop is not None and stop.is_set():
                raise GenerationCancelled("summarization was stopped")
            self._run_batch(model, config, batch, texts, items, out, allowed, stop)
        return out

    def _output_vocabulary(self, model: loader.LoadedModel, config: Any) -> Any:
        """The reduced output vocabulary to decode over, or None for the whole vocabulary."""
        from summarizer import vocabulary

        if not self.config.restrict_vocabulary or not vocabulary.supports(config):
            return None
        with model.lock:
            return vocabulary.output_vocabulary(model.model, model.tokenizer)

    def _run_batch(
        self,
        model: loader.LoadedModel,
        config: Any,
        batch: list[int],
        texts: list[str],
        items: list[SectionText],
        out: list[Any],
        allowed: Any,
        stop: threading.Event | None,
    ) -> None:
        from summarizer import generate

        deadline = time.monotonic() + self.config.timeout_s
        inputs = [texts[i] for i in batch]
        try:
            with model.lock:
                if model.engine == "ctranslate2":
                    restrict = self.config.restrict_vocabulary
                    generated = model.model.generate_batch(inputs, config, deadline, stop, restrict=restrict)
                else:
                    generated = generate.generate_batch(
                        model.model, model.tokenizer, model.device, inputs, config, deadline, allowed, stop
                    )
        except GenerationTimeout as exc:
            log.warning("%s (summarizer.timeout_s = %s)", exc, self.config.timeout_s)
            return
        except RuntimeError as exc:
            if not _is_oom(exc):
                raise
            if model.device.type == "cuda":
                import torch

                torch.cuda.empty_cache()
            if len(batch) == 1:
                log.warning("out of memory summarizing one section of %d characters", len(texts[batch[0]]))
                return
            log.warning("out of memory on a batch of %d sections; splitting it", len(batch))
            half = len(batch) // 2
            self._run_batch(model, config, batch[:half], texts, items, out, allowed, stop)
            self._run_batch(model, config, batch[half:], texts, items, out, allowed, stop)
            return
        for index, result in zip(batch, generated, strict=True):
            out[index] = result


def finish(item: SectionText, generated: Any, words: int = DEFAULT_WORDS) -> SummaryResult:
    """The summary of ``item`` given the model's output for it (a summarizer.generate.Generated, or
    None when there is none): the cleaned model text when it reads as a summary and names nothing its
    section does not (summarizer.faithfulness), else the extractive summary of at most ``words``
    words, with the reason when a model summary was dropped."""
    if generated is not None:
        summary = clean_summary(generated.text, finished=generated.finished)
        if is_usable(summary, item.text):
            absent = unsupported_names(summary, item.heading, item.text)
            if not absent:
                return SummaryResult(summary, "seq2seq")
            dropped = "names " + ", ".join(absent) + " absent from the section"
            summary = extractive_summary(item.heading, item.text, words=words)
            return SummaryResult(summary, "extractive", dropped)
    return SummaryResult(extractive_summary(item.heading, item.text, words=words), "extractive")


def _stopped(stop: threading.Event | None, failure: Exception) -> None:
    """Raise GenerationCancelled when ``stop`` is set by the time a model failed.

    A stop signal sent to the whole process group (Ctrl-C at a terminal, a stopped systemd unit) also
    reaches the model's child processes (the CTranslate2 conversion and translation), which may die
    of it before this process sets ``stop``; their failure is then the stop, and the extractive
    summaries of a failure must not be stored for sections that stay pending instead.
    """
    if stop is not None and stop.is_set():
        raise GenerationCancelled(f"summarization was stopped ({failure})") from failure


# Words of a lead section (one without a heading) that name it in a log line.
_LABEL_WORDS = 6


def section_label(item: SectionText) -> str:
    """How a log line names a section: its heading, quoted; a lead, which has none, by its first words
    (an empty name cannot be told apart from the other leads of a batch)."""
    if item.heading and item.heading.strip():
        return repr(item.heading)
    words = item.text.split()
    opening = " ".join(words[:_LABEL_WORDS]) + ("…" if len(words) > _LABEL_WORDS else "")
    return f"lead {opening!r}"


def _examples(names: list[str], shown: int = 3) -> str:
    """The first ``shown`` of ``names`` joined, with how many more there are."""
    text = "; ".join(names[:shown])
    return text + (f"; and {len(names) - shown} more" if len(names) > shown else "")


def _model_prefix(model: loader.LoadedModel) -> str:
    """The summarization prefix a checkpoint declares for itself (T5 style), if any."""
    params = getattr(model.model.config, "task_specific_params", None) or {}
    summarization = params.get("summarization") if isinstance(params, dict) else None
    if isinstance(summarization, dict):
        return str(summarization.get("prefix") or "")
    return ""
