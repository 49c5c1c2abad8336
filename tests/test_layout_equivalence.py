"""A digest's layout (fragment numbers, message split, order) and its stored references are the same
whichever way composition finds them: the shortcuts of DigestBook (region groups of a window holding
every story, blocks kept by region and count, a split block's kept items, an article's group placed
again as it was placed in one message) against the straightforward layout kept here, over randomized
books and keys (seeded: a failure repeats)."""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pytest

from nashra.digest.compose import (
    DEFAULT_OPTIONS,
    MESSAGE_LIMIT,
    DigestBook,
    DigestOptions,
    SectionInput,
    collapse_stories,
)
from nashra.digest.share import fair_pick, fair_shares
from nashra.texts import DEFAULT_LANGUAGE, LANGUAGES

TODAY = "2026-05-12"
# Subdivisions of two countries, whose stories are sometimes told for two of them (shared), those of a
# third, whose stories never are, and the countries.
SHARED = ("SY-DR", "SY-SU", "SY-HM", "SY-HL", "JO-AM", "JO-IR")
ALONE = ("LB-BA", "LB-JA", "LB-AS")
CODES = (*SHARED, *ALONE, "SY", "JO", "LB")
# What decides a layout: codes, window start, language, options.
Key = tuple[tuple[str, ...], str | None, str, DigestOptions]
WORDS = ("درعا", "السويداء", "حماة", "حلب", "عمان", "إربد", "سوق", "مدرسة", "طريق", "مياه", "كهرباء", "مشفى")


@dataclass
class _Block:
    header: tuple[int, int]
    units: list[list[tuple[int, int]]]
    fragments: list[int] | None
    length: int
    items: list[int]
    ends: list[int]
    whole: bool = False


