"""Digest composition: stories from sections, rendered once, assembled per subscriber in Telegram HTML.

The expensive work (collapsing the same story told by several sources, escaping, rendering, measuring)
is done once per cycle in :func:`build_book`; composing one subscriber's digest is then picking item
numbers from per-region lists and joining pre-rendered strings, which is what lets a cycle serve
100,000 subscribers in seconds. Subscribers with the same codes, window and language share one result.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from nashra.arabic import RLM, word_list
from nashra.keywords import KeywordIndex
from nashra.regions import gazetteer

# Telegram's limit is 4096 UTF-16 units of visible text; keep a margin for clients that count differently.
MESSAGE_LIMIT = 4000
MAX_SUMMARY_CHARS = 700
MAX_HEADLINE_CHARS = 160
SAME_STORY_JACCARD = 0.5
_RARE_TOKENS = 4

_TEXTS = {
    "ar": {
        "title": "📰 <b>نشرة {date}</b>",
        "more": "📰 <b>نشرة {date} (تابع {n})</b>",
        "source": "المصدر",
        "sep": "، ",
    },
    "en": {
        "title": "📰 <b>Nashra digest, {date}</b>",
        "more": "📰 <b>Nashra digest, {date} (continued {n})</b>",
        "source": "source",
        "sep": ", ",
    },
}


@dataclass(slots=True)
class SectionInput:
    """What composition needs of one section (see :class:`nashra.storage.digests.SectionRow`)."""

    article_id: int
    summary: str
    source: str | None
    url: str | None
    published_at: str
    ingested_at: str
    codes: tuple[str, ...]
    title: str = ""


@dataclass(slots=True)
class Source:
    name: str
    url: str | None


@dataclass(slots=True)
class Story:
    """One digest item: a summary told by one or more sources, with the regions of all its sections."""

    summary: str
    sources: list[Source]
    published_at: str
    ingested_at: str
    codes: frozenset[str]
    articles: set[int] = field(default_factory=set)
    title: str = ""


@dataclass(frozen=True, slots=True)
class DigestOptions:
    """One subscriber's filters and format: keyword phrases (normalized), headlines only, item cap."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    headlines: bool = False
    max_items: int | None = None


DEFAULT_OPTIONS = DigestOptions()


