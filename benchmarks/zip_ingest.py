"""Reading articles from a zip against reading the same files from a folder (the baseline, same run).

Writes --members small text articles (deflated) into a zip and, unzipped, into a folder, then times
listing and reading every article of each as ``nashra ingest`` does (:func:`nashra.articles.files.walk`,
then :func:`~nashra.articles.files.read_zip_member` or :func:`~nashra.articles.files.read_article_file`),
--repeat times (median, seconds), and prints the ratio zip / folder. Storing is left out: it costs the
same whichever way an article came. A zip is opened once for all its members; opening it for each one
re-read its central directory every time (16 ms for 5,000 members).

    python benchmarks/zip_ingest.py [--members 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from nashra.articles.files import read_article_file, read_zip_member, walk
from nashra.articles.zipfiles import ZipMember

PARAGRAPH = "شهدت مدينة حمص اليوم تطورات ميدانية متسارعة وفق ما أفادت به مصادر محلية متطابقة."
MAX_BYTES = 10_000_000


def article(n: int) -> str:
    return f"خبر رقم {n} عن حمص\nوكالة الأنباء\n\n{PARAGRAPH} {n}\n{PARAGRAPH}\n"


def read_all(target: Path) -> int:
    count = 0
    for found in walk([target]):
        if isinstance(found, ZipMember):
            count += len(read_zip_member(found, MAX_BYTES))
        elif isinstance(found, Path):
            count += len(read_article_file(found, MAX_BYTES))
    return count


def median_seconds(target: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        read_all(target)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "day"
        archive = Path(tmp) / "day.zip"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            for n in range(args.members):
                name = f"day/{n:06}.txt"
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(article(n), encoding="utf-8")
                zipped.writestr(name, article(n))
        assert read_all(archive) == read_all(folder) == args.members
        folder_s = median_seconds(folder, args.repeat)
        zip_s = median_seconds(archive, args.repeat)
    print(
        json.dumps(
            {
                "members": args.members,
                "folder_s": round(folder_s, 3),
                "zip_s": round(zip_s, 3),
                "zip_over_folder": round(zip_s / folder_s, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
