"""Post-processing of generated summaries: tidy whitespace, drop repeats and a cut-off last sentence.

Seq2seq models under beam search loop on phrases and stop mid-sentence when they hit the token limit;
a digest line must read as finished prose, so these defects are repaired before anything is stored.
"""

from __future__ import annotations

import re

from nashra.arabic import SENTENCE_ENDS, is_mostly_arabic, normalize, split_sentences, word_list, word_set
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
    return start_cleanly(" ".join(kept))


# -- the first words of a digest item -----------------------------------------------------------------

# A sentence taken out of a story often opens by tying itself to the one before: «وقال», «ففي», «كما»,
# «إلا أن», «من جهته،». Alone in a digest those words tie it to nothing; dropping them leaves a sentence
# that reads whole («وقال» -> «قال», «ففي» -> «في», «إلا أن الحكومة رفضت» -> «الحكومة رفضت»).
# Normalized forms (nashra.arabic.normalize).
_OPENING_PHRASES = word_set(
    "من_جهته من_جهتها من_جانبه من_جانبها من_جهتهم من_جانبهم في_المقابل بالمقابل في_غضون_ذلك الى_ذلك "
    "من_ناحيه_اخري من_ناحيته من_ناحيتها في_السياق_ذاته في_السياق_نفسه في_سياق_متصل في_هذا_السياق "
    "في_الاثناء في_هذه_الاثناء في_غضون_ذلك علي_صعيد_اخر بدوره بدورها كذلك ايضا"
)
_OPENING_PAIRS = word_set(
    "الا_ان الا_انه الا_انها غير_ان غير_انه غير_انها بيد_ان كما_ان كما_انه كما_انها حيث_ان حيث_انه "
    "حيث_انها اذ_ان اذ_انه علما_ان علما_بان"
)
_OPENING_WORDS = word_set("كما ثم لكن لكنه لكنها بينما فيما حيث اذ بل كذلك ايضا")
# «فيما يتعلق ب…» ("as for") is no connective: the words after it need it.
_KEEP_AFTER = {"فيما": word_set("يتعلق يخص")}
# What «و» or «ف» may stand before as a conjunction at a sentence's start: function words and verbs of
# saying («وفي», «فقد», «وقال»); before other words the letter may be the word's own («وزير», «فرنسا»).
_AFTER_CONJUNCTION = word_set(
    "في من علي عن الي ان قد لم لن لا كان كانت ما هذا هذه ذلك تلك بعد قبل خلال منذ عند مع بين اما لكن "
    "كما حيث اذ قال قالت اضاف اضافت اكد اكدت اوضح اوضحت ذكر ذكرت اعلن اعلنت صرح صرحت اشار اشارت "
    "افاد افادت تابع تابعت يقول تقول"
)
_LEADING_PUNCTUATION = "،,؛;:-–— "
# A summary is left as it is when dropping its opening would leave fewer words than this.
_MIN_LEFT = 4


def start_cleanly(text: str, known: frozenset[str] = frozenset()) -> str:
    """``text`` without the connective it opens with, when what is left still reads as a sentence.

    Drops an opening phrase («من جهته،», «وفي السياق ذاته،», «من جانبه قال»), a connective pair
    («إلا أن», «كما أنه»), a connective («كما», «ثم», «لكن», «بينما»), and the conjunction «و» or «ف»
    written onto the first word when the rest is a function word or a verb of saying («ففي» -> «في»,
    «وقال» -> «قال») or, for other words, a word the section itself uses without it (``known``:
    normalized words; «والرئيس» -> «الرئيس» when «الرئيس» stands elsewhere). Left unchanged when fewer
    than :data:`_MIN_LEFT` words would remain.
    """
    tokens = text.split()
    for _ in range(4):
        dropped = _drop_opening(tokens, known)
        if dropped is None:
            break
        tokens = dropped
    if len(tokens) < _MIN_LEFT:
        return text
    return " ".join(tokens)


def _norm(token: str) -> str:
    return normalize(token.strip("\"'«»“”()[]،,؛;:.!?؟…-–—"))


def _drop_opening(tokens: list[str], known: frozenset[str]) -> list[str] | None:
    """``tokens`` less one opening connective, or None when they open with none."""
    if len(tokens) < 2:
        return None
    words = [_norm(token) for token in tokens[:4]]
    for size in range(min(4, len(tokens) - 1), 0, -1):
        phrase = " ".join(words[:size])
        if phrase in _OPENING_PHRASES or (phrase[:1] in "وف" and phrase[1:] in _OPENING_PHRASES):
            return _trimmed(tokens[size:])
    first = words[0]
    if f"{first} {words[1]}" in _OPENING_PAIRS:
        return _trimmed(tokens[2:])
    if first in _OPENING_WORDS and words[1] not in _KEEP_AFTER.get(first, ()):
        return _trimmed(tokens[1:])
    head = tokens[0]
    if head[:1] in "وف" and len(first) > 2:
        rest = first[1:]
        if rest in _AFTER_CONJUNCTION or (len(rest) > 2 and rest in known):
            return [head[1:], *tokens[1:]]
    return None


def _trimmed(tokens: list[str]) -> list[str]:
    if tokens:
        tokens = [tokens[0].lstrip(_LEADING_PUNCTUATION), *tokens[1:]]
    return [token for token in tokens[:1] if token] + tokens[1:]


def is_usable(summary: str, source: str) -> bool:
    """A summary worth showing: a few words, and Arabic when the section is Arabic."""
    if len(word_list(summary)) < MIN_SUMMARY_WORDS:
        return False
    return not (is_mostly_arabic(source) and not is_mostly_arabic(summary))
