"""The article input of ``nashra sections PATH`` and ``nashra summarize PATH``: whatever ``nashra ingest``
reads from a path (a file of any kind it reads, a folder, a zip, ``-`` for standard input), planned by
:func:`nashra.articles.inputs.plan` and read by :func:`nashra.articles.inputs.read_input`, so a kind of
input, a bound and the words of a refusal are the same for every command."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nashra.config import Config
from nashra.logs import one_line

if TYPE_CHECKING:
    from nashra.articles.files import Parsed

# What a path given to a command that reads articles may be, as every such command's --help says it.
INPUT_KINDS = (
    ".txt, .json, .jsonl/.ndjson/.jl, saved .html/.htm pages, .xml/.rss/.atom feeds, .zip archives of "
    "these, folders of them (recursively), or - for standard input (its kind told by its content)"
)


def empty_target(command: str, targets: list[str]) -> bool:
    """True, after one line on stderr, when one of ``targets`` is empty or blank: ``Path("")`` is the
    current folder, so ``nashra ingest "$DIR"`` with DIR unset would read all of it."""
    if all(target.strip() for target in targets):
        return False
    print(f"nashra {command}: an empty path was given (an unset shell variable?)", file=sys.stderr)
    return True


@dataclass(slots=True)
class TargetRead:
    """What a command reads of a target: the name it goes by (the path, or ``<stdin>``), its articles
    and refused inputs and records in input order (``items``), and ``total``, how many articles, when
    the target is one input (a file or standard input), read whole; None for a folder or a zip, whose
    inputs are read one at a time as ``items`` is consumed, so a listing of one holds the memory of one
    input, not of all of them, and starts printing at once."""

    name: str
    items: Iterable[Parsed]
    total: int | None


def read_target(command: str, target: str, config: Config) -> TargetRead | None:
    """What ``command`` reads of ``target`` (:class:`TargetRead`); None, after one line on stderr naming
    it, when ``target`` is a feed URL, which only ``nashra ingest`` fetches, or empty
    (:func:`empty_target`). A folder or zip of files of other kinds, or of none, is one refusal naming
    it (:func:`nashra.articles.inputs.plan`); the files of other kinds beside articles are named in one
    line on stderr once the last item is read, as ``nashra ingest`` names them.

    Each file, and a zip as a whole, is read within the ``[ingest]`` bounds. A folder or zip was read
    whole before its first article was printed: 186 MB for two SaudiNewsNet days (20 MB of JSON), and
    about 7 times what a 1 GB zip (``max_zip_bytes``) unzips to. The readers are imported here: they
    load the format parsers, which other commands (and --help) do not need."""
    from nashra.articles.admission import admit_all
    from nashra.articles.errors import ArticleError, unexpected
    from nashra.articles.files import STDIN
    from nashra.articles.inputs import Input, is_url, plan, read_input
    from nashra.articles.limits import Limits
    from nashra.articles.outlets import Outlets

    if empty_target(command, [target]):
        return None
    if is_url(target):
        print(
            f"nashra {command}: {one_line(target)}: a feed URL is read by nashra ingest only; "
            "save the feed and give the file",
            file=sys.stderr,
        )
        return None
    limits = Limits.of(config.ingest)
    # Each article admitted and its home country settled as ingest does: the commands show what ingest
    # would store (controls stripped, dates read, fields clipped), and refuse what it would refuse.
    outlets = Outlets.of(config.ingest)
    name = STDIN if target == "-" else str(Path(target))
    skipped: list[Path] = []
    planned = plan([target], skipped, None, limits)

    def read(item: Input) -> list[Parsed]:
        assert not isinstance(item, str), "plan() gives a URL only for a URL target, refused above"
        if isinstance(item, ArticleError):
            return [item]
        try:
            found = read_input(item, config.ingest.max_bytes, limits)
        except Exception as exc:  # a fault no check foresaw costs this input only, as in ingest
            return [unexpected(str(item), exc)]
        return admit_all(found, datetime.now(UTC), limits, outlets)

    def items() -> Iterator[Parsed]:
        for item in planned:
            yield from read(item)
        if skipped:
            print(f"nashra {command}: {skipped_summary(skipped)}", file=sys.stderr)

    if len(planned) > 1:
        return TargetRead(name, items(), None)
    parsed = list(items())
    if not parsed:
        # A file of records that holds none (a feed with no item): a folder or zip holding no article
        # file is refused by plan().
        parsed = [ArticleError(f"{name}: holds no articles")]
    return TargetRead(name, parsed, sum(not isinstance(item, ArticleError) for item in parsed))


def skipped_summary(skipped: list[Path], shown: int = 5) -> str:
    """ "skipped 3 files that are not articles (.html 2, .pdf 1): a.html, b.html, c.pdf" """
    kinds = Counter(path.suffix.lower() or "(no suffix)" for path in skipped)
    by_kind = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())
    names = ", ".join(one_line(str(path)) for path in skipped[:shown])
    more = f" and {len(skipped) - shown} more" if len(skipped) > shown else ""
    noun = "file that is not an article" if len(skipped) == 1 else "files that are not articles"
    return f"skipped {len(skipped)} {noun} ({by_kind}): {names}{more}"
