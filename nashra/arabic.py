"""Arabic text primitives shared by every stage: normalization, words, clitics, sentences.

Matching Arabic news text against names (regions, keywords, user input) only works when both sides are
folded the same way, so every comparison in Nashra goes through :func:`normalize`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_TATWEEL = "\u0640"
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_QUOTES = re.compile("[\"'«»“”„‟‘’‚‛`´]")

_LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ک": "ك",  # Persian kaf
        "ڤ": "ف",
        "ڨ": "ق",  # Maghrebi qaf (used for g)
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
        "۰": "0",
        "۱": "1",
        "۲": "2",
        "۳": "3",
        "۴": "4",
        "۵": "5",
        "۶": "6",
        "۷": "7",
        "۸": "8",
        "۹": "9",
    }
)

# Arabic-Indic (٠-٩) and Persian (۰-۹) digits, as people type times and numbers in Arabic.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# A word: Arabic letters (with marks), Latin letters, digits. Everything else separates words.
_WORD = re.compile(
    r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06fa-\u06ffA-Za-z0-9\u064b-\u065f\u0670\u0640]+"
)

# Proclitics that attach to a noun, outermost first: conjunctions, then prepositions.
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


def normalize(text: str) -> str:
    """Fold the spelling variation of Arabic (and case of Latin) text for comparison.

    Alef/hamza forms become ا, ى becomes ي, ة becomes ه, ؤ/ئ lose their hamza, diacritics, tatweel,
    invisible marks and quotation marks go, digits become ASCII, whitespace collapses.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = _QUOTES.sub("", text)
    text = text.translate(_LETTER_MAP).casefold()
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the original text with its position, so matches can point back into the text."""

    text: str
    start: int
    end: int

    @property
    def norm(self) -> str:
        return normalize(self.text)


def words(text: str) -> list[Word]:
    """Split text into words with their character offsets."""
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def word_list(text: str) -> list[str]:
    """The normalized words of a text."""
    return [w for w in (normalize(m.group()) for m in _WORD.finditer(text)) if w]


def clitic_stems(word: str) -> Iterator[str]:
    """Yield the normalized word and each reading of it with attached proclitics removed.

    Handles و/ف, then ب/ل/ك, then the article ال, and ل + ال written لل (للرقة -> الرقة). The word
    itself comes first; callers that look names up try the readings in order. Stems shorter than two
    letters are not produced.
    """
    word = normalize(word)
    seen: set[str] = set()

    def emit(candidate: str) -> Iterator[str]:
        if len(candidate) >= 2 and candidate not in seen:
            seen.add(candidate)
            yield candidate

    yield from emit(word)
    bases = [word]
    if word[:1] in _CONJUNCTIONS and len(word) > 3:
        bases.append(word[1:])
    for base in list(bases):
        if base[:1] in _PREPOSITIONS and len(base) > 3:
            if base.startswith("لل") and len(base) > 4:
                yield from emit("ال" + base[2:])
            bases.append(base[1:])
    for base in bases:
        yield from emit(base)
    for base in bases:
        if base.startswith("ال") and len(base) > 4:
            yield from emit(base[2:])


# Sentence ends: . ! ? ؟ ؛ … and the Arabic full stop; a period between digits (2.5) is no end.
_SENTENCE_END = re.compile(r"(?:\.(?!\d)|(?<!\d)\.|[!?؟؛…۔])+[\"”»’)]*")


def split_sentences(text: str) -> list[str]:
    """Split Arabic text into sentences on . ! ? ؟ ؛ … and line breaks, keeping the punctuation.

    A period inside a number (2.5, 1.200) does not end a sentence.
    """
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _SENTENCE_END.finditer(line):
            piece = line[start : match.end()].strip()
            if piece and any(ch.isalnum() for ch in piece):
                sentences.append(piece)
            elif piece and sentences:
                sentences[-1] += piece
            start = match.end()
        rest = line[start:].strip()
        if rest and any(ch.isalnum() for ch in rest):
            sentences.append(rest)
    return sentences


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def is_mostly_arabic(text: str, threshold: float = 0.5) -> bool:
    """True when at least ``threshold`` of the letters are Arabic."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    return sum(1 for ch in letters if _ARABIC_LETTER.match(ch)) / len(letters) >= threshold


RLM = "\u200f"


def rtl_line(text: str) -> str:
    """Prefix a line with a right-to-left mark so terminals and clients keep Arabic lines right-aligned."""
    return RLM + text


def western_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Persian digits written as 0-9 (nothing else changes)."""
    return text.translate(_DIGITS)
