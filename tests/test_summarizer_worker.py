"""The background worker: stored backlog in, cached summaries out, event loop free meanwhile."""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tiny_models import TinyModels, copy_model_over, corpus_sections, tiny_models_once, wait_for_reloads

from nashra.config import GenerationConfig, SummarizerConfig
from nashra.model import Article, Section, StoredSection
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from nashra.storage.summaries import SummaryStore
from summarizer import generate, loader
from summarizer.cache import summarize_cached
from summarizer.keys import model_key
from summarizer.service import SectionText, Summarizer
from summarizer.worker import SummaryWorker


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyModels:
    return tiny_models_once(tmp_path_factory)


def summarizer_for(tiny: TinyModels, **generation: int) -> Summarizer:
    settings = GenerationConfig(num_beams=2, min_new_tokens=8, max_new_tokens=12, no_repeat_ngram_size=3)
    settings = dataclasses.replace(settings, **generation)
    return Summarizer(SummarizerConfig(model=str(tiny.mt5), device="cpu", generation=settings))


async def store_backlog(db: Database, articles: int) -> None:
    store = ArticleStore(db)
    pairs = corpus_sections()
    for number in range(articles):
        sections = [Section(f"{h} {number}", f"{t} (نسخة {number})", ["EG"]) for h, t in pairs[:3]]
        article = Article(
            title=f"مقال {number}",
            sections=sections,
            url=f"https://example.org/{number}",
            published_at=datetime(2024, 11, 17, tzinfo=UTC),
        )
        await store.save(article)


async def test_run_once_summarizes_and_stores_the_pending_sections(db: Database, tiny: TinyModels) -> None:
    await store_backlog(db, 2)
    summarizer = summarizer_for(tiny)
    worker = SummaryWorker(db, summarizer)
    try:
        assert await worker.run_once(limit=4) == 4
        assert await worker.store.count_pending(summarizer.model_key) == 2
        assert await worker.run_once(limit=10) == 2
        assert await worker.run_once(limit=10) == 0
    finally:
        worker.close()
    rows = await db.fetchall(
        "SELECT method, summary FROM summaries WHERE model_key = ?", [summarizer.model_key]
    )
    assert len(rows) == 6 and all(row["summary"] for row in rows)
    # Random weights may name another section's place: the guard stores the extractive summary then.
    assert worker.stats.seq2seq + worker.stats.unfaithful == 6
    assert sum(row["method"] == "seq2seq" for row in rows) == worker.stats.seq2seq


async def test_changed_settings_summarize_again(db: Database, tiny: TinyModels) -> None:
    await store_backlog(db, 1)
    first, second = summarizer_for(tiny), summarizer_for(tiny, max_new_tokens=14)
    for summarizer in (first, second):
        worker = SummaryWorker(db, summarizer)
        try:
            assert await worker.run_once(limit=10) == 3
        finally:
            worker.close()


async def test_the_event_loop_answers_during_a_long_summarization(db: Database, tiny: TinyModels) -> None:
    await store_backlog(db, 120)
    summarizer = summarizer_for(tiny, num_beams=4, min_new_tokens=40, max_new_tokens=40)
    summarizer.load()
    worker = SummaryWorker(db, summarizer)
    stop = asyncio.Event()
    delays: list[float] = []

    async def answer_commands() -> None:
        # Stands in for a bot command handler: each "reply" must come promptly, however long the run.
        while not stop.is_set():
            asked = time.perf_counter()
            await asyncio.sleep(0.01)
            delays.append(time.perf_counter() - asked)

    responder = asyncio.create_task(answer_commands())
    try:
        started = time.perf_counter()
        done = await worker.run_once(limit=360)
        elapsed = time.perf_counter() - started
    finally:
        stop.set()
        await responder
        worker.close()
    assert done == 360
    assert elapsed > 1.0, "the summarization must be long enough for the check to mean something"
    # Work done on the loop would show as one delay close to the whole run; a shared CI machine may
    # still pause any thread for a fraction of a second, so the bound is relative to the run.
    assert len(delays) > 20
    assert max(delays) < elapsed / 4


