"""restrict_vocabulary on the CTranslate2 engine: checkpoint settings, and the vocabulary map's process."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import select
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from nashra.config import GenerationConfig, SummarizerConfig
from summarizer import ct2, ct2_process, generate, loader, vocabulary
from summarizer.errors import GenerationCancelled
from summarizer.service import Summarizer

pytest.importorskip("ctranslate2")
pytestmark = pytest.mark.usefixtures("conversion_cache")

BEAMS = GenerationConfig(num_beams=3, max_new_tokens=48, length_penalty=1.0)
GREEDY = GenerationConfig(num_beams=1, min_new_tokens=5, max_new_tokens=30, no_repeat_ngram_size=2)


@pytest.fixture(scope="session")
def within(clause_dir: Path) -> list[str]:
    """Held-out paragraphs whose own tokens all lie in the restricted set (CTranslate2 restricts them)."""
    from transformers import AutoTokenizer

    report = json.loads((clause_dir / "training.json").read_text(encoding="utf-8"))
    tokenizer = AutoTokenizer.from_pretrained(clause_dir)
    size = len(tokenizer)
    script = set(vocabulary.script_ids(tokenizer, size).tolist())
    found = []
    for item in report["held_out"]:
        paragraph = item["paragraph"]
        if vocabulary.own_ids(tokenizer, paragraph, tokenizer(paragraph)["input_ids"], size) <= script:
            found.append(paragraph)
    return found[:6]


def config(model: Path, generation: GenerationConfig, **changes: object) -> SummarizerConfig:
    base = SummarizerConfig(
        model=str(model), device="cpu", generation=generation, engine="ctranslate2", restrict_vocabulary=True
    )
    return dataclasses.replace(base, **changes)


def both_engines(
    model: Path,
    generation: GenerationConfig,
    inputs: list[str],
    fast: loader.LoadedModel | None = None,
    **checkpoint_settings: object,
) -> tuple[list[generate.Generated], list[generate.Generated]]:
    """What each engine writes for ``inputs`` with restrict_vocabulary: (CTranslate2, transformers);
    the CTranslate2 engine is ``fast`` when given, else the one the process shares.

    ``checkpoint_settings`` are settings the checkpoint's generation_config.json would hold. Each engine
    decodes with that file's settings merged with Nashra's (:func:`summarizer.generate.generation_config`),
    so they are laid on the merged settings, as such a checkpoint would give (without converting a
    copy of the checkpoint for CTranslate2)."""

    def merged(loaded: loader.LoadedModel) -> Any:
        settings = generate.generation_config(loaded.model, generation)
        for name, value in checkpoint_settings.items():
            setattr(settings, name, value)
        return settings

    fast = fast or Summarizer(config(model, generation)).require_model()
    written = fast.model.generate_batch(inputs, merged(fast), time.monotonic() + 600, restrict=True)
    plain_summarizer = Summarizer(config(model, generation, engine="transformers"))
    plain = plain_summarizer.require_model()
    settings = merged(plain)
    allowed = plain_summarizer._output_vocabulary(plain, settings)
    assert allowed is not None, "the transformers engine restricts too"
    expected = generate.generate_batch(
        plain.model, plain.tokenizer, plain.device, inputs, settings, time.monotonic() + 600, allowed
    )
    return written, expected


@pytest.mark.parametrize("generation", [BEAMS, GREEDY], ids=["beam-search", "greedy"])
@pytest.mark.parametrize("order", ["other-piece-first", "other-piece-last"])
def test_a_banned_sequence_holding_a_piece_outside_the_set_bans_nothing_in_restricted_rows(
    clause_dir: Path, within: list[str], generation: GenerationConfig, order: str
) -> None:
    # The transformers engine drops such a sequence (the row can never write it); CTranslate2 drops
    # the piece from the sequence instead, which banned the other token everywhere.
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(clause_dir)
    _, expected = both_engines(clause_dir, generation, within[:1])
    written_first = tokenizer(expected[0].text, add_special_tokens=False)["input_ids"][0]
    latin = tokenizer.convert_tokens_to_ids("C")
    banned = [latin, written_first] if order == "other-piece-first" else [written_first, latin]

    written, expected = both_engines(clause_dir, generation, within, bad_words_ids=[banned])

    assert written == expected


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"repetition_penalty": 1.3}, "repetition_penalty"),
        ({"begin_suppress_tokens": [5]}, "begin_suppress_tokens"),
    ],
    ids=["repetition-penalty", "begin-suppress-tokens"],
)
def test_a_checkpoint_setting_the_engine_cannot_reproduce_is_named_in_a_warning(
    clause_dir: Path, caplog: pytest.LogCaptureFixture, settings: dict, named: str
) -> None:
    # Beam search: transformers penalizes repeated tokens' log-probabilities, CTranslate2 their
    # logits, and the winning beam differs; CTranslate2 has no ban for the first step alone. The
    # engine reads the checkpoint's settings merged with Nashra's, as here.
    model, merged, _ = _restricted_engine(clause_dir)
    for name, value in settings.items():
        setattr(merged, name, value)
    with caplog.at_level(logging.WARNING, logger="summarizer.ct2"):
        model.options(merged)
    assert named in caplog.text


def test_a_repetition_penalty_under_greedy_decoding_is_reproduced_without_a_warning(
    clause_dir: Path, within: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    # An engine of its own: one that warned before would not warn again.
    fast = ct2.load(loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2"))
    with caplog.at_level(logging.WARNING, logger="summarizer.ct2"):
        written, expected = both_engines(clause_dir, GREEDY, within, fast, repetition_penalty=1.3)
    assert written == expected
    assert "repetition_penalty" not in caplog.text


# -- the vocabulary map: the translating process's own ------------------------------------------------

ONLY_SPECIALS = "\t<pad> </s> <unk>\n"
"""A vocabulary map other than the restricted set's: what another program (another version of Nashra,
say) may leave in a model folder."""


def _restricted_engine(clause_dir: Path) -> tuple[Any, Any, Path]:
    """A CTranslate2 engine of its own (its own process), the generation settings of :data:`BEAMS`,
    and the converted model's folder."""
    spec = loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2")
    loaded = ct2.load(spec)
    return loaded.model, generate.generation_config(loaded.model, BEAMS), ct2.converted_dir(spec)


