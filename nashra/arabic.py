"""Arabic text primitives shared by every stage: normalization, words, clitics, sentences.

Matching Arabic news text against names (regions, keywords, user input) only works when both sides are
folded the same way, so every comparison in Nashra goes through :func:`normalize`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

# Every mark written on an Arabic letter that does not change which letter it is: harakat, tanween,
# shadda, sukun, superscript (dagger) alef, hamza and madda written as marks, Quranic annotation marks,
# and the marks of the Arabic Extended-A and -B blocks (open tanween, small high letters). Unicode gives
# them all the general category Mn; a keyboard or a copied vocalized text may bring any of them.
MARKS = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
    "\u0898-\u089f\u08ca-\u08e1\u08e3-\u08ff"
)
_DIACRITICS = re.compile(f"[{MARKS}]")
_TATWEEL = "\u0640"
# Characters that show nothing inside a word: zero-width space and joiners, direction marks (the Arabic
# letter mark too), bidi embeddings and isolates, word joiner and invisible operators, the combining
# grapheme joiner, a byte-order mark, the soft hyphen. (Variation selectors stay: they follow emoji, not
# letters, and folding them away would change the content hash of stored texts that have emoji.)
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2060-\u2064\u061c\u034f\ufeff\u00ad]")
# Quotation marks, and the apostrophes of transliteration (Darʿa, Sanʿaʾ, Taʻizz) that stand for ع and ء.
_QUOTES = re.compile("[\"'«»“”„‟‘’‚‛`´\u02bb\u02bc\u02bd\u02be\u02bf]")

# Arabic-Indic (U+0660-0669) and Extended Arabic-Indic / Persian (U+06F0-06F9) digits to ASCII.
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_DIGIT_MAP = str.maketrans(_DIGITS)

_LETTER_MAP = str.maketrans(
    {
        **_DIGITS,
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ک": "ك",  # Persian kaf
        "ھ": "ه",  # Urdu and Persian heh forms (heh doachashmee, heh goal, with hamza above)
        "ہ": "ه",
        "ۀ": "ه",
        "ۂ": "ه",
        "ۃ": "ه",  # Urdu teh marbuta (an Urdu keyboard's ة)
        "ے": "ي",  # Urdu yeh barree and its hamza form, the final yeh of Urdu keyboards
        "ۓ": "ي",
        "ڤ": "ف",
        "ڨ": "ق",  # Maghrebi qaf (used for g)
    }
)

# A word: Arabic letters (with marks), Latin letters, digits. Everything else separates words.
_WORD = re.compile(f"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06fa-\u06ffA-Za-z0-9{MARKS}\u0640]+")

# Proclitics that attach to a noun, outermost first: conjunctions, then prepositions.
CONJUNCTIONS = ("و", "ف")
_CONJUNCTIONS = CONJUNCTIONS
_PREPOSITIONS = ("ب", "ل", "ك")


def fold_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits as ASCII digits, everything else unchanged.

    Users type times, counts and ids with whichever digits their keyboard gives (Arabic keyboards give
    ٠-٩, Persian and Urdu ones ۰-۹); every parser of user input folds them first.
    """
    return text.translate(_DIGIT_MAP)


def normalize(text: str) -> str:
    """Fold the spelling variation of Arabic (and case of Latin) text for comparison.

    Alef/hamza forms become ا, ى becomes ي, ة becomes ه, ؤ/ئ lose their hamza, diacritics, tatweel,
    invisible marks and quotation marks go, digits become ASCII, whitespace collapses.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = _QUOTES.sub("", text)
    text = text.translate(_LETTER_MAP).casefold()
    return " ".join(text.split())


_ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})


def strip_diacritics(text: str) -> str:
    """Text without harakat, tanween, shadda, sukun, Quranic marks and tatweel (letters untouched)."""
    return _DIACRITICS.sub("", text).replace(_TATWEEL, "")


# What a vowel mark says of its letter, by class: the short vowel or its absence (tanween and the open
# tanween of Extended-A as the vowel they carry, the Quranic small high dotless head of khah as sukun),
# gemination, and the hamza or madda written on an alef (أ إ آ decompose to ا + that mark).
_VOWEL_OF = {
    "\u064e": "a",
    "\u064b": "a",
    "\u08f0": "a",
    "\u064f": "u",
    "\u064c": "u",
    "\u08f1": "u",
    "\u0650": "i",
    "\u064d": "i",
    "\u08f2": "i",
    "\u0652": "-",
    "\u06e1": "-",
}
_SHADDA = "\u0651"
_HAMZA_OF = {"\u0654": "above", "\u0655": "below", "\u0653": "madda"}
_VOCALIZATION_MARKS = re.compile("[\u064b-\u0655\u06e1\u08f0-\u08f2]")


@dataclass(frozen=True, slots=True)
class Voweled:
    """One letter of a vocalized spelling: the letter as :func:`normalize` writes it, what its marks
    say (``vowel``: "a", "u", "i", "-" for sukun, "" for none written; ``hamza``: "above", "below",
    "madda" or ""), and whether it ends its word (where the case ending goes, which says nothing of
    the name)."""

    letter: str
    vowel: str = ""
    shadda: bool = False
    hamza: str = ""
    word_end: bool = False


def has_vocalization(text: str) -> bool:
    """Whether ``text`` carries a vowel mark, shadda, sukun, tanween, or a hamza or madda on a letter
    (أ إ آ count): anything :func:`marks_fit` can read."""
    return bool(_VOCALIZATION_MARKS.search(unicodedata.normalize("NFD", text)))


_VOWEL_MARKS = re.compile("[\u064b-\u0652\u06e1\u08f0-\u08f2]")


def has_vowel_marks(text: str) -> bool:
    """Whether ``text`` carries a vowel mark, shadda, sukun or tanween: marks a writer adds on purpose.
    Unlike :func:`has_vocalization`, a hamza or madda on an alef does not count: unvocalized news text
    writes them as spelling, and writers differ (Mauritania's Adrar is written «آدرار» and «أدرار»)."""
    return bool(_VOWEL_MARKS.search(text))


def voweled_letters(text: str) -> tuple[Voweled, ...]:
    """The letters of ``text`` with what their marks say, in order; tatweel, invisible characters and
    other marks are passed over, and anything that is not a letter ends a word."""
    out: list[Voweled] = []
    for ch in unicodedata.normalize("NFD", unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))):
        if ch == _TATWEEL:
            continue
        last = out[-1] if out and not out[-1].word_end else None
        if ch in _VOWEL_OF or ch == _SHADDA or ch in _HAMZA_OF:
            if last is not None:
                out[-1] = Voweled(
                    last.letter,
                    _VOWEL_OF.get(ch, last.vowel),
                    last.shadda or ch == _SHADDA,
                    _HAMZA_OF.get(ch, last.hamza),
                )
            continue
        if _DIACRITICS.match(ch):
            continue
        letter = normalize(ch) if ch.isalpha() else ""
        if len(letter) == 1:
            out.append(Voweled(letter))
        elif out and not out[-1].word_end:
            out[-1] = replace(out[-1], word_end=True)
    if out:
        out[-1] = replace(out[-1], word_end=True)
    return tuple(out)


