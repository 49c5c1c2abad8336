"""List the Arabic names that several regions share as lookup reads them (marks, hamza forms, ة/ه and
spacing folded away), with the vocalized spellings the gazetteer gives each region's name.

A bare shared name is asked back to the user (`عمان`: Oman or Amman); where the regions say the name
differently, a `vocalized` spelling in their data entries (nashra/regions/data/README.md) lets marks the
user writes settle it (`عمّان`, `عُمان`). Names marked "-" have none: said alike, or not yet given.

    python scripts/shared_names.py
"""

from __future__ import annotations

from nashra.regions.gazetteer import get_gazetteer
from nashra.regions.lookup import contenders, lookup_index, squash


def main() -> None:
    index = lookup_index()
    vocalized = {squash(name): by_code for name, by_code in get_gazetteer().vocalized.items()}
    for key, candidates in sorted(index.names.items()):
        shared = contenders(candidates)
        if len(shared) < 2 or key in index.groups or not "\u0621" <= key[:1] <= "\u064a":
            continue
        spellings = vocalized.get(key, {})
        regions = ", ".join(f"{c.code} {' '.join(spellings.get(c.code, ('-',)))}" for c in shared)
        print(f"{shared[0].matched}: {regions}")


if __name__ == "__main__":
    main()
