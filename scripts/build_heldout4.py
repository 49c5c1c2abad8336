"""Write the fourth held-out label files from the editor's labels in scripts/heldout4_spec.py.

Section labels go to tests/data/sections/labels_heldout4.jsonl (split ``blind4``), region labels to
tests/data/real_heldout4_sections.jsonl; the cut itself is scripts/heldout_build.py's.

    python scripts/build_heldout4.py ../shared/real
"""

from __future__ import annotations

import sys
from pathlib import Path

from heldout4_spec import SPEC
from heldout_build import build

if __name__ == "__main__":
    build(Path(sys.argv[1]), SPEC, split="blind4", prefix="h4", number="4")
