"""The CTranslate2 engine: a converted checkpoint that writes what the transformers engine writes."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import types
from pathlib import Path
from typing import Any

import pytest
from tiny_models import TinyModels, corpus_sections, tiny_models_once

from nashra.config import TOKEN_ENV, WEBHOOK_SECRET_ENV, GenerationConfig, SummarizerConfig
from summarizer import ct2, ct2_process, engines, generate, loader
from summarizer.ct2_process import ORPHAN_CHECK_S, PACKAGE_ROOT, ChildFailed, ChildTranslator
from summarizer.keys import model_key
from summarizer.service import GenerationCancelled, SectionText, Summarizer

pytest.importorskip("ctranslate2")
pytestmark = pytest.mark.usefixtures("conversion_cache")

BEAMS = GenerationConfig(num_beams=3, max_new_tokens=48, length_penalty=1.0)
GREEDY_WITH_LIMITS = GenerationConfig(
    num_beams=1, min_new_tokens=10, max_new_tokens=20, no_repeat_ngram_size=3
)
both_decodings = pytest.mark.parametrize(
    "generation", [BEAMS, GREEDY_WITH_LIMITS], ids=["beam-search", "greedy-with-limits"]
)


@pytest.fixture(scope="session")
def paragraphs(clause_dir: Path) -> list[str]:
    report = json.loads((clause_dir / "training.json").read_text(encoding="utf-8"))
    return [item["paragraph"] for item in report["held_out"]]


def config(model: Path, generation: GenerationConfig = BEAMS, **changes: object) -> SummarizerConfig:
    base = SummarizerConfig(model=str(model), device="cpu", generation=generation, engine="ctranslate2")
    return dataclasses.replace(base, **changes)


@both_decodings
def test_the_engine_writes_what_the_transformers_engine_writes(
    clause_dir: Path, paragraphs: list[str], generation: GenerationConfig
) -> None:
    sections = [SectionText(None, paragraph) for paragraph in paragraphs]
    fast = Summarizer(config(clause_dir, generation)).summarize(sections)
    plain = Summarizer(config(clause_dir, generation, engine="transformers")).summarize(sections)
    assert fast == plain
    assert sum(r.method == "seq2seq" for r in fast) >= len(sections) // 2


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyModels:
    return tiny_models_once(tmp_path_factory)


@pytest.mark.parametrize("name", ["bart", "mbart"])
@pytest.mark.parametrize(
    "generation",
    [
        GenerationConfig(num_beams=1, min_new_tokens=4, max_new_tokens=10),
        GenerationConfig(num_beams=3, min_new_tokens=4, max_new_tokens=10, length_penalty=1.0),
    ],
    ids=["greedy", "beam-search"],
)
def test_bart_family_checkpoints_write_what_the_transformers_engine_writes(
    tiny: TinyModels, name: str, generation: GenerationConfig
) -> None:
    # Both start the decoder from </s> and force a first token (mBART: the language code) and an EOS
    # at the length limit; the random weights run every row into that limit.
    inputs = [generate.source_text(h, t) for h, t in corpus_sections()[:4]]
    outputs = []
    for engine in ("ctranslate2", "transformers"):
        loaded = Summarizer(config(getattr(tiny, name), generation, engine=engine)).require_model()
        settings = generate.generation_config(loaded.model, generation)
        deadline = time.monotonic() + 60
        if engine == "ctranslate2":
            outputs.append(loaded.model.generate_batch(inputs, settings, deadline))
        else:
            outputs.append(
                generate.generate_batch(
                    loaded.model, loaded.tokenizer, loaded.device, inputs, settings, deadline
                )
            )
    fast, plain = outputs
    assert fast == plain
    assert any(g.text.strip() for g in plain), "the comparison needs some text"


def test_int8_weights_still_write_summaries(clause_dir: Path, paragraphs: list[str]) -> None:
    sections = [SectionText(None, paragraph) for paragraph in paragraphs[:16]]
    quantized = Summarizer(config(clause_dir, quantize_int8=True))
    assert quantized.require_model().dtype == "int8_float32"
    results = quantized.summarize(sections)
    plain = Summarizer(config(clause_dir, engine="transformers")).summarize(sections)
    assert sum(a == b for a, b in zip(results, plain, strict=True)) >= len(sections) // 2


def _recorded_conversions(
    monkeypatch: pytest.MonkeyPatch, before: threading.Event | None = None, same_as: Path | None = None
) -> list[Path]:
    """The checkpoint folders converted from now on, by a stand-in for the converter's process that
    writes an empty model.bin (once ``before`` is set, when given), or, with ``same_as``, a copy of the
    real conversion of that checkpoint (converted once for the run): for the tests of when a conversion
    runs, not of what it writes (the other tests convert for real)."""
    converted: list[Path] = []
    made = None
    if same_as is not None:
        made = ct2.converted_dir(loader.ModelSpec(name=str(same_as), device="cpu", engine="ctranslate2"))

    def convert(spec: loader.ModelSpec, source: Path, output: Path, stop: threading.Event | None) -> None:
        if before is not None:
            assert before.wait(60), "the converter's stand-in waited in vain"
        converted.append(source)
        if made is not None:
            shutil.copytree(made, output)
            return
        output.mkdir(parents=True)
        (output / "model.bin").write_bytes(b"")

    monkeypatch.setattr(ct2, "_convert_in_child", convert)
    return converted


def test_a_checkpoint_is_converted_once_and_again_when_it_changes(
    clause_dir: Path, tmp_path: Path, conversion_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    converted = _recorded_conversions(monkeypatch)
    copy = tmp_path / "model"
    copy.mkdir()
    for file in clause_dir.iterdir():
        (copy / file.name).write_bytes(file.read_bytes())
    spec = loader.ModelSpec(name=str(copy), device="cpu", engine="ctranslate2")
    first = ct2.converted_dir(spec)
    made = (first / "model.bin").stat().st_mtime_ns
    assert first.parent == conversion_cache / "ctranslate2" and converted == [copy]
    assert ct2.converted_dir(spec) == first and (first / "model.bin").stat().st_mtime_ns == made
    assert converted == [copy]
    (copy / "generation_config.json").write_text(
        (copy / "generation_config.json").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    assert ct2.converted_dir(spec) != first and converted == [copy, copy]


def test_an_unwritable_cache_folder_is_a_load_error_naming_the_setting(
    tiny: TinyModels, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(ct2.CACHE_ENV, str(blocker / "cache"))
    with pytest.raises(loader.ModelLoadError, match=ct2.CACHE_ENV):
        ct2.converted_dir(loader.ModelSpec(name=str(tiny.mt5), engine="ctranslate2"))


def test_two_conversions_of_one_checkpoint_at_once_convert_it_once(
    tiny: TinyModels, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkpoint = tmp_path / "mt5"
    shutil.copytree(tiny.mt5, checkpoint)
    spec = loader.ModelSpec(name=str(checkpoint), engine="ctranslate2")
    # The first conversion ends once the second is waiting for it.
    second_waits = threading.Event()
    converted = _recorded_conversions(monkeypatch, second_waits)
    take_turn = ct2._wait_for_lock
    turns = iter([None, second_waits])

    def wait_for_lock(lock: Any, stop: threading.Event | None) -> None:
        waiting = next(turns)
        if waiting is not None:
            waiting.set()
        take_turn(lock, stop)

    monkeypatch.setattr(ct2, "_wait_for_lock", wait_for_lock)
    found: list[Path] = []
    caplog.set_level(logging.INFO, logger="summarizer.ct2")
    threads = [threading.Thread(target=lambda: found.append(ct2.converted_dir(spec))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 2 and found[0] == found[1] and (found[0] / "model.bin").is_file()
    assert converted == [checkpoint]
    assert sum("converted" in r.getMessage() for r in caplog.records) == 1
    work_folders = [p.name for p in found[0].parent.iterdir() if p.is_dir() and p.name.startswith(".")]
    assert work_folders == []


def test_a_stop_request_ends_a_conversion_at_once_and_leaves_nothing_behind(
    tiny: TinyModels, tmp_path: Path, conversion_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkpoint = tmp_path / "bart"
    shutil.copytree(tiny.bart, checkpoint)
    summarizer = Summarizer(config(checkpoint, BEAMS))
    kept = set((conversion_cache / "ctranslate2").glob("*/model.bin"))  # other tests' conversions
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()  # during the conversion, which takes seconds
    with pytest.raises(GenerationCancelled):
        summarizer.summarize([SectionText(None, "قال الوزير إن العمل يبدأ غدا في المدينة.")], stop)
    # Ended, not waited out: no conversion was kept (how soon is benchmarks/summarize.py's figure).
    assert set((conversion_cache / "ctranslate2").glob("*/model.bin")) == kept
    leftovers = [p.name for p in (conversion_cache / "ctranslate2").iterdir() if p.name.startswith(".bart")]
    assert all(name.endswith(".lock") for name in leftovers)
    # A cancelled load is no failure to remember: the next call converts and loads.
    converted = _recorded_conversions(monkeypatch, same_as=tiny.bart)
    assert summarizer.require_model().engine == "ctranslate2"
    assert converted == [checkpoint]


def test_the_engine_and_its_settings_are_part_of_the_cache_key(clause_dir: Path) -> None:
    fast = config(clause_dir)
    assert model_key(fast) != model_key(dataclasses.replace(fast, engine="transformers"))
    assert model_key(fast) != model_key(dataclasses.replace(fast, quantize_int8=True))


def test_a_late_batch_times_out(clause_dir: Path, paragraphs: list[str]) -> None:
    loaded = Summarizer(config(clause_dir)).require_model()
    settings = generate.generation_config(loaded.model, BEAMS)
    with pytest.raises(generate.GenerationTimeout):
        loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() - 1)


def test_a_missing_engine_is_a_load_error_naming_the_extra(
    clause_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def without_ctranslate2(name: str, *args: object, **kwargs: object) -> object:
        if name == "ctranslate2":
            raise ImportError("No module named 'ctranslate2'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_ctranslate2)
    with pytest.raises(loader.ModelLoadError, match=r"nashra\[ctranslate2\]"):
        ct2.load(loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2"))


def _own_engine(clause_dir: Path) -> loader.LoadedModel:
    """A CTranslate2 engine of its own (not the one the process shares), with its own child process."""
    return ct2.load(loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2"))


def _engine_and_child(clause_dir: Path) -> tuple[loader.LoadedModel, Any, int]:
    """An engine of its own, the generation settings of :data:`BEAMS`, and its child's process id."""
    loaded = _own_engine(clause_dir)
    pid = loaded.model.translator.pid
    assert pid is not None
    return loaded, generate.generation_config(loaded.model, BEAMS), pid


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_stop_request_ends_a_batch_under_way_at_once(clause_dir: Path, paragraphs: list[str]) -> None:
    loaded, settings, pid = _engine_and_child(clause_dir)
    os.kill(pid, signal.SIGSTOP)  # a batch that would take as long as the stop waits for it
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    # Were the stop not heeded, the time limit (60 s: a guard against a hang) would end the batch.
    with pytest.raises(GenerationCancelled):
        loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 60, stop)
    assert _gone(pid)


