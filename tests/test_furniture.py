"""Article furniture: each kind recognised by its pattern and place, removed from the text, kept as data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from nashra.articles import furniture as fur
from nashra.articles.errors import ArticleError
from nashra.articles.jsonformat import article_from_record
from nashra.articles.sectioning import cut
from nashra.articles.textformat import byline_credit, parse_text
from nashra.model import Article, Furniture

P1 = "اندلعت اشتباكات عنيفة صباح اليوم بين الطرفين في محيط المدينة، وفق مصادر محلية."
P2 = "وأفادت المصادر بسقوط عدد من القتلى والجرحى في صفوف المدنيين خلال القصف."


@pytest.fixture
def page(data_dir: Path) -> Article:
    return parse_text((data_dir / "articles/furniture/page_layout.txt").read_text(encoding="utf-8"), "p.txt")


def kinds(article: Article) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in article.furniture:
        found.setdefault(item.kind, []).append(item.text)
    return found


def test_page_layout_keeps_only_the_lead_and_the_real_sub_heading(page: Article) -> None:
    assert [s.heading for s in page.sections] == [None, "نزوح جديد"]
    assert page.sections[0].text.startswith("قتل ثلاثة مدنيين")
    assert page.sections[-1].text.endswith("وفق ناشطين محليين.")


def test_outlet_author_place_and_time_become_metadata(page: Article) -> None:
    assert (page.source, page.author, page.dateline) == ("شبكة الشمال", "أحمد العلي", "إدلب")
    assert page.published_at == datetime(2026, 2, 15, 12, 26, tzinfo=UTC)


def test_each_kind_of_page_furniture_is_reported(page: Article) -> None:
    found = kinds(page)
    assert found["timestamp"] == ["الأحد, 15 فبراير 2026, 12:26"]
    assert found["title"] == ["مقتل ثلاثة مدنيين في قصف على ريف إدلب الجنوبي"]
    assert found["caption"] == ["جانب من الدمار في بلدة كفرنبل (أرشيفية)"]
    assert found["dateline"] == ["إدلب – خاص:"]
    assert found["ad"] == ["Ad"]
    assert found["endmark"] == ["// انتهى //"]
    assert found["share"] == ["تابعونا على تلغرام"]
    assert found["tags"] == ["سمات: إدلب، كفرنبل، الدفاع المدني"]
    assert len(found["tweet"]) == 1
    assert len(found["related"]) == 2


def test_dateline_place_is_not_left_in_the_lead(page: Article) -> None:
    assert not page.sections[0].text.startswith("إدلب")


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        (
            "بيروت - (الوكالة الوطنية للإعلام): أعلن الجيش انتشار وحداته.",
            "بيروت",
            "أعلن الجيش انتشار وحداته.",
        ),
        ("الخرطوم (رويترز) - قال مسؤول إن المحادثات ستستأنف.", "الخرطوم", "قال مسؤول إن المحادثات ستستأنف."),
        ("عدن – خاص: وصلت قافلة مساعدات إلى المدينة.", "عدن", "وصلت قافلة مساعدات إلى المدينة."),
        ("الرياض - أعلنت وزارة الصحة تسجيل إصابات جديدة.", "الرياض", "أعلنت وزارة الصحة تسجيل إصابات جديدة."),
    ],
)
def test_dateline_forms_are_cut_from_the_lead(paragraph: str, place: str, rest: str) -> None:
    found = fur.split_dateline(paragraph)
    assert found is not None
    credit, _, text = found
    assert (credit.place, text) == (place, rest)


def test_wire_dateline_on_its_own_line_above_the_lead_gives_the_place() -> None:
    body = cut(["بيروت/ فلان الفلاني/ الأناضول", P1])
    assert (body.credit.place, body.credit.author, body.sections[0].text) == ("بيروت", "فلان الفلاني", P1)


def test_a_sentence_opening_with_a_dash_is_not_a_dateline() -> None:
    assert fur.split_dateline("قال المتحدث - في مؤتمر صحفي عقده اليوم - إن الوضع مستقر.") is None


def test_a_sentence_naming_the_outlet_is_not_a_dateline() -> None:
    paragraph = "أجرت صحيفة «الشرق الأوسط» يوم أمس (الثلاثاء) حوارا مع وزير الخارجية."
    assert fur.split_dateline(paragraph, "الشرق الأوسط") is None


@pytest.mark.parametrize(
    ("line", "outlet", "author", "place"),
    [
        ("الجزيرة – القاهرة - علي البلهاسي:", "الجزيرة", "علي البلهاسي", "القاهرة"),
        ("صدى الشعب – سليمان أبو خرمة", "صدى الشعب", "سليمان أبو خرمة", None),
        ("عين اليوم – الدوحة", "عين اليوم", None, "الدوحة"),
        ("البلاد (الخرطوم)", "البلاد", None, "الخرطوم"),
        ("«الاقتصادية» من الرياض", "الاقتصادية", None, "الرياض"),
    ],
)
def test_byline_forms_give_outlet_author_and_place(
    line: str, outlet: str, author: str | None, place: str | None
) -> None:
    credit = fur.parse_credit(line, outlet)
    assert credit is not None
    assert (credit.author, credit.place) == (author, place)


def test_an_author_alone_is_a_byline_only_where_furniture_stands() -> None:
    assert fur.parse_credit("مصطفى واعراب", loose=True) is not None
    assert fur.parse_credit("مصطفى واعراب") is None


@pytest.mark.parametrize(
    "line",
    [
        "2026-01-27 02:58:19",
        "نشر في: 3 نوفمبر 2017",
        "10:12 ت م",
        "الخميس 12 كانون الثاني 2023 - 10:45",
        "آخر تحديث: 03.10.2025",
    ],
)
def test_timestamp_lines_are_recognised(line: str) -> None:
    assert fur.line_kind(line) == "timestamp"


def test_a_sentence_with_a_date_is_not_a_timestamp() -> None:
    assert fur.line_kind("وعقد المجلس جلسته الأولى في 3 نوفمبر 2017 بحضور الوزراء.") is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("شارك الخبر", "share"),
        ("تابعونا على تويتر وفيسبوك", "share"),
        ("...المزيد", "share"),
        ("رابط الخبر بصحيفة الوئام: عنوان الخبر كما نشر", "share"),
        ("إعلان", "ad"),
        ("وسوم: سوريا، حلب", "tags"),
        ("// يتبع //", "endmark"),
        ("https://example.com/news/123", "link"),
        ("جميع الحقوق محفوظة © 2024", "notice"),
        ("TT", "label"),
        ("— صحيفة المرصد (@ObservatoryLY) October 23, 2025", "tweet"),
    ],
)
def test_self_evident_furniture_lines(line: str, kind: str) -> None:
    assert fur.line_kind(line) == kind


def test_news_sentences_that_start_like_prompts_are_kept() -> None:
    for line in ("شارك الآلاف في المظاهرات التي شهدتها المدينة.", "تابع الوزير جولته في المحافظة."):
        assert fur.line_kind(line) is None


def test_a_quoted_tweet_inside_a_sentence_is_text() -> None:
    line = "وكتب الوزير على حسابه (@minister) أن الحكومة ستعلن خطة جديدة للإسكان خلال الأسبوع المقبل."
    assert fur.line_kind(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "اشتباكات مسلحة في مصراتة، فيتو",
        "عودة الحياة إلى القرى جنوب الموصل («الشرق الأوسط»)",
        "جانب من المضبوطات",
        "صورة أرشيفية لمبنى البرلمان",
    ],
)
def test_captions_are_recognised_by_credit_or_opening(line: str) -> None:
    assert fur.is_caption(line, "فيتو")


def test_a_sub_heading_is_not_a_caption() -> None:
    assert not fur.is_caption("تدمير الممتلكات في النبطية")


def test_caption_between_paragraphs_is_removed() -> None:
    body = cut([P1, "جثة الرضيع في مسجد نابلس.. الجزيرة", P2], outlet="الجزيرة")
    assert [s.text for s in body.sections] == [f"{P1}\n{P2}"]
    assert Furniture("caption", "جثة الرضيع في مسجد نابلس.. الجزيرة") in body.furniture


def test_unlabelled_related_headlines_at_the_end_are_removed() -> None:
    body = cut([P1, P2, "", "الأمم المتحدة: نصف سكان اليمن في دائرة الجوع", "هل كان وراء مقتل صالح؟"])
    assert [s.text for s in body.sections] == [f"{P1}\n{P2}"]
    assert [f.kind for f in body.furniture] == ["related", "related"]


def test_tags_and_link_back_glued_to_the_last_paragraph_are_cut() -> None:
    text, found = fur.split_tail(f"{P2} سمات القصف المدنيين إدلب")
    assert (text, found) == (P2, [Furniture("tags", "سمات القصف المدنيين إدلب")])
    text, found = fur.split_tail(f"{P2} رابط الخبر بصحيفة الوئام: عنوان الخبر")
    assert text == P2 and found[0].kind == "share"


def test_wordpress_markup_and_entities_are_stripped() -> None:
    body = cut(["<!-- wp:paragraph --> <p>" + P1 + "&nbsp;</p> <!-- /wp:paragraph --><br>" + P2])
    assert [s.text for s in body.sections] == [f"{P1}\n{P2}"]
    assert {f.text for f in body.furniture} >= {"<!-- wp:paragraph -->", "<p>", "&nbsp;", "<br>"}


def test_an_unterminated_comment_at_the_end_is_stripped() -> None:
    plain, _ = fur.strip_markup(f"<p>{P1}</p> <!-- /wp:paragra")
    assert plain.strip() == P1


def test_two_paragraph_interview_question_is_not_a_heading() -> None:
    body = cut([P1, "ما سبب الزيارة في هذا التوقيت؟", P2])
    assert [s.heading for s in body.sections] == [None]


def test_numbered_sub_heading_outside_a_list_is_a_heading() -> None:
    assert [s.heading for s in cut([P1, "1- الوضع الميداني", P2]).sections] == [None, "1- الوضع الميداني"]


def test_numbered_list_items_are_not_headings() -> None:
    lines = [P1, "1/ محمد علي أحمد (30 عاماً)", "2/ علي حسن محمود (28 عاماً)", P2]
    assert [s.heading for s in cut(lines).sections] == [None]


def test_comment_form_prompts_are_share_furniture() -> None:
    for line in ("اترك تعليقاً", "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *"):
        assert fur.line_kind(line) == "share", line


def test_related_list_with_teasers_cut_by_an_ellipsis_is_dropped() -> None:
    lines = [P1, "", "شاهد أيضاً", "", "افتتاح جسر جديد في المدينة", "", "أعلنت البلدية افتتاح الجسر …"]
    assert [s.text for s in cut(lines).sections] == [P1]


def test_a_last_line_cut_off_mid_sentence_stays_text() -> None:
    for tail in ("وتجددت الاشتباكات العنيفة في بلدة الجي", "كما تجددت الاشتباكات في م", 'وأشار إلى "أضرار م'):
        assert cut([P1, tail]).sections[0].text.endswith(tail), tail


def test_a_description_card_ending_with_date_and_outlet_is_not_the_lead() -> None:
    card = (
        "أكد الجيش، اليوم الاثنين، أن قواته حققت تقدما كبيرا في المدينة بعدما شنت... 11.08.2025, سبوتنيك عربي"
    )
    body = cut([card, P1], outlet="سبوتنيك عربي")
    assert [s.text for s in body.sections] == [P1]
    assert Furniture("deck", card) in body.furniture


def test_a_foreign_city_before_an_agency_is_the_dateline_place() -> None:
    for paragraph, place in (
        ("مانيلا (أ ف ب) - ضرب زلزال قوي جنوب الفلبين الثلاثاء.", "مانيلا"),
        ("أوسلو (رويترز) - قالت الحكومة النرويجية إنها سترفع الضرائب.", "أوسلو"),
        ("نيويورك - قال الأمين العام للأمم المتحدة إن المساعدات لا تكفي.", "نيويورك"),
    ):
        found = fur.split_dateline(paragraph)
        assert found is not None and found[0].place == place, paragraph


def test_an_interviewer_credit_names_the_author() -> None:
    credit = fur.parse_credit("حاوره: سامي الأحمد", loose=True)
    assert credit is not None and credit.author == "سامي الأحمد"


def test_a_wire_end_mark_glued_to_the_last_paragraph_is_cut() -> None:
    for paragraph, mark in (
        ("وتأتي الخطة في ظل ارتفاع أسعار الكهرباء والغاز في أوروبا منذ العام الماضي. (أ ف ب)", "(أ ف ب)"),
        ("ويقول محللون إن الطلب الخارجي دعم الصادرات رغم الرسوم الجمركية الجديدة. - رويترز", "- رويترز"),
    ):
        text, found = fur.split_tail(paragraph)
        assert not text.endswith(mark) and found == [Furniture("endmark", mark)]


def test_a_sentence_with_a_wire_end_mark_is_not_a_caption() -> None:
    sentence = "وتأتي الخطة في ظل ارتفاع أسعار الكهرباء والغاز في أوروبا منذ العام الماضي."
    assert not fur.is_caption(f"{sentence} (أ ف ب)")
    assert fur.is_caption("الرئيس خلال استقباله الوفد الزائر (واس)")


def test_an_embedded_post_signed_with_an_arabic_date_is_a_tweet() -> None:
    assert fur.line_kind("— بدر البوسعيدي (@badralbusaidi) 12 أكتوبر 2023") == "tweet"


def test_wire_desk_initials_are_a_signature() -> None:
    assert fur.is_name_line("ع ش/ب ح/ص ح")
    assert not fur.is_name_line("ع ش/ب ح/ص ح، وكالات")


def test_an_agency_named_alone_under_the_title_is_the_outlet_not_an_author() -> None:
    # SPA copy: the agency alone, then «CITY DATE واس»; a name opening with و is no conjunction.
    text = f"العنوان\nواس\nبيروت 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\n{P1}\n{P2}\n"
    article = parse_text(text, "a.txt")
    assert (article.source, article.author, article.dateline) == ("واس", None, "بيروت")
    assert article.sections[0].text.startswith(P1)


def test_a_place_before_an_agency_whose_name_opens_with_waw_is_a_dateline() -> None:
    credit = fur.parse_credit("بيروت واس", "واس", loose=True)
    assert credit is not None and (credit.outlet, credit.author, credit.place) == ("واس", None, "بيروت")


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("القاهرة: خالد محمود وعبد الستار حتيتة", "خالد محمود، عبد الستار حتيتة"),
        ("بيروت: أسماء وهبة", "أسماء وهبة"),  # a surname opening with و
    ],
)
def test_waw_joins_two_full_names_only(line: str, authors: str) -> None:
    credit = fur.parse_credit(line, loose=True)
    assert credit is not None and credit.author == authors


def test_a_category_label_before_a_slash_is_taken_off_the_title() -> None:
    article = parse_text(f"سياسي / الأردن يدعو إلى وقف التصعيد في القدس\nواس\n{P1}\n", "a.txt")
    assert article.title == "الأردن يدعو إلى وقف التصعيد في القدس"
    assert Furniture("category", "سياسي") in article.furniture


@pytest.mark.parametrize(
    "title", ["كاريكاتير 2015/8/2", "واشنطن/طهران: جولة جديدة من المحادثات", "عام / مقتل"]
)
def test_dates_pairs_and_short_titles_keep_their_slash(title: str) -> None:
    assert fur.split_title_label(title) == (None, title)


def test_a_country_in_brackets_qualifies_the_place_of_an_outlet_line() -> None:
    article = parse_text(f"العنوان\nعين اليوم – بنغازي (ليبيا)\n{P1}\n", "a.txt")
    assert (article.source, article.author, article.dateline) == ("عين اليوم", None, "بنغازي (ليبيا)")


def test_the_desk_before_an_agency_credit_is_a_dateline_not_an_author() -> None:
    article = parse_text(f"العنوان\nالوطن – العواصم: الوكالات\n{P1}\n", "a.txt")
    assert (article.source, article.author, article.dateline) == ("الوطن", "الوكالات", "العواصم")


@pytest.mark.parametrize(
    ("line", "place", "author"),
    [
        ("لوس أنجليس: د ب أ", "لوس أنجليس", "د ب أ"),
        ("ديار بكر، بروكسل: أ ف ب", "ديار بكر، بروكسل", "أ ف ب"),
        ("رام الله، غزة: عبدالرؤوف أرناؤوط", "رام الله، غزة", "عبدالرؤوف أرناؤوط"),
        ("نايف عبدالله – سعد الفراج: عين اليوم", None, "نايف عبدالله، سعد الفراج"),
    ],
)
def test_the_parts_before_a_bylines_colon_are_places_filed_from(
    line: str, place: str | None, author: str
) -> None:
    credit = byline_credit(line, "عين اليوم")
    assert (credit.place, credit.author) == (place, author)


def test_a_role_in_a_byline_is_no_author() -> None:
    credit = fur.parse_credit("مكة المكرمة - سامي علي / تصوير - سليمان وهيب", loose=True)
    assert credit is not None and (credit.place, credit.author) == ("مكة المكرمة", "سامي علي، سليمان وهيب")


@pytest.mark.parametrize("line", ["اشتباكات مسلحة في", "وصول المساعدات إلى", "صورة من"])
def test_words_cut_short_after_a_preposition_are_no_author(line: str) -> None:
    # A caption or headline cut short where only furniture stands (under the outlet line of a page).
    assert fur.parse_credit(line, loose=True) is None


def test_a_json_author_field_holding_a_byline_is_read_as_one() -> None:
    record = {"title": "العنوان", "source": "الوطن", "author": "العواصم: الوكالات", "body": f"{P1}\n{P2}"}
    article = article_from_record(record, "r")
    assert (article.source, article.author, article.dateline) == ("الوطن", "الوكالات", "العواصم")


def test_a_json_author_field_holding_names_is_kept_as_written() -> None:
    record = {"title": "العنوان", "source": "الوطن", "author": "سامر الحلبي، ريم العلي", "body": P1}
    assert article_from_record(record, "r").author == "سامر الحلبي، ريم العلي"


@pytest.mark.parametrize(
    ("byline", "places", "authors"),
    [
        # SaudiNewsNet (Al-Sharq Al-Awsat) author fields: one correspondent per city filed from.
        ("صنعاء: عرفات مدابش الرياض: فهد الذيابي", "صنعاء، الرياض", "عرفات مدابش، فهد الذيابي"),
        ("صنعاء: عرفات مدابش - الرياض: ناصر الحقباني", "صنعاء، الرياض", "عرفات مدابش، ناصر الحقباني"),
        ("بروكسل: عبد الله مصطفى  واشنطن: محمد علي صالح", "بروكسل، واشنطن", "عبد الله مصطفى، محمد علي صالح"),
        ("برلين: حسن الرماحي طهران - موسكو: وكالات", "برلين، طهران، موسكو", "حسن الرماحي"),
    ],
)
def test_a_byline_of_several_city_author_pairs_keeps_cities_out_of_the_authors(
    byline: str, places: str, authors: str
) -> None:
    credit = fur.parse_credit(byline, None, loose=True)
    assert credit is not None
    assert (credit.place, credit.author) == (places, authors)


def test_a_byline_with_html_entities_is_read_as_decoded() -> None:
    article = parse_text(
        "عنوان الخبر\nسبق &ndash; وكالات\nقال مسؤول اليوم إن العمل بدأ في المشروع الجديد.", "t.txt"
    )
    assert (article.source, article.author) == ("سبق", "وكالات")


def test_html_entities_leave_the_one_line_fields_of_a_record() -> None:
    record = {
        "title": "رؤية &#8220;هلال شوال&#8221;",
        "author": "&nbsp;واس (جدة)",
        "body": "قال مسؤول اليوم إن العمل بدأ.",
    }
    article = article_from_record(record, "r")
    assert article.title == "رؤية “هلال شوال”"
    assert "&" not in (article.author or "")


@pytest.mark.parametrize(
    ("title", "headline", "mark"),
    [
        # SPA headlines of SaudiNewsNet, 2015-08-10/11.
        (
            "بدء مرحلة قيد الناخبين للانتخابات البلدية بمكة المكرمة الأحد القادم  / إضافة ثانية",
            "بدء مرحلة قيد الناخبين للانتخابات البلدية بمكة المكرمة الأحد القادم",
            "/ إضافة ثانية",
        ),
        (
            "معالي وزير الخارجية يلتقي نظيره الروسي إضافة أولى وأخيرة",
            "معالي وزير الخارجية يلتقي نظيره الروسي",
            "إضافة أولى وأخيرة",
        ),
        ("انطلاق فعاليات سوق عكاظ / تحديث", "انطلاق فعاليات سوق عكاظ", "/ تحديث"),
    ],
)
def test_a_wire_part_mark_leaves_the_headline(title: str, headline: str, mark: str) -> None:
    assert fur.split_title_tail(title) == (headline, mark)


@pytest.mark.parametrize(
    "title",
    [
        "واتساب يتيح ضبط نغمات مخصصة مع تحديث جديد",
        "المهنا: ويب خبير .. سيكون خير إضافة لنا",
        "إضافة 3 شرائح أساسية",
    ],
)
def test_a_headline_that_uses_the_words_keeps_them(title: str) -> None:
    assert fur.split_title_tail(title) == (title, None)


def test_a_record_title_loses_its_category_and_part_mark() -> None:
    record = {
        "title": "عام / نائب خادم الحرمين الشريفين يرأس جلسة مجلس الوزراء        إضافة أولى",
        "body": "وبين معاليه أن مجلس الوزراء نوه بعمق العلاقات.",
    }
    article = article_from_record(record, "r")
    assert article.title == "نائب خادم الحرمين الشريفين يرأس جلسة مجلس الوزراء"
    assert Furniture("endmark", "إضافة أولى") in article.furniture


def test_a_body_of_only_a_caption_is_a_photo_story() -> None:
    # SaudiNewsNet 2015-08-06 (Al-Riyadh, «ظلام»): the picture's caption is the whole story.
    body = (
        "    صورة التقطت لطريق الدمام بين طريق الشيخ جابر وخالد بن الوليد بشرق الرياض، وقد عم الطريق ظلام"
        " دامس جراء تعطل الإنارة منذ فترة ليست بالقريبة. "
    )
    article = article_from_record({"title": "ظلام", "body": body, "source": "alriyadh"}, "r")
    assert article.sections[0].text.startswith("صورة التقطت لطريق الدمام")


def test_a_body_of_only_a_portrait_caption_is_still_no_text() -> None:
    # SaudiNewsNet 2015-08-06 (Al-Jazirah): the crawl kept only the photo's caption, the headline's start.
    record = {
        "title": "محافظ الطائف يرأس اجتماع «تنفيذية» سوق عكاظ ",
        "body": " محافظ الطائف",
        "source": "aljazirah",
    }
    with pytest.raises(ArticleError, match="holds no text"):
        article_from_record(record, "r")


def test_the_only_line_of_text_above_a_caption_is_kept_as_text() -> None:
    # SaudiNewsNet 2015-08-02 (Al-Riyadh, «صورة و تعليق»): a caption printed over two lines.
    body = (
        "    امرأة تتأمل إحدى اللوحات المعروضة بمتحف متروبولتيان \n"
        "والذي حظي ب 6 ملايين زائر العام الماضي (أ ف ب) "
    )
    article = article_from_record({"title": "صورة و تعليق", "body": body, "source": "alriyadh"}, "r")
    assert [s.text for s in article.sections] == ["امرأة تتأمل إحدى اللوحات المعروضة بمتحف متروبولتيان"]


@pytest.mark.parametrize(
    ("paragraph", "outlet", "place"),
    [
        ("جدة – سبق: شهدت محافظة جدة أمطارا غزيرة صباح اليوم.", "سبق", "جدة"),
        ("جدة: سبق - شهدت محافظة جدة أمطارا غزيرة صباح اليوم.", "سبق", "جدة"),
        ("بيروت - «الحياة»: شهدت العاصمة اللبنانية أمطارا غزيرة صباح اليوم.", "الحياة", "بيروت"),
        ("الرياض - واس شهدت العاصمة أمطارا غزيرة صباح اليوم.", "واس", "الرياض"),
    ],
    ids=["place-dash-outlet-colon", "place-colon-outlet-dash", "quoted-outlet", "agency-without-colon"],
)
def test_an_outlet_after_the_dateline_place_is_cut_with_it(paragraph: str, outlet: str, place: str) -> None:
    found = fur.split_dateline(paragraph)
    assert found is not None
    credit, _, text = found
    assert (credit.outlet, credit.place, text.split()[0]) == (outlet, place, "شهدت")


@pytest.mark.parametrize(
    ("paragraph", "opening"),
    [
        # «COUNTRY – COMPANY:» heads an item about the company: an unquoted unknown name is the subject.
        ("المملكة المتحدة – شازام: جمع تطبيق التعرف الموسيقي تمويلا جديدا هذا العام.", "شازام:"),
        # «سبق» is a verb too: with no colon or dash after it, it opens the sentence.
        ("الرياض - سبق أن أعلنت الوزارة تعليق الدراسة في المدارس.", "سبق"),
        # «وام» reads as a word: only agencies whose names are no word stand without a colon.
        ("الرياض - وام المدينة أعلنت تعليق الدراسة في المدارس.", "وام"),
    ],
    ids=["unquoted-company", "outlet-name-as-verb", "agency-read-as-word"],
)
def test_a_name_after_the_dateline_place_is_no_outlet_without_evidence(paragraph: str, opening: str) -> None:
    found = fur.split_dateline(paragraph)
    assert found is not None
    credit, _, text = found
    assert (credit.outlet, text.split()[0]) == (None, opening)


def test_a_line_naming_an_image_file_is_a_caption() -> None:
    assert fur.is_caption("3 Harbour at dawn.jpg من «الميناء عند الفجر»")
    assert fur.is_caption("صورة_المؤتمر.PNG")


def test_a_file_extension_inside_a_word_is_no_image_file() -> None:
    line = "وقال المتحدث إن الموقع jpg.example.org توقف عن العمل منذ أمس، وإن الفريق يعمل على إصلاحه."
    assert not fur.is_caption(line)
