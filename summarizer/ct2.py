"""The CTranslate2 engine (``[summarizer] engine = "ctranslate2"``): the same checkpoint, run faster.

CTranslate2 is an inference runtime for Transformer models with fused CPU and GPU kernels and int8
weights. A local Hugging Face checkpoint (or a hub id already in the local cache) is converted once
into CTranslate2's format and the result cached under ``$NASHRA_CACHE_DIR/ctranslate2`` (default
``~/.cache/nashra/ctranslate2``), in a folder named after the checkpoint's file fingerprint and the
CTranslate2 version, so a replaced checkpoint or an upgrade converts again. The tokenizer stays the
checkpoint's own (transformers), so inputs and outputs are the same token ids as the transformers path.

Batches are translated in a child process (:mod:`summarizer.ct2_process`), so a stop request or a
batch past ``timeout_s`` ends at once instead of after the batch.

Number types: float32 on CPU, bfloat16 (or float16) on GPU unless ``dtype`` says otherwise;
``quantize_int8`` runs int8 weights on either.

``restrict_vocabulary`` decodes over the Arabic-script pieces, as the transformers engine does
(:mod:`summarizer.vocabulary` owns the set), through CTranslate2's vocabulary map: the set is written
as the map's always-kept candidates (:data:`~summarizer.ct2_process.VOCABULARY_MAP`), which the
translating process loads through a private folder (nothing is written in the cache), and a batch
asks for it with ``use_vmap``. CTranslate2 chooses candidates per batch, not per row, so only the
rows whose own tokens (their input's, and their words' written alone) all lie in the set are
restricted, together, and their candidates are exactly that set; a row holding any other piece (a name
in Latin letters) decodes over the whole vocabulary, in a call of its own. A section's summary thus
depends on its own text alone, and a restricted row decodes over exactly what the transformers engine
gives it (there, a row with other pieces keeps the set and its own pieces).

Generation settings map onto CTranslate2's options (beams, new-token limits, no_repeat_ngram_size,
repetition and length penalties, suppressed tokens, a forced first token); a checkpoint setting
CTranslate2 cannot reproduce is named in a warning at load. Identity with the transformers path is
measured by benchmarks/summarize.py and tests/test_summarizer_ct2.py.

Supported architectures: those CTranslate2's converter knows (T5, mT5, BART, mBART, ...). Requires
``pip install 'nashra[ctranslate2]'``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nashra.config import environment_without_secrets
from summarizer import loader, vocabulary
from summarizer.ct2_process import PACKAGE_ROOT, ChildFailed, ChildTranslator
from summarizer.errors import GenerationCancelled
from summarizer.generate import Generated, decoded

log = logging.getLogger(__name__)

CACHE_ENV = "NASHRA_CACHE_DIR"
# Raised when the conversion below changes, so cached conversions are made again.
# 2: the decoder start token is always the checkpoint's own.
_CONVERSION_VERSION = 2
# Generation settings CTranslate2 has no equivalent for (forced_eos_token_id is emulated: see
# CT2Model.options).
_UNSUPPORTED = (
    "sequence_bias",
    "encoder_no_repeat_ngram_size",
    "encoder_repetition_penalty",
    "exponential_decay_length_penalty",
    "force_words_ids",
    "constraints",
    "forced_decoder_ids",
    "begin_suppress_tokens",
)


@dataclass(frozen=True, slots=True)
class Device:
    """Where CTranslate2 runs; ``type`` is "cpu" or "cuda", as torch.device names them."""

    type: str


def cache_root() -> Path:
    base = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "nashra"
    )
    return Path(base) / "ctranslate2"


def _checkpoint_dir(spec: loader.ModelSpec) -> Path:
    """The checkpoint's local directory: the configured folder, or a hub id's cached snapshot."""
    folder = Path(spec.name).expanduser()
    if folder.is_dir():
        return folder
    from huggingface_hub import snapshot_download

    try:
        return Path(
            snapshot_download(
                spec.name, revision=spec.revision or None, local_files_only=spec.local_files_only
            )
        )
    except Exception as exc:
        raise loader.ModelLoadError(
            f"cannot find summarization model {spec.name!r} on disk for conversion to CTranslate2: {exc}"
        ) from exc


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(folder.iterdir()):
        if file.is_file():
            stat = file.stat()
            digest.update(f"{file.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def converted_dir(spec: loader.ModelSpec, stop: threading.Event | None = None) -> Path:
    """The CTranslate2 conversion of the checkpoint, made on first use and cached.

    The conversion runs in a child process: it loads the whole checkpoint into torch, memory this
    process gets back when the child ends, and a stop request (``stop``, checked every
    ``_POLL_S``) ends it at once (:class:`loader.LoadCancelled`) instead of after the minute a large
    checkpoint takes. Processes converting the same checkpoint take turns (a lock file beside the
    conversion): the second finds the first's result. Leftovers of a conversion that was killed are
    removed by the next one.

    Raises ModelLoadError when the cache folder cannot be written or the conversion fails.
    """
    import ctranslate2

    source = _checkpoint_dir(spec)
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", source.name or spec.name)[:60]
    key = hashlib.sha256(
        f"{source.resolve()}|{_fingerprint(source)}|{ctranslate2.__version__}|{_CONVERSION_VERSION}".encode()
    ).hexdigest()[:16]
    target = cache_root() / f"{name}-{key}"
    if (target / "model.bin").is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = open(target.parent / f".{name}-{key}.lock", "a+b")  # noqa: SIM115 (held across the wait)
    except OSError as exc:
        raise _unwritable(spec, exc) from exc
    with lock:
        _wait_for_lock(lock, stop)
        if (target / "model.bin").is_file():  # converted by the process that held the lock
            return target
        for leftover in target.parent.glob(f".{name}-{key}-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        try:
            work = Path(tempfile.mkdtemp(prefix=f".{name}-{key}-", dir=target.parent))
        except OSError as exc:
            raise _unwritable(spec, exc) from exc
        started = time.monotonic()
        try:
            _convert_in_child(spec, source, work / "model", stop)
            (work / "model").rename(target)
        except OSError as exc:
            raise _unwritable(spec, exc) from exc
        finally:
            shutil.rmtree(work, ignore_errors=True)
    log.info("converted %s to CTranslate2 in %.1fs: %s", spec.name, time.monotonic() - started, target)
    return target


_POLL_S = 0.1


def _unwritable(spec: loader.ModelSpec, exc: OSError) -> loader.ModelLoadError:
    return loader.ModelLoadError(
        f"cannot write the CTranslate2 conversion of summarization model {spec.name!r} under "
        f"{cache_root()}: {exc.strerror or exc}; set {CACHE_ENV} to a writable folder",
        f"make {cache_root()} a folder Nashra can write, or set {CACHE_ENV} to one",
    )


def _wait_for_lock(lock: Any, stop: threading.Event | None) -> None:
    """Take the conversion lock, waiting while another process converts (LoadCancelled on ``stop``)."""
    try:
        import fcntl
    except ImportError:  # not on a POSIX system: no lock, at worst two processes convert
        return
    while True:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if stop is not None and stop.is_set():
                raise loader.LoadCancelled("stopped while another process converted the model") from None
            time.sleep(_POLL_S)


def _convert_in_child(
    spec: loader.ModelSpec, source: Path, output: Path, stop: threading.Event | None
) -> None:
    """Run ``python -m summarizer.ct2 SOURCE OUTPUT`` in the folder holding this package (so it runs
    this very module); ModelLoadError with its last error line."""
    command = [sys.executable, "-m", "summarizer.ct2", str(source.resolve()), str(output.resolve())]
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            cwd=PACKAGE_ROOT,
            env=environment_without_secrets(),
        )
        try:
            while True:
                try:
                    child.wait(_POLL_S)
                    break
                except subprocess.TimeoutExpired:
                    if stop is not None and stop.is_set():
                        raise loader.LoadCancelled("stopped during the conversion to CTranslate2") from None
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        if child.returncode != 0:
            errors.seek(0)
            lines = [
                line.strip() for line in errors.read().decode(errors="replace").splitlines() if line.strip()
            ]
            reason = lines[-1] if lines else f"the converter exited with status {child.returncode}"
            raise loader.ModelLoadError(
                f"cannot convert summarization model {spec.name!r} to CTranslate2: {reason}"
            )


def _converter_class() -> type:
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        """CTranslate2's converter, told what transformers 5 configs no longer say.

        transformers 5 reports ``tie_word_embeddings = True`` for every T5 and mT5 config; the
        converter reads that as "scale the decoder output by d_model^-0.5", which transformers 5 does
        only for original T5 (``scale_decoder_outputs``) and never for mT5. BART configs no longer
        carry ``normalize_before`` (BART normalizes after each block, mBART before).

        The decoder starts from the checkpoint's own ``decoder_start_token_id`` (the generation
        config's, as transformers' ``generate`` reads it). CTranslate2's mBART loader guesses it from
        the config's ``tokenizer_class`` and, without one, leaves it to a target prefix (mBART-25's
        language code): decoding then refused every batch ("no decoder start token"), or would
        start where transformers does not.
        """

        _start_id: int | None = None

        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            config = model.config
            if config.model_type in ("t5", "mt5", "umt5"):
                config.tie_word_embeddings = bool(getattr(config, "scale_decoder_outputs", False))
            if config.model_type in ("bart", "mbart") and not hasattr(config, "normalize_before"):
                config.normalize_before = config.model_type == "mbart"
            generation = getattr(model, "generation_config", None)
            start = getattr(generation, "decoder_start_token_id", None)
            self._start_id = start if start is not None else config.decoder_start_token_id
            return model

        def load_tokenizer(self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            self._tokenizer = super().load_tokenizer(tokenizer_class, model_name_or_path, **kwargs)
            return self._tokenizer

        def _load(self) -> Any:
            spec = super()._load()
            if self._start_id is not None and hasattr(spec.config, "decoder_start_token"):
                spec.config.decoder_start_token = self._tokenizer.convert_ids_to_tokens(self._start_id)
            return spec

    return Converter


def _compute_type(spec: loader.ModelSpec, device: str) -> str:
    if device == "cpu":
        base = "float32" if spec.dtype == "auto" else spec.dtype
        return "int8_float32" if spec.quantize_int8 else base
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types("cuda")
    base = spec.dtype if spec.dtype != "auto" else ("bfloat16" if "bfloat16" in supported else "float16")
    if not spec.quantize_int8:
        return base
    return "int8" if base == "float32" else f"int8_{base}"


def load(
    spec: loader.ModelSpec, stop: threading.Event | None = None, *, restrict: bool = False
) -> loader.LoadedModel:
    """Convert (once) and load the checkpoint of ``spec`` for CTranslate2 (LoadCancelled once ``stop``
    is set during the conversion or the load). With ``restrict`` (the caller decodes with
    ``restrict_vocabulary``), the translating process starts with the vocabulary map of
    :meth:`CT2Model.restriction`, so the first restricted batch does not start it again."""
    try:
        import ctranslate2
    except ImportError as exc:
        raise loader.ModelLoadError(
            "summarizer.engine is ctranslate2 but CTranslate2 is not installed: "
            "pip install 'nashra[ctranslate2]'",
            "pip install 'nashra[ctranslate2]', or set [summarizer] engine = \"transformers\"",
        ) from exc
    from transformers import AutoConfig, AutoTokenizer, GenerationConfig

    loader.check_directory(spec)
    cuda = ctranslate2.get_cuda_device_count() > 0
    device = spec.device if spec.device != "auto" else ("cuda" if cuda else "cpu")
    if device not in ("cpu", "cuda"):
        raise loader.ModelLoadError(
            f"summarizer.device {device} is not available to CTranslate2 (cpu, cuda)", loader.DEVICE_FIX
        )
    if device == "cuda" and not cuda:
        raise loader.ModelLoadError(
            "summarizer.device is cuda but CTranslate2 sees no CUDA device", loader.DEVICE_FIX
        )
    started = time.monotonic()
    try:
        tokenizer = loader.from_pretrained(AutoTokenizer, spec)
        config = loader.from_pretrained(AutoConfig, spec)
        try:
            generation = loader.from_pretrained(GenerationConfig, spec)
        except OSError:
            generation = GenerationConfig.from_model_config(config)
    except Exception as exc:  # a broken file fails in many ways (JSON, protobuf, ...)
        raise loader.load_error(spec, exc) from exc
    if not getattr(config, "is_encoder_decoder", False):
        raise loader.ModelLoadError(f"{spec.name!r} is not an encoder-decoder (seq2seq) model")
    loader.check_tokenizer(spec, tokenizer, int(config.get_text_config().vocab_size))
    folder = converted_dir(spec, stop)
    compute_type = _compute_type(spec, device)
    threads = loader.thread_count(spec.threads) if device == "cpu" else 0
    restriction = find_restriction(tokenizer, config, generation) if restrict else None
    vocabulary_map = restriction[1] if restriction is not None else None
    try:
        translator = ChildTranslator(str(folder), device, compute_type, threads, stop, vocabulary_map)
    except ChildFailed as exc:
        # The conversion is Nashra's own cache: one damaged on disk (a full disk, a copy cut short)
        # would fail every start the same way, so the line names it and says how to make it again.
        raise loader.ModelLoadError(
            f"CTranslate2 cannot load {spec.name!r} from its conversion {folder}: {exc}",
            f"if that conversion is damaged, delete {folder}: it is converted again at the next start",
        ) from exc
    except GenerationCancelled as exc:
        raise loader.LoadCancelled("stopped while CTranslate2 loaded the model") from exc
    model = CT2Model(translator, tokenizer, config, generation)
    if restrict:
        model.remember_restriction(restriction)
    log.info(
        "loaded summarization model %s with CTranslate2 on %s (%s, %d threads) in %.1fs",
        spec.name,
        device,
        compute_type,
        threads,
        time.monotonic() - started,
    )
    return loader.LoadedModel(
        model,
        tokenizer,
        Device(device),
        compute_type,
        loader.input_limit(model, tokenizer),
        engine="ctranslate2",
    )


def find_restriction(tokenizer: Any, config: Any, generation: Any) -> tuple[frozenset[int], str] | None:
    """What :meth:`CT2Model.restriction` answers for a checkpoint's tokenizer, configuration and
    generation settings: the restricted set and its vocabulary map's text, or None."""
    size = int(config.get_text_config().vocab_size)
    ids = vocabulary.script_ids(tokenizer, size, config, generation).tolist()
    if not vocabulary.pays(len(ids), size):
        log.info("output vocabulary: %d of %d pieces; decoding over the whole vocabulary", len(ids), size)
        return None
    pieces = tokenizer.convert_ids_to_tokens(ids)
    # The map is read line by line and split at spaces and tabs (a carriage return could end a line).
    if any(not piece or any(ch in " \t\n\r" for ch in piece) for piece in pieces):
        log.warning(
            "the output vocabulary holds pieces CTranslate2's vocabulary map cannot name; "
            "restrict_vocabulary decodes over the whole vocabulary with this engine"
        )
        return None
    # One line: an empty n-gram, whose targets are candidates of every batch that uses the map.
    text = "\t" + " ".join(pieces) + "\n"
    log.info(
        "output vocabulary: %d of %d pieces are Arabic-script, digits, punctuation or special",
        len(ids),
        size,
    )
    return frozenset(ids), text


