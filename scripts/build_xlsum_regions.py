"""Write tests/data/xlsum_regions.jsonl from the editor's blind labels in scripts/xlsum_regions_spec.py.

Each drawn BBC Arabic article (scripts/sample_xlsum_regions.py says how it is read) becomes one labelled
item: its body as the one section, no heading, no title, tagged as a whole article
(``article`` and ``section`` 0), with the editor's required, optional and forbidden codes.

    python scripts/build_xlsum_regions.py ../shared/real
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sample_xlsum_regions import draw, rows
from xlsum_regions_spec import SPEC

from nashra.arabic import normalize

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "xlsum_regions.jsonl"


def main(argv: list[str]) -> int:
    real = Path(argv[0]) if argv else Path("../shared/real")
    data = rows(real)
    if sorted(spec["row"] for spec in SPEC) != draw(real):
        raise SystemExit("the labelled rows are not the drawn sample")
    items = []
    for spec in SPEC:
        row = data[spec["row"]]
        if not normalize(row["text"]).startswith(normalize(spec["starts"])):
            raise SystemExit(f"row {spec['row']}: text starts {row['text'][:40]!r}, label {spec['starts']!r}")
        items.append(
            {
                "id": f"xlsum-{spec['row']}",
                "heading": None,
                "text": row["text"],
                "regions": sorted(spec["regions"]),
                "optional": sorted(spec["optional"]),
                "forbidden": sorted(spec["forbidden"]),
                "note": spec["note"],
                "article": f"xlsum/{spec['row']}",
                "section": 0,
                "source": f"XL-Sum Arabic (BBC Arabic), xlsum_ar_165.jsonl line {spec['row'] + 1}",
            }
        )
    OUT.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    print(f"{len(items)} articles written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
