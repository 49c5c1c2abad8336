"""An article's home country: the country of the outlet that wrote it.

A Saudi paper writes «المملكة» ("the Kingdom") for Saudi Arabia, a Jordanian one for Jordan, without
naming the country; the text alone cannot say which kingdom it is when it names none. The outlet's
country can, and only the input knows the outlet. One setting owns it per article, the first that
gives one:

1. the article's own ``country`` (a JSON record's field, :mod:`nashra.articles.jsonformat`), which
   speaks of this article alone;
2. the config's ``[[ingest.outlets]]`` entry listing the feed the article came from;
3. the entry listing the article's outlet name (``Article.source``: a JSON record's ``source``, a
   feed's title, a text file's outlet line), compared without regard to case, spacing, Arabic
   spelling variants or invisible marks (:func:`nashra.config.outlet_key`).

Feed URLs are compared with scheme and host case-folded and a trailing slash ignored
(:func:`nashra.config.feed_key`).

The analysis uses it for a bare «المملكة» only, where the text names no kingdom the style may stand
for (:func:`nashra.regions.tag_sections`); it never tags a section by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from nashra.config import IngestConfig, feed_key, outlet_key
from nashra.model import Article

# The crawl codes of the 14 SaudiNewsNet outlets, and the Arabic names those outlets print in their
# bylines and datelines (the crawl gives only the code in its ``source`` field).
OUTLET_CODES = {
    "aawsat": "الشرق الأوسط",
    "alyaum": "اليوم",
    "alwatan": "الوطن",
    "almadina": "المدينة",
    "aljazirah": "الجزيرة",
    "alriyadh": "الرياض",
    "aleqtisadiya": "الاقتصادية",
    "alweeam": "الوئام",
    "3alyoum": "عين اليوم",
    "was": "واس",
    "okaz": "عكاظ",
    "sabq": "سبق",
    "arreyadi": "الرياضي",
    "arriyadiyah": "الرياضية",
}


def outlet_name(source: str | None) -> str | None:
    """The name an outlet prints, for a crawl's outlet code («aleqtisadiya» -> «الاقتصادية», in any
    case); any other source as given. Bylines name the outlet by that name («"الاقتصادية" من الرياض»),
    so only with it is the outlet told from a person in its own author fields."""
    if source is None:
        return None
    return OUTLET_CODES.get(source.strip().lower(), source)


@dataclass(frozen=True, slots=True)
class Outlets:
    """The home countries the config gives: ``by_feed`` maps a feed URL (:func:`nashra.config.feed_key`)
    to its country code,
    ``by_source`` an outlet name (:func:`nashra.config.outlet_key`) to its country code."""

    by_feed: dict[str, str]
    by_source: dict[str, str]

    @classmethod
    def of(cls, config: IngestConfig) -> Outlets:
        by_feed: dict[str, str] = {}
        by_source: dict[str, str] = {}
        for outlet in config.outlets:
            by_feed.update(dict.fromkeys(map(feed_key, outlet.feeds), outlet.country))
            # An outlet listed by its crawl code is known by its name too, which articles carry.
            names = [*outlet.sources, *(outlet_name(source) or source for source in outlet.sources)]
            by_source.update(dict.fromkeys(map(outlet_key, names), outlet.country))
        return cls(by_feed, by_source)

    def settle(self, article: Article, feed: str | None = None) -> Article:
        """Set ``article.home_country`` (in place) from the config where the article gives none, and
        return it. ``feed`` is the URL of the feed it came from, None for a file."""
        if article.home_country is None:
            found = self.by_feed.get(feed_key(feed)) if feed else None
            if found is None and article.source:
                found = self.by_source.get(outlet_key(article.source))
            article.home_country = found
        return article


NO_OUTLETS = Outlets({}, {})
