"""Draw and write the BBC Arabic (XL-Sum) blind region rounds (tests/data/rounds/xlsum_regions*.json).

Run through ``python scripts/rounds.py sample|build xlsum_regionsN``; the rounds differ in their seed,
size, the earlier rounds whose rows they leave out and the test files written after them (the table in
scripts/rounds.py).

The 165 XL-Sum Arabic pairs in ../shared/real/xlsum_ar_165.jsonl are international news from an outlet
no region label had come from (every earlier sample is Saudi). A draw leaves out the rows the tests read
as text: the first ``FIRST_USED`` rows (the bot's and the subscription parser's long-message tests read
rows 0-19) and any row whose body shares a ``WINDOW``-character stretch with a file under tests/ (a copied
fixture), less the files written for this round or a later one (its labels, cases and tests copy its
bodies, and reading them would change the draw once they exist). It also leaves out the rows earlier
rounds labelled. The summary benchmark and the extractive-summary tests read every row, but never tag
regions, so they do not count as use here.

How an article is read: an XL-Sum row has no headline, only the body (one paragraph, no line breaks) and
its bold introductory sentence (``summary``). The body is the article: one section with no heading and no
title, tagged as ``nashra sections`` tags a one-section article whose title adds no context
(:func:`nashra.regions.tag_sections` with an empty title). The summary is left out: it restates the body,
and a title the editor did not label would only add context the product may not have.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from nashra.arabic import normalize

FIRST_USED = 20
WINDOW = 60
TESTS = Path(__file__).resolve().parent.parent / "tests"


def rows(real: Path) -> list[dict]:
    """The XL-Sum pairs, in file order."""
    with (real / "xlsum_ar_165.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def copied(body: str, fixtures: str) -> bool:
    """Whether a stretch of the body appears in the test files' text."""
    return any(body[i : i + WINDOW] in fixtures for i in range(0, max(1, len(body) - WINDOW), WINDOW))


def fixture_text(later: re.Pattern) -> str:
    """The text of the files under tests/, less those whose name ``later`` matches (written after the
    draw)."""
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(TESTS.rglob("*"))
        if p.is_file() and p.suffix in {".jsonl", ".json", ".txt", ".md", ".py"} and not later.search(p.name)
    )


def draw(real: Path, seed: int, size: int, taken: frozenset[int], later: re.Pattern) -> list[int]:
    """The drawn row numbers (0-based lines of the file), sorted: ``size`` rows of the pool, or all of it
    when it holds fewer. ``taken`` are the rows earlier rounds labelled."""
    fixtures = fixture_text(later)
    pool = [
        n
        for n, row in enumerate(rows(real))
        if n >= FIRST_USED and n not in taken and not copied(row["text"], fixtures)
    ]
    return sorted(random.Random(seed).sample(pool, min(size, len(pool))))


def build(real: Path, articles: list[dict], drawn: list[int], out: Path) -> int:
    """Write one labelled item per labelled article to ``out``; return how many. Each item is the
    article's body as the one section, no heading, no title, tagged as a whole article (``article`` and
    ``section`` 0), with the editor's required, optional and forbidden codes.

    Raises SystemExit when the labelled rows are not ``drawn`` or a row's text does not start with the
    words its label gives (the label would belong to another article)."""
    data = rows(real)
    if sorted(entry["row"] for entry in articles) != drawn:
        raise SystemExit("the labelled rows are not the drawn sample")
    items = []
    for entry in articles:
        row = data[entry["row"]]
        if not normalize(row["text"]).startswith(normalize(entry["starts"])):
            start = row["text"][:40]
            raise SystemExit(f"row {entry['row']}: text starts {start!r}, label {entry['starts']!r}")
        items.append(
            {
                "id": f"xlsum-{entry['row']}",
                "heading": None,
                "text": row["text"],
                "regions": sorted(entry["regions"]),
                "optional": sorted(entry["optional"]),
                "forbidden": sorted(entry["forbidden"]),
                "note": entry["note"],
                "article": f"xlsum/{entry['row']}",
                "section": 0,
                "source": f"XL-Sum Arabic (BBC Arabic), xlsum_ar_165.jsonl line {entry['row'] + 1}",
            }
        )
    out.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    print(f"{len(items)} articles written to {out}")
    return len(items)