class CT2Model:
    """A converted checkpoint with what the summarizer reads from a transformers model."""

    def __init__(
        self, translator: ChildTranslator, tokenizer: Any, config: Any, generation_config: Any
    ) -> None:
        self.translator = translator
        self.tokenizer = tokenizer
        self.config = config
        self.generation_config = generation_config
        self.name_or_path = getattr(config, "name_or_path", "")
        self._warned: set[str] = set()
        self._script: tuple[frozenset[int], str] | None = None
        self._script_found = False

    def restriction(self) -> tuple[frozenset[int], str] | None:
        """The ids a restricted row decodes over (:func:`summarizer.vocabulary.script_ids`) and the
        text of the vocabulary map naming them (the translating process loads it: nothing is written
        in the cache); None when restricting would not pay (:func:`summarizer.vocabulary.pays`) or a
        piece of the set cannot be written in the map (it holds a space, a tab or a line break; logged)."""
        if not self._script_found:
            self.remember_restriction(find_restriction(self.tokenizer, self.config, self.generation_config))
        return self._script

    def remember_restriction(self, restriction: tuple[frozenset[int], str] | None) -> None:
        """Take ``restriction`` (what :func:`find_restriction` gave for this model) as
        :meth:`restriction`'s answer, found once when the model was loaded."""
        self._script = restriction
        self._script_found = True

    def options(self, config: Any) -> tuple[dict[str, Any], list[str] | None]:
        """translate_batch options for a (merged) transformers generation config, and the target
        prefix (the forced first token) if any."""
        unsupported = [name for name in _UNSUPPORTED if getattr(config, name, None)]
        if getattr(config, "num_beam_groups", 1) not in (None, 1):
            unsupported.append("num_beam_groups")
        if (config.num_beams or 1) > 1 and config.repetition_penalty not in (None, 1.0):
            # transformers' beam search penalizes log-probabilities, CTranslate2 the logits before
            # their softmax: 5 of 64 summaries of the trained test model differed at 1.3, 39 at 2.0.
            unsupported.append("repetition_penalty (with beam search)")
        fresh = [name for name in unsupported if name not in self._warned]
        if fresh:
            self._warned.update(fresh)
            log.warning(
                "CTranslate2 cannot reproduce the generation setting(s) %s; summaries may differ from "
                "the transformers engine's",
                ", ".join(fresh),
            )
        tokens = self.tokenizer.convert_ids_to_tokens
        beams = config.num_beams or 1
        minimum = config.min_new_tokens
        if minimum is None:
            minimum = max((config.min_length or 0) - 1, 0)
        suppressed = [[t] for t in tokens(list(config.suppress_tokens or []))]
        suppressed += [tokens(list(seq)) for seq in (config.bad_words_ids or [])]
        eos = config.eos_token_id
        eos_ids = list(eos) if isinstance(eos, list | tuple) else [eos] if eos is not None else []
        # transformers forces EOS at the last of max_new_tokens steps: the same text as decoding one
        # step less, and the summary ran into the limit all the same (summarizer.generate.decoded).
        limit = config.max_new_tokens - (1 if self.forces_eos(config) else 0)
        options: dict[str, Any] = {
            "beam_size": beams,
            "max_decoding_length": max(limit, 1),
            "min_decoding_length": minimum,
            "no_repeat_ngram_size": config.no_repeat_ngram_size or 0,
            "repetition_penalty": config.repetition_penalty or 1.0,
            "length_penalty": 1.0 if beams == 1 or config.length_penalty is None else config.length_penalty,
            "return_end_token": True,
            "max_input_length": 0,
            "suppress_sequences": suppressed or None,
            "end_token": eos_ids or None,
        }
        forced = getattr(config, "forced_bos_token_id", None)
        prefix = tokens([forced]) if forced is not None else None
        return options, prefix

    @staticmethod
    def forces_eos(config: Any) -> bool:
        """Whether ``config`` makes transformers end every sequence with EOS at the length limit."""
        return getattr(config, "forced_eos_token_id", None) is not None and bool(config.max_new_tokens)

    def generate_batch(
        self,
        inputs: list[str],
        config: Any,
        deadline: float,
        stop: threading.Event | None = None,
        *,
        restrict: bool = False,
    ) -> list[Generated]:
        """Summaries of ``inputs`` in the child process: one translate_batch call, or two with
        ``restrict`` when some rows decode over the restricted set and others over the whole vocabulary
        (see the module docstring; ``restrict`` applies where :meth:`restriction` finds a set and
        :func:`summarizer.vocabulary.supports` the settings).

        Raises GenerationTimeout once ``deadline`` (``time.monotonic()``) passes and
        GenerationCancelled once ``stop`` is set, at once in both cases (the child is killed);
        :class:`~summarizer.ct2_process.ChildFailed` (a RuntimeError naming the cause, "out of memory"
        included) when CTranslate2 fails or its process ends during the batch.
        """
        options, prefix = self.options(config)
        ids = self.tokenizer(inputs, add_special_tokens=True)["input_ids"]
        source = [self.tokenizer.convert_ids_to_tokens(row) for row in ids]
        prefixes = [prefix] * len(inputs) if prefix else None
        restricted, vocabulary_map = self._restricted_rows(inputs, ids, config) if restrict else ([], None)
        whole = sorted(set(range(len(inputs))) - set(restricted))
        hypotheses: list[list[str]] = [[] for _ in inputs]
        for rows, rows_map in ((restricted, vocabulary_map), (whole, None)):
            if not rows:
                continue
            rows_options = {**options, "use_vmap": rows_map is not None}
            if rows_map is not None:
                rows_options["suppress_sequences"] = self._within_set(options["suppress_sequences"])
            found = self.translator.translate(
                [source[i] for i in rows],
                [prefixes[i] for i in rows] if prefixes else None,
                rows_options,
                deadline=deadline,
                stop=stop,
                vocabulary_map=rows_map,
            )
            for row, tokens in zip(rows, found, strict=True):
                hypotheses[row] = tokens
        start = config.decoder_start_token_id
        eos = {int(e) for e in (options["end_token"] or [])}
        sequences = []
        for tokens in hypotheses:
            hypothesis = self.tokenizer.convert_tokens_to_ids(tokens)
            sequences.append(([start] if start is not None else [0]) + list(hypothesis))
        return decoded(self.tokenizer, sequences, eos)

    def _within_set(self, sequences: list[list[str]] | None) -> list[list[str]] | None:
        """The suppressed sequences of ``options`` whose tokens all lie in the restricted set, for its
        rows' call: as the transformers engine drops the others (such a row can never write them),
        where CTranslate2 would drop the pieces outside the set from a sequence and ban the rest
        (a ban of "Reuters said" became a ban of "said")."""
        found = self.restriction()
        if not sequences or found is None:
            return sequences
        script = found[0]
        kept = [
            seq for seq in sequences if all(i in script for i in self.tokenizer.convert_tokens_to_ids(seq))
        ]
        return kept or None

    def _restricted_rows(
        self, inputs: list[str], ids: list[list[int]], config: Any
    ) -> tuple[list[int], str | None]:
        """The rows of a batch that decode over the restricted set (every token they may write, the
        generation settings' and their own (:func:`summarizer.vocabulary.own_ids`), lies in it), and
        the vocabulary map naming the set; ([], None) when no row does."""
        found = self.restriction() if vocabulary.supports(config) else None
        if found is None:
            return [], None
        script, vocabulary_map = found
        if not vocabulary.generation_ids(config) <= script:
            return [], None
        size = int(self.config.get_text_config().vocab_size)
        rows = [
            row
            for row, (text, tokens) in enumerate(zip(inputs, ids, strict=True))
            if vocabulary.own_ids(self.tokenizer, text, tokens, size) <= script
        ]
        return rows, vocabulary_map if rows else None


def _main(argv: list[str]) -> int:
    """``python -m summarizer.ct2 CHECKPOINT_DIR OUTPUT_DIR``: the conversion :func:`converted_dir` runs
    in a child process; the last line on stderr says why it failed."""
    if len(argv) != 2:
        print("usage: python -m summarizer.ct2 CHECKPOINT_DIR OUTPUT_DIR", file=sys.stderr)
        return 2
    try:
        _converter_class()(argv[0]).convert(argv[1], force=True)
    except Exception as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(reason, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
