"""Delivery and composition benchmark; prints figures, then one JSON line last.

Phase 1: fan-out of one digest to --subscribers chats at the default limits (30 msg/s) against the
sandbox Bot API, which enforces Telegram's limits and answers 429 past them (run in its own process,
so the CPU figure is the sender's), while users get replies (--replies-per-second: a reply, an edit of
it and a callback answer each, all through the bot's rate limiter, as the bot's handlers send them).
Target: all calls together (digest messages, replies, edits, callback answers) >= 95% of the
configured rate, zero 429s.
Phase 2: the same with the limits raised to --fast-rate msg/s (paid broadcast territory): rate and CPU.
Phase 4: the timeout trade-off. --slow-share of the answers arrive --slow-seconds after the message was
delivered, later than the sender waits (delivery.request_timeout_s = 1 s): with
``retry_unknown_outcome = true`` the message is sent again and arrives twice; with ``false`` it is
marked failed although it arrived. Prints the rate of repeats (and of such failures) per message.
Phase 3: composition (selection + rendering) for --compose-subscribers subscribers of --codes region
codes over --sections recent sections, owed chunk by chunk as a digest cycle does: time, peak memory
and the database growth; then, apart (``materialize_cpu_s``), the CPU of writing the outbox rows of
the digests the cycle owed by reference, in the sender's batches.

    python benchmarks/delivery.py [--subscribers 10000] [--fast-rate 1000] [--skip-default]
        [--skip-fast] [--replies-per-second 2] [--slow-share 0.02] [--slow-seconds 1.5]
        [--slow-subscribers 2000] [--compose-only]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import itertools
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from nashra.config import Config
from nashra.delivery import Deliverer, RateGovernor, slot_id
from nashra.delivery.limiter import GovernedRateLimiter
from nashra.digest import fanout as digest_fanout
from nashra.regions import get_gazetteer
from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database
from nashra.storage.db import to_db_time, utcnow
from nashra.storage.digests import Audience, due_chunks
from nashra.storage.outbox import OutboxStore

TOKEN = "123456:benchmark-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"


def serve(rate: float) -> None:
    """Child process: a sandbox with Telegram's limits (global ``rate``), until stdin closes."""

    async def main() -> None:
        limits = SandboxLimits(global_per_second=rate, per_chat_per_second=1.0, group_per_minute=20)
        async with SandboxBotAPI(limits=limits) as api:
            print(api.base_url, flush=True)
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)

    asyncio.run(main())


async def seed_fanout(db: Database, subscribers: int) -> None:
    now = datetime.now(UTC)
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO sources (name, created_at) VALUES ('مصدر', ?)", (utcnow(),))
        await conn.execute(
            "INSERT INTO articles (source_id, url, content_hash, title, published_at, ingested_at, "
            "updated_at) VALUES (1, 'https://example.org/a', 'h', 'عنوان', ?, ?, ?)",
            (to_db_time(now - timedelta(hours=1)),) * 3,
        )
        await conn.execute(
            "INSERT INTO sections (article_id, position, text, text_hash) VALUES (1, 0, 'نص', 't')"
        )
        await conn.execute("INSERT INTO section_regions VALUES (1, 'SY')")
        await conn.execute(
            "INSERT INTO summaries VALUES ('t', 'extractive', 'اشتباكات في ريف درعا.', 'extractive', ?)",
            (utcnow(),),
        )
        stamp = utcnow()
        await conn.executemany(
            "INSERT INTO subscribers (chat_id, kind, created_at, updated_at) VALUES (?, 'private', ?, ?)",
            [(10_000 + i, stamp, stamp) for i in range(subscribers)],
        )
        await conn.executemany(
            "INSERT INTO subscriptions (chat_id, code, created_at) VALUES (?, 'SY', ?)",
            [(10_000 + i, stamp) for i in range(subscribers)],
        )


async def _reply_traffic(
    bot: ExtBot, chats: int, per_second: float, done: asyncio.Event, counts: dict[str, int]
) -> None:
    """What handlers send while a fan-out runs: a reply, an edit of it, and a callback answer, each
    through the bot's rate limiter, ``per_second`` times a second to random chats of the audience.
    ``counts`` grows as the calls complete."""
    rng = random.Random(3)

    async def one(n: int) -> None:
        chat = 10_000 + rng.randrange(chats)
        message = await bot.send_message(chat, f"رد رقم {n}")
        counts["replies"] += 1
        await bot.edit_message_text(f"رد رقم {n} (معدل)", chat_id=chat, message_id=message.message_id)
        counts["edits"] += 1
        await bot.answer_callback_query(f"press-{n}")
        counts["callback_answers"] += 1

    tasks: list[asyncio.Task[None]] = []
    n = 0
    while per_second > 0 and not done.is_set():
        tasks.append(asyncio.create_task(one(n)))
        n += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), 1 / per_second)
    await asyncio.gather(*tasks)


