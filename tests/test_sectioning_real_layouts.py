"""Sectioning the layouts real Arabic news is printed in: marked and exclaimed sub-headings, lines that
continue the one before, blocks of short lines (documents, verse, dialogue), headings broken over two
lines, copies of a paragraph, columnists' contact boxes."""

from __future__ import annotations

import pytest

from nashra.articles.furniture import line_kind
from nashra.articles.sectioning import cut, section_lines

P1 = "اندلعت اشتباكات عنيفة صباح اليوم بين الطرفين في محيط المدينة، وفق مصادر محلية."
P2 = "وأفادت المصادر بسقوط عدد من القتلى والجرحى في صفوف المدنيين خلال القصف."
P3 = "وفي سياق متصل، أعلنت السلطات المحلية فرض حظر للتجول في الأحياء الشرقية حتى إشعار آخر."
LONG = (
    "وقال مسؤول محلي إن فرق الإنقاذ تواصل البحث عن مفقودين تحت الأنقاض في الأحياء الشرقية، "
    "مشيرا إلى أن الأضرار طالت عشرات المنازل والمحال التجارية والمدارس ومحطة المياه الرئيسية."
)


def headings(lines: list[str]) -> list[str | None]:
    return [s.heading for s in section_lines(lines)]


def test_the_mark_before_a_sub_heading_is_not_part_of_it() -> None:
    assert headings([P1, "* تراجع السوق السعودية", P2, "- منع المالكي من السفر", P3]) == [
        None,
        "تراجع السوق السعودية",
        "منع المالكي من السفر",
    ]


def test_a_number_before_a_sub_heading_is_kept() -> None:
    assert headings([P1, "1- الخطة الأمنية", P2]) == [None, "1- الخطة الأمنية"]


def test_a_starred_sub_heading_before_a_starred_paragraph_is_a_heading() -> None:
    # Asharq Al-Awsat stars both the sub-heading and the paragraph that follows it.
    lines = [P1, "* احتجاجات على القطيعة", f"* {LONG}", "* خلافات داخل الحزب الحاكم", f"* {LONG}"]
    sections = section_lines(lines)
    assert [s.heading for s in sections] == [None, "احتجاجات على القطيعة", "خلافات داخل الحزب الحاكم"]


def test_the_star_a_layout_repeats_on_the_paragraph_under_a_heading_is_dropped() -> None:
    lines = [P1, "* احتجاجات على القطيعة", f"* {LONG}", P2, "* خلافات داخل الحزب الحاكم", f"* {LONG}"]
    sections = section_lines(lines)
    assert sections[1].text == f"{LONG}\n{P2}"
    assert sections[2].text == LONG


def test_starred_items_under_a_starred_heading_keep_their_stars() -> None:
    items = [f"* ساحة جامع الفنا: {LONG}", f"* مدرسة بن يوسف: {LONG}"]
    sections = section_lines([P1, "* عنوان النخبة", P2, "* معالم تستحق الزيارة", *items])
    assert sections[-1].text == "\n".join(items)


def test_a_short_starred_question_is_a_heading_in_a_starred_layout() -> None:
    lines = [P1, "* عنوان النخبة", P2, "* مزايا المنتجع", LONG, "* أين تأكل؟", P3, "* المنتجع الصحي", P2]
    assert headings(lines) == [None, "عنوان النخبة", "مزايا المنتجع", "أين تأكل؟", "المنتجع الصحي"]


def test_a_short_question_is_body_text_without_a_starred_layout() -> None:
    assert headings([P1, "* أين تأكل؟", P2, "عنوان النخبة", P3]) == [None, "عنوان النخبة"]


def test_starred_questions_of_an_interview_are_no_headings() -> None:
    # Marked questions outnumber marked headings: the questions are an interview's, not sub-headings.
    lines = [P1, "* بداية المشوار", P2, "* ما رأيك؟", LONG, "* وماذا بعد؟", P3, "* لماذا الآن؟", P2]
    lines += ["* العودة إلى الوطن", LONG]
    assert headings(lines) == [None, "بداية المشوار", "العودة إلى الوطن"]


def test_short_starred_items_stay_a_list() -> None:
    assert headings([P1, "* الملف الأمني", "* الملف الاقتصادي", "* الملف السياسي", P2]) == [None]


