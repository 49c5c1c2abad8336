"""How a digest reads: headlined one-sentence items, one item per article, sources as safe links."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from nashra.arabic import RLM
from nashra.config import Config
from nashra.demo import run_demo
from nashra.digest.compose import MESSAGE_LIMIT, DigestBook, DigestOptions, SectionInput, collapse_stories
from nashra.sandbox import parsed_text
from nashra.telegram_limits import utf16_units

TODAY = "2026-05-12"
NOON = f"{TODAY}T12:00:00+00:00"
HEADLINES = DigestOptions(headlines=True)


def section(
    article_id: int = 1,
    summary: str = "افتتحت بلدية درعا سوقا شعبيا جديدا للخضار في وسط المدينة.",
    *,
    heading: str | None = None,
    title: str = "سوق جديد في درعا",
    source: str | None = "نشرة الجنوب",
    url: str | None = "https://south.example/daraa-market",
    codes: tuple[str, ...] = ("SY", "SY-DR"),
    published_at: str = NOON,
) -> SectionInput:
    return SectionInput(
        article_id=article_id,
        summary=summary,
        source=source,
        url=url,
        published_at=published_at,
        ingested_at=published_at,
        codes=codes,
        title=title,
        heading=heading,
    )


def digest(
    sections: list[SectionInput], codes: tuple[str, ...] = ("SY-DR",), options: DigestOptions | None = None
) -> list[str]:
    book = DigestBook(collapse_stories(sections), date=TODAY, max_items=100)
    return book.compose(codes, None, "ar", options or DigestOptions())


def shown(messages: list[str]) -> str:
    return "\n".join(parsed_text(m, "HTML") for m in messages)


def test_a_lead_is_an_item_headlined_by_the_article_title() -> None:
    (message,) = digest([section()])
    assert f"{RLM}• <b>سوق جديد في درعا</b>\n{RLM}افتتحت بلدية درعا سوقا شعبيا" in message


def test_another_section_is_headlined_by_its_own_heading() -> None:
    (message,) = digest([section(heading="أسعار الخضار تنخفض", summary="انخفضت أسعار البندورة في السوق.")])
    assert "<b>أسعار الخضار تنخفض</b>" in message
    assert "سوق جديد في درعا" not in message


def test_the_source_is_a_link_under_the_summary() -> None:
    (message,) = digest([section()])
    assert message.endswith('<i>\u200f— <a href="https://south.example/daraa-market">نشرة الجنوب</a></i>')


def test_sections_of_one_article_are_one_item_under_its_title_with_one_source_line() -> None:
    sections = [
        section(),
        section(heading="الأسعار", summary="تراجعت أسعار الخضار في السوق الجديد بنسبة الثلث."),
        section(heading="المواصلات", summary="خصصت البلدية حافلات لنقل المتسوقين من الريف."),
    ]
    (message,) = digest(sections)
    text = parsed_text(message, "HTML")
    assert text.count("نشرة الجنوب") == 1
    assert text.count("•") == 1
    assert f"{RLM}◦ الأسعار: تراجعت أسعار الخضار" in text
    assert text.index("سوق جديد في درعا") < text.index("افتتحت بلدية") < text.index("◦ الأسعار")


def test_a_grouped_section_summarized_by_its_heading_shows_it_once() -> None:
    (message,) = digest([section(), section(heading="صور من السوق", summary="صور من السوق")])
    assert parsed_text(message, "HTML").count("صور من السوق") == 1


def test_sections_of_one_article_in_two_followed_regions_stay_under_their_own_region() -> None:
    sections = [
        section(codes=("SY", "SY-DR")),
        section(
            heading="حلب", summary="وصلت أولى شاحنات الخضار من درعا إلى أسواق حلب.", codes=("SY", "SY-HL")
        ),
    ]
    text = shown(digest(sections, codes=("SY-DR", "SY-HL")))
    blocks = {block.split("\n", 1)[0].strip(): block for block in text.split("📍")[1:]}
    assert set(blocks) == {"درعا، سوريا", "حلب، سوريا"}
    assert "افتتحت بلدية" in blocks["درعا، سوريا"] and "وصلت أولى" not in blocks["درعا، سوريا"]
    assert "وصلت أولى" in blocks["حلب، سوريا"] and "افتتحت بلدية" not in blocks["حلب، سوريا"]


def test_the_headlines_format_keeps_headlines_and_sources_but_no_summaries() -> None:
    sections = [section(), section(article_id=2, title="جسر جديد", summary="افتتح جسر جديد فوق الوادي.")]
    text = shown(digest(sections, options=HEADLINES))
    assert "سوق جديد في درعا" in text and "جسر جديد" in text and "نشرة الجنوب" in text
    assert "افتتحت بلدية" not in text and "افتتح جسر" not in text


def test_the_headlines_format_lists_an_articles_sections_by_heading() -> None:
    sections = [section(), section(heading="الأسعار", summary="تراجعت أسعار الخضار بنسبة الثلث.")]
    text = shown(digest(sections, options=HEADLINES))
    assert "◦ الأسعار" in text and "تراجعت" not in text


def test_text_and_links_are_html_escaped() -> None:
    (message,) = digest([section(title="أسعار <الخبز> & الوقود", url="https://a.example/x?a=1&b=2")])
    assert "أسعار &lt;الخبز&gt; &amp; الوقود" in message
    assert 'href="https://a.example/x?a=1&amp;b=2"' in message


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://files.example/x", "//x"]
)
def test_only_http_links_go_into_an_href(url: str) -> None:
    (message,) = digest([section(url=url)])
    assert "<a " not in message
    assert "نشرة الجنوب" in message


def test_a_bidi_override_stored_in_a_title_never_reaches_the_digest() -> None:
    (message,) = digest([section(title="سوق \u202eجديد", source="نشرة\u202e الجنوب")])
    assert "\u202e" not in message
    assert "سوق جديد" in message


def test_a_story_without_a_source_has_no_source_line() -> None:
    (message,) = digest([section(source=None, url=None)])
    assert "—" not in parsed_text(message, "HTML")
    assert "المصدر" not in message


def test_a_story_with_only_a_link_is_credited_to_its_host() -> None:
    (message,) = digest([section(source=None, url="https://www.enabbaladi.net/x")])
    assert '<a href="https://www.enabbaladi.net/x">enabbaladi.net</a>' in message


def test_a_story_from_another_day_shows_its_date() -> None:
    (message,) = digest([section(published_at="2026-05-10T09:00:00+00:00")])
    assert "2026-05-10" in parsed_text(message, "HTML")


def test_a_story_from_the_digest_day_shows_no_date() -> None:
    (message,) = digest([section()])
    assert "2026-05-" not in parsed_text(message, "HTML").split("\n", 1)[1]


def test_the_date_is_the_day_in_the_digest_time_zone() -> None:
    late = section(published_at="2026-05-11T22:30:00+00:00")  # 01:30 on the 12th in Damascus
    book = DigestBook(collapse_stories([late]), date=TODAY, max_items=10, timezone="Asia/Damascus")
    (message,) = book.compose(("SY-DR",), None, "ar")
    assert "2026-05-11" not in message


def test_a_collapsed_story_shows_a_section_tagged_with_the_region_it_is_listed_under() -> None:
    told = "اشتباكات عنيفة على الحدود بين قوات الجيش ومسلحين قرب معبر نصيب الحدودي مع الأردن"
    daraa = section(1, told + " في ريف درعا", source="السوري", codes=("SY", "SY-DR"))
    jordan = section(
        2, told + " قرب الرمثا", source="عمون", url="https://ammon.example/1", codes=("SY", "JO")
    )
    stories = collapse_stories([daraa, jordan])
    assert len(stories) == 1
    for code, own, other in (("JO", "الرمثا", "ريف درعا"), ("SY-DR", "ريف درعا", "الرمثا")):
        book = DigestBook(stories, date=TODAY, max_items=10)
        text = parsed_text(book.compose((code,), None, "ar")[0], "HTML")
        assert own in text and other not in text


def test_an_item_never_appears_under_a_region_its_shown_section_lacks() -> None:
    told = "ارتفاع أسعار الوقود في محطات المدينة مع عودة الطوابير الطويلة أمام المحطات منذ الصباح"
    sections = [
        section(1, told + " في طرابلس", codes=("LY", "LY-TB")),
        section(2, told + " في بنغازي", codes=("LY", "LY-BA")),
        section(3, told + " في مصراتة", codes=("LY", "LY-MI")),
    ]
    book = DigestBook(collapse_stories(sections), date=TODAY, max_items=10)
    for code, city in (("LY-TB", "طرابلس"), ("LY-BA", "بنغازي"), ("LY-MI", "مصراتة")):
        text = parsed_text(book.compose((code,), None, "ar")[0], "HTML")
        assert city in text.split("📍", 1)[1]
        assert sum(c in text for c in ("طرابلس", "بنغازي", "مصراتة")) == 1


def test_a_feed_title_of_thousands_of_characters_still_fits_one_message(shared_dir: Path) -> None:
    feed = feedparser.parse((shared_dir / "cases" / "01_oversize_item_long_feed_title.xml").read_bytes())
    name = feed.feed.title
    assert len(name) > 4000
    (message,) = digest([section(source=name)])
    assert utf16_units(parsed_text(message, "HTML")) <= MESSAGE_LIMIT
    assert "افتتحت بلدية درعا" in message and "…" in message


def test_a_story_told_by_many_sources_lists_a_few_and_counts_the_rest() -> None:
    told = "انقطاع الكهرباء عن أحياء واسعة من المدينة لساعات طويلة بسبب عطل في محطة التوليد الرئيسية"
    sections = [
        section(n, told, source=f"مصدر إخباري رقم {n} " + "ا" * 300, url=f"https://n{n}.example/")
        for n in range(1, 121)
    ]
    (message,) = digest(sections)
    text = parsed_text(message, "HTML")
    assert "(+117)" in text
    assert utf16_units(text) <= MESSAGE_LIMIT


def test_an_article_longer_than_a_message_continues_under_its_title() -> None:
    sections = [section()] + [
        section(heading=f"قسم {n}", summary=f"تفاصيل القسم {n} " + "كلمة " * 120) for n in range(12)
    ]
    messages = digest(sections)
    assert len(messages) > 1
    assert all(utf16_units(parsed_text(m, "HTML")) <= MESSAGE_LIMIT for m in messages)
    assert "سوق جديد في درعا (تابع)" in parsed_text(messages[1], "HTML")
    assert sum(parsed_text(m, "HTML").count("◦ قسم") for m in messages) == 12


async def test_the_demo_digests_are_headlined_items_of_one_sentence(tmp_path: Path) -> None:
    result = await run_demo(Config(), tmp_path / "demo.db", say=lambda line: None)
    headlines = summaries = 0
    for _, messages in result.digests:
        for line in "\n".join(messages).split("\n"):
            line = line.removeprefix(RLM)
            if line.startswith(("📰", "📍", "—")) or not line.strip():
                continue
            if line.startswith("• "):
                headlines += 1
                continue
            summary = line.split(": ", 1)[1] if line.startswith("◦ ") else line
            summaries += 1
            assert len(summary.split()) <= 30, summary
            assert len(re.findall(r"[.!؟?…](?=\s|$)", summary)) == 1, summary
    assert headlines >= 4 and summaries >= headlines


LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"


def word(n: int) -> str:
    """A distinct Arabic-letter word per number, so that no two generated stories read alike."""
    letters = []
    for _ in range(4):
        n, rest = divmod(n, len(LETTERS))
        letters.append(LETTERS[rest])
    return "".join(letters)


@pytest.mark.parametrize("cap", [7, 100])
def test_a_book_shared_by_overlapping_region_sets_gives_each_the_digest_of_a_fresh_book(cap: int) -> None:
    """Region blocks are laid out once per book and reused: a subscriber of several regions gets the
    messages it would get alone, whether a block fits in the current message or has to be split."""
    sections = [
        section(
            article_id=n,
            title=f"{word(n * 97 + 5000)} {word(n * 97 + 5001)}",
            summary=" ".join(word(n * 40 + k) for k in range(30 + n % 9)) + ".",
            url=f"https://south.example/{n}",
            codes=("SY", "SY-DR") if n % 3 else ("SY", "SY-DI"),
            published_at=f"{TODAY}T{n % 24:02d}:{n % 60:02d}:00+00:00",
        )
        for n in range(1, 61)
    ]
    subscriptions = [("SY-DR",), ("SY-DI", "SY-DR"), ("SY-DI",), ("SY", "SY-DI"), ("SY-DR", "SY-DI")]
    shared = DigestBook(collapse_stories(sections), date=TODAY, max_items=cap)
    messages = []
    for codes in subscriptions:
        fresh = DigestBook(collapse_stories(sections), date=TODAY, max_items=cap)
        alone = fresh.compose(codes, None, "ar", DigestOptions())
        assert shared.compose(codes, None, "ar", DigestOptions()) == alone
        messages.append(len(alone))
    assert max(messages) > (1 if cap > 7 else 0)  # with 100 items, a block split over messages


@pytest.mark.parametrize("codes", [("SY-DI", "SY-DR"), ("SY-DR", "SY-DI")])
def test_regions_come_in_the_order_of_their_newest_story(codes: tuple[str, ...]) -> None:
    older = section(
        article_id=1,
        title=f"{word(1111)} {word(7777)}",
        summary=" ".join(word(3000 + k * 37) for k in range(12)) + ".",
        url="https://south.example/old",
        codes=("SY", "SY-DI"),
        published_at=f"{TODAY}T08:00:00+00:00",
    )
    newer = section(
        article_id=2,
        title=f"{word(15555)} {word(19999)}",
        summary=" ".join(word(12000 + k * 53) for k in range(12)) + ".",
        url="https://south.example/new",
        codes=("SY", "SY-DR"),
        published_at=f"{TODAY}T09:00:00+00:00",
    )
    (message,) = digest([newer, older], codes)  # sections come newest first, as stored ones are read
    assert message.index("درعا") < message.index("دمشق")
