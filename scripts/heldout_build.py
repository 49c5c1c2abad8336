"""Write a SaudiNewsNet blind round's label files from the editor's labels (tests/data/rounds/heldoutN.json).

Run through ``python scripts/rounds.py build heldoutN``. The labels list, per article: ``id``
(``DATE.zip#INDEX``), ``drop`` lines (by their opening words) that are furniture, ``strip`` a dateline
opening a paragraph, ``cut`` inline furniture closing a paragraph (everything from the marker on),
``sections`` as {heading, starts, regions, optional}, ``ends`` the last words, ``furniture`` what must
open or close no paragraph, and a ``note``. Section labels go to tests/data/sections/labels_heldoutN.jsonl;
every labelled section, its text cut from the crawled body by the editor's own cut (furniture lines
dropped, datelines stripped), goes to tests/data/real_heldoutN_sections.jsonl with its region codes,
tagged a whole article at a time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from nashra.arabic import normalize
from nashra.articles.evaluation import saudinewsnet_layout, saudinewsnet_record

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
MARK = re.compile(r"^\s*[-–*•]+\s*")
# Direction marks a crawled line may open or close with, before a list mark (``\u202b* مهرجان\u202c``).
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"


def editor_sections(layout: str, spec: dict) -> tuple[str, list[tuple[str | None, str]]]:
    """The title and the (heading, text) sections of an article, cut as the editor's label says."""
    title, _byline, *body = layout.splitlines()
    drop, strip, cut = spec.get("drop", []), spec.get("strip", []), spec.get("cut", [])
    lines = []
    for line in body:
        if any(line == p or (len(p) > 1 and line.startswith(p)) for p in drop):
            continue
        for prefix in strip:
            if line.startswith(prefix):
                line = line[len(prefix) :]
        for marker in cut:
            if marker in line:
                line = line[: line.index(marker)]
        lines.append(line.strip())
    headings = [normalize(s["heading"]) for s in spec["sections"] if s["heading"]]
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        marked = line.strip(BIDI)
        if normalize(MARK.sub("", marked)) in headings:
            sections.append((MARK.sub("", marked).strip(), []))
        else:
            sections[-1][1].append(line)
    if not sections[0][1]:
        sections.pop(0)
    return title, [(h, "\n".join(t)) for h, t in sections]


def build(real: Path, spec_list: list[dict], split: str, prefix: str, number: str) -> None:
    """Write labels_heldout{number}.jsonl (split ``split``) and real_heldout{number}_sections.jsonl
    (item ids ``{prefix}-DATE-INDEX-N``) from an editor's labels, one dict per article.

    Raises SystemExit when the editor's cut of an article does not give the labelled sections, or a
    section does not start with the words its label gives."""
    section_labels, region_items = [], []
    for spec in spec_list:
        record = saudinewsnet_record(real, spec["id"])
        title, cut = editor_sections(saudinewsnet_layout(record), spec)
        if len(cut) != len(spec["sections"]):
            raise SystemExit(
                f"{spec['id']}: the editor's cut has {len(cut)} sections, label {len(spec['sections'])}"
            )
        section_labels.append(
            {
                "id": f"saudinewsnet/{spec['id']}",
                "split": split,
                "sections": [{"heading": s["heading"], "starts": s["starts"]} for s in spec["sections"]],
                "ends": spec["ends"],
                "furniture": spec["furniture"],
                "note": spec["note"],
            }
        )
        for n, ((heading, text), label) in enumerate(zip(cut, spec["sections"], strict=True)):
            if not normalize(text).startswith(normalize(label["starts"])):
                starts = label["starts"]
                raise SystemExit(f"{spec['id']} section {n}: text starts {text[:40]!r}, label {starts!r}")
            name, index = spec["id"].split("#")
            region_items.append(
                {
                    "id": f"{prefix}-{name.removesuffix('.zip')}-{index}-{n}",
                    "heading": heading,
                    "text": text,
                    "context": title,
                    "regions": sorted(label["regions"]),
                    "optional": sorted(label["optional"]),
                    "forbidden": [],
                    "note": "",
                    "article": f"saudinewsnet/{spec['id']}",
                    "section": n,
                    "source": f"SaudiNewsNet {name}:{index} {record['url']}",
                }
            )
    dump = lambda rows: "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)  # noqa: E731
    (DATA / "sections" / f"labels_heldout{number}.jsonl").write_text(dump(section_labels), encoding="utf-8")
    (DATA / f"real_heldout{number}_sections.jsonl").write_text(dump(region_items), encoding="utf-8")
    print(f"{len(section_labels)} articles, {len(region_items)} sections")
