"""Throughput of section summarization: plain batched ``generate`` against Nashra's ways, in one run.

The model has google/mt5-small's shape: d_model 512, d_ff 1024, 8 encoder and 8 decoder layers, 6 heads,
d_kv 64, gated-GELU, the full 250,112-piece vocabulary and an untied LM head, as mT5 checkpoints ship
(transformers 5 ties mT5's head to the embeddings when it builds a fresh model, which leaves 172M
parameters; this one is untied after building: about 300M, printed at the start). Its weights are set by
hand so that it copies its input (tests/tiny_models.set_copy_weights), finding its place by its last
four tokens: every layer still computes, so it costs what mt5-small costs, and its outputs are real
text with wide margins between first and second choices, so an output that changes under a speed trick
means the trick changed something. The exception is a *tie*: where a section holds the copier's last
four tokens twice, before two different tokens (a headline's words recur in its lead), the two places
score exactly alike and rounding picks the copy, so two correct engines that add in another order may
part there (and where those tokens stand before another token more often than before the right one,
the copy leaves its place). Such sections are found from their tokens (tests/tiny_models.tied_copy_steps)
and counted apart. Its
tokenizer is a SentencePiece model trained on the Arabic test text, with whole-word pieces for the
corpus words and filler pieces up to 250,112 (``--arabic-share`` of them Arabic-script, the rest Latin
and Cyrillic), so the LM head and the output-vocabulary restriction cost what they cost with mT5.

Every way gets the same sections (heading + text, 120-300 words) and the same generation settings:
2 beams, max_new_tokens 32. The copier never ends a summary before that (the only end-of-text it can
copy is its input's, 150 tokens or more away), so every way does the same work.
``--no-repeat-ngram 3`` adds that setting: under beam search CTranslate2 renormalizes the
probabilities after banning a repeated n-gram and transformers does not, so the two engines then part
wherever a ban fires (summarizer/MODELS.md).

- batched generate (the BASELINE): model.generate on batches of 8 sections in input order, whole
  vocabulary: what a user of a summarization pipeline gets;
- naive: one generate call per section (on the first ``--naive-sections`` sections);
- Nashra, default: Summarizer as configured by default (length-sorted batches under a token budget
  and a logits row cap, inference_mode, beams sharing the encoder's cross-attention cache);
- Nashra, restricted: the same with restrict_vocabulary = true (each section decodes over Arabic-script
  pieces plus its own tokens);
- Nashra, int8: torch dynamic int8 quantization (CPU only);
- CTranslate2, and CTranslate2 int8: engine = "ctranslate2" (the checkpoint converted once, cached);
  both again with restrict_vocabulary = true (CTranslate2's vocabulary map: a section whose own tokens
  are all Arabic-script pieces decodes over those pieces, any other over the whole vocabulary).

With ``--stop-after S``, each of Nashra's ways is also run once more with a stop request made S seconds
in, and the seconds from the request to the call's return are printed ("stop s": what a shutdown waits
for; empty when the run ended first).

For each way: sections/s (the median of ``--repeat`` runs, with the range), the ratio to batched
generate measured in the same run, how many summaries are identical to what the summarizer makes of
plain generate's output (summarizer.service.finish applied to the baseline's text) among the sections
whose copy is defined, and apart, how many agree with it among the tied ones (a measure of how closely
a way's arithmetic follows the baseline's, not of whether it computes the same function). Runs once per
``--threads`` value on CPU. Prints a table, then one JSON line.

GPU: ``--device cuda --dtype bfloat16`` runs every way on the GPU (torch int8 excepted).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sentencepiece as spm
import torch
from transformers import MT5Config, MT5ForConditionalGeneration, T5Tokenizer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from tiny_models import set_copy_weights, tied_copy_steps, train_sentencepiece  # noqa: E402

from nashra.config import GenerationConfig, SummarizerConfig  # noqa: E402
from summarizer import ct2, generate, loader, vocabulary  # noqa: E402
from summarizer.errors import GenerationCancelled  # noqa: E402
from summarizer.service import SectionText, Summarizer, SummaryResult, finish  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "summarizer" / "sections_ar.txt"
MT5_VOCAB = 250_112
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
OTHER_LETTERS = ("abcdefghijklmnopqrstuvwxyz", "абвгдежзийклмнопрстуфхцчшщыэюя")
BASELINE_BATCH = 8
# Tokens of context the copier matches to find its place in the input: with 4, a tie needs the same
# four tokens twice before two different ones (a headline's words often recur in its lead).
COPY_CONTEXT = 4


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus() -> list[tuple[str, list[str]]]:
    blocks = [b.strip() for b in CORPUS.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    out = []
    for block in blocks:
        heading, _, text = block.partition("\n")
        out.append((heading, [s.strip() + "." for s in text.split(".") if s.strip()]))
    return out


def _pairs(text: str) -> set[tuple[str, str]]:
    words = text.split()
    return set(itertools.pairwise(words))


def make_sections(count: int, seed: int) -> list[SectionText]:
    """Sections of 120-300 words: a heading, its paragraph, then sentences of other paragraphs."""
    rng = random.Random(seed)
    blocks = corpus()
    all_sentences = [s for _, sentences in blocks for s in sentences]
    sections = []
    for i in range(count):
        heading, own = blocks[i % len(blocks)]
        target = rng.randint(120, 300)
        sentences = list(own)
        seen = _pairs(f"{heading} " + " ".join(own))
        # No two sentences sharing a pair of consecutive words: the copier finds its place by the last
        # two tokens, and a pair followed by two different words leaves it a near-tie between them.
        others = [s for s in all_sentences if s not in own]
        rng.shuffle(others)
        while sum(len(s.split()) for s in sentences) < target and others:
            candidate = others.pop()
            pairs = _pairs(candidate)
            if not pairs & seen:
                sentences.append(candidate)
                seen |= pairs
        sections.append(SectionText(f"{heading} ({i + 1})", " ".join(sentences)))
    return sections


def filler(vocab: int, arabic_share: float, taken: int) -> itertools.chain[str]:
    """Pieces filling the table: Arabic-script ones up to ``arabic_share``, then Latin and Cyrillic."""
    arabic = max(int(vocab * arabic_share) - taken, 0)
    others = [("▁" + "".join(c) for c in itertools.product(letters, repeat=4)) for letters in OTHER_LETTERS]
    mixed = (piece for pair in zip(*others, strict=False) for piece in pair)
    arabic_pieces = ("▁" + "".join(c) for c in itertools.product(LETTERS, repeat=4))
    return itertools.chain(itertools.islice(arabic_pieces, arabic), mixed)


def build_model(target: Path, vocab: int, arabic_share: float) -> MT5Config:
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    processor = spm.SentencePieceProcessor(model_proto=train_sentencepiece(300, lines))
    pieces = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]
    known = {piece for piece, _ in pieces}
    # 300 trained pieces split Arabic words into ~3 tokens each, while mT5's 250k pieces average about
    # 1.5: give the corpus words whole-word pieces so token counts per section are realistic.
    # They score above any split into trained pieces, as frequent words have whole pieces in mT5.
    words = {w.strip(".,،؛:()") for line in lines for w in line.split()}
    for piece in [*sorted("▁" + w for w in words if w), *"0123456789()"]:
        if piece not in known:
            known.add(piece)
            pieces.append((piece, -1.0))
    for piece in filler(vocab, arabic_share, len(pieces)):
        if len(pieces) >= vocab:
            break
        if piece not in known:
            pieces.append((piece, -30.0))
    T5Tokenizer(vocab=pieces, extra_ids=0).save_pretrained(target)
    config = MT5Config(
        vocab_size=vocab,
        d_model=512,
        d_ff=1024,
        d_kv=64,
        num_layers=8,
        num_decoder_layers=8,
        num_heads=6,
        feed_forward_proj="gated-gelu",
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    torch.manual_seed(0)
    model = MT5ForConditionalGeneration(config)
    set_copy_weights(model, content=192, key=16, context=COPY_CONTEXT)
    model.save_pretrained(target)
    return config


def parameter_count(model: Any) -> int:
    return sum(p.numel() for p in model.parameters())


@dataclasses.dataclass(slots=True)
class Way:
    """A way's rates, and its summaries equal to the baseline's: where the copy is defined, and where
    the copier ties (there rounding picks the copy, so agreement measures closeness of arithmetic)."""

    name: str
    rates: list[float]
    identical: int = 0
    compared: int = 0
    agreed_at_ties: int = 0
    ties: int = 0
    stop_s: float | None = None


def stop_latency(summarizer: Summarizer, sections: list[SectionText], after: float) -> float | None:
    """Seconds from a stop request, made ``after`` seconds into summarizing ``sections``, to the call's
    return (what a shutdown waits for); None when the call finished before the request."""
    stop = threading.Event()
    timer = threading.Timer(after, stop.set)
    started = time.monotonic()
    timer.start()
    try:
        summarizer.summarize(sections, stop)
    except GenerationCancelled:
        return time.monotonic() - started - after
    finally:
        timer.cancel()
    return None


def timed(run: Callable[[], list[SummaryResult]], count: int, repeat: int) -> tuple[list[float], Any]:
    rates, results = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        results = run()
        rates.append(count / (time.perf_counter() - started))
    return rates, results


def plain_batches(
    loaded: loader.LoadedModel, inputs: list[str], settings: GenerationConfig, batch: int
) -> list[generate.Generated]:
    """model.generate over consecutive batches of ``batch`` inputs, whole vocabulary, no Nashra code."""
    config = generate.generation_config(loaded.model, settings)
    eos = {loaded.model.config.eos_token_id}
    out: list[generate.Generated] = []
    for start in range(0, len(inputs), batch):
        chunk = inputs[start : start + batch]
        encoded = loaded.tokenizer(chunk, return_tensors="pt", padding=True).to(loaded.device)
        with torch.inference_mode():
            sequences = loaded.model.generate(**encoded, generation_config=config)
        out.extend(generate.decoded(loaded.tokenizer, sequences.tolist(), eos))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=64)
    parser.add_argument("--naive-sections", type=int, default=16, help="sections timed for the naive way")
    parser.add_argument("--new-tokens", type=int, default=32)
    parser.add_argument("--beams", type=int, default=2)
    parser.add_argument("--no-repeat-ngram", type=int, default=0, help="no_repeat_ngram_size (0: unset)")
    parser.add_argument("--vocab", type=int, default=MT5_VOCAB, help="model vocabulary (mT5: 250112)")
    parser.add_argument(
        "--arabic-share", type=float, default=0.08, help="share of Arabic-script pieces in the vocabulary"
    )
    parser.add_argument("--max-input", type=int, default=512)
    parser.add_argument("--budget", type=int, default=8192, help="batch token budget of Nashra's ways")
    parser.add_argument("--threads", default="1,2", help="CPU thread counts to run with, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per way (median and range)")
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    parser.add_argument("--dtype", default="float32", choices=("float32", "bfloat16", "float16"))
    parser.add_argument("--skip", default="", help="ways to leave out, comma-separated: naive,int8,ct2")
    parser.add_argument("--model-dir", help="build the model here, or reuse the one built there before")
    parser.add_argument(
        "--stop-after",
        type=float,
        default=0.0,
        help="also time, for each of Nashra's ways, a stop request made this many seconds into a run",
    )
    parser.add_argument(
        "--busy", type=int, default=0, help="processes kept spinning on the CPU meanwhile (a busy host)"
    )
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if args.device == "cuda" and not torch.cuda.is_available():
        sys.exit("benchmarks/summarize.py: --device cuda but torch sees no CUDA device (a CPU-only torch?)")

    settings = GenerationConfig(
        num_beams=args.beams,
        max_new_tokens=args.new_tokens,
        no_repeat_ngram_size=args.no_repeat_ngram or None,
        length_penalty=1.0,
    )
    sections = make_sections(args.sections, seed=1)
    threads_list = [int(t) for t in args.threads.split(",")] if args.device == "cpu" else [0]
    report: dict[str, Any] = {"device": args.device, "dtype": args.dtype, "busy": args.busy, "runs": []}
    spinners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(max(args.busy, 0))
    ]
    try:
        measure(args, report, sections, settings, threads_list, skip)
    finally:
        for spinner in spinners:
            spinner.kill()
    report["peak_rss_mib"] = round(peak_rss_mib())
    print(json.dumps(report, ensure_ascii=False))


def measure(
    args: argparse.Namespace,
    report: dict[str, Any],
    sections: list[SectionText],
    settings: GenerationConfig,
    threads_list: list[int],
    skip: set[str],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault(ct2.CACHE_ENV, str(Path(tmp) / "cache"))
        model_dir = Path(args.model_dir) if args.model_dir else Path(tmp) / "mt5-small-shaped-copier"
        if not (model_dir / "model.safetensors").is_file():
            started = time.perf_counter()
            build_model(model_dir, args.vocab, args.arabic_share)
            print(f"built the mt5-small-shaped copier in {time.perf_counter() - started:.0f}s")
        base = SummarizerConfig(
            model=str(model_dir),
            device=args.device,
            dtype=args.dtype,
            max_input_tokens=args.max_input,
            batch_token_budget=args.budget,
            generation=settings,
        )
        for threads in threads_list:
            report["runs"].append(run(args, base, sections, settings, threads, skip))


def run(
    args: argparse.Namespace,
    base: SummarizerConfig,
    sections: list[SectionText],
    settings: GenerationConfig,
    threads: int,
    skip: set[str],
) -> dict[str, Any]:
    config = dataclasses.replace(base, threads=threads)
    nashra = Summarizer(config)
    loaded = nashra.require_model()
    if args.device == "cpu":
        torch.set_num_threads(threads)
    shape = loaded.model.config
    tied = loaded.model.lm_head.weight is loaded.model.shared.weight
    inputs = [
        generate.fit_input(loaded.tokenizer, "", s.heading, s.text, args.max_input)[0] for s in sections
    ]
    tokens = [len(loaded.tokenizer(text)["input_ids"]) for text in inputs]
    where = f"{args.device} {args.dtype}" + (f", {threads} thread(s)" if args.device == "cpu" else "")
    if args.busy:
        where += f", {args.busy} other process(es) spinning on the CPU"
    print(
        f"\n== {where} ==\nmodel: mT5 d_model {shape.d_model}, d_ff {shape.d_ff}, "
        f"{shape.num_layers}+{shape.num_decoder_layers} layers, {shape.num_heads} heads, "
        f"vocabulary {shape.vocab_size}, LM head tied to the embeddings: {tied}, "
        f"{parameter_count(loaded.model) / 1e6:.0f}M parameters"
    )
    print(
        f"{len(sections)} sections, input tokens min/mean/max {min(tokens)}/{sum(tokens) / len(tokens):.0f}/"
        f"{max(tokens)}; {settings.num_beams} beams, {settings.max_new_tokens} new tokens, "
        f"no_repeat_ngram_size {settings.no_repeat_ngram_size}"
    )
    ways: list[Way] = []

    def sync() -> None:
        if args.device == "cuda":
            torch.cuda.synchronize()

    written: list[generate.Generated] = []

    def plain() -> list[SummaryResult]:
        generated = plain_batches(loaded, inputs, settings, BASELINE_BATCH)
        sync()
        written[:] = generated
        return [finish(s, g) for s, g in zip(sections, generated, strict=True)]

    plain_batches(loaded, inputs[:1], settings, 1)  # warm-up
    rates, reference = timed(plain, len(sections), args.repeat)
    ids = [loaded.tokenizer(text)["input_ids"] for text in inputs]
    tied = [bool(tied_copy_steps(row, COPY_CONTEXT, settings.max_new_tokens)) for row in ids]
    prefixes = [
        loaded.tokenizer.decode(row[: settings.max_new_tokens], skip_special_tokens=True) for row in ids
    ]
    copies = sum(g.text == prefix for g, prefix, t in zip(written, prefixes, tied, strict=True) if not t)
    print(
        f"{sum(tied)} of {len(sections)} sections hold a tie for the copier in its first "
        f"{settings.max_new_tokens} steps (its last {COPY_CONTEXT} tokens stand in the input before another "
        f"token as often as before the right one, or more: rounding picks the copy, or it leaves its "
        f"place); the baseline wrote the first "
        f"{settings.max_new_tokens} tokens back in {copies} of the other {len(sections) - sum(tied)}"
    )
    script = set(vocabulary.script_vocabulary(loaded.model, loaded.tokenizer).tolist())
    size = vocabulary.output_size(loaded.model)
    within = sum(
        vocabulary.own_ids(loaded.tokenizer, text, row, size) <= script
        for text, row in zip(inputs, ids, strict=True)
    )
    print(
        f"{within} of {len(sections)} sections hold only pieces of the restricted set ({len(script)} of "
        f"{size}: Arabic-script, digits, punctuation, special): CTranslate2's restricted ways restrict "
        f"those, and decode any other over the whole vocabulary"
    )
    ways.append(Way(f"batched generate (batch {BASELINE_BATCH}, whole vocabulary): BASELINE", rates))

    def compare(name: str, rates: list[float], results: list[SummaryResult]) -> None:
        way = Way(name, rates)
        for result, expected, at_tie in zip(results, reference, tied, strict=False):
            if at_tie:
                way.ties += 1
                way.agreed_at_ties += result == expected
            else:
                way.compared += 1
                way.identical += result == expected
        if not any(r.method == "seq2seq" or r.dropped for r in results):
            way.name += " [the model wrote nothing: see the log]"
        ways.append(way)

    ways[0].identical = ways[0].compared = len(sections) - sum(tied)
    ways[0].agreed_at_ties = ways[0].ties = sum(tied)
    if "naive" not in skip:
        subset = sections[: args.naive_sections]

        def naive() -> list[SummaryResult]:
            generated = plain_batches(loaded, inputs[: len(subset)], settings, 1)
            sync()
            return [finish(s, g) for s, g in zip(subset, generated, strict=True)]

        rates, results = timed(naive, len(subset), args.repeat)
        compare(f"naive: one generate call per section (first {len(subset)})", rates, results)

    def nashra_way(name: str, changes: dict[str, Any]) -> None:
        summarizer = Summarizer(dataclasses.replace(config, **changes))
        summarizer.require_model()
        if args.device == "cpu":
            torch.set_num_threads(threads)
        summarizer.summarize(sections[:1])  # warm-up: the restricted vocabulary is found once per model

        def go() -> list[SummaryResult]:
            results = summarizer.summarize(sections)
            sync()
            return results

        rates, results = timed(go, len(sections), args.repeat)
        compare(name, rates, results)
        if args.stop_after:
            ways[-1].stop_s = stop_latency(summarizer, sections, args.stop_after)

    nashra_way("Nashra, default (transformers)", {})
    nashra_way("Nashra, restrict_vocabulary = true", {"restrict_vocabulary": True})
    if "int8" not in skip and args.device == "cpu":
        nashra_way("Nashra, torch int8 dynamic quantization", {"quantize_int8": True})
    if "ct2" not in skip:
        started = time.perf_counter()
        ct2.converted_dir(loader.ModelSpec(name=config.model))
        print(f"CTranslate2 conversion ready in {time.perf_counter() - started:.0f}s (made once, cached)")
        for name, changes in (
            ('Nashra, engine = "ctranslate2"', {"engine": "ctranslate2"}),
            ('Nashra, engine = "ctranslate2", int8', {"engine": "ctranslate2", "quantize_int8": True}),
            (
                'Nashra, engine = "ctranslate2", restrict_vocabulary = true',
                {"engine": "ctranslate2", "restrict_vocabulary": True},
            ),
            (
                'Nashra, engine = "ctranslate2", int8, restrict_vocabulary = true',
                {"engine": "ctranslate2", "quantize_int8": True, "restrict_vocabulary": True},
            ),
        ):
            try:
                nashra_way(name, changes)
            except loader.ModelLoadError as exc:
                print(f"{name}: not measured: {exc}")
    baseline = statistics.median(ways[0].rates)
    stop_column = f" {'stop s':>6}" if args.stop_after else ""
    print(f"{'way':<66} {'sections/s':>16} {'ratio':>7} {'identical':>10} {'at ties':>8}{stop_column}")
    rows = []
    for way in ways:
        median = statistics.median(way.rates)
        spread = f"{min(way.rates):.2f}-{max(way.rates):.2f}" if len(way.rates) > 1 else ""
        figure = f"{median:.2f}" + (f" ({spread})" if spread else "")
        stopped = "" if way.stop_s is None else f" {way.stop_s:>6.2f}"
        print(
            f"{way.name:<66} {figure:>16} {median / baseline:>6.2f}x {way.identical:>4}/{way.compared:<5} "
            f"{way.agreed_at_ties:>3}/{way.ties:<4}{stopped}"
        )
        rows.append(
            {
                "way": way.name,
                "sections_per_s": round(median, 3),
                "runs": [round(r, 3) for r in way.rates],
                "ratio": round(median / baseline, 2),
                "identical": way.identical,
                "compared": way.compared,
                "agreed_at_ties": way.agreed_at_ties,
                "ties": way.ties,
                "stop_s": None if way.stop_s is None else round(way.stop_s, 3),
            }
        )
    return {
        "threads": threads,
        "sections": len(sections),
        "tied_sections": sum(tied),
        "baseline_copies": copies,
        "parameters": parameter_count(loaded.model),
        "ways": rows,
    }


if __name__ == "__main__":
    main()
