"""Draw the fifth blind SaudiNewsNet sample (split ``blind5``) for section and region labelling.

The draw itself is scripts/heldout_sample.py's, with this round's seed; every article of the earlier
rounds and of tests/data is left out. Each outlet's second article is drawn among the kinds the earlier
rounds held few of (``KINDS``, matched on the title and opening lines): match results and tables, market
and price reports, obituaries and condolences, opinion columns, interviews, official statements and lists.

    python scripts/sample_heldout5.py ../shared/real > ids.txt 2> articles.txt

The fifth sample was drawn before its labels existed; since drawn articles are left out, a run now draws
a fresh sample for the next blind round.
"""

from __future__ import annotations

import re
import sys

from heldout_sample import main

SEED = 20261205

KINDS = re.compile(
    r"تعادل|فوز|يفوز|هزيمة|بهدف|أهداف|الدوري|النتائج|ترتيب"
    r"|مؤشر|الأسهم|الأسعار|برميل|نقطة|تداول|البورصة"
    r"|وفاة|رحمه الله|عزاء|نعي|ينعى|تشييع"
    r"|حوار|س:|سؤال|يسألونك"
    r"|بيان|تصريح|أعلنت وزارة"
    r"|أبرز|قائمة|أولاً|أولا:|1-|1\."
)

if __name__ == "__main__":
    main(SEED, sys.argv[1:], kinds=KINDS)
