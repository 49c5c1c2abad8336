"""Draw the sixth blind SaudiNewsNet sample (split ``blind6``) for section and region labelling.

The draw itself is scripts/heldout_sample.py's, with this round's seed; every article of the earlier
rounds and of tests/data is left out. Each outlet's second article is drawn among the kinds the earlier
rounds held few of (``KINDS``, matched on the title and opening lines): weather and forecasts, court and
crime reports, wire copy of the Saudi Press Agency (its dateline variants), sports round-ups of a match
day, economy reports with figures, and features with sub-headings or questions.

    python scripts/sample_heldout6.py ../shared/real > ids.txt 2> articles.txt

The sixth sample was drawn before its labels existed; since drawn articles are left out, a run now draws
a fresh sample for the next blind round.
"""

from __future__ import annotations

import re
import sys

from heldout_sample import main

SEED = 20261206

KINDS = re.compile(
    r"الأرصاد|الطقس|أمطار|الحرارة|غبار|رياح"
    r"|المحكمة|القضاء|النيابة|حكم|القبض|ضبط|الشرطة|جريمة|السجن"
    r"|\(واس\)|- واس|ـ واس|واس -"
    r"|الجولة|الأسبوع|ملعب|المباراة"
    r"|مليار|الميزانية|الناتج|التضخم|الصادرات|الاستثمار"
    r"|\?|؟|أولاً|محاور"
)

if __name__ == "__main__":
    main(SEED, sys.argv[1:], kinds=KINDS)
