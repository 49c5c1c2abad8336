"""Nashra's generation path writes exactly what plain ``model.generate`` writes, with a model that means
something: a tiny mT5 trained here to write the first clause of a paragraph (tests/tiny_models.py).

The path under test is the default one: length-sorted batches under a token budget, beams sharing
the encoder's cross-attention cache, then cleaning and the faithfulness guard. Plain generate gets the
same inputs in one batch with the same generation settings.

The output-vocabulary restriction is off by default because it is not exact under beam search (scores
normalized over the reduced set): with it on, a section's summary still depends on its own text only,
and a row can still copy a name only its own input holds.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
import types
from pathlib import Path
from typing import Any

import pytest
import torch

from nashra.config import GenerationConfig, SummarizerConfig
from summarizer import generate, vocabulary
from summarizer.cleaning import clean_summary, is_usable
from summarizer.extractive import extractive_summary
from summarizer.faithfulness import unsupported_names
from summarizer.service import GenerationCancelled, SectionText, Summarizer

SETTINGS = GenerationConfig(num_beams=3, max_new_tokens=48, length_penalty=1.0)
# The rare items sit in the first clause of one section only; its batch mates lack them.
RARE = SectionText(None, "قالت وكالة Reuters إن الأسعار ارتفعت 15 % في 2024، بحسب بيانات رسمية.")


@pytest.fixture(scope="session")
def held_out(clause_dir: Path) -> list[tuple[str, str]]:
    report = json.loads((clause_dir / "training.json").read_text(encoding="utf-8"))
    return [(item["paragraph"], item["clause"]) for item in report["held_out"]]


def summarizer(model: Path, **changes: Any) -> Summarizer:
    config = SummarizerConfig(model=str(model), device="cpu", generation=SETTINGS, batch_token_budget=256)
    return Summarizer(dataclasses.replace(config, **changes))


def plain_generate(nashra: Summarizer, sections: list[SectionText]) -> list[generate.Generated]:
    """What ``model.generate`` writes for the same inputs, all in one batch, whole vocabulary."""
    loaded = nashra.load()
    assert loaded is not None
    limit = min(nashra.config.max_input_tokens, loaded.input_limit)
    inputs = [generate.fit_input(loaded.tokenizer, "", s.heading, s.text, limit)[0] for s in sections]
    config = generate.generation_config(loaded.model, nashra.config.generation)
    encoded = loaded.tokenizer(inputs, return_tensors="pt", padding=True)
    with torch.inference_mode():
        output = loaded.model.generate(**encoded, generation_config=config)
    return generate.decoded(loaded.tokenizer, output.tolist(), {loaded.model.config.eos_token_id})


def as_summaries(plain: list[generate.Generated], sections: list[SectionText]) -> list[str]:
    """What the summarizer must make of plain generate's texts: the text itself when the model ended
    it, it reads as a summary and names nothing its section does not; the cut mark when it ran out of
    tokens; else the extractive one."""
    out = []
    for generated, section in zip(plain, sections, strict=True):
        cleaned = clean_summary(generated.text, finished=generated.finished)
        usable = is_usable(cleaned, section.text) and not unsupported_names(
            cleaned, section.heading, section.text
        )
        out.append(cleaned if usable else extractive_summary(section.heading, section.text))
    return out


def test_the_trained_model_writes_the_first_clause(clause_dir: Path, held_out: list[tuple[str, str]]) -> None:
    nashra = summarizer(clause_dir)
    written = plain_generate(nashra, [SectionText(None, paragraph) for paragraph, _ in held_out])
    exact = sum(g.text == clause for g, (_, clause) in zip(written, held_out, strict=True))
    assert exact >= len(held_out) // 2, f"only {exact} of {len(held_out)} first clauses written"


def test_the_generation_path_writes_what_plain_generate_writes(
    clause_dir: Path, held_out: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    nashra = summarizer(clause_dir)
    batches: list[int] = []
    real = generate.generate_batch

    def counting(*args: Any, **kwargs: Any) -> Any:
        batches.append(len(args[3]))
        return real(*args, **kwargs)

    monkeypatch.setattr(generate, "generate_batch", counting)
    # Sixteen held-out paragraphs and the rare one: four or more batches under the 256-token budget.
    sections = [SectionText(None, paragraph) for paragraph, _ in held_out[:16]] + [RARE]
    results = nashra.summarize(sections)
    plain = plain_generate(nashra, sections)
    assert len(batches) > 1, f"the sections must be split over several batches: {batches}"
    assert [r.summary for r in results] == as_summaries(plain, sections)
    verbatim = sum(r.summary == g.text for r, g in zip(results, plain, strict=True))
    assert verbatim >= len(sections) * 2 // 3, "most summaries must be the model's text untouched"


def test_a_row_copies_a_name_a_number_and_a_symbol_that_its_batch_mates_lack(
    clause_dir: Path, held_out: list[tuple[str, str]]
) -> None:
    nashra = summarizer(clause_dir)
    mates = [SectionText(None, paragraph) for paragraph, _ in held_out[:3]]
    batch = [mates[0], RARE, *mates[1:]]
    results = nashra.summarize(batch)
    assert [r.summary for r in results] == as_summaries(plain_generate(nashra, batch), batch)
    assert results[1].summary == "قالت وكالة Reuters إن الأسعار ارتفعت 15 % في 2024،"


def test_with_the_restriction_a_row_still_copies_what_only_its_own_input_holds(
    clause_dir: Path, held_out: list[tuple[str, str]]
) -> None:
    nashra = summarizer(clause_dir, restrict_vocabulary=True)
    loaded = nashra.load()
    assert loaded is not None
    assert vocabulary.output_vocabulary(loaded.model, loaded.tokenizer) is not None, "restriction applies"
    mates = [SectionText(None, paragraph) for paragraph, _ in held_out[:3]]
    results = nashra.summarize([mates[0], RARE, *mates[1:]])
    assert results[1].summary == "قالت وكالة Reuters إن الأسعار ارتفعت 15 % في 2024،"


@pytest.mark.parametrize("restrict", [False, True])
def test_a_sections_summary_is_the_same_whatever_its_batch_mates(
    clause_dir: Path, held_out: list[tuple[str, str]], restrict: bool
) -> None:
    nashra = summarizer(clause_dir, batch_token_budget=8192, restrict_vocabulary=restrict)
    sections = [SectionText(None, paragraph) for paragraph, _ in held_out[:8]]
    first = [nashra.summarize([section])[0] for section in sections]
    alone = [r.summary for r in first]
    together = [r.summary for r in nashra.summarize([RARE, *sections])][1:]
    backwards = [r.summary for r in nashra.summarize([*reversed(sections), RARE])][:-1][::-1]
    # Extractive fallbacks would agree whatever the model did: the model must have written most of
    # them. Not all: the tiny model is trained on this machine, and its floating point differs from
    # one CPU to another, so on some a held-out paragraph gets a name the faithfulness guard refuses.
    assert sum(r.method == "seq2seq" for r in first) >= 6
    assert together == alone
    assert backwards == alone


def test_beams_skip_reordering_the_cross_attention_cache(
    clause_dir: Path, held_out: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # transformers 5 calls a model's own _reorder_cache when it has one (GenerationMixin._beam_search).
    nashra = summarizer(clause_dir)
    loaded = nashra.load()
    assert loaded is not None
    calls: list[tuple[int, int]] = []
    real = generate._reorder_self_attention

    def spying(cache: Any, beam_idx: torch.Tensor) -> Any:
        cross = [layer.keys for layer in cache.cross_attention_cache.layers]
        result = real(cache, beam_idx)
        after = [layer.keys for layer in cache.cross_attention_cache.layers]
        calls.append((len(beam_idx), sum(a is b for a, b in zip(cross, after, strict=True))))
        return result

    monkeypatch.setattr(generate, "_reorder_self_attention", spying)
    texts = [paragraph for paragraph, _ in held_out[:4]]
    config = generate.generation_config(loaded.model, SETTINGS)
    generate.generate_batch(
        loaded.model, loaded.tokenizer, loaded.device, texts, config, time.monotonic() + 60
    )
    layers = loaded.model.config.num_decoder_layers
    assert calls, "the hook was not called"
    assert all(rows == 4 * SETTINGS.num_beams and kept == layers for rows, kept in calls)
    assert "_reorder_cache" not in vars(loaded.model), "the hook is removed after the call"


def _layers(stack: Any) -> Any:
    return stack.block


def test_a_stop_request_during_the_encoder_ends_the_batch_before_its_next_layer(
    clause_dir: Path, held_out: list[tuple[str, str]]
) -> None:
    nashra = summarizer(clause_dir)
    loaded = nashra.load()
    assert loaded is not None
    stop = threading.Event()
    ran: list[str] = []

    def request_stop(module: Any, args: Any, output: Any) -> None:
        ran.append("encoder layer")
        stop.set()  # the request arrives while the encoder's first layer runs

    encoder_layers, decoder_layers = _layers(loaded.model.get_encoder()), _layers(loaded.model.get_decoder())
    hooks = [layer.register_forward_hook(request_stop) for layer in encoder_layers]
    hooks += [layer.register_forward_hook(lambda *_: ran.append("decoder layer")) for layer in decoder_layers]
    try:
        with pytest.raises(GenerationCancelled):
            nashra.summarize([SectionText(None, paragraph) for paragraph, _ in held_out[:4]], stop)
    finally:
        for hook in hooks:
            hook.remove()

    assert ran == ["encoder layer"]


def test_a_batch_past_its_deadline_during_the_encoder_times_out_before_its_next_layer(
    clause_dir: Path, held_out: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = summarizer(clause_dir).load()
    assert loaded is not None
    settings = generate.generation_config(loaded.model, SETTINGS)
    clock = types.SimpleNamespace(now=1000.0)
    monkeypatch.setattr(generate, "time", types.SimpleNamespace(monotonic=lambda: clock.now))
    ran: list[str] = []

    def late(module: Any, args: Any, output: Any) -> None:
        ran.append("encoder layer")
        clock.now += 60  # a layer that ends past the deadline below

    hooks = [layer.register_forward_hook(late) for layer in _layers(loaded.model.get_encoder())]
    try:
        with pytest.raises(generate.GenerationTimeout):
            generate.generate_batch(
                loaded.model,
                loaded.tokenizer,
                loaded.device,
                [paragraph for paragraph, _ in held_out[:2]],
                settings,
                clock.now + 30,
            )
    finally:
        for hook in hooks:
            hook.remove()

    assert ran == ["encoder layer"]
