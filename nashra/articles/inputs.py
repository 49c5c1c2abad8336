"""What an input of a command that reads articles is, and how one is read: the one place that says it,
for ``nashra ingest``, ``nashra sections`` and ``nashra summarize`` alike.

:func:`plan` turns what a person typed (paths, ``-``, feed URLs) into inputs: a file, a member of a zip,
standard input, a feed URL, or the one-line error of a target that is none of these (missing, a device,
a zip past its bounds). :func:`read_input` reads one that is no URL with the reader of its kind
(:mod:`nashra.articles.files`); feeds are fetched by :mod:`nashra.articles.ingest` only. The module
imports no HTTP client or database, so the commands that print what a file holds start without them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from nashra.articles.errors import ArticleError, Term
from nashra.articles.files import (
    STDIN,
    Parsed,
    read_article_file,
    read_article_stream,
    read_zip_member,
    standard_input,
    walk,
)
from nashra.articles.limits import DEFAULT_LIMITS, Limits
from nashra.articles.links import link_problem_code
from nashra.articles.zipfiles import ZipMember

_URL = re.compile(r"^https?://", re.IGNORECASE)
_OTHER_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StreamInput:
    """Articles read from a stream: standard input, given as ``-`` (``curl … | nashra ingest -``),
    its kind told by its content (:func:`nashra.articles.files.read_article_stream`)."""

    stream: BinaryIO
    name: str = STDIN

    def __str__(self) -> str:
        return self.name


# A file, a member of a zip, a feed URL, standard input, or a target that could not be resolved.
Input = Path | ZipMember | str | StreamInput | ArticleError


def is_url(target: str) -> bool:
    return bool(_URL.match(target))


def plan(
    targets: Iterable[str],
    skipped: list[Path] | None = None,
    stdin: BinaryIO | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Input]:
    """The inputs of a run, the one place that says what a target is, for every command that reads
    articles (``nashra ingest``, ``sections``, ``summarize``): URLs as given, folders and zips expanded
    to their article files in name order (a zip bounded as a whole by ``limits``), ``-`` standard input
    (``stdin``, else the process's own; a second ``-`` is an error, as the stream is read once). A file
    named ``-`` is given as ``./-``. Each is read by :func:`read_input` (a URL by the feed fetch).

    Files of other types found in folders are left out and added to ``skipped``.
    """
    inputs: list[Input] = []
    read_stdin = False
    for target in targets:
        if target == "-":
            if read_stdin:
                inputs.append(ArticleError.because(STDIN, "stdin_twice"))
            else:
                inputs.append(StreamInput(stdin if stdin is not None else standard_input()))
            read_stdin = True
        elif is_url(target):
            problem = link_problem_code(target)
            inputs.append(
                ArticleError.because(target, "bad_address", problem=Term(f"link_{problem}"))
                if problem
                else target
            )
        elif _OTHER_URL.match(target):
            # Named as given: as a path, "ftp://host/feed" would be reported as a missing "ftp:/host/feed".
            inputs.append(ArticleError.because(target, "unsupported_url"))
        else:
            inputs.extend(walk([Path(target)], skipped, limits))
    return inputs


def read_input(source: Path | ZipMember | StreamInput, max_bytes: int, limits: Limits) -> list[Parsed]:
    """The articles (and refused records) of one planned input that is no URL, read with the reader
    of its kind and within ``max_bytes`` and ``limits`` (:mod:`nashra.articles.files`), not yet admitted."""
    if isinstance(source, StreamInput):
        return read_article_stream(source.stream, max_bytes, limits, source.name)
    if isinstance(source, ZipMember):
        return read_zip_member(source, max_bytes, limits)
    return read_article_file(source, max_bytes, limits)
