"""Loading a Hugging Face seq2seq model and its tokenizer with transformers.

Any ``AutoModelForSeq2SeqLM`` checkpoint works: a hub id already in the local cache or a directory.
Loading tries the files on disk first, so a machine without internet never waits on the network.
With ``engine = "ctranslate2"`` the checkpoint is converted once (summarizer.ct2) and run by
CTranslate2 instead of transformers; :mod:`summarizer.engines` picks the engine and keeps one loaded
model per spec.

torch and transformers are imported here only when a model is loaded.

Threads: ``threads = 0`` (the default) gives the model half the CPU cores, at least one. Measured with
benchmarks/summarize.py on a 2-core host: with the other core busy (the bot, another process), torch
with 2 threads was up to 12x slower than with 1, because its threads spin waiting for a core that is
taken; on an idle 2-core host 2 threads gained only 1.2-1.4x. The bot's own event loop needs a core too.
Set ``threads`` to use more.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

    from nashra.config import SummarizerConfig

log = logging.getLogger(__name__)


class ModelLoadError(Exception):
    """The model or its tokenizer cannot be loaded; the message names the model and the reason.

    ``fix`` says what to do when the cause is not the model folder's contents (a setting, a cache
    folder, a missing package): ``nashra doctor`` prints it in place of its advice on model folders.
    Empty for a problem with the folder itself.
    """

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix


# What to do about a device setting this machine cannot honour.
DEVICE_FIX = 'set [summarizer] device = "auto" (or "cpu") in the config'


class LoadCancelled(Exception):
    """Loading was stopped on request (shutdown) before it finished; nothing is remembered of it."""


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """What to load and how; equal specs share one loaded model in a process."""

    name: str
    revision: str = ""
    device: str = "auto"
    dtype: str = "auto"
    quantize_int8: bool = False
    threads: int = 0
    local_files_only: bool = True
    engine: str = "transformers"

    @classmethod
    def of(cls, config: SummarizerConfig) -> ModelSpec | None:
        """The spec of a summarizer configuration; None when it names no model (extractive only)."""
        if not config.model.strip():
            return None
        return cls(
            name=config.model,
            revision=config.revision,
            device=config.device,
            dtype=config.dtype,
            quantize_int8=config.quantize_int8,
            threads=config.threads,
            local_files_only=config.local_files_only,
            engine=config.engine,
        )


@dataclass(slots=True)
class LoadedModel:
    model: Any  # a transformers model, or a summarizer.ct2.CT2Model
    tokenizer: Any
    device: torch.device
    dtype: torch.dtype
    input_limit: int  # the most input tokens the model accepts (positions), or a large number
    engine: str = "transformers"
    # Held while the model generates: Summarizers with different settings share one loaded model, and a
    # restricted-vocabulary batch changes the model for the length of its generate call.
    lock: threading.Lock = field(default_factory=threading.Lock)
    # The revision of the files it was loaded from (summarizer.keys.files_revision_of; "" for a pinned
    # revision): the key of what it writes (summarizer.keys.model_key), set by summarizer.engines.
    files_revision: str = ""

    @property
    def name(self) -> str:
        return str(getattr(self.model, "name_or_path", ""))


def pick_device(choice: str) -> torch.device:
    import torch

    if choice == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        return torch.device("cpu")
    if choice == "cuda" and not torch.cuda.is_available():
        raise ModelLoadError("summarizer.device is cuda but no CUDA device is available", DEVICE_FIX)
    if choice == "mps" and not torch.backends.mps.is_available():
        raise ModelLoadError("summarizer.device is mps but MPS is not available", DEVICE_FIX)
    return torch.device(choice)


def pick_dtype(choice: str, device: torch.device) -> torch.dtype:
    """float32 on CPU (fast kernels, exact), bf16 on GPUs that support it, else fp16."""
    import torch

    if choice != "auto":
        return getattr(torch, choice)
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.type == "mps":
        return torch.float16
    return torch.float32


def default_threads() -> int:
    """Half the CPU cores this process may use, at least one (see the module docstring)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores // 2)


def thread_count(threads: int) -> int:
    """The configured count, or :func:`default_threads` for 0."""
    return threads if threads > 0 else default_threads()


def configure_threads(threads: int) -> int:
    """Give torch the configured number of intra-op threads (0: :func:`default_threads`)."""
    import torch

    count = thread_count(threads)
    torch.set_num_threads(count)
    return count


def check_directory(spec: ModelSpec) -> None:
    """ModelLoadError when ``spec.name`` is shaped like a path but is no model directory."""
    folder = Path(spec.name).expanduser()
    # A hub id is "name" or "owner/name"; anything else shaped like a path must be a directory.
    looks_like_path = spec.name.startswith((".", "/", "~")) or spec.name.count("/") > 1
    if looks_like_path and not folder.exists():
        raise ModelLoadError(f"summarization model directory {spec.name} does not exist")
    if folder.exists() and not (folder / "config.json").is_file():
        raise ModelLoadError(f"summarization model directory {spec.name} has no config.json")


