"""Articles as JSON (one object, a list, or a list wrapped in an object) and JSON Lines (one object
per line).

A record carries ``title`` and either ``body`` (plain text, sectioned like a text file) or ``sections``
(``[{"heading": str | null, "text": str}]``), plus optional ``url``, ``source``, ``author``,
``published_at`` (ISO 8601), ``regions`` (region codes the source attached) and ``country`` (the
outlet's own country, ISO 3166-1 alpha-2: "SA" makes a bare «المملكة» Saudi Arabia where the text names
no kingdom; it wins over the config's ``[[ingest.outlets]]``). A bad record is rejected
on its own, with a message naming the file, the line (JSON Lines) or index (JSON list) and the field, so one
broken record never costs the rest of the file. A ``source`` that is a crawl's outlet code («aleqtisadiya») is
stored as the name the outlet prints («الاقتصادية», :func:`nashra.articles.outlets.outlet_name`): its own
bylines name it so, and only by that name is the outlet told from a person in its author field.

Records written by news crawlers (news-please, newspaper, SaudiNewsNet) are read too: ``maintext``,
``content`` or ``text`` is the body, ``date_publish`` or ``publish_date`` the publication time,
``authors`` a list of names and ``source_domain`` the source. The time a record was crawled
(SaudiNewsNet's ``date_extracted``, news-please's ``date_download``) bounds its publication time: a story
cannot be newer than its download. A record with no publication time is taken as published then (without
it, a crawl of 2015 would be read as news of the day it is ingested and go out in digests as such, where
``[delivery] max_age_days`` keeps it out), and one whose publication time is later is taken as published
at the crawl. A crawl time that cannot be read is only a hint lost: the record is kept, with a warning.

A ``url`` as crawlers write it, with spaces (often no-break spaces) or «» in its path, is percent-encoded
as a browser would (:func:`nashra.articles.links.web_link`). One that leads nowhere (``ftp:``, no host)
costs the record its link, not its story: the article is stored without a link and a warning names the
record, as a feed entry's unusable link is dropped. A link is what a digest item points to; the text
is what it says, and one crawled record's odd link is no reason to lose the story.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from nashra.articles.dates import read_iso
from nashra.articles.errors import ArticleError, unexpected
from nashra.articles.furniture import decode_entities
from nashra.articles.limits import DEFAULT_LIMITS, RAW_FACTOR, Limits
from nashra.articles.links import link_problem, web_link
from nashra.articles.outlets import outlet_name
from nashra.articles.sectioning import Body, cut, strip_boilerplate
from nashra.articles.textformat import article_from_body, author_field_credit, field_author, too_large
from nashra.model import Article, Section
from nashra.regions import get_gazetteer

FIELDS = ("title", "body", "sections", "url", "source", "author", "published_at", "regions", "country")
# Crawler field -> Nashra field: news-please (maintext, date_publish, source_domain), SaudiNewsNet and
# most scrapers (content), newspaper (text, publish_date). The first one present fills an empty field.
CRAWLER_FIELDS = (
    ("maintext", "body"),
    ("content", "body"),
    ("text", "body"),
    ("date_publish", "published_at"),
    ("publish_date", "published_at"),
    ("source_domain", "source"),
)
# When a crawler fetched the record: the latest the story can be from (see the module docstring).
CRAWL_TIME_FIELDS = ("date_extracted", "date_download")
_REGION_CODE = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")

Parsed = Article | ArticleError

log = logging.getLogger(__name__)


def parse_json(
    text: str, origin: str, limits: Limits = DEFAULT_LIMITS, *, record_bytes: int | None = None
) -> list[Parsed]:
    """The articles of a JSON document holding one record or a list of records.

    A ``.json`` file that holds JSON Lines (one record per line, as many crawlers write under that
    suffix) is read as JSON Lines: the content decides, not the name. So is a stream of records one
    after another, each over several lines, as ``jq '.[]'`` prints them (each named by the line it
    starts on), or of lists (two exports joined with ``cat``)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        # A stream read whole first: parse_jsonl hands a stream back here, so reading it as lines
        # again would go round in circles.
        stream = _stream(text) if exc.msg == "Extra data" else None
        if stream is not None:
            return [
                _record_or_error(record, where, limits, record_bytes)
                for line, value in stream
                for where, record in _listed(value, f"{origin}:{line}")
            ]
        if _holds_lines(text, exc):
            return parse_jsonl(text, origin, limits, record_bytes=record_bytes)
        return [
            ArticleError(f"{origin}: invalid JSON at line {exc.lineno} column {exc.colno}: {_problem(exc)}")
        ]
    except RecursionError:
        return [ArticleError(f"{origin}: invalid JSON: nested too deeply to be an article")]
    if isinstance(document, dict):
        wrapped = _wrapped_records(document)
        if wrapped is None:
            return [_record_or_error(document, origin, limits, record_bytes)]
        name, records = wrapped
        if not records:
            return [ArticleError(f"{origin}: the JSON list '{name}' holds no articles")]
        return [
            _record_or_error(item, f"{origin}.{name}[{i}]", limits, record_bytes)
            for i, item in enumerate(records)
        ]
    if isinstance(document, list):
        if not document:
            return [ArticleError(f"{origin}: the JSON list holds no articles")]
        return [
            _record_or_error(item, f"{origin}[{i}]", limits, record_bytes) for i, item in enumerate(document)
        ]
    return [ArticleError(f"{origin}: expected a JSON object or a list of objects, not {_kind(document)}")]


