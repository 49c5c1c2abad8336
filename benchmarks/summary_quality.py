"""Summary quality: ROUGE of Nashra's built-in summaries against reference summaries, with baselines.

Scores the default summaries (what a section gets without a model) and two baselines measured in the
same run on the same articles: LEAD-1 (the text's first sentence) and LEAD-N (its first N words).
The data is JSON Lines of ``{"text": ..., "summary": ...}`` pairs; by default the 165 XL-Sum Arabic
pairs in ``../shared/real/xlsum_ar_165.jsonl`` (BBC Arabic; the reference is the article's bold
introductory sentence written by its journalists).

ROUGE is computed by Google's ``rouge-score`` package (the Python port of ROUGE-1.5.5: F-measure of
clipped n-gram overlap for ROUGE-1/2, of the longest common subsequence for ROUGE-L, no stemming)
with Arabic tokenizers passed in, because its default tokenizer keeps only ``[a-z0-9]`` and so drops
every Arabic word. The main tokenizer (``arabic``) removes diacritics and tatweel, folds the alef forms
(أ إ آ ٱ → ا) and treats anything but letters and digits as a separator; nothing else is folded (ى, ة
and clitics are left as written), so the figures stay comparable with other Arabic ROUGE reports.
Someone else's ROUGE may split Arabic differently, so ROUGE-1 and ROUGE-L are also printed under
other reasonable tokenizations side by side (see :data:`TOKENIZERS`), with the margin of each system
over LEAD-1 under each.

The rows are split in two parts by position: every other row (0, 2, 4, …) is the *tuning* part the
summarizer's weights were chosen on, the rest is *held out*. Both parts are reported with the whole.

    python benchmarks/summary_quality.py [DATA.jsonl ...] [--lead-words N] [--words N] [--alternatives]

Prints one table per file and a JSON line with every figure last. Exit status 2 with one line naming
the file and line when the data cannot be read.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rouge_score import rouge_scorer

from nashra.arabic import clitic_stems, fold_alef, normalize, split_sentences, strip_diacritics, word_list
from summarizer.extractive import DEFAULT_WORDS, Weights, extractive_summary, shorten

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "real" / "xlsum_ar_165.jsonl"
TUNING_EVERY = 2
_SEPARATORS = re.compile(r"[^\w]+|_")
_WORD_OR_MARK = re.compile(r"[^\W_]+|[^\w\s]|_")


class Tokenizer(Protocol):
    """What ``rouge-score`` calls to split a text into tokens."""

    def tokenize(self, text: str) -> list[str]: ...


class ArabicTokenizer:
    """ROUGE tokens of Arabic text: no diacritics or tatweel, one alef, no punctuation (see module doc)."""

    def tokenize(self, text: str) -> list[str]:
        text = fold_alef(strip_diacritics(text)).casefold()
        return [token for token in _SEPARATORS.split(text) if token]


class NoAlefFoldTokenizer:
    """As :class:`ArabicTokenizer`, but أ إ آ ٱ stay distinct from ا (as written)."""

    def tokenize(self, text: str) -> list[str]:
        return [token for token in _SEPARATORS.split(strip_diacritics(text).casefold()) if token]


class PunctuationTokenizer:
    """As :class:`ArabicTokenizer`, but each punctuation mark is a token of its own ("،", ".", "«")."""

    def tokenize(self, text: str) -> list[str]:
        return _WORD_OR_MARK.findall(fold_alef(strip_diacritics(text)).casefold())


class CliticTokenizer:
    """As :class:`ArabicTokenizer`, with a leading conjunction و and then the article ال split off as
    tokens of their own when at least two letters remain ("والحكومة" → "و", "ال", "حكومة")."""

    def tokenize(self, text: str) -> list[str]:
        out: list[str] = []
        for token in ArabicTokenizer().tokenize(text):
            if token.startswith("و") and len(token) > 3:
                out.append("و")
                token = token[1:]
            if token.startswith("ال") and len(token) > 3:
                out.append("ال")
                token = token[2:]
            out.append(token)
        return out


class NormalizedTokenizer:
    """Nashra's own folding (:func:`nashra.arabic.normalize`: ى → ي, ة → ه, hamza seats too), then
    words as :class:`ArabicTokenizer` splits them."""

    def tokenize(self, text: str) -> list[str]:
        return [token for token in _SEPARATORS.split(normalize(text)) if token]


class WhitespaceTokenizer:
    """The text split at whitespace, nothing removed or folded (punctuation stays on its word)."""

    def tokenize(self, text: str) -> list[str]:
        return text.split()


# Name -> tokenizer; the first is the main one (the ROUGE-2 column and the figures quoted elsewhere).
TOKENIZERS: dict[str, Tokenizer] = {
    "arabic": ArabicTokenizer(),
    "no-alef-fold": NoAlefFoldTokenizer(),
    "punctuation": PunctuationTokenizer(),
    "clitics": CliticTokenizer(),
    "normalized": NormalizedTokenizer(),
    "whitespace": WhitespaceTokenizer(),
}
MAIN = "arabic"


@dataclass(frozen=True, slots=True)
class Pair:
    text: str
    summary: str


@dataclass(slots=True)
class Scores:
    """Mean F-measures (as percentages) and mean length in words of one system's summaries."""

    rouge1: float
    rouge2: float
    rougeL: float
    words: float
    count: int

    def as_dict(self) -> dict[str, float]:
        return {
            "rouge1": round(self.rouge1, 2),
            "rouge2": round(self.rouge2, 2),
            "rougeL": round(self.rougeL, 2),
            "words": round(self.words, 1),
            "pairs": self.count,
        }


