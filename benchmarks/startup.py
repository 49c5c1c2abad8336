"""Start-up time of the commands a person types first, and the idle memory of `nashra run` without a model.

Each command runs ``--runs`` times as a new process (the installed ``nashra`` of this environment), after
one warm-up run that fills the disk cache; the median, fastest and slowest wall times are printed. The
baselines, measured in the same run: a bare ``python -c pass`` (the interpreter's own start, which no
command can beat) and ``python -c "import torch, transformers"`` (what every command used to pay before
the model libraries were imported only where a model is used).

Idle memory: `nashra run` with no model configured polls a sandbox Bot API (``nashra sandbox`` in its own
process) for ``--idle`` seconds, then its resident set (VmRSS) and peak (VmHWM) are read from /proc.
Baselines: an idle bare interpreter, and one that imported torch and transformers.

    python benchmarks/startup.py [--runs 10] [--idle 8]

Prints figures, then one JSON line. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NASHRA = str(BIN / "nashra")
SEED = ROOT.parent / "shared" / "samples" / "seed_article.txt"
DEMO_ARTICLE = ROOT / "nashra" / "demo" / "articles" / "04_iraq_mosul_basra.txt"
SAMPLES = ROOT / "nashra" / "demo" / "articles"
TARGETS_S = {"nashra --help": 0.5, "nashra sections FILE": 1.0}
TARGET_IDLE_MB = 100.0


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NASHRA_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def wall_times(argv: list[str], runs: int, cwd: Path) -> list[float]:
    """Seconds of each of ``runs`` runs of ``argv``, after one warm-up run."""
    times = []
    for n in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=environment(), capture_output=True, check=False)
        if n:
            times.append(time.perf_counter() - start)
    return times


def spread(times: list[float]) -> dict[str, float]:
    return {
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def idle_python_mb(code: str, settle: float) -> float:
    process = subprocess.Popen(
        [sys.executable, "-c", f"{code}; import time; time.sleep(600)"], env=environment()
    )
    try:
        time.sleep(settle)
        return memory_mb(process.pid)[0]
    finally:
        process.kill()
        process.wait()


def idle_bot(folder: Path, idle: float) -> dict[str, float]:
    """Memory of `nashra run` (no model) after ``idle`` seconds of polling a sandbox Bot API."""
    port = free_port()
    sandbox = subprocess.Popen(
        [NASHRA, "sandbox", "--no-prompt", "--empty", "--port", str(port), "--db", "sandbox.db"],
        cwd=folder,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    config = folder / "nashra.toml"
    config.write_text(
        f'[database]\npath = "bot.db"\n[telegram]\nbase_url = "http://127.0.0.1:{port}/bot"\n',
        encoding="utf-8",
    )
    bot = None
    try:
        deadline = time.monotonic() + 60
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("the sandbox did not start")
            time.sleep(0.1)
        subprocess.run(
            [NASHRA, "ingest", str(SAMPLES), "--db", "bot.db"],
            cwd=folder,
            env=environment(),
            check=True,
            capture_output=True,
        )
        env = {**environment(), "NASHRA_TELEGRAM_TOKEN": "123456:benchmark-token"}
        bot = subprocess.Popen(
            [NASHRA, "run"], cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        assert bot.stderr is not None
        for line in bot.stderr:
            if "is up" in line:
                break
        time.sleep(idle)
        rss, peak = memory_mb(bot.pid)
        modules = Path(f"/proc/{bot.pid}/maps").read_text()
        return {
            "rss_mb": round(rss, 1),
            "peak_mb": round(peak, 1),
            "torch_loaded": "libtorch" in modules,
        }
    finally:
        for process in (bot, sandbox):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command (default 10)")
    parser.add_argument("--idle", type=float, default=8.0, help="seconds `nashra run` idles before measuring")
    args = parser.parse_args()
    article = SEED if SEED.is_file() else DEMO_ARTICLE
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="nashra-startup-") as tmp:
        folder = Path(tmp)
        subprocess.run(
            [NASHRA, "ingest", str(SAMPLES), "--db", "n.db"],
            cwd=folder,
            env=environment(),
            capture_output=True,
            check=True,
        )
        cases = {
            "python -c pass (baseline)": [sys.executable, "-c", "pass"],
            "python -c 'import torch, transformers' (baseline)": [
                sys.executable,
                "-c",
                "import torch, transformers",
            ],
            "nashra --help": [NASHRA, "--help"],
            "nashra --version": [NASHRA, "--version"],
            "nashra sections FILE": [NASHRA, "sections", str(article)],
            "nashra ingest FILE": [NASHRA, "ingest", str(article), "--db", "n.db"],
            "nashra digest --preview": [NASHRA, "digest", "--preview", "--regions", "IQ", "--db", "n.db"],
            "nashra doctor": [NASHRA, "doctor", "--db", "n.db"],
        }
        print(f"{args.runs} runs each after a warm-up; sections of {article}")
        print(f"{'command':<52} {'median':>8} {'min':>7} {'max':>7}  × python start")
        for name, argv in cases.items():
            results[name] = spread(wall_times(argv, args.runs, folder))
        base = results["python -c pass (baseline)"]["median_s"]
        for name, figures in results.items():
            target = TARGETS_S.get(name)
            verdict = (
                f"  target < {target} s: {'met' if figures['median_s'] < target else 'MISSED'}"
                if target
                else ""
            )
            print(
                f"{name:<52} {figures['median_s']:>7.3f}s {figures['min_s']:>6.3f}s {figures['max_s']:>6.3f}s"
                f"  {figures['median_s'] / base:5.1f}{verdict}"
            )
        bare = idle_python_mb("pass", 2.0)
        heavy = idle_python_mb("import torch, transformers", 8.0)
        bot = idle_bot(folder, args.idle)
    print()
    print(f"idle memory after {args.idle:.0f} s (VmRSS)")
    print(f"  bare python (baseline)                      {bare:7.1f} MB")
    print(f"  python with torch + transformers (baseline) {heavy:7.1f} MB")
    met = "met" if bot["rss_mb"] < TARGET_IDLE_MB else "MISSED"
    print(
        f"  nashra run, no model {'':23} {bot['rss_mb']:7.1f} MB (peak {bot['peak_mb']:.1f} MB; "
        f"{bot['rss_mb'] / heavy:.2f} × the torch baseline; target < {TARGET_IDLE_MB:.0f} MB: {met}; "
        f"torch loaded: {bot['torch_loaded']})"
    )
    print(
        json.dumps(
            {
                "benchmark": "startup",
                "runs": args.runs,
                "commands": results,
                "idle_memory_mb": {
                    "python": round(bare, 1),
                    "python_torch_transformers": round(heavy, 1),
                    **bot,
                },
            }
        )
    )


if __name__ == "__main__":
    main()
