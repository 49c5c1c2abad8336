"""Regions: which countries and subdivisions a piece of Arabic news speaks of, and what users type.

Public API (stable; other packages call exactly this)::

    from nashra.regions import get_gazetteer, tag_text, tag_sections, find_regions, RegionMatch

    gaz = get_gazetteer()                  # loaded once per process
    gaz.name("SY-DY", lang="ar")           # "دير الزور"; lang="en" -> "Deir ez-Zor"
    gaz.parent("SY-DY")                    # "SY"; a country's parent is None
    gaz.expand({"SY-DY"})                  # {"SY-DY", "SY"}
    gaz.countries(); gaz.subdivisions("SY"); gaz.is_known("SY-DR")

    tag_text(text, context=None) -> list[str]
        # sorted ISO 3166-1 / 3166-2 codes the text speaks of, countries of subdivisions included;
        # context (e.g. the whole article) only settles ambiguous names
    tag_sections(title, [(heading_or_None, text), ...], home=None) -> list[list[str]]
        # codes per section, the whole article (title + every section) as context; the title itself
        # belongs to no section; home (the outlet's country, "SA") settles a bare «المملكة» the text
        # names no kingdom for
    find_regions(query, lang_hint=None) -> list[RegionMatch]
        # candidate regions for what a user typed (name, alias, place, ISO code, typo), best first
    explain_sections(title, [(heading_or_None, text), ...]) -> list[list[TagReason]]
        # per section, each region tagged from a name with the name and the locative evidence at it
        # (for review and benchmarks)

Codes are ISO 3166-1 alpha-2 for countries and ISO 3166-2 for first-level subdivisions, as pycountry
spells them. Only Arabic text is tagged; English names serve lookup.
"""

from nashra.regions.gazetteer import Gazetteer, get_gazetteer
from nashra.regions.lookup import RegionMatch, find_regions
from nashra.regions.matcher import TagReason, explain_sections, tag_sections, tag_text

__all__ = [
    "Gazetteer",
    "RegionMatch",
    "TagReason",
    "explain_sections",
    "find_regions",
    "get_gazetteer",
    "tag_sections",
    "tag_text",
]
