"""Decoding over a reduced output vocabulary with real (tiny, random) mT5 and BART checkpoints."""

from __future__ import annotations

import dataclasses
import time
import weakref
from pathlib import Path
from typing import Any

import pytest
import torch
from tiny_models import TinyModels, build_mt5, corpus_sections, tiny_models_once, written_by_model

from nashra.config import GenerationConfig, SummarizerConfig
from summarizer import engines, loader, vocabulary
from summarizer.generate import generate_batch, generation_config, source_text
from summarizer.keys import model_key
from summarizer.service import SectionText, Summarizer

LATIN_NAME = "Reuters"


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyModels:
    return tiny_models_once(tmp_path_factory)


@pytest.fixture(scope="module")
def mt5_with_latin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_mt5(tmp_path_factory.mktemp("mt5-latin"), extra_pieces=("▁" + LATIN_NAME,))


def load(path: Path) -> loader.LoadedModel:
    return engines.load(loader.ModelSpec(name=str(path), device="cpu"))


def texts(count: int = 3) -> list[str]:
    return [source_text(heading, text) for heading, text in corpus_sections()[:count]]


def settings(**changes: Any) -> GenerationConfig:
    base = GenerationConfig(num_beams=2, min_new_tokens=6, max_new_tokens=10, no_repeat_ngram_size=2)
    return dataclasses.replace(base, **changes)


def snapshot(model: Any) -> tuple[Any, ...]:
    """What a restricted batch changes: the modules, the generation config and its ids, the bias."""
    config = model.generation_config
    return (
        model.get_output_embeddings(),
        model.get_decoder().embed_tokens,
        config,
        config.to_json_string(),
        getattr(model, "final_logits_bias", None),
        "_reorder_cache" in vars(model),
        model.config.vocab_size,
    )


def test_the_script_vocabulary_keeps_arabic_pieces_and_special_tokens_only(mt5_with_latin: Path) -> None:
    model = load(mt5_with_latin)
    base = set(vocabulary.script_vocabulary(model.model, model.tokenizer).tolist())
    latin = model.tokenizer.convert_tokens_to_ids("▁" + LATIN_NAME)
    arabic = model.tokenizer.convert_tokens_to_ids("▁ال")
    assert latin not in base
    assert arabic in base
    assert set(model.tokenizer.all_special_ids) <= base


@pytest.mark.parametrize("name", ["mt5_with_latin", "bart"])
def test_a_latin_name_joins_the_vocabulary_of_its_own_row_only(
    name: str, tiny: TinyModels, mt5_with_latin: Path
) -> None:
    model = load(mt5_with_latin if name == "mt5_with_latin" else tiny.bart)
    base = vocabulary.script_vocabulary(model.model, model.tokenizer)
    inputs = [f"قالت وكالة ({LATIN_NAME}) إن الأسعار ارتفعت.", "ارتفعت الأسعار في القاهرة."]
    encoded = model.tokenizer(inputs, return_tensors="pt", padding=True)
    rows = vocabulary.row_vocabularies(base, model.tokenizer, inputs, encoded["input_ids"])
    with_name, without = (set(rows.ids[allowed].tolist()) for allowed in rows.allowed)
    # The name as a summary would start it, not only as the input spells it after "(".
    name_ids = set(model.tokenizer(" " + LATIN_NAME, add_special_tokens=False)["input_ids"])
    name_ids |= set(model.tokenizer(LATIN_NAME, add_special_tokens=False)["input_ids"])
    assert name_ids - set(base.tolist()), "the name's pieces must be outside the script vocabulary"
    assert name_ids <= with_name
    assert not (name_ids - set(base.tolist())) & without


