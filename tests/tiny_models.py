"""Tiny seq2seq models with random weights, built on disk the way real checkpoints are laid out.

The tests load them through the same ``from_pretrained`` path a real mT5 or Arabic BART would take, so
the tokenizers are trained on the project's Arabic test text: a SentencePiece unigram model for mT5 (as
mT5 ships one) and a byte-level BPE for BART.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import sentencepiece as spm
import torch
from tokenizers import ByteLevelBPETokenizer
from transformers import (
    BartConfig,
    BartForConditionalGeneration,
    BartTokenizer,
    MT5Config,
    MT5ForConditionalGeneration,
    T5Tokenizer,
)

CORPUS = Path(__file__).resolve().parent / "data" / "summarizer" / "sections_ar.txt"


@dataclass(frozen=True)
class TinyModels:
    """Directories of the built models."""

    mt5: Path
    mt5_spiece_only: Path
    bart: Path


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


def _train_sentencepiece(vocab_size: int) -> bytes:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_corpus_lines()),
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
    proto = _train_sentencepiece(vocab_size=300)
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
    with torch.no_grad():
        # Random weights pick byte tokens (Latin, broken UTF-8) as often as Arabic words; steer the
        # untrained model towards Arabic pieces so its output passes the "is this Arabic" check.
        for token, index in tokenizer.get_vocab().items():
            text = tokenizer.convert_tokens_to_string([token])
            if index not in tokenizer.all_special_ids and not any("\u0621" <= ch <= "\u064a" for ch in text):
                model.final_logits_bias[0, index] = -20.0
    model.save_pretrained(target)
    return target


def build_all(root: Path) -> TinyModels:
    return TinyModels(
        mt5=build_mt5(root / "mt5"),
        mt5_spiece_only=build_mt5(root / "mt5-spiece", spiece_only=True),
        bart=build_bart(root / "bart"),
    )


_built: TinyModels | None = None


def tiny_models_once(factory: pytest.TempPathFactory) -> TinyModels:
    """The tiny models, built once per test session however many test files ask for them."""
    global _built
    if _built is None:
        _built = build_all(factory.mktemp("tiny-models"))
    return _built
