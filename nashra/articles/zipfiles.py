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
  compressed bytes (the "overlapping" zip bomb) each declare what they unzip to, counted in the bound
  of the zip as a whole below (recent Pythons' :mod:`zipfile` refuses them too, 3.11.7's does not);
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
  as one file per article. The members are counted in the list before zipfile reads it (the list's
  size bounded first, :data:`_LISTED_BYTES` a member), not taken from the count the end record
  gives, which zipfile does not go by either;
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
import struct
import zipfile
import zlib
from collections import Counter
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
# The records that say where a zip's list of members is, and each entry of the list (PKWARE APPNOTE
# 4.3.12 to 4.3.16; the layouts zipfile reads them with): the end record, 22 bytes and a comment of at
# most 65,535; the ZIP64 end record (56 bytes) and its locator (20), just before it in a zip of more
# than 65,535 members or 4 GB; an entry, 46 bytes, whose name, extra field and comment lengths lie at
# its byte 28.
_END = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
_MAX_COMMENT = 0xFFFF
_END64 = struct.Struct("<4sQ2H2L4Q")
_END64_SIGNATURE = b"PK\x06\x06"
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_ENTRY = struct.Struct("<4s4B4HL2L5H2L")
_ENTRY_SIGNATURE = b"PK\x01\x02"
_ENTRY_LENGTHS = struct.Struct("<3H")
_ENTRY_LENGTHS_AT = 28
# Flag bits of a member's header: its data is encrypted (bit 0), its name is UTF-8 (bit 11; without it,
# IBM code page 437) (PKWARE APPNOTE 4.4.4, appendix D).
_ENCRYPTED = 0x1
_UTF8_NAME = 0x800
# Methods zipfile inflates with no bound on the output of one read (it bounds deflate's alone): a read
# of the 100 bytes a member declares decompresses a whole 4 kB of its data at once, and 722 bytes of
# bzip2 are 1 GB of zeros (an 830-byte zip took 2 GB of memory). News zips are deflated (SaudiNewsNet's,
# and what zip, Windows and macOS write by default).
_UNBOUNDED = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA"}
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
    in the list, tells apart two members of one name, each read as itself; ``repeat`` counts the
    members of that name listed before it, in the zip's order)."""

    archive: Path
    name: str
    reading: _Reading | None = field(default=None, compare=False, repr=False)
    info: zipfile.ZipInfo | None = field(default=None, compare=False, repr=False)
    repeat: int = field(default=0, compare=False, repr=False)

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
    named: Counter[str] = Counter()
    for name, info in sorted(((member_name(info), info) for info in infos), key=lambda pair: pair[0]):
        path = PurePosixPath(name)
        if info.is_dir() or any(part.startswith(".") and part != ".." for part in path.parts):
            continue
        member = ZipMember(archive, name, reading, info, named[name])
        named[name] += 1
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


def member_name(info: zipfile.ZipInfo) -> str:
    """The name of the member ``info`` as it was written: a name not marked UTF-8 (flag bit 11) is
    read by zipfile as IBM code page 437, as the format says, but Info-ZIP's ``zip`` (the ``zip -r``
    of Linux), and others, write UTF-8 names unmarked, which zipfile turns into «╪«╪¿╪▒.txt» for
    «خبر.txt». Such a name is read as UTF-8 when its bytes are UTF-8, as ``unzip`` and 7-Zip read it;
    an ASCII name is the same either way."""
    if info.flag_bits & _UTF8_NAME:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info.filename


def listing_problem(archive: Path, handle: BinaryIO, limits: Limits) -> str | None:
    """The line saying why ``archive``, open in ``handle``, lists too many members to be opened, before
    zipfile reads the list: a list larger than ``limits.zip_members`` members take
    (:data:`_LISTED_BYTES` each), or more members in it than ``limits.zip_members``. The members are
    counted in the list itself, not taken from the end record's count, which zipfile does not go by
    either: a zip whose end record says 1 holds as many as its list does (a 51 MB list of a million
    members took 800 MB and 20 s to open). None when it may be opened, or has no end record (zipfile
    then says why it is no zip). Raises OSError when the file cannot be read."""
    listing = _end_record(handle)
    if listing is None:
        return None
    if listing.size > limits.zip_members * _LISTED_BYTES:
        return (
            f"{archive}: zip archive's list of members is too large ({byte_size(listing.size)}, more than "
            f"the {byte_size(limits.zip_members * _LISTED_BYTES)} that [ingest] max_zip_members = "
            f"{limits.zip_members:,} allows); unzip it and give the folder"
        )
    count = max(listing.count, _count_listed(handle, listing))
    if count > limits.zip_members:
        return _too_many(archive, count, limits)
    return None


