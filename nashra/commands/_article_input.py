"""The article input of ``nashra sections FILE`` and ``nashra summarize FILE``: a file, or ``-`` for
standard input, read as ``nashra ingest`` reads it (format sniffed, ``[ingest]`` bounds applied)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nashra.config import Config
from nashra.logs import one_line

if TYPE_CHECKING:
    from nashra.articles.files import Parsed


def read_target(command: str, target: str, config: Config) -> tuple[list[Parsed], str] | None:
    """The articles (and refused records) of ``target`` and the name they go by (the path, or
    ``<stdin>``); None, after one line on stderr naming it, when ``target`` is no file.

    The readers are imported here: they load the format parsers, which other commands (and --help)
    do not need."""
    from nashra.articles.files import STDIN, read_article_file, read_article_stream, standard_input
    from nashra.articles.limits import Limits

    limits = Limits.of(config.ingest)
    if target == "-":
        return read_article_stream(standard_input(), config.ingest.max_bytes, limits), STDIN
    path = Path(target)
    if not path.is_file():
        problem = "no such file" if not path.exists() else "not a file"
        print(f"nashra {command}: {one_line(str(path))}: {problem}", file=sys.stderr)
        return None
    return read_article_file(path, config.ingest.max_bytes, limits), str(path)