def test_a_short_headline_ending_with_an_exclamation_mark_is_a_heading() -> None:
    for line in ("اختبار السوبر!!", "تدوير الخبرات خليجياً.. غير مفعّل !", "الدهمش: لا يشوت مبارك!"):
        assert headings([P1, line, P2]) == [None, line]


@pytest.mark.parametrize(
    "line",
    [
        "إنها رسائل الحقد والغدر والمكر!",  # opens like a clause
        "هل من مجيب!",
        "(فخار يكسر بعضه بعضا)!",  # an aside
        "أنت حقا بطل ! غدا سنقرأ الخبر",  # two sentences
        "قصف على المدينة!؟",
    ],
)
def test_an_exclamation_in_running_text_is_not_a_heading(line: str) -> None:
    assert headings([P1, line, P2]) == [None]


def test_a_line_after_a_paragraph_ending_with_a_colon_is_its_content() -> None:
    lines = [P1, "كما أسفرت هذه الإجراءات عن النتائج التالية:", "الهالك فجر نفسه وسط المصلين", P2]
    assert headings(lines) == [None]


def test_a_line_after_a_comma_or_a_lead_in_continues_it() -> None:
    comma = "لماذا الدولة هي المسؤولة ونحن نولول على حالنا ،"
    assert headings([P1, comma, "الشركات الرائدة عندها المال", P2]) == [None]
    assert headings([P1, "فغيرها إلى..", '" رجعوني عينيك لأيامي اللى راحوا "', P2]) == [None]
    assert headings([P1, "لكن", "أين هم من خدمة المجتمع", P2]) == [None]


def test_a_line_opening_with_a_particle_is_not_a_heading() -> None:
    assert headings([P1, "هل هم في بلاد الفرنجة يمارسون ما يمارسونه عندنا", P2]) == [None]


def test_three_short_lines_in_a_row_are_a_block_not_a_heading() -> None:
    # The header of a royal order quoted in full.
    lines = [
        P1,
        "وفي ما يلي نص الأمر:",
        "بسم الله الرحمن الرحيم",
        "بعون الله تعالى",
        "نحن سلمان بن عبدالعزيز آل سعود",
        "ملك المملكة العربية السعودية",
        P2,
    ]
    assert headings(lines) == [None]


def test_turns_of_a_dialogue_are_not_headings() -> None:
    lines = [P1, "عبدالوهاب: لا أجي لك انا", "أم كلثوم: أمتى", P2]
    assert headings(lines) == [None]


def test_a_heading_with_a_colon_inside_is_still_a_heading() -> None:
    lines = [P1, "قانوني: المبيدات الزراعية شديدة السمية ومحظورة", P2]
    assert headings(lines) == [None, "قانوني: المبيدات الزراعية شديدة السمية ومحظورة"]


def test_a_heading_broken_over_two_lines_is_joined() -> None:
    lines = [P1, "«الخدمات» الرابح الوحيد", "في البورصة العمانية", P2]
    assert headings(lines) == [None, "«الخدمات» الرابح الوحيد في البورصة العمانية"]


def test_a_cut_off_copy_of_the_next_paragraph_is_dropped() -> None:
    copy = "سبق – " + LONG[:120].rsplit(" ", 1)[0] + " وسو"
    body = cut([copy, LONG, P2])
    assert body.sections[0].text == f"{LONG}\n{P2}"
    assert [f.kind for f in body.furniture] == ["repeat"]


def test_a_body_without_running_text_has_no_tail_to_cut() -> None:
    lines = ["* عزوف شبابي عن رئاسة النادي", "عنوان صحفي", "- أصبحت طاردة", "* الأهلي ينجح في تسويق سيزار"]
    assert cut(lines).sections[0].text.endswith("* الأهلي ينجح في تسويق سيزار")


def test_the_last_verse_is_not_taken_for_a_caption() -> None:
    verse = ["من أصدق دمع بعيون الشعر، عاجز عن التعبير", "تسيل وما تسيل من الدموع دموعك لحالك"]
    assert section_lines([P1, *verse])[0].text.endswith(verse[-1])


def test_a_caption_after_running_text_is_still_dropped() -> None:
    assert section_lines([P1, P2, "وزارة الصحة خلال عملية نقل بعض المرضى"])[0].text == f"{P1}\n{P2}"


@pytest.mark.parametrize(
    "line",
    [
        "nafezah@yahoo.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (6) ثم مسافة ثم نص الرسالة",
        "تبدأ بالرمز (15) ثم مسافة ثم نص الرسالة إلى",
        "للمزيد من المعلومات www.beachcomber-hotels.com",
    ],
)
def test_contact_boxes_and_web_addresses_are_link_furniture(line: str) -> None:
    assert line_kind(line) == "link"


