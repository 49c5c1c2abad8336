"""Decoding over a reduced output vocabulary: Arabic-script pieces, special tokens and the input's own tokens.

A multilingual model (mT5: 250,112 pieces) spends most of each decoding step on its vocabulary: the LM
head, the logits processors, log-softmax and top-k all scale with it, and none of that gains from
batching. A summary of an Arabic section is written with Arabic-script pieces, digits and punctuation,
plus the odd name copied from the input, so decoding is restricted to that set:

- the special tokens of the tokenizer, the model config and the generation config;
- every piece made only of Arabic-script letters and marks, digits, punctuation, symbols and spaces
  (computed once per loaded model);
- every token of the section's own input, and the tokens of each of its words written alone (with and
  without a leading space), so a name written in Latin letters can still be copied however the
  tokenizer splits it in context.

Each row of a batch decodes over its OWN allowed set: the LM head keeps the rows of the union of the
batch's sets (one matrix product for the batch), and each row's logits outside its own set are masked
to -inf before the log-softmax, so its probabilities are normalized over its own set only. A section's
summary therefore depends on its own text alone, never on its batch mates.

For one batch the model is temporarily changed (and always restored): the LM head keeps the rows of
the allowed ids, the decoder's input embeddings map reduced ids back to full ones (the encoder keeps the
whole vocabulary), ``final_logits_bias`` is sliced, the token ids of the generation config are mapped
to reduced indices, and the model config's ``vocab_size`` says the reduced size. The last makes the
reduced model consistent as a whole, whatever part of it a transformers version reads: beam search in
transformers 5.0-5.17 takes the vocabulary size from the config (``config.get_text_config().vocab_size``)
to reshape the logits, later versions from the logits' own width. Generated ids are mapped back before
decoding. Restriction is skipped when
the allowed set is not much smaller than the vocabulary (small or Arabic-only vocabularies).

The CTranslate2 engine decodes over the same set (:func:`script_ids`, :func:`own_ids`) through
CTranslate2's vocabulary map, for the rows whose own tokens all lie in the shared set
(:mod:`summarizer.ct2`).

Decoding over a restricted set is not plain decoding: a model that would write a piece of another
script that its section lacks writes something else, and beam search compares hypotheses by scores
normalized over the set rather than the whole vocabulary, which can change which beam wins (it changed
1 of 41 summaries of the trained test model with 3 beams; greedy decoding only changes where the
model's own choice lies outside the set). It is therefore off by default (``restrict_vocabulary``);
benchmarks/summarize.py prints its speed and its identical-output count.
"""

from __future__ import annotations

import copy
import functools
import logging
import unicodedata
import warnings
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from nashra.arabic import words

log = logging.getLogger(__name__)

# Restriction only pays when it removes most of the vocabulary.
WORTHWHILE_SHARE = 0.6
# Generation settings that compare decoder ids with encoder ids or hold token sequences we do not map:
# with any of them set, decoding uses the whole vocabulary.
_UNMAPPED_SETTINGS = ("sequence_bias", "forced_decoder_ids", "force_words_ids", "constraints")
_SINGLE_IDS = (
    "decoder_start_token_id",
    "pad_token_id",
    "bos_token_id",
    "forced_bos_token_id",
    "forced_eos_token_id",
)
_ID_LISTS = ("suppress_tokens", "begin_suppress_tokens")
_SPIECE_MARK = "\u2581"
_ALLOWED_FORMAT = {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c"}

_cache: weakref.WeakKeyDictionary[Any, torch.Tensor | None] = weakref.WeakKeyDictionary()


@functools.lru_cache(maxsize=8192)
def _allowed_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category[0] in "LM":
        return unicodedata.name(ch, "").startswith("ARABIC")
    return category[0] in "NPSZ" or ch in _ALLOWED_FORMAT or ch in "\t\n\r"


def allowed_text(text: str) -> bool:
    """Whether a piece's text is only Arabic-script letters/marks, digits, punctuation, symbols, spaces."""
    return all(_allowed_char(ch) for ch in text)


@functools.cache
def _byte_decoder() -> dict[str, int]:
    """The inverse of the GPT-2 byte-to-character table used by byte-level BPE vocabularies."""
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("¡"), ord("¬") + 1),
        *range(ord("®"), ord("ÿ") + 1),
    ]
    chars = list(printable)
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            chars.append(256 + extra)
            extra += 1
    return {chr(char): byte for byte, char in zip(printable, chars, strict=True)}


