"""Write the seventh held-out label files from the editor's labels in scripts/heldout7_spec.py.

Section labels go to tests/data/sections/labels_heldout7.jsonl (split ``blind7``), region labels to
tests/data/real_heldout7_sections.jsonl; the cut itself is scripts/heldout_build.py's.

    python scripts/build_heldout7.py ../shared/real
"""

from __future__ import annotations

import sys
from pathlib import Path

from heldout7_spec import SPEC
from heldout_build import build

if __name__ == "__main__":
    build(Path(sys.argv[1]), SPEC, split="blind7", prefix="h7", number="7")