@pytest.mark.parametrize("name", ["mt5", "bart"])
def test_restricted_decoding_emits_only_allowed_tokens(tiny: TinyModels, name: str) -> None:
    loaded = load(getattr(tiny, name))
    model, tokenizer = loaded.model, loaded.tokenizer
    encoded = tokenizer(texts(), return_tensors="pt", padding=True)
    config = generation_config(model, settings())
    with torch.inference_mode():
        unrestricted = set(model.generate(**encoded, generation_config=config).flatten().tolist())
    small = torch.tensor(sorted(set(tokenizer.all_special_ids) | set(range(0, 200, 7))))
    rows = vocabulary.row_vocabularies(small, tokenizer, texts(), encoded["input_ids"], config)
    ids = rows.ids
    assert unrestricted - set(ids.tolist()), "the check needs an unrestricted output with other tokens"
    with torch.inference_mode(), vocabulary.restricted(model, ids, config, rows.allowed) as reduced:
        output = model.generate(**encoded, generation_config=reduced)
    for row, allowed in zip(ids[output].tolist(), rows.allowed, strict=True):
        generated = set(row)
        assert generated <= set(ids[allowed].tolist()), "a row wrote a token outside its own set"
        assert generated - set(tokenizer.all_special_ids), "something besides special tokens was generated"


@pytest.mark.parametrize("name", ["mt5", "bart"])
def test_the_restricted_model_declares_the_size_of_its_logits(tiny: TinyModels, name: str) -> None:
    # Beam search in transformers 5.0-5.17 reshapes logits by config.get_text_config().vocab_size, later
    # versions by the logits' width: within the block both must say the same.
    loaded = load(getattr(tiny, name))
    model, tokenizer = loaded.model, loaded.tokenizer
    encoded = tokenizer(texts(2), return_tensors="pt", padding=True)
    config = generation_config(model, settings())
    half = vocabulary.script_vocabulary(model, tokenizer)[::2]
    ids = vocabulary.row_vocabularies(half, tokenizer, texts(2), encoded["input_ids"], config).ids
    full_size = model.config.vocab_size
    with torch.inference_mode(), vocabulary.restricted(model, ids, config) as reduced:
        start = torch.full((2, 1), reduced.decoder_start_token_id)
        logits = model(**encoded, decoder_input_ids=start).logits
        assert model.config.get_text_config().vocab_size == logits.shape[-1] == len(ids)
    assert model.config.vocab_size == full_size


