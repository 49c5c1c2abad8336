"""Tiny seq2seq models built on disk the way real checkpoints are laid out.

The tests load them through the same ``from_pretrained`` path a real mT5 or Arabic BART would take, so
the tokenizers are trained on the project's Arabic test text: a SentencePiece unigram model for mT5 (as
mT5 ships one) and a byte-level BPE for BART.

Three kinds:

- random weights (:func:`build_mt5`, :func:`build_bart`, :func:`build_mbart`): they write varied,
  meaningless text; good
  for checking plumbing, and for showing that one row's output is untouched by its batch mates (a
  random model would happily write another row's tokens);
- a copier with hand-set weights (:func:`set_copy_weights`): it writes its input back, token by token,
  with wide margins between its first and second choices, so an output that changes under a speed
  trick means the trick changed something, except at a tie (:func:`tied_copy_steps`), where rounding
  picks the copy (benchmarks/summarize.py builds an mT5-small-shaped one);
- a trained model (:func:`clause_model`): the copier's weights as a start, then every weight trained
  for about ten seconds on CPU to write the first clause of a paragraph and stop; cached between
  test runs (in pytest's cache folder, ``.pytest_cache/d/nashra-models``) under a key that is a hash
  of the recipe.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import random
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sentencepiece as spm
import torch
import transformers
from filelock import FileLock
from tokenizers import ByteLevelBPETokenizer
from transformers import (
    BartConfig,
    BartForConditionalGeneration,
    BartTokenizer,
    MBartConfig,
    MBartForConditionalGeneration,
    MBartTokenizer,
    MT5Config,
    MT5ForConditionalGeneration,
    T5Tokenizer,
)

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "summarizer" / "sections_ar.txt"


@dataclass(frozen=True)
class TinyModels:
    """Directories of the built models."""

    mt5: Path
    mt5_spiece_only: Path
    bart: Path
    mbart: Path


def copy_model_over(model: Path, folder: Path) -> None:
    """Copy ``model``'s files into ``folder`` over the model there (as an operator replaces a model
    in place: files the new model lacks are left behind)."""
    for file in model.iterdir():
        shutil.copy(file, folder / file.name)


def wait_for_reloads() -> None:
    """Wait for the models being loaded again from their changed files (summarizer.engines.follow
    loads them in a thread of their own) to be in place."""
    from summarizer import engines

    for thread in list(engines._reloads.values()):
        thread.join(120)


def corpus_sections() -> list[tuple[str, str]]:
    """(heading, text) pairs of the Arabic test corpus: blank-line separated, heading first."""
    blocks = [b.strip() for b in CORPUS.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    pairs = []
    for block in blocks:
        heading, _, text = block.partition("\n")
        pairs.append((heading.strip(), text.strip()))
    return pairs


def _corpus_lines() -> list[str]:
    return [line.strip() for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def train_sentencepiece(vocab_size: int, lines: list[str] | None = None) -> bytes:
    """A unigram SentencePiece model (T5's ids: pad 0, eos 1, unk 2, no bos) trained on ``lines``
    (default: the Arabic test corpus), as serialized bytes."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_corpus_lines() if lines is None else lines),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        minloglevel=2,
    )
    return model.getvalue()


