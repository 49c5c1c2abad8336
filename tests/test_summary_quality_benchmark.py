"""benchmarks/summary_quality.py: ROUGE against references, with LEAD baselines from the same run."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "summary_quality.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("summary_quality", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["summary_quality"] = module
    spec.loader.exec_module(module)
    return module


def test_the_tokenizer_folds_diacritics_tatweel_alef_and_drops_punctuation(bench: ModuleType) -> None:
    assert bench.ArabicTokenizer().tokenize("أعلنَ الرئيـــس، «إنّ» آمال.") == ["اعلن", "الرئيس", "ان", "امال"]


def test_the_other_tokenizers_split_the_way_their_names_say(bench: ModuleType) -> None:
    text = "وأعلنَ الرئيس، «إنّ» آمال."
    tokens = {name: tokenizer.tokenize(text) for name, tokenizer in bench.TOKENIZERS.items()}
    assert tokens["no-alef-fold"] == ["وأعلن", "الرئيس", "إن", "آمال"]
    assert tokens["punctuation"] == ["واعلن", "الرئيس", "،", "«", "ان", "»", "امال", "."]
    assert tokens["clitics"] == ["و", "اعلن", "ال", "رئيس", "ان", "امال"]
    assert tokens["whitespace"] == ["وأعلنَ", "الرئيس،", "«إنّ»", "آمال."]
    assert bench.TOKENIZERS["normalized"].tokenize("مستشفى المدينة") == ["مستشفي", "المدينه"]


def test_identical_texts_score_100_and_disjoint_ones_0(bench: ModuleType) -> None:
    tokenizer = bench.ArabicTokenizer()
    same = bench.score(["أعلنت الحكومة الخطة"], ["أعلنت الحكومة الخطة"], tokenizer)
    none = bench.score(["سقط المطر"], ["أعلنت الحكومة الخطة"], tokenizer)
    assert (same.rouge1, same.rouge2, same.rougeL) == (100.0, 100.0, 100.0)
    assert (none.rouge1, none.rouge2, none.rougeL) == (0.0, 0.0, 0.0)


def test_a_pairs_file_is_scored_with_both_baselines(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = tmp_path / "pairs.jsonl"
    text = "افتتحت بلدية درعا سوقا جديدا للخضار. وقال رئيس البلدية إن السوق يخدم آلاف السكان."
    pairs.write_text(
        json.dumps({"text": text, "summary": "افتتاح سوق جديد في درعا"}, ensure_ascii=False) + "\n"
    )
    assert bench.main([str(pairs), "--lead-words", "5"]) == 0
    report = json.loads(capsys.readouterr().out.splitlines()[-1])[str(pairs)]
    assert {"LEAD-1 (first sentence)", "LEAD-5 (first 5 words)"} <= set(report)
    assert all(entry["all"]["pairs"] == 1 for entry in report.values())


def test_a_bad_line_is_named_with_exit_status_2(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = tmp_path / "bad.jsonl"
    pairs.write_text('{"text": "نص", "summary": "ملخص"}\n{"text": 3}\n', encoding="utf-8")
    assert bench.main([str(pairs)]) == 2
    assert capsys.readouterr().err.strip() == (
        f'summary_quality: {pairs}:2: expected an object with string "text" and "summary"'
    )


@pytest.fixture(scope="module")
def xlsum_report(bench: ModuleType) -> dict:
    """The benchmark's report on the 165 XL-Sum pairs, computed once for the tests that read it."""
    data = Path(__file__).resolve().parents[2] / "shared" / "real" / "xlsum_ar_165.jsonl"
    if not data.is_file():
        pytest.skip("../shared is not beside the checkout")
    return bench.evaluate(bench.load_pairs(data), 25, bench.DEFAULT_WORDS)


def test_on_xlsum_the_default_summary_is_short_and_beats_lead_1(
    bench: ModuleType, xlsum_report: dict
) -> None:
    ours = xlsum_report[f"Nashra built-in (budget {bench.DEFAULT_WORDS} words)"]["all"]
    lead = xlsum_report[bench.LEAD_1]["all"]
    assert ours["words"] <= 30
    assert ours["rouge1"] >= lead["rouge1"] + 1 and ours["rougeL"] >= lead["rougeL"] + 1


def test_on_xlsum_the_lead_over_lead_1_holds_under_every_tokenization(
    bench: ModuleType, xlsum_report: dict
) -> None:
    # Someone else's ROUGE may split Arabic differently: the margin must not depend on one way.
    name = f"Nashra built-in (budget {bench.DEFAULT_WORDS} words)"
    for tokenization, (rouge1, rouge_l) in bench.margins(xlsum_report, name, "all").items():
        assert rouge1 >= 1 and rouge_l >= 1, tokenization
