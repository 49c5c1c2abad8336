"""Precision and recall of the region matcher on the labelled sets in tests/data.

By default scores the matcher author's tuning set (labelled_sections.jsonl), the two held-out sets written
without looking at the matcher (heldout_sections.jsonl, heldout2_sections.jsonl), and the real SaudiNewsNet
sections labelled by hand (real_sections.jsonl for tuning, real_heldout_sections.jsonl never tuned on; drawn
by scripts/sample_region_sections.py), and every section of the 45 articles in ../shared/real/labelled/
labelled blind by an editor (labelled_real45_sections.jsonl, tagged a whole article at a time as ``nashra
sections`` does), and 30 more SaudiNewsNet articles labelled blind, before the analysis was run on them
(real_heldout3_sections.jsonl), and a fourth blind sample of 30 (real_heldout4_sections.jsonl), a fifth
(real_heldout5_sections.jsonl), a sixth (real_heldout6_sections.jsonl), a seventh
(real_heldout7_sections.jsonl), an eighth (real_heldout8_sections.jsonl), a ninth
(real_heldout9_sections.jsonl), a tenth (real_heldout10_sections.jsonl), an eleventh
(real_heldout11_sections.jsonl), a twelfth (real_heldout12_sections.jsonl), a thirteenth
(real_heldout13_sections.jsonl), a fourteenth (real_heldout14_sections.jsonl), a fifteenth
(real_heldout15_sections.jsonl), a sixteenth (real_heldout16_sections.jsonl), a seventeenth
(real_heldout17_sections.jsonl), an eighteenth (real_heldout18_sections.jsonl), a nineteenth
(real_heldout19_sections.jsonl), a twentieth (real_heldout20_sections.jsonl), a twenty-first
(real_heldout21_sections.jsonl) and a twenty-second (real_heldout22_sections.jsonl), and 40 BBC Arabic
articles from XL-Sum, an international outlet the other sets hold nothing of, labelled blind a whole
article at a time (xlsum_regions.jsonl) and 30 more labelled the same way (xlsum_regions2.jsonl), each on
its own. Each blind round is drawn by
``scripts/rounds.py sample ROUND`` and written from the editor's labels (tests/data/rounds/ROUND.json) by
``scripts/rounds.py build ROUND``. For every set it prints each item's misses, false positives and
forbidden codes found, then micro precision and recall over (section, code) pairs and the tagging
time per 7 KB of text; a JSON line with every set's figures last.

The sets are scored from the text alone, as they were labelled, unless ``--country CC`` gives the
SaudiNewsNet sets (``real_*``: every article from one of 14 Saudi outlets) the outlet's home country CC,
as an operator's ``[[ingest.outlets]]`` would (a bare «المملكة» the text names no kingdom for is then
CC); the other sets (written, XL-Sum's BBC Arabic, the mixed labelled45) are scored without one.

    python benchmarks/regions_quality.py [--data PATH ...] [--country SA]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from nashra.regions import get_gazetteer, tag_text
from nashra.regions.evaluation import evaluate, load_items, section_text

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DEFAULT_SETS = [
    DATA / "labelled_sections.jsonl",
    DATA / "heldout_sections.jsonl",
    DATA / "heldout2_sections.jsonl",
    DATA / "real_sections.jsonl",
    DATA / "real_heldout_sections.jsonl",
    DATA / "labelled_real45_sections.jsonl",
    DATA / "real_heldout3_sections.jsonl",
    DATA / "real_heldout4_sections.jsonl",
    DATA / "real_heldout5_sections.jsonl",
    DATA / "real_heldout6_sections.jsonl",
    DATA / "real_heldout7_sections.jsonl",
    DATA / "real_heldout8_sections.jsonl",
    DATA / "real_heldout9_sections.jsonl",
    DATA / "real_heldout10_sections.jsonl",
    DATA / "real_heldout11_sections.jsonl",
    DATA / "real_heldout12_sections.jsonl",
    DATA / "real_heldout13_sections.jsonl",
    DATA / "real_heldout14_sections.jsonl",
    DATA / "real_heldout15_sections.jsonl",
    DATA / "real_heldout16_sections.jsonl",
    DATA / "real_heldout17_sections.jsonl",
    DATA / "real_heldout18_sections.jsonl",
    DATA / "real_heldout19_sections.jsonl",
    DATA / "real_heldout20_sections.jsonl",
    DATA / "real_heldout21_sections.jsonl",
    DATA / "real_heldout22_sections.jsonl",
    DATA / "xlsum_regions.jsonl",
    DATA / "xlsum_regions2.jsonl",
]


def tagging_ms_per_7kb(items: list[dict], rounds: int = 20) -> float:
    """Mean tagging time for 7 KB of labelled text (the size of a typical article)."""
    text = "\n".join(section_text(item) for item in items)
    size = len(text.encode("utf-8"))
    start = time.perf_counter()
    for _ in range(rounds):
        tag_text(text)
    return (time.perf_counter() - start) / rounds * 1000 * 7000 / size


def score_set(path: Path, home: str | None = None) -> dict:
    """Print one set's problems and figures (the outlet's country ``home`` given to the tagger, or
    none); return them for the JSON line."""
    items = load_items(path)
    report = evaluate(items, home)
    print(f"== {path.name}")
    for line in report.problems:
        print(line)
    ms = tagging_ms_per_7kb(items)
    print(f"items: {len(items)}")
    print(f"precision: {report.precision:.3f}  recall: {report.recall:.3f}")
    print(f"forbidden codes found: {report.forbidden_found}")
    print(f"tagging: {ms:.2f} ms per 7 KB")
    return {
        "items": len(items),
        "precision": round(report.precision, 4),
        "recall": round(report.recall, 4),
        "forbidden_found": report.forbidden_found,
        "tagging_ms_per_7kb": round(ms, 3),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        help="a labelled JSONL set (repeatable; default: every set above)",
    )
    parser.add_argument(
        "--country",
        help="the home country (ISO 3166-1 alpha-2) of the SaudiNewsNet sets' outlets (default: none)",
    )
    args = parser.parse_args(argv)
    paths = args.data or DEFAULT_SETS
    for path in paths:
        if not path.is_file():
            print(f"error: labelled set not found: {path}", file=sys.stderr)
            return 2
    started = time.perf_counter()
    get_gazetteer()
    load_ms = (time.perf_counter() - started) * 1000
    figures = {
        path.stem: score_set(path, args.country if path.name.startswith("real_") else None) for path in paths
    }
    print(f"gazetteer load: {load_ms:.0f} ms")
    print(json.dumps({"sets": figures, "gazetteer_load_ms": round(load_ms, 1)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
