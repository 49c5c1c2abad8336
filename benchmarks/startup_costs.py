"""What each process of the test suite pays before its work: the region tables, the sandbox's start, and
the name-usage sample the suite derives once.

Each figure is measured in new processes (``--runs`` of each), as the suite's ``nashra`` subprocesses
pay it:

* ``gazetteer``: CPU seconds of :func:`nashra.regions.gazetteer.load` in a process that imported the bot
  (the heap a bot builds it on), and ``lookup index``: of :class:`nashra.regions.lookup.LookupIndex` on it;
* ``sandbox is up``: wall seconds from starting ``nashra sandbox --empty --no-prompt`` to its log line
  "is up", and the child's CPU seconds then (what the suite's chat tests wait for before each chat);
* ``name-usage sample`` (``--sample``, needs ../shared): CPU seconds of
  :func:`nashra.regions.derive_usage.sample`, which tests/test_regions_derive.py runs once per suite.

``--baseline DIR`` runs every figure also on the checkout in DIR (its modules first on ``PYTHONPATH``,
this environment's packages; ``python -P``, so that the current folder's modules never come first),
alternating with this one, and prints each ratio this / baseline: a change is judged against the code
before it measured in the same minutes, since the load of a shared machine moves absolute seconds by
half. Bytecode is compiled first in both trees, as tests/conftest.py does.

    python benchmarks/startup_costs.py [--runs 5] [--sample] [--baseline /tmp/before]

Prints figures as median [min-max], then one JSON line. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import compileall
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
NASHRA = str(Path(sys.executable).parent / "nashra")
CORPUS = ROOT.parent / "shared" / "real" / "saudinewsnet"

_TABLES = """
import time
import bot.app
from nashra.regions.gazetteer import load
from nashra.regions.lookup import LookupIndex
started = time.process_time()
gaz = load()
loaded = time.process_time()
LookupIndex(gaz)
print(loaded - started, time.process_time() - loaded)
"""

_SAMPLE = f"""
import time
from pathlib import Path
from nashra.regions.derive_usage import sample
started = time.process_time()
sample(Path({str(CORPUS)!r}))
print(time.process_time() - started)
"""


def environment(tree: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NASHRA_") and k != "PYTHONPATH"}
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    return env


def python_figures(code: str, tree: Path | None) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-P", "-c", code], env=environment(tree), capture_output=True, text=True, check=True
    )
    return [float(x) for x in done.stdout.split()]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def child_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sandbox_up(tree: Path | None) -> tuple[float, float]:
    """(wall seconds to "is up", the process's CPU seconds then) of ``nashra sandbox --empty``."""
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "quiet.toml"
        config.write_text('[schedule]\ntimezone = "UTC"\ndigest_times = ["06:06"]\n', encoding="utf-8")
        env = environment(tree) | {"NASHRA_CONFIG": str(config)}
        argv = [NASHRA, "sandbox", "--empty", "--no-prompt", "--port", str(free_port())]
        started = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        assert process.stdout is not None
        for line in process.stdout:
            if "is up" in line:
                break
        wall, cpu = time.perf_counter() - started, child_cpu(process.pid)
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
        return wall, cpu


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} [{min(values):.3f}-{max(values):.3f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="processes per figure (default 5)")
    parser.add_argument("--sample", action="store_true", help="also the name-usage sample (../shared)")
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare with")
    args = parser.parse_args()
    trees: dict[str, Path | None] = {"this": None}
    if args.baseline is not None:
        trees["baseline"] = args.baseline.resolve()
    for tree in (ROOT, *(t for t in trees.values() if t is not None)):
        for package in ("nashra", "bot", "summarizer"):
            compileall.compile_dir(tree / package, quiet=1)
    figures: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    for _ in range(args.runs):
        for name, tree in trees.items():
            found = figures[name]
            load_s, index_s = python_figures(_TABLES, tree)
            found.setdefault("gazetteer_cpu_s", []).append(load_s)
            found.setdefault("lookup_index_cpu_s", []).append(index_s)
            wall, cpu = sandbox_up(tree)
            found.setdefault("sandbox_up_wall_s", []).append(wall)
            found.setdefault("sandbox_up_cpu_s", []).append(cpu)
            if args.sample:
                found.setdefault("name_usage_sample_cpu_s", []).append(python_figures(_SAMPLE, tree)[0])
    print(f"load average at the end: {os.getloadavg()[0]:.1f}; {args.runs} processes per figure")
    for key in figures["this"]:
        line = f"{key:26} this {spread(figures['this'][key])}"
        if "baseline" in figures:
            before = figures["baseline"][key]
            ratio = statistics.median(figures["this"][key]) / statistics.median(before)
            line += f"   baseline {spread(before)}   x{ratio:.2f}"
        print(line)
    print(json.dumps({name: {k: statistics.median(v) for k, v in f.items()} for name, f in figures.items()}))


if __name__ == "__main__":
    main()
