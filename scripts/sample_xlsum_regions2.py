"""Draw a second reproducible sample of BBC Arabic articles (XL-Sum) for blind region labelling (split
``xlsum2``).

The pool is what scripts/sample_xlsum_regions.py leaves: rows neither its draw took (the rows labelled in
scripts/xlsum_regions_spec.py), nor among the first ``FIRST_USED`` rows, nor sharing a 60-character
stretch with a file under tests/ (a copied fixture). The files written for this or a later sample
(``xlsum_regions2``, ``regions_xlsum2`` and on: labels, cases, tests) are not read for that check, so the
draw stays the same once they exist. Articles are read as the first sample reads them: the body is one section
with no heading and no title.

    python scripts/sample_xlsum_regions2.py ../shared/real > rows.txt 2> articles.txt

Prints the drawn row numbers (0-based lines of the file), one per line, then each article's body to
stderr for the editor; says on stderr when fewer than ``SIZE`` rows were left to draw from.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from sample_xlsum_regions import FIRST_USED, copied, fixture_text, rows
from xlsum_regions_spec import SPEC as FIRST_SPEC

SEED = 20261201
SIZE = 30
FIRST_DRAW = frozenset(spec["row"] for spec in FIRST_SPEC)
LATER = re.compile(r"(xlsum_regions|regions_xlsum)[2-9]")


def pool(real: Path) -> list[int]:
    """The rows left to draw from, in file order."""
    fixtures = fixture_text(lambda name: LATER.search(name) is not None)
    return [
        n
        for n, row in enumerate(rows(real))
        if n >= FIRST_USED and n not in FIRST_DRAW and not copied(row["text"], fixtures)
    ]


def draw(real: Path) -> list[int]:
    """The drawn row numbers, sorted: ``SIZE`` of the pool, or all of it when it holds fewer."""
    left = pool(real)
    return sorted(random.Random(SEED).sample(left, min(SIZE, len(left))))


def main(argv: list[str]) -> int:
    real = Path(argv[0]) if argv else Path("../shared/real")
    data = rows(real)
    drawn = draw(real)
    if len(drawn) < SIZE:
        print(f"only {len(drawn)} rows left to draw from; all taken", file=sys.stderr)
    for n in drawn:
        print(n)
        print(f"=== xlsum#{n}\n{data[n]['text']}\n", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
