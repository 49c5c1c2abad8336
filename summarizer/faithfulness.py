"""The faithfulness guard: a model summary may only name places, numbers and people its section names.

Abstractive models invent: a date off by a year, the neighbouring city, a minister's predecessor. A
digest line that states a fact its article does not is worse than a plainer extractive line, so a
model summary that names anything below that its section (heading and text) does not contain is
dropped for the extractive summary (summarizer.service counts and logs each drop):

- a place: a name the gazetteer knows (nashra.regions), in a sense its context allows, that the
  section does not write (in any clitic form, with or without ال) and that is not a country or
  province the section's places lie in ("سوريا" for a section on دمشق passes; "حلب" or a town of
  the same province does not). A name the section writes passes whatever the matcher made of it in
  context ("وزارة الداخلية" is no Omani province, in the summary as in the section);
- a number: a run of digits (Arabic-Indic, Persian and Latin digits alike, decimals kept whole,
  thousands separators "," and "٬" dropped) that does not occur in the section;
- a person: a word in Latin letters the section lacks (names copied from wire copy: "Guterres"), or
  the name after a title (الرئيس، الوزير، الشيخ، …) whose words the section lacks in any clitic form.

Arabic names written without a title are not recognised (there is no Arabic named-entity model
here), nor are numbers written in words.
"""

from __future__ import annotations

import re

from nashra.arabic import clitic_stems, normalize, word_list
from nashra.regions.gazetteer import PLACE
from nashra.regions.matcher import matcher

# Words that introduce a person's name ("الرئيس عبد المجيد تبون"); normalized.
_TITLE_WORDS = (
    "الرئيس رئيس الوزير وزير وزيرة السيد السيدة الشيخ الأمير الأميرة الملك الملكة الدكتور الدكتورة "
    "د المتحدث الناطق الأمين الجنرال اللواء العميد العقيد المشير النائب النائبة السفير السفيرة "
    "المبعوث القاضي المستشار الإمام البابا المطران الحاخام المدرب اللاعب الفنان الفنانة الكاتب "
    "الكاتبة الشاعر المغني المغنية المخرج"
)
_TITLES = frozenset(normalize(word) for word in _TITLE_WORDS.split(" "))
# Words after a title that are not a name: particles, verbs of saying, relative words.
_NOT_NAME_WORDS = (
    "إن أن في من على عن إلى مع بعد قبل خلال الذي التي الذين إنه أنه إنها أنها قد لقد كان كانت "
    "يقول قال قالت أعلن أعلنت أكد أكدت أوضح أوضحت وأضاف أضاف أمس اليوم غدا"
)
_NOT_NAMES = frozenset(normalize(word) for word in _NOT_NAME_WORDS.split(" "))
_NUMBER = re.compile(r"\d+(?:[.,٫٬]\d+)*")
# A Latin word, with inner apostrophes or hyphens ("O'Brien", "Al-Sisi"), none at its edges ("Reuters'").
_LATIN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_NAME_WORDS = 2


def _numbers(text: str) -> set[str]:
    found = (
        m.group().replace(",", "").replace("٬", "").replace("٫", ".")
        for m in _NUMBER.finditer(normalize(text))
    )
    return set(found)


def _stems(text: str) -> set[str]:
    found: set[str] = set()
    for word in word_list(text):
        found.update(clitic_stems(word))
    return found


def _names_after_titles(words: list[str]) -> list[list[str]]:
    """The words of each name that follows a title: up to two words after the title and any definite
    adjectives ("الرئيس الأمريكي جو بايدن" -> ["جو", "بايدن"])."""
    names = []
    for i, word in enumerate(words):
        if not any(stem in _TITLES for stem in clitic_stems(word)):
            continue
        j = i + 1
        while j < len(words) and (words[j].startswith("ال") or words[j] in _TITLES):
            j += 1
        name = []
        while j < len(words) and len(name) < _NAME_WORDS:
            candidate = words[j]
            if candidate in _NOT_NAMES or candidate.startswith("ال") or candidate in _TITLES:
                break
            if _NUMBER.fullmatch(candidate):
                break
            name.append(candidate)
            j += 1
        if name:
            names.append(name)
    return names


def _places(summary: str, source: str, stems: set[str]) -> list[str]:
    """The places ``summary`` names that ``source`` (whose clitic stems are ``stems``) does not."""
    m = matcher()
    known: set[str] = set()
    for mention in m.mentions(source):
        known |= m.gaz.expand(mention.codes())
    absent = []
    for mention in m.mentions(summary):
        senses = [sense for sense in mention.senses if mention.allows(sense)]
        if not senses or _written_in(normalize(mention.name), stems):
            continue
        if any(sense.kind != PLACE and sense.code in known for sense in senses):
            continue  # the country or province of places the section names
        absent.append("/".join(sorted({sense.code for sense in senses})))
    return absent


def _written_in(name: str, stems: set[str]) -> bool:
    """Whether every word of ``name`` is, in some clitic reading, a word of the text of ``stems``."""
    return bool(name) and all(any(stem in stems for stem in clitic_stems(word)) for word in name.split())


def unsupported_names(summary: str, heading: str | None, text: str) -> list[str]:
    """What ``summary`` names that its section does not: "place SY-DI", "number 2025", "person X".

    Empty when the summary is faithful in these respects.
    """
    source = f"{heading or ''}\n{text}"
    absent = [f"number {n}" for n in sorted(_numbers(summary) - _numbers(source))]
    stems = _stems(source)
    absent += [f"place {codes}" for codes in _places(summary, source, stems)]
    latin = {w.casefold() for w in _LATIN.findall(source)}
    for word in dict.fromkeys(_LATIN.findall(summary)):
        if word.casefold() not in latin:
            absent.append(f"person {word}")
    for name in _names_after_titles(word_list(summary)):
        if not all(any(stem in stems for stem in clitic_stems(word)) for word in name):
            absent.append("person " + " ".join(name))
    return absent
