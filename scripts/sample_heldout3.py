"""Draw a fresh, reproducible sample of SaudiNewsNet articles for blind section and region labelling.

Leaves out every article already named by a label file in tests/data (section labels by ``DATE.zip#INDEX``,
region labels by their ``source``) and every article of ../shared/real/articles and ../shared/real/labelled
(by URL). Draws two articles per outlet plus two more from the outlets with the most varied layouts,
favouring articles whose crawled body has several short lines (sub-headings, captions, bylines), so the
hard layouts are represented. Prints ``DATE.zip#INDEX`` per line, then the articles in Nashra's text layout
to stderr for the editor.

    python scripts/sample_heldout3.py ../shared/real > ids.txt 2> articles.txt

The third held-out sample was drawn before its labels existed; since drawn articles are left out, a run
now draws a fresh sample for the next blind round.
"""

from __future__ import annotations

import json
import random
import re
import sys
import zipfile
from pathlib import Path

from nashra.articles.evaluation import saudinewsnet_layout

SEED = 20261130
PER_OUTLET = 2
TOTAL = 30
MIN_CHARS, MAX_CHARS = 250, 2600
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def used(real: Path) -> tuple[set[str], set[str]]:
    """Refs (``DATE.zip#INDEX``) and URLs already labelled somewhere."""
    refs: set[str] = set()
    text = "\n".join(p.read_text(encoding="utf-8") for p in DATA.rglob("*.jsonl"))
    refs.update(m.group(1) + "#" + m.group(2) for m in re.finditer(r"(\d{4}-\d\d-\d\d\.zip)[#:](\d+)", text))
    urls = set(re.findall(r"https?://[^\s\"|]+", text))
    for sources in (real / "articles" / "SOURCES.md", real / "labelled" / "SOURCES.md"):
        if sources.is_file():
            body = sources.read_text(encoding="utf-8")
            urls.update(re.findall(r"https?://[^\s|]+", body))
            refs.update(
                m.group(1) + "#" + m.group(2)
                for m in re.finditer(r"(\d{4}-\d\d-\d\d\.zip)`[^\[]*\[(\d+)\]", body)
            )
    return refs, urls


def main(real: Path) -> None:
    rng = random.Random(SEED)
    refs, urls = used(real)
    by_outlet: dict[str, list[tuple[str, dict]]] = {}
    for path in sorted((real / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            (name,) = z.namelist()
            for index, record in enumerate(json.loads(z.read(name))):
                ref = f"{path.name}#{index}"
                if ref in refs or record.get("url") in urls:
                    continue
                if MIN_CHARS <= len(record["content"]) <= MAX_CHARS:
                    by_outlet.setdefault(record["source"], []).append((ref, record))
    chosen: list[tuple[str, dict]] = []
    for outlet in sorted(by_outlet):
        pool = by_outlet[outlet]
        hard = [
            p
            for p in pool
            if sum(1 for line in p[1]["content"].split("\n") if 0 < len(line.strip()) < 60) >= 2
        ]
        picks = rng.sample(hard, 1) if hard else []
        picks += rng.sample([p for p in pool if p not in picks], PER_OUTLET - len(picks))
        chosen += picks
    rest = [p for outlet in sorted(by_outlet) for p in by_outlet[outlet] if p not in chosen]
    chosen += rng.sample(rest, TOTAL - len(chosen))
    for ref, record in chosen:
        print(ref)
        print(f"===== {ref} [{record['source']}]\n{saudinewsnet_layout(record)}", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
