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


def build(real: Path, spec: list[dict], drawn: list[int], out: Path) -> int:
    """Write one labelled item per spec entry to ``out``; return how many.

    Raises SystemExit when the labelled rows are not ``drawn`` or a row's text does not start with the
    words its label gives (the label would belong to another article)."""
    data = rows(real)
    if sorted(entry["row"] for entry in spec) != drawn:
        raise SystemExit("the labelled rows are not the drawn sample")
    items = []
    for entry in spec:
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


def main(argv: list[str]) -> int:
    real = Path(argv[0]) if argv else Path("../shared/real")
    build(real, SPEC, draw(real), OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
