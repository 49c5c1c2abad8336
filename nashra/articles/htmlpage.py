"""Saved article pages (.html, .htm): the main text taken out of the page by trafilatura.

A saved news page is mostly navigation, ads and comment threads; trafilatura (a maintained main-content
extractor) finds the article and its metadata (title, author, date, site name). Its ``h2``/``h3``
headings are kept as section headings whatever their shape; the paragraphs then go through the same
furniture recognition and sectioning as plain text, since in-body bylines, captions and related
headlines survive extraction.
"""

from __future__ import annotations

import logging
from datetime import datetime

import trafilatura
from htmldate import find_date
from lxml import etree, html

from nashra.articles.dates import Reading, read_iso
from nashra.articles.errors import ArticleError
from nashra.articles.limits import DEFAULT_LIMITS, RAW_FACTOR, Limits
from nashra.articles.sectioning import cut
from nashra.articles.textformat import article_from_body, author_field_credit, field_author, wide_encoding
from nashra.model import Article

log = logging.getLogger(__name__)

# Headings of these levels become section headings; h1 is the page title, h4+ are too minor to cut on.
_SECTION_HEADINGS = ("h2", "h3")


def parse_html_page(
    data: bytes, origin: str, *, url: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Article:
    """The article of a saved page; ArticleError naming ``origin`` when the page holds no article text.

    ``limits`` bound how much of the extracted text is sectioned (:mod:`nashra.articles.limits`)."""
    if not data.strip():
        raise ArticleError.because(origin, "file_empty")
    wide = wide_encoding(data)
    # A page saved as UTF-16 without its byte-order mark is read as bytes in no charset trafilatura
    # guesses: each Arabic letter's pair of bytes became two Latin characters.
    page: bytes | str = data.decode(wide, errors="replace") if wide else data
    try:
        extracted = _extract(page, url, with_metadata=True)
        if not extracted:
            # trafilatura gives nothing at all when reading the page's metadata fails (htmldate raises on
            # a date whose zone is none, «+25:00»): the article is read without it, titled by its first
            # line, undated, and said, once: by the date's warning where the date is none.
            extracted = _extract(page, url, with_metadata=False)
            written = _written_reading(data)
            if extracted and (written is None or written.kind not in _NO_DATE):
                log.warning(
                    "%s: the page's metadata (title, site, author, date) cannot be read; "
                    "the article is read without it",
                    origin,
                )
    except (ValueError, TypeError, etree.LxmlError) as exc:
        raise ArticleError.because(origin, "unreadable_page", detail=str(exc)) from None
    if not extracted:
        raise ArticleError.because(origin, "no_article_text")
    try:
        document = etree.fromstring(extracted.encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        raise ArticleError.because(origin, "unreadable_extract", detail=str(exc)) from None
    title = " ".join((document.get("title") or "").split())
    lines, headings = _blocks(document, title, limits.text_chars * RAW_FACTOR)
    title = limits.raw_title(title)
    if not title:
        if not lines:
            raise ArticleError.because(origin, "no_article_text")
        title = lines.pop(0)
        headings = {i - 1 for i in headings if i > 0}
    source = " ".join((document.get("sitename") or "").split()) or None
    # The page's author field is read as JSON records' and feed entries' are: «تعز - خاص» is a
    # dateline and a credit word, not an author named «تعز».
    author = " ".join((document.get("author") or "").split()).replace(";", "،") or None
    byline = author_field_credit(author, source)
    body = cut(lines, title=title, outlet=source, headings=headings, byline=byline)
    if not body.sections:
        raise ArticleError.because(origin, "no_article_text")
    article = article_from_body(
        body,
        title=title,
        origin=origin,
        source=source,
        author=byline.author if byline else author,
        credit=byline,
        url=url or document.get("url") or None,
        published_at=_publication_date(page, document.get("date"), origin),
    )
    article.author = field_author(author, byline, article.author)
    return article


def _extract(page: bytes | str, url: str | None, *, with_metadata: bool) -> str | None:
    """trafilatura's XML of the page's main text (with the page's metadata as attributes of its root
    when ``with_metadata``), or None when it finds none."""
    extracted: str | None = trafilatura.extract(
        page,
        url=url,
        output_format="xml",
        include_formatting=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=with_metadata,
        # trafilatura's deduplication remembers text across calls: a page read again would be empty.
        deduplicate=False,
    )
    return extracted


def _blocks(document: etree._Element, title: str, max_chars: int) -> tuple[list[str], set[int]]:
    """Paragraph lines of the extracted main text (about ``max_chars`` of it at most), and the indices of
    the ones that are headings."""
    main = document.find("main")
    lines: list[str] = []
    headings: set[int] = set()
    read = 0
    for element in main.iter("head", "p", "item", "quote") if main is not None else ():
        if read > max_chars:
            break
        parent = element.getparent()
        if element.tag in ("p", "quote") and parent is not None and parent.tag in ("quote", "item"):
            continue
        text = " ".join("".join(element.itertext()).split())[:max_chars]
        if not text:
            continue
        if element.tag == "head":
            level = (element.get("rend") or "").lower()
            if level == "h1" and text == title:
                continue
            if level in _SECTION_HEADINGS:
                headings.add(len(lines))
        lines.append(text)
        read += len(text)
    return lines, headings


def _publication_date(data: bytes | str, found: str | None, origin: str) -> datetime | None:
    """The page's publication date from trafilatura's ``found`` (ISO 8601), or None for the ingest time.

    trafilatura asks htmldate for an extensive search, which falls back to the year of a copyright line
    («© 2024», «جميع الحقوق محفوظة 2024») or of any bare year and reports it as 1 January of that year:
    a page saved without a date would then look months old and never be delivered. htmldate gives every
    year-only date that shape, so a 1 January date counts only when htmldate's search without those
    fallbacks (``extensive_search=False``: meta tags, ``<time>``, URLs, timestamps) confirms it. A page
    whose only date is a real 1 January written in its text is therefore dated at ingest: a day late at
    worst, where the fallback's year would have kept a page out of every digest.

    The page's own publication date (:func:`_written_reading`) is read first as every input's is
    (:func:`nashra.articles.dates.read_iso`): htmldate reads a day the month lacks («2015-02-29») as the
    month's first day and passes over a Hijri one («1436-02-30»), where such a date is no date, or
    converted, with a warning naming the page, in every other format."""
    written = _written_reading(data)
    if written is not None and (written.kind in _NO_DATE or written.kind == "hijri"):
        return written.said(origin)
    moment = _date(found, origin)
    if moment is None or (moment.month, moment.day) != (1, 1):
        return moment
    confirmed = find_date(data, extensive_search=False, original_date=True)
    return moment if confirmed == moment.date().isoformat() else None


# The names a page's publication date is given under in its meta tags (Open Graph, schema.org,
# Dublin Core and the older «pubdate» names), in lower case.
_DATE_META_NAMES = frozenset(
    (
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "dc.date.issued",
        "dcterms.issued",
    )
)


# What a reading of a date that is none is (see nashra.articles.dates.Reading).
_NO_DATE = ("no_day", "implausible")


def _written_reading(data: bytes | str) -> Reading | None:
    """The publication date the page's first meta tag of one (``_DATE_META_NAMES``) writes, read as
    every input's ISO 8601 date is (:func:`nashra.articles.dates.read_iso`); None where the page has
    none, or none in ISO 8601."""
    try:
        tree = html.fromstring(data)
    except (etree.LxmlError, ValueError):
        return None
    for meta in tree.iter("meta"):
        name = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        content = (meta.get("content") or "").strip()
        if name.lower() in _DATE_META_NAMES and content:
            try:
                return read_iso(content)
            except ValueError:
                return None
    return None


def _date(value: str | None, origin: str) -> datetime | None:
    """trafilatura's ISO 8601 date read as every input's is (:func:`nashra.articles.dates.read_iso`)."""
    if not value:
        return None
    try:
        return read_iso(value).said(origin)
    except ValueError:
        return None
