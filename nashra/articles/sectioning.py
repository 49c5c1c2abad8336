"""Cut the body of an Arabic article into a lead and headed sections, with its furniture set aside.

Plain-text news has no markup: a heading is recognised by its shape (a short line that does not end
like a sentence) and by what follows it (body text). The lead is everything before the first real
sub-heading. Furniture (bylines, datelines, captions, tweets, timestamps, share prompts, tag lists,
related headlines, leftover HTML; see :mod:`nashra.articles.furniture`) is removed first, by position:

* anywhere: lines that are furniture by themselves (a tweet, «نشر في: …», «شارك الخبر», «// انتهى //»,
  a related-links list with its header, a photo caption with its credit, the headline printed again);
* above the lead: every short line before the first paragraph of running text (outlet and byline lines,
  timestamps, captions, decks), since a sub-heading only follows text;
* at the head of the lead: a dateline («بيروت - (الوكالة الوطنية للإعلام): …»), whose place is kept as
  metadata and never left to tag the section;
* at the end: short lines after the last paragraph (related headlines without a label, captions,
  signatures) and a tag list or link-back glued to the last paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from nashra.arabic import (
    QUESTION_MARKS,
    asks_to_publish,
    attributes_words_above,
    closes_letter,
    ends_like_sentence,
    ends_with_colon,
    ends_with_function_word,
    ends_with_question,
    first_word,
    gives_reason,
    greets_then_says,
    has_arabic,
    has_doubled_comma,
    has_open_quote,
    has_prose_punctuation,
    introduces_quote_or_list,
    is_briefs_rubric,
    is_letters_rubric,
    is_salutation,
    is_vocalized,
    last_word,
    mentions_poem,
    mentions_verse,
    normalize,
    opens_letter,
    opens_like_no_headline,
    opens_news_report,
    opens_with_back_reference,
    opens_with_fronted_phrase,
    opens_with_genitive,
    opens_with_item_verb,
    opens_with_joined_verb,
    opens_with_purpose_verb,
    opens_with_relative,
    reports_a_saying,
    signs_off,
    starts_like_clause,
    starts_with_conjunction,
    strip_closers,
    strip_controls,
    trails_off,
)
from nashra.articles import furniture as fur
from nashra.articles.dates import first_date
from nashra.articles.furniture import Credit, Furniture
from nashra.model import Section

HEADING_MAX_WORDS = 14
HEADING_MAX_CHARS = 120
# A letter's greeting on a line of its own («السلام عليكم ورحمة الله وبركاته..», «السلام عليكم ورحمة الله
# وبركاته وكل عام وأنتم بخير») is at most this long: the letter's opening, never its first paragraph.
SALUTATION_MAX_WORDS = 10
# A colon-ended heading is short ("التطورات الميدانية:"); a longer one introduces a quotation.
COLON_HEADING_MAX_WORDS = 8
# Running text above which a line is body whatever its punctuation.
BODY_MIN_WORDS = 16
# The first paragraph of the lead: a sentence of at least this many words (shorter lines are furniture).
LEAD_MIN_WORDS = 5
# Trailing short lines after the last paragraph (related headlines, captions, signatures).
TRAILING_MAX_WORDS = 20
RELATED_HEADER_MAX_WORDS = 4
RELATED_ITEM_MAX_WORDS = 25
# A sub-heading may end with an exclamation mark («اختبار السوبر!!», «الدهمش: لا يشوت مبارك!») when it is
# this short and opens like a headline, not like a clause (see nashra.arabic.starts_like_clause).
EXCLAIMED_HEADING_MAX_WORDS = 8
# Three or more short lines in a row are a block (a list, verse, dialogue, the header of a quoted
# document), not a sub-heading: a sub-heading is one line between paragraphs.
BLOCK_MIN_LINES = 3
_BULLET = re.compile(r"^\s*(?:[-–—•·*▪●◦►]+|\(?\d{1,2}\s*[.)\-–/]|[a-z\u0621-\u064a][.)]\s)\s*")
# A sentence end followed by more words; «..» joins a headline's clauses and ends nothing.
_TWO_SENTENCES = re.compile(r"(?:(?<!\.)\.(?!\.)|[!?؟])\s+\S")
# Marks that only decorate a heading («* الطفل والأكل», «- منع المالكي من السفر»); a number is kept.
_HEADING_MARK = re.compile(r"^\s*[-–—•·*▪●◦►ـ]+\s*")
# Marks a page may print before each of its sub-headings («* عنوان النخبة»); dashes are left out: they
# also open the turns of a dialogue and the questions of an interview.
_LAYOUT_MARKS = "*•·▪●◦►"
# A layout marks its sub-headings when this many marked, heading-shaped lines each precede running text.
MARKED_LAYOUT_MIN_HEADINGS = 2
# A question is a sub-heading of a marked layout («* أين تأكل؟») when it is this short.
QUESTION_HEADING_MAX_WORDS = 6
# A sub-heading broken over two lines: each part at most this long, the second opening with a
# preposition or conjunction (««الخدمات» الرابح الوحيد» / «في البورصة العمانية»).
SPLIT_HEADING_PART_MAX_WORDS = 4
# A sentence's first part broken off above a line opening with a verb of purpose holds a verb and its
# subject: at least this many words (the broken lines of tests/data/sections/broken_sentence_layouts.json
# and of the labelled corpus hold 10 to 13), where a sub-heading over a paragraph opening with a name or a
# jussive («ليلى» over «ليلى، 35 عاما، …», «نصيحة معلم» over «ليتنا نستمع …») holds one to three.
BROKEN_SENTENCE_MIN_WORDS = 5
# A column of figures (ID or telephone numbers, one a line) a title heads: at least this many lines.
FIGURES_MIN_LINES = 2
# A lead-in line («فغيرها إلى..», «وفي مقطع آخر..») is at most this long.
LEAD_IN_MAX_WORDS = 6
# «SPEAKER: words» turns of a dialogue or an interview («أم كلثوم: أمتى», «س: …»): the speaker is at
# most this long.
TURN_SPEAKER_MAX_WORDS = 2
# A line printed twice, the first copy cut off (a crawler's byline field holding the lead's opening).
REPEAT_MIN_CHARS = 40
# A poem printed as the article: at least this many lines, nearly all short (a verse line is at most
# ``VERSE_LINE_MAX_WORDS`` words), a good share broken off mid-sentence, few numbered, dashed or labelled
# lines and few figures (a list, a squad, a table is no poem).
VERSE_MIN_LINES = 8
VERSE_LINE_MAX_WORDS = 9
VERSE_SHORT_SHARE = 0.85
VERSE_OPEN_SHARE = 0.4
VERSE_LISTLIKE_SHARE = 0.2
# A poem titled by its first line prints the headline again as that line: a hemistich of at least this
# many words (a poem's title of its own is a word or a few, «مقهى الفيشاوي»).
POEM_TITLE_LINE_MIN_WORDS = 4
# A text in short lines: at least VERSE_MIN_LINES lines, at least this share of them verse-short
# (VERSE_LINE_MAX_WORDS words at most): a column broken like verse, a review quoting a prose poem line by
# line. Its sub-headings stand between paragraphs longer than a verse line.
SHORT_LINED_SHARE = 0.5
# A poem may come with a line or two of prose (who the elegy mourns, a tag list): at most this share.
VERSE_PROSE_SHARE = 0.1
# Titles of the parts of a text in titled fragments («دخول:», «مقلة:», … «خروج:»): colon-ended lines of
# at most this many words, at least ``TITLED_PARTS_MIN`` of them.
TITLED_PART_MAX_WORDS = 3
TITLED_PARTS_MIN = 3
# Words a column's closing kicker is titled with («السطر الأخير :», «الكلام الأخير..», «ختاماً:», «خاتمة:»),
# normalized; a kicker titles at most ``KICKER_MAX_LINES`` closing lines.
_KICKER_WORDS = frozenset(
    normalize(w)
    for w in (
        "الأخير",
        "الأخيرة",
        "أخيرة",
        "أخيرا",
        "وأخيرا",
        "ختاما",
        "وختاما",
        "الختام",
        "خاتمة",
        "الخاتمة",
    )
)
# The names columnists give their closing kicker («ومضة:», «وخزة», «همسة», «قفلة»), normalized: one alone
# on its line titles the kicker, colon or not (a closing word needs the colon or dots, see _is_kicker_title).
_KICKER_NAMES = frozenset(normalize(w) for w in ("ومضة", "وخزة", "همسة", "قفلة"))
KICKER_MAX_LINES = 4
# A quotation the first sentence attributes («"سحقا لمن باع الأمانة …» / «… السجدا"» over «قالها غسان
# كنفاني ورحل..») opens the text: at most this many lines, between these marks.
QUOTED_OPENING_MAX_LINES = 4
# A verse line's two halves opening a column are its text when one of the first this many paragraphs
# under them speaks of a verse («وهذا البيت يقوله الإمام الشافعي»: the second paragraph, blind17).
COUPLET_REFERENCE_PARAGRAPHS = 3
_QUOTE_OPENERS = ('"', "«", "“")
_QUOTE_CLOSERS = ('"', "»", "”")
# The footnote mark a paper sets after a writer's name, or twice before their post, above a poem or column.
_FOOTNOTE_MARK = "*"
# Words that join the parts of a person's name («حسن آل خيرات», «سعود بن عبدالمجيد»): a verse line of a
# few words seldom has one between two others.
_NAME_PARTICLES = frozenset(("آل", "بن", "بنت", "ابن", "أبو", "أبي"))


@dataclass(slots=True)
class Body:
    """A cut body: its sections, the furniture removed, and what bylines and datelines said."""

    sections: list[Section]
    furniture: list[Furniture] = field(default_factory=list)
    credit: Credit = field(default_factory=Credit)


def is_related_header(line: str) -> bool:
    """A line that opens a related-links list ("إقرأ أيضاً:", "مواضيع ذات صلة", …)."""
    return fur.is_related_header(line)


def is_boilerplate_line(line: str) -> bool:
    """Share/follow prompts, copyright lines and other lines that are furniture wherever they stand."""
    return fur.line_kind(line) is not None


def strip_boilerplate(lines: Iterable[str]) -> list[str]:
    """The lines without related-links lists and self-evident furniture; blank lines kept as ""."""
    kept, _ = _drop_line_furniture([line.strip() for line in lines])
    return [line for line, _blank in kept]


def _is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def looks_like_heading(line: str) -> bool:
    """Short, and not ending like a sentence (a final colon is allowed on a short line): a heading's shape."""
    if not line or len(line) > HEADING_MAX_CHARS:
        return False
    text = _BULLET.sub("", line, count=1) if _is_bullet(line) else line
    words = fur.words_of(text)
    if not words or words > HEADING_MAX_WORDS or opens_like_no_headline(text) or is_vocalized(text):
        return False
    if has_doubled_comma(text):
        return False  # a verse «كل مكتوب خير ،، واللي ما يصير خيره»
    if is_salutation(text):
        return False  # a letter's greeting «السلام عليكم ورحمة الله وبركاته وكل عام وأنتم بخير»
    if text.lstrip().startswith("#") and len(text.split()) == 1:
        return False  # a hashtag «#ثمانٍ_وأربعون_قانونا_للقوة» names a topic, it heads nothing
    if _is_exclaimed_headline(text):
        return True
    if ends_like_sentence(text, colon=False):
        return False
    if ends_with_colon(text):
        return (
            words <= COLON_HEADING_MAX_WORDS
            and not introduces_quote_or_list(text)
            and not opens_with_joined_verb(text)
            and not opens_with_back_reference(text)
        )
    # Two sentences on one line are prose, not a heading.
    return not _TWO_SENTENCES.search(text)


def _is_exclaimed_headline(text: str) -> bool:
    """A short headline ending with «!» («تدوير الخبرات خليجياً.. غير مفعّل !»): no question mark, no
    prose punctuation, no second sentence, and not opening like a clause («إنها رسائل الحقد!»)."""
    stripped = strip_closers(text)
    if not stripped.endswith("!") or any(mark in text for mark in QUESTION_MARKS):
        return False
    core = stripped.rstrip("!.… ")
    if core.startswith(("(", "[", "«", '"', "“")) and core.endswith((")", "]", "»", '"', "”")):
        return False  # an aside or a quotation, «(فخار يكسر بعضه بعضا)!»
    return (
        0 < fur.words_of(core) <= EXCLAIMED_HEADING_MAX_WORDS
        and not has_prose_punctuation(core + "!")
        and not _TWO_SENTENCES.search(core)
        and not starts_like_clause(core)
        and not gives_reason(core)
    )


def _is_short_item(line: str, like: str) -> bool:
    """A list item of the same list as ``like``: a line with the same kind of mark (a number, a
    letter or the same sign) no longer than a short paragraph. «3- الطاقة والمياه» after the dashed
    items of section 2 is no item of their list."""
    return _is_bullet(line) and fur.words_of(line) <= BODY_MIN_WORDS and _mark_kind(line) == _mark_kind(like)


def _item_number(line: str) -> int | None:
    """The number a numbered line opens with («4.أحقية الأرباح …» → 4), or None."""
    mark = _BULLET.match(line)
    digits = "".join(ch for ch in mark.group() if ch.isdigit()) if mark else ""
    return int(digits) if digits else None


def _next_item(line: str, previous: str | None) -> bool:
    """Whether ``line`` is the item after ``previous`` in one numbered list («5. تاريخ التوزيع سيتم
    الاعلان عنه لاحقا» after «4.أحقية الأرباح …»), however long the item before it runs."""
    if previous is None:
        return False
    number, before = _item_number(line), _item_number(previous)
    return number is not None and before is not None and number == before + 1


def _mark_kind(line: str) -> str:
    mark = _BULLET.match(line)
    text = mark.group().strip() if mark else ""
    if any(ch.isdigit() for ch in text):
        return "number"
    return text[:1] if text[:1] in "-–—•·*▪●◦►" else "letter"