def test_a_sentence_naming_a_web_site_is_text() -> None:
    assert line_kind("وأعلنت الوزارة أن التسجيل متاح عبر موقعها www.moe.gov.sa حتى نهاية الشهر.") is None


def test_a_link_back_line_is_furniture_however_long_the_headline_it_repeats() -> None:
    line = "رابط الخبر بصحيفة الوئام: بالاسماء .. 11 شهيداً من القوات الخاصة في تفجير طوارئ عسير"
    assert line_kind(line) == "share"


def test_a_caption_in_parentheses_is_a_caption() -> None:
    assert headings([P1, "(الصورة: الجزيرة)", P2]) == [None]
    assert section_lines([P1, "(الصورة: الجزيرة)", P2])[0].text == f"{P1}\n{P2}"


def test_a_numbered_sub_heading_after_a_dashed_list_is_a_heading() -> None:
    items = ["- ربط المحافظات", "- دعم التذاكر"]
    lines = [P1, "2- النقل العام", f"{P2} ومن أبرز مقترحاته:", *items, "3- الطاقة", P3]
    assert headings(lines) == [None, "2- النقل العام", "3- الطاقة"]


def test_each_item_of_a_wire_roundup_loses_its_dateline() -> None:
    lines = [P1, "مقتل 7 عناصر من «بوكو حرام» في تشاد", f"نجامينا - أ.ف.ب: {P2}", P3]
    body = cut(lines)
    assert [(s.heading, s.text.split("\n")[0]) for s in body.sections][1] == (
        "مقتل 7 عناصر من «بوكو حرام» في تشاد",
        P2,
    )
    assert body.credit.place is None  # the item's place is not the article's


@pytest.mark.parametrize(
    "line", ["وكتبت أمس صحيفة النهار اللبنانية:", "وأقول:", "إليكم بعض النقاط من هذه الكلمة:"]
)
def test_a_colon_line_introducing_a_quotation_is_no_heading(line: str) -> None:
    assert headings([P1, line, P2]) == [None]


@pytest.mark.parametrize(
    "line", ["بينما الصائغ ما زال يبيع الخواتم", 'وكانت شركة "روفيو" المطورة للعبة أطلقت']
)
def test_a_line_opening_like_a_continued_sentence_is_no_heading(line: str) -> None:
    assert headings([P1, line, P2]) == [None]


def test_a_printed_page_cross_reference_is_furniture() -> None:
    assert line_kind("تفاصيل ص19") == "share"
    assert line_kind("(التفاصيل ص 5)") == "share"


def test_a_heading_broken_after_its_verb_is_joined() -> None:
    assert headings([P1, "السوق القطرية تسجل", "ارتفاعها الثاني", P2]) == [
        None,
        "السوق القطرية تسجل ارتفاعها الثاني",
    ]


@pytest.mark.parametrize(
    "pair",
    [
        ("السن: 27 سنة", "الدخل: 1.7 مليون دولار"),  # an info box
        ("ستيفن كينغ", "(400 مليون دولار)"),
        ("صالة البيت", "عبدالله ـ الاحساء"),  # a reader's question and signature
    ],
)
def test_two_short_lines_that_are_no_broken_heading_stay_apart(pair: tuple[str, str]) -> None:
    assert " ".join(pair) not in headings([P1, *pair, P2])


def test_a_vocalized_verse_is_no_heading() -> None:
    assert headings([P1, "«حِضْنِي عَتيْقٌ وَاحْتِجَاجُكِ مُكْلِفُ", P2]) == [None]


# -- layouts of the third blind held-out sample (tests/data/sections/labels_heldout3.jsonl) -------------


