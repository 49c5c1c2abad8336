"""Extractive summaries: one sentence of the section, chosen and shortened, always available.

This is what a section gets when no model is configured, or when the model fails or writes nothing
usable, so it must read like a newsletter line: one sentence of at most :data:`DEFAULT_WORDS` words
(about 23 on average on real news).

Candidates: each sentence, compressed when it is over the word budget (parentheses always go; then a
speaker's appositive name, "وقال المتحدث، فلان الفلاني، إن" → "وقال المتحدث إن", then trailing
circumstantial clauses such as "، وسط …" or "، فيما …"), and, while still too long, each prefix of it
that ends at a clause boundary (a comma or semicolon) with at least :data:`MIN_CLAUSE_WORDS` words;
failing any, its longest whole-word prefix that fits, marked with "…".

Choosing: a candidate's score adds its density (how much of the vocabulary the section keeps
returning to it covers per word: the summed square roots of the other sentences sharing each of its
topic stems, over its length to the power 0.4), the lead-position prior of its sentence (news puts
the point first) and its overlap with the heading. These weights were chosen on half of the XL-Sum
Arabic pairs and checked on the other half; ``benchmarks/summary_quality.py`` prints the figures and
the alternatives measured (LexRank and TextRank centrality, whole sentences, plain lead).

The summary is extractive by construction: a run of the source's own whitespace-separated tokens, in
order, with spans removed and clause punctuation trimmed at the end. It never writes a word the section
does not contain and never cuts one.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from nashra.arabic import clitic_stems, normalize, split_sentences, word_list

DEFAULT_WORDS = 30
# A hard cap on characters, whatever the word budget (a digest item must stay short).
MAX_CHARS = 300
MIN_WORDS = 5
# A clause cut keeps at least this many words (a shorter prefix rarely carries the news).
MIN_CLAUSE_WORDS = 8
# Density divides by length to this power: below 1, so a longer candidate is not penalized in full.
_LENGTH_EXPONENT = 0.4

# Function words carry no topic; normalized (ى->ي, ة->ه, أ->ا) so they match normalized text.
_STOPWORD_TEXT = (
    "في من على إلى عن أن إن أنه التي الذي الذين هذا هذه ذلك تلك مع ما لا لم لن كان كانت قد "
    "أو ثم بين بعد قبل حيث كما فيما عند منذ حتى إلا غير كل بعض أي هو هي هم هن نحو خلال وقال "
    "قال وقالت قالت وأضاف أضاف أيضا ضمن لدى عبر وفق إذا إذ لكن بل أمس اليوم"
)
_STOPWORDS = frozenset(normalize(w) for w in _STOPWORD_TEXT.split())


@dataclass(frozen=True, slots=True)
class Weights:
    """How candidates are ranked: density, lead position and heading overlap, and the position decay
    (sentence ``i`` gets ``1 / (1 + position_decay * i)``)."""

    density: float = 1.0
    position: float = 1.0
    heading: float = 0.5
    position_decay: float = 0.35


WEIGHTS = Weights()


def terms(text: str) -> Counter[str]:
    """Topic words of a text, reduced to their shortest clitic-free stem (function words left out)."""
    found: Counter[str] = Counter()
    for word in word_list(text):
        if word in _STOPWORDS or len(word) < 2 or word.isdigit():
            continue
        stems = list(clitic_stems(word))
        stem = min(stems, key=len) if stems else word
        if stem not in _STOPWORDS:
            found[stem] += 1
    return found


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two bags of words (0 when either is empty)."""
    if not a or not b:
        return 0.0
    dot = sum(count * b[term] for term, count in a.items() if term in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


# -- compression ------------------------------------------------------------------------------------

_CLAUSE_END = ("،", ",", "؛", ";")
_TRIM = "،,؛;:-–— "
# A sentence the splitter ended at a semicolon or colon reads as unfinished: it gets a full stop.
_TRIM_END = tuple("،,؛;:-–—")
# Words that open a trailing circumstantial clause after a comma: dropping it keeps the main event.
_TRAILING_OPENER_TEXT = (
    "وسط فيما بينما حيث مما وذلك والتي والذي الذي التي بعدما إثر عقب وفق وفقا بحسب حسب "
    "نقلا مشيرا مشيرة مضيفا مضيفة موضحا موضحة مؤكدا مؤكدة لافتا لافتة داعيا داعية معتبرا "
    "معتبرة ضمن إذ"
)
_TRAILING_OPENERS = frozenset(normalize(w) for w in _TRAILING_OPENER_TEXT.split())
# Verbs of saying that open an attribution ("وقال …، فلان، إن").
_SAY_VERB_TEXT = (
    "قال وقال قالت وقالت أضاف وأضاف أضافت وأضافت أكد وأكد أكدت وأكدت أوضح وأوضح أوضحت وأوضحت "
    "ذكر وذكر ذكرت وذكرت أعلن وأعلن أعلنت وأعلنت صرح وصرح صرحت وصرحت يقول ويقول تقول وتقول "
    "أفاد وأفاد أفادت وأفادت أشار وأشار أشارت وأشارت"
)
SAY_VERBS = frozenset(normalize(w) for w in _SAY_VERB_TEXT.split())
_THAT = frozenset(normalize(w) for w in ("إن", "إنه", "إنها", "أن", "أنه", "أنها", "بأن"))
_PAIRS = (("«", "»"), ("“", "”"), ("(", ")"))
# A parenthesis closing further away than this is left alone (it is not an aside).
_MAX_ASIDE_TOKENS = 15


def _bare(token: str) -> str:
    return normalize(token.strip("\"'«»“”()[]،,؛;:.!?؟…-–—"))


def drop_parentheses(tokens: list[str]) -> list[str]:
    """Tokens without parenthesized asides ("(27 عاما)"); punctuation right after one is kept, and an
    aside with a word glued after it stays (removing it would join text that was apart)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.startswith("("):
            end = next(
                (j for j in range(i, min(len(tokens), i + _MAX_ASIDE_TOKENS)) if ")" in tokens[j]), None
            )
            tail = tokens[end][tokens[end].rindex(")") + 1 :] if end is not None else ""
            # "(أوتشا)،أمس": a word glued after the parenthesis keeps the whole aside.
            if end is not None and not any(ch.isalnum() for ch in tail):
                if tail and out:
                    out[-1] += tail
                i = end + 1
                continue
        out.append(token)
        i += 1
    return out


def drop_speaker_name(tokens: list[str]) -> list[str]:
    """ "وقال المتحدث، فلان الفلاني، إن …" without the name between the commas (the role stays)."""
    for i, token in enumerate(tokens[:12]):
        if _bare(token) not in SAY_VERBS:
            continue
        for j in range(i + 1, min(len(tokens), i + 8)):
            if not tokens[j].endswith(("،", ",")):
                continue
            for k in range(j + 1, min(len(tokens) - 1, j + 6)):
                if tokens[k].endswith(("،", ",")) and _bare(tokens[k + 1]) in _THAT:
                    kept = tokens[: j + 1]
                    kept[-1] = kept[-1].rstrip("،,")
                    return kept + tokens[k + 1 :]
            break
        break
    return tokens


def clause_cuts(tokens: list[str]) -> list[int]:
    """Token counts after which the sentence may stop: after a comma or semicolon."""
    return [i + 1 for i, token in enumerate(tokens[:-1]) if token.endswith(_CLAUSE_END)]


def drop_trailing_clauses(tokens: list[str], budget: int) -> list[str]:
    """Drop trailing circumstantial clauses (", وسط …") while the sentence is over ``budget`` words."""
    while len(tokens) > budget:
        cut = next(
            (
                n
                for n in reversed(clause_cuts(tokens))
                if n >= MIN_WORDS and _bare(tokens[n]) in _TRAILING_OPENERS
            ),
            None,
        )
        if cut is None:
            break
        tokens = tokens[:cut]
    return tokens


def _balanced(tokens: list[str]) -> bool:
    text = " ".join(tokens)
    return text.count('"') % 2 == 0 and all(text.count(a) == text.count(b) for a, b in _PAIRS)


def finish(tokens: list[str], *, cut: bool) -> str:
    """Join kept tokens as a sentence: clause punctuation trimmed at the end, then "…" when words were
    cut off mid-clause, else a full stop unless the text already ends a sentence or a quotation."""
    text = " ".join(tokens).rstrip(_TRIM)
    if cut:
        return text + "…"
    if text and text[-1] not in '.!?؟…»"”)':
        text += "."
    return text


def compress(sentence: str, budget: int) -> list[str]:
    """The tokens of ``sentence`` without parentheses and, while still over ``budget`` words, without a
    speaker's appositive name and trailing circumstantial clauses."""
    tokens = drop_parentheses(sentence.split())
    if len(tokens) > budget:
        tokens = drop_trailing_clauses(drop_speaker_name(tokens), budget)
    return tokens


def shorten(sentence: str, budget: int, max_chars: int = MAX_CHARS) -> str:
    """``sentence`` within ``budget`` words and ``max_chars`` characters, compressed then cut after the
    last balanced clause that keeps at least :data:`MIN_CLAUSE_WORDS` words, else after a whole word
    with "…". A sentence that fits is returned as it is."""
    if len(sentence.split()) <= budget and len(sentence) <= max_chars:
        return sentence.strip()
    tokens = compress(sentence, budget)
    ends = prefix_ends(tokens, budget, max_chars)
    n, cut = ends[-1]
    return finish(tokens[:n], cut=cut)


def prefix_ends(tokens: list[str], budget: int, max_chars: int) -> list[tuple[int, bool]]:
    """Where a summary of ``tokens`` may end, as (token count, cut mid-clause), shortest first: the whole
    when it fits, else every clause end that fits and keeps :data:`MIN_CLAUSE_WORDS` words with quotes
    and parentheses balanced, else the longest whole-word prefix that fits."""

    def fits(n: int, cut: bool) -> bool:
        return n <= budget and len(finish(tokens[:n], cut=cut)) <= max_chars

    if fits(len(tokens), False):
        return [(len(tokens), False)]
    ends = [
        (n, False)
        for n in clause_cuts(tokens)
        if n >= MIN_CLAUSE_WORDS and fits(n, False) and _balanced(tokens[:n])
    ]
    if ends:
        return ends
    n = min(len(tokens), budget)
    while n > 1 and not fits(n, True):
        n -= 1
    return [(n, True)]


# -- choosing ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible summary: the first ``length`` of ``tokens`` (sentence number ``sentence``
    compressed), whether that cuts a clause, and its density (see :func:`candidates`)."""

    sentence: int
    tokens: list[str]
    length: int
    cut: bool
    density: float

    def text(self) -> str:
        kept = self.tokens[: self.length]
        if self.length == len(self.tokens) and not self.cut and not kept[-1].endswith(_TRIM_END):
            return " ".join(kept)
        return finish(kept, cut=self.cut)


def candidates(sentences: list[str], budget: int, max_chars: int = MAX_CHARS) -> list[Candidate]:
    """Every sentence's possible summaries (see :func:`prefix_ends`) with their density: the sum, over
    the distinct topic stems a candidate covers, of the square root of how many other sentences share
    the stem, over its length in words to the power 0.4."""
    known: dict[str, frozenset[str]] = {}

    def stems_of(token: str) -> frozenset[str]:
        found = known.get(token)
        if found is None:
            found = known[token] = frozenset(terms(token))
        return found

    spread: Counter[str] = Counter()
    for sentence in sentences:
        spread.update(frozenset().union(*(stems_of(t) for t in sentence.split())))
    out: list[Candidate] = []
    for index, sentence in enumerate(sentences):
        tokens = compress(sentence, budget)
        if not tokens:
            continue
        stems = [stems_of(token) for token in tokens]
        for n, cut in prefix_ends(tokens, budget, max_chars):
            covered = frozenset().union(*stems[:n])
            value = sum(math.sqrt(spread[stem] - 1) for stem in covered)
            out.append(Candidate(index, tokens, n, cut, value / (1.0 + n**_LENGTH_EXPONENT)))
    return out


def extractive_summary(
    heading: str | None,
    text: str,
    *,
    words: int = DEFAULT_WORDS,
    max_chars: int = MAX_CHARS,
    weights: Weights = WEIGHTS,
) -> str:
    """One sentence of ``text``, at most ``words`` words and ``max_chars`` characters, chosen and
    shortened as the module docstring says. An empty text gives the heading (shortened the same way);
    no text and no heading give ""."""
    sentences = split_sentences(text)
    options = candidates(sentences, words, max_chars)
    if not options:
        fallback = (heading or "").strip()
        return shorten(fallback, words, max_chars) if fallback else ""
    top = max(c.density for c in options) or 1.0
    title = terms(heading or "")

    def score(c: Candidate) -> float:
        lead = 1.0 / (1.0 + weights.position_decay * c.sentence)
        value = weights.density * c.density / top + weights.position * lead
        if title:
            value += weights.heading * cosine(terms(" ".join(c.tokens[: c.length])), title)
        return value - (1.0 if c.length < MIN_WORDS else 0.0)

    best = max(options, key=lambda c: (score(c), -c.sentence, c.length))
    return best.text()