async def fanout(
    subscribers: int,
    rate: float,
    in_flight: int,
    *,
    replies_per_second: float = 0.0,
    faults: dict[str, object] | None = None,
    retry_unknown: bool = True,
) -> dict[str, float]:
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(rate)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        base_url = child.stdout.readline().strip()
        control = base_url.removesuffix("/bot") + "/sandbox/"
        if faults:
            httpx.post(control + "faults", json=faults).raise_for_status()
        config = Config()
        config.delivery.global_per_second = rate
        config.delivery.max_in_flight = in_flight
        config.delivery.retry_unknown_outcome = retry_unknown
        config.delivery.request_timeout_s = 1.0 if faults else config.delivery.request_timeout_s
        with tempfile.TemporaryDirectory() as folder:
            db = await Database.open(Path(folder) / "bench.db")
            await seed_fanout(db, subscribers)
            request = HTTPXRequest(
                connection_pool_size=in_flight + 8, read_timeout=config.delivery.request_timeout_s
            )
            # The bot as the Application builds it: one governor for the sender and every handler call.
            bot = ExtBot(
                TOKEN,
                base_url=base_url,
                request=request,
                rate_limiter=GovernedRateLimiter(RateGovernor.from_config(config.delivery)),
            )
            deliverer = Deliverer(bot, db, config)
            async with bot:
                report = await deliverer.run_digest_cycle()
                cpu0, wall0 = time.process_time(), time.monotonic()
                await deliverer.start()
                done = asyncio.Event()
                counts = {"replies": 0, "edits": 0, "callback_answers": 0}
                replies = asyncio.create_task(
                    _reply_traffic(bot, subscribers, replies_per_second, done, counts)
                )
                while not await deliverer.worker.idle():
                    await deliverer.worker.wait_progress(1.0)
                # The rate is measured over the fan-out: what went out until its last message.
                wall, cpu = time.monotonic() - wall0, time.process_time() - cpu0
                calls = deliverer.worker.stats.pieces + sum(counts.values())
                done.set()
                await replies
                await deliverer.stop()
                states = await deliverer.outbox.states_of(report.rows)
            await db.close()
        stats = httpx.get(control + "stats").json()["result"]
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(10)
    sent = stats["messages_sent"]
    return {
        "configured_rate": rate,
        "subscribers": subscribers,
        "sent": sent,
        **counts,
        "seconds": round(wall, 2),
        "achieved_rate": round(calls / wall, 2),
        "ratio": round(calls / wall / rate, 4),
        "too_many_requests": stats["too_many_requests"],
        "too_many_by_limit": stats["too_many_by_limit"],
        "repeats": sent - counts["replies"] - subscribers,
        "failed": states["failed"],
        "pending": states["pending"],
        "sender_cpu_s": round(cpu, 2),
        "sender_cpu_percent": round(100 * cpu / wall, 1),
    }


async def timeout_tradeoff(subscribers: int, share: float, seconds: float) -> dict[str, object]:
    """Phase 4: the same slow answers, with and without sending again what may have arrived."""
    faults = {"delay_s": seconds, "share": share, "seed": 11}
    result: dict[str, object] = {"subscribers": subscribers, "slow_share": share, "slow_seconds": seconds}
    for retry in (True, False):
        run = await fanout(subscribers, 200.0, 32, faults=faults, retry_unknown=retry)
        result["retry" if retry else "no_retry"] = {
            "repeats": run["repeats"],
            "repeat_rate": round(run["repeats"] / subscribers, 4),
            "failed_though_delivered": run["failed"],
            "failed_rate": round(run["failed"] / subscribers, 4),
            "seconds": run["seconds"],
        }
    return result


_VOCABULARY = (
    "اشتباكات قصف غارة مظاهرة انتخابات حكومة وزير مجلس اتفاق هدنة معارضة جيش قوات ريف مدينة حدود "
    "لاجئين مساعدات كهرباء مياه اقتصاد ليرة أسعار تضخم زلزال فيضانات حريق مدرسة جامعة مستشفى طريق "
    "ميناء مطار نفط غاز قمح زراعة صيد مصنع عمال نقابة إضراب محكمة قاضي سجن أمن شرطة حاجز معبر"
)
_WORDS = _VOCABULARY.split()


