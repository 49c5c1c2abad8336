"""Reading article files: bytes to text (size cap, encodings, binary refusal) and the plain-text layout.

The plain-text layout is the one news sites export: the title on the first line, an outlet line (the
outlet alone, or a byline ``OUTLET – AUTHOR``, ``OUTLET – CITY: AUTHOR``, with or without a trailing
colon), lead paragraphs, then heading lines each followed by their paragraphs, often with furniture
around them (set aside by :mod:`nashra.articles.sectioning`).
"""

from __future__ import annotations

import codecs
import logging
import re
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from nashra.arabic import (
    ARABIC_CHARSETS,
    close_up,
    ends_like_sentence,
    has_prose_punctuation,
    is_mostly_arabic,
    looks_garbled,
    normalize,
)
from nashra.articles.dates import first_date
from nashra.articles.errors import ArticleError
from nashra.articles.furniture import (
    Credit,
    dated_credit,
    decode_entities,
    is_desk,
    is_place_alone,
    is_place_name,
    is_short_place,
    names_outlet,
    parse_credit,
    split_posting_stamp,
    split_title_label,
    split_title_tail,
)
from nashra.articles.limits import DEFAULT_LIMITS, Limits
from nashra.articles.sectioning import Body, cut
from nashra.config import byte_size, size_limit
from nashra.model import Article, Furniture

log = logging.getLogger(__name__)

# Bytes sniffed to tell text from binary: a NUL never occurs in UTF-8 or cp1256 text.
_SNIFF_BYTES = 8192
_CONTROL_CHARACTERS = r"\x00-\x08\x0e-\x1f\x7f"
_CONTROL = re.compile(f"[{_CONTROL_CHARACTERS}]")
# Byte-order marks of the wide encodings, UTF-32 first: its little-endian mark begins with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MARKED = {codec for _, codec in _WIDE_BOMS}
# A UTF-16 file without a mark has its NULs on one side of each byte pair (the high byte of spaces,
# digits and newlines) and next to none on the other; binary data has them on both sides.
_UTF16_ONE_SIDED = 20
# "source – author": en dash, em dash or hyphen with spaces around it.
_BYLINE = re.compile(r"^(?P<source>[^–—\-]{2,60}?)\s+[–—-]\s+(?P<author>.{2,80})$")
_BYLINE_MAX_WORDS = 14
# An outlet named alone on line 2: a short line that is not a sentence.
_OUTLET_MAX_WORDS = 5


