"""How soon SIGTERM ends ``nashra digest --run`` while Telegram asked it to wait an hour; one JSON line last.

The product target: a stop ends sending within 2 s, whatever ``retry_after`` says, the rows left pending
(tests/test_shutdown.py checks what the stop leaves; this measures how soon). Each round starts
``nashra digest --run --timeout 600`` against the in-process sandbox Bot API, which answers every send
429 with ``retry_after`` 3600; once the process stored that wait (a pending row's ``not_before``), it is
sent SIGTERM, and the time until it has ended is taken. The baseline, in the same rounds, alternated:
a Python process that imported what the command does (``nashra.commands.digest``, the Bot API client)
and sleeps, sent SIGTERM the same way: what the signal and an exit with those modules cost at the load
of the moment.

    python benchmarks/stop_sending.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from nashra.sandbox import SandboxBotAPI, SandboxLimits
from nashra.storage import Database
from nashra.storage.outbox import PRIORITY_BROADCAST, NewMessage, OutboxStore
from nashra.storage.subscribers import SubscriberStore

TOKEN = "123456:benchmark-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
HOUR = 3600
CHATS = range(1, 6)
START_S = 120.0  # the longest a process may take to start and store Telegram's wait


async def _seed(path: Path) -> None:
    db = await Database.open(path)
    try:
        chats = SubscriberStore(db)
        for chat in CHATS:
            await chats.ensure(chat, "private")
            await chats.add_codes(chat, ["SY"])
        await OutboxStore(db).add(
            [NewMessage(chat, "broadcast", "b1", 0, "إعلان", PRIORITY_BROADCAST) for chat in CHATS]
        )
    finally:
        await db.close()


async def _told_to_wait(path: Path) -> bool:
    db = await Database.open(path)
    try:
        rows = await db.fetchall("SELECT 1 FROM outbox WHERE state = 'pending' AND not_before IS NOT NULL")
    finally:
        await db.close()
    return bool(rows)


async def _stopped_in(process: asyncio.subprocess.Process) -> float:
    """Seconds from SIGTERM until ``process`` has ended."""
    signalled = time.monotonic()
    process.send_signal(signal.SIGTERM)
    await process.wait()
    return time.monotonic() - signalled


async def _nashra_round(api: SandboxBotAPI, folder: Path) -> float:
    path = folder / "nashra.db"
    await _seed(path)
    config = folder / "nashra.toml"
    config.write_text(f'[database]\npath = "{path}"\n[telegram]\nbase_url = "{api.base_url}"\n', "utf-8")
    api.fail_next("sendMessage", 429, f"Too Many Requests: retry after {HOUR}", retry_after=HOUR, times=100)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "nashra", "-c", str(config), "digest", "--run", "--timeout", "600",
        env={**os.environ, "NASHRA_TELEGRAM_TOKEN": TOKEN},
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + START_S
    while not await _told_to_wait(path):
        if process.returncode is not None or time.monotonic() > deadline:
            raise RuntimeError("the process ended, or never stored Telegram's wait")
        await asyncio.sleep(0.05)
    spent = await _stopped_in(process)
    if process.returncode != 128 + signal.SIGTERM:
        raise RuntimeError(f"the process exited {process.returncode}, not 143")
    return spent


async def _baseline_round() -> float:
    program = "import nashra.commands.digest, telegram, time; print('ready', flush=True); time.sleep(600)"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", program, stdout=asyncio.subprocess.PIPE
    )
    assert process.stdout is not None
    await process.stdout.readline()  # imported: what is measured is the signal and the exit
    return await _stopped_in(process)


async def measure(rounds: int) -> dict[str, object]:
    spent: dict[str, list[float]] = {"nashra": [], "baseline": []}
    unlimited = SandboxLimits(global_per_second=None, per_chat_per_second=None)
    for n in range(rounds):
        with tempfile.TemporaryDirectory(prefix="nashra-stop-sending-") as folder:
            async with SandboxBotAPI(token=TOKEN, limits=unlimited) as api:
                spent["nashra"].append(await _nashra_round(api, Path(folder)))
        spent["baseline"].append(await _baseline_round())
        print(f"round {n + 1}: nashra {spent['nashra'][-1]:.3f} s, baseline {spent['baseline'][-1]:.3f} s")
    figures = {
        way: {"median_s": round(statistics.median(s), 3), "max_s": round(max(s), 3), "rounds": len(s)}
        for way, s in spent.items()
    }
    ratio = round(statistics.median(spent["nashra"]) / statistics.median(spent["baseline"]), 1)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {**figures, "ratio_nashra_over_baseline": ratio, "load_average_1min": load}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds, each a nashra stop and a baseline's")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.rounds)), ensure_ascii=False))


if __name__ == "__main__":
    main()