def test_a_batch_past_its_time_limit_is_ended_at_once(clause_dir: Path, paragraphs: list[str]) -> None:
    loaded, settings, pid = _engine_and_child(clause_dir)
    os.kill(pid, signal.SIGSTOP)
    guard = threading.Event()  # were the time limit not heeded, a stop request would end the batch
    timer = threading.Timer(60, guard.set)
    timer.start()
    try:
        with pytest.raises(generate.GenerationTimeout):
            loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 0.3, guard)
    finally:
        timer.cancel()
    assert _gone(pid)


def test_the_batch_after_an_ended_one_runs_in_a_new_process(clause_dir: Path, paragraphs: list[str]) -> None:
    loaded, settings, pid = _engine_and_child(clause_dir)
    before = loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 600)
    os.kill(pid, signal.SIGSTOP)
    with pytest.raises(generate.GenerationTimeout):
        loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 0.2)

    after = loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 600)

    assert after == before and loaded.model.translator.pid not in (None, pid)


def test_a_process_that_dies_during_a_batch_is_an_error_naming_it(
    clause_dir: Path, paragraphs: list[str]
) -> None:
    loaded, settings, pid = _engine_and_child(clause_dir)
    os.kill(pid, signal.SIGSTOP)
    threading.Timer(0.2, os.kill, (pid, signal.SIGKILL)).start()
    with pytest.raises(ChildFailed, match=r"ended during its batch \(exit status -9\)"):
        loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 600)


