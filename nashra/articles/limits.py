"""Caps on what one input may store: entries per feed, and the length of each field of an article.

A feed, file or record decides its own sizes, and the work of reading it grows with them: an 8.8 MB
title took 40 s and 360 MB to ingest, a feed of 20,000 items 74 s, and every one of those items was
stored and owed to subscribers. The caps (``[ingest]`` options, see :class:`nashra.config.IngestConfig`)
bound that work for every format alike, and say what happens past each:

- **Entries per feed** (``max_entries_per_feed``, 200): the newest are read, by their date (an undated
  entry counts as new as the fetch, the feed's own order decides among equals); a warning names the
  feed and how many were left out. A feed is a window on a site's latest stories, so the rest is
  backlog. JSON and JSON Lines files are archives an operator imports on purpose: their records are
  not capped in number (``max_archive_bytes`` bounds them, and ``max_bytes`` each record).
- **Title** (``max_title_chars``, 300): shortened at a word and ended with "…". The story is real even
  when a feed puts its first paragraph in ``<title>``, and a digest shows only a title's start anyway.
  The longest of SaudiNewsNet's 31,030 titles has 180 characters.
- **Source and author** (``max_name_chars``, 120): a longer one is left out, as a garbled one is
  (:func:`nashra.articles.admission.admit`). So long a "name" is a paragraph caught in the field (in
  SaudiNewsNet, every author over 120 characters is the article's opening sentences), and half of it
  would credit the wrong words.
- **Text** (``max_text_chars``, 100,000): the article is kept up to its last whole paragraph within
  the cap (a first paragraph longer than the cap is cut at a word, ended with "…"); a warning names the
  article. News is written lead first, and a digest summarizes the lead; the longest SaudiNewsNet
  article has 33,687 characters.

Readers cut what they are given to :data:`RAW_FACTOR` times a cap before any parsing work (markup and
spacing around the text make raw input longer than the text it holds), so the work stays bounded; the
caps themselves are applied once, to the parsed article, by :func:`clip_article`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from nashra.config import IngestConfig
from nashra.model import Article, Section
from nashra.telegram_limits import truncate

log = logging.getLogger(__name__)

# Raw input (HTML with its tags, whitespace) kept per field before parsing, in multiples of the cap.
RAW_FACTOR = 4


@dataclass(frozen=True, slots=True)
class Limits:
    """The caps of one run, in entries and characters (see the module's description)."""

    entries_per_feed: int
    title_chars: int
    name_chars: int
    text_chars: int
    # Bytes of a JSON or JSON Lines archive read (see nashra.articles.files).
    archive_bytes: int
    # Bytes a zip's article members inflate to all together, and members a zip may list
    # (see nashra.articles.zipfiles).
    zip_bytes: int
    zip_members: int

    @classmethod
    def of(cls, config: IngestConfig) -> Limits:
        return cls(
            entries_per_feed=config.max_entries_per_feed,
            title_chars=config.max_title_chars,
            name_chars=config.max_name_chars,
            text_chars=config.max_text_chars,
            archive_bytes=config.max_archive_bytes,
            zip_bytes=config.max_zip_bytes,
            zip_members=config.max_zip_members,
        )

    def raw_title(self, text: str) -> str:
        """``text`` cut to what parsing a title needs to read of it."""
        return text[: self.title_chars * RAW_FACTOR]

    def raw_name(self, text: str) -> str:
        return text[: self.name_chars * RAW_FACTOR]

    def raw_text(self, text: str) -> str:
        """``text`` cut to what parsing a body needs to read of it (the cap itself is applied later)."""
        return text[: self.text_chars * RAW_FACTOR]

    def raw_lines(self, lines: list[str]) -> list[str]:
        """The first of ``lines`` that parsing a body needs to read (see :meth:`raw_text`)."""
        room = self.text_chars * RAW_FACTOR
        kept: list[str] = []
        for line in lines:
            if room <= 0:
                break
            kept.append(line[:room])
            room -= len(line) + 1
        return kept


DEFAULT_LIMITS = Limits.of(IngestConfig())


def shorten(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut as :func:`nashra.telegram_limits.truncate` cuts."""
    return truncate(text, limit, measure=len)


def clip_article(article: Article, limits: Limits) -> Article:
    """``article`` (changed in place) within ``limits``: title shortened, an overlong source or author
    left out, text kept up to its last whole paragraph within the cap. Logs a warning naming the
    article when its text was cut."""
    if len(article.title) > limits.title_chars:
        log.info("%s: title shortened to %d characters", article.origin, limits.title_chars)
        article.title = shorten(article.title, limits.title_chars)
    if article.source and len(article.source) > limits.name_chars:
        article.source = None
    if article.author and len(article.author) > limits.name_chars:
        article.author = None
    total = sum(len(section.text) for section in article.sections)
    if total > limits.text_chars:
        article.sections = clip_sections(article.sections, limits.text_chars)
        log.warning(
            "%s: text of %d characters cut to its first %d ([ingest] max_text_chars)",
            article.origin,
            total,
            sum(len(section.text) for section in article.sections),
        )
    return article


def clip_sections(sections: list[Section], limit: int) -> list[Section]:
    """The first ``sections`` within ``limit`` characters of text, the last of them ending at its last
    whole paragraph (line) that fits; a first paragraph longer than the room is shortened."""
    kept: list[Section] = []
    room = limit
    for section in sections:
        if len(section.text) <= room:
            kept.append(section)
            room -= len(section.text)
            continue
        lines: list[str] = []
        used = 0
        for line in section.text.split("\n"):
            cost = len(line) + (1 if lines else 0)
            if used + cost > room:
                if not lines and not kept:
                    lines.append(shorten(line, room))
                break
            lines.append(line)
            used += cost
        if lines:
            kept.append(Section(section.heading, "\n".join(lines), list(section.regions), section.dateline))
        break
    return kept
