"""The one error type of the article readers, so callers report bad input without a traceback."""

from __future__ import annotations


class ArticleError(Exception):
    """An input cannot be read as an article; the message names the input and says why."""
