"""Admission: what may be stored of an article read from outside, whatever its format.

One owner for the checks every input passes before analysis (invisible controls, links, dates, field
limits, mojibake), so that ``nashra ingest`` stores what ``nashra sections`` and ``nashra summarize``
show. Kept apart from :mod:`nashra.articles.ingest` (the storing pipeline, which fetches feeds): a
command that only shows a file imports no HTTP client or feed reader.
"""

from __future__ import annotations

from datetime import datetime

from nashra.arabic import has_visible, looks_garbled, strip_controls
from nashra.articles.dates import publication_date
from nashra.articles.errors import ArticleError, garbled, unexpected
from nashra.articles.limits import DEFAULT_LIMITS, Limits, clip_article
from nashra.articles.links import web_link
from nashra.articles.outlets import NO_OUTLETS, Outlets
from nashra.model import Article


def admit(
    item: Article | ArticleError, fetched_at: datetime, limits: Limits = DEFAULT_LIMITS
) -> Article | ArticleError:
    """What may be stored of an article read from outside, or the one-line reason it may not.

    Every input passes here before analysis, whatever its format: bidi overrides and other invisible
    controls leave every text field (:func:`nashra.arabic.strip_controls`; a title or a text of nothing
    else is refused), a link that is not http(s) is dropped (:func:`nashra.articles.links.web_link`),
    a date after ``fetched_at`` is clamped to it, a Hijri date written as an ISO one is converted, a
    date centuries old or on a day its calendar lacks dropped (:func:`nashra.articles.dates.publication_date`,
    a warning naming the item; the readers of ISO text convert theirs before, with
    :func:`nashra.articles.dates.read_iso`), the fields are held within ``limits``
    (:func:`nashra.articles.limits.clip_article`), and text that decoded into mojibake is refused
    rather than stored.
    """
    if isinstance(item, ArticleError):
        return item
    item.title = strip_controls(item.title).strip()
    # A garbled source or byline is dropped, not stored: the story itself may be fine.
    item.source = strip_controls(item.source) if item.source and not looks_garbled(item.source) else None
    item.author = strip_controls(item.author) if item.author and not looks_garbled(item.author) else None
    for section in item.sections:
        section.heading = strip_controls(section.heading) if section.heading else section.heading
        section.text = strip_controls(section.text)
    # What held only invisible characters holds nothing now: no story is stored without a headline or
    # a word of text (a digest would show an empty bold line).
    item.sections = [section for section in item.sections if has_visible(section.text)]
    if not has_visible(item.title):
        return ArticleError.because(item.origin, "invisible_title")
    if not item.sections:
        return ArticleError.because(item.origin, "invisible_text")
    item.url = web_link(item.url)
    if item.published_at is not None:
        item.published_at = publication_date(item.published_at).said(item.origin)
        if item.published_at is not None:
            item.published_at = min(item.published_at, fetched_at)
    clip_article(item, limits)
    for part in (item.title, *(section.text for section in item.sections)):
        if looks_garbled(part):
            return garbled(item.origin, part)
    return item


def admit_all(
    items: list[Article | ArticleError],
    fetched_at: datetime,
    limits: Limits,
    outlets: Outlets = NO_OUTLETS,
    feed: str | None = None,
) -> list[Article | ArticleError]:
    """Each item admitted (:func:`admit`) with its home country settled (:class:`Outlets`, ``feed`` the
    URL it came from); one that fails unexpectedly is rejected alone. What ``ingest`` stores, and what
    the commands that show an input without storing it (``sections``, ``summarize``) show."""
    done: list[Article | ArticleError] = []
    for item in items:
        try:
            admitted = admit(item, fetched_at, limits)
            done.append(admitted if isinstance(admitted, ArticleError) else outlets.settle(admitted, feed))
        except Exception as exc:  # a fault no check foresaw costs this article only
            done.append(unexpected(item.origin if isinstance(item, Article) else str(item), exc))
    return done


__all__ = ["admit", "admit_all"]