def heading_text(line: str) -> str:
    """A heading as shown: without the mark that decorates it («* », «- »); numbers are kept."""
    return _HEADING_MARK.sub("", line, count=1).strip() or line


def _short_question(text: str) -> bool:
    """A short question on one line («أين تأكل؟»): one sentence, no comma inside."""
    stripped = strip_closers(text)
    return (
        ends_with_question(stripped)
        and 0 < fur.words_of(stripped) <= QUESTION_HEADING_MAX_WORDS
        and not has_prose_punctuation(stripped)
        and not _TWO_SENTENCES.search(stripped.rstrip("؟?! "))
    )


def _titled_between_paragraphs(line: str, previous: str, following: str) -> bool:
    """A line standing alone, unmarked, between two paragraphs of running text (each longer than a verse
    line): where a feature's unmarked sub-heading stands («> هل لديك مثال؟», «• أجدك ناشطة جدا في
    تويتر؟» are an interview's marked questions)."""
    return (
        line[:1].isalpha()
        and fur.words_of(line) <= QUESTION_HEADING_MAX_WORDS
        and min(fur.words_of(previous), fur.words_of(following)) > VERSE_LINE_MAX_WORDS
        and is_body_line(previous)
        and is_body_line(following)
    )


# A title giving an interview to an outlet: «سياسي لبناني لـ اليــوم :», «طالع لـالوطن:», «… لـ«عكاظ»:».
_TO_OUTLET = re.compile(r"لـ\s*[«\"“]?\s*\S+\s*[»\"”]?\s*[:：]")
# Words of a question put to someone: a pronoun or a vocative of the second person.
_ADDRESS_WORDS = frozenset(normalize(w) for w in ("أنت", "أنتم", "أنتما", "أنتن", "يا"))
# Words ending in «ك» that put nothing to anyone (a demonstrative, an adverb of place).
_NOT_ADDRESS = frozenset(normalize(w) for w in ("ذلك", "كذلك", "لذلك", "بذلك", "تلك", "هناك", "هنالك"))


# A verb of the second person plural, normalized: «ت…ون» («وهل تتوقعون …؟», «كيف تقرؤون هذا المنع؟»); a
# noun of that shape has «ا» or «ي» before «ون» («تعاون», «تلفزيون»).
_SECOND_PERSON_PLURAL = re.compile(r"^[وف]?ت\w{2,}[^\Wاي]ون$")
# The verbs of opinion an interviewer asks with, in the second person singular, normalized: right after
# the question word («كيف ترى …؟», «هل تعتقد …؟», «وكيف تقيم …؟») they ask the one interviewed; a
# feature's question heads its part with a verb of what happens («متى تظهر الأعراض؟»).
_OPINION_VERBS = frozenset(
    normalize(w) for w in ("ترى", "تتوقع", "تعتقد", "تظن", "تقيم", "تفسر", "تنظر", "تقرأ", "تصف")
)
_QUESTION_WORDS = frozenset(normalize(w) for w in ("كيف", "هل", "ماذا", "بماذا", "لماذا", "بم", "أين", "متى"))


def _addresses(question: str) -> bool:
    """Whether a question is put to someone: a pronoun, a vocative, a suffix or a verb of the second
    person («ماذا تقرأ … يا دكتور؟», «هل لديك مثال؟», «هناك من اتهمك بالثقافة السطحية؟», «وهل تتوقعون
    انفراجا؟», «كيف ترى المشهد الثقافي؟»)."""
    words = normalize(question).replace("؟", " ").replace("?", " ").split()
    if any(_SECOND_PERSON_PLURAL.match(w) for w in words):
        return True
    asked = [w[1:] if w[:1] in "وف" and w[1:] in _QUESTION_WORDS else w for w in words]
    if any(a in _QUESTION_WORDS and b in _OPINION_VERBS for a, b in pairwise(asked)):
        return True
    return any(
        w in _ADDRESS_WORDS or (w.endswith("ك") and len(w) > 3 and w not in _NOT_ADDRESS) for w in words
    )


def _asks_among_titles(lines: list[str], title: str | None) -> bool:
    """Whether a text whose sub-headings stand unmarked between its paragraphs asks some of them as
    questions (a sports feature's «كرمونا قبل وفاتنا», then «من ينسى سعيد لبان؟», then «اسماعيل فلمبان
    غزال الملاعب»): its short questions between paragraphs head sections as its noun-phrase titles do.
    An interview's questions are its text: a text with as many such questions as titles or more, one
    that puts a question to someone (``_addresses``) or one whose title gives it to an outlet
    («… لـ«الوطن»:»)."""
    if title is not None and _TO_OUTLET.search(title):
        return False
    titles = questions = 0
    for previous, line, following in zip(lines, lines[1:], lines[2:], strict=False):
        if not _titled_between_paragraphs(line, previous, following):
            continue
        if _short_question(line):
            if _addresses(line):
                return False
            questions += 1
        elif looks_like_heading(line):
            titles += 1
    return 0 < questions < titles


def layout_mark(lines: list[str]) -> str | None:
    """The mark this text prints before its sub-headings («*» in «* عنوان النخبة»), or None.

    Evidence, not a list: at least ``MARKED_LAYOUT_MIN_HEADINGS`` heading-shaped lines with the mark each
    precede running text, and they outnumber the short marked questions that do (a text whose marked
    lines are mostly questions is an interview, its questions are no sub-headings).
    """
    headings: dict[str, int] = {}
    questions: dict[str, int] = {}
    for line, following in pairwise(lines):
        mark = line[:1]
        if mark not in _LAYOUT_MARKS or not _is_bullet(line) or not is_body_line(following):
            continue
        if looks_like_heading(line):
            headings[mark] = headings.get(mark, 0) + 1
        elif _short_question(heading_text(line)):
            questions[mark] = questions.get(mark, 0) + 1
    for mark, count in headings.items():
        if count >= MARKED_LAYOUT_MIN_HEADINGS and count > questions.get(mark, 0):
            return mark
    return None


def _unmarked_paragraph(body: list[str], mark: str | None) -> list[str]:
    """A section's paragraphs without the mark its first one repeats from the heading: Asharq
    Al-Awsat stars a sub-heading and the paragraph under it («* احتجاجات على القطيعة» / «* لكن
    المفاجأة …»). Kept when more paragraphs of the section carry the mark: those are a list."""
    if not mark or not body or not body[0].startswith(mark):
        return body
    if any(line.startswith(mark) for line in body[1:]):
        return body
    return [heading_text(body[0]), *body[1:]]


def _introduces(line: str | None) -> bool:
    """A paragraph that the next line continues, which is then never a sub-heading: one ending with a
    colon (its quotation or list follows) or a comma (the sentence goes on), or a short lead-in that
    trails off («فغيرها إلى..», «وفي مقطع آخر..», «لكن»)."""
    if line is None:
        return False
    stripped = line.rstrip('"”»’) ')
    if ends_with_colon(line) or stripped.endswith(("،", ",")):
        return True
    return fur.words_of(line) <= LEAD_IN_MAX_WORDS and (ends_with_function_word(line) or trails_off(line))


_TURN = re.compile(r"^([^:：.!?؟،,]{1,30})[:：]\s*\S")


def _speaker(line: str | None) -> str | None:
    """The speaker of a «SPEAKER: words» turn (dialogue, interview), else None; «وقال مصدر:» and
    other verbs of saying introduce a quotation and are no speaker."""
    match = _TURN.match(line or "")
    if not match:
        return None
    name = match.group(1).strip()
    if (
        fur.words_of(name) > TURN_SPEAKER_MAX_WORDS
        or introduces_quote_or_list(name)
        or starts_like_clause(name)
    ):
        return None
    return name


def _under_colon(lines: list[str], i: int, start: int) -> bool:
    """Whether lines[i] ends a colon line or short lines under one: verse or a list the colon introduced
    («وتقول كلمات الأغنية:» over «متحدي وناوي السنة», «افوز واتصدر بعد», …), whose lines may end with a
    function word or open with a conjunction as verse does."""
    while i > start and not ends_with_colon(lines[i]):
        if fur.words_of(lines[i]) > TRAILING_MAX_WORDS or ends_like_sentence(lines[i]):
            return False
        i -= 1
    return i >= start and ends_with_colon(lines[i])


def _closes_rhymed_verse(lines: list[str], first: int, end: int, start: int) -> bool:
    """Whether lines[first:end] close a poem quoted under a colon line: verse-length lines from the line
    after the colon («فنشر قصيدة طويلة يعاتب فيها الوزير مهدي عماش:») to the end, at least
    BLOCK_MIN_LINES of them, that rhyme (see :func:`_rhymes`: «… اعتسافا», «… اقتيافا», «… تنافى»), though
    a line asks a question («ماذا تنافي، بل وماذا ثَمَّ من خلق يُنافى؟») where _under_colon stops at a
    sentence's end. The poem's last lines are its text, not related headlines."""
    i = first - 1
    while i > start and not ends_with_colon(lines[i]):
        if fur.words_of(lines[i]) > VERSE_LINE_MAX_WORDS:
            return False
        i -= 1
    verse = lines[i + 1 : end]
    return (
        ends_with_colon(lines[i])
        and len(verse) >= BLOCK_MIN_LINES
        and all(fur.words_of(line) <= VERSE_LINE_MAX_WORDS for line in verse)
        and _rhymes(verse)
    )


def _reviews(card_tail: list[str]) -> bool:
    """Whether the lines after a film's director credit, up to the next card, hold a review: a paragraph
    of running text beyond the card's other credits («تمثيل: إد هاريس، مايكل بينا، آمي ماديغن.», a
    labelled line like a turn of a dialogue, see _TURN)."""
    return any(is_body_line(line) and not _TURN.match(line) for line in card_tail)


def _is_credit_signature(line: str) -> bool:
    """«سارة ـ الدمام», «عماد عبدالله ـ الخبر»: a name and a place joined by a dash."""
    parts = re.split(r"\s*[–—ـ-]\s*", line.strip())
    return len(parts) == 2 and all(parts) and fur.is_place_name(parts[1])


def _opens_quoted_lines(line: str) -> bool:
    """«"سحقا لمن باع الأمانة والهدى.. ومضى بخبث يستبيح المسجدا»: a short line (a verse, a quote's line)
    that opens a quotation it does not close, which the lines under it go on with. A paragraph of prose
    with a quote mark left open is no such line."""
    return (
        line.lstrip().startswith(_QUOTE_OPENERS)
        and has_open_quote(line)
        and fur.words_of(line) <= BODY_MIN_WORDS
    )


def _names_speaker(line: str) -> bool:
    """«محمد إبراهيم يعقوب:», «مفرح الشقيقي:»: a person's name and a colon, whose words (a verse, a quote)
    follow."""
    return ends_with_colon(line) and fur.is_person_name(strip_closers(line).rstrip(":： "))


def _continues_heading(fragment: str, line: str) -> bool:
    """Whether ``line`` completes ``fragment`` as one sub-heading broken over two lines."""
    if _is_bullet(line) or _is_bullet(fragment) or not looks_like_heading(fragment):
        return False
    if max(fur.words_of(fragment), fur.words_of(line)) > SPLIT_HEADING_PART_MAX_WORDS:
        return False
    if any(mark in text for text in (fragment, line) for mark in (":", "：", "(", ")")):
        return False  # «السن: 27 سنة» / «الدخل: …», «ستيفن كينغ» / «(400 مليون دولار)»
    if starts_like_clause(fragment) or fur.is_caption(fragment) or fur.parse_credit(line) is not None:
        return False  # a verse, a caption, «topic» / «NAME ـ CITY» (a reader's signature)
    return not _is_credit_signature(line)


def _breaks_sentence(line: str, previous: str | None, following: str) -> bool:
    """Whether ``line`` is part of a sentence broken over lines, not a sub-heading: the line under it
    goes on with its sentence, opening with a relative pronoun («لم يرض ذلك …» / «التي ترى ذلك …») or,
    under a line long enough to hold a verb and its subject (BROKEN_SENTENCE_MIN_WORDS), with a verb of
    purpose («… تساعد الأجهزة الفنية» / «لتحد الحاجة والاستغناء …»); it goes on with the sentence above
    it itself, opening with a relative pronoun («التي امتزجت في ملامحنا …») or with a verb of purpose
    under a line that ends no sentence; or it opens as a paragraph's sentence does («من جهة ثانية، أعلنت
    روسيا أن الإصلاحات المزمع إدخالها» / «على الدستور الأوكراني …»). A word of ل and ي/ت is as often a
    name or a jussive opening a sentence of its own: a short title over it («ليندا» over «ليندا، 29 عاما،
    …»), or a title of that word after a paragraph («ليلى»), heads a section. A colon-ended title
    introduces the line under it, which may open with a relative pronoun («ومضة قلم:» over «الذي يلهو
    بالحياة …»)."""
    if opens_with_fronted_phrase(line) or opens_with_relative(line):
        return True
    if (
        (opens_with_purpose_verb(line) or opens_with_genitive(line))
        and previous is not None
        and not ends_like_sentence(previous)
    ):
        return True
    if ends_with_colon(line):
        return False
    if opens_with_relative(following) or opens_with_genitive(following):
        return True
    return opens_with_purpose_verb(following) and fur.words_of(line) >= BROKEN_SENTENCE_MIN_WORDS


def _between_paragraphs(line: str, previous: str | None, following: str) -> bool:
    """Whether a line stands between paragraphs longer than a verse line (VERSE_LINE_MAX_WORDS), or opens
    the text over one: where a sub-heading of a text in short lines stands. A title of a word or a few
    (TITLED_PART_MAX_WORDS) after a paragraph may head short lines («وتر» over a closing poem), and a
    colon-ended title («الخبر الرابع:») stands anywhere."""
    if previous is not None and fur.words_of(previous) <= VERSE_LINE_MAX_WORDS:
        return False
    return fur.words_of(following) > VERSE_LINE_MAX_WORDS or fur.words_of(line) <= TITLED_PART_MAX_WORDS