class DataError(Exception):
    """A data file that cannot be read as {text, summary} pairs; the message names the file and line."""


def load_pairs(path: Path) -> list[Pair]:
    """The pairs of a JSON Lines file; blank lines are skipped, anything else malformed is an error."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read ({exc})") from exc
    pairs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) for k in ("text", "summary")):
            raise DataError(f'{path}:{number}: expected an object with string "text" and "summary"')
        pairs.append(Pair(row["text"], row["summary"]))
    if not pairs:
        raise DataError(f"{path}: no pairs")
    return pairs


def lead_sentence(text: str) -> str:
    """LEAD-1: the first sentence (Nashra's Arabic sentence splitter)."""
    sentences = split_sentences(text)
    return sentences[0] if sentences else text


def lead_words(text: str, count: int) -> str:
    """LEAD-N: the first ``count`` whitespace-separated words."""
    return " ".join(text.split()[:count])


def pair_scores(
    candidates: Sequence[str], references: Sequence[str], tokenizer: Tokenizer
) -> list[tuple[float, float, float]]:
    """(ROUGE-1, ROUGE-2, ROUGE-L) F-measures of each candidate against its reference, as fractions."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=tokenizer)
    out = []
    for candidate, reference in zip(candidates, references, strict=True):
        result = scorer.score(reference, candidate)
        out.append((result["rouge1"].fmeasure, result["rouge2"].fmeasure, result["rougeL"].fmeasure))
    return out


def mean_scores(scores: Sequence[tuple[float, float, float]], candidates: Sequence[str]) -> Scores:
    """The mean of :func:`pair_scores` as percentages, with the candidates' mean length in words."""
    n = len(scores)
    r1, r2, rl = (100 * sum(s[k] for s in scores) / n for k in range(3))
    return Scores(r1, r2, rl, sum(len(c.split()) for c in candidates) / n, n)


def score(candidates: Sequence[str], references: Sequence[str], tokenizer: Tokenizer) -> Scores:
    """Mean ROUGE of ``candidates`` against ``references`` under ``tokenizer``."""
    return mean_scores(pair_scores(candidates, references, tokenizer), candidates)


# -- alternatives measured (``--alternatives``) ------------------------------------------------------

# Function words carry no topic (normalized, as the text they are matched against).
_STOPWORD_TEXT = (
    "في من على إلى عن أن إن أنه التي الذي الذين هذا هذه ذلك تلك مع ما لا لم لن كان كانت قد "
    "أو ثم بين بعد قبل حيث كما فيما عند منذ حتى إلا غير كل بعض أي هو هي هم هن نحو خلال وقال "
    "قال وقالت قالت وأضاف أضاف أيضا ضمن لدى عبر وفق إذا إذ لكن بل أمس اليوم"
)
_STOPWORDS = frozenset(normalize(word) for word in _STOPWORD_TEXT.split())


def terms(text: str) -> Counter[str]:
    """Topic words of a text, reduced to their shortest clitic-free stem (function words left out)."""
    found: Counter[str] = Counter()
    for word in word_list(text):
        if word in _STOPWORDS or len(word) < 2 or word.isdigit():
            continue
        stem = min(clitic_stems(word), key=len, default=word)
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


def pagerank(weights: list[list[float]], damping: float = 0.85, rounds: int = 50) -> list[float]:
    """Weighted PageRank over a similarity matrix (rows need not be normalized)."""
    n = len(weights)
    if n == 0:
        return []
    rank = [1.0 / n] * n
    totals = [sum(row) for row in weights]
    for _ in range(rounds):
        nxt = [(1.0 - damping) / n] * n
        for i, row in enumerate(weights):
            if totals[i] == 0:
                for j in range(n):
                    nxt[j] += damping * rank[i] / n
                continue
            for j, w in enumerate(row):
                if w:
                    nxt[j] += damping * rank[i] * w / totals[i]
        rank = nxt
    top = max(rank) or 1.0
    return [r / top for r in rank]


def lexrank_scores(sentences: list[str]) -> list[float]:
    """LexRank (Erkan and Radev, 2004): PageRank over sentences linked when their cosine is >= 0.1."""
    bags = [terms(s) for s in sentences]
    return pagerank(
        [
            [1.0 if i != j and cosine(a, b) >= 0.1 else 0.0 for j, b in enumerate(bags)]
            for i, a in enumerate(bags)
        ]
    )


def textrank_scores(sentences: list[str]) -> list[float]:
    """TextRank (Mihalcea and Tarau, 2004): PageRank over shared words / (log |Si| + log |Sj|)."""
    bags = [terms(s) for s in sentences]

    def similarity(a: Counter, b: Counter) -> float:
        size = math.log(max(2, sum(a.values()))) + math.log(max(2, sum(b.values())))
        return len(a.keys() & b.keys()) / size

    return pagerank([[similarity(a, b) if a is not b else 0.0 for b in bags] for a in bags])


def ranked_sentence(scorer: Callable[[list[str]], list[float]], budget: int) -> Callable[[str], str]:
    """A summarizer picking the sentence of best centrality + lead prior, shortened like the default."""
    decay = Weights().position_decay

    def summarize(text: str) -> str:
        sentences = split_sentences(text)
        if not sentences:
            return ""
        central = scorer(sentences)
        best = max(range(len(sentences)), key=lambda i: (central[i] + 1.0 / (1.0 + decay * i), -i))
        return shorten(sentences[best], budget)

    return summarize


def systems(lead_count: int, budget: int, alternatives: bool) -> dict[str, Callable[[str], str]]:
    """The default summarizer and the two baselines; with ``alternatives``, the variants measured."""
    chosen: dict[str, Callable[[str], str]] = {
        f"Nashra built-in (budget {budget} words)": lambda text: extractive_summary(None, text, words=budget),
        LEAD_1: lead_sentence,
        f"LEAD-{lead_count} (first {lead_count} words)": lambda text: lead_words(text, lead_count),
    }
    if alternatives:
        no_lead = Weights(position=0.0)
        chosen |= {
            "alt: first sentence, shortened": lambda text: shorten(lead_sentence(text), budget),
            "alt: agreement only, no lead prior": lambda text: extractive_summary(
                None, text, words=budget, weights=no_lead
            ),
            "alt: LexRank + lead prior, shortened": ranked_sentence(lexrank_scores, budget),
            "alt: TextRank + lead prior, shortened": ranked_sentence(textrank_scores, budget),
        }
    return chosen


PARTS = ("all", "tuning", "held-out")
LEAD_1 = "LEAD-1 (first sentence)"


def split_parts(count: int) -> dict[str, list[int]]:
    """Row numbers of each part: all, tuning (every other row from the first) and held-out (the rest)."""
    return {
        "all": list(range(count)),
        "tuning": [i for i in range(count) if i % TUNING_EVERY == 0],
        "held-out": [i for i in range(count) if i % TUNING_EVERY != 0],
    }


def evaluate(
    pairs: Sequence[Pair], lead_count: int, budget: int, alternatives: bool = False
) -> dict[str, dict]:
    """Per system: for each part, its scores under the main tokenization (``report[name][part]``), its
    ROUGE-1 and ROUGE-L under every tokenization (``report[name]["by_tokenization"][tok][part]``),
    and its time per text in milliseconds."""
    parts = {part: rows for part, rows in split_parts(len(pairs)).items() if rows}
    references = [pair.summary for pair in pairs]
    report: dict[str, dict] = {}
    for name, system in systems(lead_count, budget, alternatives).items():
        started = time.perf_counter()
        outputs = [system(pair.text) for pair in pairs]
        seconds = time.perf_counter() - started
        entry: dict = {"by_tokenization": {}}
        for tok_name, tokenizer in TOKENIZERS.items():
            each = pair_scores(outputs, references, tokenizer)
            means = {
                part: mean_scores([each[i] for i in rows], [outputs[i] for i in rows])
                for part, rows in parts.items()
            }
            if tok_name == MAIN:
                entry |= {part: m.as_dict() for part, m in means.items()}
            entry["by_tokenization"][tok_name] = {
                part: {"rouge1": round(m.rouge1, 2), "rougeL": round(m.rougeL, 2)}
                for part, m in means.items()
            }
        entry["ms_per_text"] = round(1000 * seconds / len(pairs), 2)
        report[name] = entry
    return report


def margins(report: dict[str, dict], name: str, part: str) -> dict[str, tuple[float, float]]:
    """Per tokenization, (ROUGE-1, ROUGE-L) of system ``name`` less those of LEAD-1 on ``part``."""
    ours, lead = report[name]["by_tokenization"], report[LEAD_1]["by_tokenization"]
    return {
        tok: (
            ours[tok][part]["rouge1"] - lead[tok][part]["rouge1"],
            ours[tok][part]["rougeL"] - lead[tok][part]["rougeL"],
        )
        for tok in ours
    }


def print_table(path: Path, report: dict[str, dict]) -> None:
    """Three Markdown tables: the main tokenization in full, ROUGE-1 / ROUGE-L under every
    tokenization side by side, and each system's margin over LEAD-1 under every tokenization."""
    print(f"== {path}")
    print(f"ROUGE F-measure x100, tokenization '{MAIN}'")
    print("| system | part | pairs | ROUGE-1 | ROUGE-2 | ROUGE-L | words | ms/text |")
    print("|---|---|---|---|---|---|---|---|")
    for name, entry in report.items():
        for part in PARTS:
            if part in entry:
                s = entry[part]
                print(
                    f"| {name} | {part} | {s['pairs']} | {s['rouge1']:.1f} | {s['rouge2']:.1f} | "
                    f"{s['rougeL']:.1f} | {s['words']:.1f} | {entry['ms_per_text']:.2f} |"
                )
    header = " | ".join(TOKENIZERS)
    rule = "---|" * len(TOKENIZERS)
    print("\nROUGE-1 / ROUGE-L by tokenization")
    print(f"| system | part | {header} |")
    print(f"|---|---|{rule}")
    for name, entry in report.items():
        for part in PARTS:
            if part in entry:
                cells = " | ".join(
                    f"{t[part]['rouge1']:.1f} / {t[part]['rougeL']:.1f}"
                    for t in entry["by_tokenization"].values()
                )
                print(f"| {name} | {part} | {cells} |")
    print("\nMargin over LEAD-1 (ROUGE-1 / ROUGE-L points) by tokenization")
    print(f"| system | part | {header} |")
    print(f"|---|---|{rule}")
    for name, entry in report.items():
        if name == LEAD_1:
            continue
        for part in PARTS:
            if part in entry:
                cells = " | ".join(
                    f"{r1:+.2f} / {rl:+.2f}" for r1, rl in margins(report, name, part).values()
                )
                print(f"| {name} | {part} | {cells} |")
    print()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "data", nargs="*", type=Path, help=f"JSONL of text/summary pairs (default {DEFAULT_DATA})"
    )
    parser.add_argument("--lead-words", type=int, default=25, metavar="N", help="N of the LEAD-N baseline")
    parser.add_argument("--words", type=int, default=DEFAULT_WORDS, metavar="N", help="summary word budget")
    parser.add_argument("--alternatives", action="store_true", help="also score the variants measured")
    args = parser.parse_args(argv)
    if args.lead_words <= 0 or args.words <= 0:
        print("summary_quality: --lead-words and --words must be greater than 0", file=sys.stderr)
        return 2
    paths = args.data or [DEFAULT_DATA]
    results = {}
    for path in paths:
        try:
            pairs = load_pairs(path)
        except DataError as exc:
            print(f"summary_quality: {exc}", file=sys.stderr)
            return 2
        report = evaluate(pairs, args.lead_words, args.words, args.alternatives)
        print_table(path, report)
        results[str(path)] = report
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
