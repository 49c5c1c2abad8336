"""Extractive summaries: the most central early sentence(s) of a section, always available.

This is what a section gets when no model is configured, or when the model fails or writes nothing
usable, so it must read well: a whole sentence (or two short ones) that shares the most vocabulary
with the rest of the section, preferring the lead, within about 300 characters.
"""

from __future__ import annotations

import math
from collections import Counter

from nashra.arabic import clitic_stems, normalize, split_sentences, word_list

MAX_CHARS = 300
MIN_WORDS = 5
MAX_WORDS = 50

# Function words carry no topic; normalized (ى->ي, ة->ه, أ->ا) so they match normalized text.
_STOPWORD_TEXT = (
    "في من على إلى عن أن إن أنه التي الذي الذين هذا هذه ذلك تلك مع ما لا لم لن كان كانت قد "
    "أو ثم بين بعد قبل حيث كما فيما عند منذ حتى إلا غير كل بعض أي هو هي هم هن نحو خلال وقال "
    "قال وقالت قالت وأضاف أضاف أيضا ضمن لدى عبر وفق إذا إذ لكن بل أمس اليوم"
)
_STOPWORDS = frozenset(normalize(w) for w in _STOPWORD_TEXT.split())


def _terms(sentence: str) -> Counter[str]:
    """Topic words of a sentence, reduced to their shortest clitic-free stem."""
    terms: Counter[str] = Counter()
    for word in word_list(sentence):
        if word in _STOPWORDS or len(word) < 2 or word.isdigit():
            continue
        stems = list(clitic_stems(word))
        stem = min(stems, key=len) if stems else word
        if stem not in _STOPWORDS:
            terms[stem] += 1
    return terms


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[term] for term, count in a.items() if term in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _shorten(text: str, limit: int = MAX_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip("،,;؛:-– ")
    return cut + "…"


def extractive_summary(heading: str | None, text: str, *, max_chars: int = MAX_CHARS) -> str:
    """One or two sentences of ``text`` chosen by centrality, lead position and the heading."""
    sentences = split_sentences(text)
    if not sentences:
        return _shorten((heading or text).strip(), max_chars)
    fitting = [i for i, s in enumerate(sentences) if MIN_WORDS <= len(word_list(s)) <= MAX_WORDS]
    # Whole sentences read better than a cut one: prefer those within the length of a digest line.
    short = [i for i in fitting if len(sentences[i]) <= max_chars]
    candidates = short or fitting or list(range(len(sentences)))
    bags = [_terms(s) for s in sentences]
    title = _terms(heading or "")
    scores: dict[int, float] = {}
    for i in candidates:
        others = [_cosine(bags[i], bags[j]) for j in range(len(sentences)) if j != i]
        centrality = sum(others) / len(others) if others else 1.0
        lead = 1.0 / (1.0 + 0.35 * i)
        scores[i] = centrality + 0.5 * _cosine(bags[i], title) + 0.4 * lead
    ranked = sorted(candidates, key=lambda i: (-scores[i], i))
    best = ranked[0]
    chosen = [best]
    for other in ranked[1:]:
        joined = " ".join(sentences[i] for i in sorted([best, other]))
        # A second sentence only when it adds something and both fit the length of one digest line.
        if len(joined) <= max_chars and _cosine(bags[best], bags[other]) < 0.8:
            chosen.append(other)
        break
    return _shorten(" ".join(sentences[i] for i in sorted(chosen)), max_chars)
