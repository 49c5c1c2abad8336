"""A model replaced in its folder loads in a thread of its own (summarizer.engines.follow): the
summaries a batch made with the model loaded before are stored under that model's key, whenever the
new one comes in."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from nashra.config import SummarizerConfig
from summarizer import engines
from summarizer.loader import ModelSpec
from summarizer.service import SectionText, Summarizer

TEXT = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في مدينة حلب يضم مئتي سرير. " * 3


def test_a_batch_made_by_the_old_model_is_keyed_by_it_when_the_new_one_comes_in_meanwhile(
    tmp_path: Path, fresh_model_loads: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "mt5"}', encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"old weights" * 100)
    now = [1000.0]
    monkeypatch.setattr(engines.time, "monotonic", lambda: now[0])
    models: list[object] = []

    def load(spec: ModelSpec, stop: object, restrict: bool) -> object:
        models.append(SimpleNamespace())
        return models[-1]

    monkeypatch.setattr(engines, "_load", load)
    summarizer = Summarizer(SummarizerConfig(model=str(folder), device="cpu"))
    old = summarizer.load()
    old_key = summarizer.model_key
    (folder / "model.safetensors").write_bytes(b"new weights, replaced in place")
    summarizer.follow()  # the change is seen
    now[0] += engines.SETTLE_S + 1

    real_follow = engines.follow

    def follow_then_reload_ends(spec: ModelSpec, stop: Any = None, *, restrict: bool = False) -> Any:
        loaded = real_follow(spec, stop, restrict=restrict)  # the old model; the reload thread starts
        for thread in threading.enumerate():  # ... and ends before the batch reads its key
            if thread.name == "nashra-model-reload":
                thread.join(10)
        return loaded

    used: list[object] = []

    def generate(model: object, items: list[SectionText], stop: object) -> list[Any]:
        used.append(model)
        return [None] * len(items)

    monkeypatch.setattr(engines, "follow", follow_then_reload_ends)
    monkeypatch.setattr(summarizer, "_generate", generate)
    (result,) = summarizer.summarize([SectionText(None, TEXT)])
    assert used == [old], "the batch ran on the model loaded before the change"
    assert summarizer.model_key != old_key, "the new model came in"
    assert result.model_key == old_key, "the old model's summary is stored under the new model's key"


def test_files_changed_again_while_a_reload_failed_are_loaded_once_they_settle(
    tmp_path: Path, fresh_model_loads: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "mt5"}', encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"old weights" * 100)
    now = [1000.0]
    monkeypatch.setattr(engines.time, "monotonic", lambda: now[0])
    loads: list[int] = []
    loading, gate = threading.Event(), threading.Event()

    def load(spec: ModelSpec, stop: object, restrict: bool) -> object:
        loads.append(len(loads))
        if len(loads) == 2:  # the first reload reads a copy that turns out broken
            loading.set()
            gate.wait(10)
            raise OSError("model.safetensors: truncated")
        return SimpleNamespace()

    monkeypatch.setattr(engines, "_load", load)
    spec = ModelSpec(name=str(folder))
    engines.follow(spec)
    (folder / "model.safetensors").write_bytes(b"second weights" * 100)
    engines.follow(spec)  # the change is seen
    now[0] += engines.SETTLE_S + 1
    engines.follow(spec)  # settled: the reload starts
    assert loading.wait(10)
    (folder / "model.safetensors").write_bytes(b"third weights, copied again" * 100)
    engines.follow(spec)  # the operator copies again while it loads
    gate.set()
    for thread in threading.enumerate():
        if thread.name == "nashra-model-reload":
            thread.join(10)
    now[0] += engines.SETTLE_S + 1  # the third copy settled, well before RETRY_FAILED_LOAD_S
    engines.follow(spec)
    for thread in threading.enumerate():
        if thread.name == "nashra-model-reload":
            thread.join(10)
    assert len(loads) == 3, "files that changed after the failed load wait RETRY_FAILED_LOAD_S all the same"
