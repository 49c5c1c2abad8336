"""List, record by record, what a change to the analysis did to the real corpus: cuts and region tags.

``dump`` analyses every SaudiNewsNet record (../shared/real/saudinewsnet/*.zip, read as
benchmarks/real_corpus.py reads them) and every XL-Sum body (../shared/real/xlsum_ar_165.jsonl, its
``summary`` as the title) with the checkout that runs it, and writes one JSON line per record: ref,
sections as [heading, text, regions] and furniture as [kind, text]. Run it from the code before a change
and after it (PYTHONPATH picks the checkout), then ``diff`` the two dumps:

    PYTHONPATH=/tmp/old python scripts/analysis_diff.py dump ../shared/real old.jsonl
    python scripts/analysis_diff.py dump ../shared/real new.jsonl
    python scripts/analysis_diff.py diff old.jsonl new.jsonl [--json changes.jsonl]

``dump`` takes two options. ``--grep REGEX`` analyses only the records whose title or body (as written)
matches: where a change can fire only on records holding some words («مملك»), both dumps restricted
alike make a diff in minutes rather than the hour the whole corpus takes on a shared machine.
``--country CC`` gives every SaudiNewsNet record the home country CC (the record field ``country``, as
an operator's ``[[ingest.outlets]]`` would for the 14 Saudi outlets); XL-Sum (BBC Arabic) gets none.

``diff`` prints each changed record: headings before -> after, text lines cut differently (a line gained
or lost as section text), furniture lines added or removed, and the region codes each section gained or
lost (sections are paired by position when the cut is unchanged, else by the section holding the most
of the same text). ``--json`` also writes one line per changed record with the change kinds
(``cut``, ``furniture``, ``regions``) for sampling.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from nashra.articles.analysis import analyze
from nashra.articles.errors import ArticleError
from nashra.articles.evaluation import saudinewsnet_records
from nashra.articles.jsonformat import article_from_record


def _records(real: Path, country: str | None):
    for ref, record in saudinewsnet_records(real / "saudinewsnet"):
        yield ref, {**record, "country": country} if country else record
    with (real / "xlsum_ar_165.jsonl").open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if line.strip():
                row = json.loads(line)
                yield f"xlsum#{n}", {"title": row["summary"], "body": row["text"]}


def dump(real: Path, out: Path, grep: str | None = None, country: str | None = None) -> None:
    """Analyse every record (only those whose title or body matches ``grep``, when given; SaudiNewsNet's
    with home country ``country``, when given) and write its sections (with regions) and furniture to
    ``out``."""
    wanted = re.compile(grep) if grep else None
    with out.open("w", encoding="utf-8") as sink:
        for ref, record in _records(real, country):
            if wanted and not wanted.search(f"{record['title']}\n{record['body']}"):
                continue
            try:
                article = analyze(article_from_record(record, ref))
            except ArticleError:
                continue
            row = {
                "ref": ref,
                "title": article.title,
                "sections": [[s.heading, s.text, list(s.regions)] for s in article.sections],
                "furniture": [[f.kind, f.text] for f in article.furniture],
            }
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")


def _lines(side: dict) -> set[str]:
    return {p for _, t, _ in side["sections"] for p in t.split("\n") if p.strip()}


def _pair(was: dict, row: dict) -> list[tuple[int, int]]:
    """(old index, new index) for each new section, by the old section sharing the most lines."""
    if len(was["sections"]) == len(row["sections"]):
        return [(i, i) for i in range(len(row["sections"]))]
    old = [set(t.split("\n")) for _, t, _ in was["sections"]]
    pairs = []
    for j, (_, t, _) in enumerate(row["sections"]):
        lines = set(t.split("\n"))
        best = max(range(len(old)), key=lambda i: len(old[i] & lines), default=None)
        if best is not None:
            pairs.append((best, j))
    return pairs


def changes(was: dict, row: dict) -> tuple[list[str], set[str]]:
    """The printed lines and the change kinds of one record."""
    out: list[str] = []
    kinds: set[str] = set()
    heads = ([h for h, _, _ in was["sections"]], [h for h, _, _ in row["sections"]])
    if heads[0] != heads[1]:
        kinds.add("cut")
        out.append(f"  headings {heads[0]} -> {heads[1]}")
    text = (_lines(was), _lines(row))
    for p in sorted(text[0] - text[1]):
        kinds.add("cut")
        out.append(f"  - text {p[:160]}")
    for p in sorted(text[1] - text[0]):
        kinds.add("cut")
        out.append(f"  + text {p[:160]}")
    if [t for _, t, _ in was["sections"]] != [t for _, t, _ in row["sections"]] and not text[0] ^ text[1]:
        kinds.add("cut")
        out.append(f"  sections {len(was['sections'])} -> {len(row['sections'])} (same lines, cut elsewhere)")
    furn = ({tuple(f) for f in was["furniture"]}, {tuple(f) for f in row["furniture"]})
    for kind, p in sorted(furn[0] - furn[1]):
        kinds.add("furniture")
        out.append(f"  - {kind}: {p[:160]}")
    for kind, p in sorted(furn[1] - furn[0]):
        kinds.add("furniture")
        out.append(f"  + {kind}: {p[:160]}")
    for i, j in _pair(was, row):
        before, after = set(was["sections"][i][2]), set(row["sections"][j][2])
        if before != after:
            kinds.add("regions")
            gained = " ".join(f"+{c}" for c in sorted(after - before))
            lost = " ".join(f"-{c}" for c in sorted(before - after))
            out.append(f"  regions s{j}: {gained} {lost}".rstrip())
    return out, kinds


def diff(before: Path, after: Path, json_out: Path | None) -> None:
    """Print each record whose analysis changed, and optionally its change kinds as JSON lines."""
    old = {row["ref"]: row for row in map(json.loads, before.read_text(encoding="utf-8").splitlines())}
    counted: dict[str, int] = {}
    sink = json_out.open("w", encoding="utf-8") if json_out else None
    for line in after.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        was = old.get(row["ref"])
        if was is None or was == row:
            continue
        out, kinds = changes(was, row)
        if not kinds:
            continue
        for kind in kinds:
            counted[kind] = counted.get(kind, 0) + 1
        print(f"== {row['ref']}  [{' '.join(sorted(kinds))}]  {row['title'][:80]}")
        print("\n".join(out))
        if sink:
            record = {"ref": row["ref"], "kinds": sorted(kinds), "lines": out}
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    if sink:
        sink.close()
    print(f"records changed by kind: {json.dumps(counted)}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "dump":
        options = dict(zip(args[2::2], args[3::2], strict=True))
        dump(Path(args[0]), Path(args[1]), options.get("--grep"), options.get("--country"))
    else:
        json_path = Path(args[args.index("--json") + 1]) if "--json" in args else None
        diff(Path(args[0]), Path(args[1]), json_path)
