"""Whether a new copy of a stored story is a damaged copy of it, which must not replace it.

A story is read again and again (a feed polled, a folder ingested anew), and a copy can arrive broken:
a download cut short (the body ends mid-word or mid-sentence), or text decoded with faults (U+FFFD
replacement characters). Stored, it would replace the clean text and be sent again as a correction.
An editor's correction looks different: the text changed, grew, or lost whole sentences or paragraphs,
so it ends where a sentence or a paragraph of the stored text ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from nashra.arabic import SENTENCE_ENDS, split_sentences, strip_closers

REPLACEMENT = "\ufffd"

# Of the stored text, the share a copy that is no prefix of it must have lost to be taken as cut
# short: a correction rewords and drops sentences, a truncated download of an edited text loses most.
_MOST_LOST = 0.5

# The end of a copy looked up in the stored text, in characters: long enough to be found in one place.
_TAIL_CHARS = 40


@dataclass(frozen=True, slots=True)
class Damage:
    """Why a copy is damaged: ``kind`` ``cut`` (``stored`` and ``new`` are the texts' lengths in
    characters) or ``garbled`` (``new`` counts the U+FFFD characters in the copy)."""

    kind: Literal["cut", "garbled"]
    stored: int
    new: int


def body_text(parts: Sequence[tuple[str | None, str]]) -> str:
    """An article's body as one line: each section's heading and text, whitespace collapsed."""
    return " ".join(piece for piece in (_piece(heading, text) for heading, text in parts) if piece)


def _piece(heading: str | None, text: str) -> str:
    return " ".join(f"{heading or ''} {text}".split())


def damage(
    stored_title: str,
    stored: Sequence[tuple[str | None, str]],
    new_title: str,
    new: Sequence[tuple[str | None, str]],
) -> Damage | None:
    """The damage of ``new`` (sections as ``(heading, text)``) as a copy of ``stored``, None when it is
    no damaged copy (a correction, or the same text).

    Garbled: the copy's title or text holds U+FFFD and the stored one holds none. Cut short: the copy
    is shorter and ends inside a sentence of the stored text (not where a sentence ends, as
    :func:`nashra.arabic.split_sentences` cuts them, nor where a section ends), and either the stored
    text begins with the copy (cut mid-word, too) and goes on with a letter or digit (a copy that lost
    only closing marks is a punctuation edit) where the copy ends no sentence (a final mark before a
    space is an end) or the copy lost more than :data:`_MOST_LOST` of it.
    A figure of :data:`_MOST_LOST`: the edits and cuts of real articles in ``scripts/damaged_copies.py``."""
    old_text, new_text = body_text(stored), body_text(new)
    faults = (new_title + new_text).count(REPLACEMENT)
    if faults and REPLACEMENT not in stored_title + old_text:
        return Damage("garbled", len(old_text), faults)
    if not new_text or len(new_text) >= len(old_text):
        return None
    ends = _boundaries(stored)
    if old_text.startswith(new_text):
        rest = old_text[len(new_text) :]
        # Only marks lost (a full stop dropped, "..." made "."): a punctuation edit, no text cut.
        lost_words = any(ch.isalnum() for ch in rest)
        cut = lost_words and len(new_text) not in ends and not _ends_a_sentence(new_text, rest)
        return Damage("cut", len(old_text), len(new_text)) if cut else None
    if len(new_text) > len(old_text) * (1 - _MOST_LOST):
        return None
    tail = new_text[-_TAIL_CHARS:]
    places = [match.end() for match in re.finditer(re.escape(tail), old_text)]
    if places and not any(place in ends for place in places):
        return Damage("cut", len(old_text), len(new_text))
    return None


def _ends_a_sentence(copy: str, rest: str) -> bool:
    """Whether ``copy`` ends with a sentence's final mark where the stored text goes on with a new word
    or more marks (``rest``): the editor ended a sentence there, though split_sentences reads no end (a
    dotted agency's last period, «أ.ف.ب.»; "!!" made "!"). Not after a number's point (2. of 2.5)."""
    return strip_closers(copy).endswith(tuple(SENTENCE_ENDS)) and not rest[:1].isalnum()


def _boundaries(parts: Sequence[tuple[str | None, str]]) -> set[int]:
    """Where in :func:`body_text` of ``parts`` a sentence or a section ends (character offsets)."""
    text = body_text(parts)
    ends = {len(text)}
    offset = 0
    for heading, section in parts:
        for piece in [heading or "", *split_sentences(section)]:
            piece = " ".join(piece.split())
            found = text.find(piece, offset) if piece else -1
            if found >= 0:
                offset = found + len(piece)
                ends.add(offset)
    return ends
