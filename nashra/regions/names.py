"""How a region is named to people: the one format of every reply, button, list and digest header."""

from __future__ import annotations

from nashra.arabic import normalize
from nashra.regions.gazetteer import Gazetteer, get_gazetteer
from nashra.texts import text


def display_name(code: str, lang: str = "ar", *, in_header: bool = False) -> str:
    """The name people read for region ``code`` (ISO 3166), a subdivision's with its country's.

    "درعا (سوريا)" / "Daraa (Syria)" in replies, buttons and lists; with ``in_header``, "درعا، سوريا" /
    "Daraa, Syria", as a digest's region header reads. A country is its name alone; an unknown code is
    shown as it is, so a code stored before a gazetteer change still reads as something.
    """
    gaz = get_gazetteer()
    if not gaz.is_known(code):
        return code
    name = _said(gaz, code, gaz.name(code, lang)) if lang == "ar" else gaz.name(code, lang)
    parent = gaz.parent(code)
    if parent is None or not gaz.is_known(parent):
        return name
    country = gaz.name(parent, lang)
    return f"{name}{text(lang, 'list_separator')}{country}" if in_header else f"{name} ({country})"


def _said(gaz: Gazetteer, code: str, name: str) -> str:
    """``name`` vocalized where another region's name is spelled alike and said differently: «عُمَان»
    (Oman) beside «عَمَّان» (Amman), which a reader could not tell apart unvocalized (the gazetteer's
    ``vocalized`` spellings, data/README.md)."""
    spellings = gaz.vocalized.get(normalize(name), {})
    said = spellings.get(code)
    return said[0] if said and len(spellings) > 1 else name


__all__ = ["display_name"]
