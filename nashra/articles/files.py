"""Article files on disk: which suffixes hold articles, walking folders, and reading one file.

Every reader returns a list of articles and errors, so a file of many records (JSON list, JSON Lines,
feed) rejects its bad records one by one while the good ones go on. The page reader (trafilatura) and
the feed reader (feedparser, httpx) are imported only when a page or a feed is read: sectioning a
text file needs neither, and they take a noticeable part of a second to import.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from nashra.articles.errors import ArticleError
from nashra.articles.jsonformat import holds_json, parse_json, parse_jsonl
from nashra.articles.limits import DEFAULT_LIMITS, Limits
from nashra.articles.textformat import (
    decode_text,
    parse_text,
    read_at_most,
    read_bytes,
    too_large,
    wide_encoding,
)
from nashra.articles.zipfiles import ZIP_MAGIC, ZIP_SUFFIX, ZipMember, members, read_member
from nashra.config import size_limit
from nashra.model import Article, file_identity

PAGE_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
# JSON Lines goes by several names: .jsonl, .ndjson ("newline-delimited JSON"), .jl (Scrapy's feeds).
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jl")
ARTICLE_SUFFIXES = (".txt", ".json", *JSONL_SUFFIXES, *FEED_SUFFIXES, *PAGE_SUFFIXES)
# Files of records (archives), bounded per record and as a whole (see read_article_file).
RECORD_SUFFIXES = (".json", *JSONL_SUFFIXES)

Parsed = Article | ArticleError
# How standard input is named in errors, as Python and most tools name it.
STDIN = "<stdin>"


def read_article_file(path: Path, max_bytes: int, limits: Limits = DEFAULT_LIMITS) -> list[Parsed]:
    """The articles of one file, chosen by suffix (.txt text layout, .json, .jsonl/.ndjson/.jl,
    .xml/.rss/.atom feed, .html/.htm saved page); ``limits`` bound what is read of each
    (:mod:`nashra.articles.limits`).

    ``max_bytes`` bounds one article: a file of one (text, page), a feed file, and each record of a
    JSON or JSON Lines archive on its own (a larger record is refused alone, named by its index or
    line, and the others go on). A day's crawl is one archive larger than any article in it, and was
    refused whole when ``max_bytes`` applied to the file. An archive as a whole is bounded by
    ``limits.archive_bytes`` (``[ingest] max_archive_bytes``) instead: it is read whole, and its
    records parsed and held until they are stored oldest first, which takes about 9 times the file's
    size in memory at the peak of an ingest (a 12.6 MB SaudiNewsNet day: 110 MB above the 65 MB of a
    run with one small file; peak resident size, ``/usr/bin/time -f %M nashra ingest FILE``). That
    bound is what keeps one file's memory in check.
    """
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        known = ", ".join(ARTICLE_SUFFIXES)
        return [
            ArticleError(f"{path}: unsupported file type {suffix or '(none)'!r}; expected one of {known}")
        ]
    archive = suffix in RECORD_SUFFIXES or (suffix == ".txt" and _opens_like_json(path))
    try:
        if archive:
            data = read_bytes(path, *_archive_bound(max_bytes, limits))
        else:
            data = read_bytes(path, max_bytes)
    except ArticleError as exc:
        return [exc]
    # A plain-text article is known by its file (the layout holds no link): a corrected file ingested
    # again replaces its story (nashra.storage.articles.ArticleStore.save).
    identity = file_identity(str(path.resolve()))
    return parse_article_bytes(data, str(path), suffix, max_bytes, limits, identity=identity)


def read_zip_member(member: ZipMember, max_bytes: int, limits: Limits = DEFAULT_LIMITS) -> list[Parsed]:
    """The articles of one member of a zip (:mod:`nashra.articles.zipfiles`), read and bounded as
    :func:`read_article_file` reads and bounds a file of its kind; named ``day.zip#member.json``. A
    plain-text member is identified as ``file <zip path>!<member name>`` (``#2``, ``#3``… appended for
    further members of one name; :func:`file_identity`), so a corrected zip ingested again replaces
    its stories.

    A ``.txt`` member may be JSON and is bounded as an archive, as standard input is; the text reader
    still refuses plain text past ``max_bytes``."""
    suffix = member.suffix
    if suffix in RECORD_SUFFIXES or suffix == ".txt":
        bound, option = _archive_bound(max_bytes, limits)
    else:
        bound, option = max_bytes, "max_bytes"
    try:
        data = read_member(member, bound, option)
    except ArticleError as exc:
        return [exc]
    # A plain-text member is known by its zip and its name, as a file is by its path (a second member
    # of one name by its place among them).
    repeat = f"#{member.repeat + 1}" if member.repeat else ""
    identity = file_identity(str(member.archive.resolve()), f"{member.name}{repeat}")
    return parse_article_bytes(data, str(member), suffix, max_bytes, limits, identity=identity)


def standard_input() -> BinaryIO:
    """The process's standard input as bytes. Python leaves ``sys.stdin`` None when the process was
    started with it closed (``<&-``, some service managers); :mod:`nashra.cli` gives that descriptor
    to /dev/null, so it reads as empty input then, and is refused as such."""
    if sys.stdin is not None:
        return sys.stdin.buffer
    return open(0, "rb", closefd=False)  # descriptor 0 lives as long as the process


def read_article_stream(
    stream: BinaryIO, max_bytes: int, limits: Limits = DEFAULT_LIMITS, origin: str = STDIN
) -> list[Parsed]:
    """The articles of a stream (standard input), its kind told by its content as for a ``.txt`` file:
    a feed, a saved page, JSON or JSON Lines, else the text layout. Bounded as
    :func:`read_article_file` bounds a file: ``max_bytes`` per article, ``limits.archive_bytes`` for
    an archive; at most that much is read before a refusal."""
    bound, option = _archive_bound(max_bytes, limits)
    try:
        data = read_at_most(stream, bound + 1)
    except OSError as exc:
        return [ArticleError(f"{origin}: cannot read: {exc.strerror or exc}")]
    if len(data) > bound:
        return [ArticleError(f"{origin}: input is larger than {size_limit(bound, option)}")]
    return parse_article_bytes(data, origin, ".txt", max_bytes, limits)


def single_article(parsed: list[Parsed], origin: str) -> Article | None:
    """The article of an input (read from ``origin``) that is one article, printed alone by ``nashra
    sections`` and ``nashra summarize``; None for a file of records (a JSON list, JSON Lines, a feed),
    whose records, named by index, line or link, are printed each as one of several however many it
    holds: a script reads the same shape from a day's list of one record as from one of many."""
    if len(parsed) == 1 and isinstance(parsed[0], Article) and parsed[0].origin == origin:
        return parsed[0]
    return None


