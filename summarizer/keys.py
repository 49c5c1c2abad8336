"""The cache key of a summarizer set-up: model, its revision, and every setting that shapes output."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from nashra.config import SummarizerConfig

EXTRACTIVE_KEY = "extractive"
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


def model_key(config: SummarizerConfig) -> str:
    """``extractive`` without a model, else ``model@revision#settings-hash``."""
    if not config.model.strip():
        return EXTRACTIVE_KEY
    settings = {
        "prefix": config.prefix,
        "max_input_tokens": config.max_input_tokens,
        "generation": dataclasses.asdict(config.generation),
        "quantize_int8": config.quantize_int8,
        "restrict_vocabulary": config.restrict_vocabulary,
    }
    blob = json.dumps(settings, sort_keys=True).encode()
    return f"{config.model}@{revision_of(config)}#{hashlib.sha256(blob).hexdigest()[:12]}"