class StraightBook(DigestBook):
    """The layout as composed story by story: select the stories, group them by region, place each
    region's block whole when it fits, else item by item (one closure per step), with the blocks kept
    by region and their stories' numbers. The rendering helpers (items, headers, titles, the one
    fragment of a region's newest stories) are the book's own."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._straight_blocks: dict[tuple[object, ...], _Block] = {}

    def forget(self, keep: int = 0) -> None:
        super().forget(keep)
        if len(self._straight_blocks) > keep:
            self._straight_blocks.clear()

    def layout_once(
        self, codes: Sequence[str], since: str | None, lang: str, options: DigestOptions = DEFAULT_OPTIONS
    ) -> list[list[int]]:
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        newest = False
        if options.include or options.exclude:
            ranks, groups = self.select(codes, since, options), None
        else:
            cap = self.max_items if options.max_items is None else min(self.max_items, options.max_items)
            ranks, groups, newest = self.straight_pick(codes, since, cap)
        return self.straight_assemble(ranks, codes, lang, options.headlines, groups, newest) if ranks else []

    def straight_pick(
        self, codes: Sequence[str], since: str | None, cap: int
    ) -> tuple[list[int], dict[str, list[int]] | None, bool]:
        lists = [(c, self.by_code[c]) for c in dict.fromkeys(codes) if c in self.by_code]
        if not lists:
            return [], None, False
        newest = since is None or since < min(self.ingested)
        if newest:
            heads = [(c, ranks[:cap]) for c, ranks in lists]
        else:
            later = ((c, (r for r in ranks if self.ingested[r] > since)) for c, ranks in lists)
            heads = [(c, list(itertools.islice(stories, cap))) for c, stories in later]
        if len(heads) == 1:
            code, head = heads[0]
            return head, {code: head} if head else None, newest
        # The cap's sharing among regions is nashra.digest.share's, tested there; here as it is used.
        lists = [head for _, head in heads]
        merged = set().union(*lists)
        if len(merged) < sum(len(head) for head in lists):
            return fair_pick(lists, cap), None, False
        groups = [(c, head[:n]) for (c, head), n in zip(heads, fair_shares(lists, cap), strict=True)]
        ranks = sorted(r for _, members in groups for r in members)
        if not ranks:
            return ranks, None, False
        groups.sort(key=lambda group: group[1][0] if group[1] else sys.maxsize)
        return ranks, {c: members for c, members in groups if members}, newest

    def straight_block(
        self, code: str, members: list[int], lang: str, headlines: bool, newest: bool
    ) -> _Block:
        key = (code, len(members), lang, headlines) if newest else (code, tuple(members), lang, headlines)
        block = self._straight_blocks.get(key)
        if block is not None and block.whole:
            whole = self._newest(code, len(members), lang, headlines, block.fragments or [])
            block = self._straight_blocks[key] = replace(block, fragments=[whole], whole=False)
        if block is None:
            units = self._units(members, code)
            header = self._header(code, lang)
            fragments: list[int] | None = None
            length, items, ends, whole = 0, [], [], False
            if all(len(unit) == 1 for unit in units):
                parts = [self._item(unit[0], lang, headlines, n > 0) for n, unit in enumerate(units)]
                items = [number for number, _ in parts]
                ends = [0, *itertools.accumulate(size for _, size in parts)]
                length = header[1] + ends[-1]
                fragments = [header[0], *items]
                if length <= MESSAGE_LIMIT and members == self.by_code.get(code, [])[: len(members)]:
                    made = self._parts.get(("newest", code, len(members), lang, headlines))
                    whole = made is None
                    fragments = fragments if made is None else [made[0]]
            block = self._straight_blocks[key] = _Block(header, units, fragments, length, items, ends, whole)
        return block

    def straight_assemble(
        self,
        ranks: list[int],
        codes: Sequence[str],
        lang: str,
        headlines: bool,
        grouped: dict[str, list[int]] | None,
        newest: bool,
    ) -> list[list[int]]:
        groups: dict[str, list[int]] = {}
        if grouped is not None:
            groups = grouped
        elif len(codes) == 1:
            groups[codes[0]] = ranks
        else:
            order = sorted(codes, key=lambda c: (-c.count("-"), c))
            for rank in ranks:
                code = next(c for c in order if c in self.codes[rank])
                groups.setdefault(code, []).append(rank)
        parts: list[list[int]] = []
        title, length = self._title(1, lang)
        current = [title]
        header_pending = True
        header = header_len = 0

        def new_message() -> None:
            nonlocal current, length, header_pending
            parts.append(current)
            number, length = self._title(len(parts) + 1, lang)
            current = [number]
            header_pending = True

        def put(fragment: tuple[int, int]) -> None:
            nonlocal length
            current.append(fragment[0])
            length += fragment[1]

        def place_header() -> None:
            nonlocal header_pending
            if header_pending:
                put((header, header_len))
                header_pending = False

        for code, members in groups.items():
            block = self.straight_block(code, members, lang, headlines, newest)
            header, header_len = block.header
            if block.fragments is not None and length + block.length <= MESSAGE_LIMIT:
                current += block.fragments
                length += block.length
                continue
            header_pending = True
            for unit in block.units:
                if len(unit) == 1:
                    if not header_pending:
                        item = self._item(unit[0], lang, headlines, True)
                        if length + item[1] <= MESSAGE_LIMIT:
                            put(item)
                            continue
                        new_message()
                    item = self._item(unit[0], lang, headlines, False)
                    if length + header_len + item[1] > MESSAGE_LIMIT and len(current) > 1:
                        new_message()
                    place_header()
                    put(item)
                    continue
                lines = [m for m in (self._group_member(s, headlines) for s in unit) if m is not None]
                foot = self._group_foot(unit, lang)
                foot_len = foot[1] if foot else 0
                body = sum(m[1] for m in lines) + foot_len
                head_bare = self._group_head(unit[0], lang, spaced=False, continued=False)
                head_spaced = self._group_head(unit[0], lang, spaced=True, continued=False)
                need = (header_len + head_bare[1] if header_pending else head_spaced[1]) + body
                if length + need > MESSAGE_LIMIT and len(current) > 1:
                    new_message()
                head = head_bare if header_pending else head_spaced
                place_header()
                put(head)
                for line in lines:
                    if length + line[1] + foot_len > MESSAGE_LIMIT:
                        if foot:
                            put(foot)
                        new_message()
                        place_header()
                        put(self._group_head(unit[0], lang, spaced=False, continued=True))
                    put(line)
                if foot:
                    put(foot)
        parts.append(current)
        return parts


def random_sections(rng: random.Random) -> list[SectionInput]:
    """Articles of 1 to 12 sections (some untitled, so never grouped), each section told for one or two
    subdivisions with their country (mostly the article's own), or a country alone; summaries of 3 to
    140 words, so some regions' blocks and some articles' groups are longer than a message. Newest
    first."""
    sections = []
    moment = datetime.fromisoformat(f"{TODAY}T00:00:00+00:00")
    for article in range(1, rng.choice((8, 30, 90))):
        titled = rng.random() < 0.7
        alone = rng.random() < 0.3
        own = [rng.choice(ALONE)] if alone else rng.sample(SHARED, rng.choice((1, 1, 1, 2)))
        for position in range(rng.choice((1, 1, 1, 2, 3, 6, 12))):
            moment += timedelta(minutes=rng.randint(1, 20))
            stamp = moment.isoformat()
            places = own if alone or rng.random() < 0.7 else rng.sample(SHARED, rng.choice((1, 1, 1, 2)))
            codes = tuple(sorted({*places, *(p.split("-")[0] for p in places)}))
            if rng.random() < 0.1:
                codes = (places[0].split("-")[0],)
            words = (
                rng.choice(WORDS) + rng.choice(("", str(rng.randint(0, 40))))
                for _ in range(rng.randint(3, 140))
            )
            summary = " ".join(words)
            sections.append(
                SectionInput(
                    article_id=article,
                    summary=summary + ".",
                    source=rng.choice(("نشرة الجنوب", "صدى الشمال", None)),
                    url=rng.choice((f"https://news.example/{article}", None)),
                    published_at=stamp,
                    ingested_at=stamp,
                    codes=codes,
                    title=f"خبر {article} {rng.choice(WORDS)}" if titled else "",
                    heading=None if position == 0 else f"{rng.choice(WORDS)} {position}",
                )
            )
    return sorted(sections, key=lambda s: s.ingested_at, reverse=True)


def random_keys(rng: random.Random, book: DigestBook, n: int) -> list[Key]:
    """``n`` keys drawn from a few dozen (so blocks are used again): 1 to 3 codes (sometimes one twice
    or one no story has), windows from before every story (and from the oldest: it is left out) to
    after the newest, two languages and one unknown, both formats, item caps from none to 0 (and one
    below, whatever it gives), keyword filters now and then."""
    moments = sorted(book.ingested)
    pool = []
    for _ in range(60):
        codes = tuple(sorted(rng.sample(CODES, rng.choice((1, 2, 2, 3, 3, 3)))))
        if rng.random() < 0.05:
            codes = (codes[0], codes[0])
        if rng.random() < 0.05:
            codes = (*codes, "EG-C")
        since = rng.choice((None, None, "2000-01-01", moments[0], rng.choice(moments), moments[-1]))
        options = DigestOptions(
            headlines=rng.random() < 0.3,
            max_items=rng.choice((None, None, None, 1, 3, 5, 12, 0, -1)),
            include=(rng.choice(WORDS),) if rng.random() < 0.1 else (),
            exclude=(rng.choice(WORDS),) if rng.random() < 0.1 else (),
        )
        pool.append((codes, since, rng.choice(("ar", "ar", "en", "fr")), options))
    return [rng.choice(pool) for _ in range(n)]


def laid_out(book: DigestBook, key: Key) -> list[list[int]] | type[Exception]:
    """The layout of ``key``, or the kind of error it raises (a cap below 0 is no cap a subscriber can
    set, and some windows refuse it: both ways must refuse it alike)."""
    try:
        return book.layout_once(*key)
    except ValueError as error:
        return type(error)


@pytest.mark.parametrize("seed", range(8))
def test_layouts_fragments_and_references_match_the_straightforward_layout(seed: int) -> None:
    rng = random.Random(seed)
    stories = collapse_stories(random_sections(rng))
    cap = rng.choice((4, 10, 30, 60))
    fast = DigestBook(stories, date=TODAY, max_items=cap)
    straight = StraightBook(stories, date=TODAY, max_items=cap)
    keys = random_keys(rng, fast, 300)
    for n, key in enumerate(keys):
        assert laid_out(fast, key) == laid_out(straight, key), (n, key)
        if rng.random() < 0.05:  # a cycle drops its kept blocks now and then: they are made again
            keep = rng.randint(0, 8)
            fast.forget(keep)
            straight.forget(keep)
    assert fast.fragments == straight.fragments
    layouts = [layout for layout in (laid_out(fast, key) for key in keys[:50]) if isinstance(layout, list)]
    ids = [rng.randint(1, 10**9) for _ in fast.unstored()]
    fast.stored(ids)
    for part in itertools.chain.from_iterable(layouts):
        assert fast.reference_once(part) == " ".join(str(ids[i]) for i in part)


def test_a_window_holding_every_story_is_laid_out_as_the_general_pick_groups_it() -> None:
    rng = random.Random(99)
    stories = collapse_stories(random_sections(rng))
    fast = DigestBook(stories, date=TODAY, max_items=30)
    general = DigestBook(stories, date=TODAY, max_items=30)
    for codes, _, lang, options in random_keys(rng, fast, 300):
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        for cap in (1, 3, 7, 30):
            found = fast._newest_layout(codes, lang, options.headlines, cap)
            if found is None:  # a story carries two of the codes: the general pick decides
                assert not fast._disjoint(codes)
                continue
            ranks, groups, newest = general._pick(codes, None, cap)
            if not ranks:
                assert found == [], (codes, cap)
                continue
            assert newest and groups is not None
            assert found == general._assemble(groups, lang, options.headlines, True), (codes, cap)
    assert fast.fragments == general.fragments


def test_a_reference_of_one_or_no_fragment_is_that_id_or_nothing() -> None:
    book = DigestBook([], date=TODAY, max_items=5)
    book._title(1, "ar")
    book.stored([41])
    assert book.reference_once([0]) == "41"
    assert book.reference_once([]) == ""
