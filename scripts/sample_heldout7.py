"""Draw the seventh blind SaudiNewsNet sample (split ``blind7``) for section and region labelling.

The draw itself is scripts/heldout_sample.py's, with this round's seed; every article of the earlier
rounds and of tests/data is left out. A smaller round of 15: one article per outlet, drawn among its
articles with several short lines (sub-headings, captions, bylines), topped up at random from the rest.
No ``kinds`` bias: with one article per outlet the shared draw never reaches a second, kind-matched pick.

    python scripts/sample_heldout7.py ../shared/real > ids.txt 2> articles.txt

The seventh sample was drawn before its labels existed; since drawn articles are left out, a run now
draws a fresh sample for the next blind round.
"""

from __future__ import annotations

import sys

from heldout_sample import main

SEED = 20261207

if __name__ == "__main__":
    main(SEED, sys.argv[1:], total=15, per_outlet=1)
