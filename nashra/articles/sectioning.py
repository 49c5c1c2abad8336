"""Split the body of an Arabic article into a lead and headed sections, dropping site boilerplate.

Plain-text news has no markup: a heading is recognised by its shape (a short line without
sentence-final punctuation, followed by body text). Related-links lists, share/follow prompts and
copyright lines are site furniture that would pollute summaries and region tags, so they are removed
before sectioning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nashra.arabic import normalize
from nashra.articles.model import Section

HEADING_MAX_WORDS = 16
HEADING_MAX_CHARS = 120
# A heading never ends like a sentence; … and closing quotes are allowed inside it.
_SENTENCE_FINAL = (".", "!", "?", "؟", ":", "؛", ";", "۔", "،", ",")
_TRAILING_CLOSERS = "\"”»’)]' \u200f\u200e"

# Compared against normalize(line): alef/hamza forms, ة -> ه and ى -> ي are already folded there.
_RELATED_HEADER = re.compile(
    r"^(?:اقرا|للمزيد اقرا|شاهد|طالع|تابع)\s*(?:ايضا|المزيد|كذلك)\b"
    r"|^(?:مواضيع|مقالات|اخبار|قصص|روابط)\s+(?:ذات صله|متعلقه|مرتبطه|مشابهه|ذات علاقه)"
    r"|^(?:قد يهمك|قد يعجبك|ننصحك بقراءه|اقرا المزيد|المزيد من الاخبار|الاكثر قراءه)"
)
_SHARE = re.compile(
    r"^(?:شارك(?:ها|وا)?|انشر)(?:\s+(?:هذا\s+)?(?:المقال|الخبر|الموضوع))?(?:\s*:?\s*(?:علي|عبر)\b.*)?:?$"
)
_FOLLOW = re.compile(r"^(?:للمزيد\s+)?(?:تابعونا|تابعنا|تابعوا|اشترك(?:وا)?)(?:\s+(?:علي|عبر|في)\b.*|\s*:?)$")
_COPYRIGHT = re.compile(r"جميع الحقوق محفوظه|©|\(c\)|حقوق النشر محفوظه|all rights reserved", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-–—•·*▪●◦►]|\d{1,2}[.)\-–]\s)\s*")
SHARE_MAX_WORDS = 12
RELATED_HEADER_MAX_WORDS = 4
RELATED_ITEM_MAX_WORDS = 25


def is_related_header(line: str) -> bool:
    """A line that opens a related-links list ("إقرأ أيضاً:", "مواضيع ذات صلة", …)."""
    return bool(_RELATED_HEADER.match(normalize(line)))


def is_boilerplate_line(line: str) -> bool:
    """Share/follow prompts and copyright lines: never part of the news."""
    folded = normalize(line)
    if _COPYRIGHT.search(folded):
        return True
    if len(folded.split()) > SHARE_MAX_WORDS:
        return False
    return bool(_SHARE.match(folded) or _FOLLOW.match(folded))


def strip_boilerplate(lines: Iterable[str]) -> list[str]:
    """The lines without related-links lists, share/follow prompts and copyright lines.

    A related-links header drops itself and the list below it: the bullet lines that follow, or,
    for an unbulleted list, the short lines up to the next blank line or body paragraph. Blank lines are
    kept (as "") so callers still see paragraph breaks.
    """
    out: list[str] = []
    pending = [line.strip() for line in lines]
    i = 0
    while i < len(pending):
        line = pending[i]
        if line and is_related_header(line):
            # "اقرأ أيضاً: <title>" on one line is a single link; a bare header opens a list.
            inline = len(line.split()) > RELATED_HEADER_MAX_WORDS
            i = _skip_bullets(pending, i + 1) if inline else _skip_related_list(pending, i + 1)
            continue
        if line and is_boilerplate_line(line):
            i += 1
            continue
        out.append(line)
        i += 1
    return out


def _skip_bullets(lines: list[str], i: int) -> int:
    """Index of the first line from ``i`` on that is neither a bullet nor a blank between bullets."""
    j = i
    while j < len(lines) and (not lines[j] or _BULLET.match(lines[j])):
        if lines[j]:
            i = j + 1
        j += 1
    return i


def _skip_related_list(lines: list[str], i: int) -> int:
    """Index of the first line after the related-links list that starts at ``i``."""
    while i < len(lines) and not lines[i]:
        i += 1
    if i < len(lines) and _BULLET.match(lines[i]):
        return _skip_bullets(lines, i)
    while i < len(lines) and lines[i] and len(lines[i].split()) <= RELATED_ITEM_MAX_WORDS:
        if _ends_sentence(lines[i]) and not lines[i].rstrip(_TRAILING_CLOSERS).endswith(("?", "؟")):
            break
        i += 1
    return i


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_TRAILING_CLOSERS).endswith(_SENTENCE_FINAL)


def looks_like_heading(line: str) -> bool:
    """Short, and not ending like a sentence: the shape of a heading (context decides the rest)."""
    if not line or _BULLET.match(line):
        return False
    if len(line) > HEADING_MAX_CHARS or len(line.split()) > HEADING_MAX_WORDS:
        return False
    return not _ends_sentence(line)


def _is_body(line: str, heading: str) -> bool:
    """Body text: ends like a sentence, or is clearly longer than the candidate heading above it."""
    return _ends_sentence(line) or len(line.split()) > max(HEADING_MAX_WORDS, len(heading.split()))


def section_lines(lines: Iterable[str]) -> list[Section]:
    """Sections of a body given as lines: one paragraph per non-empty line, headings by their shape.

    The paragraphs before the first heading form the lead (heading None). A heading-shaped line is a
    heading only when body text follows it; otherwise it stays a paragraph of the current section.
    Section text keeps paragraph breaks as single newlines.
    """
    paragraphs = [line for line in strip_boilerplate(lines) if line]
    sections: list[Section] = []
    heading: str | None = None
    body: list[str] = []
    for i, line in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if following is not None and looks_like_heading(line) and _is_body(following, line):
            if body:
                sections.append(Section(heading, "\n".join(body)))
            heading, body = line, []
        else:
            body.append(line)
    if body:
        sections.append(Section(heading, "\n".join(body)))
    return [s for s in sections if s.text]


def section_text(text: str) -> list[Section]:
    """Sections of a body given as one string (see :func:`section_lines`)."""
    return section_lines(text.splitlines())