def read_bytes(path: Path, max_bytes: int, option: str = "max_bytes") -> bytes:
    """The content of ``path``, refused before reading when it is larger than ``max_bytes`` (the
    ``[ingest]`` option ``option``, named in the refusal)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(too_large(str(path), size, max_bytes, option))
        with path.open("rb") as handle:
            data = read_at_most(handle, max_bytes + 1)
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ArticleError(f"{path}: file grew past {size_limit(max_bytes, option)} while being read")
    return data


# What is read at a time of a file or a stream bounded by a size limit.
_CHUNK_BYTES = 1 << 20


def read_at_most(stream: BinaryIO, size: int) -> bytes:
    """At most ``size`` bytes of ``stream``, fewer at its end; raises OSError as reading does.

    Read a chunk at a time: ``read(size)`` allocates ``size`` bytes before reading one, so a limit far
    above the input (``max_archive_bytes`` of 10 GB, a 2 kB article) failed as a MemoryError."""
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = stream.read(min(left, _CHUNK_BYTES))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def too_large(origin: str, size: int, max_bytes: int, option: str = "max_bytes", what: str = "file") -> str:
    """«ORIGIN: file is too large (12.6 MB, more than [ingest] max_bytes = 10.0 MB)»; in bytes when the
    two read alike rounded («363,097 bytes, more than … = 363,096 bytes», not «363.1 kB, more than …
    363.1 kB»)."""
    if byte_size(size) == byte_size(max_bytes):
        limit = size_limit(max_bytes, option, exact=True)
        return f"{origin}: {what} is too large ({size:,} bytes, more than {limit})"
    return f"{origin}: {what} is too large ({byte_size(size)}, more than {size_limit(max_bytes, option)})"


def decode_text(data: bytes, origin: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32, else Windows Arabic (cp1256).

    Arabic news archives exported on Windows are often cp1256, and Notepad's "Unicode" is UTF-16;
    accepting them (cp1256 when it decodes to mostly-Arabic text) saves users a conversion step.
    Anything else is refused with the offset of the first invalid byte.
    """
    if not data.strip():
        raise ArticleError(f"{origin}: file is empty")
    wide = wide_encoding(data)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            # Marked text that does not decode was damaged; unmarked bytes were only a guess, but
            # one of an odd length is UTF-16 text cut short by a byte.
            if wide in _MARKED:
                problem = f"not {wide.upper()} text (cut short or damaged)"
            elif len(data) % 2:
                problem = (
                    f"{wide.upper()} text without a byte-order mark, cut short (an odd number of bytes); "
                    "save it again as UTF-8"
                )
            else:
                problem = "binary file, not text"
            raise ArticleError(f"{origin}: {problem}") from None
        if not text.strip():
            raise ArticleError(f"{origin}: file is empty")
    elif b"\x00" in data:
        # A NUL is valid UTF-8 but no text: a file holding one is text only if it is strict UTF-8
        # otherwise (an image, a zip or a PDF is not), and then only if its controls are few (below).
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ArticleError(f"{origin}: binary file, not text") from None
    else:
        text = _decode_narrow(data, origin)
    return _without_stray_controls(text, origin)


# A text file may hold a few control bytes a tool or a copy let in (a NUL after the headline); a binary
# file read as text holds them everywhere: 8 or more in its first 8 kB (an ASCII header, a table of
# offsets), and UTF-16 text without its mark, read as UTF-8, one in every two or three characters (its
# NULs and the 0x06 byte of each Arabic letter). Text holds at most 8 in its first 8 kB and at most one
# for every ``_CHARS_PER_STRAY_CONTROL`` characters.
_MAX_SNIFFED_CONTROLS = 8
_CHARS_PER_STRAY_CONTROL = 20


def _without_stray_controls(text: str, origin: str) -> str:
    """``text`` without its few stray control characters (NUL, and the C0 controls other than tab, line
    and page breaks; the words around them closed up, :func:`nashra.arabic.close_up`), with a one-line
    warning naming ``origin`` and how many; ArticleError ("binary file, not text") when there are too
    many for text (see ``_CHARS_PER_STRAY_CONTROL``)."""
    controls = list(_CONTROL.finditer(text))
    if not controls:
        return text
    sniffed = sum(1 for control in controls if control.start() < _SNIFF_BYTES)
    if sniffed > _MAX_SNIFFED_CONTROLS or len(controls) * _CHARS_PER_STRAY_CONTROL > len(text):
        raise ArticleError(f"{origin}: binary file, not text")
    first = controls[0]
    log.warning(
        "%s: removed %d control byte(s) that are no text (the first, 0x%02x, at character %d)",
        origin,
        len(controls),
        ord(first.group()),
        first.start(),
    )
    return close_up(text, _CONTROL_CHARACTERS)


