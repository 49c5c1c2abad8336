"""Turning sections into model inputs and running batched ``generate`` on them.

Inputs are heading + text, cut at a sentence boundary to fit the model's input limit (news puts the
essential first, so the lead sentences are what to keep). Generation settings from the config are
merged over the model's own ``generation_config``, which keeps model-specific tokens such as a forced
BOS or a decoder start.
"""

from __future__ import annotations

import copy
import dataclasses
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import torch
from transformers import StoppingCriteria, StoppingCriteriaList

from nashra.arabic import ends_like_sentence, split_sentences
from nashra.config import GenerationConfig as GenerationSettings
from summarizer import vocabulary
from summarizer.errors import GenerationCancelled, GenerationTimeout


@dataclass(slots=True)
class Generated:
    text: str
    finished: bool  # the model ended the sequence itself, rather than hitting max_new_tokens


def source_text(heading: str | None, text: str) -> str:
    heading = (heading or "").strip()
    body = " ".join(text.split())
    if heading and not ends_like_sentence(heading):
        heading += "."
    return f"{heading} {body}".strip()


def _count(tokenizer: Any, texts: list[str]) -> list[int]:
    if not texts:
        return []
    encoded = tokenizer(texts, add_special_tokens=False)["input_ids"]
    return [len(ids) for ids in encoded]


def fit_input(tokenizer: Any, prefix: str, heading: str | None, text: str, limit: int) -> tuple[str, int]:
    """The model input for a section, cut after the last whole sentence that fits ``limit`` tokens.

    Returns the input text and its token count (special tokens included). A first sentence longer
    than the limit is cut by tokens, since something must be summarized.
    """
    special = tokenizer.num_special_tokens_to_add(pair=False)
    budget = max(limit - special, 1)
    full = prefix + source_text(heading, text)
    (total,) = _count(tokenizer, [full])
    if total <= budget:
        return full, total + special
    pieces = split_sentences(source_text(heading, text))
    lengths = _count(tokenizer, [prefix, *pieces])
    used, kept = lengths[0], []
    for piece, length in zip(pieces, lengths[1:], strict=True):
        if used + length > budget:
            break
        kept.append(piece)
        used += length
    if kept:
        candidate = prefix + " ".join(kept)
        (count,) = _count(tokenizer, [candidate])
        if count <= budget:
            return candidate, count + special
    ids = tokenizer(full, add_special_tokens=False)["input_ids"][:budget]
    cut = tokenizer.decode(ids, skip_special_tokens=True)
    return cut, min(_count(tokenizer, [cut])[0], budget) + special


def generation_config(model: Any, settings: GenerationSettings) -> Any:
    """The model's generation config with the configured settings on top."""
    config = copy.deepcopy(model.generation_config)
    for name, value in dataclasses.asdict(settings).items():
        if value is not None:
            setattr(config, name, value)
    # max_new_tokens takes over from the total-length limit a checkpoint may carry; a checkpoint's
    # min_length stays unless min_new_tokens is configured.
    config.max_length = None
    if settings.min_new_tokens is not None:
        config.min_length = None
    config.do_sample = False
    beams = config.num_beams or 1
    config.early_stopping = True if beams > 1 else config.early_stopping
    if beams == 1:
        config.length_penalty = 1.0
        config.early_stopping = False
    return config


class _Stopper(StoppingCriteria):
    """Stops generation at a wall-clock deadline or when ``stop`` is set, and remembers which."""

    def __init__(self, deadline: float, stop: threading.Event | None) -> None:
        self.deadline = deadline
        self.stop = stop
        self.timed_out = False
        self.cancelled = False

    def hit(self) -> bool:
        """Whether to stop now (the stop request, or the deadline passed); remembers which."""
        if self.stop is not None and self.stop.is_set():
            self.cancelled = True
        elif time.monotonic() >= self.deadline:
            self.timed_out = True
        return self.cancelled or self.timed_out

    def __call__(
        self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs: Any
    ) -> torch.BoolTensor:
        hit = self.hit()
        return torch.full((input_ids.shape[0],), hit, dtype=torch.bool, device=input_ids.device)


class _Interrupted(Exception):
    """Raised inside ``generate`` by :func:`_layers_check`, caught around it."""


@contextmanager
def _layers_check(model: Any, stopper: _Stopper) -> Iterator[None]:
    """Within the block, each encoder and decoder layer first asks ``stopper`` whether to stop, and
    raises :class:`_Interrupted` if so.

    Stopping criteria run only after a decoding step, and ``generate`` runs the whole encoder and the
    first step (which projects every input token into each layer's cross-attention keys and values)
    before the first one: 6.5 s for a 16-section batch of an mT5-small-shaped model on a 2-core CPU
    (1 thread, 330 tokens a row, 2026-12-01), which a shutdown waited for. A layer of it takes a
    tenth of that. The layers are the items of each stack's layer list (``block`` in T5, ``layers``
    in BART); a stack without one is checked once, before it runs.
    """

    def check(module: Any, args: Any) -> None:
        if stopper.hit():
            raise _Interrupted

    hooks = []
    for stack in (model.get_encoder(), model.get_decoder()):
        lists = [child for child in stack.children() if isinstance(child, torch.nn.ModuleList)]
        for layer in lists[0] if lists else [stack]:
            hooks.append(layer.register_forward_pre_hook(check))
    try:
        yield
    finally:
        for hook in hooks:
            hook.remove()


