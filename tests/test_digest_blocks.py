"""How a region's block of stories is placed in a digest's messages: whole when it fits (one stored
fragment for a region's newest stories), else item by item, as many per message as fit."""

from __future__ import annotations

import itertools

from nashra.digest.compose import MESSAGE_LIMIT, DigestBook, DigestOptions, SectionInput, collapse_stories
from nashra.telegram_limits import visible_units

TODAY = "2026-05-12"
CITIES = ("درعا", "بصرى", "نوى", "إزرع", "الصنمين", "طفس", "جاسم", "الحراك", "داعل", "انخل")


def story(n: int, code: str, words: int) -> SectionInput:
    """Article ``n`` under ``code`` whose summary has ``words`` words; a higher ``n`` is newer."""
    city = CITIES[n % len(CITIES)]
    summary = " ".join(f"{city}{n}ب{k}" for k in range(words)) + "."
    return SectionInput(
        article_id=n,
        summary=summary,
        source="نشرة الجنوب",
        url=f"https://south.example/{n}",
        published_at=f"{TODAY}T{n // 60:02d}:{n % 60:02d}:00+00:00",
        ingested_at=f"{TODAY}T{n // 60:02d}:{n % 60:02d}:00+00:00",
        codes=("SY", code),
        title=f"خبر {city} رقم {n}",
    )


def book(sections: list[SectionInput], cap: int = 100) -> DigestBook:
    """The book of ``sections``, given newest first as the window's reader gives them."""
    newest_first = sorted(sections, key=lambda s: s.ingested_at, reverse=True)
    return DigestBook(collapse_stories(newest_first), date=TODAY, max_items=cap)


def test_a_region_whose_newest_stories_fit_lists_its_items_for_the_first_digest() -> None:
    digest = book([story(n, "SY-DR", 12) for n in range(1, 6)])
    [message] = digest.layout_once(("SY-DR",), None, "ar")
    assert len(message) == 1 + 1 + 5  # title, header, five items


def test_a_region_whose_newest_stories_fit_is_one_fragment_for_the_next_digests() -> None:
    digest = book([story(n, "SY-DR", 12) for n in range(1, 6)])
    [first] = digest.layout_once(("SY-DR",), None, "ar")
    [again] = digest.layout_once(("SY-DR",), None, "ar")
    assert len(again) == 2  # the title, then the region's header and its five items as one fragment
    assert digest.text(again) == digest.text(first)


def test_two_regions_used_before_are_one_fragment_each() -> None:
    digest = book([story(n, "SY-DR" if n % 2 else "SY-SU", 10) for n in range(1, 9)])
    digest.layout_once(("SY-DR",), None, "ar")
    digest.layout_once(("SY-SU",), None, "ar")
    [message] = digest.layout_once(("SY-DR", "SY-SU"), None, "ar")
    assert len(message) == 3


def test_a_window_after_the_oldest_stories_still_reads_the_newest_as_one_fragment() -> None:
    sections = [story(n, "SY-DR", 10) for n in range(1, 6)]
    digest = book(sections)
    since = sections[1].ingested_at  # the window starts after the second oldest story
    digest.layout_once(("SY-DR",), since, "ar")
    [message] = digest.layout_once(("SY-DR",), since, "ar")
    assert len(message) == 2
    assert digest.text(message).count("رقم") == 3


def test_a_region_filtered_by_keywords_lists_its_items_one_by_one() -> None:
    digest = book([story(n, "SY-DR", 10) for n in range(1, 7)])
    nawa = DigestOptions(include=(CITIES[2],))  # story 2 only, older than four others
    [message] = digest.layout(("SY-DR",), None, "ar", nawa)
    assert len(message) == 1 + 1 + 1  # title, header, the one story from نوى (not the newest)


def test_a_block_longer_than_a_message_makes_no_whole_fragment() -> None:
    digest = book([story(n, "SY-DR", 60) for n in range(1, 41)])
    before = len(digest.fragments)
    parts = digest.layout(("SY-DR",), None, "ar")
    assert len(parts) > 1
    whole = [f for f in digest.fragments[before:] if visible_units(f) > MESSAGE_LIMIT]
    assert whole == []


def test_a_split_block_fills_each_message_before_the_next_and_repeats_its_header() -> None:
    digest = book([story(n, "SY-DR", 25 + n % 17) for n in range(1, 61)])
    parts = digest.layout(("SY-DR",), None, "ar")
    texts = [digest.text(part) for part in parts]
    assert len(texts) > 2
    assert all(visible_units(text) <= MESSAGE_LIMIT for text in texts)
    header = digest.fragments[parts[0][1]]
    assert all(digest.fragments[part[1]] == header for part in parts)  # each message: title, header, …
    for part, following in itertools.pairwise(parts):
        # The next message's first item (spaced, as it would follow in this one) did not fit here.
        first = following[2]
        spaced = "\n\n" + digest.fragments[first]
        assert visible_units(digest.text(part)) + visible_units(spaced) > MESSAGE_LIMIT


def test_a_split_block_shows_every_story_once_newest_first() -> None:
    sections = [story(n, "SY-DR", 25 + n % 17) for n in range(1, 61)]
    digest = book(sections)
    shown = "".join(digest.compose(("SY-DR",), None, "ar"))
    positions = [shown.index(f"رقم {n}<") for n in range(60, 0, -1)]
    assert positions == sorted(positions)
    assert all(shown.count(f"رقم {n}<") == 1 for n in range(1, 61))


def test_the_same_digest_whether_its_layout_is_kept_or_not() -> None:
    sections = [story(n, "SY-DR" if n % 3 else "SY-SU", 20 + n % 11) for n in range(1, 50)]
    kept, once = book(sections, cap=30), book(sections, cap=30)
    for codes in [("SY-DR",), ("SY-SU",), ("SY-DR", "SY-SU")]:
        for options in (DigestOptions(), DigestOptions(headlines=True), DigestOptions(max_items=7)):
            laid = once.layout_once(codes, None, "en", options)
            assert [once.text(p) for p in laid] == kept.compose(codes, None, "en", options)