def wide_encoding(data: bytes) -> str | None:
    """The codec of UTF-16 or UTF-32 text (as Windows Notepad saves "Unicode"), or None.

    Known by its byte-order mark, or, for UTF-16 without one, by where its NULs fall: on one side of
    each byte pair (the high byte of spaces, digits and newlines) and next to none on the other. Many
    such NULs (``_UTF16_ONE_SIDED``) decide; fewer (a headline and a sentence) do when the pairs read
    as text (:func:`_reads_as_text`), where binary data with a few NULs does not. A file cut short by
    one byte is still known (:func:`decode_text` refuses it, saying so)."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            return codec
    sample = data[: min(len(data), _SNIFF_BYTES) // 2 * 2]
    for codec, high, low in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        nuls, stray = high.count(0), low.count(0)
        if not nuls or stray * 50 > nuls:
            continue
        if nuls >= _UTF16_ONE_SIDED or _reads_as_text(sample.decode(codec, errors="replace")):
            return codec
    return None


# Characters of text as an Arabic news file holds them: Arabic (its letters, digits and presentation
# forms), Latin and its punctuation, general punctuation and spaces.
_TEXT_CHARACTERS = re.compile(
    r"[\t\n\r\x20-\x7e\xa0-\u024f\u0600-\u06ff\u0750-\u077f\u2000-\u206f\ufb50-\ufeff]"
)


def _reads_as_text(text: str) -> bool:
    """Whether ``text`` (bytes decoded as UTF-16 on a guess) is text: every character one text has
    (``_TEXT_CHARACTERS``) and one in ten at least a letter of Arabic."""
    if not text or len(_TEXT_CHARACTERS.findall(text)) < len(text):
        return False
    return sum(1 for ch in text if "\u0621" <= ch <= "\u064a") * 10 >= len(text)


def _decode_narrow(data: bytes, origin: str) -> str:
    """UTF-8 (with or without BOM), else the first of the one-byte Arabic charsets
    (:data:`nashra.arabic.ARABIC_CHARSETS`) that gives clean, mostly-Arabic text. UTF-8 that ends
    inside a character (a copy or download cut short) is read without the bytes of that character,
    with a warning, rather than with a U+FFFD at its end or refused as no UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # The decoder counts offsets after the byte-order mark.
        start = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        if exc.reason == "unexpected end of data":
            try:
                whole = data[:start].decode("utf-8-sig")
            except UnicodeDecodeError:
                pass
            else:
                log.warning(
                    "%s: ends inside a character (cut short?); its last %d bytes dropped",
                    origin,
                    len(data) - start,
                )
                return whole
        for charset in ARABIC_CHARSETS:
            try:
                text = data.decode(charset)
            except UnicodeDecodeError:
                continue
            if is_mostly_arabic(text) and not looks_garbled(text):
                return text
        damaged = _damaged_utf8(data)
        if damaged is not None:
            log.warning(
                "%s: %d bytes are not UTF-8 (the first at offset %d): read as \ufffd, the rest as UTF-8",
                origin,
                damaged.count(_REPLACEMENT),
                start,
            )
            return damaged
        problem = f"not UTF-8 text (invalid byte 0x{data[start]:02x} at offset {start})"
        raise ArticleError(f"{origin}: {problem}") from None


_REPLACEMENT = "\ufffd"
# UTF-8 text damaged in a few places (a byte flipped on disk, a character cut by a copy) holds at most
# one bad byte for this many of its good non-ASCII characters; a Latin-1 or other one-byte file holds
# no good ones at all.
_GOOD_PER_DAMAGED = 100


def _damaged_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 with its few invalid bytes replaced by U+FFFD, when it is UTF-8 text damaged
    in a few places (see ``_GOOD_PER_DAMAGED``); None when it is text in another encoding."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count(_REPLACEMENT)
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return text if bad * _GOOD_PER_DAMAGED <= good else None


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """(source, author) of a ``source – author`` line (a trailing colon allowed), or None."""
    stripped = line.strip()
    if len(stripped.split()) > _BYLINE_MAX_WORDS or ends_like_sentence(stripped, colon=False):
        return None
    match = _BYLINE.match(stripped)
    if not match:
        return None
    author = match.group("author").strip().rstrip(":：").strip()
    return match.group("source").strip(), author or None


# What marks a byline's parts: a dash, a colon, a slash or a bar («العواصم: الوكالات», «الرياض - الوئام»).
_BYLINE_MARKS = re.compile(r"[–—\-ـ:：/|]|\s_+\s")


