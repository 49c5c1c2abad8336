"""Sectioning plain Arabic text: headings by their shape, the lead, and boilerplate removal."""

from __future__ import annotations

from nashra.articles.sectioning import (
    cut,
    is_boilerplate_line,
    is_related_header,
    section_lines,
    section_text,
)

P1 = "اندلعت اشتباكات عنيفة صباح اليوم بين الطرفين في محيط المدينة، وفق مصادر محلية."
P2 = "وأفادت المصادر بسقوط عدد من القتلى والجرحى في صفوف المدنيين خلال القصف."
P3 = "وفي سياق متصل، أعلنت السلطات المحلية فرض حظر للتجول في الأحياء الشرقية حتى إشعار آخر."


def headings(text: str) -> list[str | None]:
    return [s.heading for s in section_text(text)]


def test_paragraphs_before_the_first_heading_form_the_lead() -> None:
    sections = section_lines([P1, P2, "حظر التجول في الأحياء الشرقية", P3])
    assert [(s.heading, s.text) for s in sections] == [
        (None, f"{P1}\n{P2}"),
        ("حظر التجول في الأحياء الشرقية", P3),
    ]


def test_short_line_above_the_first_paragraph_is_furniture_not_a_heading() -> None:
    # A sub-heading follows text; above the lead only captions, decks and bylines stand.
    assert [(s.heading, s.text) for s in section_text(f"تطورات ميدانية\n{P1}")] == [(None, P1)]


def test_heading_may_hold_ellipsis_guillemets_and_a_date() -> None:
    text = "\n".join(
        [
            P1,
            "نظام الأسد… اشتباكات متكررة",
            P2,
            "الأمم المتحدة تدعو إلى «التهدئة»",
            P3,
        ]
    )
    assert headings(text) == [None, "نظام الأسد… اشتباكات متكررة", "الأمم المتحدة تدعو إلى «التهدئة»"]


def test_a_date_line_between_paragraphs_is_a_timestamp_not_a_heading() -> None:
    assert headings(f"{P1}\nالأحد 17 نوفمبر 2019\n{P2}") == [None]


def test_short_line_ending_like_a_sentence_is_a_paragraph() -> None:
    # «!» ends a paragraph unless the line is a short headline (tests/test_sectioning_real_layouts.py).
    for line in ("قصف على المدينة.", "قصف على المدينة؟", "قصف على المدينة؛", "إنه قصف على المدينة!"):
        assert headings(f"{P1}\n{line}\n{P2}") == [None]


def test_short_line_ending_with_a_colon_is_a_heading() -> None:
    assert headings(f"{P1}\nالتطورات الميدانية:\n{P2}") == [None, "التطورات الميدانية:"]


def test_line_introducing_a_quotation_with_a_colon_is_a_paragraph() -> None:
    assert headings(f"{P1}\nوقال المتحدث في بيان:\n{P2}") == [None]


def test_long_line_without_final_punctuation_is_a_paragraph() -> None:
    long_line = (
        "وبحسب ما تناقلت مواقع إخبارية محلية في شهر أغسطس الماضي فإن "
        "التنظيم هاجم نقاطاً عسكرية قرب المدينة وأدى الهجوم إلى مقتل سبعة عناصر"
    )
    assert headings(f"{P1}\n{long_line}\n{P2}") == [None]


def test_short_line_after_the_last_paragraph_is_furniture() -> None:
    # A caption, a signature or a related headline: nothing follows it, so it heads nothing.
    sections = section_text(f"{P1}\nسطر قصير أخير")
    assert [(s.heading, s.text) for s in sections] == [(None, P1)]


def test_sentence_cut_off_by_a_truncated_page_stays_text() -> None:
    sections = section_text(f"{P1}\nوأضاف المصدر أن القصف استهدف مناطق في")
    assert sections[0].text.endswith("استهدف مناطق في")


def test_two_short_lines_in_a_row_are_not_both_headings() -> None:
    # Between paragraphs they are one sub-heading broken over two lines (print layouts break them so).
    assert headings(f"{P1}\nسطر قصير\nعنوان فرعي\n{P2}") == [None, "سطر قصير عنوان فرعي"]


def test_related_links_list_with_bullets_is_dropped() -> None:
    text = f"{P1}\nإقرأ أيضاً:\n- عنوان مقال آخر عن حلب\n- مقال ثالث في إدلب\n"
    assert [s.text for s in section_text(text)] == [P1]


def test_related_links_list_without_bullets_is_dropped_up_to_the_next_paragraph() -> None:
    text = f"{P1}\nمواضيع ذات صلة\nمحطة رياح جديدة في خليج السويس\nالإسكندرية تستضيف مؤتمر الطاقة\n\n{P2}"
    assert [s.text for s in section_text(text)] == [f"{P1}\n{P2}"]


def test_inline_related_link_drops_only_its_line() -> None:
    text = f"{P1}\nاقرأ أيضا: الليرة تسجل انهيارا جديدا أمام الدولار في الأسواق\n{P2}"
    assert [s.text for s in section_text(text)] == [f"{P1}\n{P2}"]


def test_related_header_variants_are_recognised() -> None:
    for header in ("إقرأ أيضاً:", "اقرأ أيضا", "اقرا ايضا:", "إقرأ المزيد", "مواضيع ذات صلة", "شاهد أيضاً:"):
        assert is_related_header(header), header


def test_share_follow_and_copyright_lines_are_boilerplate() -> None:
    for line in (
        "شارك هذا الخبر على:",
        "شارك",
        "تابعونا على تويتر وفيسبوك",
        "جميع الحقوق محفوظة 2023",
        "© أوطان بوست",
    ):
        assert is_boilerplate_line(line), line


def test_news_sentences_starting_with_share_or_follow_verbs_are_kept() -> None:
    for line in ("شارك الآلاف في المظاهرات التي شهدتها المدينة.", "تابع الوزير جولته في المحافظة."):
        assert not is_boilerplate_line(line), line


def test_boilerplate_between_paragraphs_is_removed_from_the_section() -> None:
    text = f"{P1}\nتابعونا على تلغرام\n{P2}\nجميع الحقوق محفوظة © 2023"
    assert [s.text for s in section_text(text)] == [f"{P1}\n{P2}"]


def test_a_review_card_whose_director_credit_opens_the_text_keeps_its_title() -> None:
    # Bulleted credits under the film's original title: the director credit reads as the text's
    # opening heading, and the title above it stays the card's first line, not a caption.
    lines = [
        "* Harbour Lights",
        "* إخراج: سامي الأحمد",
        "* تمثيل: ليلى حسن، كريم سعيد.",
        "* التقييم: (*3)",
        "* يبدأ الفيلم بمشهد طويل على رصيف الميناء، ثم يعود إلى طفولة البطل في المدينة الساحلية التي غادرها "
        "قبل عشرين عاما، ويمضي في حكايته بهدوء لا يخلو من التوتر حتى النهاية.",
    ]
    body = cut(lines)
    assert body.sections[0].text.split("\n")[:2] == ["* Harbour Lights", "* إخراج: سامي الأحمد"]
