"""The copier that benchmarks/summarize.py measures identical outputs with (tests/tiny_models.py).

An identical count means something only where the copier's output is defined: where its last tokens
stand twice in the input before two different tokens, the two places tie exactly and rounding picks
the next token, so two correct engines may part. These tests pin where such ties are, and that a
copier matching four tokens writes back an input that a two-token copier would find ambiguous.
"""

from __future__ import annotations

import pytest
import torch
from tiny_models import set_copy_weights, tied_copy_steps
from transformers import MT5Config, MT5ForConditionalGeneration

# Token ids as an input holds them (``</s>``, id 1, last); 2 beams and the copier's wide margins.
A, B, C, D, E, F, G, H = range(10, 18)


def test_a_context_standing_before_two_different_tokens_is_a_tie() -> None:
    tokens = [A, B, C, D, E, F, A, B, G, H, 1]

    assert tied_copy_steps(tokens, context=2, steps=10) == [2, 8]


def test_a_context_standing_twice_before_the_same_token_is_no_tie() -> None:
    tokens = [A, B, C, D, E, A, B, C, F, 1]  # A B before C twice; B C before D, then F

    assert tied_copy_steps(tokens, context=2, steps=9) == [3, 8]


def test_a_longer_context_tells_the_two_places_apart() -> None:
    tokens = [A, B, C, D, E, F, A, B, G, H, 1]

    assert tied_copy_steps(tokens, context=4, steps=10) == []


def test_only_the_steps_asked_for_are_looked_at() -> None:
    tokens = [C, D, E, F, G, H, A, B, E, A, B, F, 1]

    assert tied_copy_steps(tokens, context=2, steps=8) == []
    assert tied_copy_steps(tokens, context=2, steps=9) == [8]


def _copier(context: int, key: int) -> MT5ForConditionalGeneration:
    config = MT5Config(
        vocab_size=64,
        d_model=256,
        d_ff=64,
        d_kv=64,
        num_heads=4,
        num_layers=1,
        num_decoder_layers=1,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    torch.manual_seed(0)
    model = MT5ForConditionalGeneration(config)
    set_copy_weights(model, content=64, key=key, context=context)
    return model.eval()


def _copy(model: MT5ForConditionalGeneration, tokens: list[int], steps: int) -> list[int]:
    with torch.inference_mode():
        written = model.generate(
            input_ids=torch.tensor([tokens]), num_beams=2, max_new_tokens=steps, do_sample=False
        )
    return written[0, 1:].tolist()


def test_a_four_token_copier_writes_back_an_input_whose_pairs_repeat() -> None:
    tokens = [A, B, C, D, E, F, A, B, G, H, C, D, F, E, 1]
    assert tied_copy_steps(tokens, context=2, steps=12) and not tied_copy_steps(tokens, context=4, steps=12)

    assert _copy(_copier(context=4, key=16), tokens, steps=12) == tokens[:12]


def test_codes_that_do_not_fit_the_model_are_refused() -> None:
    with pytest.raises(ValueError, match="context 5"):
        _copier(context=5, key=16)


def test_a_context_standing_before_one_token_more_often_writes_that_token() -> None:
    # B C stands twice before D and once before E: the copier writes D there, by a wide margin.
    tokens = [A, B, C, D, A, B, C, E, A, B, C, D, F, 1]
    assert tied_copy_steps(tokens, context=2, steps=14) == [4, 7, 12]  # C D ties; E is outvoted

    assert _copy(_copier(context=2, key=16), tokens, steps=4) == tokens[:4]


def test_a_run_of_one_token_is_unsure_only_where_it_ends() -> None:
    tokens = [A, B, C, *[D] * 10, E, F, 1]  # the copier cannot count: it writes D on and on

    assert tied_copy_steps(tokens, context=4, steps=16) == [13]
    assert _copy(_copier(context=4, key=16), tokens, steps=16)[:14] == [*tokens[:13], D]