# «كل من:» / «كلا من:» ("each of:") closing a line: the names or things it lists follow as its sentence's end.
_EACH_OF = re.compile(r"(?<!\w)كل[اًٌٍ]*\s+من\s*[:：]\s*[-–ـ]*$")


def _heads_next_list(line: str, previous: str | None, following: str, after: str | None) -> bool:
    """A colon-ended noun phrase over a list, heading it: «طرق تجنيد الشباب:» after the last dashed item
    of one list and over the first of the next, or «جلسات الأسبوع الماضي:» after a paragraph's closing
    sentence and over two items or more of one mark (a weekly market report's dashed figures). A title of
    a list may run longer than a colon heading over prose (``HEADING_MAX_WORDS``: «أبرز الصفات التي تتوفر
    في الشباب الذين ينضمون إلى التنظيمات الإرهابية:»); one that opens like a clause or introduces
    («وتضمنت القرارات ما يلي:») is the list's own lead-in, part of the text. After a paragraph the title
    is a short noun phrase (``COLON_HEADING_MAX_WORDS``: «نوعية المشاريع:», «تفاصيل الألبوم :»): a longer
    line over a list is the paragraph's closing sentence («وهناك عوامل جانبية أخرى لها دور في تكون حصوات
    المرارة مثل:»), a line opening like a continued sentence or holding a colon before its end is an
    item or a lead-in («رابعا: بناء على ما ورد … تقرر إعفاء كلا من :»), so is one closing on «كل من:»
    ("each of", over the names it lists), and a paragraph that introduces or trails off goes on in the
    line under it (see _introduces)."""
    if previous is None or not _is_bullet(following):
        return False
    if not _is_bullet(previous):
        listed = after is not None and _is_bullet(after) and _mark_kind(after) == _mark_kind(following)
        if not listed or not ends_like_sentence(previous, colon=False) or _introduces(previous):
            return False
        if fur.words_of(line) > COLON_HEADING_MAX_WORDS or starts_with_conjunction(line):
            return False
        if _EACH_OF.search(strip_closers(line)):
            return False  # «والفقيد والد كل من:» over his children's names: the sentence goes on in them
        if re.search(r"[:：]", strip_closers(line).rstrip(" :：-–ـ")):
            return False
    return _titles_list(line)


def _heads_figures(line: str, previous: str | None, after: list[str]) -> bool:
    """A colon-ended noun phrase over a column of figures, one a line, heading it: «المقبولين من الرجال:»
    over «1005079577», «1022428591», … after a sentence or the last figure of the column before. One
    figure under a label is the label's value («حساب الوقف :» over an account number), no column."""
    if previous is None or not (ends_like_sentence(previous) or _NUMBER_LINE.match(previous)):
        return False
    column = after[:FIGURES_MIN_LINES]
    return (
        len(column) == FIGURES_MIN_LINES and all(_NUMBER_LINE.match(f) for f in column) and _titles_list(line)
    )


def _marks_list_title(line: str, previous: str | None, following: str, after: str | None) -> bool:
    """A heading printed with a layout mark over a list whose items carry another mark, after a
    paragraph: «* ماذا يحدث بعد الإجراء؟» over «- سوف يتم وضع أجهزة …», «- إذا تم …». The star decorates
    the heading (a short question too, as in a marked layout), the dash the items; the heading is no item
    of theirs. A list is two items at least: an interview stars its question and dashes the one answer
    under it («* ما رؤيتك للموسم؟» over «- نظرًا للظروف …», then prose or the next question)."""
    if line[:1] not in _LAYOUT_MARKS or not _is_bullet(line) or not _is_bullet(following):
        return False
    kind = _mark_kind(following)
    if kind == _mark_kind(line) or after is None or not _is_bullet(after) or _mark_kind(after) != kind:
        return False
    if previous is None or _is_bullet(previous) or not is_body_line(previous) or _introduces(previous):
        return False
    return looks_like_heading(line) or _short_question(heading_text(line))


def _titles_list(line: str) -> bool:
    """A list's title: a colon-ended noun phrase, not a clause or a lead-in that introduces the list (one
    opening with a verb that brings in the items, «حضر اللقاء:», or ending on a preposition, «وذلك بعد:»,
    goes on in the list)."""
    text = line.rstrip()
    if not ends_with_colon(text) or _is_bullet(line) or len(text) > HEADING_MAX_CHARS:
        return False
    return (
        fur.words_of(text) <= HEADING_MAX_WORDS
        and not introduces_quote_or_list(text)
        and not opens_with_item_verb(text)
        and not ends_with_function_word(text)
        and not opens_with_joined_verb(text)
        and not starts_like_clause(text)
        and not opens_like_no_headline(text)
        and not _TWO_SENTENCES.search(text)
        and not has_prose_punctuation(text)
    )


def is_body_line(line: str) -> bool:
    """Running text: ends like a sentence, is long, or is prose cut off (commas inside, or ending on a
    preposition because the page was truncated)."""
    words = fur.words_of(line)
    return (
        (ends_like_sentence(line) and not looks_like_heading(line))
        or words > BODY_MIN_WORDS
        or (words >= 4 and has_prose_punctuation(line))
        or (words >= 5 and ends_with_function_word(line))
    )


def is_verse(lines: list[str]) -> bool:
    """Whether a body is a poem printed as the article (free verse in stanzas, a Nabati poem, a poem in
    titled fragments): its lines are short, many break off mid-sentence («حين كنت في السادسة،», «كما
    لو أنيّ أعرضت عنها حين»), and it is no list (few numbered, dashed or «label: value» lines, few
    figures), with at most a line of prose in ten. A poem's lines are its text: none is a sub-heading or
    furniture by its shape."""
    lines = [line for line in lines if line]
    long_lines = sum(1 for line in lines if fur.words_of(line) > BODY_MIN_WORDS)
    if len(lines) < VERSE_MIN_LINES or long_lines > VERSE_PROSE_SHARE * len(lines):
        return False
    short = sum(1 for line in lines if fur.words_of(line) <= VERSE_LINE_MAX_WORDS)
    open_ended = sum(
        1 for line in lines if not ends_like_sentence(line, colon=False) or line.rstrip()[-1:] in "،,؛;"
    )
    listlike = sum(
        1
        for line in lines
        if _is_bullet(line) or any(ch.isdigit() for ch in line) or _TURN.match(line) or "×" in line
    )
    n = len(lines)
    return (
        short >= VERSE_SHORT_SHARE * n
        and open_ended >= VERSE_OPEN_SHARE * n
        and listlike <= VERSE_LISTLIKE_SHARE * n
    )


def is_short_lined(lines: list[str]) -> bool:
    """Whether a text runs in short lines (see SHORT_LINED_SHARE): a column broken like verse («* كلُّ من
    يقرأ التاريخَ ويتمعَّن سطورَه...», «يدرك أن السياسةَ الإيرانية الحالية...», …) or a review quoting a prose
    poem between its paragraphs. Its short lines are shaped like sub-headings; few of them are. The items
    of a list («* الخلاط الزجاجي») are no such lines."""
    lines = [line for line in lines if line]
    short = sum(1 for line in lines if fur.words_of(line) <= VERSE_LINE_MAX_WORDS and not _is_bullet(line))
    return len(lines) >= VERSE_MIN_LINES and short >= SHORT_LINED_SHARE * len(lines)


# When a report's lead says its event fell: a number (a date, an hour) or a word of the day («أمس», «اليوم»,
# «الماضي», «الجاري»), normalized.
_TELLS_WHEN = re.compile(r"\d|(?<!\w)[وب]?(?:امس|بالامس|اليوم|الماضيه?|الجاريه?|المقبله?)(?!\w)")


def reports_in_short_sentences(lines: list[str], *, dated: bool) -> bool:
    """Whether a text in short lines (see is_short_lined) is a news report written in one-sentence
    paragraphs, whose short lines between them are sub-headings («تحذيرات الدفاع المدني» between «وقد
    تؤدي إلى جريان السيول في الأودية.» and «ودعا الدفاع المدني المواطنين …»): its first paragraph is a
    long lead that opens as a report does (see :func:`nashra.arabic.opens_news_report`) or came under a
    dateline (``dated``) or names when the event fell (a number, «أمس», «اليوم»: see _TELLS_WHEN), no
    short line trails off, and every short line that ends no sentence stands alone between sentences. A
    column of aphorisms («قال أحد الحكماء …»), a dream column with its readers' signatures, a prose poem
    under a dateline («في صباح كهذا …») open otherwise or run short lines together."""
    lines = [line for line in lines if line]
    if not lines or fur.words_of(lines[0]) <= BODY_MIN_WORDS:
        return False
    if not (opens_news_report(lines[0]) and (dated or _TELLS_WHEN.search(normalize(lines[0])))):
        return False
    sentence = [ends_like_sentence(line, colon=False) or is_body_line(line) for line in lines]
    for i, line in enumerate(lines):
        if fur.words_of(line) > VERSE_LINE_MAX_WORDS or _is_bullet(line):
            continue
        if trails_off(line):
            return False
        if not sentence[i] and not (0 < i < len(lines) - 1 and sentence[i - 1] and sentence[i + 1]):
            return False
    return True


def _rhymes(lines: list[str]) -> bool:
    """Whether most of the lines end on the same letter, as the lines of a poem rhyme («… الجبال», «…
    الرمال»); the decks of a report end as their phrases do («… ثلاثة أشهر», «… والأرامل», «… 25 عاما»).
    The feminine ending ة (ه) ends too many nouns to be a rhyme («… بعد فترة قصيرة», «… الأكثر حاجة»)."""
    endings = [last_word(line)[-1:] for line in lines if last_word(line)]
    rhymes = [e for e in endings if e not in _FEMININE_ENDINGS]
    return bool(rhymes) and max(rhymes.count(e) for e in rhymes) * 2 > len(endings)


# The feminine ending, and ه as a text without dots spells it.
_FEMININE_ENDINGS = frozenset("ةه")
# The vocative «يا» opening a line («يا وطني المسافر في دمي»): a poem's address, no report's deck.
_VOCATIVE = normalize("يا")


def _decks_over_report(block: list[str], first: str) -> bool:
    """Whether short lines above the first paragraph are a report's decks, not verse it quotes: the
    paragraph opens as a news report's lead does (see :func:`nashra.arabic.opens_news_report`: «دشن
    وزير الإسكان أمس …» under «تسليم الدفعة الأولى بعد ثلاثة أشهر», «أولوية للأسر الأكثر حاجة
    والأرامل», «تمويل بلا فوائد لمدة 25 عاما») and the lines show nothing of verse: none trails off, none
    is vocalized, none addresses anyone («يا وطني …»), they do not rhyme, and the paragraph speaks of no
    poem. Verse over a column's opening («قصيدة منها هذان البيتان، …») stays its text."""
    return (
        opens_news_report(first)
        and not any(trails_off(line) for line in block)
        and not any(first_word(line) == _VOCATIVE for line in block)
        and not is_vocalized(" ".join(block))
        and not _rhymes(block)
        and not mentions_poem(first)
    )


def titled_parts(lines: list[str]) -> set[str]:
    """The titles of a text in titled fragments, or an empty set: colon-ended lines of a word or a few
    («دخول:», «مقلة:», «حاجب:», … «خروج:» heading the stanzas of a poem), at least ``TITLED_PARTS_MIN``,
    each over a line of text that is no title; a colon line that introduces («وقال:») or opens a clause, a
    one-letter speaker («س:») and a person's name («مفرح الشقيقي:» over his verse), whose words follow, is
    none."""
    titles = {
        line
        for line, following in pairwise(lines)
        if _is_part_title(line, following) and not _names_speaker(line)
    }
    return titles if len(titles) >= TITLED_PARTS_MIN else set()


def _is_part_title(line: str, following: str) -> bool:
    """Whether a colon-ended line of a word or a few titles the line of text under it («دخول:», «السطر
    الأخير :»); see titled_parts."""
    text = line.rstrip()
    if not ends_with_colon(text) or not has_arabic(following) or ends_with_colon(following):
        return False  # «حساب الوقف :» over an account number labels a value, it heads no text
    core = text.rstrip(":： ")
    return not (
        fur.words_of(core) > TITLED_PART_MAX_WORDS
        or len(core.replace(" ", "")) < 3
        or _is_bullet(line)
        or not looks_like_heading(line)
        or introduces_quote_or_list(line)
        or opens_with_joined_verb(line)
        or starts_like_clause(line)
    )


def _is_kicker_title(line: str) -> bool:
    """Whether a line titles a column's closing kicker: a word or a few, unmarked, one of them a word of
    closing («السطـر الأخـير :», «الكلام ألأخير..», «ختاماً:»), ending with a colon or dots. A question
    («كلمة أخيرة؟») is an interviewer's, a full stop ends a sentence, and a bare noun phrase may be a
    caption («شعراء الأمسية الأخيرة» over the other evenings' poets). A kicker's own name alone on the
    line titles it, colon or not («وخزة» over a saying, «ومضة:» over a verse: ``_KICKER_NAMES``)."""
    text = line.strip()
    core = text.rstrip(":：.… ")
    if normalize(core) in _KICKER_NAMES:
        return True
    ending = text[len(core) :].replace(" ", "")
    if ending not in (":", "：") and not (len(ending) > 1 and set(ending) <= {".", "…"}) and ending != "…":
        return False
    if not core or _is_bullet(text) or fur.words_of(core) > TITLED_PART_MAX_WORDS:
        return False
    return any(normalize(word) in _KICKER_WORDS for word in core.split())


