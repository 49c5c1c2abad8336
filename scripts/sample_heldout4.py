"""Draw the fourth blind SaudiNewsNet sample (split ``blind4``) for section and region labelling.

The draw itself is scripts/heldout_sample.py's, with this round's seed; every article of the earlier
rounds and of tests/data is left out.

    python scripts/sample_heldout4.py ../shared/real > ids.txt 2> articles.txt

The fourth sample was drawn before its labels existed; since drawn articles are left out, a run now draws
a fresh sample for the next blind round.
"""

from __future__ import annotations

import sys

from heldout_sample import main

SEED = 20261204

if __name__ == "__main__":
    main(SEED, sys.argv[1:])
