"""Tag Arabic text with the regions it speaks of.

Finding names is a scan over the normalized words: each word (or a reading of it with its proclitics
removed) is looked up in the gazetteer's first-word index and the longest name that continues in the
following words wins. Finding the *right* region is a second step: names that are ordinary words need a
word such as مدينة before them or their region named nearby, and names shared by several regions
(طرابلس, عمان, الطيبة) are settled by the regions named unambiguously in the same section, then in the
whole article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nashra.arabic import clitic_stems, normalize
from nashra.regions.gazetteer import ADJECTIVE, COUNTRY, PLACE, SUBDIVISION, Gazetteer, Sense, gazetteer

_TOKEN = re.compile(r"[^\W_]+")
_LIST_SEPARATORS = frozenset("،,")
_PROCLITICS = frozenset("وفبلك")
# Distinct words whose readings are remembered; news vocabulary stays well below this.
_CACHE_LIMIT = 300_000

# Words that announce a place name right after them: "مدينة X", "بريف X", "قرية X".
TRIGGERS: frozenset[str] = frozenset(
    normalize(w)
    for w in (
        "مدينة",
        "مدينتي",
        "مدن",
        "بلدة",
        "بلدتي",
        "بلدات",
        "قرية",
        "قريتي",
        "قرى",
        "ريف",
        "أرياف",
        "محافظة",
        "محافظتي",
        "محافظات",
        "منطقة",
        "منطقتي",
        "مناطق",
        "مخيم",
        "مخيمات",
        "حي",
        "الحي",
        "أحياء",
        "ناحية",
        "قضاء",
        "ولاية",
        "مديرية",
        "مديريات",
        "إقليم",
        "عاصمة",
        "بادية",
        "معبر",
        "مطار",
        "ميناء",
        "جبهة",
        "محور",
        "ضواحي",
        "أطراف",
        "مركز",
        "سهل",
        "جبل",
        "وادي",
        "مرفأ",
        "شاطئ",
        "جزيرة",
        "سكان",
        "أهالي",
    )
)

_RANK = {COUNTRY: 0, ADJECTIVE: 0, SUBDIVISION: 1, PLACE: 2}


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in the text: where it is, what it may mean, and whether the text marks it a place."""

    start: int
    end: int
    senses: tuple[Sense, ...]
    marked: bool

    def codes(self) -> set[str]:
        return {s.code for s in self.senses}