def _signature(line: str) -> bool:
    """Whether a line is a name signing the text («- د. محمد بن صالح الرصيص», «م. سلمان الصوينع»): a name
    line (see furniture.is_name_line) that ends like no sentence («قلت بلى.» is a short line of dialogue)."""
    return fur.is_name_line(line) and not ends_like_sentence(line)


def _bracketed_title(line: str) -> bool:
    """Whether a line is a short title in round brackets, all of it («(بين قوسين)»: Al-Watan's name for a
    column's closing part): up to ``TITLED_PART_MAX_WORDS`` words in Arabic, no punctuation inside, and no
    person's name («(أحمد عيد)» credits the quote above it in a column of quotes)."""
    text = line.strip()
    inner = text[1:-1].strip()
    return (
        text.startswith("(")
        and text.endswith(")")
        and 0 < fur.words_of(inner) <= TITLED_PART_MAX_WORDS
        and has_arabic(inner)
        and not re.search(r"[()«»\"“”.,،:؛;!?؟]", inner)
        and not fur.is_person_name(inner)
    )


def _closing_lines(lines: list[str]) -> int:
    """How many lines a column's closing block counts as: one each, and the verse or list a colon line
    introduces one with it («الأبيات للمعتمد بن عبّاد:» over four verse lines is one line of closing)."""
    count = i = 0
    while i < len(lines):
        count += 1
        i += 1
        if ends_with_colon(lines[i - 1]):
            while (
                i < len(lines)
                and fur.words_of(lines[i]) <= VERSE_LINE_MAX_WORDS
                and not ends_with_colon(lines[i])
            ):
                i += 1
    return count


# The first words of a signature's post lines under a text quoted in full («وزير الدفاع», «ولي ولي العهد
# النائب الثاني لرئيس», «- اللجنة السعودية للرقابة على المنشطات»), normalized.
_POST_WORDS = frozenset(
    normalize(w)
    for w in (
        "وزير",
        "رئيس",
        "ولي",
        "نائب",
        "أمين",
        "الأمين",
        "مدير",
        "المدير",
        "محافظ",
        "أمير",
        "ملك",
        "سفير",
        "قائد",
        "مستشار",
        "مجلس",
        "عضو",
        "النائب",
        "الرئيس",
        "الأمير",
        "الملك",
        "السفير",
        "القائد",
        "المستشار",
        "المحافظ",
        "اللجنة",
        "الهيئة",
        "وزارة",
        "مفتي",
        "المفتي",
    )
)
# The words that chain a signatory's full name («سلمان بن عبدالعزيز آل سعود»), normalized.
_NAME_LINKS = frozenset(normalize(w) for w in ("بن", "بنت", "آل"))
# A signature's line (a name, a post) is at most this long.
SIGNATURE_LINE_MAX_WORDS = 8


def _signs(line: str) -> bool:
    """Whether a line belongs to the signature under a letter or a text quoted in full: the closing
    greeting, a name («عبدالله فراج السهلي», «سلمان بن عبدالعزيز آل سعود») or a post («وزير الدفاع»,
    «المفتي العام للمملكة العربية السعودية»). A headline opening with a post, its verb after the post's
    complement («أمير الرياض يستقبل سفير اليابان لدى المملكة», see _post_headline), signs nothing."""
    if closes_letter(line) or fur.is_name_line(line):
        return True
    words = [normalize(w) for w in line.strip().strip("-–—*• ").split()]
    if not words or len(words) > SIGNATURE_LINE_MAX_WORDS or _post_headline(words):
        return False
    return words[0] in _POST_WORDS or any(w in _NAME_LINKS for w in words[1:-1])


def _letter_signature(body: list[str]) -> int:
    """How many of the last lines of a letter's text are its signature: the writer's name alone
    («عبدالله بن محمد الحربي», see :func:`nashra.articles.furniture.is_name_line`) under its last
    paragraph, with the place it was sent from under it, if any («الرياض», even where a paper bears its
    name: a signature names no outlet). 0 when the line above the
    name is no paragraph of running text (a name among short lines is text) or there is no name."""
    place = 1 if body and (fur.is_place_name(body[-1]) or fur.is_short_place(body[-1])) else 0
    name = len(body) - 1 - place
    if name < 1 or not fur.is_name_line(body[name]) or ends_like_sentence(body[name]):
        return 0
    if fur.is_place_name(body[name]) or not ends_like_sentence(body[name - 1], colon=False):
        return 0
    return place + 1


# A headline opening with a post runs this many words or more («وزير الصحة يفتتح مستشفى جديدا في
# جازان»); a post under a signature runs shorter or has no verb («رئيس هيئة كبار العلماء»).
POST_HEADLINE_MIN_WORDS = 6
# The verb of such a headline, in the present tense of the third person (ي, ت), counts this many letters.
_HEADLINE_VERB_LETTERS = (4, 6)


def _post_headline(words: list[str]) -> bool:
    """Whether normalized words opening with a post are a headline: POST_HEADLINE_MIN_WORDS words or
    more, the third a verb of the present tense («أمير الرياض يستقبل …», «ولي العهد يرأس …»)."""
    if len(words) < POST_HEADLINE_MIN_WORDS or words[0] not in _POST_WORDS:
        return False
    verb = words[2]
    low, high = _HEADLINE_VERB_LETTERS
    return verb[:1] in ("ي", "ت") and low <= len(verb) <= high


# A line giving a text's date of issue («صدر في الرياض بتاريخ 12/10/1436هـ»): a date, or «صدر» (normalized).
_ISSUED = re.compile(r"(?<!\w)(?:[وف]?صدر|بتاريخ)(?!\w)|\d")


def _links_to_stories(lines: list[str]) -> bool:
    """Whether the lines under a signature are links to other stories: headlines of three words or more,
    none opening with a post unless shaped as a headline (see _post_headline), none giving a date of
    issue (a date, «صدر»): the signatory's posts and the text's date are its text."""
    for line in lines:
        words = [normalize(w) for w in line.strip().strip("-–—*• ").split()]
        if len(words) < 3 or _ISSUED.search(" ".join(words)):
            return False
        if words[0] in _POST_WORDS and not _post_headline(words):
            return False
    return bool(lines)


def _signature_end(lines: list[str]) -> int:
    """How many of the short lines under a letter or a text quoted in full are its signature, its text
    («سلمان بن عبدالعزيز آل سعود», «وزير الدفاع», «صدر في الرياض بتاريخ …»): all of them, unless the
    signature is followed by links to other stories (see _links_to_stories: «خادم الحرمين يغادر المملكة
    في إجازة خاصة»): the quoted text ends at its signature and they are the page's furniture."""
    signed = 0
    while signed < len(lines) and _signs(lines[signed]):
        signed += 1
    if signed and _links_to_stories(lines[signed:]):
        return signed
    return len(lines)


# Words that open running text («وهنا …») or another item of the sentence above («أو …») and still open a
# sub-heading set off by blank lines (see _Cutter._set_off_heading), normalized.
_SET_OFF_OPENERS = frozenset(normalize(w) for w in ("وهنا", "فهنا", "أو"))
# «إلى هنا أتوقف», «وحتى هنا أكتفي», «هنا أتوقف»: the writer stopping, in the first person (normalized).
_STOP_HERE = re.compile(r"^\W*[وف]?(?:(?:الي|حتي)\s+هنا|هنا\s+(?:اتوقف|اكتفي|اختم))(?!\w)")
_STOP_VERBS = frozenset(normalize(w) for w in ("أتوقف", "أكتفي", "أختم"))
# «نتوقف», «نكتفي», «نختم» (we) stop the writing only when what follows points at it («ونكتفي بهذا
# القدر», «نتوقف هنا»); otherwise they head a part («أين نتوقف في التسوق», «نكتفي بالضروريات»).
_STOP_VERBS_WE = frozenset(normalize(w) for w in ("نتوقف", "نكتفي", "نختم"))
_STOP_POINTERS = frozenset(normalize(w) for w in ("بهذا", "هنا", "عند", "بذلك"))


def _stops_writing(line: str) -> bool:
    """Whether a short line is the writer saying they stop («إلى هنا أتوقف», «وأكتفي بهذا القدر»,
    «ونكتفي بهذا القدر»): it opens with «هنا» or a verb of stopping, a sentence of the column's
    closing, never the heading of its last paragraph («أين نتوقف في التسوق», «نكتفي بالضروريات»)."""
    folded = normalize(line)
    if _STOP_HERE.match(folded):
        return True
    words = [w[1:] if w[:1] in "وف" and w[1:] in _STOP_VERBS | _STOP_VERBS_WE else w for w in folded.split()]
    if not words:
        return False
    if words[0] in _STOP_VERBS:
        return True
    return words[0] in _STOP_VERBS_WE and len(words) > 1 and words[1] in _STOP_POINTERS


# The prefixes of the present tense («يكمن», «تكمن», «نبقى», «أرى») and the letters such a verb counts.
_PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
_PRESENT_VERB_LETTERS = (4, 6)


def _opens_with_present_verb(text: str) -> bool:
    """Whether text opens with a word shaped as a verb of the present tense: a prefix of the present
    (see _PRESENT_PREFIXES), no article, _PRESENT_VERB_LETTERS letters («تكمن», «نبقى»); «هكذا»,
    «مربط», «نص» are none."""
    word = first_word(text)
    low, high = _PRESENT_VERB_LETTERS
    return word[:1] in _PRESENT_PREFIXES and not word.startswith("ال") and low <= len(word) <= high


# A prayer for the dead or the sick («رحمهم الله جميعا», «تغمده الله بواسع رحمته», «الله يرحمه», «إنا لله
# وإنا إليه راجعون»), normalized: a sentence of the text, never a sub-heading.
_PRAYER = re.compile(
    r"(?<!\w)[وف]?(?:(?:ي?رحم|تغمد|يتغمد|غفر|يغفر|عفا|شفا|يشفي)\w*\s+الله|الله\s+(?:يرحم|يغفر|يشفي)\w*"
    r"|انا\s+لله)(?!\w)"
)


def _prays(line: str) -> bool:
    """Whether a line is a prayer (see _PRAYER) said between a report's sentences."""
    return bool(_PRAYER.search(normalize(line)))


# Words placing a photo's subject in the moment it was taken («المتهم أثناء نقله …», «… خلال زيارته», «…
# وسط جموع المصلين», «لحظة وصوله»), normalized.
_SCENE_WORDS = frozenset(normalize(w) for w in ("أثناء", "خلال", "لحظة", "لحظات", "وسط", "عقب"))


def _tells_scene(line: str) -> bool:
    """Whether a line places its subject in a moment, as a photo caption does (see _SCENE_WORDS)."""
    return any(word in _SCENE_WORDS for word in normalize(line).split())


# The ordinals numbering the items of a statement's list («أولاً: …», «ثانياً: …»), normalized.
_ORDINALS = frozenset(
    normalize(w)
    for w in ("أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا")
)


def _opens_list_item(line: str) -> bool:
    """Whether a line opens an item of a list: a number, a letter or a mark (see _is_bullet), or an
    ordinal («أولاً: اتضح …»)."""
    return _is_bullet(line) or first_word(line) in _ORDINALS


def _is_lead_start(line: str) -> bool:
    """The first paragraph of running text: a sentence, a long line, or a sentence that introduces the
    quotation, list or passage under it («صدر عن الديوان الملكي اليوم البيان التالي:», «في مسلسل أميركي
    عن البوليسية ومطاردة الجريمة، نجد هذا المشهد:»: a comma inside shows the colon ends a sentence, not a
    deck's or a sub-heading's phrase; a letter's greeting, «السلام عليكم ورحمة الله وبركاته، وبعد:» or
    alone on its line, «السلام عليكم ورحمة الله وبركاته..», is none, and neither is an address ending with
    a comma, «سعادة مدير عام التعليم المحترم،»)."""
    words = fur.words_of(line)
    if (
        is_salutation(line)
        and not greets_then_says(line)
        and (strip_closers(line).endswith(("،", ",")) or words <= SALUTATION_MAX_WORDS)
    ):
        return False
    if _introduces_full_text(line):
        return not fur.is_caption(line)
    if (
        words >= LEAD_MIN_WORDS
        and ends_with_colon(line)
        and (introduces_quote_or_list(line) or (has_prose_punctuation(line) and not is_salutation(line)))
    ):
        return not fur.is_caption(line)
    return (ends_like_sentence(line, colon=False) and words >= LEAD_MIN_WORDS) or words > BODY_MIN_WORDS


# Words with which a sentence says the text under it is quoted in full («فيما يلي نصه», «وهذا نصها»,
# «وفيما يلي نص البيان»), normalized.
_FULL_TEXT_WORDS = frozenset(normalize(w) for w in ("نصه", "نصها", "ونصه", "ونصها"))
_FULL_TEXT = re.compile(r"(?<!\w)يلي\s+نص(?!\w)")


def _introduces_full_text(line: str) -> bool:
    """Whether a sentence introduces a text quoted in full under it (an order, a statement, a letter):
    «صدر اليوم أمر ملكي فيما يلي نصه :بسم الله الرحمن الرحيم», the page running the text's first words
    into it after the colon. Only the words before the colon count, at least LEAD_MIN_WORDS of them."""
    head, colon, _rest = line.partition(":")
    if not colon:
        return False
    folded = normalize(head)
    return fur.words_of(head) >= LEAD_MIN_WORDS and (
        any(word in _FULL_TEXT_WORDS for word in folded.split()) or bool(_FULL_TEXT.search(folded))
    )


