"""Following a model replaced in its folder (summarizer.engines.follow) as operators replace one: with
rsync or ``hf download --local-dir``, which write each file under a hidden temporary name first; a hub
id downloaded by its first load; while /stats is asked; while the bot shuts down; a batch keyed by the
model that made it whenever the new one comes in; a copy changed again while a reload fails."""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from tiny_models import wait_for_reloads

from nashra.config import SummarizerConfig
from nashra.storage import Database
from summarizer import engines, keys
from summarizer.loader import ModelSpec
from summarizer.service import SectionText, Summarizer
from summarizer.worker import SummaryWorker


@pytest.fixture
def folder(tmp_path: Path, fresh_model_loads: None) -> Path:
    """A model folder loaded once (by a stand-in engine that counts its loads), with a clock the test
    moves (``engines.time.monotonic``)."""
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text('{"model_type": "mt5"}', encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"old weights" * 100)
    return model


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    moved = Clock()
    monkeypatch.setattr(engines.time, "monotonic", moved)
    return moved


def stand_in(monkeypatch: pytest.MonkeyPatch, loads: list[str], gate: threading.Event | None = None) -> None:
    def load(spec: ModelSpec, stop: object, restrict: bool) -> object:
        loads.append(keys.files_revision_of(spec.name))
        if gate is not None:
            gate.wait(30)
        return SimpleNamespace()

    monkeypatch.setattr(engines, "_load", load)


def test_a_shard_still_being_written_under_a_hidden_name_is_not_loaded_half_copied(
    folder: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str] = []
    stand_in(monkeypatch, loads)
    spec = ModelSpec(name=str(folder))
    engines.follow(spec)
    # rsync (or huggingface-cli download) has written the new config, and writes the new weights
    # into a hidden temporary file, renamed over model.safetensors once complete.
    (folder / "config.json").write_text('{"model_type": "bart"}', encoding="utf-8")
    partial = folder / ".model.safetensors.Xy12Ab"
    partial.write_bytes(b"new" * 10)
    engines.follow(spec)  # the change is seen
    for _ in range(3):  # the copy goes on: 30 s more between each look
        clock.now += engines.SETTLE_S + 1
        with partial.open("ab") as out:
            out.write(b"more new weights" * 1000)
        engines.follow(spec)
    assert len(loads) == 1, "new config.json with the old weights loaded while the shard was copied"


def test_stats_are_not_kept_waiting_while_a_replaced_model_loads(
    folder: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str] = []
    gate = threading.Event()
    spec = ModelSpec(name=str(folder))
    stand_in(monkeypatch, loads)
    engines.follow(spec)
    stand_in(monkeypatch, loads, gate)  # the new model takes a while to load (seconds to minutes)
    (folder / "model.safetensors").write_bytes(b"new weights" * 100)
    engines.follow(spec)
    clock.now += engines.SETTLE_S + 1
    reload = threading.Thread(target=engines.follow, args=(spec,), daemon=True)
    reload.start()
    while len(loads) < 2:
        reload.join(0.01)
    # /stats asks, on the event loop (bot.services.Services.stats -> Summarizer.load_failure).
    asked = threading.Thread(target=engines.failure, args=(spec,), daemon=True)
    asked.start()
    asked.join(2.0)
    blocked = asked.is_alive()
    gate.set()
    reload.join(5)
    assert not blocked, "engines.failure() waited for the reload: /stats froze the bot's event loop"


def test_a_copy_under_way_is_warned_of_once_not_at_every_look(
    folder: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    loads: list[str] = []
    stand_in(monkeypatch, loads)
    spec = ModelSpec(name=str(folder))
    engines.follow(spec)
    shard = folder / "model.safetensors"
    shard.write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="summarizer.engines"):
        for _ in range(10):  # one look per batch while cp writes the new multi-GB shard
            clock.now += 5
            with shard.open("ab") as out:
                out.write(b"new weights" * 1000)
            engines.follow(spec)
    warned = [r for r in caplog.records if "changed after it was loaded" in r.getMessage()]
    assert len(warned) == 1, f"{len(warned)} warnings for one model replaced"


