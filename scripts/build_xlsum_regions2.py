"""Write tests/data/xlsum_regions2.jsonl from the editor's blind labels in scripts/xlsum_regions2_spec.py.

Each article of the second BBC Arabic sample (scripts/sample_xlsum_regions2.py) becomes one labelled item
the way the first sample's do (scripts/build_xlsum_regions.py owns the layout): its body as the one
section, no heading, no title, with the editor's required, optional and forbidden codes.

    python scripts/build_xlsum_regions2.py ../shared/real
"""

from __future__ import annotations

import sys
from pathlib import Path

from build_xlsum_regions import build
from sample_xlsum_regions2 import draw
from xlsum_regions2_spec import SPEC

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "xlsum_regions2.jsonl"


def main(argv: list[str]) -> int:
    real = Path(argv[0]) if argv else Path("../shared/real")
    build(real, SPEC, draw(real), OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
