"""The one error type of the article readers, so callers report bad input without a traceback."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

# Of an unexpected error's message, this much goes into the one line that names the input.
_REASON_CHARS = 200


class ArticleError(Exception):
    """An input cannot be read as an article; the message names the input and says why."""


def garbled(where: str, sample: str) -> ArticleError:
    """The rejection of text that decoded into mojibake: where it is, and the start of it as shown."""
    return ArticleError(f"{where}: text is garbled (decoded with the wrong character set?): {sample[:40]!r}")


def unexpected(where: str, exc: BaseException) -> ArticleError:
    """The rejection of an input that failed in a way no reader foresaw (a fault of Nashra or of a
    library on input it did not expect): one line naming the input and the error, so the run goes on
    with the next input. The traceback is logged at debug level (``--verbose``), masked like every
    log line."""
    log.debug("%s: unexpected error", where, exc_info=exc)
    first_line = (str(exc).strip().splitlines() or [""])[0][:_REASON_CHARS]
    reason = f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__
    return ArticleError(f"{where}: unexpected error ({reason}); the traceback is logged with --verbose")