def from_pretrained(factory: Any, spec: ModelSpec, **kwargs: Any) -> Any:
    """``factory.from_pretrained`` for the spec: from disk first, the hub only when allowed."""
    revision = spec.revision or None
    try:
        return factory.from_pretrained(spec.name, revision=revision, local_files_only=True, **kwargs)
    except OSError:
        if spec.local_files_only:
            raise
    return factory.from_pretrained(spec.name, revision=revision, local_files_only=False, **kwargs)


def load_transformers(spec: ModelSpec) -> LoadedModel:
    """Load ``spec`` with transformers (no caching: :func:`summarizer.engines.load` keeps one per spec)."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    check_directory(spec)
    if not sys.stderr.isatty():
        # transformers draws a "Loading weights" bar on stderr: in a service's log or a redirected
        # command it is noise, and a load cut short (Ctrl-C) left it half drawn above the last line.
        transformers_logging.disable_progress_bar()
    device = pick_device(spec.device)
    dtype = pick_dtype(spec.dtype, device)
    if spec.quantize_int8 and device.type != "cpu":
        raise ModelLoadError(
            "summarizer.quantize_int8 works on the CPU only: set device = cpu or turn it off"
        )
    if device.type == "cpu":
        configure_threads(spec.threads)
    started = time.monotonic()
    try:
        tokenizer = from_pretrained(AutoTokenizer, spec)
        model = from_pretrained(AutoModelForSeq2SeqLM, spec, dtype=dtype)
    except Exception as exc:  # a broken file fails in many ways (safetensors, JSON, protobuf, ...)
        raise load_error(spec, exc) from exc
    if not getattr(model.config, "is_encoder_decoder", False):
        raise ModelLoadError(f"{spec.name!r} is not an encoder-decoder (seq2seq) model")
    check_tokenizer(spec, tokenizer, model.get_input_embeddings().weight.shape[0])
    model.eval()
    if spec.quantize_int8:
        with warnings.catch_warnings():
            # torch marks eager dynamic quantization deprecated in favour of torchao, not a dependency here.
            warnings.simplefilter("ignore")
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    model.to(device)
    log.info(
        "loaded summarization model %s on %s (%s%s) in %.1fs",
        spec.name,
        device,
        str(dtype).removeprefix("torch."),
        ", int8" if spec.quantize_int8 else "",
        time.monotonic() - started,
    )
    return LoadedModel(model, tokenizer, device, dtype, input_limit(model, tokenizer))


def load_error(spec: ModelSpec, exc: BaseException) -> ModelLoadError:
    """The one-line error for a checkpoint that failed to load with ``exc``."""
    where = "" if spec.local_files_only else " (or from the hub)"
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ModelLoadError(f"cannot load summarization model {spec.name!r} from disk{where}: {reason}")


# Arabic letters a tokenizer must give back from this sentence: what news sections are written in.
_TOKENIZER_PROBE = "قال وزير الخارجية إن المفاوضات ستستأنف في القاهرة الأسبوع المقبل."
_READABLE_SHARE = 0.5


def check_tokenizer(spec: ModelSpec, tokenizer: Any, vocabulary_rows: int) -> None:
    """ModelLoadError when the tokenizer cannot serve the model: it makes ids the model has no
    embedding for (a tokenizer of another model), or it cannot read Arabic text back (a folder
    without its tokenizer files gets an empty default vocabulary that turns every word into <unk>)."""
    ids = tokenizer(_TOKENIZER_PROBE, add_special_tokens=False)["input_ids"]
    pieces = len(tokenizer)
    if pieces > vocabulary_rows:
        mismatch = (
            f"the tokenizer of summarization model {spec.name!r} has {pieces} pieces but the model "
            f"only {vocabulary_rows}"
        )
        if max(ids, default=0) >= vocabulary_rows:
            raise ModelLoadError(f"{mismatch}: the tokenizer files belong to another model")
        # Tokens added to a tokenizer without resizing the model: harmless until a text holds them.
        log.warning("%s; text holding the pieces past %d cannot be summarized", mismatch, vocabulary_rows)
    back = tokenizer.decode(ids, skip_special_tokens=True)
    letters = [ch for ch in _TOKENIZER_PROBE if ch.isalpha()]
    kept = sum(min(back.count(ch), _TOKENIZER_PROBE.count(ch)) for ch in set(letters))
    if kept < _READABLE_SHARE * len(letters):
        raise ModelLoadError(
            f"the tokenizer of summarization model {spec.name!r} cannot read Arabic text "
            f"(it gives back {kept} of {len(letters)} letters of a test sentence): are its tokenizer "
            "files (tokenizer.json, spiece.model, sentencepiece.bpe.model or vocab.json) in the folder?"
        )


def input_limit(model: Any, tokenizer: Any) -> int:
    """Learned position tables (BART) cap the input; relative positions (T5) do not."""
    limits = [10**9]
    positions = getattr(model.config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        limits.append(positions)
    tokenizer_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < 10**6:
        limits.append(tokenizer_limit)
    return min(limits)
