"""Draw the eighth blind SaudiNewsNet sample (split ``blind8``) for section and region labelling.

The draw itself is scripts/heldout_sample.py's, with this round's seed; every article of the earlier
rounds and of tests/data is left out. 15 articles, one per outlet, each drawn among the outlet's records
whose title and opening lines match ``KINDS`` (the kinds blind3 to blind7 held few of, those with several
short lines first), topped up at random from the rest: interviews in question and answer form, lists and
numbered points, obituaries and condolences, sports results, statements by ministries and their
spokesmen, and opinion columns.

    python scripts/sample_heldout8.py ../shared/real > ids.txt 2> articles.txt

The eighth sample was drawn before its labels existed; since drawn articles are left out, a run now draws
a fresh sample for the next blind round.
"""

from __future__ import annotations

import re
import sys

from heldout_sample import main

SEED = 20261208
KINDS = re.compile(
    r"حوار|س:|س/|س -|ج:|ج/"
    r"|أولاً|أولا:|ثانياً|^\s*1[-.)]|•"
    r"|انتقل إلى رحمة الله|توفي|وفاة|الفقيد|تغمده|المغفور له|العزاء"
    r"|بنتيجة|بهدفين|الشوط الأول|ركلات الترجيح|النتائج|المركز الأول"
    r"|صرح مصدر مسؤول|المتحدث الرسمي|المتحدث الأمني|بيان|أعلنت وزارة|أوضحت وزارة",
    re.MULTILINE,
)

if __name__ == "__main__":
    main(SEED, sys.argv[1:], kinds=KINDS, total=15, per_outlet=1)
