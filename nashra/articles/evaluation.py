"""Scoring section cuts against hand labels: is an article cut exactly as an editor would cut it?

A label (one JSON line of ``tests/data/sections/labels.jsonl``) names a real article and says, for each
section in order, its heading (null for the lead) and the words its text starts with, the words the
article's text ends with, and furniture that must open or close no paragraph of any section (captions, tweets,
related headlines, link-back lines ...)::

    {"id": "articles/p09_iq_aljarida.txt" | "labelled/05_sy_aawsat.txt" | "saudinewsnet/2015-08-10.zip#1620",
     "split": "tune"|"heldout"|...,
     "sections": [{"heading": null, "starts": "تمكن العراق أمس، من"}, ...],
     "ends": "...", "furniture": ["Ad"], "note": "..."}

An article is **exact** when its headings are the labelled ones in order, every section starts with the
labelled words, the text ends with the labelled words and no labelled furniture is left in a section.
Words are compared after :func:`nashra.arabic.normalize`, so spelling noise never decides a score.

The labelled texts themselves stay in the shared real-data folder (never copied into the project):
``articles/NAME.txt`` and ``labelled/NAME.txt`` are laid-out articles of those folders (a ``labelled`` one
is a SaudiNewsNet record, found through the folder's SOURCES.md table for the JSON form),
``saudinewsnet/DATE.zip#INDEX`` the INDEX-th record of that SaudiNewsNet zip, laid out the same way by
:func:`saudinewsnet_layout`.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from nashra.arabic import normalize
from nashra.articles.outlets import OUTLET_CODES
from nashra.model import Article

# The Arabic names the SaudiNewsNet outlets print (the crawl only has their codes).
SAUDINEWSNET_OUTLETS = OUTLET_CODES


@dataclass(slots=True)
class Label:
    """The editor's cut of one article (see the module docstring for the fields)."""

    id: str
    split: str
    sections: list[dict[str, Any]]
    ends: str
    furniture: list[str] = field(default_factory=list)
    note: str = ""


def load_labels(path: Path) -> list[Label]:
    """The labels of a JSON Lines file, in file order."""
    labels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            labels.append(Label(**record))
    return labels


def saudinewsnet_layout(record: dict[str, Any]) -> str:
    """A SaudiNewsNet record in Nashra's text layout, as the shared real articles are laid out.

    Line 1 the title, line 2 ``OUTLET – AUTHOR`` (or the outlet alone when the crawl has no author),
    then the crawled paragraphs, stripped, empty ones dropped.
    """
    outlet = SAUDINEWSNET_OUTLETS.get(record["source"], record["source"])
    author = " ".join(str(record.get("author") or "").replace("&nbsp;", " ").split())
    lines = [" ".join(record["title"].split()), f"{outlet} – {author}" if author else outlet]
    lines += [line.strip() for line in str(record["content"]).split("\n") if line.strip()]
    return "\n".join(lines) + "\n"


