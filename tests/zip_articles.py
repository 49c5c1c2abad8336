"""Zip archives of Arabic articles that the zip tests build themselves (``tests/test_ingest_zip*.py``)."""

from __future__ import annotations

import zipfile
from pathlib import Path

PARAGRAPH = "شهدت مدينة حمص اليوم تطورات ميدانية متسارعة وفق ما أفادت به مصادر محلية متطابقة."


def text_article(n: int) -> str:
    """Plain-text article number ``n``: a title line, a blank line, one paragraph."""
    return f"خبر رقم {n} عن حلب\n\n{PARAGRAPH} {n}\n"


def make_zip(path: Path, members: dict[str, str | bytes]) -> Path:
    """Write ``members`` (name: content) deflated into the zip at ``path``; returns ``path``."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path