def byline_credit(text: str | None, outlet: str | None) -> Credit:
    """What the byline of an article by ``outlet`` credits: its author, the place filed from, and the
    outlet itself. ``text`` is the byline less the outlet: ``AUTHOR``, ``CITY: AUTHOR``,
    ``DESK: AGENCY`` («العواصم: الوكالات» credits the agencies, filed from «العواصم»), ``PLACE
    (COUNTRY)``, ``AUTHOR - CITY``. An agency the outlet carries is the credit (kept as the author);
    the outlet named again is not. A byline that reads as none of these is the author as written."""
    credit = (parse_credit(text, outlet, loose=True) if text else None) or Credit(author=text or None)
    if credit.outlet and (credit.outlet == outlet or names_outlet(credit.outlet, outlet)):
        credit.outlet = None
    if credit.author is None and credit.outlet:
        credit.author = credit.outlet
    credit.outlet = outlet
    return credit


def author_field_credit(author: str | None, outlet: str | None) -> Credit | None:
    """An author field that holds a byline («العواصم: الوكالات», «الرياض - الوئام», «عادل الخنين من
    الرياض»), as crawled pages give it, read as :func:`byline_credit` reads one; None for a name or a
    list of names. A page's posting stamp (after a bar, or the whole field: «| Mon, 2015-08-10 22:22»,
    «يوليو 23, 2015, 5:59 م») is no part of the credit but gives its time
    (:func:`nashra.articles.furniture.split_posting_stamp`); a stamp with the place and agency in it
    («الرياض 24 شوال 1436 هـ … واس») is a dateline (:func:`nashra.articles.furniture.dated_credit`); a
    field naming the outlet itself («"الاقتصادية"», «الشرق الأوسط أونلاين») credits no person
    (:func:`nashra.articles.furniture.names_outlet`); nor is a kashida stretching a name a dash
    (:func:`without_stretch`)."""
    if not author:
        return None
    stamped, published = split_posting_stamp(author)
    credit = _field_credit(stamped, outlet)
    if published is not None:
        credit = credit or Credit(author=stamped)
        credit.published_at = first_date(credit.published_at, published)
    return credit


def field_author(author: str | None, credit: Credit | None, found: str | None) -> str | None:
    """The author of an article whose input gave the author field ``author``, read as ``credit``
    (:func:`author_field_credit`), where ``found`` is the author the article would otherwise get (from
    the field or a byline in the body). A field that credits the outlet and no person («القاهرة -
    الجزيرة:», «"الاقتصادية" من الرياض») is the page's byline: a name the body's top lines give (a
    photo's caption, a quoted sentence) is no author of it. A field of a posting stamp alone says
    nothing of the author."""
    if author and credit is not None and credit.author is None and split_posting_stamp(author)[0]:
        return None
    return found


def _field_credit(field: str, outlet: str | None) -> Credit | None:
    """What an author field less its posting stamp credits (see :func:`author_field_credit`)."""
    if not field or names_outlet(field, outlet) or is_desk(field, outlet):
        return Credit(outlet=outlet)
    dated = dated_credit(field, outlet)
    if dated is not None:
        if dated.author is None and dated.outlet and not names_outlet(dated.outlet, outlet):
            dated.author = dated.outlet  # the agency the outlet carries, as byline_credit keeps it
        dated.outlet = outlet
        return dated
    bare = without_stretch(field)
    if is_place_alone(bare, outlet):
        return Credit(outlet=outlet, place=bare.strip())
    filed = filed_from_place(bare, outlet) or _placed_in_brackets(bare, outlet)
    if filed is not None:
        return filed
    if not _BYLINE_MARKS.search(field):
        return None
    return byline_credit(bare, outlet)


# «عكاظ (جدة)», «واس (الرياض)», «فلان الفلاني (صنعاء)»: the outlet, an agency or a name, and the place filed
# from in brackets after it (Okaz's byline).
_BRACKETED_PLACE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<place>[^()]+)\)$")


