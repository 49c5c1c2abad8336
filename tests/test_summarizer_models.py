"""The seq2seq path with real (tiny, random) mT5 and BART checkpoints loaded from disk."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
import torch
from tiny_models import (
    TinyModels,
    copy_model_over,
    corpus_sections,
    tiny_models_once,
    wait_for_reloads,
    written_by_model,
)

from nashra.config import GenerationConfig, SummarizerConfig
from summarizer.generate import fit_input, generate_batch, generation_config, source_text
from summarizer.keys import EXTRACTIVE_KEY, model_key
from summarizer.service import SectionText, Summarizer


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyModels:
    return tiny_models_once(tmp_path_factory)


def sections(count: int = 4) -> list[SectionText]:
    return [SectionText(h, t) for h, t in corpus_sections()[:count]]


def config(model: Path | str, **changes: object) -> SummarizerConfig:
    generation = GenerationConfig(num_beams=2, min_new_tokens=12, max_new_tokens=16, no_repeat_ngram_size=3)
    return dataclasses.replace(
        SummarizerConfig(model=str(model), device="cpu", generation=generation), **changes
    )


@pytest.mark.parametrize("name", ["mt5", "mt5_spiece_only", "bart", "mbart"])
def test_each_architecture_writes_seq2seq_summaries(tiny: TinyModels, name: str) -> None:
    results = Summarizer(config(getattr(tiny, name))).summarize(sections())
    assert len(results) == 4
    assert all(written_by_model(r) and r.summary.strip() for r in results)


def test_the_model_is_loaded_once_per_process(tiny: TinyModels) -> None:
    first = Summarizer(config(tiny.mt5)).load()
    second = Summarizer(config(tiny.mt5)).load()
    assert first is not None and first is second
    assert Summarizer.from_config(config(tiny.mt5)) is Summarizer.from_config(config(tiny.mt5))


def test_generation_length_follows_the_config(tiny: TinyModels) -> None:
    summarizer = Summarizer(config(tiny.mt5, generation=GenerationConfig(min_new_tokens=3, max_new_tokens=5)))
    model = summarizer.load()
    assert model is not None
    for result in summarizer.summarize(sections(2)):
        if result.method == "seq2seq":
            assert (
                len(model.tokenizer(result.summary.rstrip("…"), add_special_tokens=False)["input_ids"]) <= 5
            )


def test_a_long_section_is_cut_at_a_sentence_boundary(tiny: TinyModels) -> None:
    model = Summarizer(config(tiny.mt5)).load()
    assert model is not None
    heading, text = corpus_sections()[0]
    fitted, count = fit_input(model.tokenizer, "", heading, text * 5, limit=60)
    assert count <= 60
    assert fitted.endswith(".")
    assert fitted.startswith(heading)
    assert len(fitted) < len(text * 5)


def test_a_missing_model_falls_back_to_extractive_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    results = Summarizer(config(tmp_path / "no-such-model")).summarize(sections(2))
    assert [r.method for r in results] == ["extractive", "extractive"]
    assert all(r.summary for r in results)
    assert "does not exist" in caplog.text


def test_a_broken_model_directory_falls_back_to_extractive(
    tiny: TinyModels, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text(json.dumps({"model_type": "t5"}), encoding="utf-8")
    caplog.set_level(logging.WARNING)
    results = Summarizer(config(broken)).summarize(sections(1))
    assert results[0].method == "extractive"
    assert "cannot load summarization model" in caplog.text


@pytest.mark.usefixtures("fresh_model_loads")
def test_a_load_failing_in_a_way_no_check_foresaw_is_remembered_like_any_load_failure(
    tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tried again at every batch, it would cost a load and a traceback in the log each time.
    from summarizer import loader

    tries = []

    def failing(spec: loader.ModelSpec) -> loader.LoadedModel:
        tries.append(spec)
        raise RuntimeError("CUDA error: device-side assert triggered")

    monkeypatch.setattr(loader, "load_transformers", failing)
    summarizer = Summarizer(config(tiny.mt5))
    for _ in range(2):
        with pytest.raises(loader.ModelLoadError, match="device-side assert"):
            summarizer.require_model()
    assert len(tries) == 1
    assert "device-side assert" in summarizer.load_failure()


def test_a_timeout_falls_back_to_extractive(tiny: TinyModels, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    results = Summarizer(config(tiny.bart, timeout_s=0.0)).summarize(sections(2))
    assert [r.method for r in results] == ["extractive", "extractive"]
    assert "time limit" in caplog.text


def test_a_fallback_is_logged_once_per_call_not_once_per_section(
    tiny: TinyModels, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    results = Summarizer(config(tiny.bart, timeout_s=0.0)).summarize(sections(6))
    assert [r.method for r in results] == ["extractive"] * 6
    fallbacks = [r.getMessage() for r in caplog.records if "no usable model summary" in r.getMessage()]
    assert len(fallbacks) == 1
    assert "for 6 of 6 sections" in fallbacks[0] and "and 3 more" in fallbacks[0]


def test_running_out_of_memory_splits_the_batch_then_falls_back(
    tiny: TinyModels, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    summarizer = Summarizer(config(tiny.bart))
    model = summarizer.load()
    assert model is not None
    real_generate = model.model.generate
    batch_sizes: list[int] = []

    def generate_within_two(**kwargs: object) -> object:
        rows = kwargs["input_ids"].shape[0]  # type: ignore[attr-defined]
        batch_sizes.append(rows)
        if rows > 2:
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return real_generate(**kwargs)

    monkeypatch.setattr(model.model, "generate", generate_within_two)
    caplog.set_level(logging.WARNING)
    results = summarizer.summarize(sections(4))
    assert batch_sizes[0] == 4 and max(batch_sizes[1:]) <= 2
    assert all(written_by_model(r) for r in results)
    assert "splitting" in caplog.text


def test_no_model_means_extractive_only_under_its_own_key() -> None:
    summarizer = Summarizer(SummarizerConfig(model=""))
    assert summarizer.model_key == EXTRACTIVE_KEY
    assert all(r.method == "extractive" for r in summarizer.summarize(sections(3)))


def test_the_cache_key_changes_with_settings_and_model_files(tiny: TinyModels, tmp_path: Path) -> None:
    base = config(tiny.mt5)
    assert model_key(base) == model_key(config(tiny.mt5))
    assert model_key(base) != model_key(config(tiny.mt5, generation=GenerationConfig(num_beams=4)))
    assert model_key(base) != model_key(config(tiny.mt5, prefix="summarize: "))
    assert model_key(base) != model_key(config(tiny.bart))
    missing = config(tmp_path / "later")
    before = model_key(missing)
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "config.json").write_text("{}", encoding="utf-8")
    assert model_key(missing) != before


def test_the_cache_key_changes_with_any_model_file_but_not_its_documentation(
    tiny: TinyModels, tmp_path: Path
) -> None:
    folder = tmp_path / "model"
    shutil.copytree(tiny.mt5, folder)
    base = config(folder)
    before = model_key(base)
    (folder / "README.md").write_text("# A model card", encoding="utf-8")
    assert model_key(base) == before
    # A sharded checkpoint: replacing one shard is a different model.
    (folder / "model-00002-of-00002.safetensors").write_bytes(b"0" * 16)
    assert model_key(base) != before


@pytest.fixture
def changed_after_load(tiny: TinyModels, tmp_path: Path, fresh_model_loads: None) -> tuple[Summarizer, str]:
    """A Summarizer that loaded a copy of the tiny mT5, one of whose files was replaced since (another
    model copied over it while the bot runs); and its key as loaded."""
    folder = tmp_path / "model"
    shutil.copytree(tiny.mt5, folder)
    summarizer = Summarizer(config(folder))
    assert summarizer.load() is not None
    loaded = summarizer.model_key
    (folder / "model-00002-of-00002.safetensors").write_bytes(b"0" * 16)
    return summarizer, loaded


def test_once_loaded_the_cache_key_is_that_of_the_files_loaded_whatever_the_folder_holds_since(
    changed_after_load: tuple[Summarizer, str],
) -> None:
    # The process goes on summarizing with the model it loaded: its summaries are that model's.
    summarizer, loaded = changed_after_load
    assert model_key(summarizer.config) == summarizer.model_key == loaded


def test_model_files_changed_after_the_load_are_warned_of_once(
    changed_after_load: tuple[Summarizer, str], caplog: pytest.LogCaptureFixture
) -> None:
    summarizer, _ = changed_after_load
    with caplog.at_level(logging.WARNING, logger="summarizer.engines"):
        summarizer.load()
        summarizer.load()
    assert [r.getMessage() for r in caplog.records if "changed after it was loaded" in r.getMessage()] == [
        f"the files of summarization model {summarizer.config.model!r} changed after it was loaded; it is "
        "loaded again once they stay unchanged for 30 s, and summarizes with the files it loaded until then"
    ]


def revision_in(key: str) -> str:
    """The model revision a cache key (``model@revision#settings``) names."""
    return key.rpartition("@")[2].partition("#")[0]


def test_two_set_ups_of_one_folder_each_keep_the_revision_of_the_files_they_loaded(
    changed_after_load: tuple[Summarizer, str],
) -> None:
    summarizer, loaded = changed_after_load
    int8 = Summarizer(dataclasses.replace(summarizer.config, quantize_int8=True))
    assert int8.load() is not None  # loaded from the files there now
    assert summarizer.model_key == loaded
    assert revision_in(int8.model_key) != revision_in(loaded)


def test_changed_model_files_are_not_loaded_while_they_may_still_be_copied(
    changed_after_load: tuple[Summarizer, str],
) -> None:
    summarizer, loaded = changed_after_load
    first = summarizer.load()
    assert summarizer.load() is first
    assert summarizer.model_key == loaded


def settled(summarizer: Summarizer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The change of ``summarizer``'s model files is seen, then taken as settled: the next look loads
    them in a thread of their own, which this waits for."""
    from summarizer import engines

    summarizer.load()  # the change first seen
    monkeypatch.setattr(engines, "SETTLE_S", 0.0)
    summarizer.load()  # settled: the load begins
    wait_for_reloads()


def test_a_model_replaced_in_its_folder_is_loaded_in_its_place_once_its_files_settle(
    changed_after_load: tuple[Summarizer, str], tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarizer, loaded = changed_after_load
    old = summarizer.load()
    copy_model_over(tiny.bart, Path(summarizer.config.model))
    settled(summarizer, monkeypatch)
    new = summarizer.load()
    assert new is not None and old is not None
    assert type(new.model) is not type(old.model)
    assert summarizer.model_key == model_key(summarizer.config) != loaded


def test_the_loaded_model_summarizes_while_its_replacement_loads(
    changed_after_load: tuple[Summarizer, str], tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer import engines

    summarizer, loaded = changed_after_load
    copy_model_over(tiny.bart, Path(summarizer.config.model))
    summarizer.load()
    monkeypatch.setattr(engines, "SETTLE_S", 0.0)
    gate = threading.Event()
    load = engines._load

    def slow(*args: object) -> object:
        gate.wait(30)
        return load(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engines, "_load", slow)
    try:
        (result,) = summarizer.summarize(sections(1))  # the load begins, and waits
    finally:
        gate.set()
        wait_for_reloads()
    assert result.model_key == loaded


def test_summaries_carry_the_key_of_the_model_that_wrote_them(
    changed_after_load: tuple[Summarizer, str], tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarizer, loaded = changed_after_load
    copy_model_over(tiny.bart, Path(summarizer.config.model))
    before = summarizer.summarize(sections(1))
    settled(summarizer, monkeypatch)
    after = summarizer.summarize(sections(1))
    assert [r.model_key for r in before + after] == [loaded, summarizer.model_key]
    assert loaded != summarizer.model_key


def test_changed_files_that_fail_to_load_leave_the_loaded_model_summarizing(
    changed_after_load: tuple[Summarizer, str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    summarizer, loaded = changed_after_load
    old = summarizer.load()
    (Path(summarizer.config.model) / "config.json").write_text("{", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="summarizer.engines"):
        settled(summarizer, monkeypatch)
    assert summarizer.load() is old
    assert summarizer.model_key == loaded
    assert any("the model loaded before summarizes" in r.getMessage() for r in caplog.records)


def test_a_model_file_whose_name_is_not_utf8_changes_the_cache_key_like_any_other(
    tiny: TinyModels, tmp_path: Path
) -> None:
    folder = tmp_path / "model"
    shutil.copytree(tiny.mt5, folder)
    before = model_key(config(folder))
    (folder / os.fsdecode(b"notes-\xe1.bin")).write_bytes(b"0")
    assert model_key(config(folder)) != before


def test_the_cache_key_of_a_hub_id_follows_its_cached_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    repo = tmp_path / "models--someone--arabic-summarizer"

    def download(commit: str) -> None:
        (repo / "snapshots" / commit).mkdir(parents=True)
        (repo / "snapshots" / commit / "config.json").write_text("{}", encoding="utf-8")
        (repo / "refs").mkdir(exist_ok=True)
        (repo / "refs" / "main").write_text(commit, encoding="utf-8")

    hub = SummarizerConfig(model="someone/arabic-summarizer", device="cpu")
    download("a" * 40)
    first = model_key(hub)
    assert model_key(hub) == first
    download("b" * 40)
    assert model_key(hub) != first


def test_the_cache_key_covers_the_word_budget_of_extractive_summaries(tiny: TinyModels) -> None:
    assert model_key(config(tiny.mt5)) != model_key(config(tiny.mt5, summary_words=20))
    assert model_key(SummarizerConfig()) == EXTRACTIVE_KEY
    shorter = SummarizerConfig(summary_words=20)
    assert model_key(shorter) != EXTRACTIVE_KEY
    assert Summarizer(shorter).model_name == EXTRACTIVE_KEY
    assert all(r.method == "extractive" for r in Summarizer(shorter).summarize(sections(2)))


def test_int8_dynamic_quantization_on_cpu_still_generates(tiny: TinyModels) -> None:
    summarizer = Summarizer(config(tiny.bart, quantize_int8=True))
    model = summarizer.load()
    assert model is not None
    assert "quantized" in type(model.model.lm_head).__module__
    assert all(written_by_model(r) for r in summarizer.summarize(sections(2)))


def test_unset_generation_settings_keep_the_models_own(tiny: TinyModels) -> None:
    model = Summarizer(config(tiny.mt5)).load()
    assert model is not None
    own = model.model.generation_config
    saved, own.no_repeat_ngram_size = own.no_repeat_ngram_size, 4
    try:
        merged = generation_config(model.model, GenerationConfig(num_beams=3, max_new_tokens=20))
    finally:
        own.no_repeat_ngram_size = saved
    assert (merged.num_beams, merged.max_new_tokens, merged.no_repeat_ngram_size) == (3, 20, 4)


@pytest.mark.parametrize("name", ["mt5", "bart"])
def test_batched_beam_search_writes_what_plain_generate_writes(tiny: TinyModels, name: str) -> None:
    model = Summarizer(config(getattr(tiny, name))).load()
    assert model is not None
    settings = generation_config(
        model.model,
        GenerationConfig(num_beams=4, min_new_tokens=16, max_new_tokens=20, no_repeat_ngram_size=2),
    )
    inputs = [source_text(h, t) for h, t in corpus_sections()[:4]]
    with torch.inference_mode():
        encoded = model.tokenizer(inputs, return_tensors="pt", padding=True)
        plain = model.tokenizer.batch_decode(
            model.model.generate(**encoded, generation_config=settings), skip_special_tokens=True
        )
    batched = generate_batch(
        model.model, model.tokenizer, model.device, inputs, settings, time.monotonic() + 60
    )
    assert [result.text for result in batched] == plain


@pytest.mark.parametrize("name", ["bart", "mbart"])
def test_an_eos_forced_at_the_length_limit_marks_the_summary_unfinished(tiny: TinyModels, name: str) -> None:
    # BART checkpoints set forced_eos_token_id: a row that runs into max_new_tokens still ends in EOS.
    model = Summarizer(config(getattr(tiny, name))).load()
    assert model is not None
    settings = generation_config(
        model.model, GenerationConfig(num_beams=2, min_new_tokens=6, max_new_tokens=6)
    )
    assert settings.forced_eos_token_id is not None
    inputs = [source_text(h, t) for h, t in corpus_sections()[:3]]
    outputs = generate_batch(
        model.model, model.tokenizer, model.device, inputs, settings, time.monotonic() + 60
    )
    assert not any(output.finished for output in outputs)


def test_summarizing_without_a_model_imports_neither_torch_nor_transformers() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from nashra.config import SummarizerConfig\n"
        "from summarizer import SummaryWorker, summarize_cached, model_key\n"
        "from summarizer.service import SectionText, Summarizer\n"
        "summarizer = Summarizer(SummarizerConfig())\n"
        "summarizer.summarize([SectionText('عنوان', 'قال الوزير إن العمل يبدأ غدا في المدينة.')])\n"
        "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_cache_key_covers_engine_number_type_and_device(tiny: TinyModels) -> None:
    base = config(tiny.mt5)
    keys = {
        model_key(base),
        model_key(dataclasses.replace(base, engine="ctranslate2")),
        model_key(dataclasses.replace(base, dtype="bfloat16")),
        model_key(dataclasses.replace(base, quantize_int8=True)),
        model_key(dataclasses.replace(base, restrict_vocabulary=True)),
    }
    assert len(keys) == 5
    # "auto" is resolved: on a machine without a GPU it means the CPU in float32.
    assert model_key(dataclasses.replace(base, device="auto", dtype="auto")) == model_key(
        dataclasses.replace(base, device="cpu", dtype="float32")
    )
    # Batch size and threads do not change a summary, so they do not change the key.
    assert model_key(dataclasses.replace(base, batch_token_budget=512, threads=3)) == model_key(base)


def test_the_model_gets_half_the_cores_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer import loader

    monkeypatch.setattr(loader.os, "sched_getaffinity", lambda pid: set(range(2)))
    assert loader.thread_count(0) == 1
    monkeypatch.setattr(loader.os, "sched_getaffinity", lambda pid: set(range(16)))
    assert loader.thread_count(0) == 8
    assert loader.thread_count(3) == 3
    monkeypatch.setattr(loader.os, "sched_getaffinity", lambda pid: {0})
    assert loader.thread_count(0) == 1