def parse_article_bytes(
    data: bytes,
    origin: str,
    suffix: str,
    max_bytes: int,
    limits: Limits = DEFAULT_LIMITS,
    *,
    identity: str | None = None,
) -> list[Parsed]:
    """The articles of ``data`` read from ``origin`` (a file named with ``suffix``; a ``.txt`` is read
    as the feed, page or JSON it holds). Anything but a JSON or JSON Lines archive longer than
    ``max_bytes`` is refused; an archive's records are bounded one by one. An article in the
    plain-text layout takes ``identity`` as its ``guid`` (its file's, :func:`nashra.model.file_identity`)."""
    try:
        if suffix == ".txt":
            if data.startswith(ZIP_MAGIC):
                # zipfile reads a zip from a file it can seek in, named .zip so a folder's zips are known.
                raise ArticleError(f"{origin}: holds a zip archive, which is read from a file named .zip")
            # A page or a feed saved (or renamed) as .txt is read as what it holds, not as plain text
            # whose title line is its markup.
            suffix = _markup_kind(_sniffable(data)) or suffix
        if suffix not in RECORD_SUFFIXES and suffix != ".txt" and len(data) > max_bytes:
            raise ArticleError(too_large(origin, len(data), max_bytes))
        if suffix in FEED_SUFFIXES:
            # Imported here, as the page reader below: feedparser and trafilatura load only for a file
            # that needs them (`nashra sections` of a text file starts without them).
            from nashra.articles.feeds import parse_feed

            if not data.strip():
                raise ArticleError(f"{origin}: file is empty")
            entries = parse_feed(data, origin, limits=limits)
            if not entries:
                # As a folder or a JSON list of none: a file read as nothing is said, not counted as 0.
                raise ArticleError(f"{origin}: the feed holds no entries")
            return entries
        if suffix in PAGE_SUFFIXES:
            from nashra.articles.htmlpage import parse_html_page

            return [parse_html_page(data, origin, limits=limits)]
        text = decode_text(data, origin)
        if suffix == ".txt" and holds_json(text):
            suffix = ".json"
        # Each record is measured only when one could be too large: most archives are smaller.
        record_bytes = max_bytes if len(data) > max_bytes else None
        if suffix == ".json":
            return parse_json(text, origin, limits, record_bytes=record_bytes)
        if suffix in JSONL_SUFFIXES:
            return parse_jsonl(text, origin, limits, record_bytes=record_bytes)
        if len(data) > max_bytes:
            raise ArticleError(too_large(origin, len(data), max_bytes))
        article = parse_text(text, origin, limits)
        article.guid = identity
        return [article]
    except ArticleError as exc:
        return [exc]


