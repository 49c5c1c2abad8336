"""Write the eighth held-out label files from the editor's labels in scripts/heldout8_spec.py.

Section labels go to tests/data/sections/labels_heldout8.jsonl (split ``blind8``), region labels to
tests/data/real_heldout8_sections.jsonl; the cut itself is scripts/heldout_build.py's.

    python scripts/build_heldout8.py ../shared/real
"""

from __future__ import annotations

import sys
from pathlib import Path

from heldout8_spec import SPEC
from heldout_build import build

if __name__ == "__main__":
    build(Path(sys.argv[1]), SPEC, split="blind8", prefix="h8", number="8")
