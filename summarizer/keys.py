"""The cache key of a summarizer set-up: model, its revision, and every setting that shapes output.

A stored summary is reused only under the same key, so the key holds everything that can change a
summary: the model files, the prefix and input limit, the generation settings, the output-vocabulary
restriction, the engine and its library version, the device and number type it runs with (resolved:
"auto" on a machine with a GPU is not "auto" on one without), int8, and :data:`SUMMARY_RULES`, the
version of Nashra's own rules (restriction sets, cleaning, the faithfulness guard). Batch composition
and thread count are not in it: a section's summary does not depend on them.

torch is imported only for a configured model whose device or number type is "auto".
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from importlib import metadata
from pathlib import Path

from nashra.config import SummarizerConfig
from summarizer.loader import ModelLoadError, pick_device, pick_dtype

EXTRACTIVE_KEY = "extractive"
# Raised whenever Nashra's code changes what a model summary becomes for the same model output:
# 2 = per-section output vocabularies and the faithfulness guard.
SUMMARY_RULES = 2
# Files whose change means a different model or tokenizer in a local directory.
_MODEL_FILES = (
    "config.json",
    "generation_config.json",
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
    "tokenizer.json",
    "spiece.model",
    "sentencepiece.bpe.model",
    "vocab.json",
    "merges.txt",
    "tokenizer_config.json",
)


def revision_of(config: SummarizerConfig) -> str:
    """The configured revision; for a local directory, a fingerprint of its files.

    Replacing the model in a directory (or placing it where it was missing) changes the fingerprint,
    so the cache does not serve summaries of the previous model.
    """
    if config.revision:
        return config.revision
    folder = Path(config.model).expanduser()
    if not folder.is_dir():
        return "default"
    digest = hashlib.sha256()
    for name in _MODEL_FILES:
        file = folder / name
        if file.is_file():
            stat = file.stat()
            digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return "dir-" + digest.hexdigest()[:12]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"


def resolved_device(config: SummarizerConfig) -> tuple[str, str]:
    """The device type and number type the model will run with ("auto" resolved as the loader does)."""
    device, dtype = config.device, config.dtype
    if config.engine == "ctranslate2":
        if device == "auto":
            try:
                import ctranslate2
            except ImportError:  # the load fails and says so; the key is not used
                return device, dtype
            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        return device, dtype if dtype != "auto" else ("float32" if device == "cpu" else "bf16-or-fp16")
    if device == "auto" or (dtype == "auto" and device != "cpu"):
        try:
            resolved = pick_device(device)
        except ModelLoadError:  # the load fails and says so; the key is not used
            return device, dtype
        return resolved.type, str(pick_dtype(dtype, resolved)).removeprefix("torch.")
    return device, dtype if dtype != "auto" else "float32"


def model_key(config: SummarizerConfig) -> str:
    """``extractive`` without a model, else ``model@revision#settings-hash``."""
    if not config.model.strip():
        return EXTRACTIVE_KEY
    device, dtype = resolved_device(config)
    engine = "transformers" if config.engine == "transformers" else "ctranslate2"
    settings = {
        "prefix": config.prefix,
        "max_input_tokens": config.max_input_tokens,
        "generation": dataclasses.asdict(config.generation),
        "quantize_int8": config.quantize_int8,
        "restrict_vocabulary": config.restrict_vocabulary and engine == "transformers",
        "engine": f"{engine}=={_version(engine)}",
        "device": device,
        "dtype": dtype,
        "rules": SUMMARY_RULES,
    }
    blob = json.dumps(settings, sort_keys=True).encode()
    return f"{config.model}@{revision_of(config)}#{hashlib.sha256(blob).hexdigest()[:12]}"
