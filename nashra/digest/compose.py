"""Digest composition: stories from sections, rendered once, assembled per subscriber in Telegram HTML.

The expensive work (collapsing the same story told by several sources, escaping, rendering, measuring)
is done once per cycle in :func:`build_book`; composing one subscriber's digest is then picking item
numbers from per-region lists and joining pre-rendered strings, which is what lets a cycle serve
100,000 subscribers in seconds. Subscribers with the same codes, window and language share one result.

A digest reads like a newsletter. Under each region header, a story is one item: its headline in bold
(the section's heading, or the article's title for a lead), a one-sentence summary, and its sources as
links, with the date when the story is not from the digest's day. Sections of one article that go to
the same subscriber under the same region are one item: the article's title, then each section's
heading and summary, then the sources once. The ``headlines`` format keeps the headlines and sources.

Every item fits one message by construction: headlines, summaries and source names are capped and
elided ("…"), a long source list shows its first few and a count, and a group longer than a message
continues in the next one under its title again. Only http(s) links become ``<a href>``; a story
without a source has no source line.
"""

from __future__ import annotations

import bisect
import heapq
import html
import itertools
import re
import sys
from collections import Counter, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from operator import itemgetter
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from nashra.arabic import RLM, strip_controls, word_list
from nashra.articles.links import web_link
from nashra.digest.share import fair_pick, fair_shares
from nashra.keywords import KeywordIndex
from nashra.regions.names import display_name
from nashra.telegram_limits import MAX_TEXT_UNITS, truncate, visible_units
from nashra.texts import DEFAULT_LANGUAGE, LANGUAGES, Readers
from nashra.texts import text as catalogue

# Telegram's limit is 4096 UTF-16 units of visible text; keep a margin for clients that count differently.
MESSAGE_LIMIT = MAX_TEXT_UNITS - 96
MAX_SUMMARY_CHARS = 700
MAX_HEADLINE_CHARS = 160
# A source name longer than this is elided; a list of more sources than shown ends with "(+N)".
MAX_SOURCE_CHARS = 48
MAX_SOURCES_SHOWN = 3
# A link longer than any real article address is left out (the name still shows).
MAX_URL_CHARS = 2048
SAME_STORY_JACCARD = 0.5
_RARE_TOKENS = 4
# Per rare word, a section is compared with at most this many earlier sections sharing it.
_NEIGHBOURS_PER_TOKEN = 32


@dataclass(slots=True)
class SectionInput:
    """What composition needs of one section (see :class:`nashra.storage.digests.SectionRow`).

    ``heading`` is None for an article's lead (its opening section), whose headline is the title.
    ``ingested_at`` is when the section's text was stored new (see
    :class:`nashra.storage.digests.SectionRow`); ``revised``: that text is an update of a story the
    subscriber was sent an earlier version of, and its item says so (:func:`updated_mark`), set only in
    the view of a book for such subscribers (:class:`Revision`, :meth:`DigestBook.view`).
    """

    article_id: int
    summary: str
    source: str | None
    url: str | None
    published_at: str
    ingested_at: str
    codes: tuple[str, ...]
    title: str = ""
    heading: str | None = None
    revised: bool = False


@dataclass(slots=True)
class Source:
    name: str
    url: str | None


@dataclass(slots=True)
class Story:
    """One digest item: a summary told by one or more sources, with the regions of all its sections.

    ``sections`` are the sections telling it, newest first; under a region header the story shows the
    first of them tagged with that region (:meth:`section_for`), so no item appears under a region its
    text was not tagged with.
    """

    summary: str
    sources: list[Source]
    published_at: str
    ingested_at: str
    codes: frozenset[str]
    articles: set[int] = field(default_factory=set)
    title: str = ""
    sections: list[SectionInput] = field(default_factory=list)

    def section_for(self, code: str) -> int:
        """Index in :attr:`sections` of the newest section tagged ``code`` (0 when none is)."""
        for index, section in enumerate(self.sections):
            if code in section.codes:
                return index
        return 0