def _reorder_self_attention(cache: Any, beam_idx: torch.LongTensor) -> Any:
    """Beam reordering that leaves the cross-attention cache alone.

    Beam search only ever picks among the beams of the same section, and every beam of a section holds
    the same encoder keys and values, so reordering them (a copy of rows x beams x input length per
    layer and step, the largest tensors of the step) changes nothing.
    """
    own = getattr(cache, "self_attention_cache", None)
    if own is None:
        cache.reorder_cache(beam_idx)
    else:
        own.reorder_cache(beam_idx)
    return cache


@contextmanager
def _beams_share_encoder_cache(model: Any) -> Iterator[None]:
    """Within the block, beam search on ``model`` skips reordering the cross-attention cache."""
    if hasattr(model, "_reorder_cache"):  # the model reorders its cache its own way
        yield
        return
    model._reorder_cache = _reorder_self_attention
    try:
        yield
    finally:
        del model._reorder_cache


def _eos_ids(config: Any) -> set[int]:
    eos = config.eos_token_id
    if eos is None:
        return set()
    return set(eos) if isinstance(eos, list | tuple) else {int(eos)}


def generate_batch(
    model: Any,
    tokenizer: Any,
    device: torch.device,
    inputs: list[str],
    config: Any,
    deadline: float,
    output_vocabulary: torch.Tensor | None = None,
    stop: threading.Event | None = None,
) -> list[Generated]:
    """Summaries of ``inputs`` in one ``generate`` call.

    Raises GenerationTimeout past ``deadline`` and GenerationCancelled once ``stop`` is set (checked
    before every encoder and decoder layer runs, see :func:`_layers_check`). With
    ``output_vocabulary`` (sorted token ids), each row decodes over those ids plus its own input's
    tokens only (see summarizer.vocabulary); the model is restored afterwards in every case.
    """
    if stop is not None and stop.is_set():
        raise GenerationCancelled("summarization was stopped")
    encoded = tokenizer(inputs, return_tensors="pt", padding=True, truncation=False)
    encoded = {name: tensor.to(device) for name, tensor in encoded.items() if name != "token_type_ids"}
    stopper = _Stopper(deadline, stop)
    stopping = StoppingCriteriaList([stopper])
    ids = None
    with torch.inference_mode(), ExitStack() as changes:
        changes.enter_context(_beams_share_encoder_cache(model))
        run_config = config
        if output_vocabulary is not None and vocabulary.supports(config):
            rows = vocabulary.row_vocabularies(
                output_vocabulary,
                tokenizer,
                inputs,
                encoded["input_ids"],
                config,
                size=vocabulary.output_size(model),
            )
            ids = rows.ids.to(device)
            run_config = changes.enter_context(vocabulary.restricted(model, ids, config, rows.allowed))
        changes.enter_context(_layers_check(model, stopper))
        sequences = None
        try:
            output = model.generate(**encoded, generation_config=run_config, stopping_criteria=stopping)
        except _Interrupted:
            pass  # the stopper says why, below
        else:
            sequences = output.sequences if hasattr(output, "sequences") else output
            if ids is not None:
                sequences = ids[sequences]
    if stopper.cancelled:
        raise GenerationCancelled("summarization was stopped")
    if stopper.timed_out:
        raise GenerationTimeout(f"generation of a batch of {len(inputs)} sections ran past its time limit")
    assert sequences is not None  # generate is interrupted only for one of the two reasons above
    forced = getattr(config, "forced_eos_token_id", None) is not None
    return decoded(
        tokenizer,
        sequences.tolist(),
        _eos_ids(config),
        forced_limit=config.max_new_tokens if forced else None,
    )


def decoded(
    tokenizer: Any,
    sequences: list[list[int]],
    eos: set[int],
    *,
    forced_limit: int | None = None,
) -> list[Generated]:
    """Generated token ids (decoder start first) as text, each marked finished when the model ended it.

    A row is finished when it holds an EOS the model chose: not one forced at the last of
    ``forced_limit`` steps (``forced_eos_token_id``, as BART checkpoints set it), which marks a
    summary cut at the limit.
    """
    texts = tokenizer.batch_decode(sequences, skip_special_tokens=True)
    out = []
    for row, text in zip(sequences, texts, strict=True):
        steps = row[1:]
        ends = [index for index, token in enumerate(steps) if token in eos]
        finished = bool(ends)
        if finished and forced_limit is not None and ends[0] == forced_limit - 1:
            finished = False  # the EOS was forced at the last step: the model ran into the limit
        out.append(Generated(text=text, finished=finished))
    return out
