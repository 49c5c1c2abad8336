"""Zip archives of articles: a ``.zip`` is read as a folder of article files.

News archives come zipped (a SaudiNewsNet day is ``2015-07-27.zip`` holding ``2015-07-27.json``), and
unzipping them first was a step every new user had to find. :func:`members` lists a zip's article
members as a folder walk lists its files (name order, folders inside followed, hidden names passed
over, members of other kinds skipped and listed); :func:`read_member` inflates one within the limit of
its kind, and :func:`nashra.articles.files.read_zip_member` parses it with the reader of a file of that
kind. A member is named ``day.zip#member.json`` in every line
(:func:`member_origin`), and its records as a file's are (``day.zip#member.json[3]``).

A zip is untrusted input that decides how much it expands to, so:

- each member's declared size is checked against the limit of its kind before a byte is inflated
  (``[ingest] max_bytes`` for a text, page or feed, ``max_archive_bytes`` for JSON, JSON Lines and
  ``.txt`` that may hold either), and at most that many bytes are inflated even when the declared size
  lies; a member past its limit is refused alone and the others go on. Members that share their
  compressed bytes (the "overlapping" zip bomb) are refused by :mod:`zipfile` itself;
- an encrypted member is refused: Nashra has no password to give it;
- a zip inside a zip is refused, not read: a news archive has no need of one, and each level multiplies
  what a small file expands to (the classic ``42.zip``), so allowing even one level would let a
  kilobyte-sized input cost members × members × the limit;
- a zip that cannot be opened (corrupt, truncated, not a zip) is one line naming it, and nothing of
  it is stored. Nothing is written to disk: members are inflated in memory, one at a time, so a
  member named ``../../etc/x.txt`` or ``/etc/x.txt`` is read as any other and only named so.

A zip is also bounded as a whole, by :func:`bounds_problem` before a byte of it is inflated: a bomb of
many members, each under its own limit, or a list of millions of members, is refused whole in one line
naming it, and nothing of it is read (other inputs of the run go on). From the sizes and the count the
zip declares, which are what zipfile itself goes by, and which a member cannot exceed (it is read no
further than it declares):

- **members listed** (``[ingest] max_zip_members``, 100,000): zipfile lists every member when it opens
  a zip, about 600 bytes of memory each (583 B at 10,000 empty members and 596 B at 100,000, measured
  with tracemalloc), 60 MB at the bound. SaudiNewsNet's whole crawl, 31,030 articles, is a third of it
  as one file per article. The count is read from the zip's end record before the list is (zipfile's
  own reader of it), with the size of the list, so a zip that lists more than its end record says is
  refused too;
- **bytes unzipped** (``[ingest] max_zip_bytes``, 1 GB): what the article members inflate to all
  together. The 18 SaudiNewsNet days of ``../shared/real/saudinewsnet`` are 108 MB of JSON unzipped
  (29 MB zipped); at about 0.5 MB of JSON a second (a 4.8 MB day ingests in 9.9 s, docs/benchmarks.md),
  1 GB, nine times them, is a run of about half an hour, where a bomb of 1,000 members of 50 MB each
  would be 50 GB and more than a day;
- **ratio** (:data:`MAX_RATIO`, 100): unzipped bytes over the zip's size, once they pass
  :data:`RATIO_FROM` bytes. News compresses about 4 times (SaudiNewsNet days 3.6 to 3.8, the 58 plain
  text articles of ``../shared/real/articles`` 2.6, the pages and feeds of ``tests/data`` 2.0 to 3.0);
  deflate's own ceiling, which bombs reach, is about 1,032. 100 is 26 times the most news took, and a
  tenth of a bomb's. Below :data:`RATIO_FROM` (10 MB, one article's default ``max_bytes``), inflating
  costs a fraction of a second however well it compressed, and a few repeated lines compress past 100.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from nashra.articles.errors import ArticleError
from nashra.articles.limits import DEFAULT_LIMITS, Limits
from nashra.articles.textformat import read_at_most, too_large
from nashra.config import byte_size

ZIP_SUFFIX = ".zip"
# What a zip's first bytes are (a local file header, or the end record of an empty zip): how standard
# input holding a zip is told apart (PKWARE APPNOTE 4.3.7, 4.3.16).
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# The bounds of a zip as a whole that are no option (see the module's description for the figures).
MAX_RATIO = 100
RATIO_FROM = 10_000_000
# Bytes of the list of members allowed per member of [ingest] max_zip_members: a list entry is 46 bytes
# and the member's name, extra fields and comment (APPNOTE 4.3.12); 512 holds a 400-character path.
_LISTED_BYTES = 512
# Flag bit 0 of a member's header: its data is encrypted (PKWARE APPNOTE 4.4.4).
_ENCRYPTED = 0x1
# What zipfile raises for a damaged archive or member: a bad header or CRC (BadZipFile), a bad deflate
# stream (zlib.error), data that ends early (EOFError), a compression it lacks (NotImplementedError).
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError)


class _Reading:
    """A zip whose members are being read: opened at its first member's read and kept open until its
    last, so its central directory is parsed once, not once per member (16 ms a time for 5,000
    members, more than reading and storing a small article). Closed after the last member, so a
    folder of many zips holds one open at a time."""

    def __init__(self, path: Path, count: int) -> None:
        self.path = path
        self.left = count
        self.opened: zipfile.ZipFile | None = None

    def open(self) -> zipfile.ZipFile:
        if self.opened is None:
            self.opened = zipfile.ZipFile(self.path)
        return self.opened

    def done(self) -> None:
        self.left -= 1
        if self.left <= 0 and self.opened is not None:
            self.opened.close()
            self.opened = None


@dataclass(frozen=True, slots=True)
class ZipMember:
    """One article file inside a zip: the zip's path and the member's name within it (``reading``,
    shared by the members :func:`members` lists, keeps the zip open between them; ``info``, its entry
    in the list, tells apart two members of one name, each read as itself)."""

    archive: Path
    name: str
    reading: _Reading | None = field(default=None, compare=False, repr=False)
    info: zipfile.ZipInfo | None = field(default=None, compare=False, repr=False)

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()

    def __str__(self) -> str:
        return member_origin(self.archive, self.name)


def member_origin(archive: Path, name: str) -> str:
    """How a member is named in every line: ``day.zip#folder/member.json``."""
    return f"{archive}#{name}"


