"""The cache key of a summarizer set-up: model, its revision, and every setting that shapes output.

A stored summary is reused only under the same key, so the key holds everything that can change a
summary: the model files (every file of a local folder but its documentation; for a hub id, the
cached snapshot's commit), the prefix and input limit, the generation settings, the output-vocabulary
restriction, the engine and its library version, the device and number type it runs with (resolved:
"auto" on a machine with a GPU is not "auto" on one without), int8, the word budget of the extractive
summaries that stand in for unusable model output, and :data:`SUMMARY_RULES`, the version of
Nashra's own rules (restriction sets, cleaning, the faithfulness guard). Without a model the key is
``extractive`` (with the word budget when it is not the default one). Batch composition, thread count,
the time limit and ``local_files_only`` are not in it: a section's summary does not depend on them.

Once a process has loaded a model, the model's revision in the key is that of the files it loaded
(:func:`remember_loaded`), whatever the folder holds since: a model copied into its folder while the
bot runs, or replaced there, is what the loaded model's summaries are stored and read under until
the process loads it again (at its next start, or once the new files have settled:
:func:`summarizer.engines.follow`), so the worker that stores them and the digests that read them
agree on one key.

torch is imported only for a configured model whose device or number type is "auto".
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
from importlib import metadata
from pathlib import Path

from nashra.config import SummarizerConfig
from summarizer.loader import ModelLoadError, ModelSpec, pick_device, pick_dtype

EXTRACTIVE_KEY = "extractive"
# Raised whenever Nashra's code changes what a model summary becomes for the same model output:
# 2 = per-section output vocabularies and the faithfulness guard; 3 = the guard reads places by the
# words a section writes and numbers with Arabic thousands separators, restricted decoding on
# transformers 5.0-5.17, an EOS forced at the length limit marks a cut summary, CTranslate2 decodes
# mBART checkpoints from their own decoder start token.
SUMMARY_RULES = 3
# Files of a model folder that do not change what the model writes.
_DOCUMENT_SUFFIXES = (".md", ".png", ".jpg", ".jpeg", ".gif", ".svg")


NO_SNAPSHOT = "default"
"""The revision of a hub id with no snapshot in the local cache (a load with ``local_files_only =
false`` downloads one: its revision is then that snapshot's)."""

_loaded_lock = threading.Lock()
# Model spec (as configured, without a revision) -> the revision of the files this process loaded for
# it. By spec, not by folder: two set-ups of one folder (another engine, int8) are loaded apart, each
# from the files there when it loaded, and each is loaded again on its own (summarizer.engines.follow).
_loaded: dict[ModelSpec, str] = {}


def remember_loaded(spec: ModelSpec, files_revision: str) -> None:
    """Record that this process loaded ``spec`` (configured without a revision) from files whose
    revision was ``files_revision`` (:func:`files_revision_of`, taken as the load began): from then
    on :func:`revision_of` gives it for that set-up."""
    with _loaded_lock:
        _loaded[spec] = files_revision


def loaded_revision(spec: ModelSpec) -> str | None:
    """The revision of the files this process loaded for ``spec``, or None when it loaded none."""
    with _loaded_lock:
        return _loaded.get(spec)


def revision_of(config: SummarizerConfig) -> str:
    """The revision of the model the summaries of ``config`` come from: the configured revision;
    else that of the files this process loaded for it (:func:`remember_loaded`); else that of the
    files there now (:func:`files_revision_of`)."""
    if config.revision:
        return config.revision
    spec = ModelSpec.of(config)
    return (loaded_revision(spec) if spec is not None else None) or files_revision_of(config.model)


def files_revision_of(model: str) -> str:
    """The revision of ``model``'s files now: for a local directory, a fingerprint of its files; for a
    hub id, the commit of its cached snapshot ("default" when there is none).

    Replacing the model in a directory (any file: a weights shard, a tokenizer file), placing it
    where it was missing, or a newer snapshot in the Hugging Face cache changes the result, so the
    cache does not serve summaries of the previous model. Documentation files (README.md, images)
    and dotfiles are left out. The fingerprint is of names, sizes and modification times (hashing
    gigabytes of weights at every start would be slow): copying the same files anew changes it too.
    """
    folder = Path(model).expanduser()
    if not folder.is_dir():
        return _cached_snapshot(model) or NO_SNAPSHOT
    digest = hashlib.sha256()
    try:
        for file in sorted(folder.iterdir()):  # transformers reads the top level only
            name = file.name
            if name.startswith(".") or file.suffix.lower() in _DOCUMENT_SUFFIXES:
                continue
            if file.is_file():
                stat = file.stat()
                # A name's bytes as the file system holds them: one that is not UTF-8 is hashed too.
                digest.update(os.fsencode(name) + f":{stat.st_size}:{stat.st_mtime_ns};".encode())
    except OSError:  # a folder this process cannot list: the load says why; nothing is stored meanwhile
        return "unreadable"
    return "dir-" + digest.hexdigest()[:12]


def files_activity_of(model: str) -> str:
    """A fingerprint of everything in ``model``'s folder (a local directory; for a hub id, its folder
    in the local Hugging Face cache; "" when there is none): every file's path, size and modification
    time, hidden files and sub-folders included.

    Not a revision (:func:`files_revision_of` leaves out what does not change the model): it says
    whether a copy is still under way. rsync and ``hf download --local-dir`` write each file under a
    hidden temporary name (or in ``.cache/``) and rename it into place once complete, so the visible
    files can look finished while the weights are still being written.
    """
    folder = Path(model).expanduser()
    if not folder.is_dir():
        folder = _hub_folder(model) or folder
        if not folder.is_dir():
            return ""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder, onerror=lambda _: None):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                stat = os.stat(path, follow_symlinks=False)
            except OSError:  # renamed or deleted while listed: the copy is under way
                digest.update(b"gone")
                continue
            relative = os.fsencode(os.path.relpath(path, folder))
            digest.update(relative + f":{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def _hub_folder(model: str) -> Path | None:
    """The folder of hub id ``model`` in the local Hugging Face cache (snapshots, blobs and the
    ``.incomplete`` files of a download under way), or None."""
    if model.count("/") > 1 or model.startswith((".", "/", "~")):
        return None
    try:
        from huggingface_hub import constants
        from huggingface_hub.file_download import repo_folder_name
    except ImportError:
        return None
    return Path(constants.HF_HUB_CACHE) / repo_folder_name(repo_id=model, repo_type="model")


def _cached_snapshot(model: str) -> str | None:
    """The commit of the snapshot of hub id ``model`` in the local Hugging Face cache, if any."""
    if model.count("/") > 1 or model.startswith((".", "/", "~")):
        return None
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    try:
        found = try_to_load_from_cache(model, "config.json")
    except Exception:  # an id the hub library rejects: the load reports it
        return None
    if not isinstance(found, str):
        return None
    return "snapshot-" + Path(found).parent.name


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


def model_key(config: SummarizerConfig, files_revision: str = "") -> str:
    """``extractive`` (or ``extractive/20w``) without a model, else ``model@revision#settings-hash``.

    ``files_revision`` is the revision of the files a loaded model was loaded from
    (:attr:`summarizer.loader.LoadedModel.files_revision`): the key of what that model writes, even
    when another model has been loaded in its place since; by default, :func:`revision_of`. A
    configured revision comes first either way."""
    if not config.model.strip():
        if config.summary_words == SummarizerConfig().summary_words:
            return EXTRACTIVE_KEY
        return f"{EXTRACTIVE_KEY}/{config.summary_words}w"
    device, dtype = resolved_device(config)
    engine = "transformers" if config.engine == "transformers" else "ctranslate2"
    settings = {
        "prefix": config.prefix,
        "max_input_tokens": config.max_input_tokens,
        "generation": dataclasses.asdict(config.generation),
        "quantize_int8": config.quantize_int8,
        "restrict_vocabulary": config.restrict_vocabulary,
        "engine": f"{engine}=={_version(engine)}",
        "device": device,
        "dtype": dtype,
        "rules": SUMMARY_RULES,
        "summary_words": config.summary_words,
    }
    blob = json.dumps(settings, sort_keys=True).encode()
    revision = config.revision or files_revision or revision_of(config)
    return f"{config.model}@{revision}#{hashlib.sha256(blob).hexdigest()[:12]}"