def _placed_in_brackets(byline: str, outlet: str | None) -> Credit | None:
    """What a ``NAME (PLACE)`` byline credits: the name (none where it is the outlet) and the place
    filed from; None unless the words in brackets are a known place name, or a city's short name after the
    outlet's own («عكاظ (المدينة)», Medina: :func:`nashra.articles.furniture.is_short_place`)."""
    found = _BRACKETED_PLACE.match(byline.strip())
    if found is None:
        return None
    place, name = found.group("place"), found.group("name")
    if not (is_place_name(place) or (is_short_place(place, outlet) and names_outlet(name, outlet))):
        return None
    credit = byline_credit(found.group("name").strip(), outlet)
    credit.place = credit.place or found.group("place").strip()
    return credit


# A kashida (tatweel) between two letters stretches a word («إدريـس», «رُضــا», 85 SaudiNewsNet author
# fields); only one standing apart («زيوريخ ـــ رويترز», «بيروت ـ واس») is a dash between a byline's parts.
# Only a letter joining the one after it can be stretched: after ة, ا, د, ر, و … («جدةــواس») a kashida
# is the only dash between a place and an agency.
_STRETCH = re.compile(r"(?<=[بتثجحخسشصضطظعغفقكلمنهيئ\u064b-\u0652])\u0640+(?=[\u0621-\u063a\u0641-\u064a])")


def without_stretch(byline: str) -> str:
    """``byline`` with the kashidas that stretch a word inside it dropped («عبدالرحمن إدريـس - جدة» ->
    «عبدالرحمن إدريس - جدة»), so that a stretched name is not cut in two as if at a dash."""
    return _STRETCH.sub("", byline)


# «عادل الخنين من الرياض», «* أحمد الرشيد من الرياض», ««الاقتصادية» من جدة», «فلان من برلين وفلان من
# لندن»: names, or the outlet, each filed from a place, with no dash or colon (Al-Eqtisadiya's byline:
# 1,381 SaudiNewsNet author fields). The star answers the footnote that closes the report («* وحدة
# التقارير الاقتصادية»); direction marks before it are the crawler's.
_FROM = re.compile(r"\s+من\s+")
# What a correspondent files, named where the writer's name stands («رسالة من القاهرة»), normalized.
_GENRE_WORDS = frozenset(normalize(w) for w in ("رسالة", "تقرير", "متابعة", "تغطية", "قراءة"))
_LEADING_MARKS = "*\u200e\u200f\u202a\u202b\u202c "


def filed_from_place(byline: str, outlet: str | None) -> Credit | None:
    """What a ``NAME من PLACE`` byline credits: the names (none where one is the outlet) and the places
    filed from, joined with «، » as several «CITY: NAME» pairs are. None unless the words after every
    «من» open with a known place name (one or two words), so «رسالة من القلب» or a name with «من» in it
    stays what it was, and none when a dash or colon marks the byline's parts."""
    parts = _FROM.split(byline.strip(_LEADING_MARKS))
    if len(parts) < 2 or _BYLINE_MARKS.search(byline):
        return None
    names, places = parts[0], []
    for part in parts[1:]:
        words = part.split()
        for size in (2, 1):
            head = " ".join(words[:size])
            if len(words) >= size and is_place_name(head.rstrip("،,")):
                break
        else:
            return None
        places.append(head.rstrip("،,"))
        words = words[size:]
        while words and words[0][:1] == "و" and is_place_name(words[0][1:].rstrip("،,")):
            places.append(words.pop(0)[1:].rstrip("،,"))  # «من الرياض وجدة»: a second place
        rest = " ".join(words)
        if rest:
            names += ("، " if head.endswith(("،", ",")) else " ") + rest
    if normalize(names.strip(_LEADING_MARKS)) in _GENRE_WORDS:
        names = ""  # «رسالة من القاهرة», «تقرير من جدة»: what was filed, not who filed it
    credit = byline_credit(names.strip(), outlet) if names.strip() else Credit()
    credit.place = credit.place or "، ".join(dict.fromkeys(places))
    return credit