def cut(
    lines: Iterable[str],
    *,
    title: str | None = None,
    outlet: str | None = None,
    headings: Iterable[int] = (),
    byline: Credit | None = None,
) -> Body:
    """Cut a body given as lines (one paragraph per line; blank lines allowed) into sections.

    ``title`` and ``outlet`` are evidence for furniture (the headline repeated, the outlet's byline), and
    so is ``byline``, the credit the input gives beside the body (a record's author field: the same
    byline repeated at the head of the lead is furniture);
    ``headings`` are indices of ``lines`` known to be headings (HTML ``h2``/``h3``), kept whatever their
    shape. Section text keeps paragraph breaks as single newlines.

    Every body of every input kind (text, JSON, HTML page, feed entry) is cut here, so this is where
    the controls :func:`nashra.arabic.strip_controls` removes leave it, before any furniture rule reads
    a line: a source page's unclosed U+202B opening the lead is no part of the dateline after it, and
    ``nashra sections`` shows the text as it is stored.
    """
    raw = [strip_controls(line).strip() for line in lines]
    title = strip_controls(title) if title else title
    removed: list[Furniture] = []
    title = fur.split_title_tail(fur.split_title_label(title)[1])[0] if title else title
    explicit = {raw[i] for i in headings if 0 <= i < len(raw) and raw[i]}
    if any(fur.has_markup(line) for line in raw):
        plain, markup = fur.strip_markup("\n".join(raw))
        removed.extend(markup)
        raw = plain.split("\n")
    kept, dropped = _drop_line_furniture(raw)
    removed.extend(dropped)
    paragraphs = _drop_repeats([(line, blank) for line, blank in kept if line], removed)
    teaser = fur.split_teaser(paragraphs[0][0], title) if paragraphs else None
    if teaser is not None:
        # The headline and its thumbnail's address run into the first paragraph: the page's teaser.
        removed.append(Furniture("title", teaser[0]))
        paragraphs[0] = (teaser[1], paragraphs[0][1])
    credit = Credit(outlet=outlet)
    body = _Cutter(paragraphs, title, outlet, explicit, credit, removed, byline)
    sections = body.run()
    if credit.published_at is None or credit.published_at.moment is None:
        stamps = (fur.parse_published(f.text) for f in removed if f.kind in ("timestamp", "dateline"))
        credit.published_at = first_date(credit.published_at, *stamps)
    return Body(sections=sections, furniture=removed, credit=credit)


def section_lines(lines: Iterable[str]) -> list[Section]:
    """Sections of a body given as lines (see :func:`cut`), without its furniture and credits."""
    return cut(lines).sections


def section_text(text: str) -> list[Section]:
    """Sections of a body given as one string (see :func:`cut`)."""
    return section_lines(text.splitlines())


def _drop_repeats(paragraphs: list[tuple[str, bool]], removed: list[Furniture]) -> list[tuple[str, bool]]:
    """Drop a paragraph printed again in full by the next one, the first copy cut off and perhaps
    preceded by an outlet («سبق – سبق تقول للمسؤول: تظل المؤسسة … وسوء ا» above the whole paragraph)."""
    kept: list[tuple[str, bool]] = []
    for i, (line, blank) in enumerate(paragraphs):
        following = paragraphs[i + 1][0] if i + 1 < len(paragraphs) else None
        if following is not None and _is_cut_copy(line, following):
            removed.append(Furniture("repeat", line))
            continue
        kept.append((line, blank))
    return kept


def _is_cut_copy(line: str, following: str) -> bool:
    if len(line) < REPEAT_MIN_CHARS or len(following) <= len(line) - 40 or following[:12] not in line[:80]:
        return False
    folded, target = fur.fold(line), fur.fold(following)
    head = re.split(r"\s+[–—-]\s+", folded, maxsplit=1)
    candidates = [folded] + ([head[1]] if len(head) == 2 and fur.words_of(head[0]) <= 3 else [])
    for text in candidates:
        # The last word may be cut mid-word: compare up to the last whole word.
        whole = text.rsplit(" ", 1)[0] if " " in text else text
        if len(whole) >= REPEAT_MIN_CHARS and target.startswith(whole):
            return True
    return False


def _drop_line_furniture(lines: list[str]) -> tuple[list[tuple[str, bool]], list[Furniture]]:
    """Remove related-links lists (with their header) and self-evident furniture lines.

    Returns the remaining lines, each with whether a blank line preceded it, and what was removed.
    """
    out: list[tuple[str, bool]] = []
    removed: list[Furniture] = []
    blank = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            blank = True
            out.append(("", True))
            i += 1
            continue
        if is_related_header(line):
            # "اقرأ أيضاً: <title>" on one line is a single link; a bare header opens a list.
            inline = fur.words_of(line) > RELATED_HEADER_MAX_WORDS
            end = _skip_bullets(lines, i + 1) if inline else _skip_related_list(lines, i + 1)
            removed.extend(Furniture("related", item) for item in lines[i:end] if item)
            i = end
            continue
        glued = fur.split_glued_post(line)
        if glued is not None:
            line, post = glued
            removed.append(post)
        kind = fur.line_kind(line)
        if kind == "label" and (
            _is_listed_number(line, out, lines[i + 1 : i + 2])
            or fur.titles_card(lines, i)
            or _in_list(lines, i)
        ):
            # A number a colon introduced, a film's original title over its credits card, or an item of a
            # list of titles in Latin letters («1. The Godfather | Francis Ford Coppola (1971) *****»).
            kind = None
        if kind is not None:
            removed.append(Furniture(kind, line))
            if kind == "link":
                # The labels the links stood under go with them («حركة النقل الداخلي بنين:» over a
                # link, «من خلال الروابط التالية:» over those).
                while out and out[-1][0] and _labels_link(out[-1][0]):
                    removed.append(Furniture("link", out.pop()[0]))
            # A separator («***») or end-mark breaks the text as a blank line does.
            blank = blank or kind == "endmark"
            i += 1
            continue
        out.append((line, blank))
        blank = False
        i += 1
    return out, removed


# A letter or digit of any script: a paragraph without one holds no text.
_WORD_CHAR = re.compile(r"[^\W_]")

# A label over a link: short, ending with a colon.
LINK_LABEL_MAX_WORDS = 6
_NUMBER_LINE = re.compile(r"^[\d\s\-–/+]{6,}$")


# A list is at least this many items in a row, each with the same kind of mark.
LIST_MIN_ITEMS = 3
# A number closing an item printed right to left («.Coming Home | Hal Ashby (USA) .1»).
_TRAILING_NUMBER = re.compile(r"[.)]\s*\d{1,2}\s*$")


def _item_kind(line: str) -> str | None:
    """The kind of mark (see _mark_kind) a list item opens with, bidi controls aside, or None."""
    text = normalize(line)
    if _is_bullet(text):
        return _mark_kind(text)
    return "number" if _TRAILING_NUMBER.search(text) else None


def _in_list(lines: list[str], i: int) -> bool:
    """Whether lines[i] is an item of a list of at least LIST_MIN_ITEMS lines in a row with the same kind
    of mark: a page's «top ten» («1. The Panic in Needle Park | Jerry Schatzberg (1969) ***», «2. The
    Godfather | …»), whose items in Latin letters are text, not labels."""
    kind = _item_kind(lines[i])
    if kind is None:
        return False
    first = last = i
    while first > 0 and _item_kind(lines[first - 1]) == kind:
        first -= 1
    while last + 1 < len(lines) and _item_kind(lines[last + 1]) == kind:
        last += 1
    return last - first + 1 >= LIST_MIN_ITEMS


# A box's title in the form of a hashtag, a word or two and a colon («#نافذة:»).
_HASHTAG_TITLE = re.compile(r"^\s*#\w+(?:[_\s]\w+)?\s*[:：]\s*$")


def _labels_link(line: str) -> bool:
    """A short line ending with a colon that a dropped link followed: the link's label, no text."""
    return ends_with_colon(line) and fur.words_of(line) <= LINK_LABEL_MAX_WORDS


def _is_listed_number(line: str, before: list[tuple[str, bool]], after: list[str]) -> bool:
    """A line of digits only (an account, telephone or ID number) that a colon introduces, kept as text:
    the value of the label above it («حساب الوقف :» over «٤٨٠٦٠٨٠١٠٠٨٩٠١٨»), or of the first label run
    into the sentence before (its next line is the next label), or an item of a list of numbers under a
    colon line («المقبولين من الرجال:» over «1005079577», «1022428591», …)."""
    if not _NUMBER_LINE.match(line.strip()):
        return False
    above = before[-1][0].strip() if before else ""
    if ends_with_colon(above) or _NUMBER_LINE.match(above):
        return True
    return any(ends_with_colon(text) for text in after)


def _skip_bullets(lines: list[str], i: int) -> int:
    """Index of the first line from ``i`` on that is neither a bullet nor a blank between bullets."""
    j = i
    while j < len(lines) and (not lines[j] or _is_bullet(lines[j])):
        if lines[j]:
            i = j + 1
        j += 1
    return i


def _skip_related_list(lines: list[str], i: int) -> int:
    """Index of the first line after the related-links list that starts at ``i``."""
    while i < len(lines) and not lines[i]:
        i += 1
    if i < len(lines) and _is_bullet(lines[i]):
        return _skip_bullets(lines, i)
    while i < len(lines) and fur.words_of(lines[i]) <= RELATED_ITEM_MAX_WORDS:
        if not lines[i]:
            # A blank line ends the list unless another teaser follows it.
            if i + 1 < len(lines) and lines[i + 1] and _is_teaser(lines[i + 1]):
                i += 1
                continue
            break
        if not _is_teaser(lines[i]):
            break
        i += 1
    return i


def _is_teaser(line: str) -> bool:
    """A related headline or its teaser: not a sentence, or one ending with a question mark or cut off
    with an ellipsis."""
    return ends_with_question(line) or trails_off(line) or not ends_like_sentence(line)


# A caption this long, in a body of nothing else, is the text of a photo story.
PHOTO_STORY_MIN_WORDS = 6


