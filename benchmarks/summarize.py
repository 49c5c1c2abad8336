"""Throughput of section summarization: the naive way against Nashra's, measured in the same run.

The model has the layer shapes of google/mt5-small (d_model 512, d_ff 1024, 8+8 layers, 6 heads,
d_kv 64, gated-GELU, untied head) with random weights; no checkpoint is downloaded. Its vocabulary is
the full mT5 size (250,112) unless --vocab says otherwise: a SentencePiece model trained on the Arabic
test text supplies the real pieces and the rest of the table holds filler pieces, so the LM head costs
what it costs in mT5. Like mT5's, the table is multilingual: --arabic-share of it (default 8%, an
estimate for mT5's Arabic-script pieces, which Arabic, Persian, Urdu and others share) is Arabic-script
filler and the rest Latin and Cyrillic filler. Output length is fixed (min_new_tokens = max_new_tokens)
for both ways.

Naive: one section at a time, tokenizer -> model.generate -> decode, which is what
pipeline("summarization") did; transformers 5 removed that pipeline, so the calls are made directly.
Project: Summarizer with its default settings (length-sorted batches under a token budget and a logits
row cap, inference_mode, threads set, beam search that does not copy the encoder's cross-attention
cache between beams) which decodes over the REDUCED OUTPUT VOCABULARY (Arabic-script
pieces, digits, punctuation, special tokens and the batch's input tokens; summarizer.vocabulary), then a
repeat through the SQLite summary cache. The naive way decodes over the whole vocabulary, as plain
generate does. Prints figures, then one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import io
import itertools
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import sentencepiece as spm
import torch
from transformers import (
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    MT5Config,
    MT5ForConditionalGeneration,
    T5Tokenizer,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nashra.config import GenerationConfig, SummarizerConfig  # noqa: E402
from nashra.storage import Database  # noqa: E402
from nashra.storage.articles import text_hash  # noqa: E402
from nashra.storage.summaries import SummaryStore  # noqa: E402
from summarizer.cache import summarize_cached  # noqa: E402
from summarizer.service import SectionInput, Summarizer  # noqa: E402
from summarizer.vocabulary import output_vocabulary  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "summarizer" / "sections_ar.txt"
MT5_VOCAB = 250_112
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
OTHER_LETTERS = ("abcdefghijklmnopqrstuvwxyz", "абвгдежзийклмнопрстуфхцчшщыэюя")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus() -> list[tuple[str, list[str]]]:
    blocks = [b.strip() for b in CORPUS.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    out = []
    for block in blocks:
        heading, _, text = block.partition("\n")
        out.append((heading, [s.strip() + "." for s in text.split(".") if s.strip()]))
    return out


def make_sections(count: int, seed: int) -> list[SectionInput]:
    """Sections of 120-300 words: a heading and sentences drawn from several corpus paragraphs."""
    rng = random.Random(seed)
    blocks = corpus()
    all_sentences = [s for _, sentences in blocks for s in sentences]
    sections = []
    for i in range(count):
        heading, own = blocks[i % len(blocks)]
        target = rng.randint(120, 300)
        sentences = list(own)
        while sum(len(s.split()) for s in sentences) < target:
            sentences.append(rng.choice(all_sentences))
        sections.append(SectionInput(f"{heading} ({i + 1})", " ".join(sentences)))
    return sections


def filler(vocab: int, arabic_share: float, taken: int) -> itertools.chain[str]:
    """Pieces filling the table: Arabic-script ones up to ``arabic_share``, then Latin and Cyrillic."""
    arabic = max(int(vocab * arabic_share) - taken, 0)
    others = [("▁" + "".join(c) for c in itertools.product(letters, repeat=4)) for letters in OTHER_LETTERS]
    mixed = (piece for pair in zip(*others, strict=False) for piece in pair)
    arabic_pieces = ("▁" + "".join(c) for c in itertools.product(LETTERS, repeat=4))
    return itertools.chain(itertools.islice(arabic_pieces, arabic), mixed)


def build_model(target: Path, vocab: int, arabic_share: float) -> None:
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=proto,
        vocab_size=300,
        model_type="unigram",
        character_coverage=1.0,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        minloglevel=2,
    )
    processor = spm.SentencePieceProcessor(model_proto=proto.getvalue())
    pieces = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]
    known = {piece for piece, _ in pieces}
    # 300 trained pieces split Arabic words into ~3 tokens each, while mT5's 250k pieces average about
    # 1.5: give the corpus words whole-word pieces so token counts per section are realistic.
    for word in sorted({w.strip(".,،؛:()") for line in lines for w in line.split()}):
        piece = "▁" + word
        if word and piece not in known:
            known.add(piece)
            pieces.append((piece, -8.0))
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
        tie_word_embeddings=False,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    torch.manual_seed(0)
    model = MT5ForConditionalGeneration(config)
    with torch.no_grad():
        model.lm_head.weight.normal_(0.0, 1.0)
    model.save_pretrained(target)


def naive(model_dir: Path, sections: list[SectionInput], settings: GenerationConfig, max_input: int) -> float:
    """Sections/s of per-section generate calls, as a summarization pipeline made them."""
    tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_dir, local_files_only=True)
    model.eval()
    started = time.perf_counter()
    for section in sections:
        encoded = tokenizer(
            f"{section.heading}. {section.text}", return_tensors="pt", truncation=True, max_length=max_input
        )
        output = model.generate(
            **encoded,
            num_beams=settings.num_beams,
            min_new_tokens=settings.min_new_tokens,
            max_new_tokens=settings.max_new_tokens,
            no_repeat_ngram_size=settings.no_repeat_ngram_size,
            length_penalty=settings.length_penalty,
        )
        tokenizer.decode(output[0], skip_special_tokens=True)
    elapsed = time.perf_counter() - started
    del model
    return len(sections) / elapsed


async def cached_run(
    db_path: Path, summarizer: Summarizer, sections: list[SectionInput]
) -> tuple[float, int]:
    """Seconds to summarize ``sections`` through the database cache, and how many came back seq2seq."""
    pairs = [(text_hash(s.heading, s.text), s) for s in sections]
    async with await Database.open(db_path) as db:
        started = time.perf_counter()
        results = await summarize_cached(SummaryStore(db), summarizer, pairs)
        elapsed = time.perf_counter() - started
    return elapsed, sum(r.method == "seq2seq" for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=64)
    parser.add_argument("--new-tokens", type=int, default=32)
    parser.add_argument("--beams", type=int, default=2)
    parser.add_argument("--vocab", type=int, default=MT5_VOCAB, help="model vocabulary (mT5: 250112)")
    parser.add_argument(
        "--arabic-share", type=float, default=0.08, help="share of Arabic-script pieces in the vocabulary"
    )
    parser.add_argument("--max-input", type=int, default=512)
    parser.add_argument("--budget", type=int, default=8192, help="batch token budget of the project way")
    parser.add_argument("--int8", action="store_true", help="project way with int8 dynamic quantization")
    parser.add_argument("--no-int8-run", action="store_true", help="skip the extra int8 measurement")
    args = parser.parse_args()

    settings = GenerationConfig(
        num_beams=args.beams,
        min_new_tokens=args.new_tokens,
        max_new_tokens=args.new_tokens,
        no_repeat_ngram_size=3,
        length_penalty=1.0,
    )
    sections = make_sections(args.sections, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "mt5-small-shaped"
        started = time.perf_counter()
        build_model(model_dir, args.vocab, args.arabic_share)
        print(f"built mt5-small-shaped model (vocab {args.vocab}) in {time.perf_counter() - started:.1f}s")
        config = SummarizerConfig(
            model=str(model_dir),
            device="cpu",
            max_input_tokens=args.max_input,
            batch_token_budget=args.budget,
            quantize_int8=args.int8,
            generation=settings,
        )
        summarizer = Summarizer(config)
        loaded = summarizer.load()
        assert loaded is not None
        started = time.perf_counter()
        allowed = output_vocabulary(loaded.model, loaded.tokenizer)
        reduced = len(allowed) if allowed is not None else None
        print(
            f"project's reduced output vocabulary: {reduced} of {args.vocab} pieces "
            f"(Arabic-script, digits, punctuation, special; found in {time.perf_counter() - started:.1f}s)"
        )
        tokens = [len(summarizer.load().tokenizer(f"{s.heading}. {s.text}")["input_ids"]) for s in sections]
        print(
            f"{len(sections)} sections, input tokens min/mean/max {min(tokens)}/"
            f"{sum(tokens) / len(tokens):.0f}/{max(tokens)}, {args.new_tokens} new tokens, "
            f"{args.beams} beams, "
            f"torch threads {torch.get_num_threads()}"
        )
        naive_rate = naive(model_dir, sections, settings, args.max_input)
        print(f"naive (one section per generate call): {naive_rate:.2f} sections/s")
        db_path = Path(tmp) / "bench.db"
        cold_s, seq2seq = asyncio.run(cached_run(db_path, summarizer, sections))
        project_rate = len(sections) / cold_s
        print(
            f"project (batched, reduced output vocabulary, cache cold): {project_rate:.2f} sections/s "
            f"({seq2seq} seq2seq summaries)"
        )
        warm_s, _ = asyncio.run(cached_run(db_path, summarizer, sections))
        print(f"project (cache warm): {len(sections) / warm_s:.1f} sections/s")
        int8_rate = None
        if not args.int8 and not args.no_int8_run:
            quantized = Summarizer(dataclasses.replace(config, quantize_int8=True))
            loaded_int8 = quantized.load()
            assert loaded_int8 is not None
            output_vocabulary(loaded_int8.model, loaded_int8.tokenizer)  # once per process, as above
            started = time.perf_counter()
            quantized.summarize(sections)
            int8_rate = len(sections) / (time.perf_counter() - started)
            print(f"project with int8 dynamic quantization (cache cold): {int8_rate:.2f} sections/s")
    ratio = project_rate / naive_rate
    speedup = cold_s / warm_s
    peak = peak_rss_mib()
    print(f"project / naive: {ratio:.2f}x; warm cache / cold: {speedup:.0f}x; peak RSS {peak:.0f} MiB")
    print(
        json.dumps(
            {
                "model": "mt5-small shapes, random weights",
                "vocab": args.vocab,
                "arabic_share": args.arabic_share,
                "project_output_vocabulary": reduced,
                "sections": len(sections),
                "new_tokens": args.new_tokens,
                "beams": args.beams,
                "int8": args.int8,
                "device": "cpu",
                "threads": torch.get_num_threads(),
                "naive_sections_per_s": round(naive_rate, 3),
                "project_sections_per_s": round(project_rate, 3),
                "ratio": round(ratio, 2),
                "project_int8_sections_per_s": round(int8_rate, 3) if int8_rate else None,
                "ratio_int8": round(int8_rate / naive_rate, 2) if int8_rate else None,
                "cache_warm_sections_per_s": round(len(sections) / warm_s, 1),
                "cache_speedup": round(speedup, 1),
                "seq2seq_summaries": seq2seq,
                "peak_rss_mib": round(peak),
            }
        )
    )


if __name__ == "__main__":
    main()