@dataclass(frozen=True, slots=True)
class _Listing:
    """Where a zip's list of members lies, and the count its end record gives (APPNOTE 4.3.16)."""

    count: int
    size: int
    start: int


def _end_record(handle: BinaryIO) -> _Listing | None:
    """The list of members that the end record of the zip in ``handle`` declares, found as zipfile finds
    it (the last 22 bytes, else the last end signature within a comment's reach; the ZIP64 records
    just before it, when there are); None when there is none. Read here with :mod:`struct` from the
    published format, as zipfile's own reader of it is private (``_EndRecData``) and may change with
    any Python."""
    size = handle.seek(0, os.SEEK_END)
    tail_start = max(size - _END.size - _MAX_COMMENT, 0)
    handle.seek(tail_start)
    tail = handle.read()
    at = len(tail) - _END.size
    if at < 0 or not (tail.startswith(_END_SIGNATURE, at) and tail.endswith(b"\0\0")):
        at = tail.rfind(_END_SIGNATURE)
        if at < 0 or len(tail) - at < _END.size:
            return None
    record = _END.unpack_from(tail, at)
    count, listed, where = record[4], record[5], tail_start + at
    before = where - _END64_LOCATOR.size - _END64.size
    if before >= 0:
        handle.seek(before)
        zip64 = handle.read(_END64.size + _END64_LOCATOR.size)
        if zip64[_END64.size :].startswith(_END64_LOCATOR_SIGNATURE) and zip64.startswith(_END64_SIGNATURE):
            record64 = _END64.unpack_from(zip64)
            count, listed, where = record64[7], record64[8], before
    return _Listing(count, listed, where - listed)


def _count_listed(handle: BinaryIO, listing: _Listing) -> int:
    """The members ``listing`` holds, counted entry by entry as zipfile reads them (46 bytes each, then
    a name, an extra field and a comment, APPNOTE 4.3.12); the count stops where the list stops
    looking like one, which zipfile refuses as no zip."""
    if listing.start < 0:
        return 0
    handle.seek(listing.start)
    data = handle.read(listing.size)
    count = at = 0
    while at + _ENTRY.size <= len(data) and data.startswith(_ENTRY_SIGNATURE, at):
        name, extra, comment = _ENTRY_LENGTHS.unpack_from(data, at + _ENTRY_LENGTHS_AT)
        at += _ENTRY.size + name + extra + comment
        count += 1
    return count


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

    Raises :class:`ArticleError` naming the member when it is encrypted, a symbolic link, compressed
    with bzip2 or LZMA (:data:`_UNBOUNDED`), declares more than ``bound``, inflates to more than it
    declares (a lie a bomb tells; its CRC fails), is compressed with a method zipfile lacks (Deflate64,
    which Windows' own zipping writes past 2 GB) or is otherwise damaged."""
    reading = member.reading or _Reading(member.archive, 1)
    try:
        opened = reading.open()
        info = member.info or opened.getinfo(member.name)
        if info.flag_bits & _ENCRYPTED:
            raise ArticleError(f"{member}: member is encrypted; Nashra reads unencrypted zips only")
        if stat.S_ISLNK(info.external_attr >> 16):
            # A link's data is the path it points to: read, it would be that path as an article's text.
            raise ArticleError(f"{member}: a link inside the zip, not a file; it is not followed")
        if info.compress_type in _UNBOUNDED:
            raise ArticleError(
                f"{member}: compressed with {_UNBOUNDED[info.compress_type]}, which Python's zipfile unzips "
                "with no bound on what a read returns; unzip it with another tool and give the folder"
            )
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
