"""Extractive summaries, output cleaning and batch planning: the model-free parts of the summarizer."""

from __future__ import annotations

from tiny_models import corpus_sections

from summarizer.batching import plan_batches, rows_for_logits
from summarizer.cleaning import clean_summary, collapse_repeats, is_usable
from summarizer.extractive import MAX_CHARS, extractive_summary


def test_extractive_summary_takes_whole_sentences_of_the_section() -> None:
    heading, text = corpus_sections()[0]
    summary = extractive_summary(heading, text)
    assert summary
    assert summary.split(". ")[0].rstrip(".") in text
    assert len(summary) <= MAX_CHARS


def test_extractive_summary_prefers_the_central_sentence_over_a_digression() -> None:
    text = (
        "الطقس كان جميلاً في الصباح والناس خرجوا إلى الحدائق العامة. "
        "أعلنت وزارة الصحة في بغداد افتتاح مستشفى جديد للأطفال في بغداد. "
        "ويضم مستشفى الأطفال الجديد في بغداد مئتي سرير وأقساماً للطوارئ. "
        "وقالت الوزارة إن المستشفى الجديد سيخدم أطفال بغداد والمحافظات القريبة."
    )
    summary = extractive_summary("افتتاح مستشفى للأطفال في بغداد", text)
    assert "مستشفى" in summary
    assert "الحدائق" not in summary


def test_extractive_summary_matches_spelling_variants_and_clitics() -> None:
    # "وبالمستشفى" and "المستشفي" must count as the same word as "مستشفى".
    text = (
        "تحدث المسؤولون عن أمور كثيرة في مؤتمر صحفي طويل أمس. "
        "وبالمستشفى الجديد أقسام للطوارئ وغرف للعمليات المتقدمة. "
        "افتتح المستشفي الجديد رسمياً بحضور الوزير والمحافظ."
    )
    summary = extractive_summary("مستشفى جديد", text)
    assert "مؤتمر" not in summary


def test_extractive_summary_of_one_overlong_sentence_is_cut_at_a_word() -> None:
    text = " ".join(["كلمة"] * 200)
    summary = extractive_summary(None, text)
    assert 0 < len(summary) <= MAX_CHARS
    assert summary.endswith("…")
    assert "كلم…" not in summary


def test_extractive_summary_of_an_empty_section_is_its_heading() -> None:
    assert extractive_summary("عنوان القسم", "") == "عنوان القسم"


def test_repeated_phrases_are_collapsed() -> None:
    assert collapse_repeats(["قال", "الوزير", "قال", "الوزير", "إن", "المشروع", "المشروع", "جاهز"]) == [
        "قال",
        "الوزير",
        "إن",
        "المشروع",
        "جاهز",
    ]


def test_cleaning_drops_a_cut_off_last_sentence() -> None:
    text = "افتتح الوزير المعرض في الرباط. وقال إن عدد"
    assert clean_summary(text, finished=False) == "افتتح الوزير المعرض في الرباط."


def test_cleaning_keeps_a_finished_summary_and_tidies_whitespace() -> None:
    text = "  افتتح   الوزير المعرض .\n افتتح الوزير المعرض. "
    assert clean_summary(text, finished=True) == "افتتح الوزير المعرض."


def test_a_single_cut_off_sentence_is_marked_unfinished() -> None:
    assert clean_summary("افتتح الوزير المعرض في", finished=False) == "افتتح الوزير المعرض في…"


def test_latin_output_for_an_arabic_section_is_not_usable() -> None:
    assert not is_usable("the the model says nothing", "افتتح الوزير المعرض في الرباط")
    assert not is_usable("المعرض", "افتتح الوزير المعرض في الرباط")
    assert is_usable("افتتح الوزير معرض الكتاب.", "افتتح الوزير المعرض في الرباط")


def test_batches_are_sorted_by_length_and_stay_under_the_token_budget() -> None:
    lengths = [10, 300, 20, 290, 15, 310, 5, 1000]
    batches = plan_batches(lengths, token_budget=620)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    assert batches[0] == [7]  # longer than the budget: alone
    for batch in batches:
        widths = [lengths[i] for i in batch]
        assert widths == sorted(widths, reverse=True)
        assert len(batch) == 1 or max(widths) * len(batch) <= 620
    assert [lengths[i] for i in batches[1]] == [310, 300]


def test_the_row_cap_splits_batches_the_token_budget_would_allow() -> None:
    batches = plan_batches([100] * 10, token_budget=10_000, max_rows=4)
    assert [len(batch) for batch in batches] == [4, 4, 2]
    assert sorted(i for batch in batches for i in batch) == list(range(10))


def test_rows_for_logits_keeps_a_steps_logits_under_the_budget() -> None:
    rows = rows_for_logits(vocabulary=250_112, beams=2, budget_bytes=32 * 1024 * 1024)
    assert rows * 2 * 250_112 * 4 <= 32 * 1024 * 1024 < (rows + 1) * 2 * 250_112 * 4
    assert rows_for_logits(vocabulary=20_000, beams=2, budget_bytes=32 * 1024 * 1024) > 100
    assert rows_for_logits(vocabulary=10**9, beams=4) == 1