def build_mt5(
    target: Path, *, spiece_only: bool = False, seed: int = 0, extra_pieces: tuple[str, ...] = ()
) -> Path:
    """An mT5-architecture model (gated-GELU, untied head) with a SentencePiece tokenizer.

    ``extra_pieces`` (such as "▁Reuters") join the trained Arabic pieces, for names in other scripts.
    """
    target.mkdir(parents=True, exist_ok=True)
    proto = train_sentencepiece(vocab_size=300)
    if spiece_only:
        # Real mT5 checkpoints ship spiece.model without tokenizer.json; loading must convert it.
        (target / "spiece.model").write_bytes(proto)
        (target / "tokenizer_config.json").write_text(
            json.dumps({"tokenizer_class": "T5Tokenizer", "extra_ids": 0}), encoding="utf-8"
        )
        vocab_size = 300
    else:
        processor = spm.SentencePieceProcessor(model_proto=proto)
        count = processor.get_piece_size()
        pieces = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(count)]
        pieces += [(piece, 0.0) for piece in extra_pieces]
        tokenizer = T5Tokenizer(vocab=pieces, extra_ids=0)
        tokenizer.save_pretrained(target)
        vocab_size = len(tokenizer)
    config = MT5Config(
        vocab_size=vocab_size,
        d_model=32,
        d_ff=64,
        d_kv=16,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=2,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    torch.manual_seed(seed)
    model = MT5ForConditionalGeneration(config)
    with torch.no_grad():
        # The default initialization makes a tiny mT5 emit only padding; wider weights give varied text.
        model.shared.weight.normal_(0.0, 1.0)
        model.lm_head.weight.normal_(0.0, 1.0)
    model.save_pretrained(target)
    return target


def build_bart(target: Path, *, seed: int = 0) -> Path:
    """A BART model with a byte-level BPE tokenizer trained on the Arabic corpus."""
    target.mkdir(parents=True, exist_ok=True)
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(_corpus_lines(), vocab_size=600, min_frequency=2, special_tokens=specials)
    bpe_dir = target / "bpe"
    bpe_dir.mkdir(exist_ok=True)
    vocab_file, merges_file = bpe.save_model(str(bpe_dir))
    vocab = json.loads(Path(vocab_file).read_text(encoding="utf-8"))
    merges = [
        tuple(line.split(" "))
        for line in Path(merges_file).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    tokenizer = BartTokenizer(vocab=vocab, merges=merges)
    tokenizer.save_pretrained(target)
    for leftover in bpe_dir.iterdir():
        leftover.unlink()
    bpe_dir.rmdir()
    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=256,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        forced_bos_token_id=tokenizer.bos_token_id,
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config)
    _steer_to_arabic(model, tokenizer)
    model.save_pretrained(target)
    return target


def _steer_to_arabic(model: Any, tokenizer: Any) -> None:
    """Random weights pick byte tokens (Latin, broken UTF-8) or language codes as often as Arabic
    words; steer the untrained model towards Arabic pieces so its output passes the "is this Arabic"
    check."""
    with torch.no_grad():
        for token, index in tokenizer.get_vocab().items():
            text = tokenizer.convert_tokens_to_string([token])
            if index not in tokenizer.all_special_ids and not any("\u0621" <= ch <= "\u064a" for ch in text):
                model.final_logits_bias[0, index] = -20.0


def build_mbart(target: Path, *, seed: int = 0) -> Path:
    """An mBART model (AraBART's architecture) with a SentencePiece BPE model, as mBART checkpoints
    ship it (sentencepiece.bpe.model, fairseq ids, a language code), and no ``tokenizer_class`` in
    its config, as mBART-25 has none: the decoder starts from ``</s>`` and the language code is forced
    as the first token."""
    target.mkdir(parents=True, exist_ok=True)
    proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_corpus_lines()),
        model_writer=proto,
        vocab_size=300,
        model_type="bpe",
        character_coverage=1.0,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        minloglevel=2,
    )
    (target / "sentencepiece.bpe.model").write_bytes(proto.getvalue())
    settings = {"tokenizer_class": "MBartTokenizer", "src_lang": "ar_AR", "tgt_lang": "ar_AR"}
    (target / "tokenizer_config.json").write_text(json.dumps(settings), encoding="utf-8")
    tokenizer = MBartTokenizer.from_pretrained(target)
    config = MBartConfig(
        vocab_size=len(tokenizer),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=256,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    model = MBartForConditionalGeneration(config)
    # As mBART checkpoints carry them (transformers 5 keeps generation settings out of the config).
    model.generation_config.forced_bos_token_id = tokenizer.convert_tokens_to_ids("ar_AR")
    model.generation_config.forced_eos_token_id = tokenizer.eos_token_id
    _steer_to_arabic(model, tokenizer)
    model.save_pretrained(target)
    return target


def written_by_model(result: Any) -> bool:
    """Whether a SummaryResult holds the model's summary, or a model summary the faithfulness guard
    dropped (random weights may name a place of another section's text)."""
    return result.method == "seq2seq" or bool(result.dropped)


def build_all(root: Path) -> TinyModels:
    return TinyModels(
        mt5=build_mt5(root / "mt5"),
        mt5_spiece_only=build_mt5(root / "mt5-spiece", spiece_only=True),
        bart=build_bart(root / "bart"),
        mbart=build_mbart(root / "mbart"),
    )


_built: TinyModels | None = None


def tiny_models_once(factory: pytest.TempPathFactory) -> TinyModels:
    """The tiny models, built once per test session however many test files ask for them."""
    global _built
    if _built is None:
        _built = build_all(factory.mktemp("tiny-models"))
    return _built


# --- the copier ------------------------------------------------------------------------------------


def set_copy_weights(
    model: MT5ForConditionalGeneration, *, content: int, key: int, context: int = 2, seed: int = 0
) -> None:
    """Set an mT5 model's weights so that it copies its input, and untie its LM head (as mT5 ships).

    The circuit (an "induction head" across encoder and decoder):

    - every token has a random unit *content* code (``content`` dims) and a random unit *key* code
      (``key`` dims); its embedding holds both, plus a constant 1 and an end-of-text flag;
    - encoder layer 0: head ``j - 1`` writes the key code of the token ``j`` positions back, for ``j``
      from 1 to ``context`` (the relative-position bias picks the position; the first positions fall
      back on the end-of-text token ``</s>``, found through the flag);
    - decoder layer 0: self-attention writes the key codes of the ``context - 1`` tokens before the
      current one (the first steps fall back on the start token ``<pad>``, flagged too); the
      cross-attention then looks for the encoder position whose ``context`` predecessors match the
      decoder's last ``context`` tokens, and reads that position's content code;
    - the LM head scores each token by its content code against what was read;
    - every other sublayer writes nothing (zero output projection), but still computes, so the model
      costs what its shape costs.

    The decoder starts from ``<pad>``, whose key code is that of ``</s>``, so the first step matches
    the first input position. Each matched key adds about 20 to an encoder position's attention score,
    and logit margins are about 20 between the right token and the next one. Where the input holds
    the same ``context`` tokens twice with different tokens after them, the two places tie exactly and
    the copy may jump to either: a longer ``context`` makes such ties rarer (see
    :func:`tied_copy_steps`). Raises ValueError when the codes do not fit the model's shape.
    """
    cfg = model.config
    d, dk, heads = cfg.d_model, cfg.d_kv, cfg.num_heads
    c, k, m = content, key, context
    fits = (
        m >= 2
        and 2 * c + m * k + 2 <= d
        and c + (m + 1) * k + 2 <= d
        and m * k <= dk
        and c % dk == 0
        and c // dk <= heads
        and heads >= m
    )
    if not fits:
        raise ValueError(
            f"content {c}, key {k} and context {m} do not fit d_model {d}, d_kv {dk}, {heads} heads"
        )
    flag, one = d - 2, d - 1
    vocab = cfg.vocab_size
    generator = torch.Generator().manual_seed(seed)
    codes = torch.randn(vocab, c, generator=generator)
    codes /= codes.norm(dim=1, keepdim=True)
    keys = torch.randn(vocab, k, generator=generator)
    keys /= keys.norm(dim=1, keepdim=True)
    pad, eos = cfg.pad_token_id, cfg.eos_token_id
    keys[pad] = keys[eos]
    embedding = torch.zeros(vocab, d)
    embedding[:, :c] = codes
    embedding[:, c : c + k] = keys
    embedding[:, one] = 1.0
    embedding[[eos, pad], flag] = 1.0
    eye = torch.eye
    with torch.no_grad():
        model.shared.weight.copy_(embedding)
        model.lm_head.weight = torch.nn.Parameter(torch.zeros(vocab, d))
        for stack in (model.encoder, model.decoder):
            stack.final_layer_norm.weight.fill_(1.0)
            for block in stack.block:
                for layer in block.layer:
                    layer.layer_norm.weight.fill_(1.0)
                    for name in ("SelfAttention", "EncDecAttention"):
                        if hasattr(layer, name):
                            getattr(layer, name).o.weight.zero_()
                    if hasattr(layer, "DenseReluDense"):
                        layer.DenseReluDense.wo.weight.zero_()
        s0 = math.sqrt(d / 3)  # RMS-norm factor of an embedding: content, key, constant
        attention = model.encoder.block[0].layer[0].SelfAttention
        for weight in (attention.q.weight, attention.k.weight, attention.v.weight):
            weight.zero_()
        bias = attention.relative_attention_bias.weight
        bias.zero_()
        for back in range(1, m + 1):
            base, slot = (back - 1) * dk, c + back * k
            attention.q.weight[base, one] = 1.0 / s0
            attention.k.weight[base, flag] = 15.0 / s0
            bias[back, back - 1] = 30.0
            attention.v.weight[base : base + k, c : c + k] = eye(k) / s0
            attention.o.weight[slot : slot + k, base : base + k] = eye(k)
        attention = model.decoder.block[0].layer[0].SelfAttention
        for weight in (attention.q.weight, attention.k.weight, attention.v.weight):
            weight.zero_()
        bias = attention.relative_attention_bias.weight
        bias.zero_()
        for back in range(1, m):
            base, slot = (back - 1) * dk, c + back * k
            if back > 1:  # one step back always exists: the start token is the first one
                attention.q.weight[base, one] = 1.0 / s0
                attention.k.weight[base, flag] = 15.0 / s0
            bias[back, back - 1] = 30.0
            attention.v.weight[base : base + k, c : c + k] = eye(k) / s0
            attention.o.weight[slot : slot + k, base : base + k] = eye(k)
        # RMS-norm factors: the decoder's stream holds content, m keys and the constant; the encoder's
        # output content, m + 1 keys and the constant; the last decoder stream adds the content read.
        s_decoder, s_encoder = math.sqrt(d / (m + 2)), math.sqrt(d / (m + 3))
        scale = math.sqrt(20.0 / (s_decoder * s_encoder))
        attention = model.decoder.block[0].layer[1].EncDecAttention
        for weight in (attention.q.weight, attention.k.weight, attention.v.weight):
            weight.zero_()
        for head in range(heads):
            base = head * dk
            attention.q.weight[base : base + m * k, c : c + m * k] = eye(m * k) * scale
            attention.k.weight[base : base + m * k, c + k : c + (m + 1) * k] = eye(m * k) * scale
        read = c + m * k
        for head in range(c // dk):
            base = head * dk
            attention.v.weight[base : base + dk, base : base + dk] = eye(dk) / s_encoder
            attention.o.weight[read + base : read + base + dk, base : base + dk] = eye(dk)
        s_final = math.sqrt(d / (m + 3))
        model.lm_head.weight[:, read : read + c] = codes * (30.0 / s_final)
        model.lm_head.weight[pad] = 0.0


def tied_copy_steps(tokens: list[int], context: int, steps: int) -> list[int]:
    """The steps, among the first ``steps``, where :func:`set_copy_weights`' copier of ``context`` may
    not write the next token of ``tokens`` (an input's ids, ``</s>`` included): its last ``context``
    tokens (the start counted as ``</s>``) stand before another token of the input as often as before
    that one (a tie: the places score exactly alike and rounding decides) or more often (it goes on
    from the other places). The copier weighs each place alike and scores a token by how many of them
    it follows, so a context standing twice before one token and once before another writes the first
    with a margin of about 10, however the engine rounds: no tie. Shape: step numbers, 0-based,
    ascending."""
    start = -1  # what the copier sees before the input: </s> and <pad> share a key code
    padded = [start] * context + tokens
    after: dict[tuple[int, ...], dict[int, int]] = {}
    for position in range(context, len(padded)):
        follows = after.setdefault(tuple(padded[position - context : position]), {})
        follows[padded[position]] = follows.get(padded[position], 0) + 1
    unsure = []
    for step in range(min(steps, len(tokens))):
        follows = after[tuple(padded[step : step + context])]
        if any(count >= follows[tokens[step]] for token, count in follows.items() if token != tokens[step]):
            unsure.append(step)
    return unsure


# --- the trained clause writer ---------------------------------------------------------------------

# Names, digits and symbols put into training paragraphs, so the model learns to copy them too.
RARE_ITEMS = ("Reuters", "AFP", "BBC", "Guterres", "OPEC", "UNICEF", "2024", "15", "300", "1.5", "%", "€")
CLAUSE_RECIPE = {
    "vocab": 1000,
    "latin_filler": 1500,
    "d_model": 256,
    "d_ff": 256,
    "d_kv": 64,
    "heads": 2,
    "layers": 2,
    "content": 64,
    "key": 32,
    # The copier starts close, so few steps do: with the rate falling linearly to zero, 80 steps write
    # 47 of the 64 held-out first clauses exactly (3 beams, as test_summarizer_fidelity.py decodes)
    # and copy the rare items of its RARE section; 200 steps at a constant rate wrote 44 in 2.5 times
    # the time. 60 steps wrote 45; 100 wrote 48 but dropped a rare item. At a constant rate the count
    # swung between 23 and 44 from one step count to the next.
    "steps": 80,
    "batch": 16,
    "lr": 1e-3,
    "max_input_tokens": 64,
    "seed": 0,
}
_CLAUSE_END = ("،", ".", "؟", "!", ":")


def arabic_test_texts() -> list[str]:
    """The project's own Arabic test paragraphs (tests/data), one string each."""
    texts = []
    for name in ("labelled_sections.jsonl", "heldout_sections.jsonl", "heldout2_sections.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    texts += [text for _, text in corpus_sections()]
    return [" ".join(text.split()) for text in texts if text.strip()]


def first_clause(text: str) -> str | None:
    """The words of ``text`` up to the first that ends with a comma or a sentence end, if any."""
    words = text.split()
    for index, word in enumerate(words):
        if word.endswith(_CLAUSE_END):
            return " ".join(words[: index + 1])
    return None


def clause_examples(seed: int = 0) -> list[tuple[str, str]]:
    """(paragraph, first clause) pairs: one to three consecutive sentences of the test text, some with
    a Latin name, a number or a symbol put into the first clause; clauses of 3-16 words only."""
    rng = random.Random(seed)
    sentences = [s for t in arabic_test_texts() for s in re.split(r"(?<=[.؟!])\s+", t) if s.strip()]
    examples = []
    for index in range(len(sentences)):
        for variant in range(3):
            words = " ".join(sentences[index : index + rng.randint(1, 3)]).split()
            clause = first_clause(" ".join(words))
            if variant and clause and rng.random() < 0.8:
                words.insert(rng.randint(0, len(clause.split()) - 1), rng.choice(RARE_ITEMS))
            paragraph = " ".join(words)
            clause = first_clause(paragraph)
            if clause and 3 <= len(clause.split()) <= 16:
                examples.append((paragraph, clause))
    rng.shuffle(examples)
    return examples


def _recipe_key() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for file in [*sorted(DATA.glob("*.jsonl")), CORPUS]:
        digest.update(file.read_bytes())
    digest.update(f"torch {torch.__version__}; transformers {transformers.__version__}".encode())
    return digest.hexdigest()[:16]


def _clause_tokenizer(examples: list[tuple[str, str]], recipe: dict) -> T5Tokenizer:
    lines = [paragraph for paragraph, _ in examples]
    processor = spm.SentencePieceProcessor(model_proto=train_sentencepiece(recipe["vocab"], lines))
    pieces = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]
    # Pieces of other scripts, as a multilingual vocabulary has: they make the Arabic-script share
    # small enough for the output-vocabulary restriction to apply, as it does for mT5.
    letters = "bcdfghjklmnpqrstvwxz"
    filler = ("\u2581" + a + b + c for a in letters for b in "aeiou" for c in letters)
    known = {piece for piece, _ in pieces}
    for piece in filler:
        if len(pieces) >= recipe["vocab"] + recipe["latin_filler"]:
            break
        if piece not in known:
            pieces.append((piece, -30.0))
    return T5Tokenizer(vocab=pieces, extra_ids=0)


def train_clause_model(target: Path, recipe: dict = CLAUSE_RECIPE) -> Path:
    """Train the clause writer into ``target`` (a checkpoint directory) and return it."""
    examples = clause_examples(recipe["seed"])
    held_out, training = examples[:64], examples[64:]
    tokenizer = _clause_tokenizer(examples, recipe)
    config = MT5Config(
        vocab_size=len(tokenizer),
        d_model=recipe["d_model"],
        d_ff=recipe["d_ff"],
        d_kv=recipe["d_kv"],
        num_heads=recipe["heads"],
        num_layers=recipe["layers"],
        num_decoder_layers=recipe["layers"],
        dropout_rate=0.0,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    torch.manual_seed(recipe["seed"])
    model = MT5ForConditionalGeneration(config)
    set_copy_weights(model, content=recipe["content"], key=recipe["key"], seed=recipe["seed"])
    optimizer = torch.optim.AdamW(model.parameters(), lr=recipe["lr"], weight_decay=0.0)
    falling = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1 - step / recipe["steps"])
    rng = random.Random(recipe["seed"])
    # One thread: on a busy 2-core machine two spin-waiting threads made a step 13x slower (CI runs
    # the training in about 12 s this way).
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    started = time.monotonic()
    try:
        model.train()
        for _ in range(recipe["steps"]):
            batch = [training[rng.randrange(len(training))] for _ in range(recipe["batch"])]
            encoded = tokenizer(
                [p for p, _ in batch],
                return_tensors="pt",
                padding=True,
                truncation=True,
                max_length=recipe["max_input_tokens"],
            )
            labels = tokenizer([c for _, c in batch], return_tensors="pt", padding=True)["input_ids"]
            labels[labels == tokenizer.pad_token_id] = -100
            loss = model(**encoded, labels=labels).loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            falling.step()
    finally:
        torch.set_num_threads(threads)
    model.eval()
    target.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(target)
    model.save_pretrained(target)
    report = {"recipe": recipe, "train_seconds": round(time.monotonic() - started, 1)}
    report["held_out"] = [{"paragraph": p, "clause": c} for p, c in held_out]
    (target / "training.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def clause_model(cache_dir: Path) -> Path:
    """The trained clause writer, from ``cache_dir`` when this recipe was trained before.

    Test processes running at once (``pytest -n``) share the cache: one trains while the others wait
    for it (a lock file beside the cache), so none clears the folder another one just wrote."""
    target = cache_dir / f"clause-{_recipe_key()}"
    with FileLock(cache_dir / ".clause.lock"):
        if (target / "training.json").is_file():
            return target
        for stale in cache_dir.glob("clause-*"):
            shutil.rmtree(stale, ignore_errors=True)
        work = cache_dir / f".work-{os.getpid()}"
        shutil.rmtree(work, ignore_errors=True)
        train_clause_model(work)
        work.rename(target)
    return target
