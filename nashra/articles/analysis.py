"""Analysis of a parsed article: which regions each section speaks of.

Region tagging itself lives in :mod:`nashra.regions`; this module feeds it the sections and merges the
region hints a source attached (a hint applies to every section, and a subdivision hint implies its
country, as a tagged subdivision does). The outlet's home country (``Article.home_country``) goes to the
tagger, which uses it for a bare «المملكة» only (:func:`nashra.regions.tag_sections`), unless the article
was filed from another country (:func:`home_country`).
"""

from __future__ import annotations

from pathlib import Path

from nashra.articles.errors import ArticleError
from nashra.articles.files import read_article_file
from nashra.config import IngestConfig
from nashra.model import Article
from nashra.regions import find_regions, get_gazetteer, tag_sections


def analyze(article: Article) -> Article:
    """Fill ``Section.regions`` of ``article`` (in place) and return it. Where a section's own dateline
    (a brief's, ``Section.dateline``) names the place the news came from (:func:`brief_place`), that place
    is read as the section's first line."""
    sections = [(s.heading, _with_place(brief_place(s.dateline), s.text)) for s in article.sections]
    tags = tag_sections(article.title, sections, home=home_country(article))
    hinted = set(article.region_hints) | {code.split("-")[0] for code in article.region_hints}
    for section, codes in zip(article.sections, tags, strict=True):
        section.regions = sorted(set(codes) | hinted)
    return article


def brief_place(dateline: str) -> str:
    """The place a brief's dateline (``Section.dateline``: its places as «لندن، دبي») says its news came
    from: the last of two or more, the first being the paper's desk that relays it («* لندن – دبي:
    «الشرق الأوسط» سجلت …»); "" for one place alone, which is the desk as often as the news («لندن -
    «الشرق الأوسط»:» over a story from Taiz, SaudiNewsNet 2015-08-08.zip[110])."""
    places = [p.strip() for p in dateline.split("،") if p.strip()]
    return places[-1] if len(places) > 1 else ""


def _with_place(place: str, text: str) -> str:
    return f"{place}:\n{text}" if place else text


def home_country(article: Article) -> str | None:
    """The country a bare «المملكة» of ``article`` may stand for: the outlet's (``Article.home_country``),
    or None where the dateline places the report in another kingdom (a country the gazetteer gives the
    style). A Saudi paper's wire report
    «عمان - أ ف ب: … المملكة استقبلت …» speaks of Jordan's kingdom, not Saudi Arabia's. The dateline
    (a place name, «عمّان» or «المنامة») is read as a user's query, exact names only; a place that may
    be in the home country («عمان»: Amman, Oman) keeps it only where one of its readings is there. A
    report filed from a country of no kingdom («القاهرة», «موسكو») keeps it: the paper's correspondent
    there still writes «المملكة» for the paper's own country."""
    home = article.home_country
    if home is None or not article.dateline:
        return home
    filed = {m.code.split("-")[0] for m in find_regions(article.dateline, "ar") if m.exact}
    kingdoms = frozenset().union(*get_gazetteer().styles.values())
    return None if filed & kingdoms and home not in filed else home


def analyze_file(path: str | Path, max_bytes: int = IngestConfig.max_bytes) -> Article:
    """Parse and analyze the one article in ``path``; raise ArticleError for bad or multi-article input."""
    file = Path(path)
    if not file.is_file():
        raise ArticleError(f"{file}: no such file" if not file.exists() else f"{file}: not a file")
    parsed = read_article_file(file, max_bytes)
    errors = [item for item in parsed if isinstance(item, ArticleError)]
    if errors:
        raise errors[0]
    articles = [item for item in parsed if isinstance(item, Article)]
    if len(articles) != 1:
        raise ArticleError(f"{file}: holds {len(articles)} articles; give a file with exactly one")
    return analyze(articles[0])
