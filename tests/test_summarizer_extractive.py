"""The built-in summary: one sentence within a word budget, chosen and shortened, never a word of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tiny_models import corpus_sections

from nashra.arabic import normalize, split_sentences, words
from nashra.config import SummarizerConfig
from summarizer.cleaning import start_cleanly
from summarizer.extractive import DEFAULT_WORDS, MAX_CHARS, extractive_summary
from summarizer.service import SectionText, Summarizer


def word_set(text: str) -> set[str]:
    """The words of a text as written (letters and digits between separators, no folding)."""
    return {w.text for w in words(text)}


@pytest.fixture(scope="module")
def real_summaries() -> list[tuple[str, int, str]]:
    """(source, budget, summary) for article bodies written by real outlets: 165 BBC Arabic texts and
    the 58 stored articles, each at a tight budget and at the default."""
    shared = Path(__file__).resolve().parents[2] / "shared" / "real"
    if not shared.is_dir():
        pytest.skip("../shared is not beside the checkout")
    texts = [json.loads(line)["text"] for line in (shared / "xlsum_ar_165.jsonl").open(encoding="utf-8")]
    for line in (shared / "articles.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        if record.get("body"):
            texts.append(record["body"])
    return [(t, b, extractive_summary(None, t, words=b)) for t in texts for b in (12, DEFAULT_WORDS)]


def test_every_word_of_a_summary_is_a_word_of_its_source(real_summaries: list[tuple[str, int, str]]) -> None:
    for text, _, summary in real_summaries:
        source = word_set(text)
        # The first word may have lost the conjunction it opened with («وقالت» -> «قالت»).
        invented = {w for w in word_set(summary) - source if not {"و" + w, "ف" + w} & source}
        assert not invented, f"{invented} not in the source of {summary!r}"


def test_summaries_of_real_texts_stay_within_the_word_budget_and_the_character_cap(
    real_summaries: list[tuple[str, int, str]],
) -> None:
    for _, budget, summary in real_summaries:
        assert 0 < len(summary.split()) <= budget
        assert len(summary) <= MAX_CHARS


def test_a_sentence_cut_for_length_ends_on_a_whole_word_with_an_ellipsis() -> None:
    # One clause of long distinct words: no comma to stop at, so the cut falls between words.
    words = [f"كلمةطويلة{n:03d}" for n in range(80)]
    summary = extractive_summary(None, " ".join(words) + ".", words=20)
    assert summary.endswith("…")
    kept = summary.removesuffix("…").split()
    assert kept == words[: len(kept)]
    assert len(kept) <= 20


def test_the_character_cap_also_cuts_on_a_whole_word() -> None:
    words = [f"{'ب' * 40}{n:02d}" for n in range(30)]
    summary = extractive_summary(None, " ".join(words), words=30, max_chars=150)
    assert len(summary) <= 150
    assert summary.removesuffix("…").split() == words[: len(summary.removesuffix("…").split())]


def test_a_long_sentence_stops_at_a_clause_boundary_rather_than_mid_clause() -> None:
    text = (
        "أعلنت وزارة الزراعة في درعا افتتاح ثلاثة مراكز جديدة لاستلام محصول القمح من الفلاحين، "
        "على أن تعمل المراكز طوال أيام الأسبوع من الصباح حتى المساء إلى نهاية موسم الحصاد في "
        "جميع مناطق المحافظة الشرقية والغربية."
    )
    summary = extractive_summary(None, text, words=20)
    assert summary == "أعلنت وزارة الزراعة في درعا افتتاح ثلاثة مراكز جديدة لاستلام محصول القمح من الفلاحين."


def test_parentheses_go_first_when_a_sentence_is_over_the_budget() -> None:
    text = (
        "وخضع اللاعب دي ماريا (27 عاما) للكشف الطبي في الدوحة يوم الثلاثاء تمهيدا لانتقاله إلى النادي "
        "الباريسي مقابل 63 مليون يورو (44.3 مليون جنيه استرليني)."
    )
    summary = extractive_summary(None, text, words=25)
    assert "(" not in summary and "27" not in summary and "44.3" not in summary
    assert summary.startswith("وخضع اللاعب دي ماريا للكشف الطبي")


def test_a_speakers_appositive_name_goes_when_the_sentence_is_over_the_budget() -> None:
    text = (
        "وقال المتحدث باسم الأمم المتحدة، ستيفان دوجاريك، إن المدنيين في مدينة الفلوجة يواجهون خطرا "
        "كبيرا مع اشتداد المعارك داعيا إلى فتح ممرات آمنة للسماح لهم بالخروج."
    )
    summary = extractive_summary(None, text, words=25)
    assert "دوجاريك" not in summary
    assert summary.startswith("قال المتحدث باسم الأمم المتحدة إن المدنيين في مدينة الفلوجة")


def test_a_trailing_circumstantial_clause_goes_when_the_sentence_is_over_the_budget() -> None:
    text = (
        "بدأ موسم حصاد القمح في سهل حوران مع توقعات بإنتاج يفوق إنتاج العام الماضي بكثير، وسط شكاوى "
        "المزارعين من ارتفاع أسعار المحروقات وأجور الحصادات وقلة اليد العاملة في القرى."
    )
    summary = extractive_summary(None, text, words=20)
    assert summary == "بدأ موسم حصاد القمح في سهل حوران مع توقعات بإنتاج يفوق إنتاج العام الماضي بكثير."


def test_a_sentence_that_fits_is_kept_as_written() -> None:
    text = "افتتحت بلدية بيروت حديقة عامة جديدة في منطقة الأشرفية. وحضر الافتتاح عدد من السكان."
    assert extractive_summary(None, text) == "افتتحت بلدية بيروت حديقة عامة جديدة في منطقة الأشرفية."


def test_a_sentence_ended_by_a_semicolon_is_given_a_full_stop() -> None:
    text = "تتباين أحوال المدن العراقية مع بداية الصيف؛ ففي الموصل تفتح الجامعة مكتبتها."
    assert extractive_summary(None, text) == "تتباين أحوال المدن العراقية مع بداية الصيف."


def test_the_summary_is_one_sentence_of_the_section() -> None:
    for heading, text in corpus_sections():
        summary = extractive_summary(heading, text)
        assert summary.rstrip(".…") in text
        assert len(split_sentences(summary)) == 1


def test_the_central_sentence_wins_over_a_digression() -> None:
    text = (
        "الطقس كان جميلاً في الصباح والناس خرجوا إلى الحدائق العامة. "
        "أعلنت وزارة الصحة في بغداد افتتاح مستشفى جديد للأطفال في بغداد. "
        "ويضم مستشفى الأطفال الجديد في بغداد مئتي سرير وأقساماً للطوارئ. "
        "وقالت الوزارة إن المستشفى الجديد سيخدم أطفال بغداد والمحافظات القريبة."
    )
    summary = extractive_summary("افتتاح مستشفى للأطفال في بغداد", text)
    assert "مستشفى" in summary and "الحدائق" not in summary


def test_the_heading_tips_the_choice_towards_the_sentence_it_names() -> None:
    text = (
        "افتتح معرض الكتاب أبوابه للزوار في قاعة المعارض الكبرى. "
        "وبدأ مهرجان الموسيقى عروضه في المسرح البلدي القديم."
    )
    summary = extractive_summary("مهرجان الموسيقى في المسرح البلدي", text)
    assert "مهرجان الموسيقى" in summary


def test_an_empty_section_is_summarized_by_its_heading() -> None:
    assert extractive_summary("عنوان القسم", "") == "عنوان القسم"
    assert extractive_summary(None, "   ") == ""


def test_the_configured_word_budget_reaches_the_summarizer() -> None:
    text = " ".join(f"كلمة{n}" for n in range(60)) + "."
    summarizer = Summarizer(SummarizerConfig(summary_words=12))
    (result,) = summarizer.summarize([SectionText(None, text)])
    assert result.method == "extractive"
    assert len(result.summary.split()) == 12


def test_summaries_carry_no_space_before_their_final_mark(real_summaries: list[tuple[str, int, str]]) -> None:
    for _, _, summary in real_summaries:
        assert not re.search(r"\s[.،,…]$", summary), summary


def test_the_sentence_that_shares_the_sections_wording_wins_over_a_shorter_first_one() -> None:
    text = (
        "وصل الوفد صباحا. "
        "وقال وزير الزراعة إن الحكومة ستدعم مزارعي القمح في درعا بالبذور والأسمدة هذا العام. "
        "ويشكو مزارعو القمح في درعا من غلاء البذور والأسمدة منذ سنوات. "
        "وتعد درعا من أكبر مناطق زراعة القمح في سوريا."
    )
    assert extractive_summary(None, text).startswith("قال وزير الزراعة إن الحكومة ستدعم مزارعي القمح")


@pytest.mark.parametrize(
    ("sentence", "clean"),
    [
        # Real openings of SaudiNewsNet sentences (2015-07/08) chosen as summaries before this rule.
        (
            "وقالت الوزارة في بيان ان الايطاليين الاربعة كانوا عند خطفهم في محيط مجمع الشركة النفطية.",
            "قالت الوزارة في بيان ان الايطاليين الاربعة كانوا عند خطفهم في محيط مجمع الشركة النفطية.",
        ),
        (
            "كما كثف طيران النظام قصفه على جبهة مدينة الزبداني في ريف دمشق الغربي.",
            "كثف طيران النظام قصفه على جبهة مدينة الزبداني في ريف دمشق الغربي.",
        ),
        (
            "من جهته نفى مجلس المقاومة الشعبية في عدن «ما تم تداوله حول عمليات تصفية للأسرى».",
            "نفى مجلس المقاومة الشعبية في عدن «ما تم تداوله حول عمليات تصفية للأسرى».",
        ),
        (
            "ففي العام الماضي ارتفعت أسعار النفط كثيرا.",
            "في العام الماضي ارتفعت أسعار النفط كثيرا.",
        ),
        ("إلا أن الحكومة رفضت الطلب المقدم من المعارضة.", "الحكومة رفضت الطلب المقدم من المعارضة."),
        ("وفي السياق ذاته، أعلنت الوزارة عن خطة جديدة للطرق.", "أعلنت الوزارة عن خطة جديدة للطرق."),
    ],
)
def test_a_summary_does_not_open_with_a_connective(sentence: str, clean: str) -> None:
    assert start_cleanly(sentence) == clean


@pytest.mark.parametrize(
    "sentence",
    [
        "وزير الخارجية يلتقي نظيره الروسي في موسكو.",  # the و of وزير is the word's own
        "فرنسا تعلن عن خطة جديدة للطاقة المتجددة.",
        "فيما يتعلق بالأسعار فقد ارتفعت كثيرا هذا العام.",  # «فيما يتعلق» is no connective
        "وقال إنه سيعود.",  # too little would be left
    ],
)
def test_a_summary_that_opens_with_its_own_words_keeps_them(sentence: str) -> None:
    assert start_cleanly(sentence) == sentence


def test_a_definite_word_loses_its_conjunction_only_when_the_section_uses_it_bare() -> None:
    sentence = "والرئيس أكد دعم الحكومة للمشروع الجديد."
    assert (
        start_cleanly(sentence, frozenset({normalize("الرئيس")})) == "الرئيس أكد دعم الحكومة للمشروع الجديد."
    )
    assert start_cleanly(sentence) == sentence


def test_the_built_in_summary_starts_cleanly() -> None:
    text = (
        "وقالت الوزارة في بيان إن الإيطاليين الأربعة كانوا عند خطفهم في محيط مجمع الشركة النفطية. "
        "وأضافت أن الجهود مستمرة للإفراج عن الإيطاليين الأربعة."
    )
    assert extractive_summary(None, text).startswith("قالت الوزارة")
