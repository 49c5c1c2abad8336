"""Post-processing of generated summaries: tidy whitespace, drop repeats and a cut-off last sentence.

Seq2seq models under beam search loop on phrases and stop mid-sentence when they hit the token limit;
a digest line must read as finished prose, so these defects are repaired before anything is stored.
"""

from __future__ import annotations

import re

from nashra.arabic import SENTENCE_ENDS, is_mostly_arabic, normalize, split_sentences, word_list
from nashra.telegram_limits import mark_cut

_CONTROL = re.compile("[\ufffd\u0000-\u0008\u000b-\u001f\u007f]")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,!?؟،؛:…])")
_MAX_PHRASE = 8
MIN_SUMMARY_WORDS = 3


def collapse_repeats(words: list[str]) -> list[str]:
    """Remove immediate repetitions of a phrase of 1-8 words ("قال قال" -> "قال")."""
    out: list[str] = []
    norms: list[str] = []
    for word in words:
        out.append(word)
        norms.append(normalize(word).strip(".,،؛:!?؟"))
        for size in range(1, min(_MAX_PHRASE, len(out) // 2) + 1):
            if norms[-size:] == norms[-2 * size : -size] and any(norms[-size:]):
                del out[-size:]
                del norms[-size:]
                break
    return out


def clean_summary(text: str, *, finished: bool = True) -> str:
    """Tidy a generated summary; ``finished`` is False when generation stopped at the token limit."""
    text = _CONTROL.sub("", text)
    text = " ".join(collapse_repeats(text.split()))
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text).strip()
    if not text:
        return ""
    kept: list[str] = []
    seen: set[str] = set()
    for sentence in split_sentences(text):
        key = " ".join(word_list(sentence))
        if key and key not in seen:
            seen.add(key)
            kept.append(sentence)
    if not finished and kept and kept[-1][-1] not in SENTENCE_ENDS:
        if len(kept) > 1:
            kept.pop()
        else:
            kept[-1] = mark_cut(kept[-1])
    return " ".join(kept)


def is_usable(summary: str, source: str) -> bool:
    """A summary worth showing: a few words, and Arabic when the section is Arabic."""
    if len(word_list(summary)) < MIN_SUMMARY_WORDS:
        return False
    return not (is_mostly_arabic(source) and not is_mostly_arabic(summary))