async def seed_composition(db: Database, subscribers: int, codes: int, sections: int) -> list[str]:
    """``sections`` sections (three per article, 20 sources) published over the 36 hours before today
    began (UTC, the configured zone) and ingested over the last two days, so every one lies in the
    digest window (a week) and within ``delivery.max_age_days``, and every story carries its date
    whatever the hour: a digest leaves out the date of a story published on its own day, so with
    stories of the last two days the share dated, the digests' length and the number of messages
    moved with the hour of the run (1,191,802 messages at 14:00 UTC, 1,074,894 at 18:15); ``subscribers``
    subscribers of 1 to 3 of ``codes`` subdivision codes. Summaries are 18 words drawn from a 60-word
    vocabulary: every word is shared by a third of the sections, the worst case for story collapsing."""
    gaz = get_gazetteer()
    pool = [c for country in gaz.countries() for c in gaz.subdivisions(country)]
    rng = random.Random(7)
    chosen = rng.sample(pool, codes)
    now = datetime.now(UTC)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    stamp = utcnow()
    articles = max(1, sections // 3)
    span, published_span = timedelta(days=2), timedelta(hours=36)
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO sources (id, name, created_at) VALUES (?, ?, ?)",
            [(i, f"مصدر {i}", stamp) for i in range(1, 21)],
        )
        await conn.executemany(
            "INSERT INTO articles (id, source_id, url, content_hash, title, published_at, ingested_at, "
            "updated_at) VALUES (?, ?, ?, ?, 'عنوان', ?, ?, ?)",
            [
                (
                    a,
                    1 + a % 20,
                    f"https://example.org/{a}",
                    f"c{a}",
                    to_db_time(today - published_span * a / articles - timedelta(minutes=5)),
                    to_db_time(now - span * a / articles),
                    stamp,
                )
                for a in range(1, articles + 1)
            ],
        )
        section_rows, region_rows, summary_rows = [], [], []
        for s in range(1, sections + 1):
            text_hash = hashlib.sha1(str(s).encode()).hexdigest()
            section_rows.append((s, 1 + (s - 1) % articles, (s - 1) // articles, "نص القسم", text_hash))
            code = chosen[rng.randrange(codes)]
            region_rows += [(s, code), (s, code.split("-")[0])]
            summary = " ".join(rng.choice(_WORDS) for _ in range(18)) + "."
            summary_rows.append((text_hash, "extractive", summary, "extractive", stamp))
        await conn.executemany(
            "INSERT INTO sections (id, article_id, position, text, text_hash) VALUES (?, ?, ?, ?, ?)",
            section_rows,
        )
        await conn.executemany("INSERT OR IGNORE INTO section_regions VALUES (?, ?)", region_rows)
        await conn.executemany("INSERT INTO summaries VALUES (?, ?, ?, ?, ?)", summary_rows)
        await conn.executemany(
            "INSERT INTO subscribers (chat_id, kind, created_at, updated_at, last_digest_at) "
            "VALUES (?, 'private', ?, ?, ?)",
            [(i, stamp, stamp, to_db_time(now - timedelta(days=7))) for i in range(1, subscribers + 1)],
        )
        await conn.executemany(
            "INSERT OR IGNORE INTO subscriptions (chat_id, code, created_at) VALUES (?, ?, ?)",
            [
                (i, code, stamp)
                for i in range(1, subscribers + 1)
                for code in rng.sample(chosen, rng.randint(1, 3))
            ],
        )
    return chosen


def _rss_mb() -> float:
    """This process's peak resident memory so far (VmHWM, MiB).

    Not ``ru_maxrss``: Linux keeps that across ``execve``, so a cycle's process would report the peak
    of the benchmark process it was forked from (which holds the seeded audience), not its own.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    """This process's resident memory now (VmRSS, MiB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def compose_run(path: str, trace: bool, cycle: bool = True, write: bool = True) -> dict[str, object]:
    """Child process: one digest cycle over the seeded database at ``path``, as ``nashra run`` owes
    one (a due audience streamed chunk by chunk). CPU is this process's (all threads), measured over
    owing the digests only; ``book_cpu_s`` is its part spent reading the sections and building the
    story list (what grows with the sections); the audience is read once before, timed alone. Without
    ``cycle``, everything but owing the digests (the baseline of :func:`instructions`); without
    ``write``, the cycle without writing the rows of what it owed by reference afterwards."""
    build = digest_fanout.build_book
    book_figures: dict[str, object] = {}

    async def timed_build(*args: object, **kwargs: object) -> object:
        cpu0 = time.process_time()
        book = await build(*args, **kwargs)  # type: ignore[arg-type]
        book_figures["book_cpu_s"] = round(time.process_time() - cpu0, 3)
        book_figures["stories"] = len(book.stories)
        book_figures["sections_in_window"] = sum(len(story.sections) for story in book.stories)
        return book

    digest_fanout.build_book = timed_build  # type: ignore[assignment]
    db = await Database.open(path)
    now = datetime.now(UTC)
    # The scheduled slot's audience (no personal time), as ``nashra run`` owes it at a configured slot.
    audience = Audience(to_db_time(now))
    config = Config()
    wall0, cpu0 = time.monotonic(), time.process_time()
    streamed = 0
    async for chunk in due_chunks(db, audience, digest_fanout.CHUNK_SUBSCRIBERS):
        streamed += len(chunk)
    read_wall, read_cpu = time.monotonic() - wall0, time.process_time() - cpu0
    rss_before = _current_rss_mb()
    if trace:
        tracemalloc.start()
    wall0, cpu0 = time.monotonic(), time.process_time()
    totals = (
        await digest_fanout.owe_digests(db, config, {slot_id(now): audience}, now)
        if cycle
        else [digest_fanout.SlotTotals(slot_id(now))]
    )
    wall, cpu = time.monotonic() - wall0, time.process_time() - cpu0
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    # The cycle owes plain subscribers by reference; the sender writes their rows as it needs them,
    # OWED_BATCH subscribers per transaction. That work is measured here too, as the sender does it.
    wall1, cpu1 = time.monotonic(), time.process_time()
    written = await _write_owed(db) if cycle and write else 0
    write_wall, write_cpu = time.monotonic() - wall1, time.process_time() - cpu1
    await db.close()
    return {
        "subscribers": totals[0].subscribers,
        "messages": totals[0].messages,
        "materialized_rows": written,
        "materialize_s": round(write_wall, 3),
        "materialize_cpu_s": round(write_cpu, 3),
        **book_figures,
        "audience_read_s": round(read_wall, 3),
        "audience_read_cpu_s": round(read_cpu, 3),
        "seconds": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "rss_before_mb": round(rss_before, 1),
        "peak_rss_mb": round(_rss_mb(), 1),
        **({"tracemalloc_peak_mb": round(traced, 1)} if traced is not None else {}),
    }


async def _write_owed(db: Database) -> int:
    """Write the rows of every digest owed by reference as the sender does, a batch at a time (see
    :meth:`OutboxStore.owe_next`); returns how many."""
    outbox, after, written = OutboxStore(db), None, 0
    while True:
        after, ids = await outbox.owe_next(after)
        if after is None:
            return written
        written += ids[1] - ids[0] + 1 if ids is not None else 0


def _spread(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "median": round(statistics.median(values), 3), "max": max(values)}


_INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(seeded: Path, folder: Path) -> dict[str, int]:
    """Machine instructions of one cycle, counted by valgrind (``cachegrind`` without its cache model).

    Why: CPU seconds on a shared host move with the other tenants (this benchmark's 1M cycle took
    20.6 to 31.0 s within five minutes on a 2-core VM), so a change of a few per cent can neither be
    shown nor excluded by them; the instructions a process executes do not depend on the load (two runs
    of one version differ by about 0.01 %, ``PYTHONHASHSEED`` fixed). A cycle's count is a child's
    (``--compose-run``) less a child that does everything but owe the digests (imports, opening the
    database, reading the audience); the rows of what the cycle owed by reference, written afterwards
    as the sender writes them, are counted apart (``materialize_instructions``: a child that does all
    of it less one that stops after the cycle). Instructions are not time (a ``rep stosb`` counts once
    per byte, kernel work not at all): compare versions with it, not with the seconds of the targets. About 50
    times slower than a plain run: meant for 100,000 subscribers or fewer.

    Raises SystemExit with one line when valgrind is not installed.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("delivery.py: --instructions needs valgrind (apt install valgrind)")
    counts = {}
    for name, extra in (("run", []), ("cycle", ["--no-write"]), ("baseline", ["--no-cycle"])):
        path = folder / "counted.db"
        for leftover in folder.glob("counted.db*"):
            leftover.unlink()
        shutil.copyfile(seeded, path)
        child = subprocess.run(
            [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
             sys.executable, __file__, "--compose-run", str(path), *extra],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        found = _INSTRUCTIONS.findall(child.stderr)
        if not found:
            raise SystemExit(f"delivery.py: valgrind printed no instruction count: {child.stderr[-200:]!r}")
        counts[name] = int(found[-1].replace(",", ""))
    return {
        "cycle_instructions": counts["cycle"] - counts["baseline"],
        "materialize_instructions": counts["run"] - counts["cycle"],
        **{f"{k}_instructions": v for k, v in counts.items()},
    }


async def composition(
    subscribers: int, codes: int, sections: int, repeat: int, trace: bool, count: bool = False
) -> dict[str, Any]:
    """Phase 3: seed once, then ``repeat`` cycles, each on a fresh copy of the seeded database in a
    fresh process (so each peak RSS is that cycle's alone; seeding is not in it); with ``count``, the
    cycle's instructions too (:func:`instructions`)."""
    with tempfile.TemporaryDirectory() as folder:
        seeded = Path(folder) / "seeded.db"
        db = await Database.open(seeded)
        await seed_composition(db, subscribers, codes, sections)
        await db.close()
        size_before = seeded.stat().st_size
        runs, growth = [], 0
        for n in range(repeat + (1 if trace else 0)):
            path = Path(folder) / "run.db"
            for leftover in Path(folder).glob("run.db*"):
                leftover.unlink()
            shutil.copyfile(seeded, path)
            traced = trace and n == repeat  # tracemalloc slows the run: an extra run, kept apart
            child = subprocess.run(
                [sys.executable, __file__, "--compose-run", str(path), *(["--trace"] if traced else [])],
                capture_output=True,
                text=True,
                check=True,
            )
            run = json.loads(child.stdout.strip().splitlines()[-1])
            growth = sum(p.stat().st_size for p in Path(folder).glob("run.db*")) - size_before
            if traced:
                runs[-1]["tracemalloc_peak_mb"] = run["tracemalloc_peak_mb"]
            else:
                runs.append(run)
        counted = instructions(seeded, Path(folder)) if count else {}
    first = runs[0]
    result: dict[str, Any] = {
        "subscribers": first["subscribers"],
        "codes": codes,
        "sections": sections,
        "sections_in_window": first.get("sections_in_window"),
        "stories": first.get("stories"),
        "messages": first["messages"],
        "materialized_rows": first["materialized_rows"],
        "repeats": len(runs),
    }
    for key in (
        "cpu_s",
        "seconds",
        "book_cpu_s",
        "audience_read_s",
        "peak_rss_mb",
        "rss_before_mb",
        "materialize_cpu_s",
        "materialize_s",
    ):
        result[key] = _spread([float(run[key]) for run in runs])
    if trace:
        result["tracemalloc_peak_mb"] = runs[-1]["tracemalloc_peak_mb"]
    result["db_growth_mb"] = round(growth / 2**20, 1)
    result.update(counted)
    return result


def _line(compose: dict[str, Any]) -> str:
    cpu, book, rss = compose["cpu_s"], compose["book_cpu_s"], compose["peak_rss_mb"]
    traced = compose.get("tracemalloc_peak_mb")
    return (
        f"{compose['subscribers']:>9,} subscribers x {compose['sections']:>7,} sections "
        f"({compose['stories']:,} stories): CPU {cpu['median']:.2f} s "
        f"[{cpu['min']:.2f}-{cpu['max']:.2f}] of which story list {book['median']:.2f} s "
        f"[{book['min']:.2f}-{book['max']:.2f}]; peak RSS {rss['max']:.0f} MB"
        + (
            f"; then writing its {compose['materialized_rows']:,} owed rows as the sender does: CPU "
            f"{written['median']:.2f} s [{written['min']:.2f}-{written['max']:.2f}]"
            if (written := compose.get("materialize_cpu_s"))
            else ""
        )
        + (f", tracemalloc peak {traced} MB" if traced is not None else "")
        + f"; {compose['repeats']} runs (median [min-max])"
        + (
            f"; cycle {compose['cycle_instructions'] / 1e6:,.0f}M instructions, writing its owed rows "
            f"{compose['materialize_instructions'] / 1e6:,.0f}M"
            if "cycle_instructions" in compose
            else ""
        )
    )


async def sweep(subscribers: int, codes: int, sizes: list[int], repeat: int) -> dict[str, Any]:
    """Composition at each section count; growth of the CPU against growth of the sections."""
    runs = [await composition(subscribers, codes, size, repeat, False) for size in sizes]
    rows = []
    for before, after in itertools.pairwise(runs):
        section_ratio = after["sections"] / before["sections"]
        row = {"sections": [before["sections"], after["sections"]], "section_ratio": section_ratio}
        for key in ("cpu_s", "book_cpu_s"):
            low, high = before[key]["median"], after[key]["median"]
            row[f"{key}_ratio"] = round(high / low, 2)
        rows.append(row)
    for run in runs:
        print(_line(run), flush=True)
    for row in rows:
        print(
            f"sections x{row['section_ratio']:g} ({row['sections'][0]:,} -> {row['sections'][1]:,}): "
            f"cycle CPU x{row['cpu_s_ratio']}, story list CPU x{row['book_cpu_s_ratio']}",
            flush=True,
        )
    return {"runs": runs, "growth": rows}


async def main(args: argparse.Namespace) -> dict[str, object]:
    result: dict[str, object] = {}
    if args.sweep:
        sizes = [int(size) for size in args.sweep.split(",")]
        result["sweep"] = await sweep(args.compose_subscribers, args.codes, sizes, args.repeat)
    else:
        compose = await composition(
            args.compose_subscribers,
            args.codes,
            args.sections,
            args.repeat,
            args.tracemalloc,
            args.instructions,
        )
        print(f"composition: {_line(compose)}", flush=True)
        result["composition"] = compose
    if args.compose_only:
        return result
    if not args.skip_default:
        default = await fanout(args.subscribers, 30.0, 64, replies_per_second=args.replies_per_second)
        print(f"default limits, replies included: {default}", flush=True)
        result["default"] = default
    if not args.skip_fast:
        fast = await fanout(args.fast_subscribers or args.subscribers, args.fast_rate, args.fast_in_flight)
        print(f"raised limits: {fast}", flush=True)
        result["raised"] = fast
    if args.slow_share > 0:
        slow = await timeout_tradeoff(args.slow_subscribers, args.slow_share, args.slow_seconds)
        print(f"slow answers (timeout trade-off): {slow}", flush=True)
        result["slow_answers"] = slow
    return result


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        serve(float(sys.argv[2]))
        raise SystemExit(0)
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--compose-run":
        figures = asyncio.run(
            compose_run(
                sys.argv[2],
                trace=sys.argv[3:] == ["--trace"],
                cycle=sys.argv[3:] != ["--no-cycle"],
                write=sys.argv[3:] != ["--no-write"],
            )
        )
        print(json.dumps(figures))
        raise SystemExit(0)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--fast-subscribers", type=int, default=0, help="phase 2 audience (default: same)")
    parser.add_argument("--fast-rate", type=float, default=1000.0)
    parser.add_argument("--fast-in-flight", type=int, default=128)
    parser.add_argument("--skip-default", action="store_true", help="skip the 30 msg/s phase")
    parser.add_argument("--skip-fast", action="store_true", help="skip the raised-limits phase")
    parser.add_argument("--replies-per-second", type=float, default=2.0, help="phase 1 reply traffic")
    parser.add_argument("--slow-subscribers", type=int, default=2000, help="phase 4 audience")
    parser.add_argument(
        "--slow-share", type=float, default=0.02, help="phase 4: share of slow answers (0: skip)"
    )
    parser.add_argument("--slow-seconds", type=float, default=1.5, help="phase 4: how late they come")
    parser.add_argument("--compose-only", action="store_true", help="run phase 3 only")
    parser.add_argument("--compose-subscribers", type=int, default=100_000, help="phase 3 audience")
    parser.add_argument("--codes", type=int, default=200, help="phase 3: subdivision codes subscribed")
    parser.add_argument("--sections", type=int, default=2000, help="phase 3: sections in the window")
    parser.add_argument(
        "--sweep", default="", help="phase 3 at each of these section counts instead, e.g. 2000,20000,200000"
    )
    parser.add_argument("--repeat", type=int, default=3, help="phase 3: cycles per size (spread)")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="phase 3: one more cycle, traced, for its peak"
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="phase 3: also count one cycle's machine instructions with valgrind (load-independent)",
    )
    os.environ.setdefault("PYTHONHASHSEED", "0")
    print(json.dumps(asyncio.run(main(parser.parse_args())), ensure_ascii=False))
