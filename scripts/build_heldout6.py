"""Write the sixth held-out label files from the editor's labels in scripts/heldout6_spec.py.

Section labels go to tests/data/sections/labels_heldout6.jsonl (split ``blind6``), region labels to
tests/data/real_heldout6_sections.jsonl; the cut itself is scripts/heldout_build.py's.

    python scripts/build_heldout6.py ../shared/real
"""

from __future__ import annotations

import sys
from pathlib import Path

from heldout6_spec import SPEC
from heldout_build import build

if __name__ == "__main__":
    build(Path(sys.argv[1]), SPEC, split="blind6", prefix="h6", number="6")