def _allowed_bytes(data: bytes) -> bool:
    """A byte-level piece: its whole characters must be allowed; cut-off UTF-8 at its edges is kept
    when it can belong to Arabic script (lead bytes 0xD8-0xDB, 0xDD or continuation bytes)."""
    text = data.decode("utf-8", errors="ignore")
    if text:
        return allowed_text(text)
    return all(0x80 <= b <= 0xBF or b in (0xD8, 0xD9, 0xDA, 0xDB, 0xDD) for b in data)


def _is_byte_level(tokenizer: Any) -> bool:
    backend = getattr(tokenizer, "backend_tokenizer", None)
    decoder = getattr(backend, "decoder", None)
    return type(decoder).__name__ == "ByteLevel" or "ByteLevel" in repr(decoder)


def _config_ids(*configs: Any) -> set[int]:
    ids: set[int] = set()
    for config in configs:
        for name in (*_SINGLE_IDS, "eos_token_id", "sep_token_id", "unk_token_id"):
            value = getattr(config, name, None)
            if isinstance(value, int):
                ids.add(value)
            elif isinstance(value, list | tuple):
                ids.update(v for v in value if isinstance(v, int))
    return ids


def output_size(model: Any) -> int:
    """Rows of the LM head: the size of the model's output vocabulary."""
    weight, _ = _head_weight_bias(model.get_output_embeddings())
    return int(weight.shape[0])


def script_vocabulary(model: Any, tokenizer: Any) -> torch.Tensor:
    """Sorted ids of the special tokens and of every Arabic-script/digit/punctuation piece."""
    return script_ids(tokenizer, output_size(model), model.config, model.generation_config)


def script_ids(tokenizer: Any, size: int, *configs: Any) -> torch.Tensor:
    """:func:`script_vocabulary` of an output vocabulary of ``size`` pieces, with the ids that
    ``configs`` (a model config, a generation config) name: for an engine whose model is not a
    transformers module (CTranslate2)."""
    pieces = tokenizer.convert_ids_to_tokens(list(range(min(len(tokenizer), size))))
    byte_level = _is_byte_level(tokenizer)
    table = _byte_decoder() if byte_level else {}
    keep = set(tokenizer.all_special_ids) | _config_ids(*configs)
    for index, piece in enumerate(pieces):
        if piece is None:
            continue
        if byte_level and all(ch in table for ch in piece):
            if _allowed_bytes(bytes(table[ch] for ch in piece)):
                keep.add(index)
        elif piece.startswith("<0x") and piece.endswith(">") and len(piece) == 6:
            keep.add(index)  # SentencePiece byte fallback: spells out characters missing from the vocabulary
        elif allowed_text(piece.replace(_SPIECE_MARK, "")):
            keep.add(index)
    return torch.tensor(sorted(i for i in keep if 0 <= i < size), dtype=torch.long)


def pays(kept: int, size: int) -> bool:
    """Whether decoding over ``kept`` of ``size`` pieces is worth a restriction (:data:`WORTHWHILE_SHARE`)."""
    return kept <= WORTHWHILE_SHARE * size


def output_vocabulary(model: Any, tokenizer: Any) -> torch.Tensor | None:
    """The cached script vocabulary of ``model``, or None when restricting would not pay."""
    if model in _cache:
        return _cache[model]
    if not _restrictable(model):
        _cache[model] = None
        return None
    ids = script_vocabulary(model, tokenizer)
    size = output_size(model)
    worthwhile = pays(len(ids), size)
    log.info(
        "output vocabulary: %d of %d pieces are Arabic-script, digits, punctuation or special%s",
        len(ids),
        size,
        "" if worthwhile else "; decoding over the whole vocabulary",
    )
    _cache[model] = ids if worthwhile else None
    return _cache[model]


def word_variant_ids(tokenizer: Any, text: str) -> set[int]:
    """Token ids of each word of ``text`` tokenized alone, with and without a leading space.

    In context a name may be split differently than when a summary starts with it ("(Reuters)" vs
    "Reuters"); these are the pieces a model copying the word may need.
    """
    distinct = sorted({w.text for w in words(text)})
    if not distinct:
        return set()
    found: set[int] = set()
    for batch in (distinct, [" " + w for w in distinct]):
        for ids in tokenizer(batch, add_special_tokens=False)["input_ids"]:
            found.update(ids)
    return found


