"""The item cap is shared among a chat's regions: every region followed gets a place before any gets
more, the newest stories first within a region (nashra.digest.share)."""

from __future__ import annotations

from nashra.digest.compose import DigestBook, DigestOptions, SectionInput, collapse_stories
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
