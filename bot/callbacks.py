"""Callback data of every button the bot shows: one small dataclass per kind of press, encoded and
decoded here.

Telegram hands a button's ``callback_data`` back verbatim when it is pressed and limits it to 64 bytes
(https://core.telegram.org/bots/api#inlinekeyboardbutton). Handlers build buttons with :func:`encode`
and read presses with :func:`decode`, which returns None for anything malformed (an old client, a
forged update), so no handler splits strings itself. Formats::

    rg:c:<page>              RegionsPage(country=None, page)   a page of countries
    rg:s:<CC>:<page>         RegionsPage(country, page)        a country's subdivisions
    rg:t:<code>:<page>       RegionToggle(code, page)          toggle a region, redraw the same page
    rg:x                     RegionsClose()                    close the keyboard
    pk:+:<code> / pk:-:<code>  PickRegion(code, subscribe)     a suggested region: subscribe / unsubscribe
    kw:r:<id>                KeywordRemove(keyword_id)         remove one keyword filter
    kw:c / kw:x              KeywordsClear() / KeywordsClose() remove them all / close the list
    fm:s:<full|headlines>    FormatStyle(style)                summaries or headlines only
    fm:p:<0|1>               FormatPreviews(on)                link previews off / on
    fm:n:<items>             FormatItems(items)                most items per digest
    fm:x                     FormatClose()                     close the format keyboard
    al:y:<token> / al:n:<token>  AlertAnswer(token, send)      send / cancel a large alert or broadcast
    al:p:<token>:<code>      AlertPick(token, code)            the region meant by a name of an alert
    st:y:<since> / st:n:<since>  StopAnswer(delete, since)    /stop's question: delete the data / keep it
    mr                       MoreStories()                     /more: the next stories a digest left out

The data is the press itself, not a key into memory (python-telegram-bot's ``arbitrary_callback_data``
keeps objects in a cache that a restart empties): a keyboard sent last week still works after a
deploy. Only an alert's confirmation and its choice of regions name state held in memory, and they
expire within minutes anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nashra.telegram_limits import MAX_CALLBACK_DATA_BYTES as MAX_BYTES

REGIONS_PREFIX = "rg"
PICK_PREFIX = "pk"
KEYWORDS_PREFIX = "kw"
FORMAT_PREFIX = "fm"
ALERT_PREFIX = "al"
STOP_PREFIX = "st"
MORE_PREFIX = "mr"
# Patterns for python-telegram-bot's CallbackQueryHandler, one per handler.
REGIONS_PATTERN = rf"^{REGIONS_PREFIX}:"
PICK_PATTERN = rf"^{PICK_PREFIX}:"
KEYWORDS_PATTERN = rf"^{KEYWORDS_PREFIX}:"
FORMAT_PATTERN = rf"^{FORMAT_PREFIX}:"
ALERT_PATTERN = rf"^{ALERT_PREFIX}:"
STOP_PATTERN = rf"^{STOP_PREFIX}:"
MORE_PATTERN = rf"^{MORE_PREFIX}$"

STYLES = ("full", "headlines")

_CODE = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_PAGE = re.compile(r"^\d{1,4}$")
_ID = re.compile(r"^\d{1,18}$")
# An alert's confirmation token: this many hex digits (bot.alerts makes them at random).
TOKEN_HEX_DIGITS = 8
_TOKEN = re.compile(rf"^[0-9a-f]{{{TOKEN_HEX_DIGITS}}}$")


@dataclass(frozen=True, slots=True)
class RegionsPage:
    """Show a page of countries (``country`` None) or of one country's subdivisions."""

    country: str | None
    page: int


@dataclass(frozen=True, slots=True)
class RegionToggle:
    """Follow or stop following ``code``, then redraw page ``page`` where the button was."""

    code: str
    page: int


@dataclass(frozen=True, slots=True)
class RegionsClose:
    """Close the /regions keyboard."""


@dataclass(frozen=True, slots=True)
class PickRegion:
    """A region offered for a name the bot could not settle alone: ``subscribe`` adds it, else removes it."""

    code: str
    subscribe: bool


@dataclass(frozen=True, slots=True)
class KeywordRemove:
    """Remove the chat's keyword filter with this id, then redraw the list."""

    keyword_id: int


@dataclass(frozen=True, slots=True)
class KeywordsClear:
    """Remove every keyword filter of the chat."""


@dataclass(frozen=True, slots=True)
class KeywordsClose:
    """Close the keyword list."""


@dataclass(frozen=True, slots=True)
class FormatStyle:
    """Digests as full summaries (``"full"``) or headlines only (``"headlines"``)."""

    style: str


@dataclass(frozen=True, slots=True)
class FormatPreviews:
    """Turn link previews on or off."""

    on: bool


@dataclass(frozen=True, slots=True)
class FormatItems:
    """At most ``items`` items per digest."""

    items: int


@dataclass(frozen=True, slots=True)
class FormatClose:
    """Close the format keyboard."""


@dataclass(frozen=True, slots=True)
class AlertAnswer:
    """An admin's answer to "send this alert to N subscribers?": ``send`` it, or cancel it."""

    token: str
    send: bool


@dataclass(frozen=True, slots=True)
class AlertPick:
    """An admin's choice, for the alert held under ``token``, of ``code`` among the regions offered for
    a name the alert did not settle (a misspelt or shared name)."""

    token: str
    code: str


