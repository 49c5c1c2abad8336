"""The one error type of the article readers, so callers report bad input without a traceback.

A reason is a language-neutral code with its values (:meth:`ArticleError.because`): the catalogue
(:mod:`nashra.texts`, keys ``reject_<code>``) words it per language, so the command line reads the English
line it always read and a chat reads the reason in its own language (:func:`reason_text`). A reader that
has no code yet raises ``ArticleError(message)``; its reason is then shown as that message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from nashra.storage.damage import Damage
from nashra.texts import text

log = logging.getLogger(__name__)

# Of an unexpected error's message, this much goes into the one line that names the input.
_REASON_CHARS = 200


@dataclass(frozen=True, slots=True)
class Term:
    """A value of a reason that is itself worded per language: the catalogue key ``key``."""

    key: str


ReasonValue = str | int | float | Sequence[str] | Term


class EntryPlace(str):
    """Where an entry of a feed is, as the English line names it ("<feed> entry 3 (<link>)"), with its
    parts kept so a chat names it in its own language (:func:`describe`)."""

    origin: str
    number: int
    link: str | None

    @classmethod
    def of(cls, origin: str, number: int, link: str | None) -> EntryPlace:
        place = cls(_entry_words("en", origin, number, link, str))
        place.origin, place.number, place.link = origin, number, link
        return place


def _entry_words(
    language: str, origin: str, number: int, link: str | None, clean: Callable[[str], str]
) -> str:
    named = text(language, "reject_entry", origin=clean(origin), number=number)
    return f"{named} ({clean(link)})" if link else named


class ArticleError(Exception):
    """An input cannot be read as an article; the message names the input and says why.

    ``where`` names the input (a path, a URL, "feed.xml entry 3"), ``code`` says why (a ``reject_<code>``
    key of the catalogue, or None for a reason given as a plain message) and ``values`` fill it in."""

    def __init__(
        self,
        message: str,
        *,
        where: str | None = None,
        code: str | None = None,
        values: Mapping[str, ReasonValue] | None = None,
    ) -> None:
        super().__init__(message)
        self.where = where
        self.code = code
        self.values: dict[str, ReasonValue] = dict(values or {})

    @classmethod
    def because(cls, where: str, code: str, **values: ReasonValue) -> ArticleError:
        """The rejection of ``where`` for the reason ``code``; its message is the English wording."""
        return cls(f"{where}: {reason_text('en', code, values)}", where=where, code=code, values=values)


def reason_text(language: str, code: str, values: Mapping[str, ReasonValue]) -> str:
    """The reason ``code`` in ``language``; a list value (the character sets tried) is joined with the
    language's "or". Values are put in as given: a caller writing HTML escapes them first."""
    return _reason(language, code, values, str)


def _reason(language: str, code: str, values: Mapping[str, ReasonValue], clean: Callable[[str], str]) -> str:
    joiner = text(language, "reject_or")
    filled: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, Term):
            filled[name] = text(language, value.key)
        elif isinstance(value, str):
            filled[name] = clean(value)
        elif isinstance(value, list | tuple):
            filled[name] = joiner.join(clean(item) for item in value)
        else:
            filled[name] = value
    return text(language, f"reject_{code}", **filled)


def describe(language: str, error: ArticleError, clean: Callable[[str], str]) -> str:
    """The one line that names ``error``'s input and says why it was rejected, in ``language``.

    ``clean`` is applied to every piece taken from outside (the input's name, a server's answer), not
    to the catalogue's words: a chat passes masking and HTML escaping. A reason with no code yet is its
    message, cleaned."""
    if error.code is None or error.where is None:
        return clean(str(error))
    where = error.where
    if isinstance(where, EntryPlace):
        place = _entry_words(language, where.origin, where.number, where.link, clean)
    else:
        place = clean(where)
    return f"{place}: {_reason(language, error.code, error.values, clean)}"


def address_term(kind: str) -> str:
    """The catalogue key that words an address kind of :class:`nashra.netguard.UnsafeAddress`
    ("carrier-grade NAT" -> ``address_carrier_grade_nat``)."""
    return "address_" + kind.lower().replace("-", "_").replace(" ", "_")


def garbled(where: str, sample: str) -> ArticleError:
    """The rejection of text that decoded into mojibake: where it is, and the start of it as shown."""
    return ArticleError.because(where, "garbled", sample=repr(sample[:40]))


def kept_stored(where: str, damage: Damage) -> ArticleError:
    """The rejection of a damaged copy of a stored story (:func:`nashra.storage.damage.damage`): the
    stored version is kept, and the line says why (its length and the copy's, or the U+FFFD count)."""
    if damage.kind == "garbled":
        return ArticleError.because(where, "kept_garbled", count=damage.new)
    return ArticleError.because(where, "kept_cut", stored=f"{damage.stored:,}", new=f"{damage.new:,}")


def unexpected(where: str, exc: BaseException) -> ArticleError:
    """The rejection of an input that failed in a way no reader foresaw (a fault of Nashra or of a
    library on input it did not expect): one line naming the input and the error, so the run goes on
    with the next input. The traceback is logged at debug level (``--verbose``), masked like every
    log line."""
    log.debug("%s: unexpected error", where, exc_info=exc)
    first_line = (str(exc).strip().splitlines() or [""])[0][:_REASON_CHARS]
    reason = f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__
    return ArticleError.because(where, "unexpected", reason=reason)
