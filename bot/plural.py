"""A count with its noun, in the form the language's grammar asks for ("3 مشتركين", "20 مشتركاً").

Arabic changes the counted noun with the number: 1 and 2 drop the figure ("مشترك واحد", "مشتركان"),
3 to 10 take a plural ("5 مشتركين"), 11 to 99 an accusative singular ("20 مشتركاً"), and hundreds,
thousands and the rest a plain singular ("100 مشترك"). The categories are CLDR's plural rules; a noun
gives one template per category, with ``{n}`` where the figure goes.
"""

from __future__ import annotations

from collections.abc import Mapping

# One template per plural category, per language: {"ar": {"one": ..., "other": ...}, "en": {...}}.
NounForms = Mapping[str, Mapping[str, str]]


def arabic_category(n: int) -> str:
    """CLDR's Arabic plural category of ``n``: one, two, few (3-10), many (11-99) or other."""
    n = abs(n)
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def english_category(n: int) -> str:
    return "one" if n == 1 else "other"


_CATEGORIES = {"ar": arabic_category, "en": english_category}


def count_phrase(n: int, forms: NounForms, lang: str) -> str:
    """``n`` with its noun in ``lang`` (Arabic when ``forms`` lacks it); a missing category uses "other"."""
    table = forms.get(lang) or forms["ar"]
    category = _CATEGORIES.get(lang if lang in forms else "ar", english_category)(n)
    template = table.get(category) or table["other"]
    return template.format(n=n)