@dataclass(frozen=True, slots=True)
class DigestOptions:
    """One subscriber's filters and format: keyword phrases (normalized), headlines only, item cap; and
    ``channel``, whether the digest is posted to a channel: the lines saying how many stories the cap
    left out then speak to its readers (:data:`nashra.texts.AR_CHANNEL`), naming no «More» button, which
    a channel never gets (:func:`bot.handlers.subscriber.outbox_buttons`)."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    headlines: bool = False
    max_items: int | None = None
    channel: bool = False


DEFAULT_OPTIONS = DigestOptions()
# The catalogue keys of a digest's titles (its first message, the next ones), and of the messages of
# /more, which sends the stories a digest's item cap left out (nashra.digest.more).
DIGEST_TITLES = ("digest_title", "digest_title_more")
MORE_TITLES = ("more_title", "more_title_more")
# What opens the line closing a digest whose item cap left stories out (``digest_left_out``): the
# sender puts the /more button under the message it closes (:func:`closes_with_left_out`).
LEFT_OUT_MARK = "📭"
_LEFT_OUT_LINE = re.compile(rf"\n\n<i>{RLM}?{LEFT_OUT_MARK}[^<]*</i>\s*$")


@dataclass(frozen=True, slots=True)
class Revision:
    """A section of a book revised after an earlier version of its story may have reached some chats.

    ``index`` is the section's place in the inputs the book was built from; ``earlier`` the regions
    earlier versions a digest may have carried were tagged with, a (code, stamp) pair for each such
    version (``sections.earlier``, migration 0290; a code may come more than once); ``shows_change``
    whether a chat sent an earlier version sees something new (its text or headline changed; else
    only its regions, new to their followers alone); ``stale`` whether the story is older than
    ``delivery.max_age_days``: then only a chat sent an earlier version gets it (as a correction), and
    nobody as a new story.
    """

    index: int
    earlier: tuple[tuple[str, str], ...]
    shows_change: bool
    stale: bool = False


@dataclass(frozen=True, slots=True)
class History:
    """What says whether a chat was sent an earlier version of a revised story: the end of its last
    digest (``last_digest_at``: every story stored up to it was in one of its windows, consecutive
    since its first) and when it began to follow each of its regions (``subscriptions.created_at``, to
    the end of its second; None: before every earlier version of the book, which a cycle's editions
    ensure by leaving chats that followed a region later to be composed one by one)."""

    last: str
    joined: Mapping[str, str] | None = None

    def saw(self, codes: Sequence[str], revision: Revision) -> bool:
        """Whether a chat of ``codes`` with this history was sent an earlier version of ``revision``:
        it followed one of an earlier version's regions when that version was stored under it, and
        its last digest ended after that (any version: a chat sent only a correction saw the story).
        When this cannot be known (a cap or a keyword filter left the story out then) the chat is
        taken to have been sent it: the rule never marks as an update a story to a chat whose windows
        never covered it."""
        joined = self.joined
        for code, at in revision.earlier:
            if at <= self.last and code in codes and (joined is None or joined.get(code, at) <= at):
                return True
        return False


def elide(text: str, limit: int) -> str:
    """``text`` (bidi overrides and control characters removed, whitespace collapsed) within ``limit``
    characters, cut as :func:`nashra.telegram_limits.truncate` cuts."""
    return truncate(" ".join(strip_controls(text).split()), limit, measure=len)


def link_target(url: str | None) -> str | None:
    """The link a digest may put in an ``<a href>`` for ``url``: an http(s) link with a host (the rule
    of :func:`nashra.articles.links.web_link`, checked again here because stored links may predate it)
    of a sane length, else None. A ``javascript:`` or ``data:`` link never reaches an ``<a href>``."""
    if not url or len(url) > MAX_URL_CHARS:
        return None
    return web_link(url)


def _source_name(name: str | None, url: str | None) -> str:
    if name and name.strip():
        return name.strip()
    target = link_target(url)
    if target:
        host = urlsplit(target).hostname or ""
        return host.removeprefix("www.")
    return ""


def collapse_stories(sections: Sequence[SectionInput]) -> list[Story]:
    """Group sections that tell the same story (similar summaries, a shared region, other articles).

    ``sections`` must be most recent first; stories come out in the same order (by their newest
    section). Two sections tell the same story when the Jaccard index of their normalized summary
    words is at least :data:`SAME_STORY_JACCARD`. A section is compared only with earlier sections
    holding one of its :data:`_RARE_TOKENS` rarest words (among those another section of the window
    has too), and per word only with the :data:`_NEIGHBOURS_PER_TOKEN` nearest in time: a word many
    sections share (a region's name on a busy day) cannot make the comparison quadratic. Reports of
    one story lie close in time, and a section joined to one report joins its whole story.

    Cost: O(n·(w + r·k)) for n sections of w words, r rare words and k neighbours, whatever the
    window holds. Grouping, measured on SaudiNewsNet (docs/benchmarks.md): on one day or three days
    of 14 outlets within one story of no neighbour bound, and 0 to 1.2 % of the same-story pairs that a
    comparison of every pair finds are missed.
    """
    tokens = [frozenset(w for w in word_list(s.summary) if len(w) >= 3) for s in sections]
    frequency: Counter[str] = Counter(t for bag in tokens for t in bag)
    # Each word's most recent sections (ascending index: the last ones are the nearest in time).
    postings: dict[str, deque[int]] = {}
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
        # A word no other section has cannot find a match.
        shared_words = [t for t in bag if frequency[t] > 1]
        rare = heapq.nsmallest(_RARE_TOKENS, shared_words, key=lambda t: (frequency[t], t))
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
        for token in shared_words:
            posting = postings.get(token)
            if posting is None:
                posting = postings[token] = deque(maxlen=_NEIGHBOURS_PER_TOKEN)
            posting.append(i)

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
                sections=[section],
            )
            continue
        story.sections.append(section)
        story.codes = story.codes | frozenset(section.codes)
        story.ingested_at = max(story.ingested_at, section.ingested_at)
        if section.article_id not in story.articles and all(s.name != name for s in story.sources):
            story.sources.append(Source(name, section.url))
        story.articles.add(section.article_id)
    ordered = sorted(stories.items(), key=lambda kv: kv[0])
    return [story for _, story in ordered]


def headline(section: SectionInput) -> str:
    """An item's bold line: the section's heading, or the article's title for a lead."""
    return (section.heading or "").strip() or section.title.strip()


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def updated_mark(section: SectionInput | None, lang: str) -> str:
    """What follows the headline of an updated section (" (updated)" in the digest's language), else
    ""."""
    return catalogue(lang, "digest_updated") if section is not None and section.revised else ""


def _story_sources(story: Story, section: SectionInput) -> list[Source]:
    """The story's sources with the shown section's own first."""
    own = Source(_source_name(section.source, section.url), section.url)
    others = [s for s in story.sources if s.name != own.name]
    return ([own] if own.name else []) + others


def render_sources(sources: Sequence[Source], lang: str) -> str:
    """Source names as links (http(s) only), elided, at most :data:`MAX_SOURCES_SHOWN` then "(+N)"."""
    shown = []
    for source in sources[:MAX_SOURCES_SHOWN]:
        name = _esc(elide(source.name, MAX_SOURCE_CHARS))
        target = link_target(source.url)
        shown.append(f'<a href="{html.escape(target, quote=True)}">{name}</a>' if target else name)
    hidden = len(sources) - len(shown)
    return catalogue(lang, "list_separator").join(shown) + (f" (+{hidden})" if hidden > 0 else "")


def meta_line(sources: Sequence[Source], date: str | None, lang: str) -> str:
    """The italic line under an item: "— sources · date" (either part may be missing); "" for none."""
    parts = []
    if sources:
        parts.append(render_sources(sources, lang))
    if date:
        parts.append(_esc(date))
    if not parts:
        return ""
    dash = f"{RLM}— " if lang == "ar" else "— "
    return f"<i>{dash}{' · '.join(parts)}</i>"


def render_item(
    story: Story, index: int, lang: str, *, headlines: bool = False, date: str | None = None
) -> str:
    """One story as an item, showing its section number ``index``: headline, summary, sources, date."""
    section = story.sections[index] if story.sections else None
    summary = elide(section.summary if section else story.summary, MAX_SUMMARY_CHARS)
    head = elide(headline(section), MAX_HEADLINE_CHARS) if section else elide(story.title, MAX_HEADLINE_CHARS)
    meta = meta_line(_story_sources(story, section) if section else story.sources, date, lang)
    mark = _esc(updated_mark(section, lang))
    if headlines:
        line = f"{RLM}• <b>{_esc(head or elide(summary, MAX_HEADLINE_CHARS))}</b>{mark}"
        return f"{line} {meta}" if meta else line
    lines = [f"{RLM}• <b>{_esc(head)}</b>{mark}"] if head else []
    if not head:
        lines.append(f"{RLM}•{mark} {_esc(summary)}")
    elif word_list(summary) != word_list(head):
        lines.append(f"{RLM}{_esc(summary)}")
    if meta:
        lines.append(meta)
    return "\n".join(lines)


def render_group_head(title: str, *, continued: str = "", updated: str = "") -> str:
    """The first line of an article's group: its title (with "(continued)" when split, then the
    ``updated`` mark, :func:`updated_mark`)."""
    return f"{RLM}• <b>{_esc(elide(title, MAX_HEADLINE_CHARS))}{_esc(continued)}</b>{_esc(updated)}"


def render_group_member(section: SectionInput, *, headlines: bool = False) -> str:
    """One section under its article's title: the lead's summary as it is, another section as
    "◦ heading: summary" (just "◦ heading" in the headlines format). "" for a lead in headlines."""
    summary = elide(section.summary, MAX_SUMMARY_CHARS)
    heading = elide((section.heading or "").strip(), MAX_HEADLINE_CHARS)
    if not heading:
        return "" if headlines else f"{RLM}{_esc(summary)}"
    if headlines:
        return f"{RLM}◦ {_esc(heading)}"
    if word_list(summary) == word_list(heading):  # a section with no text is summarized by its heading
        return f"{RLM}◦ <b>{_esc(heading)}</b>"
    return f"{RLM}◦ <b>{_esc(heading)}</b>: {_esc(summary)}"


Shown = tuple[int, int]  # (story rank, index of the section shown in story.sections)
# A region's stories for a window holding every story of the book and an item cap: its newest story,
# its code, its stories (rank order), the codes it shares a story with, and the key of the block of
# its first ``cap`` stories (code, how many) in DigestBook._newest_blocks.
_Head = tuple[int, str, list[int], frozenset[str], tuple[str, int]]


def _readers(options: DigestOptions) -> Readers:
    """Who reads a digest composed with ``options``, for the lines worded for them."""
    return "channel" if options.channel else "private"


def closes_with_left_out(markup: str) -> bool:
    """Whether the message ``markup`` (a digest's, as stored) ends with the line saying the item cap left
    stories out (``digest_left_out``, opened by :data:`LEFT_OUT_MARK`): the last message of a capped
    digest, under which /more's button goes."""
    return _LEFT_OUT_LINE.search(markup) is not None


def _first_member(group: tuple[str, list[int]]) -> int:
    """Sort key of a region group: its newest story (a group without stories goes last)."""
    return group[1][0] if group[1] else sys.maxsize


@dataclass(slots=True)
class _Block:
    """One region's part of a digest: its units (see ``DigestBook._units``) and, when every unit is a
    single story, the fragments of the header and items placed in one message and their visible
    UTF-16 length (``fragments`` None otherwise). A block holding an article's group gets them once it
    has been placed in one message (the fragments were all made then: placing it again where it fits
    is listing them again).

    When every unit is a single story, ``items`` are the item fragments as a block placed whole lists
    them (the first without the blank line before it, the others with it), ``ends`` the running sums
    of their lengths (``ends[i]``: the first ``i`` items), so the items that fit in what is left of a
    message are found by bisection; both are empty otherwise. ``bare`` holds, once a split of the block
    asked for them, the items without the blank line (fragment and length) that open a message after a
    split (None until then). ``whole`` says the block may become one fragment when it is used again
    (see ``DigestBook._newest``).
    """

    header: tuple[int, int]
    units: list[list[Shown]]
    fragments: list[int] | None
    length: int
    items: list[int]
    ends: list[int]
    bare: list[tuple[int, int] | None]
    whole: bool = False


class DigestBook:
    """The stories of one window, rendered in each language, indexed by region code.

    A digest is laid out as a list of fragment numbers (title, region header, item, group line), each
    fragment rendered once per window: composing a subscriber's digest is picking and measuring, never
    rendering, and the outbox can store the fragments once and each message as their numbers.

    ``date`` is the digest's day (ISO, in ``timezone``); an item published on another day shows its date.
    """

    def __init__(
        self,
        stories: Sequence[Story],
        *,
        date: str,
        max_items: int,
        timezone: str = "UTC",
        inputs: Sequence[SectionInput] = (),
        revisions: Sequence[Revision] = (),
        titles: tuple[str, str] = DIGEST_TITLES,
    ) -> None:
        # The catalogue keys of its messages' titles: the first message's, then the others' (numbered).
        self.titles = titles
        # A book with ``revisions`` holds ``stories`` as chats sent no earlier version see them (built
        # from ``inputs`` less the stale revisions); other chats are composed from a view (see view).
        self._inputs = list(inputs)
        self.revisions = list(revisions)
        self.earliest_revision = min((at for r in self.revisions for _, at in r.earlier), default=None)
        self._views: dict[frozenset[int], DigestBook] = {}
        self.stories = list(stories)
        self.date = date
        self.max_items = max_items
        self.zone = ZoneInfo(timezone)
        self.ingested = [s.ingested_at for s in self.stories]
        # A window starting before every story keeps them all: nothing to filter.
        self._oldest = min(self.ingested, default="")
        self.codes = [s.codes for s in self.stories]
        self.by_code: dict[str, list[int]] = {}
        # The other codes each code shares a story with: regions that share none have disjoint lists.
        self._sharing: dict[str, set[str]] = {}
        for rank, story in enumerate(self.stories):
            for code in story.codes:
                self.by_code.setdefault(code, []).append(rank)
                if len(story.codes) > 1:
                    self._sharing.setdefault(code, set()).update(story.codes - {code})
        # Per item cap, then per code: what a window holding every story needs of the code in one
        # lookup (see _heads_for).
        self._heads: dict[int, dict[str, _Head]] = {}
        # Per story and code: the section shown under that code (the newest tagged with it) and the
        # article it groups with (None for an untitled article, which is never grouped).
        self._shown: list[dict[str, tuple[Shown, int | None]]] = []
        for rank, story in enumerate(self.stories):
            entries: dict[str, tuple[Shown, int | None]] = {}
            for index, section in enumerate(story.sections):
                article = section.article_id if section.title.strip() else None
                for code in section.codes:
                    entries.setdefault(code, ((rank, index), article))
            self._shown.append(entries)
        # Rendered items by (language, headlines format, spaced): fragment and length per shown section.
        self._items: dict[tuple[str, bool, bool], dict[Shown, tuple[int, int]]] = {}
        self.fragments: list[str] = []
        self._lengths: list[int] = []
        self._parts: dict[tuple, tuple[int, int] | None] = {}
        self._keywords: KeywordIndex | None = None
        self._memo: dict[tuple[tuple[str, ...], str | None, str, DigestOptions], list[list[int]]] = {}
        self._stored: list[str] = []
        # By id() of a memoized layout part: valid only while _memo holds it, so cleared together.
        self._references: dict[int, str] = {}
        # Region blocks by (code, its stories, language, headlines): the block's units and, when each
        # unit is one story, its fragments placed in one message (header, first item, spaced items)
        # with their visible length. Subscribers share regions far more than whole region sets.
        self._blocks: dict[tuple[str, tuple[int, ...], str, bool], _Block] = {}
        # The blocks of a region's newest stories, by (language, headlines) then (code, how many): a
        # cycle looks one up per region of each edition, and a short key hashes faster.
        self._newest_blocks: dict[tuple[str, bool], dict[tuple[str, int], _Block]] = {}
        # Digest titles per language: number n is at n - 1 (made in that order: message n follows n - 1).
        self._titles: dict[str, list[tuple[int, int]]] = {}

    # -- fragments ---------------------------------------------------------------------------------

    def _fragment(self, markup: str, length: int | None = None) -> tuple[int, int]:
        """A new fragment: its number and visible UTF-16 length (``length`` when the caller knows it,
        measured otherwise)."""
        self.fragments.append(markup)
        self._lengths.append(visible_units(markup) if length is None else length)
        return len(self.fragments) - 1, self._lengths[-1]

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
        """One message of a kept layout (see :meth:`layout`) as the space-separated database ids of its
        (stored) fragments, joined once per kept layout."""
        key = id(layout)
        reference = self._references.get(key)
        if reference is None:
            reference = self._references[key] = self.reference_once(layout)
        return reference

    def reference_once(self, layout: Sequence[int]) -> str:
        """One message as the space-separated database ids of its (stored) fragments."""
        if len(layout) < 2:
            # itemgetter of one index gives the item itself, not a tuple; of none, it fails.
            return self._stored[layout[0]] if layout else ""
        # One C call picks every id (a list comprehension costs a Python frame per message).
        return " ".join(itemgetter(*layout)(self._stored))

    def forget(self, keep: int = 0) -> None:
        """Drop the layouts kept for reuse once there are more than ``keep`` (bounds the memory), its
        views' with its own: :meth:`reference` keys the layouts of views too by their id, which a
        layout dropped alone could pass on to another."""
        books = [self, *self._views.values()]
        if sum(len(book._memo) for book in books) > keep:
            for book in books:
                book._memo.clear()
                book._references.clear()
        blocks = sum(len(b._blocks) + sum(len(t) for t in b._newest_blocks.values()) for b in books)
        if blocks > keep:
            for book in books:
                book._blocks.clear()
                book._newest_blocks.clear()

    def keyword_index(self) -> KeywordIndex:
        """The stories' headlines and summaries indexed for keyword filters (built on first use)."""
        if self._keywords is None:
            self._keywords = KeywordIndex(
                "\n".join([story.title, *(f"{s.heading or ''}\n{s.summary}" for s in story.sections)])
                or story.summary
                for story in self.stories
            )
        return self._keywords

    def _day(self, published_at: str) -> str | None:
        """The date to show for a story published at ``published_at``: None when it is the digest's day."""
        try:
            moment = datetime.fromisoformat(published_at)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo("UTC"))
        day = moment.astimezone(self.zone).date().isoformat()
        return None if day == self.date else day

    # Each part below is looked up in self._parts first: composing a layout renders nothing twice.

    def _header(self, code: str, lang: str) -> tuple[int, int]:
        """Fragment of a region header (with the blank line before it) and its visible length."""
        key = ("header", code, lang)
        part = self._parts.get(key)
        if part is None:
            title = display_name(code, lang, in_header=True)
            line = f"{RLM}📍 {title}" if lang == "ar" else f"📍 {title}"
            part = self._parts[key] = self._fragment(f"\n\n<b>{_esc(line)}</b>\n")
        return part

    def _title(self, n: int, lang: str) -> tuple[int, int]:
        """Fragment of the title of message ``n`` (from 1) and its visible length."""
        titles = self._titles.get(lang)
        if titles is None:
            titles = self._titles[lang] = []
        while len(titles) < n:
            count = len(titles) + 1
            name = self.titles[0] if count == 1 else self.titles[1]
            titles.append(self._fragment(catalogue(lang, name, date=_esc(self.date), n=count)))
        return titles[n - 1]

    def _item(self, shown: Shown, lang: str, headlines: bool, spaced: bool) -> tuple[int, int]:
        cache = self._items.setdefault((lang, headlines, spaced), {})
        part = cache.get(shown)
        if part is None:
            rank, index = shown
            story = self.stories[rank]
            published = story.sections[index].published_at if story.sections else story.published_at
            item = render_item(story, index, lang, headlines=headlines, date=self._day(published))
            part = cache[shown] = self._fragment(("\n\n" if spaced else "") + item)
        return part

    def _group_head(self, shown: Shown, lang: str, spaced: bool, continued: bool) -> tuple[int, int]:
        rank, index = shown
        section = self.stories[rank].sections[index]
        key = ("ghead", section.article_id, lang, spaced, continued, section.revised)
        part = self._parts.get(key)
        if part is None:
            more = catalogue(lang, "digest_continued") if continued else ""
            head = render_group_head(section.title, continued=more, updated=updated_mark(section, lang))
            part = self._parts[key] = self._fragment(("\n\n" if spaced else "") + head)
        return part

    def _group_member(self, shown: Shown, headlines: bool) -> tuple[int, int] | None:
        key = ("gmember", shown, headlines)
        if key not in self._parts:
            rank, index = shown
            line = render_group_member(self.stories[rank].sections[index], headlines=headlines)
            self._parts[key] = self._fragment("\n" + line) if line else None
        return self._parts[key]

    def _group_foot(self, members: Sequence[Shown], lang: str) -> tuple[int, int] | None:
        key = ("gfoot", tuple(members), lang)
        if key not in self._parts:
            sources: list[Source] = []
            for rank, index in members:
                story = self.stories[rank]
                for source in _story_sources(story, story.sections[index]):
                    if all(source.name != known.name for known in sources):
                        sources.append(source)
            first_rank, first_index = members[0]
            date = self._day(self.stories[first_rank].sections[first_index].published_at)
            meta = meta_line(sources, date, lang)
            self._parts[key] = self._fragment("\n" + meta) if meta else None
        return self._parts[key]

    # -- composing ---------------------------------------------------------------------------------

    def select(
        self, codes: Sequence[str], since: str | None, options: DigestOptions = DEFAULT_OPTIONS
    ) -> list[int]:
        """Story numbers for a subscriber of ``codes`` whose window starts after ``since``, newest first.

        Keyword filters keep a story that matches one include phrase (when there are any) and no
        exclude phrase; each distinct phrase is looked up once per book. The item cap is shared among
        the regions (:mod:`nashra.digest.share`).
        """
        lists = [self.by_code[c] for c in codes if c in self.by_code]
        if not lists:
            return []
        cap = self.max_items if options.max_items is None else min(self.max_items, options.max_items)
        ingested = self.ingested
        if options.include or options.exclude:
            ranks = lists[0] if len(lists) == 1 else sorted(set().union(*lists))
            if since is not None:
                ranks = [r for r in ranks if ingested[r] > since]
            kept = self.keyword_index().keep(ranks, options.include, options.exclude)
            if len(kept) <= cap:
                return kept
            # Shared among the regions as without filters (nashra.digest.share).
            matching = set(kept)
            return fair_pick(
                [
                    [r for r in self.by_code[c] if r in matching]
                    for c in dict.fromkeys(codes)
                    if c in self.by_code
                ],
                cap,
            )
        return self._pick(codes, since, cap)[0]

    def left_out(
        self, codes: Sequence[str], since: str | None, options: DigestOptions = DEFAULT_OPTIONS
    ) -> int:
        """How many stories of the window (those :meth:`select` would consider for a subscriber of
        ``codes`` whose window starts after ``since``, keyword filters applied) the item cap leaves out:
        0 when the cap holds them all. For the digest's closing line (``digest_left_out``)."""
        cap = self.max_items if options.max_items is None else min(self.max_items, options.max_items)
        lists = [self.by_code[c] for c in dict.fromkeys(codes) if c in self.by_code]
        ingested = self.ingested
        newest = since is None or since < self._oldest
        if sum(len(ranks) for ranks in lists) <= cap:
            return 0
        window = (
            set().union(*lists) if newest else {r for ranks in lists for r in ranks if ingested[r] > since}
        )
        if options.include or options.exclude:
            window = set(self.keyword_index().keep(sorted(window), options.include, options.exclude))
        return max(0, len(window) - max(cap, 0))

    def left_out_stories(
        self, topics: Sequence[Sequence[str]], since: str | None, options: DigestOptions = DEFAULT_OPTIONS
    ) -> list[int]:
        """The story numbers, newest first, that the item cap left out of a digest of this window (the
        stories :meth:`left_out` counts) for a chat whose digest is one per forum topic, each of the
        codes in ``topics`` (one entry for a chat without topics): those of a topic's window that
        :meth:`select` does not keep for it, less any another topic's digest kept."""
        window: set[int] = set()
        kept: set[int] = set()
        for codes in topics:
            lists = [self.by_code[c] for c in dict.fromkeys(codes) if c in self.by_code]
            ranks = {r for ranks in lists for r in ranks if since is None or self.ingested[r] > since}
            if options.include or options.exclude:
                ranks = set(self.keyword_index().keep(sorted(ranks), options.include, options.exclude))
            window |= ranks
            kept.update(self.select(codes, since, options))
        return sorted(window - kept)

    def more_layout(
        self, ranks: Sequence[int], codes: Sequence[str], lang: str, options: DigestOptions, left: int
    ) -> list[list[int]]:
        """The messages of the stories ``ranks`` (newest first) of a chat of ``codes``, laid out as a
        digest lays them out (region groups, item format, message size), closed, when ``left`` stories
        are still left out after them, by the line saying so (``more_left``)."""
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        if not ranks:
            return []
        parts = self._assemble(self._regions(list(ranks), codes), lang, options.headlines, False)
        if left > 0:
            last = parts.pop()
            length = sum(map(self._lengths.__getitem__, last))
            text = _esc(catalogue(lang, "more_left", readers=_readers(options), count=left))
            text = f"{RLM}{text}" if lang == "ar" else text
            line = self._fragment(f"\n\n<i>{text}</i>")
            if length + line[1] > MESSAGE_LIMIT:
                last, length = self._next_message(parts, last, lang)
            last.append(line[0])
            parts.append(last)
        return parts

    def _pick(
        self, codes: Sequence[str], since: str | None, cap: int
    ) -> tuple[list[int], dict[str, list[int]] | None, bool]:
        """The story numbers :meth:`select` gives without keyword filters, their region groups (see
        :meth:`_regions`) when no story carries two of ``codes`` (None otherwise), and whether each
        group is its region's newest stories (the window holds every story of the book)."""
        codes = list(dict.fromkeys(codes))  # a region given twice is one region
        by_code = self.by_code
        # The first ``cap`` stories of several regions are among the first ``cap`` of each (every
        # list is in rank order): a digest reads about that many, not all the stories of its regions.
        newest = since is None or since < self._oldest
        if newest:
            heads = [(c, by_code[c][:cap]) for c in codes if c in by_code]
        else:
            ingested = self.ingested
            heads = [
                (c, list(itertools.islice((r for r in by_code[c] if ingested[r] > since), cap)))
                for c in codes
                if c in by_code
            ]
        if len(heads) < 2:
            if not heads:
                return [], None, False
            code, head = heads[0]
            return head, {code: head} if head else None, newest
        lists = [head for _, head in heads]
        if not self._disjoint(codes) and len(set().union(*lists)) < sum(len(head) for head in lists):
            return fair_pick(lists, cap), None, False
        # No story is in two heads: each region's group is its newest stories up to its share of the
        # cap (see nashra.digest.share), and the groups come in the order of their newest story.
        groups = [(c, head[:n]) for (c, head), n in zip(heads, fair_shares(lists, cap), strict=True)]
        ranks = sorted(rank for _, members in groups for rank in members)
        if not ranks:
            return ranks, None, False
        groups.sort(key=_first_member)
        return ranks, {c: members for c, members in groups if members}, newest

    def _heads_for(self, cap: int) -> dict[str, _Head]:
        """Each code's :data:`_Head` for an item cap ``cap`` (made once per cap: a cycle has one or two)."""
        heads = self._heads.get(cap)
        if heads is None:
            sharing = self._sharing
            heads = self._heads[cap] = {
                code: (ranks[0], code, ranks, frozenset(sharing.get(code, ())), (code, min(len(ranks), cap)))
                for code, ranks in self.by_code.items()
            }
        return heads

    def _newest_layout(
        self, codes: Sequence[str], lang: str, headlines: bool, cap: int, channel: bool = False
    ) -> list[list[int]] | None:
        """The layout of a window holding every story of the book with a ``cap`` above 0 (nearly every
        edition of a scheduled cycle), None where a story of the book carries two of ``codes`` (the
        general pick decides then).

        The region groups :meth:`_pick` gives, found with fewer steps and never built: a region's group
        is its newest stories, so the groups come in the order of each region's newest story and each is
        its region's first ``cap`` when the regions' first ``cap`` stories together are not more than
        ``cap``; only otherwise are they merged to find the last story kept. A region given twice counts
        twice there, as in :meth:`_pick`, and is one group. Each group's block is looked up by (code, how
        many stories) and placed as :meth:`_assemble` places it: the same fragments in the same messages.
        ``channel``: closed as a channel's digest (:class:`DigestOptions`).
        """
        heads = self._heads.get(cap) or self._heads_for(cap)
        found: dict[str, _Head] = {}  # a region given twice is one group
        stories = reach = 0  # the stories of the regions found, and of their first ``cap`` each
        for code in codes:
            head = heads.get(code)
            if head is not None and code not in found:
                if not head[3].isdisjoint(codes):  # never holds the code itself: a region alone passes
                    return None
                found[code] = head
                stories += len(head[2])
                reach += head[4][1]
        if not found:
            return []
        # No story carries two of the codes: no two regions have the same newest story, and the groups
        # come in the order of each region's newest story.
        ordered = sorted(found.values()) if len(found) > 1 else list(found.values())
        keys = [head[4] for head in ordered]
        if reach > cap:
            # Each region's share of the cap (nashra.digest.share): a share depends on the regions'
            # stories, not on their order; a region whose share is none has no group.
            shares = fair_shares([head[2][:cap] for head in ordered], cap)
            keys = [(key[0], n) for key, n in zip(keys, shares, strict=True) if n]
        parts: list[list[int]] = []
        titles = self._titles.get(lang)
        title, length = titles[0] if titles else self._title(1, lang)
        current = [title]
        table = self._newest_blocks.get((lang, headlines)) or self._newest_table(lang, headlines)
        by_code = self.by_code
        for key in keys:
            block = table.get(key)
            if block is None or block.whole:
                block = self._block(key[0], by_code[key[0]][: key[1]], lang, headlines, True)
            # _place's first case inline (a call per block was a tenth of a layout's time).
            if block.fragments is not None and length + block.length <= MESSAGE_LIMIT:
                current += block.fragments
                length += block.length
            else:
                current, length = self._place(block, parts, current, length, lang, headlines)
        # Every story of each region is in the window and none in two: the cap leaves out the rest.
        if stories > cap:
            current, length = self._left_out_line(parts, current, length, stories - cap, lang, cap, channel)
        parts.append(current)
        return parts

    def _disjoint(self, codes: Sequence[str]) -> bool:
        """Whether no story of the book carries two of ``codes``."""
        sharing = self._sharing
        for code in codes:
            shared = sharing.get(code)
            if shared is not None and not shared.isdisjoint(codes):
                return False
        return True

    def seen(self, codes: Sequence[str], history: History | None) -> frozenset[int]:
        """The revisions (their :attr:`Revision.index`) a chat of ``codes`` and ``history`` (None: it
        never had a digest) was sent an earlier version of."""
        if history is None or not self.revisions:
            return frozenset()
        return frozenset(r.index for r in self.revisions if history.saw(codes, r))

    def view(self, seen: frozenset[int]) -> DigestBook:
        """The book as chats sent an earlier version of the revisions ``seen`` read it (itself when none):
        those revisions that show a change are marked as updated and shown under the earlier version's
        regions too (what they were told changed); those that changed only their regions are left out
        (nothing new to them). Every other revision is as in this book. Views share this book's
        fragments (their numbers and stored ids), so messages of any view are stored and referenced
        alike; each is built once per cycle (a handful: revisions are few)."""
        if not seen:
            return self
        view = self._views.get(seen)
        if view is None:
            revisions = {r.index: r for r in self.revisions}
            inputs: list[SectionInput] = []
            for n, section in enumerate(self._inputs):
                revision = revisions.get(n)
                if revision is None:
                    inputs.append(section)
                elif revision.index in seen:
                    if revision.shows_change:
                        codes = tuple(dict.fromkeys([*section.codes, *(c for c, _ in revision.earlier)]))
                        inputs.append(replace(section, revised=True, codes=codes))
                elif not revision.stale:
                    inputs.append(section)
            view = DigestBook(
                collapse_stories(inputs),
                date=self.date,
                max_items=self.max_items,
                timezone=self.zone.key,
                titles=self.titles,
            )
            view.fragments, view._lengths, view._stored = self.fragments, self._lengths, self._stored
            self._views[seen] = view
        return view

    def layout(
        self,
        codes: Sequence[str],
        since: str | None,
        lang: str,
        options: DigestOptions = DEFAULT_OPTIONS,
        history: History | None = None,
    ) -> list[list[int]]:
        """One subscriber's digest as messages of fragment numbers; [] when nothing is new for it.
        ``history`` (see :class:`History`) decides which revised stories it gets as updates.

        The layout is kept for the next subscriber who asks the same (until :meth:`forget`).
        """
        book = self if history is None or not self.revisions else self.view(self.seen(codes, history))
        if book is not self:
            return book.layout(codes, since, lang, options)
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        key = (tuple(codes), since, lang, options)
        cached = self._memo.get(key)
        if cached is None:
            cached = self._memo[key] = self.layout_once(codes, since, lang, options)
        return cached

    def layout_once(
        self,
        codes: Sequence[str],
        since: str | None,
        lang: str,
        options: DigestOptions = DEFAULT_OPTIONS,
        history: History | None = None,
    ) -> list[list[int]]:
        """:meth:`layout` without keeping the result, for a caller that keeps its layouts itself (the
        editions of a cycle keep theirs in SQLite): kept here too, they would be held twice, and the
        garbage collector walks every kept layout on each full collection."""
        book = self if history is None or not self.revisions else self.view(self.seen(codes, history))
        if book is not self:
            return book.layout_once(codes, since, lang, options)
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        headlines = options.headlines
        if options.include or options.exclude:
            ranks = self.select(codes, since, options)
            laid = self._assemble(self._regions(ranks, codes), lang, headlines, False) if ranks else []
            return self.close(laid, codes, since, lang, options)
        cap = self.max_items if options.max_items is None else min(self.max_items, options.max_items)
        if cap > 0 and (since is None or since < self._oldest):
            # Nearly every digest of a scheduled cycle: its window holds every story of the book (the
            # layout closes itself, with the count of what the cap left out it knows already).
            newest = self._newest_layout(codes, lang, headlines, cap, options.channel)
            if newest is not None:
                return newest
        ranks, groups, newest_groups = self._pick(codes, since, cap)
        if not ranks:
            return []
        laid = self._assemble(
            self._regions(ranks, codes) if groups is None else groups, lang, headlines, newest_groups
        )
        return self.close(laid, codes, since, lang, options)

    def close(
        self,
        parts: list[list[int]],
        codes: Sequence[str],
        since: str | None,
        lang: str,
        options: DigestOptions = DEFAULT_OPTIONS,
    ) -> list[list[int]]:
        """``parts``, a digest's messages, closed by the line saying how many stories of the chat's
        regions the item cap left out (``digest_left_out``; see :meth:`left_out`), after the last item
        or, where it does not fit there, in a message of its own; ``parts`` as they are when the cap
        left nothing out. Those stories are not carried to the next digest (its window starts after
        them): the line points to /more, which sends them (:mod:`nashra.digest.more`)."""
        if not parts:
            return parts
        count = self.left_out(codes, since, options)
        if not count:
            return parts
        cap = self.max_items if options.max_items is None else min(self.max_items, options.max_items)
        last = parts.pop()
        length = sum(map(self._lengths.__getitem__, last))
        current, _ = self._left_out_line(parts, last, length, count, lang, cap, options.channel)
        parts.append(current)
        return parts

    def _left_out_line(
        self,
        parts: list[list[int]],
        current: list[int],
        length: int,
        count: int,
        lang: str,
        cap: int,
        channel: bool = False,
    ) -> tuple[list[int], int]:
        """Place the line saying ``count`` stories were left out by the item cap ``cap`` after ``current``
        (of visible length ``length``), or in a new message when it does not fit; the message left open
        and its length. The line says that /more (or the button under it) sends them (the next window
        starts after them) and, where the chat chose a cap below ``max_items_per_digest`` (/format),
        how to raise it; in a ``channel``, that its admins post them there (it has no button)."""
        key = ("left_out", lang, count, cap, channel)
        line = self._parts.get(key)
        if line is None:
            readers: Readers = "channel" if channel else "private"
            text = _esc(catalogue(lang, "digest_left_out", readers=readers, count=count, cap=cap))
            if cap < self.max_items:
                text += " " + _esc(catalogue(lang, "digest_left_out_more", readers=readers))
            text = f"{RLM}{text}" if lang == "ar" else text  # as every Arabic line of the digest opens
            line = self._parts[key] = self._fragment(f"\n\n<i>{text}</i>")
        if length + line[1] > MESSAGE_LIMIT:
            current, length = self._next_message(parts, current, lang)
        current.append(line[0])
        return current, length + line[1]

    def compose(
        self,
        codes: Sequence[str],
        since: str | None,
        lang: str,
        options: DigestOptions = DEFAULT_OPTIONS,
        history: History | None = None,
    ) -> list[str]:
        """The HTML messages of one subscriber's digest; [] when nothing is new for its regions."""
        return [self.text(part) for part in self.layout(codes, since, lang, options, history)]

    def _units(self, ranks: list[int], code: str) -> list[list[Shown]]:
        """The items under one region header: stories shown through a section tagged ``code``, the
        sections of one (titled) article together, in the order of their first story."""
        units: list[list[Shown]] = []
        by_article: dict[int, list[Shown]] = {}
        shown = self._shown
        for rank in ranks:
            pair, article = shown[rank].get(code) or ((rank, 0), None)
            if article is None:
                units.append([pair])
                continue
            unit = by_article.get(article)
            if unit is None:
                unit = by_article[article] = [pair]
                units.append(unit)
            else:
                unit.append(pair)
        return units

    def _block(self, code: str, members: list[int], lang: str, headlines: bool, newest: bool) -> _Block:
        """The units of one region's stories (``members``, in rank order) and their one-message form;
        ``newest`` says ``members`` are the region's newest stories (a block looked up by their number)."""
        blocks: dict[tuple[str, int], _Block] | dict[tuple[str, tuple[int, ...], str, bool], _Block]
        if newest:
            blocks, key = self._newest_table(lang, headlines), (code, len(members))
        else:
            blocks, key = self._blocks, (code, tuple(members), lang, headlines)
        block = blocks.get(key)
        if block is not None and block.whole:
            # Used again: from now on one fragment (the first user lists its items; same text).
            whole = self._newest(code, len(members), lang, headlines, block.fragments or [])
            block = blocks[key] = replace(block, fragments=[whole], whole=False)
        if block is None:
            units = self._units(members, code)
            header = self._header(code, lang)
            fragments: list[int] | None = None
            length = 0
            items: list[int] = []
            ends: list[int] = []
            whole = False
            if all(len(unit) == 1 for unit in units):
                parts = [self._item(unit[0], lang, headlines, n > 0) for n, unit in enumerate(units)]
                items = [number for number, _ in parts]
                ends = [0, *itertools.accumulate(size for _, size in parts)]
                length = header[1] + ends[-1]
                fragments = [header[0], *items]
                # A block longer than a message is always split: it is never placed whole.
                if length <= MESSAGE_LIMIT and members == self.by_code.get(code, [])[: len(members)]:
                    made = self._parts.get(("newest", code, len(members), lang, headlines))
                    whole = made is None
                    fragments = fragments if made is None else [made[0]]
            bare: list[tuple[int, int] | None] = [None] * len(items)
            block = _Block(header, units, fragments, length, items, ends, bare, whole)
            blocks[key] = block
        return block

    def _newest_table(self, lang: str, headlines: bool) -> dict[tuple[str, int], _Block]:
        """The blocks of regions' newest stories in ``lang`` and format, by (code, how many stories)."""
        table = self._newest_blocks.get((lang, headlines))
        if table is None:
            table = self._newest_blocks[(lang, headlines)] = {}
        return table

    def _newest(self, code: str, n: int, lang: str, headlines: bool, fragments: list[int]) -> int:
        """One fragment for a block of a region's ``n`` newest stories (its header and items, given as
        ``fragments``): a message that holds the block lists one number instead of one per item.

        Only the newest stories make one (what nearly every subscriber of a scheduled cycle reads), so
        there are at most as many as the book's stories per language and format, whatever the keyword
        filters and windows of the audience; the others list their items. A block makes one when a
        second digest uses it: one read by a single subscriber would store its items' text twice (60 %
        more fragment text per cycle for an audience of a few hundred chats).
        """
        key = ("newest", code, n, lang, headlines)
        part = self._parts.get(key)
        if part is None:
            # Whole fragments concatenated: tags and entities never span two, so the visible length
            # is the sum of theirs (measuring a few kilobytes again would cost more than the rest).
            markup = "".join([self.fragments[i] for i in fragments])
            part = self._parts[key] = self._fragment(markup, sum([self._lengths[i] for i in fragments]))
        return part[0]

    def _regions(self, ranks: list[int], codes: Sequence[str]) -> dict[str, list[int]]:
        """The stories ``ranks`` by region group, groups in the order of their newest story. A story
        carrying several subscribed regions is shown under the one it is most about
        (:meth:`_main_region`)."""
        if len(codes) == 1:
            return {codes[0]: ranks}
        groups: dict[str, list[int]] = {}
        order = sorted(dict.fromkeys(codes), key=lambda c: (-c.count("-"), c))
        story_codes = self.codes
        for rank in ranks:
            carried = story_codes[rank]
            found = [code for code in order if code in carried]
            if found:
                code = found[0] if len(found) == 1 else self._main_region(rank, found)
                groups.setdefault(code, []).append(rank)
        return groups

    def _main_region(self, rank: int, found: Sequence[str]) -> str:
        """Of the subscribed regions ``found`` that story ``rank`` carries, the one it is most about:
        the one of the country whose places the story names most (Aleppo's story tagged SY, SY-HL and
        LB, where Lebanon is named in passing, is Syria's, also beside Beirut: LB-BA); within a
        country, the most specific (a governorate before its country); then the one more of its
        sections carry; then the code, so that every chat of the same regions gets the same grouping."""
        carried = self.codes[rank]
        sections = self.stories[rank].sections

        def weight(code: str) -> tuple[int, int, int, str]:
            country = code.split("-", 1)[0]
            inside = country + "-"
            named = sum(1 for c in carried if c == country or c.startswith(inside))
            telling = sum(1 for section in sections if code in section.codes)
            return (-named, -code.count("-"), -telling, code)

        return min(found, key=weight)

    def _assemble(
        self, groups: dict[str, list[int]], lang: str, headlines: bool, newest: bool
    ) -> list[list[int]]:
        """The messages of a digest of region ``groups`` (code: story ranks, in the order shown);
        ``newest`` says each group is its region's newest stories (see :meth:`_block`)."""
        # Every message starts with its title; each region's block follows (see _place).
        parts: list[list[int]] = []
        titles = self._titles.get(lang)
        title, length = titles[0] if titles else self._title(1, lang)
        current = [title]
        table = None  # the blocks of regions' newest stories, looked up here without a call per region
        if newest:
            table = self._newest_blocks.get((lang, headlines)) or self._newest_table(lang, headlines)
        for code, members in groups.items():
            block = table.get((code, len(members))) if table is not None else None
            if block is None or block.whole:
                block = self._block(code, members, lang, headlines, newest)
            current, length = self._place(block, parts, current, length, lang, headlines)
        parts.append(current)
        return parts

    def _place(
        self,
        block: _Block,
        parts: list[list[int]],
        current: list[int],
        length: int,
        lang: str,
        headlines: bool,
    ) -> tuple[list[int], int]:
        """Place one region's block after ``current`` (of visible length ``length``): whole when it
        fits in the message (what nearly every region of a scheduled cycle's digests does), otherwise
        item by item (:meth:`_place_items`) or unit by unit (:meth:`_place_units`), starting new
        messages. The message left open and its length."""
        if block.fragments is not None and length + block.length <= MESSAGE_LIMIT:
            current += block.fragments
            return current, length + block.length
        if block.items:
            return self._place_items(block, parts, current, length, lang, headlines)
        return self._place_units(block, parts, current, length, lang, headlines)

    def _next_message(self, parts: list[list[int]], current: list[int], lang: str) -> tuple[list[int], int]:
        """Close ``current`` (appended to ``parts``); the next message (its title) and its length."""
        parts.append(current)
        titles, n = self._titles[lang], len(parts)
        number, length = titles[n] if n < len(titles) else self._title(n + 1, lang)
        return [number], length

    def _place_items(
        self,
        block: _Block,
        parts: list[list[int]],
        current: list[int],
        length: int,
        lang: str,
        headlines: bool,
    ) -> tuple[list[int], int]:
        """Place a block of single stories that does not fit whole in ``current`` (of visible length
        ``length``): the header with the next item (without its blank line), then as many items as fit,
        then a new message, until the block is placed. The message left open and its length."""
        header, header_len = block.header
        items, ends, units, bare = block.items, block.ends, block.units, block.bare
        i, n = 0, len(items)
        while i < n:
            if i:
                item = bare[i]
                if item is None:
                    item = bare[i] = self._item(units[i][0], lang, headlines, False)
            else:
                item = (items[0], ends[1])
            if length + header_len + item[1] > MESSAGE_LIMIT and len(current) > 1:
                current, length = self._next_message(parts, current, lang)
            current += (header, item[0])
            length += header_len + item[1]
            i += 1
            fit = bisect.bisect_right(ends, ends[i] + MESSAGE_LIMIT - length, i, n + 1) - 1
            if fit > i:
                current += items[i:fit]
                length += ends[fit] - ends[i]
                i = fit
            if i < n:
                current, length = self._next_message(parts, current, lang)
        return current, length

    def _place_units(
        self,
        block: _Block,
        parts: list[list[int]],
        current: list[int],
        length: int,
        lang: str,
        headlines: bool,
    ) -> tuple[list[int], int]:
        """Place a block holding an article's group (several sections under its title) unit by unit:
        the region's header opens the block and every message it continues in; a group longer than
        what is left continues in the next message under its title again. The message left open and
        its length; a block placed in one message keeps what it placed (see :class:`_Block`)."""
        header, header_len = block.header
        header_pending = True
        opened, start, start_length = current, len(current), length
        for unit in block.units:
            if len(unit) == 1:
                pair = unit[0]
                if not header_pending:
                    item = self._item(pair, lang, headlines, True)
                    if length + item[1] <= MESSAGE_LIMIT:
                        current.append(item[0])
                        length += item[1]
                        continue
                    current, length = self._next_message(parts, current, lang)
                item = self._item(pair, lang, headlines, False)
                if length + header_len + item[1] > MESSAGE_LIMIT and len(current) > 1:
                    current, length = self._next_message(parts, current, lang)
                current += (header, item[0])
                length += header_len + item[1]
                header_pending = False
                continue
            lines = [m for m in (self._group_member(s, headlines) for s in unit) if m is not None]
            foot = self._group_foot(unit, lang)
            foot_len = foot[1] if foot else 0
            body = sum(m[1] for m in lines) + foot_len
            head_bare = self._group_head(unit[0], lang, spaced=False, continued=False)
            head_spaced = self._group_head(unit[0], lang, spaced=True, continued=False)
            need = (header_len + head_bare[1] if header_pending else head_spaced[1]) + body
            if length + need > MESSAGE_LIMIT and len(current) > 1:
                current, length = self._next_message(parts, current, lang)
                header_pending = True
            head = head_bare if header_pending else head_spaced
            if header_pending:
                current.append(header)
                length += header_len
                header_pending = False
            current.append(head[0])
            length += head[1]
            for line in lines:
                if length + line[1] + foot_len > MESSAGE_LIMIT:
                    if foot:
                        current.append(foot[0])
                        length += foot[1]
                    current, length = self._next_message(parts, current, lang)
                    more = self._group_head(unit[0], lang, spaced=False, continued=True)
                    current += (header, more[0])
                    length += header_len + more[1]
                current.append(line[0])
                length += line[1]
            if foot:
                current.append(foot[0])
                length += foot[1]
        if current is opened:
            block.fragments, block.length = current[start:], length - start_length
        return current, length