def test_a_roundup_opening_with_its_first_starred_headline_keeps_it_as_a_heading() -> None:
    # Asharq Al-Awsat's «موجز دوليات»: no lead, a starred headline over each item and its dateline.
    body = cut(
        [
            "* مقتل 6 من عناصر الشرطة في أفغانستان",
            "* كابل - «الشرق الأوسط»: قتل ستة من عناصر الشرطة في انفجار قنبلة كانت مزروعة إلى جانب "
            "الطريق في ولاية هرات الأفغانية بغرب أفغانستان، حسبما ذكرت السلطات المحلية أمس.",
            "* مقتل 19 من جماعة بوكو حرام في تشاد",
            "* نجامينا - «الشرق الأوسط»: قال مصدر عسكري إن 19 على الأقل من مقاتلي بوكو حرام وجنديين "
            "من تشاد قتلوا في اشتباكات مساء أول من أمس.",
        ],
        title="موجز دوليات",
        outlet="الشرق الأوسط",
    )
    assert [s.heading for s in body.sections] == [
        "مقتل 6 من عناصر الشرطة في أفغانستان",
        "مقتل 19 من جماعة بوكو حرام في تشاد",
    ]
    assert body.sections[0].text.startswith("قتل ستة من عناصر الشرطة")


def test_a_short_sentence_introducing_a_statement_opens_the_lead() -> None:
    body = cut(
        [
            "صدر عن الديوان الملكي اليوم البيان التالي:",
            "” بيان من الديوان الملكي ”",
            "يغادر – بمشيئة الله تعالى – يوم غد الخميس صاحب السمو الملكي الأمير محمد بن سلمان إلى "
            "جمهورية مصر العربية في زيارة عمل.",
        ]
    )
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.startswith("صدر عن الديوان الملكي اليوم البيان التالي:")


def test_a_verse_line_with_a_doubled_comma_is_no_heading() -> None:
    intro = (
        'وتدعو الأنشودة الجديدة "أحسن الظن" في كلماتها الى اللجوء الى الله دائما والتوكل عليه في كل شيء، '
        "لأن بهذا التصور الأمان والثقة في النفس، حيث يقول فيها:"
    )
    verses = [
        "أحسن الظن بالله ،، بالتوكل عليه",
        "لا ألم لا مذلة ،، في لجوئك اليه",
        "كل مكتوب خير ،، واللي ما يصير خيره",
        "ادعي ربك كثير ،، رحمة الله كبيرة...",
    ]
    assert headings([intro, *verses, LONG]) == [None]


def test_the_poet_s_credit_under_a_poem_is_furniture() -> None:
    body = cut(
        [
            "يابدير عان أبيوتهم طويني",
            "ودريول الموتر وصلهم يهديه",
            "ومرحانهم فيها القماري توني",
            "تلعب عواصيف الهبايب بذاريه",
            "شعر - عبدالمعين بن ثعلي",
        ]
    )
    assert body.sections[-1].text.endswith("تلعب عواصيف الهبايب بذاريه")
    assert ("byline", "شعر - عبدالمعين بن ثعلي") in [(f.kind, f.text) for f in body.furniture]


def test_a_column_s_one_word_closing_kicker_is_a_section_not_related_headlines() -> None:
    body = cut(
        [
            LONG,
            "- السوبر السعودي في لندن.. قضي الأمر وننتظر نتائج مثل هذه الخطوة.. هل ستكون ناجحة؟ سنرى.",
            "قفلة",
            "كل عيد.. والمدرب عن منتخبنا بعيد..!!",
            "و(يا قلب لا تحزن)..!!",
        ]
    )
    assert [s.heading for s in body.sections] == [None, "قفلة"]
    assert body.sections[-1].text.endswith("و(يا قلب لا تحزن)..!!")


def test_a_one_word_line_over_a_name_is_a_signature_not_a_kicker() -> None:
    body = cut([LONG, "أخوكم", "محمد بن سليمان الصيخان"])
    assert [s.heading for s in body.sections] == [None]


def test_a_starred_question_under_a_starred_topic_is_the_topic_s_text() -> None:
    # Asharq Al-Awsat's health Q&A: «* topic», «* question?», the asker, then the answer.
    lines = [
        "* الطفل والأكل",
        "* طفلي انتقائي جدًا في الأكل، ولا يتناول كثيرًا من الأطعمة.. بماذا تنصح؟",
        "- هذا ملخص الأسئلة الواردة في رسالتك حول طفلك البالغ ست سنوات، والذي تنتقي طعامه بعناية.",
        "* اضطرابات النوم والحمل",
        "* هل من الطبيعي حصول مشكلات في النوم خلال فترة الحمل؟",
        "- نعم، اضطرابات النوم شائعة خلال فترة الحمل، وتزداد مع تقدم الحمل في الأشهر الأخيرة منه.",
    ]
    body = cut(lines, title="إستشارات")
    assert [s.heading for s in body.sections] == ["الطفل والأكل", "اضطرابات النوم والحمل"]
