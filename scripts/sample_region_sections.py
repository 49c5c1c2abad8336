"""Draw a reproducible sample of real SaudiNewsNet sections for hand-labelling region tags.

The sample mixes stories about each Arab League member (up to three articles per country whose title
names it) with articles drawn uniformly, so it looks like what subscribers read. Articles already used
in ../shared/real/articles and ../shared/real/labelled are left out (their URLs are read from the
SOURCES.md files there). Each section, as Nashra's sectioner cuts the crawled body, becomes one JSONL
item with empty labels; an editor fills ``regions`` (must be found), ``optional`` (may be found) and
``forbidden`` (must not be found).

    python scripts/sample_region_sections.py ../shared/real > sample.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys
import zipfile
from pathlib import Path

from nashra.arabic import normalize
from nashra.articles.sectioning import section_text
from nashra.regions.gazetteer import DATA_DIR

SEED = 20251130
PER_COUNTRY = 5
UNIFORM = 55
MIN_CHARS, MAX_CHARS = 300, 3000
ARAB_LEAGUE = (
    *("AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY"),
    *("MA", "MR", "OM", "PS", "QA", "SD", "SO", "SY", "TN", "YE"),
)


def used_urls(real: Path) -> set[str]:
    urls: set[str] = set()
    for sources in (real / "articles" / "SOURCES.md", real / "labelled" / "SOURCES.md"):
        if sources.is_file():
            urls.update(re.findall(r"https?://\S+?(?=\s|\||$)", sources.read_text(encoding="utf-8")))
    return urls


def corpus(real: Path) -> list[dict]:
    records = []
    for path in sorted((real / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for index, record in enumerate(json.loads(z.read(name))):
                    record["where"] = f"{path.name}:{index}"
                    records.append(record)
    return records


def main(real: Path) -> None:
    rng = random.Random(SEED)
    skip = used_urls(real)
    pool = [
        r
        for r in corpus(real)
        if r["url"] not in skip and MIN_CHARS <= len(r["content"].strip()) <= MAX_CHARS and r["title"].strip()
    ]
    names = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
    chosen: list[tuple[str, dict]] = []
    taken: set[str] = set()
    for code in ARAB_LEAGUE:
        keys = [normalize(n) for n in names[code]["ar"]]
        patterns = [re.compile(rf"(?<!\w)[وبل]?{re.escape(k)}(?!\w)") for k in keys]
        hits = [r for r in pool if any(p.search(normalize(r["title"])) for p in patterns)]
        rng.shuffle(hits)
        for record in hits[:PER_COUNTRY]:
            if record["url"] not in taken:
                taken.add(record["url"])
                chosen.append((code.lower(), record))
    rest = [r for r in pool if r["url"] not in taken]
    for record in rng.sample(rest, UNIFORM):
        chosen.append(("any", record))
    for number, (stratum, record) in enumerate(chosen):
        for position, section in enumerate(section_text(record["content"])):
            if len(section.text) < 80:
                continue
            item = {
                "id": f"snn-{number:03d}-{stratum}-{position}",
                "heading": section.heading,
                "text": section.text,
                "context": record["title"].strip(),
                "regions": [],
                "optional": [],
                "forbidden": [],
                "note": "",
                "source": f"SaudiNewsNet {record['where']} {record['url']}",
            }
            print(json.dumps(item, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
