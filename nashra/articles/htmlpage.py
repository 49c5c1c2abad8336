"""Saved article pages (.html, .htm): the main text taken out of the page by trafilatura.

A saved news page is mostly navigation, ads and comment threads; trafilatura (a maintained main-content
extractor) finds the article and its metadata (title, author, date, site name). Its ``h2``/``h3``
headings are kept as section headings whatever their shape; the paragraphs then go through the same
furniture recognition and sectioning as plain text, since in-body bylines, captions and related
headlines survive extraction.

Only the start of a long page is handed to trafilatura (:func:`_bounded`): the text read of its extract
and as much again as one article may keep, for what comes before the article. trafilatura's work grows
with the page, and most of a very long article's text is never kept: the page of a 4,000-paragraph
article (6 MB) took 12 s, all of it read but for the first 1,400 paragraphs (``benchmarks/large_inputs.py``).
"""

from __future__ import annotations

from datetime import UTC, datetime

import trafilatura
from lxml import etree, html
from trafilatura.settings import DEFAULT_CONFIG

from nashra.articles.errors import ArticleError
from nashra.articles.limits import DEFAULT_LIMITS, RAW_FACTOR, Limits
from nashra.articles.sectioning import cut
from nashra.articles.textformat import article_from_body
from nashra.model import Article

# Headings of these levels become section headings; h1 is the page title, h4+ are too minor to cut on.
_SECTION_HEADINGS = ("h2", "h3")
# Elements whose text is no reader's text: it does not count towards the text a page is bounded to.
_NOT_TEXT = frozenset({"script", "style", "noscript", "template"})


def parse_html_page(
    data: bytes, origin: str, *, url: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Article:
    """The article of a saved page; ArticleError naming ``origin`` when the page holds no article text.

    ``limits`` bound how much of the extracted text is sectioned (:mod:`nashra.articles.limits`)."""
    if not data.strip():
        raise ArticleError.because(origin, "file_empty")
    max_chars = limits.text_chars * RAW_FACTOR
    page = _load(data)
    try:
        extracted = trafilatura.extract(
            # Room for the menus, headlines and captions before the article: one article's worth of text.
            data if page is None else _bounded(page, max_chars + limits.text_chars),
            url=url,
            output_format="xml",
            include_formatting=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            with_metadata=True,
            # trafilatura's deduplication remembers text across calls: a page read again would be empty.
            deduplicate=False,
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
    lines, headings = _blocks(document, title, max_chars)
    title = limits.raw_title(title)
    if not title:
        if not lines:
            raise ArticleError.because(origin, "no_article_text")
        title = lines.pop(0)
        headings = {i - 1 for i in headings if i > 0}
    source = " ".join((document.get("sitename") or "").split()) or None
    body = cut(lines, title=title, outlet=source, headings=headings)
    if not body.sections:
        raise ArticleError.because(origin, "no_article_text")
    return article_from_body(
        body,
        title=title,
        origin=origin,
        source=source,
        author=" ".join((document.get("author") or "").split()).replace(";", "،") or None,
        url=url or document.get("url") or None,
        published_at=_date(document.get("date")),
    )


def _load(data: bytes) -> html.HtmlElement | None:
    """The page parsed as trafilatura parses it, or None when it is no page (trafilatura is then handed
    the bytes, and says so as it always has)."""
    try:
        return trafilatura.load_html(data, DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE"))
    except (ValueError, TypeError, etree.LxmlError):
        return None


def _bounded(page: html.HtmlElement, max_chars: int) -> html.HtmlElement:
    """``page`` (changed in place) without what follows its first ``max_chars`` characters of text.

    Text of the body is counted in document order, leaving out scripts and styles; the element in which
    the count passes ``max_chars`` is kept whole, and everything after it (its following siblings and
    those of each of its ancestors) is removed. A page within the bound is left as it is, so trafilatura
    reads it as before; a longer one loses only text past what Nashra would keep of its article.
    """
    body = page.find(".//body")
    seen = 0
    for element in (body if body is not None else page).iter():
        if isinstance(element.tag, str) and element.tag not in _NOT_TEXT:
            seen += len(element.text or "")
        seen += len(element.tail or "")
        if seen > max_chars:
            _drop_following(element)
            break
    return page


def _drop_following(element: html.HtmlElement) -> None:
    """Remove whatever follows ``element`` in document order (its subtree and tail stay)."""
    node = element
    while (parent := node.getparent()) is not None:
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        node = parent


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


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