def holds_json(text: str) -> bool:
    """Whether ``text``, read from a file named otherwise (``.txt``), is a JSON document or JSON Lines
    (as :func:`parse_json` reads them): records exported under the wrong name are read as records, not
    stored as one article titled with their first line. Text that merely opens with a brace or a
    bracket («[فيديو] …», «{عاجل}») is no JSON."""
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return (
            _holds_lines(text, exc)
            or (exc.msg == "Extra data" and _stream(text) is not None)
            or _opens_as_records(text)
        )
    except RecursionError:
        return _opens_as_records(text)
    return True


# How a JSON object or a list of records or lists opens, as no headline does: «{"», «{}», «[{», «[[»,
# «[]», the bracket alone on its line. «[فيديو] …», «{عاجل} …», «{ عنوان …» are headlines.
_RECORDS_OPENING = re.compile(r'\ufeff?\s*(?:\{\s*["}]|\[\s*[\[{\]]|\[[ \t]*\r?\n)')


def _opens_as_records(text: str) -> bool:
    """Whether ``text`` that is no valid JSON opens as JSON records do: an archive cut short (a
    download stopped, ``head -c``) or damaged, refused as invalid JSON at the place it fails, rather
    than read as one article titled «[» or «{»."""
    return _RECORDS_OPENING.match(text) is not None


def _wrapped_records(document: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """(field, records) of an export that wraps its list of records in an object, as news APIs and
    CMS exports do (``{"status": "ok", "articles": [...]}``): an object that is no record itself (no
    title, body or sections) with exactly one field holding a list of objects, or else exactly one
    holding an empty list (an export of a day without news: ``"articles": []``); None otherwise."""
    if any(document.get(field) is not None for field in ("title", "body", "sections")):
        return None
    lists = [
        (name, value)
        for name, value in document.items()
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value)
    ]
    if not lists:
        lists = [(name, value) for name, value in document.items() if value == []]
    return lists[0] if len(lists) == 1 else None