def utf16_units(text: str) -> int:
    """Length as Telegram counts it: characters outside the BMP (most emoji) take two units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _source_name(name: str | None, url: str | None) -> str:
    if name:
        return name
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or url
    return ""


def collapse_stories(sections: Sequence[SectionInput]) -> list[Story]:
    """Group sections that tell the same story (similar summaries, a shared region, other articles).

    ``sections`` must be most recent first; stories come out in the same order (by their newest
    section). Similarity is the Jaccard index of normalized summary words, compared only against
    sections sharing one of the rarer words, so the cost stays near-linear.
    """
    tokens = [frozenset(w for w in word_list(s.summary) if len(w) >= 3) for s in sections]
    frequency: Counter[str] = Counter(t for bag in tokens for t in bag)
    postings: dict[str, list[int]] = {}
    parent = list(range(len(sections)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    code_sets = [frozenset(s.codes) for s in sections]
    articles = [s.article_id for s in sections]
    sizes = [len(bag) for bag in tokens]
    for i, bag in enumerate(tokens):
        rare = sorted(bag, key=lambda t: (frequency[t], t))[:_RARE_TOKENS]
        seen: set[int] = set()
        codes_i, article_i, size_i = code_sets[i], articles[i], sizes[i]
        for token in rare:
            for j in postings.get(token, ()):
                if j in seen:
                    continue
                seen.add(j)
                if articles[j] == article_i or codes_i.isdisjoint(code_sets[j]):
                    continue
                # Jaccard index without building the union (both bags share a token: it is not empty).
                shared = len(bag & tokens[j])
                if shared >= SAME_STORY_JACCARD * (size_i + sizes[j] - shared):
                    parent[find(i)] = find(j)
        for token in rare:
            postings.setdefault(token, []).append(i)

    stories: dict[int, Story] = {}
    for i, section in enumerate(sections):
        root = find(i)
        story = stories.get(root)
        name = _source_name(section.source, section.url)
        if story is None:
            stories[root] = Story(
                summary=section.summary,
                sources=[Source(name, section.url)],
                published_at=section.published_at,
                ingested_at=section.ingested_at,
                codes=frozenset(section.codes),
                articles={section.article_id},
                title=section.title,
            )
            continue
        story.codes = story.codes | frozenset(section.codes)
        story.ingested_at = max(story.ingested_at, section.ingested_at)
        if section.article_id not in story.articles and all(s.name != name for s in story.sources):
            story.sources.append(Source(name, section.url))
        story.articles.add(section.article_id)
    ordered = sorted(stories.items(), key=lambda kv: kv[0])
    return [story for _, story in ordered]


def render_story(story: Story, lang: str, headlines: bool = False) -> tuple[str, int]:
    """(HTML, visible UTF-16 length) of one item: bullet, summary (or headline), then its sources as links."""
    texts = _TEXTS[lang]
    summary = story.summary.strip()
    if headlines and story.title.strip():
        summary = story.title.strip()
    limit = MAX_HEADLINE_CHARS if headlines else MAX_SUMMARY_CHARS
    if len(summary) > limit:
        summary = summary[: limit - 1].rsplit(" ", 1)[0] + "…"
    line = f"{RLM}• {summary}"
    links_html, links_plain = [], []
    for source in story.sources:
        name = source.name or texts["source"]
        if source.url:
            links_html.append(f'<a href="{html.escape(source.url, quote=True)}">{html.escape(name)}</a>')
        else:
            links_html.append(html.escape(name))
        links_plain.append(name)
    sources_line = f"{RLM}— " if lang == "ar" else "— "
    markup = f"{html.escape(line)}\n<i>{html.escape(sources_line)}{texts['sep'].join(links_html)}</i>"
    plain = f"{line}\n{sources_line}{texts['sep'].join(links_plain)}"
    return markup, utf16_units(plain)


def region_title(code: str, lang: str) -> str:
    """Display name of a region; a subdivision carries its country ("درعا، سوريا")."""
    gaz = gazetteer()
    if not gaz.is_known(code):
        return code
    name = gaz.name(code, lang)
    parent = gaz.parent(code)
    if parent and gaz.is_known(parent):
        return f"{name}{_TEXTS[lang]['sep']}{gaz.name(parent, lang)}"
    return name


class DigestBook:
    """The stories of one window, rendered in each language, indexed by region code.

    A digest is laid out as a list of fragment numbers (title, region header, item), each fragment
    rendered once per window: composing a subscriber's digest is picking and measuring, never
    rendering, and the outbox can store the fragments once and each message as their numbers.
    """

    def __init__(self, stories: Sequence[Story], *, date: str, max_items: int) -> None:
        self.stories = list(stories)
        self.date = date
        self.max_items = max_items
        self.ingested = [s.ingested_at for s in self.stories]
        self.codes = [s.codes for s in self.stories]
        self.by_code: dict[str, list[int]] = {}
        for rank, story in enumerate(self.stories):
            for code in story.codes:
                self.by_code.setdefault(code, []).append(rank)
        self.fragments: list[str] = []
        self._keyed: dict[tuple[str, str, int | str], int] = {}
        self._rendered: dict[tuple[str, bool], list[tuple[str, int]]] = {}
        self._item_ids: dict[tuple[str, bool], tuple[list[int], list[int]]] = {}
        self._keywords: KeywordIndex | None = None
        self._headers: dict[tuple[str, str], tuple[int, int]] = {}
        self._memo: dict[tuple[tuple[str, ...], str | None, str, DigestOptions], list[list[int]]] = {}
        self._stored: list[str] = []
        # By id() of a memoized layout part: valid only while _memo holds it, so cleared together.
        self._references: dict[int, str] = {}

    # -- fragments ---------------------------------------------------------------------------------

    def _fragment(self, text: str) -> int:
        self.fragments.append(text)
        return len(self.fragments) - 1

    def text(self, layout: Sequence[int]) -> str:
        """The HTML of one message laid out as fragment numbers."""
        fragments = self.fragments
        return "".join([fragments[i] for i in layout])

    def unstored(self) -> list[str]:
        """Fragments created since the last :meth:`stored` call, in order."""
        return self.fragments[len(self._stored) :]

    def stored(self, ids: Sequence[int]) -> None:
        """The database ids of the fragments :meth:`unstored` returned, in the same order."""
        self._stored.extend(str(i) for i in ids)

    def reference(self, layout: list[int]) -> str:
        """One message as the space-separated database ids of its (stored) fragments."""
        key = id(layout)
        reference = self._references.get(key)
        if reference is None:
            stored = self._stored
            reference = self._references[key] = " ".join([stored[i] for i in layout])
        return reference

    def forget(self, keep: int = 0) -> None:
        """Drop the layouts kept for reuse once there are more than ``keep`` (bounds the memory)."""
        if len(self._memo) > keep:
            self._memo.clear()
            self._references.clear()

    def _items(self, lang: str, headlines: bool) -> list[tuple[str, int]]:
        key = (lang, headlines)
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = [render_story(story, lang, headlines) for story in self.stories]
            self._rendered[key] = rendered
            self._item_ids[key] = ([-1] * len(rendered), [-1] * len(rendered))
        return rendered

    def keyword_index(self) -> KeywordIndex:
        """The stories' headlines and summaries indexed for keyword filters (built on first use)."""
        if self._keywords is None:
            self._keywords = KeywordIndex(f"{story.title}\n{story.summary}" for story in self.stories)
        return self._keywords

    def _header(self, code: str, lang: str) -> tuple[int, int]:
        """Fragment of a region header (with the blank line before it) and its visible length."""
        key = (code, lang)
        header = self._headers.get(key)
        if header is None:
            title = region_title(code, lang)
            line = f"{RLM}📍 {title}" if lang == "ar" else f"📍 {title}"
            header = (self._fragment(f"\n\n<b>{html.escape(line)}</b>\n"), utf16_units(line))
            self._headers[key] = header
        return header

    def _title(self, n: int, lang: str) -> tuple[int, int]:
        key = ("title", lang, n)
        fragment = self._keyed.get(key)
        texts = _TEXTS[lang]
        title = (texts["title"] if n == 1 else texts["more"]).format(date=html.escape(self.date), n=n)
        line = title if lang == "en" else RLM + title
        if fragment is None:
            fragment = self._keyed[key] = self._fragment(line)
        return fragment, utf16_units(line.replace("<b>", "").replace("</b>", ""))

    # -- composing ---------------------------------------------------------------------------------

    def select(
        self, codes: Iterable[str], since: str | None, options: DigestOptions = DEFAULT_OPTIONS
    ) -> list[int]:
        """Story numbers for a subscriber of ``codes`` whose window starts after ``since``, newest first.

        Keyword filters keep a story that matches one include phrase (when there are any) and no
        exclude phrase; each distinct phrase is looked up once per book.
        """
        lists = [self.by_code[c] for c in codes if c in self.by_code]
        if not lists:
            return []
        ranks = lists[0] if len(lists) == 1 else sorted(set().union(*lists))
        if since is not None:
            ingested = self.ingested
            ranks = [r for r in ranks if ingested[r] > since]
        if options.include or options.exclude:
            ranks = self.keyword_index().keep(ranks, options.include, options.exclude)
        cap = self.max_items if options.max_items is None else min(self.max_items, options.max_items)
        return ranks[:cap]

    def layout(
        self, codes: Sequence[str], since: str | None, lang: str, options: DigestOptions = DEFAULT_OPTIONS
    ) -> list[list[int]]:
        """One subscriber's digest as messages of fragment numbers; [] when nothing is new for it."""
        lang = lang if lang in _TEXTS else "ar"
        key = (tuple(codes), since, lang, options)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        ranks = self.select(codes, since, options)
        parts = self._assemble(ranks, codes, lang, options.headlines) if ranks else []
        self._memo[key] = parts
        return parts

    def compose(
        self, codes: Sequence[str], since: str | None, lang: str, options: DigestOptions = DEFAULT_OPTIONS
    ) -> list[str]:
        """The HTML messages of one subscriber's digest; [] when nothing is new for its regions."""
        return [self.text(part) for part in self.layout(codes, since, lang, options)]

    def _assemble(
        self, ranks: list[int], codes: Sequence[str], lang: str, headlines: bool = False
    ) -> list[list[int]]:
        # The most specific subscribed region that a story carries names its group.
        order = sorted(codes, key=lambda c: (-c.count("-"), c))
        groups: dict[str, list[int]] = {}
        for rank in ranks:
            story_codes = self.codes[rank]
            for code in order:
                if code in story_codes:
                    groups.setdefault(code, []).append(rank)
                    break
        items = self._items(lang, headlines)
        spaced, bare = self._item_ids[(lang, headlines)]
        title, length = self._title(1, lang)
        parts: list[list[int]] = []
        current = [title]
        for code, members in groups.items():
            header, header_len = self._header(code, lang)
            header_pending = True
            for rank in members:
                item_html, item_len = items[rank]
                extra = 2 + item_len + (header_len + 1 if header_pending else 0)
                if length + extra > MESSAGE_LIMIT and len(current) > 1:
                    parts.append(current)
                    title, length = self._title(len(parts) + 1, lang)
                    current = [title]
                    header_pending = True
                    extra = 2 + item_len + header_len + 1
                if header_pending:
                    fragment = bare[rank]
                    if fragment < 0:
                        fragment = bare[rank] = self._fragment(item_html)
                    current.append(header)
                    header_pending = False
                else:
                    fragment = spaced[rank]
                    if fragment < 0:
                        fragment = spaced[rank] = self._fragment("\n\n" + item_html)
                current.append(fragment)
                length += extra
        parts.append(current)
        return parts
