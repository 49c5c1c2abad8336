"""Article furniture: the parts of a news page that are not the news, recognised so they can be dropped.

Real articles, crawled or copied from pages, carry bylines and outlet lines, datelines that open the
lead, photo captions, embedded tweets, timestamps, share/follow/ad prompts, tag lists, wire end-marks,
related headlines and leftover HTML. Left in a section, a byline becomes a heading, a dateline tags the
section with the city it was filed from, and a caption becomes the summary a subscriber reads.

Each recogniser here is a pattern plus structural evidence (where the line sits, how long it is, what
follows it), never a list of particular articles. Sectioning (:mod:`nashra.articles.sectioning`) decides
where each applies; this module says what a line or a prefix *is*.

A recognised piece is a :class:`Furniture` ``(kind, text)``; kinds: ``byline``, ``dateline``, ``caption``,
``tweet``, ``timestamp``, ``share``, ``ad``, ``tags``, ``related``, ``markup``, ``title`` (the headline
repeated in the body), ``deck`` (a standfirst above the lead), ``endmark`` (wire end-marks and
separators), ``link`` (URLs, e-mail, phone and contact lines), ``notice`` (copyright, disclaimers) and
``label`` (a short line in another script: "Ad", "TT", a section name), ``repeat`` (a paragraph printed
twice, the first copy cut off) and ``category`` (the section label a headline is printed under, «عام /»).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, timezone, tzinfo
from functools import cache, lru_cache

from babel import Locale

from nashra.arabic import (
    HIJRI_MONTH_NUMBERS,
    HIJRI_MONTHS,
    MONTHS,
    SENTENCE_ENDS,
    WEEKDAYS,
    ends_like_sentence,
    ends_with_colon,
    ends_with_function_word,
    has_arabic,
    has_prose_punctuation,
    introduces_quote_or_list,
    last_word,
    normalize,
    without_article,
    word_list,
    word_set,
)
from nashra.articles.dates import (
    ARAB_ZONES,
    HIJRI_YEARS,
    Reading,
    first_date,
    no_zone,
    read_date,
    zone_after_time,
    zone_refused,
)
from nashra.articles.outlets import OUTLET_CODES
from nashra.clock import on_24_hours
from nashra.model import Furniture
from nashra.regions import get_gazetteer


@dataclass(slots=True)
class Credit:
    """What a byline or dateline says: the outlet or agency, the author and the place filed from."""

    outlet: str | None = None
    author: str | None = None
    place: str | None = None
    published_at: Reading | None = None
    """The date the line gives, as read (:func:`parse_published`): a moment, or a date that is none."""


# --- markup -------------------------------------------------------------------------------------------

_MARKUP = re.compile(
    r"<!--.*?(?:-->|$)"  # comments, WordPress block markers included; a cut-off one runs to the end
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"  # tags
    r"|<[A-Za-z/!][^<>]*$"  # a tag cut off at the end of the text
    r"|&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});"  # entities
    r"|/\*\s*\*/",  # an empty script comment, left by e-mail protection («[email protected] /* */»)
    re.DOTALL | re.MULTILINE,
)
_SCRIPT_COMMENT = "/* */"
_BLOCK_TAGS = frozenset(
    re.findall(
        r"\w+",
        "p br div h1 h2 h3 h4 h5 h6 li ul ol blockquote tr td table section article header footer figure "
        "figcaption hr pre dd dt",
    )
)
_DROPPED_CONTENT = re.compile(
    r"<(script|style|figcaption|noscript|iframe)\b[^>]*>(?P<inner>.*?)</\1\s*>", re.IGNORECASE | re.DOTALL
)
_TAG_NAME = re.compile(r"^</?([A-Za-z][A-Za-z0-9]*)")
_COMMENT_NAME = re.compile(r"^<!--\s*(/?[\w:/-]+)")


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});")


def decode_entities(text: str) -> str:
    """A one-line field (title, outlet line, author) with its HTML entities decoded and no-break spaces
    made plain: «سبق &ndash; وكالات» -> «سبق – وكالات». Crawled records and pasted pages carry them, and
    the byline and title readers recognise dashes and quotes, not their entity names."""
    if "&" in text and _ENTITY.search(text):
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return text.replace("\xa0", " ")


def has_markup(text: str) -> bool:
    """True when the text holds HTML tags, comments or entities."""
    return bool(_MARKUP.search(text))


def strip_markup(text: str) -> tuple[str, list[Furniture]]:
    """The text without HTML: block tags become line breaks, comments and other tags go, entities are
    decoded; figure captions and scripts are dropped with their content, and so is the empty script
    comment a page's e-mail protection leaves after the address it hides («[email protected] /* */»: 30
    places in SaudiNewsNet, all Al-Weeam's job notices).

    Returns the plain text and one ``markup`` item per distinct tag, comment or entity removed (a caption
    removed with its tags is reported as a ``caption``).
    """
    removed: dict[str, Furniture] = {}

    def drop_content(match: re.Match[str]) -> str:
        inner = " ".join(_MARKUP.sub(" ", match.group("inner")).split())
        if match.group(1).lower() == "figcaption" and inner:
            removed.setdefault("caption:" + inner, Furniture("caption", html.unescape(inner)))
        return "\n"

    def replace(match: re.Match[str]) -> str:
        token = match.group()
        if token.startswith("/*"):
            # Inline, inside the sentence that gives the address: it goes without a break.
            removed.setdefault(_SCRIPT_COMMENT, Furniture("markup", _SCRIPT_COMMENT))
            return ""
        if token.startswith("&"):
            removed.setdefault(token, Furniture("markup", token))
            return html.unescape(token)
        if token.startswith("<!--"):
            name = _COMMENT_NAME.match(token)
            shown = f"<!-- {name.group(1)} -->" if name else "<!-- -->"
            removed.setdefault(shown, Furniture("markup", shown))
            return "\n"
        name = _TAG_NAME.match(token)
        tag = name.group(1).lower() if name else ""
        shown = f"<{tag}>" if tag else token[:20]
        removed.setdefault(shown, Furniture("markup", shown))
        return "\n" if tag in _BLOCK_TAGS or not tag else ""

    plain = _MARKUP.sub(replace, _DROPPED_CONTENT.sub(drop_content, text))
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in plain.split("\n")]
    return "\n".join(lines), list(removed.values())


# --- single lines that are furniture wherever they stand ----------------------------------------------

# Compared against normalize(line): alef/hamza forms, ة -> ه and ى -> ي are folded, digits are ASCII.
_RELATED_HEADER = re.compile(
    r"^(?:اقرا|للمزيد اقرا|شاهد|طالع|تابع)\s*(?:ايضا|المزيد|كذلك)\b"
    r"|^(?:مواضيع|مقالات|اخبار|قصص|روابط)\s+(?:ذات صله|متعلقه|مرتبطه|مشابهه|ذات علاقه|اخري)"
    r"|^(?:قد يهمك|قد يعجبك|ننصحك بقراءه|اقرا المزيد|المزيد من الاخبار|الاكثر قراءه|اخترنا لك|اقرا ايضا)"
)
_SHARE = re.compile(
    r"^(?:شارك(?:ها|وا)?|انشر)(?:\s+(?:هذا\s+)?(?:المقال|الخبر|الموضوع|عبر))?(?:\s*:?\s*(?:علي|عبر)\b.*)?:?$"
    r"|^(?:للمزيد\s+)?(?:تابعونا|تابعنا|تابعوا|اشترك(?:وا)?)(?:\s+(?:علي|عبر|في)\b.*|\s*:?)$"
    r"|^(?:\.{2,}|…)?\s*(?:اقرا\s+)?المزيد\s*(?:\.{2,}|…)?$"
    r"|^(?:لقراءه|لمشاهده|اضغط|انقر|اقرا)\b.*\b(?:هنا|كاملا|كامله|الرابط)\s*$"
    r"|^رابط (?:الخبر|المقال|مختصر)\b"
    r"|^(?:طباعه|ارسل لصديق|حجم الخط|تعليقات|التعليقات|اضف تعليق|اضف تعليقا|اترك تعليقا|اترك ردا|شاركنا رايك)"
    r"\s*(?:\(\s*\d*\s*\))?:?$"
    # the comment form under WordPress articles
    r"|^لن يتم نشر (?:عنوان )?بريدك الالكتروني|^الحقول (?:الالزاميه|المطلوبه) مشار اليها"
    r"|^next\b.*\bprevious\b|^previous\b.*\bnext\b"
    # a printed page's cross-reference: «تفاصيل ص19», «التفاصيل ص 5»
    r"|^\(?(?:ال)?(?:تفاصيل|تتمه|بقيه)(?:\s+(?:في|علي))?\s+(?:ص|صفحه)\s*\d+\)?$"
)
# «رابط الخبر بصحيفة الوئام: <the headline>»: a link-back line, however long the headline it repeats.
_LINK_BACK_LINE = re.compile(r"^رابط (?:الخبر|المقال)\b[^:]{0,40}:")
_AD = re.compile(r"^(?:اعلان|اعلانات|ad|ads|advertisement|sponsored|محتوي مدعوم|مساحه اعلانيه)$")
_TAGS = re.compile(
    r"^(?:سمات|وسوم|الوسوم|كلمات مفتاحيه|الكلمات المفتاحيه|كلمات دلاليه|الكلمات الدلاليه|tags?)\b"
)
_ENDMARK = re.compile(
    r"^[\s/\\()\[\]\-–—ـ*.]*(?:انتهي|يتبع|ن ت ه ي)[\s/\\()\[\]\-–—ـ*.]*$"  # // انتهى //
    r"|^[\s*•·#=_~.\-–—]{1,}$"  # separators: * * *, ----
)
_NOTICE = re.compile(
    r"جميع الحقوق محفوظه|©|\(c\)|حقوق النشر محفوظه|all rights reserved|^اخلاء (?:ال)?مسووليه|^تنويه\s*:",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w{2,}|pic\.twitter\.com/\S+")
# The SMS instruction under a column: «تبدأ بالرمز (15) ثم مسافة ثم نص الرسالة إلى». Furniture at any
# length up to LONG_LINE_WORDS: Al-Madina runs it on with each carrier's number («88591 - Stc 635031 -
# Mobily 737221 - Zain»), Okaz over three lines («للتواصل أرسل sms إلى 88548», «الاتصالات ,636250 موبايلي,
# 738303», «زين تبدأ بالرمز 158 مسافة ثم الرسالة»), or with the instruction's tail wrapped onto a line of
# its own («… تبدأ بالرمز 262 مسافة», «ثم الرسالة»).
_SMS_INSTRUCTION = re.compile(r"بالرمز\W+\d+\W+(?:مسافه\W+)?ثم\b|ثم مسافه ثم|^ثم (?:نص )?الرساله\W*$")
# Mobile carriers, two of them with a number on one short line: the SMS box's list of numbers.
_CARRIER = re.compile(r"(?:^|\W)(?:الاتصالات|موبايلي|زين|stc|mobily|zain)(?:\W|$)")
_CONTACT = re.compile(
    r"^(?:تويتر|twitter|فيسبوك|facebook|انستغرام|instagram|للتواصل|للتواصل مع الكاتب|البريد الالكتروني|"
    r"ايميل|email|e-mail|هاتف|تليفون|تلفون|فاكس|جوال|ص\.? ?ب)\b"
    r"|ارسل رساله|sms|" + _SMS_INSTRUCTION.pattern
)
# An e-mail address closing a line, as written or as a page's e-mail protection prints it hidden.
_CLOSING_ADDRESS = re.compile(r"(?:\S+@\S+\.\w{2,}|\[email\s+protected\])[\s).]*$")
# A sentence giving an address says where to write in at least this many words before it («ودعت
# الجمعية من لديه الرغبة أن يرسل بياناته … على البريد التالي»); a contact label is a word or a few.
ADDRESS_SENTENCE_MIN_WORDS = 8


def gives_address(line: str) -> bool:
    """True when a line is a sentence that ends on the e-mail address it gives («ودعت الجمعية من لديه
    الرغبة أن يرسل بياناته وسيرته الشخصية على البريد التالي [email protected]»): text, though it ends
    with no full stop, unlike a contact line under a column («للتواصل: name@example.com», «[email
    protected]» alone), whose label is a word or a few or ends with a colon before the address."""
    text = " ".join(line.split())
    match = _CLOSING_ADDRESS.search(text)
    if match is None:
        return False
    before = text[: match.start()].rstrip()
    if before.endswith((":", "：")) or _CONTACT.search(normalize(before)):
        return False
    return words_of(before) >= ADDRESS_SENTENCE_MIN_WORDS


# A caption block's own label, on a line of its own above the captions: «شرح الصور:», «تعليق الصورة».
_CAPTION_HEADER = re.compile(r"^(?:شرح|تعليق)\s+(?:ال)?صور(?:ه)?\s*[:：]?$")
_TWEET_DATE = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+\d{1,2},\s+\d{4}\s*$",
    re.IGNORECASE,
)
_TWEET = re.compile(r"pic\.twitter\.com/|twitter\.com/\S+/status|x\.com/\S+/status", re.IGNORECASE)
# The signature an embedded post ends with: "— name (@handle) October 23, 2025".
# The date is written «October 23, 2025» or, on Arabic pages, «23 أكتوبر 2025».
_TWEET_SIGNATURE = re.compile(
    r"[—-]\s*[^—]{1,60}\(@\w{1,20}\)\s*(?:\S+\s+\d{1,2},?|\d{1,2}\s+\S+)\s+\d{4}\s*$"
)
# Emoji that open an embedded post ("🎥 ...", "🚨 عاجل ...").
_EMOJI_OPENING = re.compile("^[\U0001f300-\U0001faff\u2600-\u27bf]")


# Lines longer than this are running text: furniture patterns for short lines are not tried on them.
LONG_LINE_WORDS = 25
_NOTICE_MARKS = ("حقوق", "©", "(c)", "reserved", "مسووليه", "تنويه")


@lru_cache(maxsize=4096)
def fold(line: str) -> str:
    """:func:`nashra.arabic.normalize` of a line, remembered: each line is compared many times."""
    return normalize(line)


def is_related_header(line: str) -> bool:
    """A line that opens a related-links list ("إقرأ أيضاً:", "مواضيع ذات صلة", …)."""
    return is_short_line(line) and bool(_RELATED_HEADER.match(fold(line)))


def is_short_line(line: str) -> bool:
    """True for a line short enough to be furniture (at most ``LONG_LINE_WORDS`` words)."""
    return line.count(" ") < LONG_LINE_WORDS


def line_kind(line: str) -> str | None:
    """The furniture kind of a line that is furniture wherever it stands, else None.

    These are self-evident: an embedded tweet, a timestamp, share/follow/ad prompts, a tag list, a wire
    end-mark, a bare URL or contact line, a copyright or disclaimer, a short line in another script.
    """
    folded = fold(line)
    if not folded:
        return None
    words = len(folded.split())
    if (
        (("twitter.com" in line or "x.com/" in line) and _TWEET.search(line))
        or ("(@" in line and _TWEET_SIGNATURE.search(line))
        or (_EMOJI_OPENING.match(line) and _TWEET_DATE.search(line))
    ):
        return "tweet"
    if words > LONG_LINE_WORDS:
        # Running text: only a copyright notice can make a long line furniture.
        return "notice" if _has_notice(folded) and words <= 60 else None
    if _ENDMARK.match(folded):
        return "endmark"
    if words <= 12 and _AD.match(folded):
        return "ad"
    if (words <= 14 and _SHARE.match(folded)) or _LINK_BACK_LINE.match(folded):
        return "share"
    if _has_notice(folded):
        return "notice"
    if _TAGS.match(folded):
        return "tags"
    if is_timestamp(line):
        return "timestamp"
    if (words <= 14 and (_CONTACT.search(folded) or _only_links(line))) or _SMS_INSTRUCTION.search(folded):
        return "link"
    if words <= 10 and len(_CARRIER.findall(folded)) >= 2 and re.search(r"\d{5,}", folded):
        return "link"
    if _CAPTION_HEADER.match(folded):
        return "caption"
    if _URL.search(line) and (_CONTACT.search(folded) or (words <= 8 and not ends_like_sentence(line))):
        # «للمزيد من المعلومات www.example.com», or a columnist's contact box run into one line
        # («name@mail.comللتواصل مع الكاتب ارسل رسالة SMS …»).
        return "link"
    if not has_arabic(line) and words <= 14 and not is_quoted_name(line):
        return "label"
    return None


# A film's director credit, the line of a review's credits card that names the film's maker («* إخراج: آلان
# تايلور», bidi marks around it as Al-Awsat prints them).
_DIRECTOR_CREDIT = re.compile(r"^[\W_]*إخراج\s*[:：]")
# How far below its title a card's director credit stands: the rating may come between («Kahlil
# Gibran's The Prophet» / «* التقييم: (***)» / «* إخراج: …»).
CARD_TITLE_MAX_LINES = 2


def is_director_credit(line: str) -> bool:
    """A film review's director credit («إخراج: برلنتي مندوزا»): a line of its credits card, text, not a
    byline."""
    return bool(_DIRECTOR_CREDIT.match(line))


def titles_card(lines: list[str], i: int) -> bool:
    """Whether lines[i] is the title of a film review's credits card: a director credit follows within
    CARD_TITLE_MAX_LINES lines («Taklub» over «إخراج: …»)."""
    return any(is_director_credit(line) for line in lines[i + 1 : i + 1 + CARD_TITLE_MAX_LINES])


def _has_notice(folded: str) -> bool:
    return any(mark in folded for mark in _NOTICE_MARKS) and bool(_NOTICE.search(folded))


def _only_links(line: str) -> bool:
    rest = _URL.sub(" ", line)
    return rest != line and not re.search(r"\w{2,}", rest.replace("@", ""))


# An embedded post holds at most 280 characters before its signature (X's limit), a few more with a
# link in it. A line with more before the signature is a paragraph of the article with the post
# pasted onto its end by the crawler: the post is cut off after the paragraph's last sentence, and the
# paragraph stays (removed whole as a "tweet", a one-paragraph article lost all its text).
POST_MAX_CHARS = 320
_SENTENCE_BREAK = re.compile(f'[{re.escape(SENTENCE_ENDS)}]+["”»)]*\\s+')


def split_glued_post(line: str) -> tuple[str, Furniture] | None:
    """(paragraph, the post) of a paragraph with an embedded post glued to its end, else None.

    The post begins after the last sentence end that leaves no more than :data:`POST_MAX_CHARS` before
    its signature; with none, only the signature is cut off.
    """
    if "(@" not in line:
        return None
    signature = _TWEET_SIGNATURE.search(line)
    if signature is None or signature.start() <= POST_MAX_CHARS:
        return None
    start = signature.start()
    for found in _SENTENCE_BREAK.finditer(line, 0, start):
        if start - found.end() <= POST_MAX_CHARS:
            start = found.end()
            break
    paragraph = line[:start].rstrip()
    return paragraph, Furniture("tweet", line[start:].strip())


# --- timestamps ---------------------------------------------------------------------------------------

# A clock time, and a date in digits (ISO 8601's «2015-08-10T22:22:00+03:00» too: its «T» joins them).
_TIME = re.compile(r"(?:\b|(?<=\dt))\d{1,2}:\d{2}(?::\d{2})?\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(
    r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|(?=t(?:\d|\s|$)))|\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b",
    re.IGNORECASE,
)
# Words that may sit around a date in a timestamp line (normalized): labels, era and clock marks.
_TIMESTAMP_WORDS = word_set(
    "نشر في بتاريخ تاريخ النشر آخر تحديث محدث تحديث منذ الموافق هـ ه م ت ص مساء صباحا ظهرا "
    "بتوقيت مكة المكرمة غرينتش جرينتش gmt utc t z am pm دقيقة دقيقه دقائق قراءة ساعة ساعات يوم أيام الساعة "
    "published updated update on at " + " ".join(ARAB_ZONES)
)
_ENGLISH_MONTHS = word_set(
    "january february march april may june july august september october november december"
)
# English month numbers, full and as pages abbreviate them («Aug 11, 2015»).
_ENGLISH_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
# English weekdays, full and abbreviated, as a page's posting stamp gives them («Mon, 2015-08-10 22:22»,
# «Tuesday, 11 August 2015 - 13:03 pm»).
_ENGLISH_WEEKDAYS = word_set(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
)
# A relative stamp, a page's «posted two hours ago» (normalized): «منذ ساعتين», «منذ 3 ساعات», «قبل 5
# دقائق». Only a whole line of it is a stamp: in a sentence it says how long something lasted.
_RELATIVE_STAMP = re.compile(
    r"^(?:نشر\s+)?(?:منذ|قبل)\s+(?:\d+\s+)?"
    r"(?:ثانيه|ثوان|دقيقه|دقيقتين|دقايق|ساعه|ساعتين|ساعات|يوم|يومين|ايام|اسبوع|اسبوعين|اسابيع)$"
)
# What follows a clock time to say it is before or after noon: «8:20 ص», «8:20 صباحا», «12:30 am»;
# «5:59 م», «13:03 pm», «8:20 مساء» (read as /time reads them, :func:`nashra.clock.on_24_hours`). A
# zone may follow the mark («10:22 ص بتوقيت مكة»).
_CLOCK_MARK = re.compile(r"\s*(pm|م|مساء|مساءا|am|ص|صباحا)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[\w\u0621-\u064a]+", re.UNICODE)


def _date_tokens(folded: str) -> list[str]:
    """Words of a normalized line with month names joined (كانون الثاني is one token)."""
    for name in sorted((n for n in (*MONTHS, *HIJRI_MONTHS) if " " in n), key=len, reverse=True):
        folded = folded.replace(name, name.replace(" ", "_"))
    return _TOKEN.findall(folded)


def _is_date_word(token: str) -> bool:
    plain = token.replace("_", " ")
    return (
        token.isdigit()
        or plain in MONTHS
        or plain in HIJRI_MONTHS
        or plain in WEEKDAYS
        or plain in _TIMESTAMP_WORDS
        or bool(re.fullmatch(r"\d+(?:هـ|ه|م)", token))
        or token.lower() in _ENGLISH_MONTHS
        or token.lower() in _ENGLISH_MONTH_NUMBERS
        or token.lower() in _ENGLISH_WEEKDAYS
    )


def timestamp_residue(line: str) -> tuple[bool, list[str]]:
    """(holds a date or time, the words that are neither) of a line; a timestamp line leaves no words.

    A date is a numeric date, a time (10:12), or a day number next to a month name; the residue keeps,
    in order, the words that are not dates, times, weekdays, months or timestamp labels ("نشر في").
    """
    folded = normalize(line)
    has_date = bool(_TIME.search(folded) or _NUMERIC_DATE.search(folded))
    tokens = _date_tokens(_NUMERIC_DATE.sub(" ", _TIME.sub(" ", folded)))
    if not has_date:
        named = any(t.replace("_", " ") in MONTHS or t.replace("_", " ") in HIJRI_MONTHS for t in tokens)
        has_date = named and any(t.isdigit() for t in tokens)
    residue = [t for t in tokens if not _is_date_word(t)]
    return has_date, residue


def is_timestamp(line: str) -> bool:
    """A line that is only a date and/or time, with labels such as «نشر في:» or «محدث», or a relative
    stamp («منذ ساعتين»). The one reader of posting stamps: body lines (:mod:`nashra.articles.sectioning`)
    and author fields (:func:`split_posting_stamp`) alike."""
    if _RELATIVE_STAMP.match(" ".join(normalize(line).strip(" :：|-–—").split())):
        return True
    if len(line.split()) > 16 or not any(ch.isdigit() for ch in line):
        return False
    has_date, residue = timestamp_residue(line)
    return has_date and not residue


def parse_published(line: str) -> Reading | None:
    """The date (and time) a timestamp or dateline line gives, in the zone written after its time
    («22:22 +03:00», «GMT+3», «AST», «بتوقيت مكة»: :func:`nashra.articles.dates.zone_after_time`), else
    UTC, read as every input's date is (:func:`nashra.articles.dates.read_date`: a Hijri year's date
    converted on its own day, a day or time its calendar lacks no date, and so is one whose written
    offset is none, «+25:00», :func:`nashra.articles.dates.zone_refused`); None when it gives none."""
    folded = normalize(line)
    time_match = _TIME.search(folded)
    clock = [int(part) for part in time_match.group().split(":")] if time_match else []
    hour, minute, second = (*clock, 0, 0, 0)[:3]
    zone: tzinfo = UTC
    if time_match:
        mark = _CLOCK_MARK.match(folded, time_match.end())
        if mark and 1 <= hour <= 12:
            hour = on_24_hours(hour, mark.group(1).lower())
        rest = folded[mark.end() if mark else time_match.end() :]
        refused = zone_refused(rest)
        if refused is not None:
            return no_zone(" ".join(line.split()), refused)
        offset = zone_after_time(rest)
        zone = UTC if offset is None else timezone(offset)
    year = month = day = None
    numeric = _NUMERIC_DATE.search(folded)
    if numeric:
        if numeric.group(1):
            year, month, day = int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3))
        else:
            day, month, year = int(numeric.group(4)), int(numeric.group(5)), int(numeric.group(6))
    else:
        tokens = _date_tokens(_TIME.sub(" ", folded))
        year, month, day = _gregorian_in_words(tokens) or _hijri_in_words(tokens) or (None, None, None)
    if year is None or month is None or day is None:
        return None
    written = numeric.group() if numeric else " ".join(line.split())
    if numeric and time_match:
        written = f"{written} {time_match.group()}"
    return read_date(year, month, day, hour, minute, second, zone=zone, written=written)


def _gregorian_in_words(tokens: list[str]) -> tuple[int, int, int] | None:
    """(year, month, day) of the first Gregorian date a line's tokens (:func:`_date_tokens`) write with
    the month's name: «9 أغسطس 2015م», or the month first, as English and some Arabic pages write it
    («يوليو 23, 2015, 5:59 م»); None when they write none."""
    for i, token in enumerate(tokens):
        number = MONTHS.get(token.replace("_", " ")) or _ENGLISH_MONTH_NUMBERS.get(token.lower())
        if not number:
            continue
        after = [year for t in tokens[i + 1 : i + 3] if (year := _year(t)) is not None]
        if after and i > 0 and tokens[i - 1].isdigit():
            return after[0], number, int(tokens[i - 1])
        if len(tokens) > i + 2 and tokens[i + 1].isdigit() and (year := _year(tokens[i + 2])) is not None:
            return year, number, int(tokens[i + 1])
    return None


def _hijri_in_words(tokens: list[str]) -> tuple[int, int, int] | None:
    """(year, month, day) of the first Hijri date a line's tokens write with the month's name and a
    year of :data:`nashra.articles.dates.HIJRI_YEARS` («25 شوال 1436 هـ»), for a line that gives no
    Gregorian one (:func:`_gregorian_in_words` is read first: a paper's «الموافق» date is its own);
    None when they write none."""
    for i, token in enumerate(tokens):
        number = HIJRI_MONTH_NUMBERS.get(token.replace("_", " "))
        if not number or i == 0 or not tokens[i - 1].isdigit():
            continue
        year = _year(tokens[i + 1]) if i + 1 < len(tokens) else None
        if year in HIJRI_YEARS:
            return year, number, int(tokens[i - 1])
    return None


# A year as a line's tokens write it: four digits, the era's letter glued on or not («2015م», «1436ه»;
# normalized, «هـ» is «ه»).
_YEAR_TOKEN = re.compile(r"(\d{4})(?:ه|م)?")


def _year(token: str) -> int | None:
    found = _YEAR_TOKEN.fullmatch(token)
    return int(found.group(1)) if found else None


# A bar between a page's byline and its posting stamp («لندن - رويترز | Tuesday, 11 August 2015 - 13:03
# pm», «بقلم: فلان | Mon, 2015-08-10 22:22»).
_STAMP_BAR = re.compile(r"\s*\|\s*")


def split_posting_stamp(field: str) -> tuple[str, Reading | None]:
    """(the field less its posting stamps, the time they give) of a one-line credit field (an author
    field, a feed entry's author): a part after a bar that is a stamp (:func:`is_timestamp`) goes, and so
    does a field that is a stamp and nothing else («يوليو 23, 2015, 5:59 م» -> ""); the date is None
    where the stamp gives none in digits or Gregorian month names (:func:`parse_published`). A field
    without a stamp comes back as given."""
    parts = [part for part in _STAMP_BAR.split(field.strip()) if part]
    stamps = [part for part in parts if is_timestamp(part)]
    if not stamps:
        return field.strip(), None
    kept = " | ".join(part for part in parts if part not in stamps)
    return kept, first_date(*map(parse_published, stamps))


def dated_credit(line: str, outlet: str | None = None) -> Credit | None:
    """What a line of a date and a credit says («الرياض 24 شوال 1436 هـ الموافق 09 اغسطس 2015 م واس»: the
    place, the agency, the time), or a bare stamp's time alone; None when the line holds no date or its
    other words are no credit. The time is the Gregorian one (:func:`parse_published`), None if none."""
    has_date, residue = timestamp_residue(line)
    if not has_date:
        return None
    rest = " ".join(residue)
    found = parse_credit(rest, outlet, loose=True) if rest else Credit()
    if found is not None:
        found.published_at = parse_published(line)
    return found


# --- bylines and datelines ----------------------------------------------------------------------------

# Words that credit the source rather than name a person or place: agencies, desks, "exclusive".
_CREDIT_WORDS = word_set(
    "خاص متابعات متابعة وكالات الوكالات واس رويترز الأناضول أ.ف.ب ا.ف.ب أ_ف_ب ا_ف_ب فرانس_برس "
    "أ_ش_أ أ.ش.أ د_ب_أ د.ب.أ كونا وام سبأ سانا قنا بنا ومع وفا إرنا يو_بي_آي أسوشيتد_برس "
    "فريق_التحرير التحرير هيئة_التحرير الترجمة المحرر مكتب "
    "محرر_الشؤون الإلكتروني مراسلون مراسلنا وكالة_الأنباء bbc afp reuters ap"
)
# A paper's desks and pages, named in its bylines where a reporter's name would stand («الجزيرة - المحليات:»,
# «المنوعات - الجزيرة:», «القسم السياسي- الرقة - خاص»): a desk is no person, so never an author.
_DESK_WORDS = word_set(
    "المحليات محليات المنوعات منوعات الرياضة رياضة القسم_السياسي قسم_الأخبار الملف_السياسي الشؤون_المحلية"
)
# Desks named as another outlet is («الاقتصادية», the economy pages): a desk only beside the line's own
# outlet («الجزيرة - الاقتصادية:»); alone, or in quotation marks, it credits that outlet.
_OUTLET_DESKS = word_set("الاقتصادية")
# A city whose short name is a common word: «المدينة» ("the city") for Medina. The gazetteer cannot hold
# it (every «المدينة» of running text would name Medina), but beside an outlet's or agency's name in a
# credit («المدينة - الوئام», «سبق- المدينة:») it is the place filed from. The line's own outlet of that
# name («المدينة - جدة» in Al-Madina) is the outlet.
_SHORT_PLACE_NAMES = word_set("المدينة")
_AGENCY_HINT = re.compile(r"وكاله|للانباء|للاعلام|برس|نيوز|الاخباريه|news|press|agency", re.IGNORECASE)
# An underscore set off by spaces is a dash too («المدينة _ جدة»); glued to words it joins a hashtag's.
_SEPARATORS = re.compile(r"\s*(?:[–—\-ـ/|،,:：]|\.{2,}|…|(?<=\s)_+(?=\s))+\s*")
# «فلان وفلان»: the conjunction joining two credited names (the و is dropped).
_CONJUNCTION = re.compile(r"\s+و\s*(?=\S{2,})")
_PAREN = re.compile(r"[(\[{«]\s*([^)\]}»]{1,60}?)\s*[)\]}»]")
_QUOTES = "«»\"“”'‘’{}()[]"
_BYLINE_MAX_WORDS = 14
_SEGMENT_MAX_WORDS = 5


@cache
def _names_of(kinds: frozenset[str] | None = None) -> frozenset[str]:
    """Normalized Arabic names of the gazetteer's places of ``kinds`` (every kind when None), and of
    the world's cities that datelines name («مانيلا (أ ف ب) -»): the Arabic names of the time-zone
    cities of the Unicode CLDR, through Babel. Used to read credits only, never to tag a region."""
    names = {
        n.norm
        for n in get_gazetteer().lookup_names
        if (kinds is None or n.kind in kinds) and has_arabic(n.norm)
    }
    zones = Locale("ar").time_zones
    names.update(normalize(zone["city"]) for zone in zones.values() if has_arabic(zone.get("city", "")))
    return frozenset(names)


def _place_names() -> frozenset[str]:
    """Every country, subdivision and known place, and the CLDR's cities (see _names_of)."""
    return _names_of()


def _town_names() -> frozenset[str]:
    """The towns datelines are filed from: the gazetteer's cities, towns and villages and the CLDR's
    cities (see _names_of); not its regions and countries."""
    return _names_of(_TOWN_KINDS)


def _city_names() -> frozenset[str]:
    """Countries, subdivisions and cities, and the CLDR's cities (see _names_of): the places a
    one-word credit may name (towns, villages and landmarks share given names)."""
    return _names_of(_CITY_KINDS)


_TOWN_KINDS = frozenset({"city", "town", "village"})
_CITY_KINDS = frozenset({"country", "subdivision", "city"})


def is_desk(text: str, outlet: str | None = None, line: str | None = None) -> bool:
    """Whether ``text`` (an author field, a byline's part) names one of a paper's desks or pages
    («المحليات», «المنوعات», «القسم السياسي»), which credit no person. «الاقتصادية» is a desk only where
    ``line``, the whole credit, also names ``outlet``, the paper it is a desk of («الجزيرة -
    الاقتصادية:»): alone it credits the outlet Al-Eqtisadiya."""
    folded = normalize(text.strip(_QUOTES + " :：-–—ـ"))
    if folded in _DESK_WORDS:
        return True
    if folded not in _OUTLET_DESKS or text.strip()[:1] in _QUOTES or names_outlet(text, outlet):
        return False
    return line is not None and any(names_outlet(part, outlet) for part in _segments(line, outlet))


def is_short_place(text: str, outlet: str | None = None) -> bool:
    """Whether ``text`` is a city's short name that is a common word («المدينة», Medina: see
    _SHORT_PLACE_NAMES) and not ``outlet``'s own name: the place filed from only beside a credit
    («المدينة - الوئام», «عكاظ (المدينة)»), never alone."""
    return normalize(text.strip(_QUOTES + " ")) in _SHORT_PLACE_NAMES and not names_outlet(text, outlet)


def is_place_name(text: str) -> bool:
    """True when the whole text is a country, subdivision or town name (clitic-free, as datelines write)."""
    folded = normalize(text.strip(_QUOTES + " "))
    if not folded or len(folded.split()) > 3:
        return False
    names = _place_names()
    return folded in names or without_article(folded) in names


def is_place_alone(text: str, outlet: str | None = None) -> bool:
    """Whether ``text`` names a place and nothing else: a country, subdivision or town name that is no
    agency or credit word sharing its spelling («قنا», the Qatar News Agency, is also Qena) and not
    ``outlet``'s own name. An author field or a page's author holding only this is the dateline. One
    word must name a country, a subdivision or a city (:func:`_city_names`): the gazetteer's towns,
    villages and landmarks include given names («جمال», «سلمى», «منى»), which alone are the author."""
    if not is_place_name(text) or _is_credit(text, outlet) or names_outlet(text, outlet):
        return False
    folded = normalize(text.strip(_QUOTES + " "))
    if folded in _PRINTED_NAMES:  # «الجزيرة», «المدينة»: a paper's name before it is a place's
        return False
    names = _city_names()
    return len(folded.split()) > 1 or folded in names or without_article(folded) in names


# The names the crawled outlets print, normalized (nashra.articles.outlets): some are also places'.
_PRINTED_NAMES = frozenset(normalize(name) for name in OUTLET_CODES.values())


def _is_credit(segment: str, outlet: str | None) -> bool:
    folded = normalize(segment.strip(_QUOTES + " "))
    if not folded:
        return False
    if outlet and _same_outlet(folded, outlet):
        return True
    words = folded.split()
    return (
        folded in _CREDIT_WORDS
        or all(w in _CREDIT_WORDS for w in words)
        or (words[0] in ("مكتب", "قسم", "فريق", "وكاله") and len(words) <= 4)
        or (len(words) <= 4 and bool(_AGENCY_HINT.search(folded)))
    )


# What an outlet's name carries around it in its own bylines (normalized): «صحيفة الوئام», «كلمة اليوم»
# (its editorial), «مكتب الجزيرة» (its bureau), «الشرق الأوسط
# أونلاين», «الاقتصادية الإلكترونية», «الرياض الإلكتروني», «سبق الإلكترونية».
_OUTLET_PREFIX = re.compile(r"^(?:صحيفه|جريده|موقع|كلمه|مكتب)\s+")
_OUTLET_SUFFIX = re.compile(r"\s+(?:اونلاين|الالكترونيه|الالكتروني|نت|online)$", re.IGNORECASE)


def _same_outlet(folded: str, outlet: str) -> bool:
    name = normalize(outlet.strip(_QUOTES + " "))
    if not name:
        return False
    bare = _OUTLET_SUFFIX.sub("", _OUTLET_PREFIX.sub("", folded.strip(_QUOTES + " ")))
    if bare.startswith(name + " "):
        return False  # «الوطن صبر وعزيمة»: the outlet's name is a word of the line, not the outlet
    squashed, target = bare.replace(" ", "").strip(_QUOTES), name.replace(" ", "")
    return squashed == target or (squashed.startswith(target) and len(squashed) - len(target) <= 4)


def names_outlet(text: str, outlet: str | None) -> bool:
    """Whether ``text`` (an author field, a byline's part) names the outlet ``outlet`` itself, as its
    bylines print it: quoted or not, with «صحيفة» before it or «أونلاين», «الإلكترونية» after it
    («"الاقتصادية"», «الشرق الأوسط أونلاين»). An outlet is no person: its name is no author."""
    if not outlet:
        return False
    folded = normalize(text.strip(_QUOTES + " :：-–—ـ"))
    bare = _OUTLET_SUFFIX.sub("", _OUTLET_PREFIX.sub("", folded)).strip(_QUOTES + " ")
    name = normalize(outlet.strip(_QUOTES + " "))
    return bool(name) and bare.replace(" ", "") == name.replace(" ", "")


# A list item's mark before a credit or dateline («* أثينا - «الشرق الأوسط»: …», «• جدة - واس:»).
_LIST_MARK = re.compile(r"^[\s\u200e\u200f]*[*•·▪▫■□●○◦►▶◄◀✓✔➢➤-](?=\s*\S)(?![\-–—])\s*")


def without_list_mark(line: str) -> str:
    """``line`` stripped and less the mark of a list item that opens it («* أثينا - …» -> «أثينا - …»):
    an item of a page of briefs opening with a place is that item's dateline, and the place is no name."""
    return _LIST_MARK.sub("", line.strip())


def _segments(line: str, outlet: str | None = None) -> list[str]:
    """The parts of a credit line between its separators (dashes, slashes, commas, colons, brackets,
    the conjunction و)."""
    text = _PAREN.sub(lambda m: f" | {m.group(1)} | ", line)
    parts = (part for piece in _SEPARATORS.split(text) for part in _split_conjunction(piece, outlet))
    return [s.strip(_QUOTES + " .") for s in parts if s and s.strip(_QUOTES + " .")]


def _split_conjunction(piece: str, outlet: str | None) -> list[str]:
    """``piece`` split at each «و» that joins two names: «خالد محمود وعبد الستار حتيتة». A name opening
    with the letter is no conjunction: the parts on both sides of a joining «و» are full names of two
    words or more («أسماء وهبة», «مصطفى واعراب» are one name each). An agency whose name begins with
    the letter (واس، وام، وفا، «وكالات») or the outlet is a part of its own, with its «و»: «بيروت واس»
    is a place and the agency, never «بيروت» and «اس»."""
    parts: list[str] = []
    start = 0
    for match in _CONJUNCTION.finditer(piece):
        conjunction = match.start() + len(match.group()) - len(match.group().lstrip())
        word = piece[conjunction:].split(maxsplit=1)[0]
        if _is_credit(word, outlet):
            parts.append(piece[start : match.start()])
            start = conjunction
        elif len(piece[start : match.start()].split()) >= 2 and len(piece[match.end() :].split()) >= 2:
            parts.append(piece[start : match.start()])
            start = match.end()
    parts.append(piece[start:])
    return parts


_NOT_IN_NAMES = word_set("يوم أمس اليوم غدا الليلة صباح مساء فجر")
_DATELINE_MARK = re.compile(r"[-–—ـ:：]")
# Words no name opens with: prepositions and connectives, bare or after «و» («على» folds to the name «علي»).
_NOT_NAME_OPENINGS = word_set(
    "في من إلى الى عن مع منذ لدى حتى فيما بينما كما وفي ومن والى وإلى وعن ومع وفيما وبينما وكما"
)
# The outlet's name quoted after a word of running text («حوار «الشرق الأوسط» مع …», «تطوير «الرياض»
# وعضويتها»): the outlet mentioned, not credited (a byline puts it after a place and a mark: «لندن:
# «الشرق الأوسط»»).
_MENTIONED_OUTLET = re.compile(r"[\w\u0621-\u064a]\s*[«\"“]")
# Function words a name may end with after all: the name علي is spelled as the preposition على folds.
_NAME_ENDS = word_set("علي")
# A verb of the present tense in the derived forms that take a «ت» or «ست» after their prefix («تتجدد»,
# «يتطور», «تستمر», «يستقبل»), normalized: three letters or more follow «ت», two or more «ست», where a name
# of that opening («يتيم») has fewer.
_DERIVED_PRESENT_VERB = re.compile(r"^[يت](?:ت\w{3,}|ست\w{2,})$")


def _reads_as_phrase(text: str) -> bool:
    """Whether ``text`` is a phrase no person's name can be, whatever its length: it holds a verb of the
    present tense of a derived form (see _DERIVED_PRESENT_VERB: «شراكة تتجدد», «العلاقات تتطور»), a noun
    with the article joined by «و» («الأرمن والدولة الصفوية», «جدة المباشر والدائري»: «و» joins two
    names only as words of their own, see _split_conjunction) or the conjunction «أو» («الصومال أو
    النيجر»). A given name, a father's or a family name has none of these shapes."""
    return any(
        _DERIVED_PRESENT_VERB.match(w) or (w.startswith("وال") and len(w) > 4) or w == "او"
        for w in normalize(text).split()
    )


def _name_like(segment: str) -> bool:
    """A person's name as bylines print it: 1-4 words, no digits, no day, month or time words, and not
    ending in a preposition or conjunction (a caption or headline cut short: «اشتباكات مسلحة في»)."""
    words = segment.split()
    if not 1 <= len(words) <= 4 or any(ch.isdigit() for ch in segment) or not has_arabic(segment):
        return False
    if normalize(words[0]) in _NOT_NAME_OPENINGS or _reads_as_phrase(segment):
        # «مع فلان», «وفيما يلي حوار», «والريادة», «شراكة تتجدد» (a heading's phrase after two places):
        # a clause or a phrase, no name
        return False
    if ends_with_function_word(segment) and last_word(segment) not in _NAME_ENDS:
        return False
    folded = set(normalize(segment).split())
    return not folded & (_NOT_IN_NAMES | WEEKDAYS | set(MONTHS) | HIJRI_MONTHS)


def parse_credit(
    line: str,
    outlet: str | None = None,
    *,
    loose: bool = False,
    max_authors: int = 3,
    place_alone: bool = False,
) -> Credit | None:
    """Read a byline or dateline line: ``OUTLET – AUTHOR``, ``CITY: AUTHOR``, ``AUTHOR – OUTLET``,
    ``بيروت/ فلان/ الأناضول``, ``البلاد (الخرطوم)``, ``عين اليوم – الدوحة``, ``«الاقتصادية» من الرياض``.

    Evidence is required: one part is the outlet, an agency or a credit word (خاص، متابعات، وكالات), or a
    place name next to a name. With ``loose`` (a line where only furniture can stand, such as the top of
    a page or line 2 of a text file) a short name-like line is accepted as the author alone. At most
    ``max_authors`` parts may be names; with ``place_alone`` (or ``loose``) a place name alone is a
    dateline. Returns None for anything else.
    """
    stripped = without_list_mark(line)
    # A list item is a brief's headline («* اليونان: …», «* فلان و«الشرق الأوسط»») unless it opens
    # with a place and a credit: then it is the item's dateline.
    listed = stripped != line.strip()
    if not stripped or len(stripped.split()) > _BYLINE_MAX_WORDS:
        return None
    if ends_like_sentence(stripped, colon=False) and not stripped.rstrip(_QUOTES + " ").endswith(")"):
        return None
    from_place = _OUTLET_FROM_PLACE.match(stripped)
    if from_place and _is_credit(from_place.group("outlet"), outlet):
        return Credit(outlet=from_place.group("outlet").strip(_QUOTES + " "), place=from_place.group("place"))
    body = re.sub(r"^(?:next\s+previous|previous\s+next)\s+", "", stripped, flags=re.IGNORECASE)
    body = re.sub(
        r"^(?:كتب|كتبت|بقلم|تقرير|اعداد|إعداد|حوار|تصوير|ترجمة|تحرير"
        r"|حاور(?:ه|ها|هم|ته)|أجرى الحوار|اجرى الحوار)\s*[:\-–]?\s*",
        "",
        body,
    )
    body = _separate_colon_places(body)
    segments = _segments(body, outlet)
    if not segments or any(len(s.split()) > _SEGMENT_MAX_WORDS for s in segments):
        return None
    if (
        outlet
        and _MENTIONED_OUTLET.search(body)
        and any(names_outlet(m.group(1), outlet) for m in re.finditer(r"[«\"“]([^«»\"“”]+)[»\"”]", body))
    ):
        mention = re.search(r"[\w\u0621-\u064a]\s*[«\"“]\s*" + re.escape(outlet.strip()), body)
        if mention:
            return None
    desks = _desk_parts(body, outlet)
    filed_from = _colon_places(body, outlet)
    head, colon, tail = body.replace("：", ":").partition(":")
    before_colon = len(_segments(head, outlet)) if colon and tail.strip() else 0
    qualifiers = {normalize(m.group(1)) for m in _PAREN.finditer(body)}
    # An outlet named as a town («الرياض») is that town where it opens the line and the line names no
    # other place: «الرياض - واس», «الرياض - فلان» in Al-Riyadh are filed from Riyadh, where «متابعة -
    # الرياض الإلكتروني», «مصادر (الجزيرة)» and «الجزيرة - الرياض:» name the outlet. A paper named as a
    # region no dateline names (Al-Jazirah, as Sudan's Gezira state) is the paper: «الجزيرة - واس:» is the
    # paper and the agency it carries, filed from nowhere it says.
    others = [s for s in segments if not names_outlet(s, outlet)]
    outlet_is_place = (
        bool(outlet)
        and normalize(outlet or "") in _town_names()
        and names_outlet(segments[0] if segments else "", outlet)
        and not any(is_place_name(s) for s in others)
    )
    credit = Credit()
    authors: list[str] = []
    evidence = False
    parts = 0  # segments less the qualifiers joined to a place and the role words
    placed = False  # the segment before went to the place
    places = 0  # segments that went to the place
    credited = [_is_credit(s, outlet) for s in segments]
    for position, segment in enumerate(segments):
        parts += 1
        short_place = is_short_place(segment, outlet) and any(
            c for i, c in enumerate(credited) if i != position
        )
        source_place = re.match(r"^(?P<outlet>.+?)\s+من\s+(?P<place>.+)$", segment)
        if source_place and _is_credit(source_place.group("outlet"), outlet):
            credit.outlet = credit.outlet or source_place.group("outlet").strip(_QUOTES + " ")
            credit.place = credit.place or source_place.group("place")
            evidence = True
        elif is_desk(segment, outlet, body):
            # «الجزيرة - المحليات:»: the desk that filed it is evidence of a byline, and no name.
            parts -= 1
            evidence = True
        elif short_place:
            credit.place = f"{credit.place}، {segment}" if credit.place else segment
            placed = True
            places += 1
            continue
        elif credited[position] and not (outlet_is_place and is_place_name(segment)):
            # The outlet's own name, then an agency («الوئام - رويترز:»): the agency is what it carries.
            own = credit.outlet is not None and names_outlet(credit.outlet, outlet)
            if (credit.outlet is None or own) and normalize(segment) not in ("خاص", "متابعات", "متابعه"):
                credit.outlet = segment
            evidence = True
        elif _is_role(segment):
            # «مكة المكرمة - سامي علي / تصوير - سليمان وهيب»: what a person did is no name.
            parts -= 1
        elif placed and normalize(segment) in qualifiers and (position in desks or is_place_name(segment)):
            # «بنغازي (ليبيا)»: the bracketed country or region qualifies the place before it.
            credit.place = f"{credit.place} ({segment})"
            parts -= 1
            continue
        elif position in desks or (
            (credit.place is None or placed or position < before_colon or normalize(segment) in filed_from)
            and is_place_name(segment)
        ):
            # «رام الله، غزة: فلان», «أنقرة، برلين: «الشرق الأوسط»»: the places before the colon
            # are all filed from; so are places listed together («واس - القاهرة، جدة», «فلان - الدمام ـ
            # الأحساء») and the place before each colon («صنعاء: فلان - الرياض: فلان»).
            credit.place = f"{credit.place}، {segment}" if credit.place else segment
            placed = True
            places += 1
            continue
        elif _name_like(segment):
            authors.append(segment)
        else:
            return None
        placed = False
    if len(authors) > max_authors:
        return None
    if listed and (parts == 1 or not (credit.place or credit.outlet) or not _DATELINE_MARK.search(stripped)):
        # A list item is a dateline only with a place or a credit and a dash or colon between its parts:
        # «* أثينا - «الحياة»», «* دكار - رويترز»; «* فلان و«الحياة»», «* اليونان» head a brief.
        return None
    if credit.place and parts == places and (place_alone or loose):
        return credit  # «جدة», «لندن - بكين»: the places filed from, and nothing else
    if credit.place and (authors or evidence):
        evidence = True
    if not evidence and not (loose and authors and parts <= 3):
        return None
    credit.author = "، ".join(authors) or None
    return credit


_PART_SEPARATOR = re.compile(r"(\s*(?:[–—\-ـ/|،,]|\.{2,}|…)+\s*)")


def _separate_colon_places(body: str) -> str:
    """A byline of several «PLACE: AUTHOR» pairs with the place glued to the author before it, set
    apart with a dash: «صنعاء: عرفات مدابش الرياض: فهد» -> «صنعاء: عرفات مدابش - الرياض: فهد»,
    «برلين: فلان طهران - موسكو: …» -> «برلين: فلان - طهران - موسكو: …»."""
    chunks = re.split(r"([:：])", body)
    if len(chunks) < 5:  # fewer than two colons: one place at most, at the start
        return body
    for c in range(2, len(chunks) - 2, 2):
        parts = _PART_SEPARATOR.split(chunks[c])
        k = len(parts) - 1
        while k > 0 and is_place_name(parts[k]):
            k -= 2
        words = parts[k].split()
        for w in range(1, len(words)):
            if is_place_name(" ".join(words[w:])):
                parts[k] = f"{' '.join(words[:w])} - {' '.join(words[w:])}"
                break
        chunks[c] = "".join(parts)
    return "".join(chunks)


def _colon_places(body: str, outlet: str | None) -> frozenset[str]:
    """Normalized place names a byline files from: those right before each of its colons, with the
    places listed before them («بروكسل: فلان - نيويورك ـ طهران: «الشرق الأوسط»» files from بروكسل,
    نيويورك and طهران)."""
    chunks = re.split(r"[:：]", body)
    places: set[str] = set()
    for chunk in chunks[:-1]:
        for segment in reversed(_segments(chunk, outlet)):
            if not is_place_name(segment):
                break
            places.add(normalize(segment))
    return frozenset(places)


def _desk_parts(body: str, outlet: str | None) -> frozenset[int]:
    """In «DESK: CREDIT» («العواصم: الوكالات», «زوريخ: رويترز», «الوطن – العواصم: الوكالات»), the
    positions among the line's segments of the desks and places filed from: the parts before the colon
    when an agency or the outlet follows it (with the names of the reporters, if any). There wire copy
    and correspondents name where they filed from, so such a part is a dateline or a desk, never an
    author: the only part («لوس أنجليس: د ب أ»), a place qualified in brackets («كيب كنافيرال (ولاية
    فلوريدا)»), a single word («العواصم»), or any part when one of them is a known place («ديار بكر،
    بروكسل: أ ف ب»). Otherwise longer parts are names («نايف عبدالله – سعد الفراج: عين اليوم»). Empty
    when the line has no such colon."""
    head, colon, tail = body.replace("：", ":").partition(":")
    if not colon or ":" in tail:
        return frozenset()
    before, after = _segments(head, outlet), _segments(tail, outlet)
    credits = [_is_credit(part, outlet) for part in after]
    if not any(credits) or not all(c or _name_like(part) for c, part in zip(credits, after, strict=True)):
        return frozenset()
    bracketed = {normalize(m.group(1)) for m in _PAREN.finditer(head)}
    one_place = all(normalize(part) in bracketed for part in before[1:])
    places = [is_place_name(part) for part in before]
    return frozenset(
        i for i, part in enumerate(before) if one_place or any(places) or len(part.split()) == 1 or places[i]
    )


_ROLE_WORDS = word_set("كتب كتبت بقلم تقرير اعداد تحرير ترجمة تصوير استطلاع حوار تحقيق رصد رسوم")


def _is_role(segment: str) -> bool:
    """A segment naming what a contributor did («تصوير», «استطلاع وتصوير»), not who."""
    words = normalize(segment).split()
    return bool(words) and all(w in _ROLE_WORDS or (w[:1] == "و" and w[1:] in _ROLE_WORDS) for w in words)


_OUTLET_FROM_PLACE = re.compile(
    r"^(?P<outlet>[«\"“]?[^«»\"“”]{2,30}[»\"”]?)\s+من\s+(?P<place>\S+(?:\s\S+)?)$"
)
# What ends a dateline: a colon, a dash, a bracket's close («(رويترز) -»), a full stop, or the outlet's name
# in quotation marks after the places' colon with no mark after it («لندن - برلين: «الشرق الأوسط» بيعت …»).
_DATELINE_END = re.compile(r"\s*(?:[:：]|[-–—ـ]+(?=\s)|(?<=\))\s*[-–—ـ:]?|\.(?=\s)|(?<=[»”])(?=\s))\s*")
_DATELINE_MAX_WORDS = 9


def split_dateline(paragraph: str, outlet: str | None = None) -> tuple[Credit, str, str] | None:
    """A dateline opening a lead paragraph, as (credit, the dateline as written, the rest of the text).

    Recognised: «بيروت - (الوكالة الوطنية للإعلام): …», «الخرطوم (رويترز) - …», «عدن – خاص: …»,
    «بيروت/ فلان/ الأناضول …», «فلان- سبق- جدة: …», «أفريقيا برس – المغرب. …», and a bare place
    followed by a dash or colon («الرياض - …»). The rest must be running text of at least three words.
    A dateline names at most one person; once one is found, it extends only over places and credits
    («فلان- سبق» then «- جدة:»), never over the words of the sentence that follows.
    """
    head = paragraph[:200]
    best: tuple[Credit, int, int] | None = None
    for match in _DATELINE_END.finditer(head):
        prefix = paragraph[: match.start()].strip()
        if not prefix:
            continue
        if len(prefix.split()) > _DATELINE_MAX_WORDS:
            break
        rest = paragraph[match.end() :].strip()
        if len(rest.split()) < 3:
            continue
        credit = _dateline_credit(prefix, match.group().strip(), outlet)
        if credit is None or (
            not match.group().strip() and prefix[-1] in "»”" and not _quoted_outlet_last(credit, prefix)
        ):
            continue
        if best is not None:
            extra = paragraph[best[1] : match.start()]
            if not all(is_place_name(s) or _is_credit(s, outlet) for s in _segments(extra, outlet)):
                named = _outlet_after_place(best[0], extra)
                if named is not None:
                    credit = Credit(outlet=named, place=best[0].place)
                elif not _files_from(credit, extra, outlet):
                    # «لندن - سيول: «الشرق الأوسط» …»: a place the gazetteer does not know is one of the
                    # places filed from when the outlet follows the colon (see _desk_parts); «لندن -
                    # سيول:» alone is read no further than «لندن -».
                    if _PLACES_THEN_COLON.match(extra):
                        continue
                    break
        best = (credit, match.start(), match.end())
    if best is None:
        return None
    credit, _, end = best
    agency = _AGENCY_OPENING.match(paragraph, end) if _place_only(credit) else None
    wire = agency is not None and normalize(agency.group(1)) in _WIRE_AGENCIES
    if agency and wire and len(paragraph[agency.end() :].split()) >= 3:
        # «الرياض - واس شهدت …»: the agency after the place, no colon or dash after it.
        credit = Credit(outlet=agency.group(1), place=credit.place)
        end = agency.end()
    desk = _AGENCY_OPENING.match(paragraph, end) if _outlet_only(credit, outlet) else None
    if desk and normalize(desk.group(1)) in _CREDIT_WORDS and len(paragraph[desk.end() :].split()) >= 3:
        # «عين اليوم – متابعات أزاحت …»: the outlet's own desk word after its name, no mark after it.
        end = desk.end()
    return credit, paragraph[:end].strip(), paragraph[end:].strip()


# Arabic news outlets that print their name after the place in a dateline («جدة – سبق:», «جدة: عكاظ -»)
# and whose name is no place and no common word. Outlets named by common words («اليوم», «الوطن»,
# «المدينة», «الرياض», «الشرق», «البيان», «الأيام») are not here: they count only as the article's own
# outlet or in quotation marks.
_OUTLET_NAMES = word_set(
    "سبق عكاظ الحياة الشرق_الأوسط عين_اليوم الوئام الاقتصادية إيلاف الجزيرة_نت القدس_العربي العربي_الجديد "
    "المصري_اليوم اليوم_السابع هسبريس القبس"
)
# Agencies whose names are no Arabic word, so one after a dateline's place opens no sentence even with
# no colon or dash after it («الرياض - واس شهدت …»); «وام», «ومع», «بنا», «سبأ», «وفا» read as words.
_WIRE_AGENCIES = word_set("واس رويترز الأناضول أ.ف.ب ا.ف.ب د.ب.أ أ.ش.أ كونا سانا قنا إرنا afp reuters")
_AGENCY_OPENING = re.compile(r"\s*([^\s:：\-–—ـ]+)\s+")
# A name in quotation marks or guillemets after a dateline's place: the outlet («بيروت - «الحياة»: …»).
_QUOTED_NAME = re.compile(r"^[«\"“]([^«»\"“”:：\-–—ـ.،,]{2,40})[»\"”]$")
_QUOTED_NAME_MAX_WORDS = 3


def _quoted_outlet_last(credit: Credit, prefix: str) -> bool:
    """Whether a dateline ending on a closing quotation mark with no mark after it ends with the outlet's
    name in quotation marks after the places filed from («لندن - برلين: «الشرق الأوسط»»): a known place
    is required, as a quoted name alone opens a sentence as its subject («"الوئام" تكشف …», «وأبلغ حميدان:
    «الشرق الأوسط» في تصريحات …»)."""
    quoted = re.search(r"[«\"“]([^«»\"“”]{2,40})[»\"”]$", prefix)
    return (
        quoted is not None
        and credit.place is not None
        and any(is_place_name(place) for place in credit.place.split("، "))
        and credit.outlet is not None
        and normalize(credit.outlet.strip(_QUOTES + " ")) == normalize(quoted.group(1).strip())
    )


def _place_only(credit: Credit) -> bool:
    return credit.place is not None and credit.outlet is None and credit.author is None


def _outlet_only(credit: Credit, outlet: str | None) -> bool:
    return credit.place is None and credit.author is None and names_outlet(credit.outlet or "", outlet)


def _files_from(credit: Credit, extra: str, outlet: str | None) -> bool:
    """Whether every part of ``extra`` (a dateline's words after its first place) is a place ``credit``
    files from or the outlet or agency it credits: «- سيول: «الشرق الأوسط»» after «لندن» read as filed
    from London and Seoul for Asharq Al-Awsat, where the outlet after the colon makes the parts before it
    places (see _desk_parts), known to the gazetteer or not."""
    places = {normalize(p) for p in (credit.place or "").split("، ") if p}
    return credit.author is None and all(
        normalize(s) in places or _is_credit(s, outlet) or (credit.outlet and names_outlet(s, credit.outlet))
        for s in _segments(extra, outlet)
    )


# The words after a dateline's first place up to a colon: one more short part («- سيول:»), which only the
# outlet or agency after the colon shows to be a place.
_PLACES_THEN_COLON = re.compile(r"^\s*[-–—ـ،,]\s*[^\s:：\-–—ـ،,]+(?:\s[^\s:：\-–—ـ،,]+)?\s*$")


def _outlet_after_place(credit: Credit, extra: str) -> str | None:
    """The outlet named between a dateline's place and the dash or colon that ends the dateline
    («جدة – سبق:», «جدة: سبق -», «بيروت - «الحياة»:»), when ``credit`` is that place alone and
    ``extra`` (from the place's own dash or colon on) holds one name: in quotation marks or guillemets
    (three words at most), or a known outlet's (``_OUTLET_NAMES``). None otherwise: an unquoted name
    is as often the subject («المملكة المتحدة – شازام: جمع تطبيق …», «ألمانيا – ساوندكلاود: …»)."""
    if not _place_only(credit):
        return None
    name = extra.strip().lstrip(":：-–—ـ").strip()
    quoted = _QUOTED_NAME.match(name)
    if quoted and len(quoted.group(1).split()) <= _QUOTED_NAME_MAX_WORDS:
        return quoted.group(1).strip()
    if normalize(name) in _OUTLET_NAMES:
        return name
    return None


def split_byline_repeat(paragraph: str, *credits: Credit | None) -> tuple[str, str] | None:
    """The article's own byline repeated before a colon at the start of the lead, as (the byline as
    written, the rest): «عمر عريبي- سبق- طريب: اختتم …» under the byline «عمر عريبي- سبق- طريب:», where
    the place filed from is a town no gazetteer knows. Every part before the colon must be a part of the
    bylines already read (``credits``: author, place, outlet) or a credit word, and the rest running text
    of at least three words; None otherwise."""
    head, colon, rest = paragraph[:200].partition(":")
    if not colon or len(head.split()) > _DATELINE_MAX_WORDS or len(rest.split()) < 3:
        return None
    known = {
        normalize(part)
        for credit in credits
        if credit is not None
        for field in (credit.author, credit.place, credit.outlet)
        if field
        for part in field.split("، ")
        if part
    }
    outlet = next((c.outlet for c in credits if c is not None and c.outlet), None)
    segments = _segments(head, outlet)
    if not segments or not known:
        return None
    if not all(normalize(s) in known or _is_credit(s, outlet) for s in segments):
        return None
    if not any(normalize(s) in known for s in segments):
        return None
    return paragraph[: len(head) + 1].strip(), paragraph[len(head) + 1 :].strip()


def _dateline_credit(prefix: str, terminator: str, outlet: str | None = None) -> Credit | None:
    credit = parse_credit(prefix, outlet, max_authors=1, place_alone=True)
    if credit is None:
        return None
    single_place = credit.place is not None and credit.outlet is None and credit.author is None
    if terminator == "." and credit.outlet is None:
        return None
    if single_place and terminator not in ("-", "–", "—", "ـ", ":", "--"):
        return None
    if credit.author and not (credit.place or credit.outlet):
        return None
    if credit.place is None and credit.outlet and _WIRE_PLACE.match(prefix):
        # «CITY (AGENCY) -»: what stands before the agency's parenthesis is where the copy was filed.
        # «تشير مصادر( الجزيرة ) المطلعة …»: sources of the outlet, quoted in the first sentence.
        if credit.author and _ATTRIBUTION.search(normalize(credit.author)):
            return None
        if names_outlet(credit.outlet, outlet) and not is_place_name(credit.author or ""):
            return None  # «تستعرض صحيفة (عين اليوم) بالصور …»: the outlet named in its own sentence
        credit.place, credit.author = credit.author, None
    return credit


# Words that attribute what follows to an outlet («مصادر (الجزيرة)», «مصدر لـ«سبق»»): no place of filing.
_ATTRIBUTION = re.compile(r"(?:^|\s)(?:مصادر|مصدر|مصادرنا|مراسل|مراسلنا)$")
_WIRE_PLACE = re.compile(r"^[^\s()]+(?:\s[^\s()]+)?\s*\([^()]{1,30}\)\s*$")


# --- captions, repeated titles, inline tails ----------------------------------------------------------

CAPTION_MAX_WORDS = 25
# An image's file name, as a page's alt text or a flattened figure leaves it beside the caption.
_IMAGE_FILE = re.compile(r"\S\.(?:jpe?g|png|gif|webp)(?![\w.])", re.IGNORECASE)
_CAPTION_OPENING = re.compile(r"^(?:جانب من|صوره|الصوره|لقطه|من اليمين|من اليسار|صور|فيديو|بالصور)\b")
_CAPTION_CREDIT = re.compile(
    r"(?:\(\s*(?:[«\"“]?[^()]{1,30}[»\"”]?)\s*\)|صوره ارشيفيه|ارشيفيه|\(ارشيف\)|تصوير\s*:?.{0,30})\s*$"
)

# «تصوير» as a photo's credit: opening the line or a bracket, after a dash or a comma, or before a colon,
# a dash or a closing bracket («تصوير: خالد العلي», «(تصوير - أحمد)», «جدة _ تصوير – مهند»). Elsewhere in a
# line it is the word "filming, photographing" of a sentence («ومنعت السلطات تصوير المنشآت الحكومية»,
# «بدأ تصوير فيلم كوميدي»), which is text. SaudiNewsNet: 7 records lost such a sentence as a caption.
_PHOTO_CREDIT = re.compile(
    r"(?:^|[(\[«\"“\-–—_|،,/*•]\s*)تصوير\b(?!\s+(?:ال)?(?:فيلم|افلام|مسلسل|حلقات|مشاهد|برنامج|عمل)\b)"
    r"|\bتصوير\s*[:\-–—_)\]]"
)


def is_caption(line: str, outlet: str | None = None) -> bool:
    """A photo caption: opens like one («جانب من», «صورة»), or ends with a credit — the outlet or an
    agency after a comma or «..», a parenthesised credit, «أرشيفية», «تصوير: فلان». Captions are short:
    a line of more than ``CAPTION_MAX_WORDS`` words is never one, and neither is a sentence introducing
    the quotation under it, which a caption never does («صورة من صور المكابدة والمعاناة المخيفة، ينقلها
    لنا شاعر … حين يقول:» over a verse: a comma inside, a verb of saying before the colon)."""
    folded = normalize(line)
    if len(folded.split()) > CAPTION_MAX_WORDS:
        return False
    if _IMAGE_FILE.search(line):
        return True  # the photo's file name left with its caption («4 Panic in Needle Park.jpg من «…»»)
    if ends_with_colon(line) and introduces_quote_or_list(line) and has_prose_punctuation(line):
        return False
    opening = folded.lstrip("([{ ")
    if _CAPTION_OPENING.match(opening) or opening.startswith("صور "):
        return True
    if "ارشيفيه" in folded or (_PHOTO_CREDIT.search(folded) and folded.strip(" *•-–:") != "تصوير"):
        return True  # a credit names whose photo it is; «تصوير» alone labels a list's item («* تصوير»)
    paren = re.search(r"[(\[]\s*([^()\[\]]{1,40})\s*[)\]]\s*$", line.strip())
    if paren and _is_sentence(line[: paren.start()]):
        return False  # a paragraph with a wire end-mark («… منذ العام الماضي. (أ ف ب)»)
    if paren and (_is_credit(paren.group(1), outlet) or paren.group(1).startswith(("«", '"', "“"))):
        return True
    if ends_with_colon(line):
        return False  # «الرياض - واس:», «جدة - الوئام :»: a dateline on its own line, opening the lead
    tail = re.split(r"\s*(?:،|,|\.\.+|…|\s[-–—|]\s)\s*", line.strip())
    return len(tail) > 1 and _is_credit(tail[-1], outlet) and len(tail[-1].split()) <= 4


# A photo caption glued to the lead's first word when the page was flattened («البرقانفي تصريح خصَّ به
# …», «الشعيبيأعلن معهد الإدارة …», «جانب من زيارة الأمير خالد بن طلالقام صاحب السمو …»): the words a
# news lead opens with, past-tense verbs of reporting and events, which the caption's last word runs into.
_LEAD_OPENING_VERBS = word_set(
    "أعلن أعلنت أكد أكدت أوضح أوضحت قام قامت بدأ بدأت عقد عقدت وصل وصلت كشف كشفت استقبل استقبلت تلقى "
    "تلقت شهد شهدت دشن دشنت افتتح افتتحت رعى رعت التقى التقت ترأس ترأست وجه وجهت قدم قدمت نظم نظمت أشاد "
    "أشادت أصدر أصدرت واصل واصلت اختتم اختتمت انطلق انطلقت أقام أقامت احتفل احتفلت زار زارت أطلق أطلقت "
    "حقق حققت أبدى أبدت أشار أشارت تسلم تسلمت"
)
# «في» opens a lead too («في تصريح خصَّ به …»), but closes many words: glued to a caption only when the
# caption is the one word (a name) the lead goes on to name.
_LEAD_OPENING_PREPOSITION = "في"
GLUED_CAPTION_MAX_WORDS = 12
_GLUED_NAME_MIN_CHARS = 3


def split_glued_caption(paragraph: str, text: str) -> tuple[str, str] | None:
    """A photo caption run into the lead's first word, as (the caption, the lead), else None.

    The glued word is the caption's last word followed by a word a lead opens with (a reporting verb,
    or «في» after a one-word caption with the article); the caption's last word, at least three letters
    besides the article, stands on its
    own elsewhere in ``text`` (the article's body: the lead names whom the caption showed, «البرقانفي
    تصريح …» over «… الدكتور عبدالله البرقان …») while the glued word appears nowhere else; the caption
    is at most ``GLUED_CAPTION_MAX_WORDS`` words of no sentence punctuation and the lead left is running
    text of five words or more."""
    words = paragraph.split()
    others: set[str] | None = None  # the body's words, folded once a glued word is in question
    for j, word in enumerate(words[:GLUED_CAPTION_MAX_WORDS]):
        caption_words = words[:j]
        if any(ch in " ".join(caption_words) for ch in '،,.؛:!?؟()«»"') or len(words) - j < 5:
            return None
        if caption_words and normalize(caption_words[0]) in _LEAD_OPENING_VERBS:
            return None  # the lead itself («واصل فريق هجر تدريباته … في المعسكر المقام»)
        folded = normalize(word)
        openers = [v for v in _LEAD_OPENING_VERBS if folded.endswith(v)]
        if j == 0 and folded.startswith("ال") and folded.endswith(_LEAD_OPENING_PREPOSITION):
            openers.append(_LEAD_OPENING_PREPOSITION)  # «البرقانفي», never «تحتفي»
        for opener in sorted(openers, key=len, reverse=True):
            name = folded[: -len(opener)]
            stem = name.removeprefix("ال")
            if len(stem) < _GLUED_NAME_MIN_CHARS or not name[-1].isalpha():
                continue  # «المقام» is no «الم» + «قام»
            if others is None:
                others = {normalize(w) for w in text.split()}
            if name not in others or sum(normalize(w) == folded for w in text.split()) > 1:
                continue
            cut = len(word) - _raw_length(word, opener)
            caption = " ".join([*caption_words, word[:cut]])
            lead = " ".join([word[cut:], *words[j + 1 :]])
            return caption, lead
    return None


def _raw_length(word: str, folded_tail: str) -> int:
    """How many characters at the end of ``word`` spell ``folded_tail`` once normalized (diacritics
    and hamza forms fold, so the raw tail may be longer)."""
    for size in range(len(folded_tail), len(word) + 1):
        if normalize(word[-size:]) == folded_tail:
            return size
    return len(folded_tail)


# A caption is a phrase; this many words ending with a full stop are a sentence of the text.
_CAPTION_SENTENCE_MIN_WORDS = 10


def _is_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return len(stripped.split()) >= _CAPTION_SENTENCE_MIN_WORDS and stripped.endswith(tuple(SENTENCE_ENDS))


_DATED_CREDIT = re.compile(
    r"(?:\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\b\d{4}-\d{1,2}-\d{1,2})\s*[,،|\-–]?\s*(?P<credit>[^\d,،]{2,40})$"
)


def is_dated_card(line: str, outlet: str | None = None) -> bool:
    """A page's description card: a summary that ends with a date and the outlet («… 11.08.2025,
    سبوتنيك عربي»), printed above the article it describes."""
    match = _DATED_CREDIT.search(line.strip())
    return bool(match) and _is_credit(match.group("credit"), outlet)


# «عام / مهرجان تمور بريدة …», «اقتصادي / النفط …», «بالصور // …»: one word, a spaced slash, the headline.
_TITLE_LABEL = re.compile(r"^(?P<label>[^\W\d_]{2,20})\s+/{1,2}\s+(?P<headline>\S+(?:\s+\S+){2,})$")


def split_title_label(title: str) -> tuple[str | None, str]:
    """(category label, headline) of a title printed under its section's name: a single word before a
    slash with spaces around it at the start of the title, then a headline of three words or more
    («عام / مقتل ثلاثة لاجئين …» gives ``("عام", "مقتل ثلاثة لاجئين …")``). Wire services and
    portals print their desk or category so (SPA: عام، سياسي، اقتصادي، رياضي؛ «بالصور //»). The label
    is metadata, not part of the headline. ``(None, title)`` for any other title; dates («2015/8/2»)
    and pairs written without spaces («واشنطن/طهران») are no labels."""
    match = _TITLE_LABEL.match(title.strip())
    if match is None:
        return None, title
    return match.group("label"), match.group("headline")


# A wire service's continuation mark after a headline: «… / إضافة أولى», «… إضافة ثانية وأخيرة»,
# «… / تحديث». SPA sends a long story in parts under one headline, each marked so.
_TA = "[ةه]"
_ORDINALS = "|".join(
    (
        "(?:ال)?[أاإ]ول[ىي]",
        *(
            f"{stem}{_TA}"
            for stem in ("ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر")
        ),
        f"(?:ال)?[أا]خير{_TA}",
        r"\d{1,2}",
    )
)
_TITLE_TAIL = re.compile(
    rf"(?:\s*/\s*|\s+)(?:[إاأ]ضاف{_TA}|تحديث)\s+(?:{_ORDINALS})(?:\s+و\s*(?:ال)?[أا]خير{_TA})?\s*$"
    rf"|\s*/\s*(?:تحديث|[إاأ]ضاف{_TA}|عاجل|يتبع)\s*$"
)


def split_title_tail(title: str) -> tuple[str, str | None]:
    """(headline, continuation mark) of a title ending with a wire service's part mark: «قيد الناخبين
    بمكة / إضافة أولى» gives ``("قيد الناخبين بمكة", "/ إضافة أولى")``; «… إضافة ثانية وأخيرة», «… /
    تحديث» likewise. ``(title, None)`` for any other title («واتساب يتيح … مع تحديث جديد» keeps its
    words: the mark is a part number or stands after a slash)."""
    stripped = title.strip()
    match = _TITLE_TAIL.search(stripped)
    if match is None or not stripped[: match.start()].strip():
        return title, None
    return stripped[: match.start()].rstrip(" /"), stripped[match.start() :].strip()


def is_title_repeat(line: str, title: str | None) -> bool:
    """The headline repeated in the body, whole or cut off (pages print it again above the text)."""
    if not title:
        return False
    folded, head = normalize(line), normalize(title)
    if not folded:
        return False
    return (
        folded == head
        or (len(folded) >= 12 and head.startswith(folded))
        or (len(head) >= 12 and folded.startswith(head) and len(folded) - len(head) <= 12)
    )


# An image's address: a thumbnail's file with its query string («…/not%20yet%20assigned-2.JPG?itok=i8Mkd7oN»).
_IMAGE_ADDRESS = re.compile(r"https?://\S+?\.(?:jpe?g|png|gif|webp)(?:\?\S*)?(?=\s|$)", re.IGNORECASE)


def split_teaser(paragraph: str, title: str | None) -> tuple[str, str] | None:
    """A page's teaser run into the first paragraph, as (the teaser, the paragraph after it), else None:
    the headline repeated (see :func:`is_title_repeat`) and its thumbnail's address, then the text
    («خطة الهلال عند الريس http://…/not%20yet%20assigned-2.JPG?itok=i8Mkd7oN كشف مدرب …», as Al-Riyadiyah's
    crawled pages have it)."""
    match = _IMAGE_ADDRESS.search(paragraph)
    if match is None or not is_title_repeat(paragraph[: match.start()].strip(), title):
        return None
    rest = paragraph[match.end() :].strip()
    return (paragraph[: match.end()].strip(), rest) if rest else None


_INLINE_TAGS = re.compile(r"(?:(?<=[.!؟?»”\"])|\s)\s*(?:سمات|وسوم|الوسوم)\s+(?P<tags>[^.!؟?:،]{2,200})$")
_INLINE_LINK_BACK = re.compile(r"\s*رابط (?:الخبر|المقال)\b[^:]{0,40}:.*$")
# A "click here" prompt after the last sentence, where the page linked the words: «…؛ للاطلاع على المقال ..
# أضغط هنا», «… لمشاهدة الفيديو اضغط هنا».
_INLINE_CLICK_HERE = re.compile(
    r"\s*[؛;،,]?\s*(?:ل(?:ل)?(?:[اإ]طلاع|قراءة|قراءه|مشاهدة|مشاهده|مزيد)\b[^!؟?\n]{0,40}?)?"
    r"(?:[أا]ضغط|انقر)\s+هنا\s*[.!]?$"
)
# A wire end-mark after the last sentence: «… الماضي. (أ ف ب)», «… الجديدة. - رويترز».
_INLINE_ENDMARK = re.compile(
    r"(?<=[.!؟?»”\"])\s*(?:\((?P<paren>[^()]{1,30})\)|[-–—]\s*(?P<dash>[^\s.!؟?،,:()-]+(?:\s[^\s.!؟?،,:()-]+)?))\s*$"
)
_INLINE_SIGNATURE = re.compile(
    r"(?<=[.!؟?»”\"])\s*[-–—]\s*(?P<name>[^\s.!؟?،,:]+(?:\s+[^\s.!؟?،,:]+){1,3})\s*$"
)


def split_tail(paragraph: str) -> tuple[str, list[Furniture]]:
    """Furniture glued to the end of the last paragraph: a tag list («… سمات x y»), a link-back line
    («رابط الخبر بصحيفة …: title»), a "click here" prompt («…؛ للاطلاع على المقال .. أضغط هنا»), a wire
    end-mark («… . (أ ف ب)») or a signature after the last sentence («… . - فلان»)."""
    found: list[Furniture] = []
    text = paragraph
    for _ in range(3):
        mark = _INLINE_ENDMARK.search(text)
        if mark and mark.start() > 0 and _is_credit(mark.group("paren") or mark.group("dash"), None):
            found.append(Furniture("endmark", mark.group().strip()))
            text = text[: mark.start()].rstrip()
            continue
        link = _INLINE_LINK_BACK.search(text)
        if link and link.start() > 0:
            found.append(Furniture("share", link.group().strip()))
            text = text[: link.start()].rstrip()
            continue
        click = _INLINE_CLICK_HERE.search(text)
        if click and click.start() > 0:
            found.append(Furniture("share", click.group().strip(" ؛;،,")))
            text = text[: click.start()].rstrip()
            continue
        tags = _INLINE_TAGS.search(text)
        if tags and tags.start() > 0 and len(tags.group("tags").split()) <= 20:
            found.append(Furniture("tags", tags.group().strip()))
            text = text[: tags.start()].rstrip()
            continue
        signature = _INLINE_SIGNATURE.search(text)
        if signature and signature.start() > 0:
            found.append(Furniture("byline", signature.group().strip(" -–—")))
            text = text[: signature.start()].rstrip()
            continue
        break
    return text, found


def words_of(line: str) -> int:
    """Number of words of a line (whitespace-separated), the length measure headings are judged by."""
    return len(line.split())


_DESK_INITIALS = re.compile(r"^[\u0621-\u064a]{1,2}(?:[\s./-]+[\u0621-\u064a]{1,2})+$")


# «شعر - عبدالمعين بن ثعلي», «بقلم: فلان»: what a contributor did, a separator, then who. The separator
# is required: «شعر المواطنون بالقلق» ("felt") opens a sentence. A short note may follow the name, quoted
# («"رحمه الله"») or set off by dashes («-رحمه الله-»).
_CONTRIBUTOR_CREDIT = re.compile(
    r"^(?:شعر|بقلم|كلمات|قصيدة|تصوير|اعداد|إعداد|ترجمة|جمع)"
    r"(?:\s+و(?:تقديم|تحرير|ألحان|الحان|تصوير|إعداد|اعداد|ترجمة|إخراج|اخراج))?"
    r"\s*[:\-–—ـ/]+\s*(?P<name>[^«\"“(\-–—]+)"
    r"(?:[«\"“(][^»\"”)]{1,20}[»\"”)]|[\-–—][^\-–—]{1,20}[\-–—]?)?$"
)


def is_contributor_credit(line: str) -> bool:
    """A credit line naming the poet, writer, compiler or photographer of the piece («شعر - عبدالمعين بن
    ثعلي», «شعر – حمود بن حسن العضيدان "رحمه الله"», «بقلم: فلان», «جمع / عبدالمحسن المطلق»), or two
    roles of one person («إعداد وتقديم: سارة الأحمد», a programme's): printed under a poem or a column,
    or above a piece."""
    match = _CONTRIBUTOR_CREDIT.match(line.strip())
    return bool(match) and is_name_line(match.group("name"))


# A columnist's qualification printed under the column: «ماجستير في أصول التربية .», «باحث في الشؤون
# الإسلامية», «استشاري الطب النفسي». Compared against normalize(line).
_CREDENTIAL = re.compile(
    r"^(?:ماجستير|دكتوراه|بكالوريوس|دبلوم|باحث|باحثه|استشاري|استشاريه|اكاديمي|اكاديميه)\b"
)
CREDENTIAL_MAX_WORDS = 8


def is_writer_credential(line: str) -> bool:
    """A short line naming the writer's degree or calling («ماجستير في أصول التربية .»): the column's
    signature block, never its last sentence (a sentence opens with a verb or a subject, not a degree)."""
    folded = normalize(line).strip(" .")
    return 0 < len(folded.split()) <= CREDENTIAL_MAX_WORDS and bool(_CREDENTIAL.match(folded))


QUOTED_NAME_MAX_WORDS = 6


def is_quoted_name(line: str) -> bool:
    """A line that is only a short name between guillemets («Superbeam», «Fast Clean»): the title of an
    item in a list of apps, books or films, whatever its script — not a page's label in another script."""
    stripped = line.strip()
    return (
        len(stripped) > 2
        and stripped[0] == "«"
        and stripped[-1] == "»"
        and "«" not in stripped[1:-1]
        and "»" not in stripped[1:-1]
        and 0 < len(stripped[1:-1].split()) <= QUOTED_NAME_MAX_WORDS
        and any(ch.isalpha() for ch in stripped)  # «1», «2»: a numbered part, not a name
    )


PERSON_NAME_MAX_WORDS = 4


def is_person_name(text: str) -> bool:
    """A person's full name alone («محمد إبراهيم يعقوب», «مفرح الشقيقي»): two to ``PERSON_NAME_MAX_WORDS``
    words of no punctuation, the first a given name (the gazetteer's ``given_names``, the words the corpus
    prints after titles such as «الدكتور»)."""
    words = text.split()
    if not 2 <= len(words) <= PERSON_NAME_MAX_WORDS or re.search(r"[\d،,:؛;!?؟«»\"“”()]", text):
        return False
    return normalize(words[0]) in get_gazetteer().given_names


# The abbreviated title a signature's name may carry before it («د. », «م.», «أ.», «أ.د.», «أ. د.»): no word
# of the name, so a four-word name under it is still a name («- د. محمد بن صالح الرصيص»).
_NAME_TITLE = re.compile(r"^(?:أ\s*\.\s*د|د|م|أ)\s*[./]\s*(?=\S)")


def is_name_line(line: str) -> bool:
    """A line that is only a person's name or initials (a signature): 1-4 words after an abbreviated title
    (``_NAME_TITLE``), no punctuation but dots and no phrase («شراكة تتجدد» is a headline, see
    _reads_as_phrase); or the initials of a wire desk's editors («ع ش/ب ح/ص ح», «ك.هـ»)."""
    stripped = line.strip().strip("-–—*• ")
    if _DESK_INITIALS.match(normalize(stripped)):
        return True
    stripped = _NAME_TITLE.sub("", stripped, count=1)
    if not stripped or len(stripped.split()) > 4 or any(ch.isdigit() for ch in stripped):
        return False
    if re.search(r"[،,:؛;!?؟«»\"“”()]", stripped) or _reads_as_phrase(stripped):
        return False
    return has_arabic(stripped) and len(word_list(stripped)) <= 4