def _archive_bound(max_bytes: int, limits: Limits) -> tuple[int, str]:
    """The most bytes an archive may have, and the ``[ingest]`` option that sets it: an archive may
    always be as large as one article."""
    if limits.archive_bytes >= max_bytes:
        return limits.archive_bytes, "max_archive_bytes"
    return max_bytes, "max_bytes"


def _opens_like_json(path: Path) -> bool:
    """Whether the file at ``path`` opens as a JSON document or JSON Lines does (a brace or a bracket
    after a BOM and whitespace, in UTF-8, UTF-16 or UTF-32): a ``.txt`` that may be an archive, bounded
    as one, as standard input is."""
    try:
        with path.open("rb") as handle:
            head = _sniffable(handle.read(4096))
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith((b"{", b"["))


# A document's root element: the name then a space, ">" or "/" («<rss version="2.0">», «<html lang="ar">»),
# not a word that starts like one.
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>/]")
_PAGE_ROOT = re.compile(rb"<(?:!doctype\s+html|html)[\s>/]")
# What a feed or a page holds besides its root, anywhere in the file: an article whose first line
# starts with «<html>» or «<rss>» (a story about a web technology) has none of it.
_FEED_BODY = re.compile(rb"<(?:channel|item|entry)[\s>/]|</(?:rss|feed|rdf:rdf)>")
_PAGE_BODY = re.compile(rb"<(?:head|body)[\s>/]|</html>")


def _sniffable(data: bytes) -> bytes:
    """``data`` in an ASCII-based encoding, as :func:`_markup_kind` reads it: UTF-16 or UTF-32 text
    (a page Notepad saved as "Unicode") as UTF-8, anything else as it is."""
    codec = wide_encoding(data)
    return data if codec is None else data.decode(codec, errors="replace").encode("utf-8")


def _markup_kind(data: bytes) -> str | None:
    """``.xml`` for a document that is an RSS/Atom feed, ``.html`` for one that is an HTML page, None
    for anything else (text, JSON).

    A document opens with its root element, in the first kilobyte after a BOM and leading whitespace,
    or after an XML declaration or a comment (``<!-- saved from url=… -->``) there; and it holds what
    such a document has (a channel, an item or an entry; a head or a body). Text that merely opens
    with «<html>» or «<rss>», as a story about the web may, is an article. Read in an ASCII-based
    encoding (UTF-8, cp1256)."""
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    after_prelude = head.startswith((b"<?xml", b"<!--"))

    def opens_with(root: re.Pattern[bytes]) -> bool:
        return bool(root.search(head) if after_prelude else root.match(head))

    if opens_with(_FEED_ROOT):
        return ".xml" if _FEED_BODY.search(data.lower()) else None
    if opens_with(_PAGE_ROOT):
        return ".html" if _PAGE_BODY.search(data.lower()) else None
    return None


