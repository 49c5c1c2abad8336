"""Callback data of the region buttons: one small dataclass per kind of press, encoded and decoded here.

Telegram hands a button's ``callback_data`` back verbatim when it is pressed and limits it to 64 bytes
(https://core.telegram.org/bots/api#inlinekeyboardbutton). Handlers build buttons with :func:`encode`
and read presses with :func:`decode`, which returns None for anything malformed (an old client, a
forged update), so no handler splits strings itself. Formats::

    rg:c:<page>              RegionsPage(country=None, page)   a page of countries
    rg:s:<CC>:<page>         RegionsPage(country, page)        a country's subdivisions
    rg:t:<code>:<page>       RegionToggle(code, page)          toggle a region, redraw the same page
    rg:x                     RegionsClose()                    close the keyboard
    pk:+:<code> / pk:-:<code>  PickRegion(code, subscribe)     a suggested region: subscribe / unsubscribe
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nashra.telegram_limits import MAX_CALLBACK_DATA_BYTES as MAX_BYTES

REGIONS_PREFIX = "rg"
PICK_PREFIX = "pk"
# Patterns for python-telegram-bot's CallbackQueryHandler, one per handler.
REGIONS_PATTERN = rf"^{REGIONS_PREFIX}:"
PICK_PATTERN = rf"^{PICK_PREFIX}:"

_CODE = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_PAGE = re.compile(r"^\d{1,4}$")


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


Callback = RegionsPage | RegionToggle | RegionsClose | PickRegion


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
    if len(raw.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {raw!r}")
    return raw


def decode(raw: str | None) -> Callback | None:
    """The press behind ``raw``, or None when it is not one of the formats above."""
    if not raw:
        return None
    parts = raw.split(":")
    match parts:
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
    return None
