"""Real articles ingested, then ingested again as an editor's correction or as a damaged copy: how many
corrections still update, and how many damaged copies are kept out (the stored version stays).

Usage: python scripts/damaged_copies.py [SAUDINEWSNET_ZIP] [ARTICLES]

Reads the first ARTICLES (300) articles of at least two paragraphs of the zip (default: the first day of
SaudiNewsNet in the shared corpus), stores them in a temporary database, then ingests one changed copy
of each per kind, each kind alone, and prints per kind: updated, kept out (rejected), unchanged. Edits:
a paragraph added at the end, the last paragraph removed, a middle paragraph removed, a word of a
sentence reworded, a typo fixed (a letter changed), the last sentence removed, the text's closing full
stop (or other final mark) dropped. Damage: cut at a random point (10-95 %), cut to 200 characters, a
few bytes garbled (decoded with U+FFFD). Seeded: the same figures every run.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from nashra.arabic import SENTENCE_ENDS, split_sentences
from nashra.articles.ingest import ingest
from nashra.config import Config
from nashra.storage import Database

DEFAULT_ZIP = Path(__file__).resolve().parents[2] / "shared/real/saudinewsnet/2015-07-21.zip"

Change = Callable[[str, random.Random], str]


def paragraphs(body: str) -> list[str]:
    return [line.strip() for line in body.split("\n") if line.strip()]


def add_paragraph(body: str, rng: random.Random) -> str:
    return body + "\n\nوأكد المتحدث في ختام تصريحه أن العمل سيستمر وفق الخطة المعلنة دون أي تأخير."


def drop_last_paragraph(body: str, rng: random.Random) -> str:
    return "\n\n".join(paragraphs(body)[:-1])


def drop_middle_paragraph(body: str, rng: random.Random) -> str:
    parts = paragraphs(body)
    del parts[rng.randrange(len(parts) - 1)]
    return "\n\n".join(parts)


def reword(body: str, rng: random.Random) -> str:
    words = body.split(" ")
    index = rng.randrange(len(words))
    words[index] = "المذكور" if words[index] != "المذكور" else "المعني"
    return " ".join(words)


def typo_fix(body: str, rng: random.Random) -> str:
    letters = [i for i, ch in enumerate(body) if "\u0621" <= ch <= "\u064a"]
    index = rng.choice(letters)
    return body[:index] + ("ة" if body[index] != "ة" else "ه") + body[index + 1 :]


def drop_last_sentence(body: str, rng: random.Random) -> str:
    parts = paragraphs(body)
    sentences = split_sentences(parts[-1])
    if len(sentences) < 2:
        return "\n\n".join(parts[:-1])
    return "\n\n".join([*parts[:-1], " ".join(sentences[:-1])])


def drop_closing_mark(body: str, rng: random.Random) -> str:
    text = body.rstrip()
    return text[:-1] if text.endswith(tuple(SENTENCE_ENDS)) else text


def cut_random(body: str, rng: random.Random) -> str:
    return body[: int(len(body) * rng.uniform(0.1, 0.95))]


def cut_200(body: str, rng: random.Random) -> str:
    return body[:200]


def garble(body: str, rng: random.Random) -> str:
    data = bytearray(body.encode())
    for _ in range(3):
        data[rng.randrange(len(data))] = 0xFF
    return data.decode("utf-8", errors="replace")


EDITS: dict[str, Change] = {
    "paragraph added": add_paragraph,
    "last paragraph removed": drop_last_paragraph,
    "middle paragraph removed": drop_middle_paragraph,
    "word reworded": reword,
    "typo fixed": typo_fix,
    "last sentence removed": drop_last_sentence,
    "closing mark dropped": drop_closing_mark,
}
DAMAGE: dict[str, Change] = {
    "cut at random": cut_random,
    "cut to 200 chars": cut_200,
    "bytes garbled": garble,
}


def records(path: Path, count: int) -> list[dict[str, str]]:
    with zipfile.ZipFile(path) as archive:
        rows = json.loads(archive.read(archive.namelist()[0]))
    chosen = [
        {"title": row["title"], "url": row["url"], "source": row["source"], "body": row["content"]}
        for row in rows
        if len(paragraphs(row["content"])) >= 2 and len(row["content"]) > 400
    ]
    return chosen[:count]


async def run(path: Path, count: int) -> None:
    base = records(path, count)
    with tempfile.TemporaryDirectory() as folder:
        first = Path(folder, "first.jsonl")
        first.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in base), encoding="utf-8")
        print(f"{len(base)} real articles, {path.name}")
        print(f"{'kind':26} {'updated':>8} {'kept out':>9} {'unchanged':>10}")
        for group, kinds in (("edit", EDITS), ("damage", DAMAGE)):
            for name, change in kinds.items():
                db = await Database.open(Path(folder, f"{name}.db"))
                try:
                    config = Config().ingest
                    await ingest(db, [first], config)
                    rng = random.Random(name)
                    again = [dict(row, body=change(row["body"], rng)) for row in base]
                    second = Path(folder, "second.jsonl")
                    second.write_text(
                        "\n".join(json.dumps(row, ensure_ascii=False) for row in again), encoding="utf-8"
                    )
                    report = await ingest(db, [second], config)
                finally:
                    await db.close()
                kept = sum("kept the stored version" in line for line in report.rejected)
                print(f"{group + ': ' + name:26} {report.updated:>8} {kept:>9} {report.unchanged:>10}")


if __name__ == "__main__":
    zip_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ZIP
    asyncio.run(run(zip_path, int(sys.argv[2]) if len(sys.argv) > 2 else 300))
