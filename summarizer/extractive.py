"""Extractive summaries: one sentence of the section, chosen and shortened, always available.

This is what a section gets when no model is configured, or when the model fails or writes nothing
usable, so it must read like a newsletter line: one sentence of at most :data:`DEFAULT_WORDS` words
(about 24 on average on real news).

Candidates: each sentence, compressed when it is over the word budget (parentheses always go; then a
speaker's appositive name, "وقال المتحدث، فلان الفلاني، إن" → "وقال المتحدث إن", then trailing
circumstantial clauses such as "، وسط …" or "، فيما …"), and, while still too long, each prefix of it
that ends at a clause boundary (a comma or semicolon) with at least :data:`MIN_CLAUSE_WORDS` words;
failing any, its longest whole-word prefix that fits, marked with "…".

Choosing: a candidate is scored by its agreement with the rest of the section, measured as ROUGE-1
would measure it (see :class:`Agreement`: each other sentence, early ones weighing more, and the
heading stand in for the reference summary no one has written), plus a small lead-position prior
(news puts the point first), less a small cost for a cut that needs "…". The weights were chosen on
SaudiNewsNet articles whose lead sentence was held out as the reference
(``scripts/saudinewsnet_lead_pairs.py``) and on half of the XL-Sum Arabic pairs, and checked on the
other half; ``benchmarks/summary_quality.py`` prints the
figures under several ROUGE tokenizations, with the alternatives measured (LexRank and TextRank
centrality, agreement without the lead prior, whole sentences, plain lead).

The summary is extractive by construction: a run of the source's own whitespace-separated tokens, in
order, with spans removed and clause punctuation trimmed at the end, and without the connective it may
open with («وقال» -> «قال», «كما», «إلا أن»: :func:`summarizer.cleaning.start_cleanly`). It never writes
a word the section does not contain and never cuts one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from nashra.arabic import SENTENCE_ENDS, clitic_stems, normalize, split_sentences, word_list
from nashra.telegram_limits import mark_cut
from summarizer.cleaning import start_cleanly

DEFAULT_WORDS = 30
# A hard cap on characters, whatever the word budget (a digest item must stay short).
MAX_CHARS = 300
MIN_SENTENCE_WORDS = 5
# A clause cut keeps at least this many words (a shorter prefix rarely carries the news).
MIN_CLAUSE_WORDS = 8


@dataclass(frozen=True, slots=True)
class Weights:
    """How candidates are ranked (see :class:`Agreement` and :func:`extractive_summary`).

    ``reference_decay``: sentence ``j`` weighs ``1 / (1 + reference_decay * j)`` as a stand-in
    reference; ``own_sentence``: the factor on the candidate's own sentence; ``heading``: the heading's
    weight as a stand-in; ``reference_length``: the reference length in words of the Dice overlap
    (longer favours longer candidates); ``position`` and ``position_decay``: a lead prior
    ``position / (1 + position_decay * i)`` for a candidate from sentence ``i``; ``mid_clause_cut``:
    what a cut ending in "…" costs.
    """

    reference_decay: float = 0.2
    own_sentence: float = 0.5
    heading: float = 2.0
    reference_length: float = 30.0
    position: float = 0.02
    position_decay: float = 0.35
    mid_clause_cut: float = 0.01


WEIGHTS = Weights()


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
                if n >= MIN_SENTENCE_WORDS and _bare(tokens[n]) in _TRAILING_OPENERS
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
        return mark_cut(text)
    if text and text[-1] not in SENTENCE_ENDS + '»"”)':
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
class SummaryCandidate:
    """One possible summary: the first ``length`` of ``tokens`` (sentence number ``sentence``
    compressed) and whether that cuts a clause."""

    sentence: int
    tokens: list[str]
    length: int
    cut: bool

    def text(self) -> str:
        kept = self.tokens[: self.length]
        if self.length == len(self.tokens) and not self.cut and not kept[-1].endswith(_TRIM_END):
            return " ".join(kept)
        return finish(kept, cut=self.cut)


def candidates(sentences: list[str], budget: int, max_chars: int = MAX_CHARS) -> list[SummaryCandidate]:
    """Every sentence's possible summaries (see :func:`prefix_ends`), in sentence order."""
    out: list[SummaryCandidate] = []
    for index, sentence in enumerate(sentences):
        tokens = compress(sentence, budget)
        if tokens:
            out.extend(
                SummaryCandidate(index, tokens, n, cut) for n, cut in prefix_ends(tokens, budget, max_chars)
            )
    return out