def ends_doubled(word: str) -> bool:
    """Whether a written word's last letter carries a shadda, other than a nisba's ي («السعوديّ»).

    No Arab place or country name ends in a doubled letter, so a word written so is another word that
    the same letters spell: «مصرّ» "insistent" is not مصر, «حقّ» is not a name. Without the mark the two
    cannot be told apart; this says only what the mark shows."""
    if _SHADDA not in word:
        return False
    letters = voweled_letters(word)
    return bool(letters) and letters[-1].shadda and letters[-1].letter != "ي"


def marks_fit(typed: str, vocalized: str) -> bool:
    """Whether the marks written in ``typed`` (what a user wrote, perhaps with proclitics or the
    article: «بعَمّان») fit the fully vocalized spelling ``vocalized`` of a name («عَمَّان»).

    The name's letters are looked for in the typed letters (the rightmost place they stand; a name
    spelled with the article also without it); where they are not there, the marks say nothing
    against the name. On each letter but the last of each of
    the name's words (the case ending varies), a written vowel or sukun other than the name's, a shadda
    the name does not have, or a hamza or madda other than the name's, rule the name out. Leaving a
    mark out never does: users write only some («عمّان» for «عَمَّان»).
    """
    name = voweled_letters(vocalized)
    letters = voweled_letters(typed)
    if not name:
        return True
    written = "".join(v.letter for v in letters)
    at = written.rfind("".join(v.letter for v in name))
    if at < 0 and "".join(v.letter for v in name[:2]) == ARTICLE:
        # A name spelled with the article («الصُّوَيْرَة») typed without it («صُويرة»).
        name = name[2:]
        at = written.rfind("".join(v.letter for v in name))
    if at < 0 or not name:
        return True
    for wrote, spelled in zip(letters[at : at + len(name)], name, strict=True):
        if spelled.word_end:
            continue
        if wrote.vowel and spelled.vowel and wrote.vowel != spelled.vowel:
            return False
        if wrote.shadda and not spelled.shadda:
            return False
        if wrote.hamza and wrote.hamza != spelled.hamza:
            return False
    return True


def fold_alef(text: str) -> str:
    """Hamzated and wasla alef forms (أ إ آ ٱ) written as a bare alef; nothing else is folded."""
    return text.translate(_ALEF_FORMS)