@pytest.mark.parametrize("name", ["mt5", "bart"])
def test_the_model_is_restored_even_when_generate_raises(
    tiny: TinyModels, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load(getattr(tiny, name))
    model = loaded.model
    before = snapshot(model)
    seen: list[tuple[Any, ...]] = []

    def failing_generate(**kwargs: Any) -> Any:
        seen.append(snapshot(model))
        raise RuntimeError("out of memory")

    monkeypatch.setattr(model, "generate", failing_generate)
    allowed = vocabulary.script_vocabulary(model, loaded.tokenizer)[::2]
    config = generation_config(model, settings())
    with pytest.raises(RuntimeError, match="out of memory"):
        generate_batch(
            model, loaded.tokenizer, loaded.device, texts(2), config, time.monotonic() + 60, allowed
        )
    assert seen and seen[0][0] is not before[0], "generate must have run on the restricted model"
    after = snapshot(model)
    assert all(a is b for a, b in zip(after[:3], before[:3], strict=True))
    assert after[3:] == before[3:] and after[4] is before[4]


@pytest.mark.parametrize("name", ["mt5", "bart"])
def test_restricted_greedy_decoding_matches_unrestricted_when_its_tokens_are_allowed(
    tiny: TinyModels, name: str
) -> None:
    loaded = load(getattr(tiny, name))
    model, tokenizer = loaded.model, loaded.tokenizer
    config = generation_config(model, settings(num_beams=1, min_new_tokens=8, max_new_tokens=12))
    inputs = texts()
    with torch.inference_mode():
        encoded = tokenizer(inputs, return_tensors="pt", padding=True)
        used = set(model.generate(**encoded, generation_config=config).flatten().tolist())
    size = vocabulary.output_size(model)
    # The used tokens plus every third id: the reduced indices differ from the full ids throughout.
    allowed = torch.tensor(sorted(used | set(range(0, size, 3))))
    assert len(allowed) < size * 0.6
    deadline = time.monotonic() + 60
    full = generate_batch(model, tokenizer, loaded.device, inputs, config, deadline)
    reduced = generate_batch(model, tokenizer, loaded.device, inputs, config, deadline, allowed)
    assert [r.text for r in reduced] == [f.text for f in full]
    assert len({f.text for f in full}) > 1 or len(set(full[0].text.split())) > 1


def test_restriction_is_skipped_when_it_would_keep_most_of_the_vocabulary(
    tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vocabulary, "_cache", weakref.WeakKeyDictionary())
    loaded = load(tiny.mt5)  # trained on Arabic text only: nearly every piece is Arabic
    assert vocabulary.output_vocabulary(loaded.model, loaded.tokenizer) is None
    monkeypatch.setattr(vocabulary, "WORTHWHILE_SHARE", 1.0)
    monkeypatch.setattr(vocabulary, "_cache", weakref.WeakKeyDictionary())
    allowed = vocabulary.output_vocabulary(loaded.model, loaded.tokenizer)
    assert allowed is not None and len(allowed) <= vocabulary.output_size(loaded.model)


@pytest.mark.parametrize("name", ["mt5", "bart"])
def test_the_summarizer_decodes_over_the_reduced_vocabulary_and_restores_the_model(
    tiny: TinyModels, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vocabulary, "WORTHWHILE_SHARE", 1.0)
    monkeypatch.setattr(vocabulary, "_cache", weakref.WeakKeyDictionary())
    config = SummarizerConfig(
        model=str(getattr(tiny, name)), device="cpu", generation=settings(), restrict_vocabulary=True
    )
    summarizer = Summarizer(config)
    loaded = summarizer.load()
    assert loaded is not None
    before = snapshot(loaded.model)
    calls: list[bool] = []
    real_restricted = vocabulary.restricted

    def counting(*args: Any) -> Any:
        calls.append(True)
        return real_restricted(*args)

    monkeypatch.setattr(vocabulary, "restricted", counting)
    results = summarizer.summarize([SectionText(h, t) for h, t in corpus_sections()[:3]])
    assert calls
    assert all(written_by_model(r) and r.summary for r in results)
    after = snapshot(loaded.model)
    assert all(a is b for a, b in zip(after[:3], before[:3], strict=True)) and after[3:] == before[3:]


def test_the_cache_key_tells_restricted_from_whole_vocabulary_decoding(tiny: TinyModels) -> None:
    config = SummarizerConfig(model=str(tiny.mt5))
    assert model_key(config) != model_key(dataclasses.replace(config, restrict_vocabulary=True))


@pytest.mark.parametrize("name", ["mt5_with_latin", "bart"])
def test_a_sections_summary_does_not_depend_on_its_batch_mates(
    name: str, tiny: TinyModels, mt5_with_latin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A random model writes whatever scores highest, another row's Latin name included, if allowed.
    monkeypatch.setattr(vocabulary, "WORTHWHILE_SHARE", 1.0)
    monkeypatch.setattr(vocabulary, "_cache", weakref.WeakKeyDictionary())
    path = mt5_with_latin if name == "mt5_with_latin" else tiny.bart
    config = SummarizerConfig(model=str(path), device="cpu", generation=settings(), restrict_vocabulary=True)
    summarizer = Summarizer(config)
    sections = [SectionText(h, t) for h, t in corpus_sections()[:4]]
    latin = SectionText("وكالات", f"قالت وكالة {LATIN_NAME} و{LATIN_NAME}s إن {LATIN_NAME} تابعت الحدث.")
    alone = [summarizer.summarize([section])[0] for section in sections]
    mixed = summarizer.summarize([latin, *sections])[1:]
    reversed_batch = summarizer.summarize([*reversed(sections), latin])[:-1][::-1]
    assert all(written_by_model(r) for r in alone)
    assert mixed == alone
    assert reversed_batch == alone
