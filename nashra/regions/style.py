"""Which names in a text say nothing of which kingdom a bare «المملكة» ("the Kingdom") is.

A Saudi paper writes «المملكة» for Saudi Arabia and names other kingdoms beside it; the matcher takes the
style for the one kingdom the section (else the article) names (``Matcher.by_style``), so a name that is
set beside the Kingdom, or that only says where a person comes from, must not count. Two kinds, read from
closed classes of Arabic words:

* **Set apart** from the Kingdom: a kingdom named as the other end of a movement or a link («من الأردن إلى
  المملكة», «من المملكة إلى البحرين», «بين المملكة والبحرين», «جسر … بين البحرين والمملكة») or listed
  with it («قطر وإندونيسيا والمملكة وماليزيا», «المغرب، الإمارات، المملكة»), or a community's nationality
  («الجالية البحرينية بالمملكة»: a community lives away from its own country): the Kingdom is another
  kingdom than that one, which is then no candidate for it in the section.
* **A person's nationality**: a nationality adjective right after a word for a person or a group of
  people («اللاعب الأردني», «المواطنين الأردنيين», «الأشقاء السوريين», «من الجنسية
  المغربية»): it says where the person is from, not where the Kingdom is. Such a name does not count as
  the section's or the article's naming of that kingdom (it may still be the Kingdom where the text
  names it otherwise).

Positions are word indices of the matcher's scan (``Scan.tokens``, normalized words).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nashra.arabic import clitic_stems, normalize
from nashra.regions.context import TITLES


def _words(*words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


# Words for people whose nationality follows them: the titles of context.TITLES and groups of people.
PERSON_NOUNS = TITLES | _words(
    "الجنسية",
    "الجنسيات",
    "المواطن",
    "المواطنين",
    "المواطنون",
    "المقيم",
    "المقيمين",
    "المقيمون",
    "الوافد",
    "الوافدين",
    "الوافدون",
    "العمالة",
    "العامل",
    "العاملة",
    "العمال",
    "الرعايا",
    "اللاعبين",
    "اللاعبون",
    "المحترف",
    "المحترفين",
    "الأشقاء",
    "الأخوة",
    "الإخوة",
    "الشقيق",
    "الحجاج",
    "الحاج",
    "المعتمرين",
    "الزوار",
    "السياح",
    "السائح",
    "الطلاب",
    "الطلبة",
    "المبتعثين",
    "المبتعث",
    "الشاب",
    "الشابة",
    "الرجل",
    "المرأة",
    "الفتاة",
    "الوفد",
    "الحكم",
    "النجم",
    "المهاجم",
    "المدافع",
    "الحارس",
    "الدولي",
    "الداعية",
)

# The kinds of names that say nothing of which kingdom a bare style is (see the module doc).
APART = "apart"
NATIONAL = "national"

# A community abroad: its nationality is the country it left, not the one it lives in.
COMMUNITY_NOUNS = _words("الجالية", "الجاليات", "جالية", "جاليات")

# «من X إلى Y»: the two ends of a movement.
_FROM = _words("من")
_TO = _words("إلى", "الى", "نحو", "حتى")
# «بين X و Y»: the two ends of a link.
_BETWEEN = _words("بين")
_LIST_SEPARATORS = frozenset("،,")
# How many words an end of a movement or link may span («من العاصمة الأردنية عمان إلى المملكة»).
_END_WORDS = 4


@dataclass(frozen=True, slots=True)
class Named:
    """A name found, as these rules see it: its first and past-the-end word, and whether every sense of
    it is a nationality adjective."""

    start: int
    end: int
    adjective: bool


def _stems(token: str) -> set[str]:
    return set(clitic_stems(token))


def _joined(tokens: Sequence[str], gaps: Sequence[str], j: int) -> bool:
    """Whether word ``j`` is a list item joined to the word before it: a list comma, or و written on it."""
    return any(ch in _LIST_SEPARATORS for ch in gaps[j]) or (tokens[j].startswith("و") and len(tokens[j]) > 3)


def _clause_break(gap: str) -> bool:
    return any(ch in ".؛;:!؟?\n" for ch in gap)


def set_apart(
    tokens: Sequence[str], gaps: Sequence[str], names: Sequence[Named], is_style: Callable[[str], bool]
) -> set[int]:
    """Word indices where a name starts that the text sets apart from a bare style (see the module doc).

    ``gaps[j]`` is the text between ``tokens[j - 1]`` and ``tokens[j]``; ``is_style(token)`` tells a
    bare style's word (with its clitics).
    """
    starts = {n.start: n for n in names}
    # A style word that starts a name is the name («المملكة العربية السعودية»), no bare style.
    styles = [j for j, token in enumerate(tokens) if j not in starts and is_style(token)]
    if not styles:
        return set()
    ends = {n.end: n for n in names}
    apart: set[int] = set()

    def span_words(first: int, last: int) -> None:
        # The names starting within words first..last (inclusive), the end of a movement or link.
        apart.update(j for j in range(first, last + 1) if j in starts)

    n = len(tokens)
    for j in styles:
        previous = _stems(tokens[j - 1]) if j else set()
        # «من X إلى المملكة» / «بين X والمملكة»: look back for من or بين in the clause.
        if previous & _TO or tokens[j].startswith("و"):
            opener = _FROM if previous & _TO else _BETWEEN
            for k in range(j - 2, max(-1, j - 2 - _END_WORDS - 1), -1):
                if _clause_break(gaps[k + 1]):
                    break
                if _stems(tokens[k]) & opener:
                    span_words(k + 1, j - 1)
                    break
        # «من المملكة إلى X» / «بين المملكة و X»: look ahead for إلى or و.
        if previous & (_FROM | _BETWEEN):
            closer_to = bool(previous & _FROM)
            for k in range(j + 1, min(n, j + 1 + _END_WORDS)):
                if _clause_break(gaps[k]):
                    break
                if closer_to and _stems(tokens[k]) & _TO:
                    span_words(k + 1, min(n - 1, k + _END_WORDS))
                    break
                if not closer_to and tokens[k].startswith("و"):
                    span_words(k, min(n - 1, k + _END_WORDS - 1))
                    break
        # A list: the items joined to the style on either side, name by name.
        k = j
        while _joined(tokens, gaps, k) and k in ends:
            item = ends[k]
            apart.add(item.start)
            k = item.start
        k = j + 1
        while k < n and _joined(tokens, gaps, k) and k in starts:
            apart.add(k)
            k = starts[k].end
    apart.update(
        n.start for n in names if n.adjective and n.start and _stems(tokens[n.start - 1]) & COMMUNITY_NOUNS
    )
    return apart


def nationalities(tokens: Sequence[str], names: Sequence[Named]) -> set[int]:
    """Word indices where a nationality adjective of a person or group starts («اللاعب الأردني»)."""
    return {n.start for n in names if n.adjective and n.start and _stems(tokens[n.start - 1]) & PERSON_NOUNS}
