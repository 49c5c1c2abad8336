"""Write the third held-out label files from the editor's labels in scripts/heldout3_spec.py.

Section labels go to tests/data/sections/labels_heldout3.jsonl (split ``blind3``), region labels to
tests/data/real_heldout3_sections.jsonl; the cut itself is scripts/heldout_build.py's.

    python scripts/build_heldout3.py ../shared/real
"""

from __future__ import annotations

import sys
from pathlib import Path

from heldout3_spec import SPEC
from heldout_build import build

if __name__ == "__main__":
    build(Path(sys.argv[1]), SPEC, split="blind3", prefix="h3", number="3")
