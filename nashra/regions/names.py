"""How a region is named to people: the one format of every reply, button, list and digest header."""

from __future__ import annotations

from nashra.arabic import normalize
from nashra.regions.gazetteer import get_gazetteer
from nashra.regions.lookup import squash
from nashra.texts import text


def region_name(code: str, lang: str = "ar") -> str:
    """A known region's own name as people read it, without its country: the gazetteer's display name
    (:meth:`~nashra.regions.gazetteer.Gazetteer.name`), vocalized where another region's name is spelled
    alike and said differently («عُمَان», Oman, beside «عَمَّان», Amman, which a reader could not tell
    apart unvocalized: the gazetteer's ``vocalized`` spellings, data/README.md), and without a qualifier
    naming its own country, which the data adds to tell names apart ("Capital Governorate (Kuwait)").
    """
    gaz = get_gazetteer()
    name = gaz.name(code, lang)
    if lang == "ar":
        spellings = gaz.vocalized.get(normalize(name), {})
        said = spellings.get(code.upper())
        if said and len(spellings) > 1:
            name = said[0]
    parent = gaz.parent(code)
    if parent is not None and gaz.is_known(parent):
        qualifier = f" ({gaz.name(parent, lang)})"
        if name.endswith(qualifier) and len(name) > len(qualifier):
            name = name[: -len(qualifier)]
    return name


def display_name(code: str, lang: str = "ar", *, in_header: bool = False) -> str:
    """The name people read for region ``code`` (ISO 3166), a subdivision's with its country's.

    "درعا (سوريا)" / "Daraa (Syria)" in replies, buttons and lists; with ``in_header``, "درعا، سوريا" /
    "Daraa, Syria", as a digest's region header reads. A country is its name alone; an unknown code is
    shown as it is, so a code stored before a gazetteer change still reads as something. Each name is
    :func:`region_name`'s.
    """
    gaz = get_gazetteer()
    if not gaz.is_known(code):
        return code
    name = region_name(code, lang)
    parent = gaz.parent(code)
    if parent is None or not gaz.is_known(parent):
        return name
    country = region_name(parent, lang)
    return f"{name}{text(lang, 'list_separator')}{country}" if in_header else f"{name} ({country})"


__all__ = ["display_name", "region_name"]


def place_label(code: str, lang: str = "ar", place: str | None = None) -> str:
    """A region offered for what someone typed, naming the place matched inside it: "مريس — الضالع
    (اليمن)", "Daraa (Syria)". ``place`` is the place name that led to ``code`` (shown in ``lang``
    whatever the language it was typed in; left out when it is the region's own name); a place of a
    country listed without subdivisions names the whole country: "كامل إيران (ومنها كرمانشاه)". The
    one text of a suggestion, for the bot's buttons and replies and the command line's "did you mean"."""
    gaz = get_gazetteer()
    label = display_name(code, lang)
    shown = gaz.place_name(code, place, lang) if place else place
    if shown and squash(shown) != squash(gaz.name(code, lang)):
        if gaz.parent(code) is None:
            # A place of a country whose subdivisions are not listed (Kermanshah, Iran): what is
            # followed is the whole country, and the label must not read as the place alone.
            return text(lang, "place_in_country", country=label, place=shown)
        label = f"{shown} — {label}"
    return label