def own_ids(tokenizer: Any, text: str, row: list[int], size: int | None = None) -> set[int]:
    """The ids a row may write beyond the shared set: its input's tokens ``row`` (padding excluded)
    and its words' written alone (:func:`word_variant_ids`), less ids of ``size`` or more (tokens the
    LM head has no row for)."""
    pad = getattr(tokenizer, "pad_token_id", None)
    own = {token for token in row if token != pad} | word_variant_ids(tokenizer, text)
    return own if size is None else {token for token in own if token < size}


def generation_ids(config: Any) -> set[int]:
    """The token ids a generation config names (start, padding, end, forced tokens): every row may
    write them."""
    return _config_ids(config) if config is not None else set()


@dataclass(frozen=True, slots=True)
class RowVocabularies:
    """The allowed output ids of each row of a batch.

    ``ids``: sorted union of the rows' sets (shape [U]); ``allowed``: [rows, U] booleans, True where
    the id is in that row's own set.
    """

    ids: torch.Tensor
    allowed: torch.Tensor


def row_vocabularies(
    base: torch.Tensor,
    tokenizer: Any,
    inputs: list[str],
    input_ids: torch.Tensor,
    config: Any = None,
    size: int | None = None,
) -> RowVocabularies:
    """Each row's allowed set: ``base``, the generation config's ids, the row's own input tokens (padding
    excluded) and the tokens of its words written alone (:func:`word_variant_ids`); ids of ``size`` or
    more (tokens the LM head has no row for) are left out."""
    common = torch.tensor(sorted(generation_ids(config)), dtype=torch.long)
    rows = [
        torch.tensor(sorted(own_ids(tokenizer, text, row, size)), dtype=torch.long)
        for text, row in zip(inputs, input_ids.tolist(), strict=True)
    ]
    shared = torch.cat([base.cpu(), common])
    ids = torch.unique(torch.cat([shared, *rows]))
    allowed = torch.isin(ids, shared).unsqueeze(0).repeat(len(rows), 1)
    for index, own in enumerate(rows):
        allowed[index] |= torch.isin(ids, own)
    return RowVocabularies(ids, allowed)


def supports(config: Any) -> bool:
    """Whether decoding with ``config`` can run over a reduced vocabulary."""
    if any(getattr(config, name, None) for name in _UNMAPPED_SETTINGS):
        return False
    if getattr(config, "encoder_no_repeat_ngram_size", None):
        return False
    return getattr(config, "encoder_repetition_penalty", None) in (None, 1.0)


def _head_weight_bias(head: Any) -> tuple[torch.Tensor, torch.Tensor | None]:
    weight = head.weight() if callable(head.weight) else head.weight
    bias = head.bias() if callable(getattr(head, "bias", None)) else getattr(head, "bias", None)
    return weight, bias


def _restrictable(model: Any) -> bool:
    head = model.get_output_embeddings()
    if head is None or not any(module is head for _, module in model.named_children()):
        return False
    try:
        decoder = model.get_decoder()
    except (AttributeError, NotImplementedError, ValueError):
        return False
    return isinstance(getattr(decoder, "embed_tokens", None), nn.Module)


class _ReducedHead(nn.Module):
    """The LM head restricted to the allowed rows."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor | None) -> None:
        super().__init__()
        self.weight = weight
        self.bias = bias

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return F.linear(hidden, self.weight, self.bias)


class _MaskedHead(nn.Module):
    """A reduced LM head whose logits outside each row's own set are -inf.

    ``penalty`` is [rows, U] (0 or -inf); the head sees rows x beams hidden states (generate expands
    each row into its beams next to each other), so row ``i`` of the mask serves hidden rows
    ``i * beams ... (i + 1) * beams - 1``.
    """

    def __init__(self, head: nn.Module, penalty: torch.Tensor) -> None:
        super().__init__()
        self.head = head
        self.penalty = penalty

    @property
    def weight(self) -> torch.Tensor:
        return self.head.weight() if callable(self.head.weight) else self.head.weight

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        logits = self.head(hidden)
        rows = self.penalty.shape[0]
        penalty = self.penalty.repeat_interleave(logits.shape[0] // rows, dim=0)
        return logits + penalty.unsqueeze(1).to(logits.dtype)


class _ReducedEmbedding(nn.Module):
    """The decoder's input embeddings, taking reduced ids and looking up their full ids."""

    def __init__(self, inner: nn.Module, ids: torch.Tensor) -> None:
        super().__init__()
        self.inner = inner
        self.ids = ids

    @property
    def weight(self) -> torch.Tensor:
        return self.inner.weight

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.inner(self.ids[input_ids])