@lru_cache(maxsize=1 << 16)
def _token_words(token: str) -> tuple[tuple[str, str], ...]:
    """(normalized word, its shortest clitic-free stem) for each word of one whitespace-separated
    token. Cached across calls: news repeats its tokens within and across sections, and normalizing
    is most of the work of choosing."""
    return tuple((word, min(clitic_stems(word), key=len, default=word)) for word in word_list(token))


class Agreement:
    """How much a candidate says what the rest of the section says, measured the way ROUGE-1 would.

    Each sentence of the section, and the heading, stands in for the unknown reference summary; a
    candidate's agreement is its Dice overlap (ROUGE-1 F-measure with the reference length fixed at
    ``reference_length`` words) with each stand-in, averaged with the weights of :class:`Weights`
    (early sentences count more, the candidate's own sentence less). Words are compared with the
    sentences as ROUGE compares them, normalized but not stemmed, function words included: a sentence
    that shares the section's wording, not only its topic, scores best. With the heading they are
    compared by their clitic-free stems, because headlines drop the article and the conjunctions the
    body writes ("مستشفى جديد" for "وبالمستشفى الجديد"). This is minimum-Bayes-risk selection (Kumar
    and Byrne, 2004) with the section as the sample of possible references.
    """

    def __init__(self, heading: str | None, sentences: list[str], weights: Weights) -> None:
        self.weights = weights
        # word -> [(sentence, count)]: the postings a candidate's words are looked up in.
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for j, sentence in enumerate(sentences):
            for word, count in Counter(word for word, _ in self.words_of(sentence.split())).items():
                self._postings.setdefault(word, []).append((j, count))
        self._heading = Counter(stem for _, stem in self.words_of(heading.split())) if heading else Counter()
        self._weight = [1.0 / (1.0 + weights.reference_decay * j) for j in range(len(sentences))]

    @staticmethod
    def words_of(tokens: list[str]) -> list[tuple[str, str]]:
        """(normalized word, stem) for each word of ``tokens``, in order."""
        return [pair for token in tokens for pair in _token_words(token)]

    def __call__(self, candidate: SummaryCandidate) -> float:
        """The weighted mean Dice overlap of ``candidate`` with the stand-ins, its own sentence weighing
        less (0 to 1)."""
        pairs = self.words_of(candidate.tokens[: candidate.length])
        if not pairs:
            return 0.0
        overlap = [0] * len(self._weight)
        for word, count in Counter(word for word, _ in pairs).items():
            for j, sentence_count in self._postings.get(word, ()):
                overlap[j] += min(count, sentence_count)
        weight = list(self._weight)
        weight[candidate.sentence] *= self.weights.own_sentence
        shared = sum(w * o for w, o in zip(weight, overlap, strict=True))
        total = sum(weight)
        if self._heading:
            stems = Counter(stem for _, stem in pairs)
            shared += self.weights.heading * sum(min(c, stems[stem]) for stem, c in self._heading.items())
            total += self.weights.heading
        size = len(pairs) + self.weights.reference_length
        return 2.0 * shared / size / total if total else 0.0


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
    agreement = Agreement((heading or "").strip() or None, sentences, weights)

    def score(c: SummaryCandidate) -> float:
        value = agreement(c) + weights.position / (1.0 + weights.position_decay * c.sentence)
        if c.cut:
            value -= weights.mid_clause_cut
        return value - (1.0 if c.length < MIN_SENTENCE_WORDS else 0.0)

    best = max(options, key=lambda c: (score(c), -c.sentence, c.length))
    # Standing alone in a digest, the sentence must not open by tying itself to the one before it.
    return start_cleanly(best.text(), frozenset(normalize(word) for word in word_list(text)))