class Matcher:
    """Finds and resolves region names against one gazetteer; keeps a cache of word readings."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._readings: dict[str, tuple[tuple[str, bool], ...]] = {}
        self._triggers: dict[str, bool] = {}

    # -- finding names -------------------------------------------------------------------------------

    def readings(self, token: str) -> tuple[tuple[str, bool], ...]:
        """Readings of a normalized word that start an indexed name, the word itself first.

        Each comes with a flag: True when the reading may only start a multiword name.

        A reading that only drops the article (الرقة -> رقة) is refused: the gazetteer lists names with
        and without ال where both are used, and dropping it turns ordinary words into places.
        """
        cached = self._readings.get(token)
        if cached is not None:
            return cached
        if len(self._readings) > _CACHE_LIMIT:
            self._readings.clear()
        every: set[str] = set()
        index = self.gaz.index
        found: list[tuple[str, bool]] = []
        if any(token[k:] in index or "ال" + token[k:] in index for k in range(4)):
            stems = list(clitic_stems(token))
            every = set(stems)
            found = [(s, False) for s in stems if s in index and "ال" + s not in every]
            # Short words keep their clitics in clitic_stems (وتل); the first word of a multiword name
            # may still carry one (وتل أبيض, بتل تمر).
            for size in (1, 2):
                rest = token[size:]
                if (
                    len(rest) >= 2
                    and all(ch in _PROCLITICS for ch in token[:size])
                    and rest not in every
                    and any(entry.words for entry in index.get(rest, ()))
                ):
                    found.append((rest, True))
        self._readings[token] = tuple(found)
        return self._readings[token]

    def is_trigger(self, token: str) -> bool:
        cached = self._triggers.get(token)
        if cached is None:
            if len(self._triggers) > _CACHE_LIMIT:
                self._triggers.clear()
            cached = any(r in TRIGGERS for r in clitic_stems(token))
            self._triggers[token] = cached
        return cached

    def mentions(self, text: str) -> list[Mention]:
        """All names in a text, leftmost-longest, media outlets and other non-places removed."""
        norm = normalize(text)
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(norm)]
        tokens = [norm[a:b] for a, b in spans]
        linked = [False] + [not norm[spans[i - 1][1] : spans[i][0]].strip(" -") for i in range(1, len(spans))]
        index = self.gaz.index
        found: list[Mention] = []
        previous: Mention | None = None
        i = 0
        n = len(tokens)
        while i < n:
            match = None
            for reading, multiword_only in self.readings(tokens[i]):
                for entry in index[reading]:
                    k = len(entry.words)
                    if multiword_only and not k:
                        continue
                    if i + k < n and all(
                        linked[i + j + 1] and tokens[i + j + 1] == w for j, w in enumerate(entry.words)
                    ):
                        match = (entry, k, reading)
                        break
                if match:
                    break
            if match is None:
                i += 1
                continue
            entry, k, reading = match
            end = i + k + 1
            if not entry.is_blocker:
                marked = i > 0 and self.is_trigger(tokens[i - 1])
                if not marked and previous is not None and previous.end == i:
                    gap = norm[spans[i - 1][1] : spans[i][0]]
                    joined = any(ch in _LIST_SEPARATORS for ch in gap) or (
                        reading != tokens[i] and tokens[i].startswith("و")
                    )
                    marked = joined and (previous.marked or not any(s.needs_context for s in previous.senses))
                previous = Mention(i, end, entry.senses, marked)
                found.append(previous)
            i = end
        return found

    # -- resolving them ------------------------------------------------------------------------------

    def _country(self, code: str) -> str:
        return code.split("-", 1)[0]

    def _single(self, mention: Mention) -> str | None:
        """The one region a mention means without looking at context, if it means only one."""
        codes = mention.codes()
        if len(codes) == 1:
            return next(iter(codes))
        countries = [c for c in codes if "-" not in c]
        if len(countries) == 1 and all(self._country(c) == countries[0] for c in codes):
            return countries[0]
        return None

    def anchors(self, mentions: Iterable[Mention]) -> set[str]:
        """Regions (with ancestors) named unambiguously and plainly as places: the context for the rest."""
        codes: set[str] = set()
        for m in mentions:
            code = self._single(m)
            if code is not None and (m.marked or not any(s.needs_context for s in m.senses)):
                codes.add(code)
        return self.gaz.expand(codes)

    def resolve(self, mention: Mention, section: set[str], article: set[str]) -> str | None:
        """The region a mention means given the section's and the article's anchors, or None."""
        plainly_a_place = any(not s.needs_context for s in mention.senses)
        scored: dict[str, tuple[int, int, bool]] = {}
        for sense in mention.senses:
            code, country = sense.code, self._country(sense.code)
            if sense.needs_context and not mention.marked:
                nearby = code in section or code in article or country in section
                if not nearby and (plainly_a_place or sense.kind != PLACE):
                    nearby = country in article
                if not nearby:
                    continue
            score = (
                4 * (code in section)
                + 3 * (country in section)
                + 2 * (code in article)
                + (country in article)
            )
            rank = _RANK[sense.kind]
            best = scored.get(code)
            candidate = (score, rank, not sense.needs_context)
            if best is None or (score, candidate[2], -rank) > (best[0], best[2], -best[1]):
                scored[code] = candidate
        if not scored:
            return None
        top = max(s for s, _, _ in scored.values())
        tied = [c for c, (s, _, _) in scored.items() if s == top]
        if len(tied) == 1:
            return tied[0]
        for code in tied:
            if all(self._country(other) == code for other in tied):
                return code
        plain = [c for c in tied if scored[c][2]]
        if len(plain) == 1:
            return plain[0]
        best_rank = min(scored[c][1] for c in tied)
        by_rank = [c for c in tied if scored[c][1] == best_rank]
        if len(by_rank) == 1:
            return by_rank[0]
        countries = {self._country(c) for c in tied}
        return countries.pop() if len(countries) == 1 else None

    def tag_mentions(self, mentions: Sequence[Mention], article: set[str]) -> list[str]:
        section = self.anchors(mentions)
        context = section | article
        codes: set[str] = set()
        unresolved: list[Mention] = []
        for m in mentions:
            code = self.resolve(m, section, context)
            if code is None:
                unresolved.append(m)
            else:
                codes.add(code)
        settled = self.gaz.expand(codes) - section
        if unresolved and settled:
            # A shared name settled from context ("سلطان عمان" -> Oman) is itself context for a name
            # that only its region gives away ("مسقط", also "birthplace"): one more pass, no further.
            section |= settled
            context |= settled
            codes.update(c for m in unresolved if (c := self.resolve(m, section, context)) is not None)
        return sorted(self.gaz.expand(codes))


_matchers: dict[int, Matcher] = {}


def matcher(gaz: Gazetteer | None = None) -> Matcher:
    """The matcher of a gazetteer (the process-wide one by default), created once."""
    gaz = gaz or gazetteer()
    found = _matchers.get(id(gaz))
    if found is None or found.gaz is not gaz:
        found = _matchers[id(gaz)] = Matcher(gaz)
    return found


def tag_text(text: str, context: str | None = None) -> list[str]:
    """Region codes a text speaks of, sorted, countries of subdivisions included.

    ``context`` is the surrounding text (say, the whole article): it only helps settle ambiguous names
    and is never tagged itself.
    """
    m = matcher()
    article = m.anchors(m.mentions(context)) if context else set()
    return m.tag_mentions(m.mentions(text), article)


def tag_sections(title: str, sections: Sequence[tuple[str | None, str]]) -> list[list[str]]:
    """Region codes per section (heading + text), with the whole article as context.

    The title belongs to no section: it is context only.
    """
    m = matcher()
    per_section = [
        m.mentions(heading) + m.mentions(text) if heading else m.mentions(text) for heading, text in sections
    ]
    article = m.anchors(m.mentions(title))
    for mentions in per_section:
        article |= m.anchors(mentions)
    return [m.tag_mentions(mentions, article) for mentions in per_section]
