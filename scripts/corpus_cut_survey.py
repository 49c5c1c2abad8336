"""Survey every SaudiNewsNet record's cut, to see what a change to sectioning or furniture moves.

``dump`` writes one JSON line per record (ref, headings, each section's text, the furniture dropped) as
the checkout it runs from cuts it; ``diff`` prints the records whose cut differs between two dumps, with
what changed. Run ``dump`` from the code before a change and after it (PYTHONPATH picks the checkout):

    python scripts/corpus_cut_survey.py dump ../shared/real before.jsonl
    python scripts/corpus_cut_survey.py dump ../shared/real after.jsonl
    python scripts/corpus_cut_survey.py diff before.jsonl after.jsonl
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

from nashra.articles.errors import ArticleError
from nashra.articles.jsonformat import article_from_record


def dump(real: Path, out: Path) -> None:
    """Cut every record and write its sections and furniture to ``out``."""
    with out.open("w", encoding="utf-8") as sink:
        for path in sorted((real / "saudinewsnet").glob("*.zip")):
            with zipfile.ZipFile(path) as z:
                (name,) = z.namelist()
                for index, record in enumerate(json.loads(z.read(name))):
                    ref = f"{path.name}#{index}"
                    try:
                        article = article_from_record(record, ref)
                    except ArticleError:
                        continue
                    row = {
                        "ref": ref,
                        "sections": [[s.heading, s.text] for s in article.sections],
                        "furniture": [[f.kind, f.text] for f in article.furniture],
                    }
                    sink.write(json.dumps(row, ensure_ascii=False) + "\n")


def diff(before: Path, after: Path) -> None:
    """Print each record whose cut changed: headings, then lines gained or lost as text or furniture."""
    old = {row["ref"]: row for row in map(json.loads, before.read_text(encoding="utf-8").splitlines())}
    changed = 0
    for line in after.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        was = old.get(row["ref"])
        if was is None or was == row:
            continue
        changed += 1
        print(f"== {row['ref']}")
        heads = ([h for h, _ in was["sections"]], [h for h, _ in row["sections"]])
        if heads[0] != heads[1]:
            print(f"  headings {heads[0]} -> {heads[1]}")
        text = tuple({p for _, t in side["sections"] for p in t.split("\n")} for side in (was, row))
        for p in sorted(text[0] - text[1]):
            print(f"  - text {p[:140]}")
        for p in sorted(text[1] - text[0]):
            print(f"  + text {p[:140]}")
        furn = ({tuple(f) for f in was["furniture"]}, {tuple(f) for f in row["furniture"]})
        for kind, p in sorted(furn[1] - furn[0]):
            print(f"  + {kind}: {p[:140]}")
    print(f"{changed} records changed")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "dump":
        dump(Path(args[0]), Path(args[1]))
    else:
        diff(Path(args[0]), Path(args[1]))