def test_a_map_left_in_the_model_folder_after_the_first_batch_changes_no_summary(
    clause_dir: Path, within: list[str]
) -> None:
    model, settings, folder = _restricted_engine(clause_dir)
    before = model.generate_batch(within, settings, time.monotonic() + 600, restrict=True)
    (folder / ct2_process.VOCABULARY_MAP).write_text(ONLY_SPECIALS, encoding="utf-8")
    pid = model.translator.pid
    ended = os.pidfd_open(pid)
    os.kill(pid, signal.SIGKILL)  # the next batch starts a new process, which loads the map again
    select.select([ended], [], [], 10)
    os.close(ended)

    after = model.generate_batch(within, settings, time.monotonic() + 600, restrict=True)

    assert after == before


def test_a_map_written_in_the_model_folder_while_the_process_starts_changes_no_summary(
    clause_dir: Path, within: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    model, settings, folder = _restricted_engine(clause_dir)
    model.translator.close()
    expected = both_engines(clause_dir, BEAMS, within)[1]
    popen = ct2_process.subprocess.Popen

    def another_program_writes_its_map(*args: Any, **kwargs: Any) -> Any:
        (folder / ct2_process.VOCABULARY_MAP).write_text(ONLY_SPECIALS, encoding="utf-8")
        return popen(*args, **kwargs)

    monkeypatch.setattr(ct2_process.subprocess, "Popen", another_program_writes_its_map)

    written = model.generate_batch(within, settings, time.monotonic() + 600, restrict=True)

    assert written == expected


def test_the_restriction_writes_nothing_in_the_cache_and_restricts_where_it_is_read_only(
    clause_dir: Path, within: list[str], conversion_cache: Path
) -> None:
    # A cache shared read-only (a system-wide one) restricts as well as one of its own.
    model, settings, folder = _restricted_engine(clause_dir)
    (folder / ct2_process.VOCABULARY_MAP).unlink(missing_ok=True)
    listing = sorted(str(p.relative_to(conversion_cache)) for p in conversion_cache.rglob("*"))

    written = model.generate_batch(within, settings, time.monotonic() + 600, restrict=True)

    assert sorted(str(p.relative_to(conversion_cache)) for p in conversion_cache.rglob("*")) == listing
    assert written == both_engines(clause_dir, BEAMS, within)[1]


@pytest.mark.parametrize("stopped", [False, True], ids=["loaded", "stopped-while-loading"])
def test_the_private_folder_of_the_map_is_removed_once_the_process_is_ready_or_stopped(
    clause_dir: Path, within: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stopped: bool
) -> None:
    model, settings, _ = _restricted_engine(clause_dir)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stop = threading.Event()
    if stopped:
        stop.set()  # the batch's new process, loading the map, is stopped

    with contextlib.suppress(GenerationCancelled):
        model.generate_batch(within[:1], settings, time.monotonic() + 600, stop, restrict=True)

    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("nashra-ct2-")]
    assert (model.translator.pid is None) == stopped


def test_a_map_that_cannot_be_written_fails_its_batch_and_the_next_tries_again(
    clause_dir: Path, within: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    model, settings, _ = _restricted_engine(clause_dir)
    expected = both_engines(clause_dir, BEAMS, within)[1]
    mkdtemp = tempfile.mkdtemp

    def no_room(*args: Any, **kwargs: Any) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", no_room)
    with pytest.raises(ct2_process.ChildFailed, match="No space left on device"):
        model.generate_batch(within, settings, time.monotonic() + 600, restrict=True)
    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)

    assert model.generate_batch(within, settings, time.monotonic() + 600, restrict=True) == expected


def _with_first_piece(loaded: loader.LoadedModel, monkeypatch: pytest.MonkeyPatch, piece: str) -> None:
    """Make the tokenizer name the restricted set's first piece ``piece``."""
    real = loaded.tokenizer.convert_ids_to_tokens

    def renamed(ids: Any) -> Any:
        pieces = real(ids)
        return [piece, *pieces[1:]] if isinstance(pieces, list) and len(pieces) > 100 else pieces

    monkeypatch.setattr(loaded.tokenizer, "convert_ids_to_tokens", renamed)


def test_a_piece_holding_a_space_the_map_would_split_leaves_the_restriction_off_with_a_warning(
    clause_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    loaded = ct2.load(loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2"))
    _with_first_piece(loaded, monkeypatch, "two words")
    with caplog.at_level(logging.WARNING, logger="summarizer.ct2"):
        assert loaded.model.restriction() is None
    assert "cannot name" in caplog.text


def test_a_piece_holding_a_no_break_space_is_named_in_the_map(
    clause_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = ct2.load(loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2"))
    _with_first_piece(loaded, monkeypatch, "\u00a0")
    found = loaded.model.restriction()
    assert found is not None
    assert found[1].startswith("\t\u00a0 ")
