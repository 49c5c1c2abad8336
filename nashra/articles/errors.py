"""The one error type of the article readers, so callers report bad input without a traceback."""

from __future__ import annotations


class ArticleError(Exception):
    """An input cannot be read as an article; the message names the input and says why."""


def garbled(where: str, sample: str) -> ArticleError:
    """The rejection of text that decoded into mojibake: where it is, and the start of it as shown."""
    return ArticleError(f"{where}: text is garbled (decoded with the wrong character set?): {sample[:40]!r}")
