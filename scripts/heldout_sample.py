"""Draw a fresh, reproducible sample of SaudiNewsNet articles for a blind section and region labelling round.

Run through ``python scripts/rounds.py sample heldoutN``; the rounds differ only in their seed, size and
``kinds`` (the table in scripts/rounds.py). Leaves out every article already used: named by a label file in
tests/data (section labels by ``DATE.zip#INDEX``, region labels by their ``source``), any article of
../shared/real/articles and ../shared/real/labelled (by URL), and any record sharing a paragraph of 40
characters or more with the text of a label file, a test fixture or those shared articles (so a story crawled
twice, under two URLs, is left out too). Draws ``per_outlet`` articles per outlet, one of them among articles
whose crawled body has several short lines (sub-headings, captions, bylines) so the hard layouts are
represented, then tops up to ``total`` from the rest. A round may pass ``kinds``, a pattern over the title and
opening lines: each outlet's second article is then drawn among the records it matches (the kinds of article
earlier rounds held few of), still at random, from the whole pool where none matches; with one article per
outlet, that one is drawn among the outlet's matching records (those with several short lines first).
"""

from __future__ import annotations

import json
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
MIN_CHARS, MAX_CHARS = 250, 2600
MIN_PARAGRAPH = 40
REF = re.compile(r"(\d{4}-\d\d-\d\d\.zip)[#:](\d+)")


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a parsed JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _paragraphs(text: str) -> set[str]:
    """The long lines of a text, whitespace collapsed: what two copies of one story share."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return {line for line in lines if len(line) >= MIN_PARAGRAPH}


def used(real: Path) -> tuple[set[str], set[str], set[str]]:
    """Refs (``DATE.zip#INDEX``), URLs and long paragraphs of every article already labelled or used."""
    refs: set[str] = set()
    urls: set[str] = set()
    paragraphs: set[str] = set()
    for path in sorted(DATA.rglob("*")):
        if not path.is_file() or path.suffix not in {".jsonl", ".json", ".txt", ".md"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        refs.update(m.group(1) + "#" + m.group(2) for m in REF.finditer(text))
        urls.update(re.findall(r"https?://[^\s\"|]+", text))
        if path.suffix == ".jsonl":
            for line in text.splitlines():
                try:
                    strings = list(_strings(json.loads(line)))
                except json.JSONDecodeError:
                    strings = [line]
                for string in strings:
                    paragraphs |= _paragraphs(string)
        else:
            paragraphs |= _paragraphs(text)
    for folder in (real / "articles", real / "labelled"):
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            body = path.read_text(encoding="utf-8", errors="replace")
            paragraphs |= _paragraphs(body)
            if path.name == "SOURCES.md":
                urls.update(re.findall(r"https?://[^\s|]+", body))
                refs.update(
                    m.group(1) + "#" + m.group(2)
                    for m in re.finditer(r"(\d{4}-\d\d-\d\d\.zip)`[^\[]*\[(\d+)\]", body)
                )
    return refs, urls, paragraphs


def _opening(record: dict) -> str:
    """The title and first three lines of a record: where its kind (results, obituary, ...) shows."""
    return record["title"] + "\n" + "\n".join(record["content"].strip().split("\n")[:3])


def draw(
    real: Path, seed: int, total: int = 30, per_outlet: int = 2, kinds: re.Pattern | None = None
) -> list[tuple[str, dict]]:
    """``total`` unused records as (``DATE.zip#INDEX``, record), spread over the outlets; with ``kinds``,
    each outlet's second pick (its only one, when ``per_outlet`` is 1) is drawn among the records whose
    opening it matches, where there are any."""
    rng = random.Random(seed)
    refs, urls, paragraphs = used(real)
    by_outlet: dict[str, list[tuple[str, dict]]] = {}
    for path in sorted((real / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            (name,) = z.namelist()
            for index, record in enumerate(json.loads(z.read(name))):
                ref = f"{path.name}#{index}"
                if ref in refs or record.get("url") in urls:
                    continue
                if not MIN_CHARS <= len(record["content"]) <= MAX_CHARS:
                    continue
                if _paragraphs(record["content"]) & paragraphs:
                    continue
                by_outlet.setdefault(record["source"], []).append((ref, record))
    chosen: list[tuple[str, dict]] = []
    for outlet in sorted(by_outlet):
        pool = by_outlet[outlet]
        hard = [
            p
            for p in pool
            if sum(1 for line in p[1]["content"].split("\n") if 0 < len(line.strip()) < 60) >= 2
        ]
        if kinds and per_outlet == 1:
            kind = [p for p in pool if kinds.search(_opening(p[1]))]
            hard = [p for p in hard if p in kind] or kind or hard
        picks = rng.sample(hard, 1) if hard else []
        others = [p for p in pool if p not in picks]
        kind = [p for p in others if kinds.search(_opening(p[1]))] if kinds else []
        picks += rng.sample(kind if len(kind) >= per_outlet - len(picks) else others, per_outlet - len(picks))
        chosen += picks
    rest = [p for outlet in sorted(by_outlet) for p in by_outlet[outlet] if p not in chosen]
    chosen += rng.sample(rest, total - len(chosen))
    return chosen
