"""Draw the third blind SaudiNewsNet sample (split ``blind3``) for section and region labelling.

The draw itself is scripts/heldout_sample.py's, with this round's seed.

    python scripts/sample_heldout3.py ../shared/real > ids.txt 2> articles.txt

The third held-out sample was drawn before its labels existed; since drawn articles are left out, a run
now draws a fresh sample for the next blind round.
"""

from __future__ import annotations

import sys

from heldout_sample import main

SEED = 20261130

if __name__ == "__main__":
    main(SEED, sys.argv[1:])
