"""Reading article files: bytes to text (size cap, encodings, binary refusal) and the plain-text layout.

The plain-text layout is the one news sites export: the title on the first line, a byline
``source – author``, lead paragraphs, then heading lines each followed by their paragraphs, often with a
trailing related-links list (dropped by :mod:`nashra.articles.sectioning`).
"""

from __future__ import annotations

import re
from pathlib import Path

from nashra.arabic import is_mostly_arabic
from nashra.articles.errors import ArticleError
from nashra.articles.model import Article
from nashra.articles.sectioning import section_lines
from nashra.config import size_limit

# Bytes sniffed to tell text from binary: a NUL never occurs in UTF-8 or cp1256 text.
_SNIFF_BYTES = 8192
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# "source – author": en dash, em dash or hyphen with spaces around it.
_BYLINE = re.compile(r"^(?P<source>[^–—\-]{2,60}?)\s+[–—-]\s+(?P<author>.{2,80})$")
_BYLINE_MAX_WORDS = 12


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The content of ``path``, refused before reading when it is larger than ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(f"{path}: file is too large ({_mb(size)}, more than {size_limit(max_bytes)})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ArticleError(f"{path}: file grew past {size_limit(max_bytes)} while being read")
    return data


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def decode_text(data: bytes, origin: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else Windows Arabic (cp1256).

    Arabic news archives exported on Windows are often cp1256; accepting them when they decode to
    mostly-Arabic text saves users a conversion step. Anything else is refused with the offset of the
    first invalid byte.
    """
    if not data.strip():
        raise ArticleError(f"{origin}: file is empty")
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise ArticleError(f"{origin}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            text = ""
        if not text or not is_mostly_arabic(text):
            raise ArticleError(
                f"{origin}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from None
    if len(_CONTROL.findall(text[:_SNIFF_BYTES])) > 8:
        raise ArticleError(f"{origin}: binary file, not text")
    return text


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """(source, author) of a ``source – author`` line, or None when the line is not a byline."""
    if len(line.split()) > _BYLINE_MAX_WORDS or line.rstrip().endswith((".", "؟", "!", ":")):
        return None
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    return match.group("source").strip(), match.group("author").strip() or None


def parse_text(text: str, origin: str) -> Article:
    """An article in the plain-text layout; the byline is optional, the title and a body are not."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    content = [i for i, line in enumerate(lines) if line]
    if not content:
        raise ArticleError(f"{origin}: file is empty")
    title = lines[content[0]]
    rest = lines[content[0] + 1 :]
    source = author = None
    first = next((i for i, line in enumerate(rest) if line), None)
    if first is not None:
        byline = parse_byline(rest[first])
        if byline:
            source, author = byline
            rest = rest[first + 1 :]
    sections = section_lines(rest)
    if not sections:
        raise ArticleError(f"{origin}: no article text after the title")
    return Article(title=title, sections=sections, source=source, author=author, origin=origin)