async def test_run_forever_works_through_the_backlog_until_stopped(db: Database, tiny: TinyModels) -> None:
    await store_backlog(db, 2)
    summarizer = summarizer_for(tiny)
    worker = SummaryWorker(db, summarizer, interval_s=0.05)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop, limit=2))
    for _ in range(200):
        if await worker.store.count_pending(summarizer.model_key) == 0:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    assert await worker.store.count_pending(summarizer.model_key) == 0


async def test_the_cache_serves_a_section_once_for_any_number_of_readers(
    db: Database, tiny: TinyModels
) -> None:
    summarizer = summarizer_for(tiny)
    store = SummaryStore(db)
    heading, text = corpus_sections()[0]
    pair = ("hash-of-section", SectionText(heading, text))
    calls: list[int] = []

    async def counting(fn, items):  # type: ignore[no-untyped-def]
        calls.append(len(items))
        return await asyncio.to_thread(fn, items)

    first = await summarize_cached(store, summarizer, [pair, pair], run=counting)
    again = await summarize_cached(store, summarizer, [pair], run=counting)
    assert calls == [1]
    assert first[0] == first[1] == again[0]


@pytest.fixture
def decoding(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Set once the model is at work on a batch: its check for a stop request or the deadline
    (``summarizer.generate._Stopper.hit``, run before every layer and decoding step) has run."""
    began = threading.Event()
    hit = generate._Stopper.hit

    def checked(self: generate._Stopper) -> bool:
        began.set()
        return hit(self)

    monkeypatch.setattr(generate._Stopper, "hit", checked)
    return began


async def generating(decoding: threading.Event) -> None:
    """Return once the model thread is generating (60 s: a guard against a hang)."""
    deadline = time.monotonic() + 60
    while not decoding.is_set():
        assert time.monotonic() < deadline, "generation never started"
        await asyncio.sleep(0.01)


# How soon a stop ends summarizing is benchmarks/summarize.py's figure (docs/benchmarks.md); these tests
# check what it does: the batch under way is given up (its sections stay pending: a stop that waited
# for the batch would store its summaries) and nothing new starts; 60 s guards against a hang.
async def test_stopping_ends_a_long_summarization_at_once_leaving_the_backlog(
    db: Database, tiny: TinyModels, decoding: threading.Event
) -> None:
    await store_backlog(db, 40)
    summarizer = summarizer_for(tiny, num_beams=4, min_new_tokens=400, max_new_tokens=400)
    summarizer.load()
    worker = SummaryWorker(db, summarizer, interval_s=0.05)
    before = await worker.store.count_pending(summarizer.model_key)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop, limit=120))
    await generating(decoding)
    stop.set()
    await asyncio.wait_for(task, timeout=60)
    assert await worker.store.count_pending(summarizer.model_key) == before, "the batch under way was stored"
    assert await worker.run_once() == 0, "a stopped worker starts nothing new"


async def test_a_stopped_worker_lets_the_scheduler_job_end(
    db: Database, tiny: TinyModels, decoding: threading.Event
) -> None:
    await store_backlog(db, 40)
    summarizer = summarizer_for(tiny, num_beams=4, min_new_tokens=400, max_new_tokens=400)
    summarizer.load()
    worker = SummaryWorker(db, summarizer)

    async def job() -> None:  # what the scheduler's summarize job does
        while await worker.run_once(64):
            pass

    task = asyncio.create_task(job())
    await generating(decoding)
    worker.stop()
    await asyncio.wait_for(task, timeout=60)
    worker.close()
    assert await worker.store.count_pending(summarizer.model_key) == 120


async def test_a_held_worker_starts_its_next_batch_once_released(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await store_backlog(db, 1)
    worker = SummaryWorker(db, Summarizer(SummarizerConfig()))
    asked = []
    read = worker.store.pending_sections

    async def reading(model_key: str, limit: int) -> list[StoredSection]:
        asked.append(limit)
        return await read(model_key, limit)

    monkeypatch.setattr(worker.store, "pending_sections", reading)
    try:
        async with worker.held():
            batch = asyncio.create_task(worker.run_once(limit=10))
            await asyncio.sleep(0)  # the task runs up to its first wait
            asked_while_held = list(asked)
        assert await batch == 3
    finally:
        worker.close()
    assert asked_while_held == []


async def test_holds_that_never_all_end_keep_the_next_batch_waiting_no_longer_than_the_limit(
    db: Database,
) -> None:
    """/digests from many chats overlap: the worker is never free, yet the backlog moves."""
    await store_backlog(db, 1)
    worker = SummaryWorker(db, Summarizer(SummarizerConfig()), hold_limit_s=0.2)
    release = asyncio.Event()

    async def one_digest_after_another() -> None:
        current = worker.held()
        await current.__aenter__()
        while not release.is_set():
            following = worker.held()
            await following.__aenter__()  # the next /digest holds before the last one lets go
            await current.__aexit__(None, None, None)
            current = following
            await asyncio.sleep(0.01)
        await current.__aexit__(None, None, None)

    digests = asyncio.create_task(one_digest_after_another())
    try:
        assert await asyncio.wait_for(worker.run_once(limit=10), timeout=5) == 3
    finally:
        release.set()
        await digests
        worker.close()


def arriving_model(
    tiny: TinyModels, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> tuple[Summarizer, Path]:
    """A Summarizer of the test settings configured with a model folder that is not there yet (the
    operator copies it in while the bot runs), a failed load tried again at once; and that folder."""
    from summarizer import engines

    monkeypatch.setattr(engines, "RETRY_FAILED_LOAD_S", 0.0)
    folder = tmp_path_factory.mktemp("arriving") / "model"
    return Summarizer(dataclasses.replace(summarizer_for(tiny).config, model=str(folder))), folder


async def one_batch_stores_nothing(db: Database, summarizer: Summarizer) -> None:
    """A worker's batch over a backlog of 3 sections stores nothing: all 3 stay pending for the model."""
    await store_backlog(db, 1)
    worker = SummaryWorker(db, summarizer)
    try:
        assert await worker.run_once(limit=10) == 0
        assert await worker.store.count_pending(summarizer.model_key) == 3
    finally:
        worker.close()
    assert await db.fetchall("SELECT text_hash FROM summaries") == []


async def test_a_model_that_cannot_load_leaves_its_backlog_pending(
    db: Database, tiny: TinyModels, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the worker would store meanwhile are extractive summaries, which would stand under the
    # model's key once it loads.
    summarizer, _ = arriving_model(tiny, tmp_path_factory, monkeypatch)
    await one_batch_stores_nothing(db, summarizer)


async def summarized_once_copied_in(
    db: Database, tiny: TinyModels, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> tuple[SummaryWorker, int]:
    """A backlog of 3 sections waits for an arriving model (:func:`arriving_model`) through one batch,
    then the model is copied in and the next batch runs: the worker (closed) and that batch's count."""
    await store_backlog(db, 1)
    summarizer, folder = arriving_model(tiny, tmp_path_factory, monkeypatch)
    worker = SummaryWorker(db, summarizer)
    try:
        assert await worker.run_once(limit=10) == 0
        shutil.copytree(tiny.mt5, folder)
        return worker, await worker.run_once(limit=10)
    finally:
        worker.close()


async def test_the_backlog_waits_for_the_model_and_is_summarized_by_it_once_it_loads(
    db: Database, tiny: TinyModels, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, summarized = await summarized_once_copied_in(db, tiny, tmp_path_factory, monkeypatch)
    assert summarized == 3
    # Random weights may name another section's place: the guard stores the extractive summary then.
    assert worker.stats.seq2seq + worker.stats.unfaithful == 3


async def test_summaries_of_a_model_copied_in_while_running_are_stored_under_the_key_digests_read(
    db: Database, tiny: TinyModels, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Digests read the summaries of the key worked out from the configuration when they are composed
    # (nashra.digest.select); under the key of the folder before the copy, nobody would read them.
    worker, _ = await summarized_once_copied_in(db, tiny, tmp_path_factory, monkeypatch)
    assert await SummaryStore(db).count_pending(model_key(worker.summarizer.config)) == 0


async def test_a_model_replaced_while_the_bot_runs_summarizes_the_whole_backlog_again(
    db: Database, tiny: TinyModels, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As after a restart: every stored section is pending under the new model's key, even when
    # nothing was pending under the old one's.
    from summarizer import engines

    await store_backlog(db, 1)
    summarizer, folder = arriving_model(tiny, tmp_path_factory, monkeypatch)
    shutil.copytree(tiny.mt5, folder)
    worker = SummaryWorker(db, summarizer)
    try:
        assert await worker.run_once(limit=10) == 3
        copy_model_over(tiny.bart, folder)
        assert await worker.run_once(limit=10) == 0  # the change first seen: the files may still be copied
        monkeypatch.setattr(engines, "SETTLE_S", 0.0)
        assert await worker.run_once(limit=10) == 0  # settled: the new model loads meanwhile
        await asyncio.to_thread(wait_for_reloads)
        assert await worker.run_once(limit=10) == 3
    finally:
        worker.close()
    rows = await db.fetchall("SELECT model_key, COUNT(*) FROM summaries GROUP BY model_key")
    assert sorted(count for _, count in rows) == [3, 3]
    assert await SummaryStore(db).count_pending(model_key(summarizer.config)) == 0


async def test_a_model_that_fails_on_every_batch_leaves_its_backlog_pending(
    db: Database, tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The model loads, then every batch fails (a tokenizer file damaged after the load, a device lost):
    # the extractive summaries of the failure would stand under the model's key for good.
    summarizer = summarizer_for(tiny)

    def failing(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the model's device is gone")

    monkeypatch.setattr(summarizer, "_generate", failing)
    await one_batch_stores_nothing(db, summarizer)


async def test_a_model_that_failed_on_a_batch_is_tried_again_only_after_the_retry_pause(
    db: Database, tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every batch of a broken model fails: trying it once a minute would spend the CPU on batches that
    # fail and write the same warning into the log all day.
    from summarizer import engines

    await store_backlog(db, 1)
    summarizer = summarizer_for(tiny)
    worker = SummaryWorker(db, summarizer)
    tries: list[int] = []

    def failing(model: object, items: list[SectionText], stop: object) -> None:
        tries.append(len(items))
        raise RuntimeError("the model's device is gone")

    monkeypatch.setattr(summarizer, "_generate", failing)
    try:
        assert await worker.run_once(limit=10) == 0
        assert await worker.run_once(limit=10) == 0
        assert tries == [3, 1, 1, 1]  # the batch, then each section alone: every one fails
        monkeypatch.setattr(engines, "RETRY_FAILED_LOAD_S", 0.0)
        assert await worker.run_once(limit=10) == 0
        assert tries == [3, 1, 1, 1] * 2
    finally:
        worker.close()


def _failing_on(marker: str) -> object:
    """A model's generation that fails on any batch holding a section whose text holds ``marker``
    (an input the model cannot take), and works on the others."""
    from summarizer.service import Summarizer as RealSummarizer

    real = RealSummarizer._generate

    def generate(self: Summarizer, model: object, items: list[SectionText], stop: object) -> object:
        if any(marker in item.text for item in items):
            raise RuntimeError("index out of range in the embedding")
        return real(self, model, items, stop)

    return generate


async def test_a_section_the_model_fails_on_alone_gets_its_extractive_summary_and_the_backlog_moves_on(
    db: Database, tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    await store_backlog(db, 2)
    summarizer = summarizer_for(tiny)
    poison = (await worker_pending(db, summarizer))[0]
    monkeypatch.setattr(Summarizer, "_generate", _failing_on(poison.text))
    worker = SummaryWorker(db, summarizer)
    try:
        assert await worker.run_once(limit=10) == 6
        assert await worker.store.count_pending(summarizer.model_key) == 0
    finally:
        worker.close()
    stored = await db.fetchall(
        "SELECT method FROM summaries WHERE model_key = ? AND text_hash = ?",
        [summarizer.model_key, poison.text_hash],
    )
    assert [row[0] for row in stored] == ["extractive"]
    assert worker.stats.seq2seq + worker.stats.unfaithful == 5


async def test_a_batch_the_model_fails_on_section_by_section_too_stays_pending(
    db: Database, tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every section fails alone too: the model is broken, not one input.
    monkeypatch.setattr(Summarizer, "_generate", _failing_on(""))
    await one_batch_stores_nothing(db, summarizer_for(tiny))


async def worker_pending(db: Database, summarizer: Summarizer) -> list[StoredSection]:
    return await SummaryStore(db).pending_sections(summarizer.model_key, 10)


def _blocking_load(loading: threading.Event, release: threading.Event) -> Callable[[object], object]:
    """A transformers load that does not end until released, as reading a large checkpoint from disk
    goes on for tens of seconds whatever a stop says; it then fails, so nothing is kept loaded."""

    def load(spec: object) -> object:
        loading.set()
        release.wait(120)
        raise OSError("the checkpoint's read was cut short")

    return load


async def test_a_stop_during_the_models_first_load_ends_the_summarize_job_at_once(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await store_backlog(db, 1)
    loading, release = threading.Event(), threading.Event()
    monkeypatch.setattr(loader, "load_transformers", _blocking_load(loading, release))
    summarizer = Summarizer(SummarizerConfig(model=str(tmp_path), device="cpu"))
    worker = SummaryWorker(db, summarizer)
    job = asyncio.create_task(worker.run_once(64))  # what the scheduler's summarize job awaits
    try:
        assert await asyncio.to_thread(loading.wait, 60), "the model never began to load"
        worker.stop()
        assert await asyncio.wait_for(job, timeout=5) == 0
        assert await worker.store.count_pending(summarizer.model_key) == 3
    finally:
        release.set()
        worker.close()


# The process's end, as nashra.entry.run ends it after `nashra run` returns: a model thread still
# reading a checkpoint must not hold it (the load is made to last ten minutes; the test allows one).
_STOP_DURING_LOAD = """
import asyncio, sys, threading
from datetime import UTC, datetime
from nashra import entry
from nashra.config import SummarizerConfig
from nashra.model import Article, Section
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from summarizer import loader
from summarizer.service import Summarizer
from summarizer.worker import SummaryWorker

loading = threading.Event()

def load(spec):
    loading.set()
    threading.Event().wait(600)

loader.load_transformers = load

async def command():
    db = await Database.open(sys.argv[1] + "/nashra.db")
    article = Article(title="خبر", sections=[Section("عنوان", "نص الخبر في الرياض.", ["SA"])],
                      url="https://example.org/1", published_at=datetime(2024, 11, 17, tzinfo=UTC))
    await ArticleStore(db).save(article)
    worker = SummaryWorker(db, Summarizer(SummarizerConfig(model=sys.argv[1], device="cpu")))
    job = asyncio.create_task(worker.run_once(64))
    await asyncio.to_thread(loading.wait, 60)
    worker.stop()
    print("stored", await job)
    worker.close()
    await db.close()
    return 0

entry.main = lambda: asyncio.run(command())
entry.run()
"""


def test_a_stop_during_the_models_first_load_ends_the_process_without_waiting_for_the_load(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _STOP_DURING_LOAD, str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (0, "stored 0\n"), done.stderr[-2000:]
