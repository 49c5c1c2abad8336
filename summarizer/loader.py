"""Loading a Hugging Face seq2seq model and its tokenizer, once per process.

Any ``AutoModelForSeq2SeqLM`` checkpoint works: a hub id already in the local cache or a directory.
Loading tries the files on disk first, so a machine without internet never waits on the network.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

log = logging.getLogger(__name__)

RETRY_FAILED_LOAD_S = 300.0


class ModelLoadError(Exception):
    """The model or its tokenizer cannot be loaded; the message names the model and the reason."""


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


@dataclass(slots=True)
class LoadedModel:
    model: Any
    tokenizer: Any
    device: torch.device
    dtype: torch.dtype
    input_limit: int  # the most input tokens the model accepts (positions), or a large number
    # Held while the model generates: Summarizers with different settings share one loaded model, and a
    # restricted-vocabulary batch changes the model for the length of its generate call.
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def name(self) -> str:
        return str(getattr(self.model, "name_or_path", ""))


_lock = threading.Lock()
_loaded: dict[ModelSpec, LoadedModel] = {}
_failed: dict[ModelSpec, tuple[float, ModelLoadError]] = {}


def pick_device(choice: str) -> torch.device:
    if choice == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        return torch.device("cpu")
    if choice == "cuda" and not torch.cuda.is_available():
        raise ModelLoadError("summarizer.device is cuda but no CUDA device is available")
    if choice == "mps" and not torch.backends.mps.is_available():
        raise ModelLoadError("summarizer.device is mps but MPS is not available")
    return torch.device(choice)


def pick_dtype(choice: str, device: torch.device) -> torch.dtype:
    """float32 on CPU (fast kernels, exact), bf16 on GPUs that support it, else fp16."""
    if choice != "auto":
        return getattr(torch, choice)
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.type == "mps":
        return torch.float16
    return torch.float32


def configure_threads(threads: int) -> int:
    """Give torch the configured number of intra-op threads (0: one per CPU core)."""
    count = threads if threads > 0 else (os.cpu_count() or 1)
    torch.set_num_threads(count)
    return count


def load(spec: ModelSpec) -> LoadedModel:
    """The loaded model for ``spec``, loading it on first use; failures are remembered for a while."""
    with _lock:
        if spec in _loaded:
            return _loaded[spec]
        failure = _failed.get(spec)
        if failure and time.monotonic() - failure[0] < RETRY_FAILED_LOAD_S:
            raise failure[1]
        try:
            loaded = _load(spec)
        except ModelLoadError as exc:
            _failed[spec] = (time.monotonic(), exc)
            raise
        _failed.pop(spec, None)
        _loaded[spec] = loaded
        return loaded


def _from_pretrained(factory: Any, spec: ModelSpec, **kwargs: Any) -> Any:
    revision = spec.revision or None
    try:
        return factory.from_pretrained(spec.name, revision=revision, local_files_only=True, **kwargs)
    except OSError:
        if spec.local_files_only:
            raise
    return factory.from_pretrained(spec.name, revision=revision, local_files_only=False, **kwargs)


def _load(spec: ModelSpec) -> LoadedModel:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    folder = Path(spec.name).expanduser()
    # A hub id is "name" or "owner/name"; anything else shaped like a path must be a directory.
    looks_like_path = spec.name.startswith((".", "/", "~")) or spec.name.count("/") > 1
    if looks_like_path and not folder.exists():
        raise ModelLoadError(f"summarization model directory {spec.name} does not exist")
    if folder.exists() and not (folder / "config.json").is_file():
        raise ModelLoadError(f"summarization model directory {spec.name} has no config.json")
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
        tokenizer = _from_pretrained(AutoTokenizer, spec)
        model = _from_pretrained(AutoModelForSeq2SeqLM, spec, dtype=dtype)
    except (OSError, ValueError, KeyError, ImportError, RuntimeError) as exc:
        where = "" if spec.local_files_only else " (or from the hub)"
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        message = f"cannot load summarization model {spec.name!r} from disk{where}: {reason}"
        raise ModelLoadError(message) from exc
    if not getattr(model.config, "is_encoder_decoder", False):
        raise ModelLoadError(f"{spec.name!r} is not an encoder-decoder (seq2seq) model")
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
    return LoadedModel(model, tokenizer, device, dtype, _input_limit(model, tokenizer))


def _input_limit(model: Any, tokenizer: Any) -> int:
    """Learned position tables (BART) cap the input; relative positions (T5) do not."""
    limits = [10**9]
    positions = getattr(model.config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        limits.append(positions)
    tokenizer_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < 10**6:
        limits.append(tokenizer_limit)
    return min(limits)