@dataclass(frozen=True, slots=True)
class StopAnswer:
    """The answer to /stop's "delete all your data?": ``delete`` it, or keep it.

    ``since`` names the data the question was about: the life of the chat's subscriber row
    (:attr:`subscriptions.model.Subscriber.life`). A chat that was deleted and started again has a row
    of another life, even within the same second, so a question asked before that (pressed late, or
    twice) cannot delete what was chosen since."""

    delete: bool
    since: int


@dataclass(frozen=True, slots=True)
class MoreStories:
    """The button under a digest's last message (or a /more page's) when its item cap left stories out:
    send the next of them, as /more does. It names no digest: the chat's last one is meant."""


Callback = (
    RegionsPage
    | RegionToggle
    | RegionsClose
    | PickRegion
    | KeywordRemove
    | KeywordsClear
    | KeywordsClose
    | FormatStyle
    | FormatPreviews
    | FormatItems
    | FormatClose
    | AlertAnswer
    | AlertPick
    | StopAnswer
    | MoreStories
)


def encode(data: Callback) -> str:
    """The callback data of a button; raises ValueError if it would pass Telegram's 64 bytes."""
    match data:
        case RegionsPage(country=None, page=page):
            raw = f"{REGIONS_PREFIX}:c:{page}"
        case RegionsPage(country=country, page=page):
            raw = f"{REGIONS_PREFIX}:s:{country}:{page}"
        case RegionToggle(code=code, page=page):
            raw = f"{REGIONS_PREFIX}:t:{code}:{page}"
        case RegionsClose():
            raw = f"{REGIONS_PREFIX}:x"
        case PickRegion(code=code, subscribe=subscribe):
            raw = f"{PICK_PREFIX}:{'+' if subscribe else '-'}:{code}"
        case KeywordRemove(keyword_id=keyword_id):
            raw = f"{KEYWORDS_PREFIX}:r:{keyword_id}"
        case KeywordsClear():
            raw = f"{KEYWORDS_PREFIX}:c"
        case KeywordsClose():
            raw = f"{KEYWORDS_PREFIX}:x"
        case FormatStyle(style=style):
            raw = f"{FORMAT_PREFIX}:s:{style}"
        case FormatPreviews(on=on):
            raw = f"{FORMAT_PREFIX}:p:{int(on)}"
        case FormatItems(items=items):
            raw = f"{FORMAT_PREFIX}:n:{items}"
        case FormatClose():
            raw = f"{FORMAT_PREFIX}:x"
        case AlertAnswer(token=token, send=send):
            raw = f"{ALERT_PREFIX}:{'y' if send else 'n'}:{token}"
        case AlertPick(token=token, code=code):
            raw = f"{ALERT_PREFIX}:p:{token}:{code}"
        case StopAnswer(delete=delete, since=since):
            raw = f"{STOP_PREFIX}:{'y' if delete else 'n'}:{since}"
        case MoreStories():
            raw = MORE_PREFIX
    if len(raw.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {raw!r}")
    return raw


def decode(raw: str | None) -> Callback | None:
    """The press behind ``raw``, or None when it is not one of the formats above."""
    if not raw:
        return None
    parts = raw.split(":")
    match parts:
        case [prefix] if prefix == MORE_PREFIX:
            return MoreStories()
        case [prefix, "c", page] if prefix == REGIONS_PREFIX and _PAGE.match(page):
            return RegionsPage(None, int(page))
        case [prefix, "s", country, page] if (
            prefix == REGIONS_PREFIX and _COUNTRY.match(country) and _PAGE.match(page)
        ):
            return RegionsPage(country, int(page))
        case [prefix, "t", code, page] if (
            prefix == REGIONS_PREFIX and _CODE.match(code) and _PAGE.match(page)
        ):
            return RegionToggle(code, int(page))
        case [prefix, "x"] if prefix == REGIONS_PREFIX:
            return RegionsClose()
        case [prefix, sign, code] if prefix == PICK_PREFIX and sign in ("+", "-") and _CODE.match(code):
            return PickRegion(code, sign == "+")
        case [prefix, "r", keyword_id] if prefix == KEYWORDS_PREFIX and _ID.match(keyword_id):
            return KeywordRemove(int(keyword_id))
        case [prefix, "c"] if prefix == KEYWORDS_PREFIX:
            return KeywordsClear()
        case [prefix, "x"] if prefix == KEYWORDS_PREFIX:
            return KeywordsClose()
        case [prefix, "s", style] if prefix == FORMAT_PREFIX and style in STYLES:
            return FormatStyle(style)
        case [prefix, "p", on] if prefix == FORMAT_PREFIX and on in ("0", "1"):
            return FormatPreviews(on == "1")
        case [prefix, "n", items] if prefix == FORMAT_PREFIX and _PAGE.match(items) and int(items) > 0:
            return FormatItems(int(items))
        case [prefix, "x"] if prefix == FORMAT_PREFIX:
            return FormatClose()
        case [prefix, answer, token] if (
            prefix == ALERT_PREFIX and answer in ("y", "n") and _TOKEN.match(token)
        ):
            return AlertAnswer(token, answer == "y")
        case [prefix, "p", token, code] if (
            prefix == ALERT_PREFIX and _TOKEN.match(token) and _CODE.match(code)
        ):
            return AlertPick(token, code)
        case [prefix, answer, since] if prefix == STOP_PREFIX and answer in ("y", "n") and _ID.match(since):
            return StopAnswer(answer == "y", int(since))
    return None
