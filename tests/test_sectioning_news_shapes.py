"""Layouts of ordinary news that rules for columns, poems, letters and pages of briefs must leave as
they are: sub-headings between one-sentence paragraphs, decks over a lead, sub-headings set off by blank
lines opening «وهنا» or «أو», links under a statement quoted in full, a caption between a statement and
its list, «مثل:» over a list (its lead-in), a headline opening «أخبار …», a sub-heading over a vocalized
quotation, a reader's question opening with a greeting. Each file in tests/data/sections/shape_*.txt is
laid out as Nashra's text articles are (title, outlet, paragraphs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nashra.articles.files import read_article_file
from nashra.articles.sectioning import reports_in_short_sentences, section_lines
from nashra.model import Article

DATA = Path(__file__).parent / "data" / "sections"


def article(name: str) -> Article:
    [found] = read_article_file(DATA / f"shape_{name}.txt", 10_000_000)
    return found


@pytest.mark.parametrize(
    ("name", "headings"),
    [
        ("vocalized_verse_under_subheading", [None, "وجوب الحج", "فضل الحج", "آداب الحاج"]),
        ("akhbar_title_deck_not_brief", [None, "صرف المستحقات المتأخرة"]),
        ("short_paragraph_news_subheadings", [None, "تحذيرات الدفاع المدني", "درجات الحرارة"]),
        ("set_off_subheadings_wahuna_aw", [None, "وهنا تكمن المشكلة", "أو نبقى في المنطقة الرمادية"]),
        ("stop_here_closes_column", [None]),
        ("stop_verbs_in_subheadings", [None, "متى نتوقف عن التبريد", "نكتفي بمكيف واحد"]),
        ("set_off_clauses_stay_text", [None]),
        ("prayer_between_news_sentences", [None]),
        ("such_as_over_a_list", [None]),
    ],
)
def test_sub_headings_of_news_layouts_head_their_sections(name: str, headings: list[str | None]) -> None:
    assert [s.heading for s in article(name).sections] == headings


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        ("greeting_opens_first_paragraph", "السلام عليكم، أنا معلمة متزوجة منذ عامين."),
        ("akhbar_title_deck_not_brief", "أعلنت المؤسسة العامة للتأمينات"),
        ("three_decks_above_lead", "دشن وزير الإسكان أمس"),
        ("breadcrumb_caption_deck_above_lead", "أعلنت الهيئة الملكية لمدينة الرياض"),
    ],
)
def test_the_lead_starts_at_its_first_paragraph(name: str, opening: str) -> None:
    assert article(name).sections[0].text.startswith(opening)


def test_the_decks_over_a_report_are_furniture() -> None:
    found = article("three_decks_above_lead")
    assert "تمويل بلا فوائد لمدة 25 عاما" in [f.text for f in found.furniture]


def test_the_writer_stopping_is_the_last_paragraph_s_text() -> None:
    assert "\nإلى هنا أتوقف\nوأملي أن نراجع أنفسنا" in article("stop_here_closes_column").sections[-1].text


def test_a_statement_quoted_in_full_ends_at_its_signature() -> None:
    found = article("related_links_under_signed_statement")
    assert found.sections[-1].text.endswith("والله ولي التوفيق.\nسلمان بن عبدالعزيز آل سعود")


def test_links_under_the_signature_of_a_statement_quoted_in_full_are_furniture() -> None:
    found = article("related_links_under_signed_statement")
    related = [f.text for f in found.furniture if f.kind == "related"]
    assert sorted(related) == sorted(
        [
            "خادم الحرمين يغادر المملكة في إجازة خاصة",
            "ولي العهد يرأس جلسة مجلس الوزراء الأسبوعية",
            "تعيين أمين عام جديد لهيئة كبار العلماء",
        ]
    )


def test_a_column_of_aphorisms_in_short_sentences_reports_no_news() -> None:
    lines = [
        "في الحياة دروس لا تعلمها الكتب، ولا يلقنها المعلمون في الفصول، وإنما تأتي بها الأيام لمن أحسن"
        " الإصغاء إليها وصبر على مرارتها.",
        "الصبر مفتاح الفرج.",
        "من زرع حصد.",
        "العقل زينة",
        "والكلمة الطيبة صدقة.",
        "ومن جد وجد.",
        "والصديق وقت الضيق.",
        "ومن سار على الدرب وصل.",
    ]
    assert not reports_in_short_sentences(lines, dated=False)


def test_news_in_one_sentence_paragraphs_is_told_by_its_lead() -> None:
    body = article("short_paragraph_news_subheadings")
    lines = [line for s in body.sections for line in [s.heading, *s.text.split("\n")] if line]
    assert reports_in_short_sentences(lines, dated=False)


def test_a_caption_between_a_statement_and_its_list_is_furniture() -> None:
    found = article("caption_between_statement_and_its_list")
    captions = [f.text for f in found.furniture if f.kind == "caption"]
    assert captions == ["المتهم أثناء نقله إلى مقر التحقيق في شرورة"]
    assert "النتائج التالية:\nأولا: اتضح" in found.sections[0].text


def test_a_signatory_s_name_and_posts_are_all_the_signature() -> None:
    lines = [
        "صدر عن سمو ولي ولي العهد خطاب شكر للرئيس فيما يلي نصه:",
        "أود أن أعبر لكم عن شكري وتقديري لحسن الاستقبال وكرم الضيافة خلال زيارتي لبلدكم الشقيق.",
        "والسلام عليكم ورحمة الله وبركاته.",
        "محمد بن سلمان بن عبدالعزيز آل سعود",
        "النائب الثاني لرئيس مجلس الوزراء",
        "وزير الدفاع",
    ]
    assert section_lines(lines)[-1].text.endswith("\n".join(lines[-3:]))


def test_a_signatory_s_posts_and_the_date_of_issue_stay_the_statement_s_text() -> None:
    found = article("signature_posts_and_date_of_issue")
    assert found.sections[-1].text.endswith(
        "آل سعود\nالمفتي العام للمملكة العربية السعودية\nصدر في جدة بتاريخ 3/5/1437هـ"
    )
    assert not [f for f in found.furniture if f.kind == "related"]


def test_a_dated_prose_poem_has_no_sub_headings() -> None:
    assert [s.heading for s in article("dated_prose_poem_no_headings").sections] == [None]


def test_a_column_of_proverbs_opening_with_a_saying_reports_no_news() -> None:
    lines = [
        "قال الأولون إن التجربة خير معلم، وإن من لم تؤدبه الأيام لا تؤدبه الكتب، وهذه أمثال جمعتها من"
        " مجالس الكبار في قريتي.",
        "القناعة كنز لا يفنى.",
        "من شب على شيء",
        "شاب عليه.",
        "اليد الواحدة لا تصفق.",
        "خير الكلام ما قل ودل.",
    ]
    assert not reports_in_short_sentences(lines, dated=True)


def test_verse_addressing_someone_over_a_report_stays_its_text() -> None:
    found = article("vocative_verse_over_report")
    assert found.sections[0].text.startswith("يا طائف الورد والغيم\nيا أول الحب")
    assert not [f for f in found.furniture if "يا" in f.text.split()]


def test_decks_ending_in_the_feminine_ending_are_still_decks() -> None:
    assert article("decks_ending_in_ta_marbuta").sections[0].text.startswith("أطلقت وزارة الصحة أمس")


def test_a_list_s_title_under_its_introduction_is_no_caption() -> None:
    found = article("list_title_under_its_introduction")
    assert not [f for f in found.furniture if f.kind == "caption"]
    assert "الاشتراطات الصحية المطلوبة من أصحاب المطاعم والمطابخ الشعبية" in found.sections[0].text