def saudinewsnet_records(corpus: Path, limit: int | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(``DATE.zip[INDEX]``, record) for every article of the SaudiNewsNet zips in ``corpus``, in file
    order, at most ``limit``; the record as :func:`nashra.articles.jsonformat.article_from_record` takes
    it (``title``, ``body``, ``source``, ``author``, ``url``; missing fields "" or None). For the corpus
    scripts and benchmarks, which read all 31,030 articles one zip at a time."""
    count = 0
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for index, raw in enumerate(json.loads(archive.read(name))):
                    if limit is not None and count >= limit:
                        return
                    count += 1
                    yield (
                        f"{path.name}[{index}]",
                        {
                            "title": raw.get("title") or "",
                            "body": raw.get("content") or "",
                            "source": raw.get("source") or None,
                            "author": raw.get("author") or None,
                            "url": raw.get("url") or None,
                        },
                    )


@lru_cache(maxsize=32)
def _zip_records(path: Path) -> list[dict[str, Any]]:
    with zipfile.ZipFile(path) as archive:
        (name,) = archive.namelist()
        return list(json.loads(archive.read(name)))


def saudinewsnet_record(real_dir: Path, ref: str) -> dict[str, Any]:
    """The record ``DATE.zip#INDEX`` of the SaudiNewsNet folder under ``real_dir``."""
    name, index = ref.split("#")
    return _zip_records(real_dir / "saudinewsnet" / name)[int(index)]


def label_text(real_dir: Path, label: Label) -> str:
    """The labelled article's text in the plain-text layout."""
    kind, ref = label.id.split("/", 1)
    if kind in ("articles", "labelled"):
        return (real_dir / kind / ref).read_text(encoding="utf-8")
    return saudinewsnet_layout(saudinewsnet_record(real_dir, ref))


def label_record(real_dir: Path, label: Label) -> dict[str, Any]:
    """The labelled article as a JSON record (outlet in ``source``, body only), as feeds and APIs give it."""
    kind, ref = label.id.split("/", 1)
    if kind == "articles":
        title = (real_dir / "articles" / ref).read_text(encoding="utf-8").splitlines()[0]
        return _jsonl_by_title(real_dir / "articles.jsonl")[" ".join(title.split())]
    if kind == "labelled":
        ref = _labelled_sources(real_dir / "labelled" / "SOURCES.md")[ref]
    record = saudinewsnet_record(real_dir, ref)
    author = " ".join(str(record.get("author") or "").replace("&nbsp;", " ").split())
    out = {
        "title": " ".join(record["title"].split()),
        "source": SAUDINEWSNET_OUTLETS.get(record["source"], record["source"]),
        "body": record["content"],
    }
    if author:
        out["author"] = author
    return out


@lru_cache(maxsize=2)
def _labelled_sources(path: Path) -> dict[str, str]:
    """``NAME.txt`` -> ``DATE.zip#INDEX`` from the table of the labelled folder's SOURCES.md
    (rows such as ``| `05_sy_aawsat.txt` | … | `2015-07-22.zip` → `2015-07-22.json` [29] | …``)."""
    table = re.finditer(
        r"^\|\s*`([^`]+\.txt)`.*?`(\d{4}-\d\d-\d\d\.zip)`[^\[]*\[(\d+)\]", path.read_text("utf-8"), re.M
    )
    return {m.group(1): f"{m.group(2)}#{m.group(3)}" for m in table}


@lru_cache(maxsize=4)
def _jsonl_by_title(path: Path) -> dict[str, dict[str, Any]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {" ".join(r["title"].split()): r for r in records}


# A list mark opening a section's text («* حاز مهرجان لوكارنو …»): decoration, which the cut may keep or
# drop with the mark of the heading above; the words after it are what a label's ``starts`` names.
_OPENING_MARK = re.compile(r"^[*•·▪●◦►]+\s*")


def _unmarked(text: str) -> str:
    return _OPENING_MARK.sub("", normalize(text))


def _starts(text: str, words: str) -> bool:
    return _unmarked(text).startswith(_unmarked(words))


def _ends(text: str, words: str) -> bool:
    return normalize(text).endswith(normalize(words))


def problems(article: Article, label: Label) -> list[str]:
    """What differs between the article's cut and the label; empty when the cut is exact."""
    found: list[str] = []
    got = [s.heading for s in article.sections]
    want = [s["heading"] for s in label.sections]
    if [normalize(h) if h else None for h in got] != [normalize(h) if h else None for h in want]:
        found.append(f"headings {got} != {want}")
    else:
        for section, expected in zip(article.sections, label.sections, strict=True):
            if not _starts(section.text, expected["starts"]):
                start = section.text[:60]
                found.append(f"section {section.heading!r} starts {start!r}, not {expected['starts']!r}")
    if article.sections and not _ends(article.sections[-1].text, label.ends):
        found.append(f"text ends {article.sections[-1].text[-60:]!r}, not {label.ends!r}")
    paragraphs = [normalize(p) for s in article.sections for p in (s.heading or "", *s.text.split("\n")) if p]
    for piece in label.furniture:
        folded = normalize(piece)
        if any(p.startswith(folded) or p.endswith(folded) for p in paragraphs):
            found.append(f"furniture left in a section: {piece!r}")
    return found


@dataclass(slots=True)
class SplitScore:
    """Exact cuts of one split of the labels."""

    articles: int = 0
    exact: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.exact / self.articles if self.articles else 0.0


def score(pairs: Iterable[tuple[Label, Article]]) -> dict[str, SplitScore]:
    """Exact-cut counts per split, with one line per failing article."""
    scores: dict[str, SplitScore] = {}
    for label, article in pairs:
        split = scores.setdefault(label.split, SplitScore())
        split.articles += 1
        issues = problems(article, label)
        if issues:
            split.failures.append(f"{label.id}: " + "; ".join(issues))
        else:
            split.exact += 1
    return scores