def _reduced_head(head: Any, ids: torch.Tensor) -> nn.Module:
    weight, bias = _head_weight_bias(head)
    index = ids.to(weight.device)
    sliced_bias = bias.index_select(0, index) if bias is not None else None
    if weight.is_quantized:
        from torch.ao.nn.quantized.dynamic import Linear as DynamicQuantizedLinear

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch marks eager quantization deprecated
            reduced = DynamicQuantizedLinear(weight.shape[1], len(ids), dtype=weight.dtype)
            reduced.set_weight_bias(weight[index], sliced_bias)
        return reduced
    return _ReducedHead(weight.index_select(0, index), sliced_bias)


def _map_ids(value: Any, to_reduced: dict[int, int]) -> Any:
    if value is None:
        return None
    if isinstance(value, int):
        return to_reduced[value]
    return [to_reduced[v] for v in value]


def reduced_config(config: Any, ids: torch.Tensor) -> Any:
    """A copy of the generation config with its token ids given as indices into ``ids``.

    Suppressed or banned tokens outside ``ids`` are dropped: they cannot be generated anyway.
    """
    to_reduced = {int(full): reduced for reduced, full in enumerate(ids.tolist())}
    mapped = copy.deepcopy(config)
    for name in (*_SINGLE_IDS, "eos_token_id"):
        value = getattr(config, name, None)
        if value is not None:
            setattr(mapped, name, _map_ids(value, to_reduced))
    for name in _ID_LISTS:
        value = getattr(config, name, None)
        if value:
            setattr(mapped, name, [to_reduced[v] for v in value if v in to_reduced])
    bad = getattr(config, "bad_words_ids", None)
    if bad:
        kept = [[to_reduced[v] for v in seq] for seq in bad if all(v in to_reduced for v in seq)]
        mapped.bad_words_ids = kept or None
    return mapped


def _vocab_size_configs(model: Any) -> list[tuple[Any, int]]:
    """The model's config objects that declare a vocabulary size (the config and its text config, once
    each), with their sizes."""
    configs = [model.config]
    text = getattr(model.config, "get_text_config", None)
    if callable(text):
        configs.append(text())
    found: list[tuple[Any, int]] = []
    for config in configs:
        size = getattr(config, "vocab_size", None)
        if isinstance(size, int) and not any(config is seen for seen, _ in found):
            found.append((config, size))
    return found


@contextmanager
def restricted(
    model: Any, ids: torch.Tensor, config: Any, allowed: torch.Tensor | None = None
) -> Iterator[Any]:
    """Within the block, ``model`` decodes over ``ids`` only; yields the generation config to pass.

    With ``allowed`` ([rows, len(ids)] booleans), row ``i`` of the batch decodes over its own
    ``ids[allowed[i]]`` only. Every change is undone on exit, whatever happens inside (errors,
    timeouts, out of memory).
    """
    head = model.get_output_embeddings()
    head_name = next(name for name, module in model.named_children() if module is head)
    decoder = model.get_decoder()
    embeddings = decoder.embed_tokens
    own_config = model.generation_config
    bias = getattr(model, "final_logits_bias", None)
    mapped = reduced_config(config, ids)
    sized = _vocab_size_configs(model)
    try:
        reduced = _reduced_head(head, ids)
        if allowed is not None:
            penalty = torch.zeros(allowed.shape, dtype=torch.float32)
            penalty[~allowed] = float("-inf")
            reduced = _MaskedHead(reduced, penalty.to(ids.device))
        setattr(model, head_name, reduced)
        decoder.embed_tokens = _ReducedEmbedding(embeddings, ids.to(embeddings.weight.device))
        if isinstance(bias, torch.Tensor):
            model.final_logits_bias = bias.index_select(-1, ids.to(bias.device))
        # generate() fills unset values from model.generation_config: it must hold reduced ids too.
        model.generation_config = mapped
        for model_config, _ in sized:
            model_config.vocab_size = len(ids)
        yield mapped
    finally:
        for model_config, size in sized:
            model_config.vocab_size = size
        setattr(model, head_name, head)
        decoder.embed_tokens = embeddings
        if isinstance(bias, torch.Tensor):
            model.final_logits_bias = bias
        model.generation_config = own_config