def parse_jsonl(
    text: str, origin: str, limits: Limits = DEFAULT_LIMITS, *, record_bytes: int | None = None
) -> list[Parsed]:
    """The articles of a JSON Lines document; blank lines are skipped, each bad line is its own error.

    A ``.jsonl`` file that holds one JSON document over many lines (a pretty-printed list), or
    records each over several lines (``jq`` output), is read as JSON, rather than rejected line by
    line; a line of two records (files joined with ``cat``, the first without its last line feed)
    gives both."""
    if not _first_line_is_a_record(text) and (_is_one_document(text) or _stream(text) is not None):
        return parse_json(text, origin, limits, record_bytes=record_bytes)
    parsed: list[Parsed] = []
    for number, line in enumerate(_lines(text), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            joined = _stream(line) if exc.msg == "Extra data" else None
            if joined is not None:
                parsed.extend(
                    _record_or_error(value, f"{where}[{i}]", limits, record_bytes)
                    for i, (_, value) in enumerate(joined)
                )
                continue
            parsed.append(ArticleError(f"{where}: invalid JSON at column {exc.colno}: {_problem(exc)}"))
            continue
        except RecursionError:
            parsed.append(ArticleError(f"{where}: invalid JSON: nested too deeply to be an article"))
            continue
        parsed.append(_record_or_error(record, where, limits, record_bytes))
    if not parsed:
        parsed.append(ArticleError(f"{origin}: file is empty"))
    return parsed


def _lines(text: str) -> list[str]:
    """The lines of a JSON Lines document: split at line feeds only (a CR before one is whitespace to
    JSON). ``str.splitlines`` also splits at U+2028, U+2029 and U+0085, which JSON writers leave
    unescaped inside strings (``json.dumps(..., ensure_ascii=False)`` does), cutting a record in two."""
    return text.split("\n")


def _stream(text: str) -> list[tuple[int, Any]] | None:
    """(line, value) of each JSON value of ``text`` written one after another (``jq`` output), or None
    when a part of it is no JSON value."""
    decoder = json.JSONDecoder()
    values = []
    position = counted = 0
    line = 1
    try:
        while (position := _NOT_BLANK.search(text, position).start()) < len(text):
            value, end = decoder.raw_decode(text, position)
            line += text.count("\n", counted, position)
            values.append((line, value))
            counted, position = position, end
    except (json.JSONDecodeError, RecursionError):
        return None
    return values


_NOT_BLANK = re.compile(r"\S|\Z")


def _listed(value: Any, where: str) -> list[tuple[str, Any]]:
    """(where, record) of each record of a value in a stream: a list's items (two exports joined with
    ``cat``), or the value itself."""
    if isinstance(value, list):
        return [(f"{where}[{i}]", item) for i, item in enumerate(value)]
    return [(where, value)]


def _first_line_is_a_record(text: str) -> bool:
    """Whether the first non-blank line of ``text`` is a JSON object on its own (JSON Lines)."""
    return isinstance(_first_line(text), dict)


def _holds_lines(text: str, exc: json.JSONDecodeError) -> bool:
    """Whether ``text``, which is no JSON document (``exc``), is JSON Lines: its first line is a record
    and more follow, or at least half of its lines are records on their own (the first one cut short or
    broken). A broken pretty-printed list has none on their own (each ends in a comma), so it is
    reported as the one invalid document it is."""
    if exc.msg == "Extra data" and _first_line_is_a_record(text):
        return True
    lines = [line for line in _lines(text) if line.strip()]
    records = sum(1 for line in lines if _is_record(line))
    return len(lines) > 1 and records > 0 and 2 * records >= len(lines)


def _is_record(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


_NO_VALUE = object()


def _first_line(text: str) -> Any:
    """The JSON value of the first non-blank line of ``text``, or ``_NO_VALUE`` when it is none."""
    first = text.lstrip().partition("\n")[0]
    try:
        return json.loads(first)
    except (json.JSONDecodeError, RecursionError):
        return _NO_VALUE


def _is_one_document(text: str) -> bool:
    try:
        json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


# Python's messages end in "at" before the position it appends to them ("Unterminated string starting at").
_POSITION_TAIL = re.compile(r"\s+(?:starting\s+)?at$")


def _problem(exc: json.JSONDecodeError) -> str:
    """What is wrong, in words that stand alone («unterminated string (cut short?)»): Python's message
    less its dangling "at", with a hint when the text ends before the value does, as in a file cut
    short by a crashed export or a partial download."""
    problem = _POSITION_TAIL.sub("", exc.msg)
    problem = problem[:1].lower() + problem[1:]
    if problem.startswith("unterminated") or exc.pos >= len(exc.doc.rstrip()):
        problem += " (cut short?)"
    return problem


def _record_or_error(record: Any, where: str, limits: Limits, record_bytes: int | None = None) -> Parsed:
    """The article of one record, or the one-line reason it is refused. With ``record_bytes``, a record
    larger than that is refused before any work on it, measured as compact UTF-8 JSON (at most its
    size in the file, which may hold spacing and escapes)."""
    if record_bytes is not None:
        size = len(json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        if size > record_bytes:
            return ArticleError(too_large(where, size, record_bytes, what="record"))
    try:
        return article_from_record(record, where, limits)
    except ArticleError as exc:
        return exc
    except Exception as exc:  # a fault no check foresaw costs this record only
        return unexpected(where, exc)


def article_from_record(record: Any, where: str, limits: Limits = DEFAULT_LIMITS) -> Article:
    """Validate one record; raise :class:`ArticleError` naming ``where`` and the first bad field.

    Text fields are cut to what ``limits`` need of them before any work on them."""
    if not isinstance(record, dict):
        raise ArticleError(f"{where}: expected a JSON object, not {_kind(record)}")
    # Errors name the field as the record spells it: a crawler's "content", not Nashra's "body".
    body_field = _given_name(record, "body")
    published_field = _given_name(record, "published_at")
    record = _from_crawler(record, where)
    title = _text(record, "title", where, limits.raw_title)
    if title is None:
        problem = "is missing" if record.get("title") is None else "is empty"
        raise ArticleError(f"{where}: field 'title' {problem}")
    body = record.get("body")
    given_sections = record.get("sections")
    if body is None and given_sections is None:
        raise ArticleError(f"{where}: field 'body' (or 'sections') is missing")
    if body is not None and given_sections is not None:
        raise ArticleError(f"{where}: give either 'body' or 'sections', not both")
    url = _link(record, where)
    source = outlet_name(_text(record, "source", where, limits.raw_name))
    author = _text(record, "author", where, limits.raw_name)
    byline = author_field_credit(author, source)
    if body is not None:
        if not isinstance(body, str):
            raise ArticleError(f"{where}: field '{body_field}' must be a string, not {_kind(body)}")
        cut_body = cut(limits.raw_text(body).splitlines(), title=title, outlet=source, byline=byline)
    else:
        cut_body = Body(_sections(given_sections, where, limits))
    if not cut_body.sections:
        raise ArticleError(f"{where}: field '{body_field if body is not None else 'sections'}' holds no text")
    article = article_from_body(
        cut_body,
        title=title,
        origin=where,
        source=source,
        author=byline.author if byline else author,
        credit=byline,
        url=url,
        published_at=_bounded_by_crawl(
            _published(record.get("published_at"), where, published_field), record, where
        ),
        region_hints=_regions(record.get("regions"), where),
    )
    article.author = field_author(author, byline, article.author)
    article.home_country = _country(record.get("country"), where)
    return article


def _given_name(record: dict[str, Any], ours: str) -> str:
    """The name under which ``record`` gives Nashra's field ``ours``: its own, or a crawler's."""
    if record.get(ours) is not None:
        return ours
    return next(
        (theirs for theirs, mine in CRAWLER_FIELDS if mine == ours and record.get(theirs) is not None), ours
    )


def _from_crawler(record: dict[str, Any], where: str) -> dict[str, Any]:
    """A crawler's record (news-please, newspaper, SaudiNewsNet) under Nashra's field names (Nashra's own
    names win)."""
    if not any(name in record for name in (*(theirs for theirs, _ in CRAWLER_FIELDS), "authors")):
        return record
    out = dict(record)
    for theirs, ours in CRAWLER_FIELDS:
        # A record that gives its sections has its body already: a crawler's text is no second one.
        taken = out.get(ours) is not None or (ours == "body" and out.get("sections") is not None)
        if not taken and out.get(theirs) is not None:
            out[ours] = out[theirs]
    authors = record.get("authors")
    if out.get("author") is None and authors is not None:
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            raise ArticleError(f"{where}: field 'authors' must be a list of names")
        out["author"] = "، ".join(a.strip() for a in authors if a.strip()) or None
    if isinstance(out.get("published_at"), str):
        # news-please writes "2017-03-03 12:00:00"; ISO 8601 readers accept the space.
        out["published_at"] = out["published_at"].strip()
    return out


def _text(
    record: dict[str, Any], field: str, where: str, raw: Callable[[str], str] = lambda value: value
) -> str | None:
    """A one-line text field with its HTML entities decoded and its whitespace collapsed (of what ``raw``
    keeps of it); None when absent or blank."""
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleError(f"{where}: field '{field}' must be a string, not {_kind(value)}")
    return " ".join(decode_entities(raw(value)).split()) or None


def _link(record: dict[str, Any], where: str) -> str | None:
    """The record's ``url`` as a web link, percent-encoded where it has spaces; None (with a warning
    naming the record) when it leads nowhere (see the module's description)."""
    value = record.get("url")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ArticleError(f"{where}: field 'url' must be a string, not {_kind(value)}")
    link = web_link(value)
    if link is None:
        log.warning(
            "%s: field 'url' %s (%r): the article is stored without a link",
            where,
            link_problem(value),
            value[:200],
        )
    return link


def _sections(value: Any, where: str, limits: Limits) -> list[Section]:
    if not isinstance(value, list):
        raise ArticleError(f"{where}: field 'sections' must be a list, not {_kind(value)}")
    sections = []
    room = limits.text_chars * RAW_FACTOR  # of all sections' text together, as of a body
    for i, item in enumerate(value):
        if room <= 0:
            break
        place = f"sections[{i}]"
        if not isinstance(item, dict):
            raise ArticleError(f"{where}: field '{place}' must be an object, not {_kind(item)}")
        heading = item.get("heading")
        text = item.get("text")
        if heading is not None and not isinstance(heading, str):
            raise ArticleError(f"{where}: field '{place}.heading' must be a string or null")
        if not isinstance(text, str):
            problem = "is missing" if text is None else f"must be a string, not {_kind(text)}"
            raise ArticleError(f"{where}: field '{place}.text' {problem}")
        # The text of a given section is cleaned of boilerplate but never re-split into sections.
        text = text[:room]
        room -= len(text)
        cleaned = "\n".join(line for line in strip_boilerplate(text.splitlines()) if line)
        if cleaned:
            sections.append(Section((heading or "").strip() or None, cleaned))
    return sections


def _bounded_by_crawl(published: datetime | None, record: dict[str, Any], where: str) -> datetime | None:
    """``published``, or the record's crawl time where it gives none or a later one (a crawl time that
    cannot be read is left out with a warning naming the record and the field)."""
    field = next((name for name in CRAWL_TIME_FIELDS if record.get(name) not in (None, "")), None)
    if field is None:
        return published
    try:
        crawled = _published(record[field], where, field)
    except ArticleError as exc:
        log.warning("%s; the record is read without it", exc)
        return published
    return crawled if crawled is not None and (published is None or published > crawled) else published


def _published(value: Any, where: str, field: str = "published_at") -> datetime | None:
    """The publication time in UTC (a time without a zone is UTC), read as every input's ISO 8601 date
    is (:func:`nashra.articles.dates.read_iso`: a Hijri date converted, a day its calendar lacks no
    date, each with a warning naming the record); ``field`` is the name the record gives it under, for
    the error."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleError(f"{where}: field '{field}' must be an ISO 8601 string, not {_kind(value)}")
    try:
        return read_iso(value).said(where)
    except ValueError:
        raise ArticleError(f"{where}: field '{field}' is not an ISO 8601 date: {value!r}") from None


def _regions(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ArticleError(f"{where}: field 'regions' must be a list of region codes")
    codes = []
    for code in value:
        folded = code.strip().upper()
        if not _REGION_CODE.match(folded):
            raise ArticleError(f"{where}: field 'regions' holds {code!r}, not a region code like SY or SY-DY")
        if not get_gazetteer().is_known(folded):
            raise ArticleError(
                f"{where}: field 'regions' holds {code!r}, which is no known country or region"
            )
        codes.append(folded)
    return sorted(set(codes))


def _country(value: Any, where: str) -> str | None:
    """The record's ``country``: its outlet's own country as an ISO 3166-1 alpha-2 code ("SA"), which
    settles a bare «المملكة» the text names no kingdom for; None when absent or blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ArticleError(f"{where}: field 'country' must be a country code like SA, not {_kind(value)}")
    code = value.strip().upper()
    if not _COUNTRY_CODE.match(code) or not get_gazetteer().is_known(code):
        raise ArticleError(f"{where}: field 'country' holds {value!r}, not a known country code like SA")
    return code


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)
