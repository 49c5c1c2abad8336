"""The item cap is shared among a chat's regions: every region followed gets a place before any gets
more, the newest stories first within a region (nashra.digest.share)."""

from __future__ import annotations

import random

from nashra.digest.compose import (
    MORE_TITLES,
    DigestBook,
    DigestOptions,
    SectionInput,
    closes_with_left_out,
    collapse_stories,
)
from nashra.digest.share import fair_pick, fair_shares

TODAY = "2026-05-12"
# Ten regions followed; Syria's stories are the oldest of the window.
BUSY = ("IQ", "LB", "JO", "EG", "YE", "LY", "SD", "PS", "TN")


def _book(stories: dict[str, int], cap: int = 30) -> DigestBook:
    """A book where each region of ``stories`` has that many stories, the regions listed first newest."""
    inputs: list[SectionInput] = []
    minute = 0
    for code, count in stories.items():
        for n in range(count):
            minute += 1
            stamp = f"2026-05-12 {23 - minute // 60:02d}:{59 - minute % 60:02d}:00"
            inputs.append(
                SectionInput(
                    article_id=len(inputs) + 1,
                    summary=" ".join(f"خبر{code}{n}{word}" for word in "abc"),  # no two alike
                    source="وكالة",
                    url=None,
                    published_at=stamp,
                    ingested_at=stamp,
                    codes=(code,),
                    title=f"خبر {code} {n + 1}",
                )
            )
    return DigestBook(collapse_stories(inputs), date=TODAY, max_items=cap)


def test_a_quiet_region_keeps_its_place_beside_busy_ones() -> None:
    book = _book({**dict.fromkeys(BUSY, 8), "SY": 9})
    ranks = book.select([*BUSY, "SY"], None)
    assert len(ranks) == 30
    assert sum("SY" in book.stories[r].codes for r in ranks) == 3


def test_the_digest_shows_a_section_for_every_region_followed() -> None:
    book = _book({**dict.fromkeys(BUSY, 8), "SY": 9})
    text = "".join(book.compose([*BUSY, "SY"], None, "ar"))
    assert "خبر SY 1" in text
    assert "خبر SY 4" not in text  # three places each: the newest three


def test_a_region_with_fewer_stories_than_its_share_leaves_the_rest_to_others() -> None:
    assert fair_shares([[0, 1, 2, 3, 4, 5], [6], [7, 8, 9, 10]], 6) == [3, 1, 2]


def test_a_round_that_does_not_fit_goes_to_the_newest_stories() -> None:
    assert fair_shares([[5, 6], [0, 1], [3, 4]], 2) == [0, 1, 1]


def test_a_cap_above_every_story_keeps_them_all() -> None:
    assert fair_shares([[0, 1], [2]], 30) == [2, 1]


def test_a_story_of_two_regions_counts_once() -> None:
    assert fair_pick([[0, 1, 2, 3], [0, 4, 5]], 3) == [0, 1, 4]


def test_a_chat_cap_is_shared_too() -> None:
    book = _book({"IQ": 5, "SY": 5})
    ranks = book.select(["IQ", "SY"], None, DigestOptions(max_items=4))
    assert sorted(next(iter(book.stories[r].codes)) for r in ranks) == ["IQ", "IQ", "SY", "SY"]


def test_a_cap_on_keyword_filtered_stories_is_shared_too() -> None:
    book = _book({"IQ": 5, "SY": 5})
    options = DigestOptions(exclude=("كلمة غائبة",), max_items=4)
    ranks = book.select(["IQ", "SY"], None, options)
    assert sorted(next(iter(book.stories[r].codes)) for r in ranks) == ["IQ", "IQ", "SY", "SY"]


def test_the_stories_the_cap_leaves_out_are_counted() -> None:
    book = _book({**dict.fromkeys(BUSY, 8), "SY": 9})
    assert book.left_out([*BUSY, "SY"], None) == 9 * 8 + 9 - 30


def test_nothing_is_left_out_when_the_cap_holds_every_story() -> None:
    book = _book({"IQ": 5, "SY": 5})
    assert book.left_out(["IQ", "SY"], None) == 0
    assert book.left_out(["IQ", "SY"], None, DigestOptions(max_items=4)) == 6


