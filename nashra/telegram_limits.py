"""Telegram's limits on what the bot sends, and the arithmetic they need, in one place.

Every sender of text (digest composition, the outbox sender, bot replies) measures and cuts through
this module, so a limit is stated once:

- message text: 4096 UTF-16 code units, counted on the text users see, i.e. **after** HTML entity
  parsing (tags do not count, ``&amp;`` counts as one); a character outside the Basic Multilingual
  Plane (most emoji) takes two units. Source: python-telegram-bot's ``telegram.constants.MessageLimit``
  and the Bot API documentation of ``sendMessage``.
- callback answers: 200 characters (``CallbackQueryLimit``); a button's callback data: 64 bytes
  (``InlineKeyboardButtonLimit``).
- ``RetryAfter.retry_after``: an int of seconds, or a ``timedelta`` since python-telegram-bot 22.2.

Splitting keeps Telegram's HTML valid: a piece never ends inside a tag or an entity, and a tag open at
a cut is closed at the end of its piece and opened again (with its attributes) at the start of the
next one.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from telegram.error import RetryAfter

    MAX_TEXT_UNITS: int
    MAX_CAPTION_UNITS: int
    MAX_CALLBACK_ANSWER_CHARS: int
    MAX_CALLBACK_DATA_BYTES: int

ELLIPSIS = "…"
# The limits python-telegram-bot states, read from it on first use (see __getattr__).
_PTB_LIMITS = {
    "MAX_TEXT_UNITS": ("MessageLimit", "MAX_TEXT_LENGTH"),
    "MAX_CAPTION_UNITS": ("MessageLimit", "CAPTION_LENGTH"),
    "MAX_CALLBACK_ANSWER_CHARS": ("CallbackQueryLimit", "ANSWER_CALLBACK_QUERY_TEXT_LENGTH"),
    "MAX_CALLBACK_DATA_BYTES": ("InlineKeyboardButtonLimit", "MAX_CALLBACK_DATA"),
}

_TAG = re.compile(r"<[^>]*>")
# A tag, an entity, or one character: the units a cut may fall between.
_TOKEN = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);|.", re.DOTALL)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][\w-]*)")
# Where a long text is best cut, best first: between paragraphs, lines, list items, words.
_BREAKS = ("\n\n", "\n", "، ", ", ", " ")
# What a cut leaves dangling before its "…": space and clause punctuation.
_CUT_TRAILING = re.compile(r"[\s،,؛;:\-–—]+$")


def __getattr__(name: str) -> Any:
    """The limits of :data:`_PTB_LIMITS`, from ``telegram.constants``, imported on first use.

    Importing python-telegram-bot loads its whole package (httpx included); the text rules here serve
    ingestion too (stored titles are shortened with :func:`truncate`), which must not pay for it
    (tests/test_cli_startup.py).
    """
    if name not in _PTB_LIMITS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import telegram.constants

    group, field = _PTB_LIMITS[name]
    value = int(getattr(getattr(telegram.constants, group), field))
    globals()[name] = value
    return value


def utf16_units(text: str) -> int:
    """Length as Telegram counts it: characters outside the BMP (most emoji) take two units (its
    UTF-16 encoding, two bytes a unit; encoded in C, not counted character by character)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def visible_text(markup: str) -> str:
    """The text a client shows for Telegram-HTML ``markup``: tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", markup))


def visible_units(markup: str) -> int:
    """UTF-16 units Telegram counts for a message sent with ``parse_mode=HTML``."""
    return utf16_units(visible_text(markup))


def fits(markup: str, limit: int | None = None) -> bool:
    """Whether HTML ``markup`` is within ``limit`` units (default: a message's), cheap when the raw text
    already is."""
    if limit is None:
        limit = __getattr__("MAX_TEXT_UNITS")
    return utf16_units(markup) <= limit or visible_units(markup) <= limit


# Telegram's retry_after is a whole number of seconds, at least 1; a proxy or a faulty server that answers
# 429 with 0 (or less) would otherwise have the request repeated at once, without end.
MIN_RETRY_AFTER_S = 1.0


def retry_after_seconds(value: RetryAfter | int | float | timedelta) -> float:
    """Seconds Telegram asks to wait, from a ``RetryAfter`` or its ``retry_after`` (int or timedelta);
    never less than :data:`MIN_RETRY_AFTER_S`."""
    if not isinstance(value, int | float | timedelta):  # a RetryAfter
        with warnings.catch_warnings():  # PTB warns that the int form will become a timedelta
            warnings.simplefilter("ignore")
            value = value.retry_after
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    return max(MIN_RETRY_AFTER_S, seconds)


def truncate(text: str, limit: int, *, measure: Callable[[str], int] = utf16_units) -> str:
    """``text`` within ``limit`` (as ``measure`` counts: UTF-16 units by default, ``len`` for a cap in
    characters), ending in "…" when it was cut.

    The cut falls after the last whole word when one ends in the last third of the room, else inside
    the word, and clause punctuation or space left at the cut goes ("درعا، …" never shows); a
    surrogate pair is never split. The one rule for every shortened text: digest headlines, summaries
    and source names, stored titles, reply fields.
    """
    if measure(text) <= limit:
        return text
    room = limit - measure(ELLIPSIS)
    used, end = 0, 0
    for index, char in enumerate(text):
        used += measure(char)
        if used > room:
            end = index
            break
    cut = text[:end]
    space = cut.rfind(" ")
    if space > 0 and measure(cut[:space]) >= (limit * 2) // 3:
        cut = cut[:space]
    return mark_cut(cut)


def mark_cut(text: str) -> str:
    """``text`` that was cut short, ended with "…": the space and clause punctuation left at the cut
    go first ("قال المصدر، " -> "قال المصدر…")."""
    return _CUT_TRAILING.sub("", text) + ELLIPSIS


@dataclass(frozen=True, slots=True)
class Piece:
    """One message of a split text: ``markup`` to send, covering ``markup_source[start:end]``."""

    start: int
    end: int
    markup: str


def split_html(markup: str, limit: int | None = None, start: int = 0) -> list[Piece]:
    """Cut Telegram-HTML ``markup`` (from offset ``start``) into pieces of at most ``limit`` visible units.

    A piece ends at the best break in its second half: a paragraph break, else a line break, a list
    comma or a space; failing that, the last break anywhere in it; failing that (one unbreakable run
    longer than ``limit``), after the last character that fits. Blank space at the ends of a piece is
    dropped, and a piece with nothing visible is skipped. Offsets refer to ``markup``, so a sender that
    delivered the pieces up to ``end`` can resume there after a restart and get the same remaining
    pieces.
    """
    if limit is None:
        limit = __getattr__("MAX_TEXT_UNITS")
    if limit < 2:
        raise ValueError("limit must be at least 2 units (one emoji)")
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(markup)]
    stack: list[tuple[str, str]] = []  # open tags: (name, raw opening tag)
    index = 0
    while index < len(tokens) and tokens[index][0] < start:
        _track(stack, tokens[index][2])
        index += 1
    pieces: list[Piece] = []
    while True:
        # Blank space and tags before the first visible character only move the stack.
        while index < len(tokens) and (tokens[index][2].isspace() or tokens[index][2].startswith("<")):
            _track(stack, tokens[index][2])
            index += 1
        if index >= len(tokens):
            return pieces
        opened = "".join(tag for _, tag in stack)
        first = index
        units = 0
        late: dict[int, tuple[int, list[tuple[str, str]]]] = {}  # rank -> last break past half
        early: tuple[int, list[tuple[str, str]]] | None = None  # last break of any rank
        while index < len(tokens):
            raw = tokens[index][2]
            if raw.startswith("<"):
                _track(stack, raw)
                index += 1
                continue
            size = utf16_units(html.unescape(raw) if raw.startswith("&") else raw)
            if units + size > limit:
                break
            units += size
            index += 1
            rank = _break_rank(tokens, index)
            if rank is not None:
                early = (index, list(stack))
                if units * 2 >= limit:
                    late[rank] = (index, list(stack))
        if index < len(tokens):  # the rest does not fit: cut at the best break
            chosen = late[min(late)] if late else early
            if chosen is not None:
                index, stack = chosen[0], chosen[1]
        end = tokens[index - 1][1]
        body = markup[tokens[first][0] : end].rstrip()
        text = opened + body + "".join(f"</{name}>" for name, _ in reversed(stack))
        if visible_text(text).strip():
            pieces.append(Piece(tokens[first][0], end, text))


def _track(stack: list[tuple[str, str]], raw: str) -> None:
    """Follow the open tags: push an opening tag, pop its closing tag."""
    if not raw.startswith("<"):
        return
    match = _TAG_NAME.match(raw)
    if match is None:
        return
    name = match.group(1).lower()
    if raw.startswith("</"):
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == name:
                del stack[depth:]
                break
    elif not raw.endswith("/>"):
        stack.append((name, raw))


def _break_rank(tokens: list[tuple[int, int, str]], index: int) -> int | None:
    """How good a cut before token ``index`` is (0 best), or None when it is no break at all."""
    before = "".join(raw for _, _, raw in tokens[max(0, index - 2) : index])
    for rank, mark in enumerate(_BREAKS):
        if before.endswith(mark):
            return rank
    return None


__all__ = [
    "ELLIPSIS",
    "MAX_CALLBACK_ANSWER_CHARS",
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_CAPTION_UNITS",
    "MAX_TEXT_UNITS",
    "MIN_RETRY_AFTER_S",
    "Piece",
    "fits",
    "mark_cut",
    "retry_after_seconds",
    "split_html",
    "truncate",
    "utf16_units",
    "visible_text",
    "visible_units",
]