def read_outlet_line(line: str) -> tuple[str, Credit] | None:
    """The outlet of line 2 of a text file and what the rest of the line credits (author, place).

    ``OUTLET – AUTHOR``, ``OUTLET – CITY: AUTHOR``, ``OUTLET – AUTHOR - CITY``, ``OUTLET – CITY - (AGENCY):``
    or the outlet alone. None when the line is a sentence (the file has no outlet line).
    """
    byline = parse_byline(line)
    if byline is not None:
        source, rest = byline
        return source, byline_credit(rest, source)
    stripped = line.strip()
    if (
        stripped
        and len(stripped.split()) <= _OUTLET_MAX_WORDS
        and not ends_like_sentence(stripped)
        and not has_prose_punctuation(stripped)
    ):
        return stripped, Credit(outlet=stripped)
    return None


def article_from_body(
    body: Body,
    *,
    title: str,
    origin: str,
    source: str | None = None,
    author: str | None = None,
    url: str | None = None,
    published_at: datetime | None = None,
    region_hints: list[str] | None = None,
    credit: Credit | None = None,
    furniture: list[Furniture] | None = None,
) -> Article:
    """An article from a cut body; what the input said wins over what bylines and datelines said (the
    first date of theirs that exists, :func:`nashra.articles.dates.first_date`, said with a warning
    naming ``origin`` where it was converted or is none: :meth:`nashra.articles.dates.Reading.said`).
    A category label printed before the headline («عام / …») and a wire service's part mark after it
    («… / إضافة أولى») are set aside as furniture."""
    found = [credit or Credit(), body.credit]
    stamped = first_date(*(c.published_at for c in found))
    if published_at is None and stamped is not None:
        published_at = stamped.said(origin)
    label, headline = split_title_label(title)
    headline, part = split_title_tail(headline)
    labels = [Furniture("category", label)] if label else []
    if part:
        labels.append(Furniture("endmark", part))
    return Article(
        title=headline,
        sections=body.sections,
        source=source or next((c.outlet for c in found if c.outlet), None),
        author=author or next((c.author for c in found if c.author), None),
        url=url,
        published_at=published_at,
        region_hints=region_hints or [],
        dateline=next((c.place for c in found if c.place), None),
        furniture=[*labels, *(furniture or []), *body.furniture],
        origin=origin,
    )


def parse_text(text: str, origin: str, limits: Limits = DEFAULT_LIMITS) -> Article:
    """An article in the plain-text layout; the outlet line is optional, the title and a body are not.

    Of a text longer than ``limits`` need, only the start is read (:mod:`nashra.articles.limits`)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    content = [i for i, line in enumerate(lines) if line]
    if not content:
        raise ArticleError(f"{origin}: file is empty")
    title = " ".join(decode_entities(limits.raw_title(lines[content[0]])).split())
    rest = limits.raw_lines(lines[content[0] + 1 :])
    credit: Credit | None = None
    removed: list[Furniture] = []
    first = next((i for i, line in enumerate(rest) if line), None)
    if first is not None:
        # Entities decoded before the line is read: «سبق &ndash; وكالات» is «سبق – وكالات».
        rest[first] = " ".join(decode_entities(rest[first]).split())
        outlet_line = read_outlet_line(rest[first])
        # An outlet named alone is only an outlet line when text follows it.
        if outlet_line and (parse_byline(rest[first]) or any(rest[first + 1 :])):
            _, credit = outlet_line
            removed.append(Furniture("byline", rest[first]))
            rest = rest[first + 1 :]
    body = cut(rest, title=title, outlet=credit.outlet if credit else None, byline=credit)
    if not body.sections:
        raise ArticleError(f"{origin}: no article text after the title")
    return article_from_body(body, title=title, origin=origin, credit=credit, furniture=removed)