class _Cutter:
    """One body being cut: top furniture, dateline, tail furniture, then headings."""

    def __init__(
        self,
        paragraphs: list[tuple[str, bool]],
        title: str | None,
        outlet: str | None,
        explicit: set[str],
        credit: Credit,
        removed: list[Furniture],
        byline: Credit | None = None,
    ) -> None:
        self.lines = [line for line, _ in paragraphs]
        self.blank_before = [blank for _, blank in paragraphs]
        self.title = title
        self.outlet = outlet
        self.explicit = explicit
        self.credit = credit
        self.removed = removed
        self.byline = byline  # the credit given beside the body, if any
        self.mark: str | None = None  # the mark the layout prints before its sub-headings
        self.verse = False  # the body is a poem: only titles of its parts head sections
        self.kicker: str | None = None  # the title of the column's closing kicker, if it has one
        self.first_brief: str | None = None  # the first brief's headline on a page of briefs
        self.first_brief_dateline = ""  # the places the first brief's own dateline names (Section.dateline)
        # The first brief's dateline as read, the article's too unless a later brief has one of its own.
        self.first_brief_credit: fur.Credit | None = None
        self.brief_datelines = 0  # later briefs' own datelines (_section_dateline)
        self.short_lined = False  # the text runs in short lines (see is_short_lined)
        self.asks_among_titles = False  # its questions between paragraphs head sections (_asks_among_titles)
        self.breaks: set[str] = set()  # the lines a blank line or a rule stands above
        self.opening_verse: set[str] = set()  # verse quoted above the first paragraph (see _verse_above)
        self.run_on: set[str] = set()  # a paragraph's first line, broken off above the rest of it
        self.letter_openings: set[str] = set()  # a later letter's address and greeting (_mid_furniture)

    def drop(self, kind: str, text: str) -> None:
        self.removed.append(Furniture(kind, text))

    def merge(self, found: Credit | None) -> None:
        if found is None:
            return
        self.credit.outlet = self.credit.outlet or found.outlet
        self.credit.author = self.credit.author or found.author
        self.credit.place = self.credit.place or found.place
        self.credit.published_at = first_date(self.credit.published_at, found.published_at)

    def run(self) -> list[Section]:
        lines = self.lines
        if not lines:
            return []
        self.explicit |= titled_parts(lines)
        self.verse = is_verse(lines)
        if self.verse and len(lines) > 2 and _is_part_title(lines[-2], lines[-1]):
            # A column's closing kicker under the poem it quotes («السطر الأخير :» over «إن من الشعر
            # لحكمة.»): its title heads the closing line, as in prose.
            self.explicit.add(lines[-2])
        elif not self.verse:
            self.kicker = self._kicker()
            if self.kicker is not None:
                self.explicit.add(self.kicker)
            self.explicit |= self._card_titles()
        start = self._verse_start() if self.verse else self._lead_start()
        if start == len(lines):
            story = self._photo_story()
            if story:
                for line in lines:
                    if line not in story:
                        self._drop_top(line, is_last=False)
                # Not cut further: every line of it reads as a caption, which is what it is.
                return [Section(None, "\n".join(story))]
        start = self._card_start(self._opening_heading(start))
        headline = self._letter_headline(start)
        for line in lines[:start]:
            if line is not headline:
                self._drop_top(line, is_last=line is lines[start - 1])
        end = self._tail_end(start)
        body = lines[start:end]
        # The lead's first paragraph, or the first brief's under its headline (see _heads_first_brief).
        first = 1 if body and body[0] == self.first_brief and len(body) > 1 else 0
        if body and body[first] not in self.explicit:
            dateline = fur.split_dateline(body[first], self.credit.outlet)
            if dateline is not None:
                found, written, rest = dateline
                if first:
                    # The first brief's dateline is its own, as each later brief's is (_section_dateline),
                    # and the article's only where no later brief has one (see run).
                    self.first_brief_dateline = found.place or ""
                    self.first_brief_credit = found
                else:
                    self.merge(found)
                self.drop("dateline", written)
                body[first] = rest
            repeat = fur.split_byline_repeat(body[first], self.credit, self.byline)
            if repeat is not None:
                # The byline repeated, its place filed from unknown to the dateline rule.
                self.drop("dateline", repeat[0])
                body[first] = repeat[1]
            glued = fur.split_glued_caption(body[first], "\n".join(lines))
            if glued is not None:
                # A photo caption the flattened page ran into the lead's first word («البرقانفي تصريح …»).
                self.drop("caption", glued[0])
                body[first] = glued[1]
        if body:
            body[-1], tail = fur.split_tail(body[-1])
            self.removed.extend(tail)
        for line in body:
            if line and not _WORD_CHAR.search(line):
                # A lone mark left by a tail cut off («.» before «سمات …»), a row of quote marks, bidi
                # controls alone: no text.
                self.drop("endmark", line)
        sections = self._sections([line for line in body if _WORD_CHAR.search(line)])
        if headline is not None and sections and sections[0].heading is None:
            sections[0] = replace(sections[0], heading=headline)
        if self.first_brief_credit is not None and not self.brief_datelines:
            # «الطائف - واس:» over the first brief of a page whose other briefs name no place: the page's.
            self.merge(self.first_brief_credit)
        else:
            # «* لندن – دبي: «الشرق الأوسط»» under the second: each brief has its own; the page has none.
            sections = [
                replace(s, dateline=self.first_brief_dateline)
                if s.heading == heading_text(self.first_brief or "")
                else s
                for s in sections
            ]
        return sections

    def _kicker(self) -> str | None:
        """The title of a column's closing kicker in prose («السطـر الأخـير :» over a verse, «الكلام
        ألأخير..» over an aphorism), or None: a kicker title (see _is_kicker_title) among the last lines,
        below a line of running text and over a line or a few with Arabic in them. It heads what it
        closes, as a kicker under a poem does."""
        lines = self.lines
        for i in range(len(lines) - 2, 0, -1):
            if _closing_lines(lines[i + 1 :]) > KICKER_MAX_LINES:
                return None
            before = lines[i - 1]
            if (
                _is_kicker_title(lines[i])
                and has_arabic(lines[i + 1])
                and (ends_like_sentence(before) or fur.words_of(before) > BODY_MIN_WORDS)
            ):
                return lines[i]
        return None

    def _opening_heading(self, start: int) -> int:
        """Where the text starts when it has no lead: a list of named items that opens with the first name
        («Superbeam» over its review, as the names further down head theirs), or a roundup that opens with
        the first of its marked sub-headings («* مقتل 6 من عناصر الشرطة في أفغانستان» above «* كابل -
        «الشرق الأوسط»: قتل …», then «* اشتباكات عنيفة في سيدني …» …) starts at that heading, not at the
        paragraph under it.

        The line above the first paragraph is that heading when it carries the mark the text prints
        before its sub-headings (see :func:`layout_mark`), has a heading's shape and is no byline; on a
        page of briefs titled with its rubric («أخبار الفن», «موجز دوليات»), unmarked, when a brief further
        down has a headline of its own (see _heads_first_brief).
        """
        if start == 0 or start == len(self.lines):
            return start
        line = self.lines[start - 1]
        if fur.is_quoted_name(line) and line not in self.explicit:
            # «Superbeam» over its review, then «Dumpster» over the next: a list of named items.
            pairs = pairwise(self.lines[start:])
            named = sum(1 for a, b in pairs if fur.is_quoted_name(a) and is_body_line(b))
            return start - 1 if named >= MARKED_LAYOUT_MIN_HEADINGS else start
        rubric = is_briefs_rubric(self.title or "") or is_letters_rubric(self.title or "")
        if rubric and self._heads_first_brief(start):
            # «أخبار الفن» over «شذى حسون تقيم أمسية رمضانية في المغرب» over its paragraph, then «سراج سند
            # يقيم إفطاره السنوي …» over the next: the first brief's headline, not a caption.
            self.explicit.add(line)
            self.first_brief = line
            return start - 1
        if self._heads_broken_paragraph(start):
            # «* إنتاج» over «خصصت الحكومة … من الأفلام» over «للعام المقبل. …»: the first marked title of a
            # notebook over its paragraph, broken off mid-sentence, not a caption over a deck.
            self.explicit.add(self.lines[start - 2])
            self.run_on.add(self.lines[start - 1])
            return start - 2
        if self._heads_first_part(start):
            # «داوجونز يدخل موجته الهابطة …» over its paragraph, a rule («* *»), then «نايمكس يقترب …» over
            # the next: the first part's headline, not a deck.
            self.explicit.add(line)
            self.first_brief = line
            return start - 1
        if line[:1] not in _LAYOUT_MARKS or not looks_like_heading(line) or line in self.explicit:
            return start
        if fur.parse_credit(heading_text(line), self.credit.outlet) is not None:
            return start
        return start - 1 if layout_mark(self.lines[start - 1 :]) == line[:1] else start

    def _heads_broken_paragraph(self, start: int) -> bool:
        """Whether the two lines above the first paragraph are the first sub-heading of a text that marks
        its sub-headings (see :func:`layout_mark`) and the first line of the paragraph under it, broken
        off mid-sentence: a line of at least BROKEN_SENTENCE_MIN_WORDS words that ends no sentence and is
        no credit, caption or headline printed again («* إنتاج» / «خصصت الحكومة … لإنتاجاتها من الأفلام»
        / «للعام المقبل. …» in a film notebook whose «* تمثيل», «* تصوير» head the next items)."""
        if start < 2:
            return False
        heading, broken = self.lines[start - 2], self.lines[start - 1]
        if heading[:1] not in _LAYOUT_MARKS or not looks_like_heading(heading) or heading in self.explicit:
            return False
        if fur.parse_credit(heading_text(heading), self.credit.outlet) is not None:
            return False
        if (
            ends_like_sentence(broken)
            or fur.words_of(broken) < BROKEN_SENTENCE_MIN_WORDS
            or _is_bullet(broken)
            or self._is_furniture(broken)
            or fur.parse_credit(broken, self.credit.outlet) is not None
        ):
            return False
        # The mark is weighed with the paragraph whole: its broken first line alone is no running text,
        # and a notebook of two items would show one marked heading over running text, not two.
        whole = [heading, f"{broken} {self.lines[start]}", *self.lines[start + 1 :]]
        return layout_mark(whole) == heading[:1]

    def _letter_headline(self, start: int) -> str | None:
        """The headline of a letter or reply to the editor printed under its page's rubric (see
        :func:`nashra.arabic.is_letters_rubric`): the heading-shaped line right above the letter's address
        or greeting («بعض أصحاب المنازل الآيلة للسقوط في حائل لا يرغبون في الإزالة» over «سعادة رئيس
        تحرير صحيفة «الرياض» المحترم» under «تجاوب المسؤول»), no credit, colon line or the rubric again.
        It heads the letter's text; None for any other text."""
        if not is_letters_rubric(self.title or ""):
            return None
        opening = next((i for i in range(start) if opens_letter(self.lines[i])), None)
        if not opening:
            return None
        line = self.lines[opening - 1]
        if (
            not looks_like_heading(line)
            or ends_with_colon(line)
            or fur.is_title_repeat(line, self.title)
            or fur.parse_credit(line, self.credit.outlet) is not None
        ):
            return None
        return line

    def _heads_letter(self, line: str, following: str) -> bool:
        """Whether ``line`` is the headline of a later letter on a letters page (see
        :func:`nashra.arabic.is_letters_rubric`): heading-shaped, right above the letter's address or
        greeting («ازدحام طريق الملك فهد» over «سعادة رئيس التحرير المحترم», after the previous letter's
        signature), and no credit, colon line or the rubric again, as the first letter's
        (_letter_headline)."""
        return (
            is_letters_rubric(self.title or "")
            and opens_letter(following)
            and not opens_letter(line)
            and looks_like_heading(line)
            and not ends_with_colon(line)
            and not fur.is_title_repeat(line, self.title)
            and fur.parse_credit(line, self.credit.outlet) is None
        )

    def _heads_first_brief(self, start: int) -> bool:
        """Whether the line above the first paragraph of a page of briefs (see
        :func:`nashra.arabic.is_briefs_rubric`) is the first brief's headline: it has a heading's shape,
        is no credit («لندن: «الشرق الأوسط»») and a line further down heads a brief of its own."""
        lines = self.lines
        line = lines[start - 1]
        if not looks_like_heading(line) or fur.parse_credit(line, self.credit.outlet) is not None:
            return False
        padded = [*lines, None]
        return any(
            self._is_heading(lines[i], lines[i - 1], lines[i + 1], padded[i + 2])
            for i in range(start + 1, len(lines) - 1)
        )

    def _heads_first_part(self, start: int) -> bool:
        """Whether the body's first line, right above the first paragraph, is the first part's headline
        on a page whose parts rules divide (a weekly market page: «* *» between its items, each under a
        headline of its own): it has a heading's shape, is no credit, and a line right under a rule
        further down heads a part of its own. A rule is a separator line the cut removed (see
        _drop_line_furniture), not a blank line."""
        lines = self.lines
        line = lines[start - 1]
        if start != 1 or not looks_like_heading(line):
            return False
        if fur.parse_credit(line, self.credit.outlet) is not None:
            return False
        padded = [*lines, None]
        return any(
            self.blank_before[i]
            and lines[i - 1] != ""
            and self._is_heading(lines[i], lines[i - 1], lines[i + 1], padded[i + 2])
            for i in range(start + 1, len(lines) - 1)
        )

    def _card_start(self, start: int) -> int:
        """Where a film review starts when a credits card stands above its first paragraph: at the card's
        title, its original (Latin) title where one stands within CARD_TITLE_MAX_LINES above the director
        credit, else the line right above it («* Terminator Genisys» over «* إخراج: آلان تايلور», the
        cast and the rating). The card is the review's text, as the labels read it, not a byline and
        captions; a kicker above the title stays furniture («فيلمان من بعيد» over «Taklub»). A director
        credit under a byline or a contributor's credit («جدة - سامي الأحمد» over «إخراج: …», a play's)
        is no card: both stay credits above the text. The director credit may be where the text starts
        already (an opening heading above the cast, see _opening_heading)."""
        last = min(start, len(self.lines) - 1)
        director = next((i for i in range(last + 1) if fur.is_director_credit(self.lines[i])), None)
        if not director:
            return start
        title = self._card_title(director)
        return start if title is None else title

    def _card_title(self, director: int) -> int | None:
        """The index of the title of the credits card whose director credit is lines[director], or None
        when the credit heads no card (running text right above it, or a byline or contributor's credit
        standing where the title would). Under running text the card starts right after it («بوخارست
        بلا توقف» over «Bucharest Non - Stop» over «إخراج: دان شيسو»); with none above, at the original
        (Latin) title within CARD_TITLE_MAX_LINES above the credit, else at the line right above it."""
        lines = self.lines
        above = range(max(director - fur.CARD_TITLE_MAX_LINES, 0), director)
        ran = [i for i in range(above.start - 1, director) if i >= 0 and is_body_line(lines[i])]
        latin = next((i for i in above if not has_arabic(lines[i])), director - 1)
        title = ran[-1] + 1 if ran else latin
        while 0 <= title < director and not _WORD_CHAR.search(lines[title]):
            title += 1  # bidi marks alone between the review before and the card
        if not 0 <= title < director:
            return None
        line = lines[title]
        credited = fur.parse_credit(line, self.credit.outlet) is not None or fur.is_contributor_credit(line)
        return None if credited else title

    def _card_titles(self) -> set[str]:
        """The titles of the credits cards of a page reviewing several films, or an empty set: with at
        least MARKED_LAYOUT_MIN_HEADINGS cards each followed by a review of its own (see _reviews), each
        film's title heads its review («Taklub», then «بوخارست بلا توقف» after the first review), the card
        under it opening the section's text. A page with one card is one review: its card opens the lead
        (see _card_start). A story listing films with their credits alone («حرمة» / «إخراج: عهد كامل» /
        «عايش» / «إخراج: …») reviews none: its cards are its text."""
        lines = self.lines
        cards = [
            (director, title)
            for director, line in enumerate(lines)
            if director and fur.is_director_credit(line)
            for title in (self._card_title(director),)
            if title is not None
        ]
        if not cards:
            return set()
        ends = [title for _, title in cards[1:]] + [len(lines)]
        titles = {
            lines[title]
            for (director, title), end in zip(cards, ends, strict=True)
            if _reviews(lines[director + 1 : end])
        }
        return titles if len(titles) >= MARKED_LAYOUT_MIN_HEADINGS else set()

    def _verse_start(self) -> int:
        """Where a poem starts: its first line, past the bylines, captions and headline above it; a
        verse line is never a lead's short furniture."""
        for i, line in enumerate(self.lines):
            if line in self.explicit or self._opens_poem_as_title(line):
                return i
            if not (self._is_furniture(line) or self._is_top_credit(line)):
                return i
        return len(self.lines)

    def _opens_poem_as_title(self, line: str) -> bool:
        """Whether the headline printed again is the poem's first line, the poem titled by it: a verse
        line's length, at least POEM_TITLE_LINE_MIN_WORDS words («مَلّن عيوني من بكاهن للأطلال» over «وْشوف
        الرسوم الخالِيات أذكرنْيا»), where a title of its own is a word or a few («مقهى الفيشاوي»)."""
        return (
            fur.is_title_repeat(line, self.title)
            and POEM_TITLE_LINE_MIN_WORDS <= fur.words_of(line) <= VERSE_LINE_MAX_WORDS
        )

    def _is_top_credit(self, line: str) -> bool:
        """A byline or credit line above a poem: «كتب – عبدالكريم الحارثي», «أحمد حجازي – عين اليوم» (a
        name and an outlet or place joined by a dash), a short line starred as a writer's footnote
        («عهود اليحيى*», «** رئيس محكمة التنفيذ بجدة»), a name with a family particle inside («حسن آل
        خيرات»); a short line of verse may look like a name, so the shape of a name alone is not enough."""
        if fur.parse_credit(line, self.credit.outlet) is not None:
            return True
        stripped = line.strip()
        if fur.words_of(line) <= TURN_SPEAKER_MAX_WORDS + 3 and (
            stripped.endswith(_FOOTNOTE_MARK) or stripped.startswith(_FOOTNOTE_MARK * 2)
        ):
            return True  # «عهود اليحيى*», «** رئيس محكمة التنفيذ بجدة»: the writer and their post, starred
        words = stripped.split()
        if fur.is_name_line(line) and len(words) >= 3 and any(w in _NAME_PARTICLES for w in words[1:-1]):
            return True  # «حسن آل خيرات»: a family particle inside makes the short line a person's name
        parts = re.split(r"\s+[–—ـ-]\s+", stripped)
        return len(parts) == 2 and fur.words_of(line) <= 6

    def _ends_poem(self, line: str, *, last: bool) -> bool:
        """A line after a poem's verse that is no verse: a long one (a tag list), a credit, a marked
        short line («- سعود الزهيري», «* شاعر سعودي»), or a name alone as the very last line."""
        if fur.words_of(line) > VERSE_LINE_MAX_WORDS or self._is_top_credit(line):
            return True
        if line[:1] in "-–*" and fur.words_of(line) <= TURN_SPEAKER_MAX_WORDS + 3:
            return True
        return last and fur.is_name_line(line)

    def _lead_start(self) -> int:
        for i, line in enumerate(self.lines):
            if line in self.explicit or (_is_lead_start(line) and not self._is_furniture(line)):
                quoted = self._quoted_above(i)
                return quoted if quoted != i else self._verse_above(i)
        # No sentence anywhere: keep everything that is not evidently furniture.
        for i, line in enumerate(self.lines):
            if not self._is_furniture(line):
                return i
        return len(self.lines)

    def _quoted_above(self, start: int) -> int:
        """Where the text starts when its first sentence says whose words stand above it («قالها غسان
        كنفاني ورحل..» under a quoted couplet): at the quotation, up to ``QUOTED_OPENING_MAX_LINES`` lines
        from an opening quote mark to a closing one, else at ``start``."""
        if not attributes_words_above(self.lines[start]) or start == 0:
            return start
        if not self.lines[start - 1].rstrip(" .!…").endswith(_QUOTE_CLOSERS):
            return start
        for j in range(start - 1, max(start - 1 - QUOTED_OPENING_MAX_LINES, -1), -1):
            if self.lines[j].lstrip().startswith(_QUOTE_OPENERS):
                return j
        return start

    def _verse_above(self, start: int) -> int:
        """Where a text opening on quoted verse starts: at the first of at least BLOCK_MIN_LINES verse
        lines right above its first paragraph («للغيوم المضيئة خلف الجبال....», «للمليحات يهبطن أبها»,
        «يربكن صبحا ثلاثاءها..» over «قصيدة منها هذان البيتان، …»), else at ``start``. A verse line is
        short, unmarked, breaks off mid-sentence or trails off, and is no credit, caption, headline or
        letter's greeting; short decks over a report's lead are none (see _decks_over_report). Bylines
        and decks above the verse stay furniture."""
        above = self.lines[start - 1] if start else ""
        if (
            fur.is_name_line(above)
            and not trails_off(above)
            and fur.words_of(above) <= TURN_SPEAKER_MAX_WORDS
        ):
            return start  # «أحمد مطر» right above the paragraph: the poet's credit under verse, or a byline
        first = start
        while first > 0 and self._is_opening_verse(self.lines[first - 1]):
            first -= 1
        if start - first < BLOCK_MIN_LINES:
            if not self._couplet_above(start):
                return start
            first = start - 2
        if _decks_over_report(self.lines[first:start], self.lines[start]):
            return start
        self.opening_verse = set(self.lines[first:start])
        return first

    def _couplet_above(self, start: int) -> bool:
        """Whether the two lines right above the first paragraph are the two halves of a verse line the
        column opens on, as the text below says («ولا تعطين الرأي من لا يريده» / «فلا أنت محمود، ولا الرأي
        نافعه» over a paragraph, then «وهذا البيت يقوله الإمام الشافعي …»): each short, unmarked, no
        sentence, question, colon line, greeting or credit, and one of the first COUPLET_REFERENCE_PARAGRAPHS
        paragraphs speaks of a verse or a poem (see :func:`nashra.arabic.mentions_verse`). Two short lines
        over a report that names no verse are its decks, a caption or a byline."""
        if start < 2:
            return False
        below = self.lines[start : start + COUPLET_REFERENCE_PARAGRAPHS]
        if not any(mentions_poem(line) or mentions_verse(line) for line in below):
            return False
        return all(self._is_couplet_half(line) for line in self.lines[start - 2 : start])

    def _is_couplet_half(self, line: str) -> bool:
        stripped = strip_closers(line)
        return (
            0 < fur.words_of(line) <= VERSE_LINE_MAX_WORDS
            and not ends_like_sentence(line)
            and not stripped.endswith((":", "：", "؟", "?"))
            and not _is_bullet(line)
            and not is_salutation(line)
            and not fur.is_title_repeat(line, self.title)
            and fur.parse_credit(line, self.credit.outlet) is None
            and not fur.is_contributor_credit(line)
            and line not in self.explicit
        )

    def _is_opening_verse(self, line: str) -> bool:
        stripped = strip_closers(line)
        return (
            0 < fur.words_of(line) <= VERSE_LINE_MAX_WORDS
            and (trails_off(line) or not ends_like_sentence(line))
            and not stripped.endswith((":", "：", "؟", "?"))
            and not _is_bullet(line)
            and not is_salutation(line)
            and not has_prose_punctuation(stripped.rstrip(".…"))
            and not self._is_furniture(line)
            and not self._is_top_credit(line)
            and not fur.timestamp_residue(line)[0]
            and line not in self.explicit
        )

    def _photo_story(self) -> list[str]:
        """The text of a photo story: a body that is only captions («صورة التقطت أمس لطريق …», «جانب
        من فعاليات …») has its captions for text, those of :data:`PHOTO_STORY_MIN_WORDS` words or more
        that are neither the headline repeated nor a byline. Empty when there are none: a portrait's
        caption («محافظ الطائف») is no story."""
        return [
            line
            for line in self.lines
            if fur.words_of(line) >= PHOTO_STORY_MIN_WORDS
            and fur.is_caption(line, self.outlet)
            and not fur.is_title_repeat(line, self.title)
            and fur.parse_credit(line, self.credit.outlet) is None
        ]

    def _is_furniture(self, line: str) -> bool:
        return (
            fur.is_title_repeat(line, self.title)
            or fur.is_caption(line, self.outlet)
            or fur.is_dated_card(line, self.outlet)
        )

    def _drop_top(self, line: str, *, is_last: bool) -> None:
        """Classify and drop a short line above the lead."""
        if fur.is_title_repeat(line, self.title):
            self.drop("title", line)
            return
        found = fur.dated_credit(line, self.credit.outlet)
        if found is not None:
            self.merge(found)
            self.drop("dateline" if found.place else "timestamp", line)
            return
        if opens_letter(line):
            # A letter's address and greeting («معالي وزير التعليم الموقر، تحية طيبة وبعد:») name its
            # addressee, not its writer: the letter's opening, no credit.
            self.drop("deck", line)
            return
        found = fur.parse_credit(line, self.credit.outlet, loose=is_last or fur.words_of(line) <= 5)
        if found is not None and not fur.is_caption(line, self.outlet):
            self.merge(found)
            self.drop("byline" if (found.author or found.outlet) else "dateline", line)
            return
        if fur.is_dated_card(line, self.outlet):
            self.drop("deck", line)
        elif fur.is_caption(line, self.outlet) or fur.words_of(line) <= 8:
            self.drop("caption", line)
        else:
            self.drop("deck", line)

    def _tail_end(self, start: int) -> int:
        """Index after the last line of running text: short lines after it are furniture.

        Two or more headline-shaped lines at the end are a related-headlines block (they may end with a
        question mark); a single one is a caption, a signature or a related headline unless it reads as
        a sentence cut off by a truncated page.
        """
        lines = self.lines
        end = len(lines)
        if end - 1 > start and fur.is_contributor_credit(lines[end - 1]):
            # The poet's or writer's credit closes verse as it closes prose («شعر - عبدالمعين بن ثعلي»).
            self.drop("byline", lines[end - 1])
            end -= 1
        if end - 1 > start and fur.is_writer_credential(lines[end - 1]):
            # The columnist's degree under the column («ماجستير في أصول التربية .»).
            self.drop("byline", lines[end - 1])
            end -= 1
        box = next(
            (
                k
                for k in range(end - 2, max(start, end - 2 - KICKER_MAX_LINES), -1)
                if _HASHTAG_TITLE.match(lines[k])
            ),
            None,
        )
        if box is not None:
            # A column's pull-quote box titled with a hashtag («#نافذة:» over a line quoted from the column)
            # closes it: the page's furniture, as a box beside the text is.
            for line in lines[box:end]:
                self.drop("deck", line)
            end = box
        run = 0
        while end - 1 - run > start and self._trailing_candidate(lines[end - 1 - run]):
            run += 1
        if run == 1 and not self._single_trailing_furniture(lines[end - 1], lines[end - 2]):
            run = 0
        if run and lines[end - run - 1] == self.kicker:
            run = 0  # the closing kicker's lines («قفلة» over a quip or two) are its text
        if run and _under_colon(lines, end - run - 1, start):
            run = 0  # the verse or list a colon introduced («وتقول كلمات القصيدة:»), not furniture
        if run and _closes_rhymed_verse(lines, end - run, end, start):
            run = 0  # rhymed verse a colon introduced, a question among its lines
        items = end - run
        while items < end and _item_kind(lines[items]) == "number" and not has_arabic(lines[items]):
            items += 1
        if items - (end - run) >= LIST_MIN_ITEMS:
            # A numbered list in Latin letters closing the page (a «top ten»: «1. The Panic in Needle Park
            # | …») is its text, as its items are no labels (see _in_list); numbered photo captions («3/
            # تدريب المتطوعين …») stay furniture. What follows the list may still be furniture.
            run = end - items
        if run and self._quotes_letter(start, end - run):
            # A letter or cable the article quotes in full, greeting and all: the lines right under its
            # last paragraph are its signature («محمد بن سلمان بن عبدالعزيز آل سعود», «وزير الدفاع»), its
            # text; what stands after a blank line below them is the page's again.
            first = end - run
            stop = next((j for j in range(first + 1, end) if self.blank_before[j]), end)
            run = end - (first + _signature_end(lines[first:stop]))
        if run and self.verse:
            # A poem's short lines are its verse: only a longer line (a tag list) or the poet's credit
            # («- سعود الزهيري», «* شاعر سعودي», a name alone last) ends it.
            kept = 0
            while kept < run and self._ends_poem(lines[end - 1 - kept], last=kept == 0):
                kept += 1
            run = kept
        if run >= 2 and self._closing_kicker(lines[end - run : end]):
            self.explicit.add(lines[end - run])  # the kicker's heading, whatever follows it
            run = 0
        # Tail furniture follows the last paragraph of running text; a body with none (verse, a list of
        # quips) has no tail to cut.
        if run and not any(_is_lead_start(line) or is_body_line(line) for line in lines[start : end - run]):
            run = 0
        for line in reversed(lines[end - run : end]):
            if fur.is_title_repeat(line, self.title):
                kind = "title"
            elif fur.is_caption(line, self.outlet):
                kind = "caption"
            elif fur.is_name_line(line):
                kind = "byline"
            else:
                kind = "related"
            self.drop(kind, line)
        signed = any(map(_signature, lines[end - run : end]))
        end -= run
        if (
            end - 1 > start
            and (closes_letter(lines[end - 1]) or (signed and signs_off(lines[end - 1])))
            and fur.words_of(lines[end - 1]) <= SALUTATION_MAX_WORDS
            and not self._quotes_letter(start, end)
        ):
            # A letter printed as the article signs off with its closing greeting, as it opens with its
            # greeting (see _is_lead_start): neither is its text; so does a courtesy over the signature
            # («ولمعاليكم جزيل تحياتي، ودمتم بسلام.» over «- د. محمد …»). A letter quoted in full keeps both.
            self.drop("byline", lines[end - 1])
            end -= 1
        if (
            end - 1 > start
            and end < len(lines)
            and closes_letter(lines[end])
            and asks_to_publish(lines[end - 1])
        ):
            # «آمل التكرم بنشر هذا الإيضاح.» over the closing greeting: the reply asks the editor to print
            # it, a word to the paper and part of the sign-off, whether or not it ends a sentence.
            self.drop("byline", lines[end - 1])
            end -= 1
        return end

    def _quotes_letter(self, start: int, end: int) -> bool:
        """Whether the text quotes a letter or cable: a greeting («السلام عليكم ورحمة الله وبركاته:»)
        below a paragraph of running text that reports it («بعث … برقية …، وقال في نص برقيته:»). A
        letter to the editor printed as the article opens with its address and greeting instead. A text
        the first paragraph introduces as quoted in full («صدر اليوم أمر ملكي فيما يلي نصه :») is signed
        as a letter is («سلمان بن عبدالعزيز آل سعود»)."""
        if start < end and _introduces_full_text(self.lines[start]):
            return True
        for i in range(start + 1, end):
            if opens_letter(self.lines[i]):
                if self._heads_letter(self.lines[i - 1], self.lines[i]):
                    return False  # a later letter of a letters page, under its own headline: printed
                return any(fur.words_of(line) > BODY_MIN_WORDS for line in self.lines[start:i])
        return False

    @staticmethod
    def _closing_kicker(run: list[str]) -> bool:
        """Short lines at the end under a one-word heading or a short title in brackets: a column's closing
        section («قفلة», «همسة», «ومضة:», «(بين قوسين)») over a quip or two («كل عيد.. والمدرب عن منتخبنا
        بعيد..!!»), not related headlines, which are headlines each. A one-word line above a name, an
        address or a link is a signature."""
        first, rest = run[0], run[1:]
        titled = fur.words_of(first) == 1 or _bracketed_title(first)
        if not titled or not looks_like_heading(first) or all(map(fur.is_name_line, rest)):
            return False  # «أخوكم» over «محمد بن سليمان الصيخان»: a signature
        return all(has_arabic(line) and not re.search(r"@|https?://|www\.", line) for line in rest)

    def _trailing_candidate(self, line: str) -> bool:
        if line in self.explicit or fur.words_of(line) > TRAILING_MAX_WORDS:
            return False
        if _signature(line):
            return True  # its title's dot is no sentence's end («- د. محمد بن صالح الرصيص»)
        if has_prose_punctuation(line) or ends_with_function_word(line) or starts_with_conjunction(line):
            return False
        if reports_a_saying(line):
            return False  # the column's closing saying («وقديمًا قيل الوقاية خير من العلاج»)
        if has_open_quote(line):
            return False
        if fur.gives_address(line):
            return False  # «… على البريد التالي [email protected]»: the sentence giving where to write
        return not ends_like_sentence(line) or ends_with_question(line) or strip_closers(line).endswith("!")

    def _single_trailing_furniture(self, line: str, before: str) -> bool:
        # A caption or signature follows running text; after verse or a list the last short line is
        # the last verse or item.
        ran = ends_like_sentence(before) or fur.words_of(before) > BODY_MIN_WORDS
        # «- د. محمد …»: a signature's title's dot makes no prose
        return not ends_like_sentence(line) and (_signature(line) or not is_body_line(line)) and ran

    def _sections(self, lines: list[str]) -> list[Section]:
        sections: list[Section] = []
        heading: str | None = None
        mark: str | None = None  # the decorative mark the current heading was printed with
        body: list[str] = []
        placed = ""  # the places the current section's own dateline named (Section.dateline)
        self.mark = layout_mark(lines)
        dated = any(f.kind == "dateline" for f in self.removed)
        self.short_lined = is_short_lined(lines) and not reports_in_short_sentences(lines, dated=dated)
        self.asks_among_titles = _asks_among_titles(lines, self.title)
        previous: str | None = None
        short_run = 0  # consecutive lines of the text, up to this one, that are not running text
        kind = ""  # the mark of the line before (see _mark_kind); a block is lines of one kind
        quoting = False  # inside a passage a colon introduced (verse, a list), until prose resumes
        breaks = {line for line, blank in zip(self.lines, self.blank_before, strict=True) if blank}
        self.breaks = breaks
        for i, line in enumerate(lines):
            following = lines[i + 1] if i + 1 < len(lines) else None
            if self._mid_furniture(line, previous, following):
                previous = line
                continue
            ended = ends_like_sentence(line, colon=False) or is_body_line(line)
            kind, previous_kind = (_mark_kind(line) if _is_bullet(line) else ""), kind
            short_run = 0 if ended else 1 if kind != previous_kind else short_run + 1
            if fur.words_of(line) > BODY_MIN_WORDS or line in breaks:
                quoting = False
            # Within it, only a colon-ended heading or one over a paragraph of prose opens a section; a
            # person's name ending with a colon is whose words follow («محمد إبراهيم يعقوب:» over his verse
            # among the poets' lines a colon introduced), no heading.
            quoted = quoting and (
                _names_speaker(line)
                or (
                    not ends_with_colon(line)
                    and not (following is not None and fur.words_of(following) > BODY_MIN_WORDS)
                )
            )
            if self.verse or line in self.explicit:
                opens = line in self.explicit and following is not None
            elif previous is not None and previous == self.kicker:
                # The kicker heads what it closes: its first line («يقول المهاتما غاندي» over the saying)
                # is its text, however short.
                opens = False
            else:
                # A column of figures is no block of text lines: its title opens a section after it too;
                # so does a letter's headline after the previous letter's signature.
                opens = (
                    (following is not None and self._heads_letter(line, following))
                    or (
                        short_run < BLOCK_MIN_LINES
                        and not quoted
                        and self._is_heading(
                            line, previous, following, lines[i + 2] if i + 2 < len(lines) else None
                        )
                    )
                    or _heads_figures(line, previous, lines[i + 1 : i + 1 + FIGURES_MIN_LINES])
                )
            if opens:
                if following is not None and self._heads_letter(line, following):
                    # The previous letter's signature («عبدالله بن محمد الحربي» over «الرياض») closes it.
                    signed = len(body) - _letter_signature(body)
                    for signature in body[signed:]:
                        self.drop("byline", signature)
                    body = body[:signed]
                title = line
                if short_run == 2 and body and body[-1] == previous and _continues_heading(previous, line):
                    title = f"{body.pop()} {line}"
                if body:
                    sections.append(Section(heading, "\n".join(_unmarked_paragraph(body, mark)), [], placed))
                heading, body = heading_text(title), []
                placed = ""
                mark = title[:1] if title[:1] in _LAYOUT_MARKS else None
            elif heading is not None and not body:
                text, own = self._section_dateline(line)
                placed = own or placed
                body.append(text)
            else:
                body.append(line)
                # A passage quoted under a colon («من أجواء المجموعة نقرأ:» over free verse) has short
                # lines shaped like headings; none is one until prose resumes (a colon-ended heading may
                # still open a section: «طرق تجنيد الشباب:»).
                quoting = quoting or ends_with_colon(line)
            previous = line
        if body:
            sections.append(Section(heading, "\n".join(_unmarked_paragraph(body, mark)), [], placed))
        sections = [s for s in sections if s.text]
        if not sections and heading is not None:
            # The only line of text looked like a heading because what followed it was furniture (a
            # caption, «امرأة تتأمل إحدى اللوحات …» above «… (أ ف ب)»): it is the text, not a heading.
            return [Section(None, heading)]
        return sections

    def _section_dateline(self, paragraph: str) -> tuple[str, str]:
        """The first paragraph of a headed section without its dateline, and the places that dateline
        names ("" for none): a roundup of wire items gives each its headline and dateline («نجامينا -
        أ.ف.ب: قتل سبعة …»). The place is the item's, not the article's, so it is not kept as the
        article's dateline but as the section's (``Section.dateline``)."""
        dateline = fur.split_dateline(paragraph, self.credit.outlet)
        if dateline is None or dateline[0].outlet is None:
            return paragraph, ""
        self.drop("dateline", dateline[1])
        self.brief_datelines += 1
        return dateline[2], dateline[0].place or ""

    def _mid_furniture(self, line: str, previous: str | None, following: str | None) -> bool:
        """A caption, the repeated headline or an outlet byline between paragraphs; on a letters page, a
        later letter's address and greeting under its headline (see _heads_letter)."""
        if line in self.explicit:
            return False
        if (
            previous is not None
            and opens_letter(line)
            and (self._heads_letter(previous, line) or previous in self.letter_openings)
        ):
            # «سعادة رئيس التحرير المحترم», «السلام عليكم …» under «ازدحام طريق الملك فهد»: the letter's
            # opening, as the first letter's is (see _drop_top), not its text.
            self.letter_openings.add(line)
            self.drop("deck", line)
            return True
        if self._caption_before_list(line, previous, following):
            self.drop("caption", line)
            return True
        if not looks_like_heading(line) and fur.words_of(line) > TRAILING_MAX_WORDS:
            return False
        if fur.is_title_repeat(line, self.title) and not (
            previous is None and self.verse and self._opens_poem_as_title(line)
        ):
            self.drop("title", line)
            return True
        if line == following or (line == previous and not self.verse):
            # A caption printed twice; in a poem, its first line printed over itself as its title.
            self.drop("caption", line)
            return True
        if fur.is_caption(line, self.outlet):
            self.drop("caption", line)
            return True
        found = fur.parse_credit(line, self.credit.outlet)
        # An outlet's byline, or a «NAME – CITY» signature (dash-separated, never «CITY: heading»).
        dashed = found is not None and found.place and found.author and bool(re.search(r"[–—ـ-]", line))
        if found is not None and (found.outlet is not None or dashed) and fur.words_of(line) <= 8:
            self.merge(found)
            self.drop("byline", line)
            return True
        return False

    def _caption_before_list(self, line: str, previous: str | None, following: str | None) -> bool:
        """Whether a line between a sentence that introduces a list («… كما أسفرت هذه الإجراءات عن
        النتائج التالية:») and the list's first item («أولاً: اتضح …», «1- …») is a photo caption the
        page printed there («الهالك يوسف السليمان فجر نفسه بحزام ناسف وسط جموع المصلين»): the list
        starts right under what introduces it, and the line is no item, no sentence, no colon-ended title
        and no quotation, and runs as long as a caption's sentence (PHOTO_STORY_MIN_WORDS words or more),
        where a title over the list's items is a word or a few («الميداليات الذهبية», «معوقات قطاع
        المقاولات» over an interview's questions). It must read as a caption, too: a photo's words (see
        :func:`nashra.articles.furniture.is_caption`) or a scene's (see _tells_scene); a longer title
        («الإجراءات المطلوبة من المواطنين داخل المنازل») names what the list holds."""
        if previous is None or following is None:
            return False
        if not (ends_with_colon(previous) and introduces_quote_or_list(previous)):
            return False
        return (
            _opens_list_item(following)
            and not _opens_list_item(line)
            and PHOTO_STORY_MIN_WORDS <= fur.words_of(line) <= TRAILING_MAX_WORDS
            and not ends_with_colon(line)
            and not ends_like_sentence(line, colon=False)
            and not has_prose_punctuation(line)
            and not trails_off(line)
            and not re.search(r"[«»\"“”()\[\]]", line)
            and (fur.is_caption(line, self.outlet) or _tells_scene(line))
        )

    def _set_off_heading(self, line: str, previous: str | None, following: str) -> bool:
        """Whether a line opening with «وهنا» or «أو», which open running text or another item of the
        sentence above («وهنا توزيع المنتخبات على المستويات الستة:», «أو طول الوجه:» between verse), is
        a sub-heading all the same: set off by blank lines above and below, between two paragraphs
        longer than a verse line, with no colon, no sentence end and nothing trailing off, the rest of it
        shaped like a heading and opening with a verb of the present tense («وهنا تكمن المشكلة», «أو نبقى
        في المنطقة الرمادية», see _opens_with_present_verb). A nominal line («وهنا مربط الفرس», «وهنا نص
        الحوار») or one finishing the sentence above («أو هكذا ظننت») is the text's."""
        if first_word(line) not in _SET_OFF_OPENERS or ":" in line or "：" in line:
            return False
        if line not in self.breaks or following not in self.breaks or previous is None:
            return False
        if min(fur.words_of(previous), fur.words_of(following)) <= VERSE_LINE_MAX_WORDS:
            return False
        rest = line.split(maxsplit=1)[1:]
        return (
            bool(rest)
            and _opens_with_present_verb(rest[0])
            and fur.words_of(line) <= COLON_HEADING_MAX_WORDS
            and not trails_off(line)
            and not ends_like_sentence(line, colon=False)
            and not has_prose_punctuation(line)
            and looks_like_heading(rest[0])
        )

    def _is_heading(self, line: str, previous: str | None, following: str | None, after: str | None) -> bool:
        """Whether ``line`` heads a section, given the lines around it (``after`` follows ``following``)."""
        if following is None:
            return False
        if line in self.explicit:
            return True
        if line in self.opening_verse or line in self.run_on:
            return False
        if _heads_next_list(line, previous, following, after) or _marks_list_title(
            line, previous, following, after
        ):
            return True
        # In a layout that marks its sub-headings, a short marked question is one («* أين تأكل؟»).
        mark = self.mark
        question = mark is not None and line.startswith(mark) and _short_question(heading_text(line))
        if (
            self.asks_among_titles
            and previous is not None
            and _titled_between_paragraphs(line, previous, following)
        ):
            question = question or _short_question(line)
        shaped = looks_like_heading(line) or question or self._set_off_heading(line, previous, following)
        if not shaped or not is_body_line(following) or _introduces(previous):
            return False
        if _stops_writing(line) or _prays(line):
            return False
        if _breaks_sentence(line, previous, following):
            return False
        if _opens_quoted_lines(line) or (previous is not None and _opens_quoted_lines(previous)):
            return False  # the quotation a line opens goes on under it («"سحقا لمن باع …» / «… السجدا"»)
        if self.short_lined and not (
            ends_with_colon(line) or line in self.breaks or _between_paragraphs(line, previous, following)
        ):
            # A line of a passage in short lines («المرأة الغربية تنفض قهقهتها مرة في السنة كشجرة»); a
            # title after a blank line or a rule («***» over «الخبر الأخير») still heads its part.
            return False
        if _speaker(line) and (_speaker(previous) or _speaker(following)):
            # A turn of a dialogue («أم كلثوم: أمتى» after «عبدالوهاب: لا أجي لك انا»).
            return False
        if _item_kind(line) == "number" and _item_kind(following) == "number":
            return False  # the first item of a numbered list, bidi controls before its number or not
        if _is_bullet(line):
            # A numbered or dashed line is a heading only outside a list: not after a short item nor
            # after the item numbered one before it (a long item ends no list), and followed by running
            # text, which may carry the same mark («* الأزمة ستدوم 20 عاما» then «* في الأثناء حذر
            # عسكريون …»).
            after_item = previous is not None and (
                _is_short_item(previous, line) or _next_item(line, previous)
            )
            into_item = _is_short_item(following, line)
            if into_item and mark is not None and line.startswith(mark) and ends_like_sentence(following):
                # Asharq Al-Awsat stars a sub-heading and the sentence under it alike («* الطفل والأكل» /
                # «* طفلي انتقائي جدًا في الأكل … بماذا تنصح؟»): a sentence is no item of a list.
                into_item = False
            return not after_item and not into_item
        return True
