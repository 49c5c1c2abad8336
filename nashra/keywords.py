"""Keyword filters: plain words and phrases matched the way region names are, never as regexes.

A subscriber's words are normalized with :func:`nashra.arabic.normalize`; a text word matches a keyword
word when one of its readings without proclitics (:func:`nashra.arabic.clitic_stems`: و ف ب ل ك ال)
equals the keyword word, so "انتخابات" matches "والانتخابات" and "بالانتخابات". A keyword written with
the article ("الانتخابات") also matches the word without it. A phrase matches consecutive words.

Filtering a digest is set-based: :class:`KeywordIndex` indexes every story of a cycle once, and each
distinct keyword is looked up once per cycle, whatever the number of subscribers who chose it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nashra.arabic import clitic_stems, normalize, strip_controls, without_article, word_list

MAX_KEYWORDS = 50
MAX_PHRASE_WORDS = 5
MAX_PHRASE_CHARS = 60

# Several keywords in one message: commas (Latin and Arabic), semicolons, newlines.
_SEPARATORS = re.compile(r"[,،;؛\n]+")


class KeywordError(ValueError):
    """A keyword that cannot be used; ``term`` is the offending input."""

    def __init__(self, reason: str, term: str) -> None:
        super().__init__(f"{reason}: {term}")
        self.reason = reason
        self.term = term


@dataclass(frozen=True, slots=True)
class Keyword:
    """One keyword: ``phrase`` is its normalized words joined by spaces, ``shown`` as the user wrote it."""

    phrase: str
    shown: str
    exclude: bool = False


def parse_keywords(text: str) -> list[Keyword]:
    """Keywords in a user's message ("زلزال، كرة القدم, -رياضة"): a leading "-" marks an exclusion.

    Bidi controls and invisible characters are dropped first: a keyword's ``shown`` form goes back into
    replies, where a stray U+202E would reverse the text after it.
    Raises :class:`KeywordError` for a piece with no word, too many words or too many characters.
    """
    found: dict[str, Keyword] = {}
    for piece in _SEPARATORS.split(strip_controls(text)):
        piece = piece.strip()
        exclude = piece.startswith(("-", "−", "–"))
        piece = piece.lstrip("-−– ").strip()
        if not piece:
            continue
        if len(piece) > MAX_PHRASE_CHARS:
            raise KeywordError("too_long", piece)
        tokens = word_list(piece)
        if not tokens:
            raise KeywordError("no_word", piece)
        if len(tokens) > MAX_PHRASE_WORDS:
            raise KeywordError("too_many_words", piece)
        phrase = " ".join(tokens)
        found[phrase] = Keyword(phrase, " ".join(piece.split()), exclude)
    return list(found.values())


def keyword_forms(word: str) -> frozenset[str]:
    """What a keyword word matches: itself, and without its article (الانتخابات -> انتخابات)."""
    word = normalize(word)
    bare = without_article(word)
    return frozenset({word, bare} if bare else {word})


def text_readings(text: str) -> list[frozenset[str]]:
    """Per word of ``text``: the readings it can match (itself and without its proclitics)."""
    found = []
    for word in word_list(text):
        stems = set(clitic_stems(word))
        stems |= {bare for bare in map(without_article, stems) if bare}
        found.append(frozenset(stems))
    return found


def _phrase_at(readings: Sequence[frozenset[str]], start: int, forms: Sequence[frozenset[str]]) -> bool:
    if start + len(forms) > len(readings):
        return False
    return all(readings[start + j] & form for j, form in enumerate(forms))


def phrase_in(phrase: str, readings: Sequence[frozenset[str]]) -> bool:
    """Whether the normalized ``phrase`` occurs in a text given by its :func:`text_readings`."""
    forms = [keyword_forms(w) for w in phrase.split()]
    if not forms:
        return False
    return any(_phrase_at(readings, i, forms) for i in range(len(readings)))


def matches(phrase: str, text: str) -> bool:
    """Whether the keyword ``phrase`` occurs in ``text`` (see the module docstring)."""
    return phrase_in(" ".join(word_list(phrase)), text_readings(text))


class KeywordIndex:
    """The texts of one digest cycle, indexed by word reading, so a keyword costs one lookup per cycle."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._readings = [text_readings(t) for t in texts]
        self._postings: dict[str, set[int]] = {}
        for number, readings in enumerate(self._readings):
            for word in readings:
                for reading in word:
                    self._postings.setdefault(reading, set()).add(number)
        self._memo: dict[str, frozenset[int]] = {}

    def __len__(self) -> int:
        return len(self._readings)

    def matching(self, phrase: str) -> frozenset[int]:
        """Numbers of the texts that contain the normalized ``phrase``."""
        cached = self._memo.get(phrase)
        if cached is not None:
            return cached
        words = phrase.split()
        candidates: set[int] | None = None
        for word in words:
            hits: set[int] = set()
            for form in keyword_forms(word):
                hits |= self._postings.get(form, set())
            candidates = hits if candidates is None else candidates & hits
            if not candidates:
                break
        found = candidates or set()
        if len(words) > 1:
            found = {n for n in found if phrase_in(phrase, self._readings[n])}
        result = frozenset(found)
        self._memo[phrase] = result
        return result

    def keep(self, numbers: Iterable[int], include: Sequence[str], exclude: Sequence[str]) -> list[int]:
        """``numbers`` (in order) that match one of ``include`` (when any) and none of ``exclude``."""
        allowed: frozenset[int] | None = None
        if include:
            allowed = frozenset().union(*(self.matching(p) for p in include))
        banned: frozenset[int] = frozenset().union(*(self.matching(p) for p in exclude))
        return [n for n in numbers if (allowed is None or n in allowed) and n not in banned]


__all__ = [
    "MAX_KEYWORDS",
    "Keyword",
    "KeywordError",
    "KeywordIndex",
    "keyword_forms",
    "matches",
    "parse_keywords",
    "phrase_in",
    "text_readings",
]
