"""Write the fifth held-out label files from the editor's labels in scripts/heldout5_spec.py.

Section labels go to tests/data/sections/labels_heldout5.jsonl (split ``blind5``), region labels to
tests/data/real_heldout5_sections.jsonl; the cut itself is scripts/heldout_build.py's.

    python scripts/build_heldout5.py ../shared/real
"""

from __future__ import annotations

import sys
from pathlib import Path

from heldout5_spec import SPEC
from heldout_build import build

if __name__ == "__main__":
    build(Path(sys.argv[1]), SPEC, split="blind5", prefix="h5", number="5")
