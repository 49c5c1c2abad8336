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
  it is stored. Nothing is written to disk: members are inflated in memory, one at a time.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from nashra.articles.errors import ArticleError
from nashra.articles.textformat import read_at_most, too_large

ZIP_SUFFIX = ".zip"
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
    shared by the members :func:`members` lists, keeps the zip open between them)."""

    archive: Path
    name: str
    reading: _Reading | None = field(default=None, compare=False, repr=False)

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()

    def __str__(self) -> str:
        return member_origin(self.archive, self.name)


def member_origin(archive: Path, name: str) -> str:
    """How a member is named in every line: ``day.zip#folder/member.json``."""
    return f"{archive}#{name}"


def members(
    archive: Path, suffixes: tuple[str, ...], skipped: list[Path] | None = None
) -> list[ZipMember | ArticleError]:
    """The members of ``archive`` whose suffix is one of ``suffixes``, in name order, as a folder walk
    gives files: folders inside are followed, hidden members (a name starting with a dot anywhere on
    its path, as macOS's ``__MACOSX/._NAME`` are) passed over, and members of other kinds added to
    ``skipped`` (named ``day.zip#notes.pdf``). A nested zip is an error in its place (see the module's
    description); an archive that cannot be opened is one error naming it."""
    try:
        with zipfile.ZipFile(archive) as opened:
            infos = opened.infolist()
    except _DAMAGED as exc:
        return [ArticleError(f"{archive}: not a readable zip archive ({_reason(exc)})")]
    found: list[ZipMember | ArticleError] = []
    reading = _Reading(archive, 0)
    for info in sorted(infos, key=lambda info: info.filename):
        path = PurePosixPath(info.filename)
        if info.is_dir() or any(part.startswith(".") for part in path.parts):
            continue
        member = ZipMember(archive, info.filename, reading)
        if member.suffix == ZIP_SUFFIX:
            found.append(ArticleError(f"{member}: a zip inside a zip is not read; unzip it first"))
        elif member.suffix in suffixes:
            found.append(member)
            reading.left += 1
        elif skipped is not None:
            skipped.append(Path(str(member)))
    return found


def read_member(member: ZipMember, bound: int, option: str) -> bytes:
    """The inflated bytes of ``member``, at most ``bound`` (the ``[ingest]`` option ``option``).

    Raises :class:`ArticleError` naming the member when it is encrypted, declares more than ``bound``,
    inflates to more than it declares (a lie a bomb tells; its CRC fails) or is otherwise damaged."""
    reading = member.reading or _Reading(member.archive, 1)
    try:
        opened = reading.open()
        info = opened.getinfo(member.name)
        if info.flag_bits & _ENCRYPTED:
            raise ArticleError(f"{member}: member is encrypted; Nashra reads unencrypted zips only")
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
    except _DAMAGED as exc:
        raise ArticleError(f"{member}: damaged zip member ({_reason(exc)})") from None
    finally:
        reading.done()


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