def test_a_model_the_process_cannot_load_is_a_load_error(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"not a model")
    with pytest.raises(ChildFailed):
        ChildTranslator(str(tmp_path), "cpu", "float32", 1)


def test_the_process_ignores_stop_signals_sent_to_its_process_group(
    clause_dir: Path, paragraphs: list[str]
) -> None:
    # Ctrl-C at a terminal and a stopped systemd unit signal every process of the group; the parent
    # alone decides when its child ends.
    loaded, settings, pid = _engine_and_child(clause_dir)
    os.kill(pid, signal.SIGINT)
    os.kill(pid, signal.SIGTERM)

    loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 600)

    assert loaded.model.translator.pid == pid


def test_a_process_that_dies_once_a_stop_was_requested_is_a_stop_not_a_model_failure(
    clause_dir: Path, paragraphs: list[str]
) -> None:
    # A model failure leaves the batch with extractive summaries, which the worker stores: after a
    # stop, the batch's sections must stay pending instead.
    loaded, settings, pid = _engine_and_child(clause_dir)
    os.kill(pid, signal.SIGSTOP)
    stop = threading.Event()

    def stop_and_die() -> None:
        stop.set()
        os.kill(pid, signal.SIGKILL)

    threading.Timer(0.2, stop_and_die).start()
    with pytest.raises(GenerationCancelled):
        loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 600, stop)