def word_set(text: str) -> frozenset[str]:
    """Normalized forms of the space-separated words of ``text``; ``_`` joins a multi-word entry."""
    return frozenset(normalize(word.replace("_", " ")) for word in text.split())


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the original text with its position, so matches can point back into the text."""

    text: str
    start: int
    end: int

    @property
    def norm(self) -> str:
        return normalize(self.text)


def words(text: str) -> list[Word]:
    """Split text into words with their character offsets."""
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def word_list(text: str) -> list[str]:
    """The normalized words of a text."""
    return [w for w in (_normalized_word(m.group()) for m in _WORD.finditer(text)) if w]


@lru_cache(maxsize=16384)
def _normalized_word(word: str) -> str:
    return normalize(word)


def first_word(text: str) -> str:
    """The first normalized word of a text ("" when it has none), without normalizing the rest."""
    return next((w for w in (_normalized_word(m.group()) for m in _WORD.finditer(text)) if w), "")


def last_word(text: str) -> str:
    """The last normalized word of a text ("" when it has none), without normalizing the rest."""
    return next((w for w in (_normalized_word(raw) for raw in reversed(_WORD.findall(text))) if w), "")


ARTICLE = "ال"


def without_article(word: str) -> str | None:
    """A normalized word without its article ال (الانتخابات -> انتخابات, الرقه -> رقه), or None when it
    has none or fewer than three letters would remain (الم, الي are words of their own)."""
    if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 2:
        return word[len(ARTICLE) :]
    return None


@lru_cache(maxsize=16_384)
def clitic_stems(word: str) -> tuple[str, ...]:
    """The normalized word and each reading of it with attached proclitics removed, in that order.

    Handles و/ف, then ب/ل/ك, then the article ال, and ل + ال written لل (للرقة -> الرقة). The word
    itself comes first; callers that look names up try the readings in order. Stems shorter than two
    letters are not produced.

    Cached (16,384 words; with the matcher's cache of words read, 7 MB when both are full): the region
    matcher asks for the readings of each word of a text several times (what stands before a name,
    sports and office words), and news repeats its words.
    """
    word = normalize(word)
    out: list[str] = []

    def emit(candidate: str) -> None:
        if len(candidate) >= 2 and candidate not in out:
            out.append(candidate)

    emit(word)
    bases = [word]
    if word[:1] in _CONJUNCTIONS and len(word) > 3:
        bases.append(word[1:])
    for base in list(bases):
        if base[:1] in _PREPOSITIONS and len(base) > 3:
            if base.startswith("لل") and len(base) > 4:
                emit("ال" + base[2:])
            bases.append(base[1:])
    for base in bases:
        emit(base)
    for base in bases:
        bare = without_article(base)
        if bare is not None:
            emit(bare)
    return tuple(out)


# Sentence ends: . ! ? ؟ ؛ … and the Arabic full stop; a period between digits (2.5) is no end.
_SENTENCE_END = re.compile(r"(?:\.(?!\d)|(?<!\d)\.|[!?؟؛…۔])+[\"”»’)]*")
# A period right after a lone letter abbreviates a word: a title (د. for doctor, م. for engineer) or a
# dotted agency or era name (أ.ف.ب، د.ب.أ، ق.م). After a number, ه. and م. are the Hijri and Gregorian
# era marks that usually close a date, and so a sentence.
_LONE_LETTER_PERIOD = re.compile(r"(?:^|[\s(\[«\"/.-])([^\W\d_])\.$")
_ERA_AFTER_NUMBER = re.compile(r"\d\s*[هم]\.$")
# Parentheses longer than this are not held together (a stray "(" must not swallow a paragraph).
_MAX_PARENTHESIS = 80


def _is_sentence_end(line: str, start: int, match: re.Match[str]) -> bool:
    """Whether the punctuation ``match`` ends the sentence that began at ``start`` (see split_sentences)."""
    mark = match.group()
    if mark == "." or (mark.startswith(".") and not mark.startswith("..")):
        before = line[start : match.start() + 1]
        if _LONE_LETTER_PERIOD.search(before) and not _ERA_AFTER_NUMBER.search(before):
            return False
    opened = line.rfind("(", start, match.start())
    if opened >= 0 and line.rfind(")", opened, match.start()) < 0:
        if ")" in mark:  # "(4 ق.م - 65 م.)": the period belongs to the parenthesis it closes
            return False
        closing = line.find(")", match.end())
        if closing >= 0 and closing - opened <= _MAX_PARENTHESIS:
            return False
    return True


def split_sentences(text: str) -> list[str]:
    """Split Arabic text into sentences on . ! ? ؟ ؛ … and line breaks, keeping the punctuation.

    Not sentence ends: a period inside a number (2.5, 1.200), the period of a one-letter abbreviation
    (د. محمد، م. عادل، أ.ف.ب) unless it is an era mark after a number (1436 ه.), and any mark inside a
    short parenthesis ("(أ.ف.ب)", "(65 ق.م - 4 ق.م)").
    """
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _SENTENCE_END.finditer(line):
            if not _is_sentence_end(line, start, match):
                continue
            piece = line[start : match.end()].strip()
            if piece and any(ch.isalnum() for ch in piece):
                sentences.append(piece)
            elif piece and sentences:
                sentences[-1] += piece
            start = match.end()
        rest = line[start:].strip()
        if rest and any(ch.isalnum() for ch in rest):
            sentences.append(rest)
    return sentences


# The marks that end a sentence: full stops (Latin, and the Arabic full stop ۔ of Urdu and Persian
# typing), question and exclamation marks, the ellipsis. Every "does it end like a sentence" test in
# Nashra is made of these sets.
SENTENCE_ENDS = ".!?؟…۔"
QUESTION_MARKS = "?؟"
# Marks after which the sentence goes on: commas, semicolons (Latin and Arabic), the colon.
CLAUSE_MARKS = "،,؛;:"
# A sentence or paragraph ends with one of these (closing quotes and brackets may follow); a heading never
# does, except that a heading may end with a colon (see ends_like_sentence).
SENTENCE_FINAL = tuple(SENTENCE_ENDS + CLAUSE_MARKS)
# The invisible marks strip_controls keeps (LRM, RLM, ALM, ZWNJ, ZWJ): after a full stop they change
# nothing about where a sentence ends.
KEPT_MARKS = "\u200e\u200f\u061c\u200c\u200d"
_TRAILING_CLOSERS = "\"”»’)]}' " + KEPT_MARKS
# Inside a line: commas, semicolons and single full stops show prose; headlines join clauses with "..".
_PROSE_MARK = re.compile(r"(?:[،,؛;]|(?<!\.)\.(?!\.))(?:\s|$)")


def ends_like_sentence(line: str, *, colon: bool = True) -> bool:
    """True when the line ends with sentence punctuation (closing quotes/brackets ignored).

    With ``colon=False`` a final colon does not count: sub-headings may end with one ("التطورات:").
    """
    if ends_with_colon(line):
        return colon
    return strip_closers(line).endswith(SENTENCE_FINAL)


# A colon with a dash or tatweel after it («البيان التالي :-», «واللاعبون هم:ـ»): how Gulf papers and
# official statements often end the line that introduces a quotation or a list.
_COLON_END = re.compile(r"[:：]\s*[-–ـ]*$")


def ends_with_colon(line: str) -> bool:
    """True when the line ends with a colon (closing quotes, brackets and a dash after it ignored): its
    quotation, list or section follows."""
    return bool(_COLON_END.search(strip_closers(line)))


# A doubled comma («،،», «,,»): how popular verse separates the halves of a line («أحسن الظن بالله ،،
# بالتوكل عليه») and rhythmic prose marks a pause («متفائلا،، مبتسماً»). Never printed in a headline.
_DOUBLED_COMMA = re.compile(r"[،,]\s*[،,]")


def has_doubled_comma(line: str) -> bool:
    """True when a doubled comma («،،») stands in the line: a verse or rhythmic prose, not a headline."""
    return bool(_DOUBLED_COMMA.search(line))


def strip_closers(line: str) -> str:
    """``line`` without the closing quotes, brackets, spaces and direction marks after its last mark."""
    return line.rstrip(_TRAILING_CLOSERS)


def ends_with_question(line: str) -> bool:
    """True when the line ends with a question mark (? or ؟), closing quotes/brackets ignored."""
    return strip_closers(line).endswith(tuple(QUESTION_MARKS))


def trails_off(line: str) -> bool:
    """True when the line ends with an ellipsis («…», «..» or «...»): cut off, or a teaser."""
    return strip_closers(line).endswith(("..", "…"))


def has_prose_punctuation(line: str) -> bool:
    """True when a comma or a sentence end occurs inside the line: the mark of running text."""
    return bool(_PROSE_MARK.search(line.rstrip(_TRAILING_CLOSERS)[:-1]))


# Words that introduce a quotation or a list: a line ending with them and a colon is running text, not a
# sub-heading ("وقال في بيان:", "المضبوطات التالية:"). Normalized forms (see normalize).
_INTRODUCERS = word_set(
    "قال قالت يقول تقول نقول أقول يقولون وقال وقالت فقال أضاف أضافت وأضاف وأضافت أكد أكدت وأكد "
    "وأكدت أوضح أوضحت "
    "وأوضح وأوضحت تابع تابعت وتابع وتابعت أشار أشارت وأشار وأشارت ذكر ذكرت وذكر وذكرت صرح صرحت "
    "وصرح كتب كتبت وكتب جاء فيه فيها يلي التالي التالية الآتي الآتية كالتالي كالآتي نصه نصها هي هو هم "
    "هما قائلا مضيفا موضحا "
    "مؤكدا مشيرا بقوله وختم وختمت وزاد وأردف أردف واستطرد وتساءل إليكم إليك أبرزها أهمها منها ومنها "
    # verbs of reading that introduce a quoted passage («من أجواء المجموعة نقرأ:»)
    "نقرأ يقرأ تقرأ ونقرأ "
    # words of asking that introduce the question under them («استغرب الصحفيون وتدافعوا للسؤال:»); the
    # present tense is left out, as a sub-heading may give advice in it («1- لا تسأل العملاء:»)
    "سأل سألت سألوا تساءل تساءلت متسائلا متسائلة متسائلين للسؤال بالسؤال"
)


_FUNCTION_WORDS = word_set(
    "في من إلى الى على عن أن ان إن الذي التي الذين اللذين اللتين مع بين حتى منذ عند لدى و ثم أو "
    "او بعد قبل خلال نحو ضد عبر لـ بـ ل ب ف كما لكن بل قد لم لن ما لا إذا اذا حيث ال "
    # «مثل» ("such as") brings in what follows it: «… مثل:» over a list is its lead-in, never a title
    "مثل"
)


# «وهنا»/«فهنا» («وهنا جانب من رصد …:»): the text goes on from what it just said, never a headline (a bare
# «هنا» may open one: «هنا لندن»).
_CONNECTIVES = word_set("كما ثم بينما فيما حيث لكن لكنه لكنها إلا إذ غير_أن وهنا فهنا")
_OPENERS = {"«": "»", "“": "”", "(": ")"}


def has_open_quote(line: str) -> bool:
    """True when a quotation or bracket opened in the line is never closed (the line was cut off)."""
    if any(line.count(opener) > line.count(closer) for opener, closer in _OPENERS.items()):
        return True
    return line.count('"') % 2 == 1


def ends_with_function_word(line: str) -> bool:
    """True when the last word is a preposition, conjunction or relative pronoun: the line was cut
    off mid-sentence (a headline or caption never ends that way)."""
    return last_word(line) in _FUNCTION_WORDS


def starts_with_conjunction(line: str) -> bool:
    """True when the line opens like a continued sentence: a connective («كما», «بينما», «ثم»), or و/ف
    joined to a function word («ومن», «فإن»), a verb of saying («وأشارت») or a past verb («وتجددت») —
    never the way a headline or caption starts."""
    first = first_word(line)
    if not first:
        return False
    if first in _CONNECTIVES:
        return True
    if first[:1] not in _CONJUNCTIONS or len(first) < 2:
        return False
    # و/ف + a past verb of the third person feminine («وتجددت», «وأعلنت»): ends in ت after 3+ letters.
    return first[1:] in _FUNCTION_WORDS or first in _INTRODUCERS or (len(first) >= 5 and first.endswith("ت"))


# The passive of saying that brings in a saying or proverb («وقديمًا قيل الوقاية خير من العلاج», «ويقال
# إن …»), normalized.
_SAYING_PASSIVES = word_set("قيل يقال")


def reports_a_saying(line: str) -> bool:
    """True when the line opens by bringing in a saying with the passive of saying, as its first or
    second word, perhaps after و/ف («وقديمًا قيل الوقاية خير من العلاج», «قيل قديما …», «ويقال …»): the
    writer's own sentence, never a headline. After «ما» the verb is a headline's noun clause («أجمل ما
    قيل في الأم»), not this."""
    opening = word_list(line)[:2]
    for n, word in enumerate(opening):
        stem = word[1:] if word[:1] in _CONJUNCTIONS and word[1:] in _SAYING_PASSIVES else word
        if stem in _SAYING_PASSIVES:
            return n == 0 or opening[0] != normalize("ما")
    return False


# Verbs of saying and writing with «ها» for the words just quoted («قالها غسان كنفاني ورحل..»), normalized.
_ATTRIBUTING_VERBS = word_set("قالها قالتها يقولها كتبها كتبتها أنشدها أنشدتها رددها رددتها وقالها وكتبها")


def attributes_words_above(line: str) -> bool:
    """True when the line opens by saying who said or wrote the words just above it, a verb of saying
    with «ها» for them («قالها غسان كنفاني ورحل..», «كتبها …»): those words are its text's opening."""
    return first_word(line) in _ATTRIBUTING_VERBS


# Verbs a news report's lead opens with, in the past tense of the third person: an office, an agency or
# an official announced, expected, decided or opened something («توقعت الهيئة العامة للأرصاد …», «دشن
# وزير الإسكان أمس …», «أعلنت الهيئة الملكية …»), normalized. A column, an aphorism or a reader's dream
# opens otherwise. A verb of saying («قال أحد الحكماء …», «صرح …») reports no event: a column of proverbs
# opens with one as readily as a report.
_NEWS_LEAD_VERBS = word_set(
    "أعلن أعلنت توقع توقعت كشف كشفت أكد أكدت أصدر أصدرت دشن دشنت افتتح افتتحت وافق وافقت قرر قررت "
    "أطلق أطلقت نفذ نفذت استقبل استقبلت شهد شهدت أوضح أوضحت أفاد أفادت نظم نظمت تمكن تمكنت رصد رصدت "
    "ترأس ترأست وقع وقعت أقر أقرت حذر حذرت دعا دعت أشاد أشادت قتل لقي أصيب ضبط ضبطت أحبط أحبطت ألقت "
    "أمر اعتمد اعتمدت بحث بحثت أجرى أجرت سجل سجلت ارتفع ارتفعت انخفض انخفضت"
)


def opens_news_report(line: str) -> bool:
    """True when a paragraph opens as a news report's lead does: with a verb of announcing, deciding or
    reporting in the past tense (see ``_NEWS_LEAD_VERBS``: «توقعت الهيئة العامة للأرصاد …», «أعلنت
    المؤسسة …»), never with a conjunction (a column's sentence going on from the one above)."""
    return first_word(line) in _NEWS_LEAD_VERBS


# Relative pronouns: a line opening with one completes a noun of the line above («لم يُرضِ ذلك العنصريةَ
# الفارسيةَ» / «التي ترى ذلك تهديداً …»); no sentence opens with one.
_RELATIVES = word_set("الذي التي الذين اللذين اللتين اللواتي اللاتي اللائي ممن")
# Words opening with ل then ي or ت that are no verb of purpose: nouns, names, «ليس», and «ليكن»/«لتكن»,
# whose ل is an imperative's and opens a sentence.
_NOT_PURPOSE_VERBS = word_set(
    "ليس ليست ليسوا ليسا ليسن ليكن لتكن ليلة ليلا ليالي ليال ليلى ليبيا ليبي ليبية ليرة ليرات ليزر "
    "ليمون ليون ليما لينا لين لتونس"
)
# The optative «ليت» takes any attached pronoun («ليتني», «ليتنا», «ليتهم», «ليتك», «ليتكم»), and ل
# before a demonstrative («لتلك الرمال …») is a preposition: both open a sentence.
_OPTATIVE = "ليت"
_ATTACHED_PRONOUNS = frozenset(("", "ي", "ني", "نا", "ك", "كما", "كم", "كن", "ه", "ها", "هما", "هم", "هن"))
_DEMONSTRATIVES_AFTER_LAM = word_set("تلك تلكم تلكما")
# The stem after the ل of purpose: a verb of the present tense of the third person (ي, ت) of at most
# five letters; a verbal noun of the form تفعيل («لتحقيق», «لتطوير») is five letters with ي fourth, and a
# ل before one may open a sentence («لتحقيق ذلك، …»).
_PURPOSE_STEM_LETTERS = (3, 5)


def _is_purpose_verb(word: str) -> bool:
    """ل joined to a verb of the present tense («لتحد», «ليتحصل», «لينتهي»): the purpose of a sentence
    begun before it. «لن» (we) is left out: «لنصنع», «لنحمل» are the ل of «let us», which opens one."""
    stem = word[1:]
    low, high = _PURPOSE_STEM_LETTERS
    if word[:1] != "ل" or stem[:1] not in ("ي", "ت") or word in _NOT_PURPOSE_VERBS:
        return False
    if word.startswith(_OPTATIVE) and word[len(_OPTATIVE) :] in _ATTACHED_PRONOUNS:
        return False
    if stem in _DEMONSTRATIVES_AFTER_LAM:
        return False
    return low <= len(stem) <= high and not (len(stem) == high and stem[3] == "ي")


def opens_with_relative(line: str) -> bool:
    """True when the line opens with a relative pronoun («التي ترى ذلك …»): it completes a noun of the
    line above, whatever that line's length."""
    return first_word(line) in _RELATIVES


# The genitive ending: kasra or kasratan, perhaps with a shadda or the tatweel around it («القضيةِ»,
# «لمسجدِ», «كعربٍ»).
GENITIVE_OPENING_WORDS = 3
"""The opening words whose vocalization tells a quotation printed vocalized throughout (most letters
marked: «وَلِلَّهِ عَلَى النَّاسِ») from a writer marking one case ending («القضيةِ العربيةِ التي …»)."""
_GENITIVE_END = re.compile("[\u064d\u0650][\u0651\u0640]*$|\u0651[\u064d\u0650]$")


def opens_with_genitive(line: str) -> bool:
    """True when the line's first word is printed with the genitive ending («القضيةِ العربيةِ …» under
    «… بمناصرةِ», «لمسجدِ أهلِ السنةِ …» under «… عن هدمِ إيران»): a noun governed by a word before it,
    a preposition joined to it or the construct noun closing the line above, so the line goes on with
    that line's sentence. Only vocalized text shows it; an unvocalized line shows nothing, and nor does
    a line opening on words vocalized throughout (a verse of the Quran or a poem quoted: «وَلِلَّهِ عَلَى
    النَّاسِ …»), where every word carries its ending whatever opens the sentence
    (:data:`GENITIVE_OPENING_WORDS` words, :func:`is_vocalized`)."""
    match = _WORD.search(line)
    if not (match and _GENITIVE_END.search(match.group())):
        return False
    return not is_vocalized(" ".join(_WORD.findall(line)[:GENITIVE_OPENING_WORDS]), share=0.4)


_POEM_WORDS = re.compile(
    r"(?<!\w)(?:[وف]?(?:ال)?(?:قصيد[ةه]\w*|قصائد\w*|ابيات\w*|بيت(?:ان|ين)|شاعر\w*|شعراء\w*|اشعار\w*"
    r"|شعر(?:ه|ها|ي|يه|يا|يات|هم)?|ديوان\w*))(?!\w)"
)


def mentions_poem(text: str) -> bool:
    """True when the text speaks of a poem, its lines or its poet («قصيدة منها هذان البيتان», «يقول
    الشاعر», «أمسية شعرية», «القصائد», «أشعار»): the paragraph under lines quoted above it says they are
    verse."""
    return bool(_POEM_WORDS.search(normalize(text)))


# «هذا البيت», «هذين البيتين», «البيت الشعري», «بيت الشعر», «يقول الشاعر»: words pointing at a verse
# line quoted above. «البيت» alone is as often a house.
_VERSE_REFERENCE = re.compile(
    r"(?<!\w)(?:[وف]?(?:هذا|هذان|هذين|ذلك|ذاك) (?:ال)?بيت(?:ان|ين)?|(?:ال)?بيت (?:ال)?شعر(?:ي)?|"
    r"(?:ال)?بيت(?:ان|ين)? (?:ال)?شعري(?:ان|ين)?|يقول (?:ال)?شاعر)(?!\w)"
)


def mentions_verse(text: str) -> bool:
    """True when the text points at a verse line quoted above it («وهذا البيت يقوله الإمام الشافعي»,
    «البيت الشعري», «يقول الشاعر»), where «البيت» alone might be a house."""
    return bool(_VERSE_REFERENCE.search(normalize(text)))


def opens_with_purpose_verb(line: str) -> bool:
    """True when the line opens with ل joined to a verb of the present tense («لتحد الحاجة …»): the
    purpose of a sentence begun above it, or, as often, a jussive or a name opening a sentence of its
    own («ليعلم الجميع …», «ليلى، 35 عاما، …»); the line above must show it is a sentence's first part."""
    return _is_purpose_verb(first_word(line))


def continues_sentence(line: str) -> bool:
    """True when the line opens with a word no sentence opens with, one that goes on with the sentence
    of the line above: a relative pronoun («التي ترى ذلك …», «ممن خدعتهم …»), ل joined to a verb of purpose
    («لتحد الحاجة والاستغناء …» under «… هيئة فنية داخل الأندية تساعد الأجهزة الفنية») or a noun printed
    with the genitive ending («القضيةِ العربيةِ …», see opens_with_genitive). The line above is then
    no sub-heading but the sentence's first part, broken over two lines."""
    first = first_word(line)
    return first in _RELATIVES or _is_purpose_verb(first) or opens_with_genitive(line)


# Prepositions a fronted phrase opens with («من جهة ثانية،», «في أحد أصدقائه،»).
_FRONTING_PREPOSITIONS = word_set("من في على إلى الى عن مع بعد قبل")
# A fronted phrase is at most this many words before its comma.
FRONTED_PHRASE_MAX_WORDS = 3
_FRONTED_PHRASE = re.compile(rf"^\W*\S+(?:\s+\S+){{0,{FRONTED_PHRASE_MAX_WORDS - 1}}}?\s*[،,]\s*\w")


def opens_with_fronted_phrase(line: str) -> bool:
    """True when the line opens with a prepositional phrase set off by a comma («من جهة ثانية، أعلنت
    روسيا …», «في أحد أصدقائه، الذين …»): how a paragraph's sentence opens, never a headline."""
    return first_word(line) in _FRONTING_PREPOSITIONS and bool(_FRONTED_PHRASE.match(line))


# Words a clause opens with but a headline never does: particles of emphasis and negation,
# interrogatives, conditionals and vocatives (normalized forms). «إنها رسائل الحقد!» and «هل من مجيب!»
# are exclamations in running text; «اختبار السوبر!!» is a sub-heading.
_CLAUSE_OPENERS = word_set(
    "إن أن إنه إنها إنهم إننا إني لأن هل أهل أليس ألا لماذا ماذا كيف متى أين من ما لا لم لن لقد قد "
    "إذا اذا لو لولا يا أيها فهل وهل فلماذا ولماذا فمن ومن فما وما فكيف وكيف بل ليت لعل كم"
)


# The subset no headline opens with, exclamation or not: emphasis (إن، لقد), «هل», conditionals, «بل»
# and «أو», which offers another item of the sentence above («أو طول الوجه:» after «… مثل السخرية من
# شكل الأنف:» and its verse). Interrogatives and negations do open headlines («كيف تعمل الخدمة», «لا
# تراجع عن القرار»).
_NEVER_HEADLINE_OPENERS = word_set("إن أن إنه إنها إنهم إننا لأن هل لقد قد إذا اذا لو لولا ليت لعل بل أو")


def starts_like_clause(line: str) -> bool:
    """True when the line opens with a particle, interrogative or conditional (see ``_CLAUSE_OPENERS``)
    or like a continued sentence (:func:`starts_with_conjunction`): running text, never a headline."""
    return first_word(line) in _CLAUSE_OPENERS or starts_with_conjunction(line)


def opens_like_no_headline(line: str) -> bool:
    """True when the line opens with a word no headline opens with («هل هم في بلاد الفرنجة …»,
    «إن المصائب يجمعن المصابينا») or like a continued sentence («بينما الصائغ …», «وكانت شركة …», see
    :func:`starts_with_conjunction`): a line of running text whatever its length or punctuation."""
    return first_word(line) in _NEVER_HEADLINE_OPENERS or starts_with_conjunction(line)


# A page of briefs is titled with its rubric, not a story's headline: «موجز دوليات», «أخبار الفن», «أخبار
# السوق», «إصدارات», «آخر مستجدات السياحة في العالم» (normalized; SaudiNewsNet's Asharq Al-Awsat,
# Al-Eqtisadiya and Al-Riyadh pages). A longer title is a story's own («إصدارات جديدة للهيئة العامة للكتاب
# بمصر»).
_BRIEFS_RUBRICS = word_set("موجز أخبار إصدارات")
_BRIEFS_RUBRIC_PAIRS = frozenset({(normalize("آخر"), normalize("مستجدات"))})
BRIEFS_RUBRIC_MAX_WORDS = 5
_NEWS = normalize("أخبار")
NEWS_RUBRIC_MAX_WORDS = 2


def is_briefs_rubric(title: str) -> bool:
    """True when a title is the rubric of a page of briefs («موجز إعلامي», «أخبار الفن», «إصدارات»):
    its items each have a headline of their own, the first as well as the others."""
    words = word_list(title)
    if not words or len(words) > BRIEFS_RUBRIC_MAX_WORDS:
        return False
    if words[0] == _NEWS:
        # «أخبار الفن», «أخبار سريعة»: a label; «أخبار سارة لمتقاعدي القطاع الخاص» is one story's headline.
        return len(words) <= NEWS_RUBRIC_MAX_WORDS
    return words[0] in _BRIEFS_RUBRICS or tuple(words[:2]) in _BRIEFS_RUBRIC_PAIRS


# The standing rubrics of the pages that print readers' letters and officials' replies to them («بريد
# القراء», «تجاوب المسؤول»; Al-Riyadh's pages in SaudiNewsNet), normalized first words: such a title is the
# page's, and the letter under it has a headline of its own.
_LETTERS_RUBRICS = word_set("بريد تجاوب")
# The readers a rubric names as the page's writers: «رسائل القراء», «صوت القراء», «منبر القراء» (the plural:
# «حقوق القارئ» is a column about the reader), and «القراء يكتبون» ("readers write").
_READERS = normalize("القراء")
_READERS_WRITE = frozenset(
    {(normalize("القراء"), normalize("يكتبون")), (normalize("قراء"), normalize("يكتبون"))}
)
LETTERS_RUBRIC_MAX_WORDS = 2


def is_letters_rubric(title: str) -> bool:
    """True when a title is the rubric of a page of letters or replies to the editor («بريد القراء»,
    «تجاوب المسؤول», «رسائل القراء», «القراء يكتبون»), not a letter's own headline; a longer title is a
    story's («بريد حائل يعايد منسوبيه»)."""
    words = word_list(title)
    if not 0 < len(words) <= LETTERS_RUBRIC_MAX_WORDS:
        return False
    return words[0] in _LETTERS_RUBRICS or words[-1] == _READERS or tuple(words) in _READERS_WRITE


_GREETING = re.compile(r"^\W*السلام عليكم")
_CLOSING_GREETING = re.compile(r"^\W*والسلام عليكم")
# The honorifics a letter's address opens with and the epithets closing it («معالي وزير التعليم الموقر،»,
# «سعادة مدير عام التعليم المحترم،», «صاحب السمو الملكي أمير منطقة الرياض حفظه الله،»), normalized.
_HONORIFICS = "معالي|سعاده|فضيله|سماحه|سمو|صاحب|حضره|دوله|فخامه"
_ADDRESS_EPITHETS = (
    "الموقر|الموقره|الموقرين|المحترم|المحترمه|المحترمين|حفظه الله|حفظها الله|حفظكم الله|رعاه الله"
)
_ADDRESS = re.compile(rf"^\W*(?:{_HONORIFICS})\s[^.!?؟]*?(?<!\w)(?:{_ADDRESS_EPITHETS})(?!\w)\s*[،,:]")
# An address alone on its line, unpunctuated, to the paper's editor or a person by title («سعادة رئيس
# تحرير صحيفة «الرياض» المحترم», «سعادة المشرف على صفحة عزيزتي الجزيرة الموقر», «سعادة الأستاذ تركي
# السديري حفظه الله»), normalized («رئيس» folds to «رييس»); an epithet closing a headline qualifies its
# object («سمو ولي العهد يستقبل السفير المحترم»).
_ADDRESSEES = r"رييس\s+(?:تحرير|التحرير)|المشرف\s+علي|الاستاذ|الدكتور|الشيخ"
_BARE_ADDRESS = re.compile(
    rf"^\W*(?:{_HONORIFICS})\s+(?:{_ADDRESSEES})(?!\w)[^.!?؟]*?(?<!\w)(?:{_ADDRESS_EPITHETS})(?!\w)\W*$"
)
# The formulae a letter's greeting ends with («تحية طيبة وبعد:», «تحية واحتراما،», «وبعد:», «أما بعد:»),
# normalized: the end of the line, after the address or a comma, never inside a sentence.
_GREETING_FORMULA = re.compile(
    r"(?:(?<!\w)تحيه\s+(?:طيبه|عطره|مباركه|واحتراما|واحترام|وتقديرا|وتقدير|وسلاما)(?:\s+وبعد)?"
    r"|(?:^|[،,.]|وبركاته)\W*وبعد|(?:^|\W)اما\s+بعد)\W*$"
)


def opens_letter(line: str) -> bool:
    """True when the line is a letter's or a cable's opening greeting («السلام عليكم ورحمة الله
    وبركاته:», «السلام عليكم ورحمة الله وبركاته وكل عام وأنتم بخير»), its address to an honorific's
    bearer («معالي وزير التعليم الموقر، تحية طيبة وبعد:», «سعادة مدير التعليم المحترم») or a greeting
    formula ending the line («تحية طيبة وبعد:», «تحية واحتراما،», «وبعد:», «أما بعد:»), never a heading."""
    folded = normalize(line)
    return bool(
        _GREETING.match(folded)
        or _ADDRESS.match(folded)
        or _BARE_ADDRESS.match(folded)
        or _GREETING_FORMULA.search(folded)
    )


_GREETING_WHOLE = re.compile(r"^\W*السلام عليكم(?:\s+ورحمه الله(?:\s+وبركاته)?)?\W*")
GREETING_SENTENCE_MIN_WORDS = 3


def greets_then_says(line: str) -> bool:
    """True when a line opening with «السلام عليكم» goes on with a sentence of its own («السلام عليكم، أنا
    معلمة متزوجة منذ عامين.»): a reader's question or a speech's first paragraph, not a greeting alone
    (at least ``GREETING_SENTENCE_MIN_WORDS`` words after it, and a sentence's end)."""
    folded = normalize(line)
    match = _GREETING_WHOLE.match(folded)
    if match is None:
        return False
    rest = folded[match.end() :].split()
    return len(rest) >= GREETING_SENTENCE_MIN_WORDS and ends_like_sentence(line)


def is_salutation(line: str) -> bool:
    """True when the line is a letter's greeting or its closing one («والسلام عليكم ورحمة الله
    وبركاته.»): the letter's own words, never a heading."""
    return opens_letter(line) or closes_letter(line)


def closes_letter(line: str) -> bool:
    """True when the line is a letter's closing greeting («والسلام عليكم ورحمة الله وبركاته..»)."""
    return bool(_CLOSING_GREETING.match(normalize(line)))


# The courtesies a letter signs off with besides the closing greeting («ودمتم بسلام», «ولمعاليكم جزيل
# تحياتي», «وتقبلوا تحياتي وتقديري،،،», «مع خالص التقدير»), normalized: «دمتم», «تقبلوا» or «مع خالص»
# opening the line, or «لكم» (with an honorific: «لمعاليكم», «لسعادتكم») before a word of thanks or regard.
_SIGN_OFF = re.compile(
    r"^\W*(?:و?دمتم|و?تقبلوا|مع\s+خالص"
    r"|و?ل(?:معالي|سعاد|سمو|فضيل|سماح)?(?:ت)?كم\s+(?:جزيل|خالص|فائق|وافر|كل)\s)"
)


def signs_off(line: str) -> bool:
    """True when the line is a letter's closing courtesy other than the greeting («ولمعاليكم جزيل تحياتي،
    ودمتم بسلام.»): with a signature under it, the letter's sign-off; a column may close on «دمتم..» as
    its own last words, so the caller looks for the signature."""
    return bool(_SIGN_OFF.match(normalize(line)))


# A reply's request to the editor to print it, on a line of its own above the closing greeting («آمل
# التكرم بنشر هذا الإيضاح.», «نأمل نشر هذا التوضيح», «نرجو التفضل بنشر الرد»), normalized: a verb of
# hoping or asking, at most two words (التكرم, التفضل), then «نشر» with or without ب.
_ASKS_TO_PUBLISH = re.compile(
    r"^\W*[وف]?(?:امل|نامل|ارجو|نرجو|نرجوا|راجين|املين)(?:\s+[^\s:.،]+){0,2}?\s+ب?نشر(?!\w)"
)
PUBLISH_REQUEST_MAX_WORDS = 8


def asks_to_publish(line: str) -> bool:
    """True when the line is a reply's request to the editor to publish it («آمل التكرم بنشر هذا
    الإيضاح.»): with the closing greeting under it, the reply's sign-off, not its text. At most
    ``PUBLISH_REQUEST_MAX_WORDS`` words (the five of the form SaudiNewsNet's replies print, with room)."""
    return len(line.split()) <= PUBLISH_REQUEST_MAX_WORDS and bool(_ASKS_TO_PUBLISH.match(normalize(line)))


def opens_with_joined_verb(line: str) -> bool:
    """True when the line opens with و/ف joined to a verb of the present tense («ويتلقى الدكتور …»,
    «فيقول»): a sentence going on from the one before. Only a colon-ended line is judged by it (a
    present verb after و is rarer in headlines than nouns opening with ي are in prose)."""
    first = first_word(line)
    return len(first) >= 5 and first[:1] in _CONJUNCTIONS and first[1:2] == "ي"


# «لأن» with its pronouns: a clause giving a reason («السبب لأن في نيويورك بارات!»), normalized.
_BECAUSE = word_set("لأن لأنه لأنها لأنهم لأنهما لأننا لأني لأنك لأنكم")


def gives_reason(line: str) -> bool:
    """True when a word after the first is «لأن» (because), its pronouns joined or not («السبب لأن في
    نيويورك بارات!», «نخسر لأننا لا نخطط!»): a sentence stating a cause, never a headline, however short
    and exclaimed. A line opening with «لأن» opens like a clause (see :func:`starts_like_clause`)."""
    return any(word in _BECAUSE for word in word_list(line)[1:])


# The dual and plural pronouns a noun carries when it points back at things the text just named
# («وباطنهما», «وأسبابهم»), normalized; the singular ه is also how the feminine ending ة is folded.
_BACK_PRONOUNS = ("هما", "هم", "هن")
BACK_REFERENCE_MIN_LETTERS = 6


def opens_with_back_reference(line: str) -> bool:
    """True when the line opens with و/ف joined to a word carrying a dual or plural pronoun that points
    back at what the text said above («وباطنهما يحوي العديد من الأسئلة المخيفة والمؤلمة:» after «ظاهر
    هذين الخبرين الرحمة …»): a sentence going on from the paragraph before, never a sub-heading. At least
    ``BACK_REFERENCE_MIN_LETTERS`` letters, so that و/ف, a stem of three letters and the pronoun are
    there («وهم» and «فهم» are pronouns or a verb alone); a word with the article carries no pronoun
    («والمهم:», the important thing, heads a column's closing part)."""
    first = first_word(line)
    return (
        len(first) >= BACK_REFERENCE_MIN_LETTERS
        and first[:1] in _CONJUNCTIONS
        and not first[1:].startswith(ARTICLE)  # «والمهم:» is «the important thing», no pronoun
        and first.endswith(_BACK_PRONOUNS)
    )


def introduces_quote_or_list(line: str) -> bool:
    """True when a line ending with a colon introduces a quotation or a list (a verb of saying, يلي),
    the verb perhaps joined to و/ف («وكتبت أمس صحيفة النهار:», «وأقول:»)."""
    return any(
        word in _INTRODUCERS or (word[:1] in _CONJUNCTIONS and word[1:] in _INTRODUCERS)
        for word in word_list(line)
    )


# Verbs that bring in the items under them: who attended or took part, what a plan includes, what a
# rule requires, what an accident caused («حضر اللقاء:», «تتضمن الخطة:», «أسفر الحادث عن:»), normalized.
# A colon-ended line opening with one is the list's lead-in, never its title.
_ITEM_VERBS = word_set(
    "حضر حضرت شارك شاركت يشارك تشارك شملت يشمل تشمل تضمن تضمنت يتضمن تتضمن يضم تضم يشترط تشترط أسفر أسفرت"
)


def opens_with_item_verb(line: str) -> bool:
    """True when a line opens with a verb that brings in the items under it (``_ITEM_VERBS``), perhaps
    joined to و/ف («حضر اللقاء:», «وتتضمن الخطة:»): the list's lead-in, not its title."""
    first = first_word(line)
    return first in _ITEM_VERBS or (first[:1] in _CONJUNCTIONS and first[1:] in _ITEM_VERBS)


# Month names as Arabic news prints them: Egyptian/Gulf (يناير), Levantine/Iraqi (كانون الثاني) and
# Maghrebi (جانفي, غشت) Gregorian names, and the Hijri months. Keys are normalized forms.
_GREGORIAN_MONTHS = (
    "يناير كانون_الثاني جانفي",
    "فبراير شباط فيفري",
    "مارس آذار اذار",
    "أبريل ابريل إبريل نيسان أفريل",
    "مايو أيار ماي",
    "يونيو يونيه حزيران جوان",
    "يوليو يوليه تموز جويلية",
    "أغسطس اغسطس آب أوت غشت",
    "سبتمبر أيلول شتنبر",
    "أكتوبر اكتوبر تشرين_الأول",
    "نوفمبر تشرين_الثاني نونبر",
    "ديسمبر كانون_الأول دجنبر",
)


def _month_numbers(months: tuple[str, ...]) -> dict[str, int]:
    """Each normalized name of ``months`` (a month a string, its names apart, "_" joining a name's
    words) to its number, 1-12."""
    return {
        normalize(name.replace("_", " ")): number
        for number, names in enumerate(months, start=1)
        for name in names.split()
    }


MONTHS: dict[str, int] = _month_numbers(_GREGORIAN_MONTHS)
_HIJRI_MONTH_NAMES = (
    "محرم",
    "صفر",
    "ربيع_الأول",
    "ربيع_الثاني ربيع_الآخر",
    "جمادى_الأولى",
    "جمادى_الآخرة جمادى_الثانية",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو_القعدة ذي_القعدة",
    "ذو_الحجة ذي_الحجة",
)
# Normalized Hijri month names to their numbers (1-12), as dates in words write them («25 شوال 1436 هـ»).
HIJRI_MONTH_NUMBERS: dict[str, int] = _month_numbers(_HIJRI_MONTH_NAMES)
HIJRI_MONTHS = frozenset(HIJRI_MONTH_NUMBERS)
WEEKDAYS = word_set("الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت")


def month_number(name: str) -> int | None:
    """The Gregorian month (1-12) an Arabic month name stands for, in any regional naming."""
    return MONTHS.get(normalize(name))


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# The same letters one by one: str.count of each is the quickest exact count over a long text.
_ARABIC_LETTERS = tuple(chr(code) for code in range(0x0621, 0x064B))


def is_vocalized(text: str, share: float = 0.25) -> bool:
    """True when at least ``share`` of the Arabic letters carry a vowel mark: verse and scripture are
    printed vocalized («حِضْنِي عَتيْقٌ …»), news prose and headlines are not."""
    letters = len(_ARABIC_LETTER.findall(text))
    return letters > 0 and len(_DIACRITICS.findall(text)) >= share * letters


def has_arabic(text: str) -> bool:
    """True when the text holds at least one Arabic letter."""
    return bool(_ARABIC_LETTER.search(text))


def is_mostly_arabic(text: str, threshold: float = 0.5) -> bool:
    """True when at least ``threshold`` of the letters are Arabic."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    return sum(1 for ch in letters if _ARABIC_LETTER.match(ch)) / len(letters) >= threshold


RLM = "\u200f"
# What a double quotation mark becomes in text folded for name matching (nashra.regions.gazetteer):
# a private-use character, so it is no letter and no word, yet the rules that read an outlet's name
# set off by quotes ('قال لـ"الرياض"') still see it.
QUOTE = "\ue000"


def rtl_line(text: str) -> str:
    """Prefix a line with a right-to-left mark so terminals and clients keep Arabic lines right-aligned."""
    return RLM + text


# Explicit bidi embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI): one
# U+202E in a feed title reverses the rest of a digest line. The marks (LRM, RLM, ALM) and the joiners
# (ZWNJ, needed in Persian words; ZWJ, in emoji sequences) only affect their neighbours and are kept.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Invisible characters without a use in news text: zero-width space, word joiner, a stray byte-order
# mark; and the C0/C1 control characters except tab and line feed. Also lone UTF-16 surrogates: JSON's
# "\ud83d" escapes half an emoji when a crawler cuts a string between the halves (a whole pair is one
# character once decoded), and half a character can be neither shown nor stored as UTF-8.
_STRIPPED_CHARACTERS = f"{BIDI_CONTROLS}\u200b\u2060\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"


def strip_controls(text: str) -> str:
    """``text`` without bidi embeddings/overrides/isolates, zero-width spaces, control characters and
    lone surrogates, closed up as if they had never been there (:func:`close_up`).

    Applied to everything stored from outside (titles, texts, sources, authors, summaries), so no
    stored text can reorder or hide the text shown around it. RLM/LRM/ALM and ZWJ/ZWNJ stay
    (:data:`KEPT_MARKS`).
    """
    return close_up(text, _STRIPPED_CHARACTERS)


def close_up(text: str, characters: str) -> str:
    """``text`` without the ``characters`` (a regular expression's character class, without its
    brackets: "\\x00-\\x08"), the words around them spaced as if they had never been there: the one
    rule for text a reader removes characters from. A run of them between words leaves one space where
    it held white space («أمطار \\x07 غزيرة»; a vertical tab, form feed or information separator parts
    words as a space does), nothing inside a word («أمط\\x00ار» is «أمطار»), and nothing at a line's or
    the text's ends, the spaces beside it included."""
    return _closing_up(characters).sub(_closed_up, text)


@functools.cache
def _closing_up(characters: str) -> re.Pattern[str]:
    """A run of ``characters`` with the spaces and tabs around it (see :func:`close_up`)."""
    return re.compile(f"[ \t]*(?:[{characters}]+[ \t]*)+")


def _closed_up(found: re.Match[str]) -> str:
    """What a run of removed characters and the spaces around it leaves (see :func:`close_up`)."""
    text, start, end = found.string, found.start(), found.end()
    at_edge = start == 0 or end == len(text) or text[start - 1] == "\n" or text[end] == "\n"
    return "" if at_edge or not any(character.isspace() for character in found.group()) else " "


# What shows nothing on its own: the marks and joiners strip_controls keeps (LRM, RLM, ALM, ZWNJ, ZWJ),
# the soft hyphen, the variation selectors, and every kind of white space.
_SHOWS_NOTHING = re.compile("[\\s\u200b-\u200f\u061c\u00ad\u2060\ufeff\ufe00-\ufe0f]+")


def has_visible(text: str) -> bool:
    """Whether ``text`` shows anything: a title of only RLMs and zero-width joiners is shown as an empty
    line, so a reader calls it empty."""
    return bool(_SHOWS_NOTHING.sub("", text))


# The one-byte character sets Arabic text comes in, most used first: Windows Arabic (cp1256), then
# ISO-8859-6 (older Unix and Mac exports). cp1256 decodes any byte, so ISO-8859-6 is read only when
# cp1256 gives mojibake (:func:`looks_garbled`).
ARABIC_CHARSETS = ("cp1256", "iso8859-6")

# What Windows-1252 makes of the bytes 0x80-0x9F (Latin-1 leaves them as C1 controls).
_CP1252_HIGH = "".join(bytes([byte]).decode("cp1252", "ignore") for byte in range(0x80, 0xA0))
# Mojibake of Arabic, by how it arises:
# - UTF-8 read as Latin-1 / Windows-1252: each letter becomes Ø/Ù/Ú/Û then a character of 0x80-0xBF
#   ("Ø§Ù„" for "ال").
_UTF8_AS_LATIN = re.compile(f"[\u00d8-\u00db][\u0080-\u00bf{re.escape(_CP1252_HIGH)}]")
# - Windows-1256 read as Latin-1 / Windows-1252: Arabic letters become accented Latin ones ("ÇáÚÑÈ").
#   Latin words have one or two accented letters in a row; these have whole words of them.
_LATIN_ACCENTED = re.compile("[\u00c0-\u00ff]")
_LATIN_ACCENTED_RUN = re.compile("[\u00c0-\u00ff]{4,}")
# - UTF-8 read as Windows-1256: the lead bytes 0xD8/0xD9 are ط/ظ, so every other letter is one of them.
_TA_ZA = re.compile("[\u0637\u0638]")
# - ISO-8859-6 read as Windows-1256: ي, و, ق and the short vowels fall on bytes where Windows-1256 has
#   accented Latin letters, so Arabic words hold them («سêاسê»); real text never joins the two scripts.
#   (Letters only: × and ÷ sit between Arabic numbers and units, «90م×80م».)
_ACCENTED_LETTER = "[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]"
_ARABIC_BESIDE_ACCENTED = re.compile(f"[\u0621-\u064a]{_ACCENTED_LETTER}|{_ACCENTED_LETTER}[\u0621-\u064a]")
_REPLACEMENT = "\ufffd"


def looks_garbled(text: str) -> bool:
    """Whether ``text`` is Arabic decoded with the wrong character set (mojibake), or mostly lost bytes.

    The thresholds leave room for real text: French has a few accented letters per sentence (the
    Windows-1256 signature needs half of the letters), Arabic has ط/ظ in about 1.5% of its letters (the
    UTF-8-as-1256 signature needs 30%), an accented Latin letter joined to an Arabic one (the
    ISO-8859-6-as-1256 signature) is a slip at most once in a hundred Arabic letters, and one or two
    replaced bytes in a long text are accepted.
    """
    # Counting every letter is the costly part (a whole feed document is checked): the Arabic letters,
    # counted quickly, are letters, so the full count is made only when a signature outweighs them.
    if text.count(_REPLACEMENT) > max(2, len(text) // 100):
        return True
    arabic = sum(map(text.count, _ARABIC_LETTERS))
    utf8_as_latin = _count(_UTF8_AS_LATIN, text)
    accented = _count(_LATIN_ACCENTED, text)
    if utf8_as_latin >= max(2, arabic // 10) or (accented >= 4 and accented >= 0.5 * arabic):
        letters = sum(map(str.isalpha, text))
        if utf8_as_latin >= max(2, letters // 10) or (accented >= 4 and accented >= 0.5 * letters):
            return True
    if _count(_LATIN_ACCENTED_RUN, text) >= 2:
        return True
    if _count(_ARABIC_BESIDE_ACCENTED, text) >= max(3, arabic // 100):
        return True
    ta_za = _count(_TA_ZA, text)
    return ta_za >= 4 and ta_za >= 0.3 * arabic


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Matches of ``pattern`` in ``text``, counted without keeping them: a whole feed document is
    checked, and a list of its millions of letters would take hundreds of megabytes (``subn`` counts
    in C and makes one string no longer than ``text``; a match object for each letter took seconds)."""
    return pattern.subn("", text)[1]
