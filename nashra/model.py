"""Domain objects of the article pipeline: what ingestion produces, analysis fills in and storage keeps.

Below every layer (see docs/architecture.md): ingestion, analysis, summaries and storage all use them,
so none of those packages imports another to get them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class Section:
    """A lead (heading None) or a headed part of an article, with the regions it speaks of."""

    heading: str | None
    text: str
    regions: list[str] = field(default_factory=list)
    # The places its own dateline named where the section is one brief of several («لندن، دبي» of «* لندن
    # – دبي: «الشرق الأوسط» سجلت …»): cut from its text, they still count for its regions, and they are no
    # dateline of the whole article. "" for none.
    dateline: str = ""


@dataclass(frozen=True, slots=True)
class Furniture:
    """A piece of page furniture removed from the body (byline, dateline, caption, tweet, …).

    ``kind`` names what it is (see :mod:`nashra.articles.furniture`); ``text`` is the line as written.
    """

    kind: str
    text: str


FILE_IDENTITY = "file "
"""How the identity (``Article.guid``) of an article read from a plain-text file starts: then its
file's absolute path. A corrected file ingested again replaces its story (it has no link or feed
identity to be known by, and its content changed); see :func:`file_identity`."""


def file_identity(path: str, member: str | None = None) -> str:
    """The identity of the plain-text article in the file at ``path`` (absolute), or in the zip at
    ``path``'s ``member``: ``file <zip path>!<member name>``."""
    return f"{FILE_IDENTITY}{path}" if member is None else f"{FILE_IDENTITY}{path}!{member}"


def identity_file(identity: str) -> str | None:
    """The file a :func:`file_identity` names (a zip member's: the zip); None for another identity."""
    if not identity.startswith(FILE_IDENTITY):
        return None
    path = identity.removeprefix(FILE_IDENTITY)
    return path.split("!", 1)[0] if ".zip!" in path.lower() else path


@dataclass(slots=True)
class Article:
    """An article as read from a file, JSON record, page or feed entry, before or after analysis.

    ``sections`` holds the sectioned body; ``region_hints`` are codes a source attached itself
    (JSON input), added to every section's regions by the analysis. ``dateline`` is the place the
    piece was filed from (metadata: it never tags a section by itself); ``furniture`` is what was
    removed from the body, in the order found. ``guid`` identifies a feed entry across edits of its
    link and text; other inputs are identified by their URL, then their content. ``home_country`` is
    the outlet's own country (ISO 3166-1 alpha-2: a JSON record's ``country``, else ``[[ingest.outlets]]``
    in the config, see :mod:`nashra.articles.outlets`): the analysis takes a bare «المملكة» for it where
    the text names no kingdom (a Saudi paper's «المملكة» is Saudi Arabia).
    """

    title: str
    sections: list[Section]
    source: str | None = None
    author: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    region_hints: list[str] = field(default_factory=list)
    dateline: str | None = None
    furniture: list[Furniture] = field(default_factory=list)
    origin: str = ""  # where it was read from (path, path:line, feed url), for messages
    # A feed entry's identity (its site and <guid> / Atom <id>, see feeds.py), or a plain-text file's
    # (file_identity).
    guid: str | None = None
    home_country: str | None = None


@dataclass(slots=True)
class StoredSection:
    """A section as stored, with the ids the summarizer and digests refer to."""

    id: int
    article_id: int
    position: int
    heading: str | None
    text: str
    text_hash: str
    regions: list[str]