def test_the_process_runs_this_package_whatever_the_working_directory_holds(
    clause_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoy = tmp_path / "summarizer"  # another checkout's package, say
    decoy.mkdir()
    (decoy / "__init__.py").write_text("")
    (decoy / "ct2_process.py").write_text("raise SystemExit('another summarizer package')\n")
    monkeypatch.chdir(tmp_path)

    loaded = _own_engine(clause_dir)

    assert loaded.model.translator.pid is not None


def test_a_model_folder_relative_to_the_working_directory_loads(
    clause_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = ct2.converted_dir(loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2"))
    monkeypatch.chdir(tmp_path)

    translator = ChildTranslator(os.path.relpath(folder, tmp_path), "cpu", "float32", 1)

    assert translator.pid is not None


def test_the_translating_process_gets_no_secret_from_the_environment(
    clause_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV, "123456:secret-token")
    monkeypatch.setenv(WEBHOOK_SECRET_ENV, "webhook-secret")
    loaded = _own_engine(clause_dir)
    pid = loaded.model.translator.pid
    assert pid is not None

    names = {entry.split(b"=", 1)[0] for entry in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")}

    assert TOKEN_ENV.encode() not in names and WEBHOOK_SECRET_ENV.encode() not in names


def test_a_stop_request_while_the_process_loads_the_model_cancels_the_load(clause_dir: Path) -> None:
    spec = loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2")
    ct2.converted_dir(spec)
    stop = threading.Event()
    stop.set()

    with pytest.raises(loader.LoadCancelled, match="while CTranslate2 loaded"):
        ct2.load(spec, stop)


def test_a_model_load_that_fails_once_a_stop_was_requested_is_a_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The conversion's process, signalled with the whole process group, died of the stop signal: its
    # sections stay pending instead of getting extractive summaries the worker would store.
    stop = threading.Event()

    def conversion_ended_by_the_stop_signal(
        spec: loader.ModelSpec, _: object, *, restrict: bool = False
    ) -> loader.LoadedModel:
        stop.set()
        raise loader.ModelLoadError(f"cannot convert {spec.name!r}: the converter exited with status -15")

    monkeypatch.setattr(engines, "load", conversion_ended_by_the_stop_signal)
    with pytest.raises(GenerationCancelled):
        Summarizer(config(tmp_path)).summarize([SectionText(None, "نص قصير عن حمص.")], stop)


def test_the_conversion_runs_this_package_whatever_the_working_directory_holds(
    tiny: TinyModels, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkpoint = tmp_path / "checkpoint"
    shutil.copytree(tiny.bart, checkpoint)
    decoy = tmp_path / "elsewhere" / "summarizer"  # another checkout's package, say
    decoy.mkdir(parents=True)
    (decoy / "__init__.py").write_text("")
    (decoy / "ct2.py").write_text("raise SystemExit('another summarizer package')\n")
    monkeypatch.chdir(decoy.parent)
    monkeypatch.setenv(ct2.CACHE_ENV, "cache")  # relative to the working directory, too

    folder = ct2.converted_dir(loader.ModelSpec(name=str(checkpoint), device="cpu", engine="ctranslate2"))

    assert (folder / "model.bin").is_file()


_PARENT = """
import sys, threading, time
from summarizer.ct2_process import ChildTranslator
translator = ChildTranslator(sys.argv[1], "cpu", "float32", 1)
rows = [["\\u2581" + "word", "\\u2581" + "next"] * 200 + ["</s>"]] * 32
options = {"beam_size": 4, "max_decoding_length": 3000, "min_decoding_length": 3000}
threading.Thread(
    target=translator.translate, args=(rows, None, options), kwargs={"deadline": time.monotonic() + 600}
).start()
stat = f"/proc/{translator.pid}/stat"


def cpu_ticks():  # the whole process's: CTranslate2 computes in threads of its own
    fields = open(stat).read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


idle = cpu_ticks()
while cpu_ticks() < idle + 20:  # idle until the batch arrives and runs
    time.sleep(0.01)
print(translator.pid, flush=True)
sys.stdin.read()
"""


def test_a_process_whose_parent_is_killed_ends_mid_batch(clause_dir: Path) -> None:
    folder = ct2.converted_dir(loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2"))
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=PACKAGE_ROOT,
    )
    assert parent.stdout is not None
    started, _, _ = select.select([parent.stdout], [], [], 120)
    assert started, "the parent's child never started its batch"
    child = int(parent.stdout.readline())  # its batch of a few minutes is under way
    ended = os.pidfd_open(child)  # readable once the child has ended
    try:
        parent.kill()
        parent.wait()

        readable, _, _ = select.select([ended], [], [], 10 * ORPHAN_CHECK_S)
    finally:
        os.close(ended)

    assert readable == [ended]


def test_the_load_of_a_new_process_does_not_count_against_the_batchs_time_limit(
    clause_dir: Path, paragraphs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded, settings, pid = _engine_and_child(clause_dir)
    before = loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 600)
    ended = os.pidfd_open(pid)
    os.kill(pid, signal.SIGKILL)  # the next batch must start a new process
    select.select([ended], [], [], 10)
    os.close(ended)
    clock = {"skew": 0.0}
    monkeypatch.setattr(
        ct2_process, "time", types.SimpleNamespace(monotonic=lambda: time.monotonic() + clock["skew"])
    )
    load = ChildTranslator._start

    def slow_load(self: ChildTranslator, stop: threading.Event | None) -> None:
        load(self, stop)
        clock["skew"] += 120  # a model that took two minutes to load

    monkeypatch.setattr(ChildTranslator, "_start", slow_load)

    after = loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 60)

    assert after == before


# -- restrict_vocabulary: CTranslate2's vocabulary map -------------------------------------------------


@pytest.fixture(scope="session")
def mixed_paragraphs(clause_dir: Path, paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """The held-out paragraphs whose own tokens all lie in the restricted set, and the others (pieces
    the set lacks: Latin letters)."""
    from transformers import AutoTokenizer

    from summarizer import vocabulary

    tokenizer = AutoTokenizer.from_pretrained(clause_dir)
    size = len(tokenizer)
    script = set(vocabulary.script_ids(tokenizer, size).tolist())
    within, other = [], []
    for paragraph in paragraphs:
        own = vocabulary.own_ids(tokenizer, paragraph, tokenizer(paragraph)["input_ids"], size)
        (within if own <= script else other).append(paragraph)
    assert within and other, "the held-out paragraphs hold both kinds"
    return within, other


@both_decodings
def test_with_the_restriction_the_engine_writes_what_the_transformers_engine_writes(
    clause_dir: Path, paragraphs: list[str], generation: GenerationConfig
) -> None:
    sections = [SectionText(None, paragraph) for paragraph in paragraphs]
    restricted = config(clause_dir, generation, restrict_vocabulary=True)
    fast = Summarizer(restricted).summarize(sections)
    plain = Summarizer(dataclasses.replace(restricted, engine="transformers")).summarize(sections)
    whole = Summarizer(config(clause_dir, generation)).summarize(sections)
    assert fast == plain
    assert fast != whole, "the comparison needs a summary the restriction changes"


def test_a_restricted_rows_summary_does_not_depend_on_its_batch_mates(
    clause_dir: Path, mixed_paragraphs: tuple[list[str], list[str]]
) -> None:
    within, other = mixed_paragraphs
    loaded, settings, _ = _engine_and_child(clause_dir)

    def summary(batch: list[str], row: int) -> generate.Generated:
        return loaded.model.generate_batch(batch, settings, time.monotonic() + 600, restrict=True)[row]

    alone = summary(within[:1], 0)
    assert summary([other[0], within[0], *other[1:3]], 1) == alone
    assert summary([*within[1:4], within[0]], 3) == alone


def test_a_row_holding_pieces_the_set_lacks_decodes_over_the_whole_vocabulary(
    clause_dir: Path, mixed_paragraphs: tuple[list[str], list[str]]
) -> None:
    within, other = mixed_paragraphs
    loaded, settings, _ = _engine_and_child(clause_dir)
    batch = [within[0], *other[:3]]

    restricted = loaded.model.generate_batch(batch, settings, time.monotonic() + 600, restrict=True)
    whole = loaded.model.generate_batch(batch, settings, time.monotonic() + 600)

    assert restricted[1:] == whole[1:]


def test_the_vocabulary_map_is_loaded_by_a_new_process(clause_dir: Path, paragraphs: list[str]) -> None:
    loaded = _own_engine(clause_dir)  # its process starts without a map
    first = loaded.model.translator.pid
    settings = generate.generation_config(loaded.model, BEAMS)

    loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 600, restrict=True)

    script, text = loaded.model.restriction()
    assert text.startswith("\t") and len(text.split()) == len(script)
    assert loaded.model.translator.vocabulary_map == text
    assert loaded.model.translator.pid not in (None, first)


def test_a_model_loaded_for_the_restriction_starts_its_process_with_the_map(
    clause_dir: Path, paragraphs: list[str]
) -> None:
    spec = loader.ModelSpec(name=str(clause_dir), device="cpu", engine="ctranslate2")
    loaded = ct2.load(spec, restrict=True)
    first = loaded.model.translator.pid
    settings = generate.generation_config(loaded.model, BEAMS)

    restricted = loaded.model.generate_batch(paragraphs[:2], settings, time.monotonic() + 600, restrict=True)

    assert loaded.model.translator.pid == first
    assert loaded.model.translator.vocabulary_map == loaded.model.restriction()[1]
    assert restricted == _own_engine(clause_dir).model.generate_batch(
        paragraphs[:2], settings, time.monotonic() + 600, restrict=True
    )


def test_the_restriction_is_part_of_the_engines_cache_key(clause_dir: Path) -> None:
    fast = config(clause_dir)
    assert model_key(fast) != model_key(dataclasses.replace(fast, restrict_vocabulary=True))