def test_the_digest_closes_by_saying_how_many_stories_the_cap_left_out_and_how_to_read_them() -> None:
    book = _book({**dict.fromkeys(BUSY, 8), "SY": 9})
    last = book.compose([*BUSY, "SY"], None, "ar")[-1]
    assert last.endswith(
        "<i>\u200f📭 تحمل النشرة 30 خبراً على الأكثر، فبقي من أخبار مناطقها 51 خبراً؛ "
        "لقراءتها اضغط «المزيد» أو أرسل /more.</i>"
    )


def test_an_english_digest_says_it_in_english_with_how_to_get_more_in_each_digest() -> None:
    book = _book({"IQ": 5, "SY": 5})
    last = book.compose(["IQ", "SY"], None, "en", DigestOptions(max_items=4))[-1]
    assert last.endswith(
        "<i>📭 This digest holds at most 4 items, so 6 items of its regions' news did not fit; to read "
        "them, press «More» or send /more. For more in each digest: /format</i>"
    )


def test_a_cap_the_chat_chose_below_the_configured_one_is_said_with_how_to_raise_it() -> None:
    book = _book({"IQ": 5, "SY": 5})
    last = book.compose(["IQ", "SY"], None, "ar", DigestOptions(max_items=4))[-1]
    assert last.endswith("لأخبار أكثر في كل نشرة: /format</i>")


def test_a_digest_that_holds_every_story_says_nothing_of_the_cap() -> None:
    book = _book({"IQ": 5, "SY": 5})
    assert not any("📭" in message for message in book.compose(["IQ", "SY"], None, "ar"))


def test_the_last_message_of_a_capped_digest_is_told_from_the_others() -> None:
    book = _book({**dict.fromkeys(BUSY, 8), "SY": 9})
    messages = book.compose([*BUSY, "SY"], None, "ar")
    assert [closes_with_left_out(m) for m in messages] == [False] * (len(messages) - 1) + [True]
    whole = _book({"IQ": 5, "SY": 5}).compose(["IQ", "SY"], None, "en")
    assert not any(closes_with_left_out(m) for m in whole)


def test_the_stories_left_out_are_those_the_digest_did_not_keep_newest_first() -> None:
    book = _book({"IQ": 5, "SY": 5})
    options = DigestOptions(max_items=4)
    kept = book.select(["IQ", "SY"], None, options)
    left = book.left_out_stories([["IQ", "SY"]], None, options)
    assert left == sorted(left)
    assert sorted([*kept, *left]) == list(range(10))
    assert len(left) == book.left_out(["IQ", "SY"], None, options)


def test_a_story_one_topic_kept_is_not_left_out_by_another() -> None:
    book = _book({"IQ": 5, "SY": 5})
    options = DigestOptions(max_items=4)
    left = book.left_out_stories([["IQ"], ["SY"]], None, options)
    kept = {*book.select(["IQ"], None, options), *book.select(["SY"], None, options)}
    assert left == [rank for rank in range(10) if rank not in kept] == [4, 9]


def test_a_page_of_left_out_stories_has_its_own_title_and_says_how_many_are_left() -> None:
    book = _book({"IQ": 5, "SY": 5})
    book.titles = MORE_TITLES
    pages = book.more_layout([4, 9], ["IQ", "SY"], "en", DigestOptions(max_items=4), left=3)
    text = book.text(pages[-1])
    assert book.text(pages[0]).startswith("📰 <b>More from the Nashra digest, 2026-05-12</b>")
    assert text.endswith("<i>📭 Still left: 3 items; press «More» or send /more</i>")


def _round_by_round(heads: list[list[int]], cap: int) -> list[int]:
    """The rule as written: round after round, one story per region with stories left, a round that
    does not fit going to the regions whose next story is newest."""
    counts, left, depth = [0] * len(heads), cap, 0
    while left > 0:
        offers = [i for i, head in enumerate(heads) if len(head) > depth]
        if not offers:
            break
        for i in sorted(offers, key=lambda i: heads[i][depth])[:left]:
            counts[i] += 1
        left -= min(left, len(offers))
        depth += 1
    return counts


def test_the_shares_are_those_of_pouring_round_by_round() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        ranks = rng.sample(range(200), rng.randint(0, 60))
        heads: list[list[int]] = [[] for _ in range(rng.randint(1, 6))]
        for rank in ranks:
            heads[rng.randrange(len(heads))].append(rank)
        heads = [sorted(head) for head in heads]
        cap = rng.randint(0, 40)
        assert fair_shares(heads, cap) == _round_by_round(heads, cap), (heads, cap)