COMMIT = "c" * 40


def test_a_hub_model_downloaded_by_its_first_load_is_not_loaded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_model_loads: None
) -> None:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setattr(engines, "SETTLE_S", 0.0)
    repo = tmp_path / "models--someone--arabic-summarizer"
    loads: list[str] = []

    def download_and_load(spec: ModelSpec, stop: object, restrict: bool) -> object:
        # from_pretrained(local_files_only=False) downloads the snapshot, then loads it.
        (repo / "snapshots" / COMMIT).mkdir(parents=True, exist_ok=True)
        (repo / "snapshots" / COMMIT / "config.json").write_text("{}", encoding="utf-8")
        (repo / "refs").mkdir(exist_ok=True)
        (repo / "refs" / "main").write_text(COMMIT, encoding="utf-8")
        loads.append(spec.name)
        return SimpleNamespace()

    monkeypatch.setattr(engines, "_load", download_and_load)
    spec = ModelSpec(name="someone/arabic-summarizer", local_files_only=False)
    for _ in range(3):  # the worker's next batches
        engines.follow(spec)
    assert len(loads) == 1, f"loaded {len(loads)} times; recorded revision {keys.loaded_revision(spec)!r}"


async def test_a_worker_stopped_while_a_replaced_model_loads_ends_its_batch_at_once(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_model_loads: None
) -> None:
    monkeypatch.setattr(engines, "SETTLE_S", 0.0)
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"old weights")
    gate = threading.Event()
    loading = threading.Event()

    def load(spec: ModelSpec, stop: object, restrict: bool) -> object:
        if loading.is_set() or keys.loaded_revision(spec) is not None:
            loading.set()
            gate.wait(30)  # a multi-GB checkpoint read from disk: not interruptible
        return SimpleNamespace()

    monkeypatch.setattr(engines, "_load", load)
    summarizer = Summarizer(SummarizerConfig(model=str(folder), device="cpu"))
    assert summarizer.load() is not None
    (folder / "model.safetensors").write_bytes(b"new weights, replaced in place")
    summarizer.follow()  # the change first seen
    worker = SummaryWorker(db, summarizer)
    batch = asyncio.create_task(worker.run_once())
    try:
        while not loading.is_set():
            await asyncio.sleep(0.01)
        worker.stop()  # the bot shuts down
        done, _ = await asyncio.wait({batch}, timeout=25)  # the load ends only when the gate opens (30 s)
        assert batch in done, "the batch waited for the whole reload after stop()"
        assert batch.result() == 0
    finally:
        gate.set()
        await batch
        worker.close()


TEXT = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في مدينة حلب يضم مئتي سرير. " * 3


def test_a_batch_made_by_the_old_model_is_keyed_by_it_when_the_new_one_comes_in_meanwhile(
    folder: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    clock.now += engines.SETTLE_S + 1

    real_follow = engines.follow

    def follow_then_reload_ends(spec: ModelSpec, stop: Any = None, *, restrict: bool = False) -> Any:
        loaded = real_follow(spec, stop, restrict=restrict)  # the old model; the reload thread starts
        wait_for_reloads()  # ... and ends before the batch reads its key
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
    folder: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    clock.now += engines.SETTLE_S + 1
    engines.follow(spec)  # settled: the reload starts
    assert loading.wait(10)
    (folder / "model.safetensors").write_bytes(b"third weights, copied again" * 100)
    engines.follow(spec)  # the operator copies again while it loads
    gate.set()
    wait_for_reloads()
    clock.now += engines.SETTLE_S + 1  # the third copy settled, well before RETRY_FAILED_LOAD_S
    engines.follow(spec)
    wait_for_reloads()
    assert len(loads) == 3, "files that changed after the failed load wait RETRY_FAILED_LOAD_S all the same"