def members(
    archive: Path,
    suffixes: tuple[str, ...],
    skipped: list[Path] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[ZipMember | ArticleError]:
    """The members of ``archive`` whose suffix is one of ``suffixes``, in name order, as a folder walk
    gives files: folders inside are followed, hidden members (a name starting with a dot anywhere on
    its path, as macOS's ``__MACOSX/._NAME`` are) passed over, and members of other kinds added to
    ``skipped`` (named ``day.zip#notes.pdf``). A nested zip is an error in its place (see the module's
    description); an archive that cannot be opened, or is past a bound of ``limits`` as a whole
    (:func:`bounds_problem`), is one error naming it, and nothing of it is listed."""
    try:
        with archive.open("rb") as handle:
            problem = listing_problem(archive, handle, limits)
            if problem is not None:
                return [ArticleError(problem)]
            with zipfile.ZipFile(handle) as opened:
                infos = opened.infolist()
            size = os.fstat(handle.fileno()).st_size
    except _DAMAGED as exc:
        return [ArticleError(f"{archive}: not a readable zip archive ({_reason(exc)})")]
    found: list[ZipMember | ArticleError] = []
    others: list[Path] = []
    reading = _Reading(archive, 0)
    for info in sorted(infos, key=lambda info: info.filename):
        path = PurePosixPath(info.filename)
        if info.is_dir() or any(part.startswith(".") and part != ".." for part in path.parts):
            continue
        member = ZipMember(archive, info.filename, reading, info)
        if member.suffix == ZIP_SUFFIX:
            found.append(ArticleError(f"{member}: a zip inside a zip is not read; unzip it first"))
        elif member.suffix in suffixes:
            found.append(member)
            reading.left += 1
        else:
            others.append(Path(str(member)))
    unzipped = sum(member.info.file_size for member in found if isinstance(member, ZipMember) and member.info)
    problem = bounds_problem(archive, len(infos), unzipped, size, limits)
    if problem is not None:
        return [ArticleError(problem)]
    if skipped is not None:
        skipped.extend(others)
    return found


def listing_problem(archive: Path, handle: BinaryIO, limits: Limits) -> str | None:
    """The line saying why ``archive``, open in ``handle``, lists too many members to be opened, from
    its end record, before zipfile reads the list: its count of members, or a list larger than that
    many take (:data:`_LISTED_BYTES` each: zipfile reads the whole list, whatever count the end record
    gives), past ``limits.zip_members``. None when it may be opened, or has no end record (zipfile then
    says why it is no zip)."""
    end = zipfile._EndRecData(handle)  # zipfile's own reader of the end record; it has no public one
    if end is None:
        return None
    count, listed = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]
    if count > limits.zip_members:
        return _too_many(archive, count, limits)
    if listed > limits.zip_members * _LISTED_BYTES:
        return (
            f"{archive}: zip archive's list of members is too large ({byte_size(listed)}, more than the "
            f"{byte_size(limits.zip_members * _LISTED_BYTES)} that [ingest] max_zip_members = "
            f"{limits.zip_members:,} allows); unzip it and give the folder"
        )
    return None