def walk(
    paths: Iterable[Path], skipped: list[Path] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Path | ZipMember | ArticleError]:
    """Article files under ``paths``: files as given, folders walked recursively in name order, zips
    (given or met in a folder) read as folders are, each bounded as a whole by ``limits``
    (:func:`nashra.articles.zipfiles.members`).

    A path that is no file or folder is an error saying what it is instead (missing, a broken link, a
    device such as /dev/null, a pipe, unreadable), given or met in a folder under an article's name
    (``today.txt`` linking to a deleted file), as is a folder inside that cannot be listed (no
    permission); files of other types inside folders are skipped, as
    folders hold images and notes beside articles, and added to ``skipped`` so the caller can say what
    was left out. Hidden files and folders (``.git``, ``.venv``, an editor's ``.#draft.txt``) are
    passed over without a word, as ``ls`` and ``git`` pass them over: their files are no articles, and
    a virtual environment alone holds thousands (a hidden path named on the command line is read).
    The ``NAME_files`` folder a browser saves beside ``NAME.html`` holds the page's assets (frames,
    ads), not articles, and is passed over.
    """
    for path in paths:
        problem = _not_readable(path)
        if problem is not None:
            yield ArticleError(f"{path}: {problem}")
        elif path.is_dir():
            for found in _entries(path):
                if isinstance(found, ArticleError):
                    yield found
                    continue
                if found.is_dir() or _is_hidden(found, path) or _in_page_assets(found, path):
                    continue
                is_zip = found.suffix.lower() == ZIP_SUFFIX
                if found.suffix.lower() not in ARTICLE_SUFFIXES and not is_zip:
                    if skipped is not None and found.is_file():
                        skipped.append(found)
                    continue
                problem = _not_readable(found)
                if problem is not None:
                    yield ArticleError(f"{found}: {problem}")
                elif is_zip:
                    yield from members(found, ARTICLE_SUFFIXES, skipped, limits)
                else:
                    yield found
        elif path.suffix.lower() == ZIP_SUFFIX:
            yield from members(path, ARTICLE_SUFFIXES, skipped, limits)
        else:
            yield path


def _entries(root: Path) -> list[Path | ArticleError]:
    """The files below ``root`` in name order (links to folders are not followed, hidden folders not
    entered), with an error in the place of a folder that cannot be listed (no permission): the
    articles in it are not passed over without a word."""
    entries: list[tuple[Path, Path | ArticleError]] = []

    def unlisted(exc: OSError) -> None:
        folder = Path(exc.filename)
        entries.append((folder, ArticleError(f"{folder}: cannot be read: {exc.strerror or exc}")))

    for folder, folders, files in os.walk(root, onerror=unlisted):
        folders[:] = [name for name in folders if not name.startswith(".")]
        here = Path(folder)
        entries.extend((here / name, here / name) for name in (*folders, *files))
    return [entry for _, entry in sorted(entries, key=lambda pair: pair[0])]


def _not_readable(path: Path) -> str | None:
    """Why ``path`` is neither a file nor a folder to read, in words, or None when it is one."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return (
            "a link to nothing (the file it points to is gone)"
            if path.is_symlink()
            else "no such file or folder"
        )
    except NotADirectoryError:
        return "no such file or folder (a part of the path is a file)"
    except PermissionError:
        return "permission denied (a folder on the way cannot be entered)"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that leads back to itself"
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    elif stat.S_ISFIFO(mode):
        what = "a named pipe"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    else:
        what = "no regular file"
    return f"{what}, not a file or folder of articles"


def _is_hidden(path: Path, root: Path) -> bool:
    """True when ``path``, or a folder on the way to it below ``root``, has a name starting with a dot."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _in_page_assets(path: Path, root: Path) -> bool:
    """True when ``path`` lies in a ``NAME_files`` folder saved beside a page ``NAME.html``/``NAME.htm``."""
    for folder in path.relative_to(root).parents:
        if folder.name.endswith("_files"):
            stem = folder.name[: -len("_files")]
            beside = (root / folder).parent
            if any((beside / f"{stem}{suffix}").is_file() for suffix in PAGE_SUFFIXES):
                return True
    return False