def bounds_problem(archive: Path, listed: int, unzipped: int, size: int, limits: Limits) -> str | None:
    """The line saying why ``archive``, a zip of ``size`` bytes listing ``listed`` members whose article
    members declare ``unzipped`` bytes in all, is refused whole; None when it is within every bound
    (see the module's description for each figure)."""
    if listed > limits.zip_members:
        return _too_many(archive, listed, limits)
    if unzipped > limits.zip_bytes:
        too_much = too_large(
            str(archive), unzipped, limits.zip_bytes, "max_zip_bytes", what="unzipped archive"
        )
        return f"{too_much}; unzip it and give the folder"
    if unzipped > RATIO_FROM and unzipped > MAX_RATIO * size:
        times = unzipped // max(size, 1)
        return (
            f"{archive}: refused as a zip bomb (it unzips to {byte_size(unzipped)}, {times:,} times its "
            f"{byte_size(size)}; news unzips to about 4 times, more than {MAX_RATIO} is refused)"
        )
    return None


def _too_many(archive: Path, count: int, limits: Limits) -> str:
    return (
        f"{archive}: zip archive lists too many members ({count:,}, more than [ingest] max_zip_members = "
        f"{limits.zip_members:,}); unzip it and give the folder"
    )


def read_member(member: ZipMember, bound: int, option: str) -> bytes:
    """The inflated bytes of ``member``, at most ``bound`` (the ``[ingest]`` option ``option``).

    Raises :class:`ArticleError` naming the member when it is encrypted, a symbolic link, declares more
    than ``bound``, inflates to more than it declares (a lie a bomb tells; its CRC fails), is compressed
    with a method zipfile lacks (Deflate64, which Windows' own zipping writes past 2 GB) or is otherwise
    damaged."""
    reading = member.reading or _Reading(member.archive, 1)
    try:
        opened = reading.open()
        info = member.info or opened.getinfo(member.name)
        if info.flag_bits & _ENCRYPTED:
            raise ArticleError(f"{member}: member is encrypted; Nashra reads unencrypted zips only")
        if stat.S_ISLNK(info.external_attr >> 16):
            # A link's data is the path it points to: read, it would be that path as an article's text.
            raise ArticleError(f"{member}: a link inside the zip, not a file; it is not followed")
        if info.file_size > bound:
            raise ArticleError(too_large(str(member), info.file_size, bound, option, what="member"))
        # Read no further than the member declares: zipfile stops there too, and a member that
        # inflates past it fails its CRC check (a damaged member, below).
        with opened.open(info) as handle:
            return read_at_most(handle, info.file_size)
    except ArticleError:
        raise
    except KeyError:
        raise ArticleError(f"{member}: no longer in the zip archive") from None
    except NotImplementedError as exc:
        raise ArticleError(
            f"{member}: compressed with a method Python's zipfile cannot unzip ({_reason(exc)}); "
            "unzip it with another tool and give the folder"
        ) from None
    except _DAMAGED as exc:
        raise ArticleError(f"{member}: damaged zip member ({_reason(exc)})") from None
    finally:
        reading.done()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
