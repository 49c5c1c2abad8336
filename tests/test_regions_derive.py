"""How name usage is measured on a corpus and turned into evidence tiers (nashra.regions.derive_usage)."""

from __future__ import annotations

import functools
import json
import zipfile
from collections import Counter
from pathlib import Path

from nashra.regions.derive_usage import (
    COUNTRIES,
    LOCATIVE,
    PLACES,
    SAMPLE_ARTICLES,
    STRICT,
    Chance,
    Usage,
    classify,
    classify_surface,
    given_names,
    main,
    measure,
    references,
    sample,
)
from nashra.regions.gazetteer import DERIVED_USAGE, Gazetteer, load
from nashra.regions.matcher import Matcher

ORDINARY = "استمر الاجتماع فترة طويلة دون أن يصل المجتمعون إلى نتيجة واضحة"
PLACE = "قصفت الطائرات مدينة درعا جنوب سوريا وسقط قتلى في درعا"


@functools.cache
def _plain_gazetteer() -> Gazetteer:
    """The gazetteer without evidence tiers, as the derivation reads it (``measure`` with no matcher
    loads it afresh: about a second each time); loaded once here, each test given a matcher of its own."""
    return load(usage=None)


def _measure(texts: list[str]) -> tuple[dict, dict, Chance]:
    return measure(texts, Matcher(_plain_gazetteer()))


def test_a_name_its_articles_never_place_is_a_word() -> None:
    names, _, chance = _measure([ORDINARY] * 25 + [PLACE] * 25)
    assert classify("طويله", names["طويله"], chance, references(names)) == STRICT


def test_a_name_its_articles_place_is_a_place() -> None:
    names, _, chance = _measure([ORDINARY] * 25 + [PLACE] * 25)
    assert classify("درعا", names["درعا"], chance, references(names)) == ""


def test_a_name_seen_too_rarely_is_not_judged() -> None:
    names, _, chance = _measure([ORDINARY] * 3)
    assert classify("طويله", names["طويله"], chance, references(names)) == ""


def test_first_names_are_the_words_that_follow_titles() -> None:
    words = Counter({"أيمن": 40, "علي": 5000, "الرياض": 900})
    after_title = Counter({"أيمن": 30, "علي": 60, "الرياض": 12})
    assert given_names(words, after_title) == ["أيمن"]


def test_the_derivation_writes_its_json_from_a_corpus_of_zips(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [{"title": "خبر", "content": ORDINARY} for _ in range(25)]
    with zipfile.ZipFile(corpus / "2015-07-21.zip", "w") as archive:
        archive.writestr("2015-07-21.json", json.dumps(records, ensure_ascii=False))
    out = tmp_path / "usage.json"
    assert main([str(corpus), "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["names"]["طويله"]["n"] == 25
    assert document["names"]["طويله"]["tier"] == STRICT


def test_the_derivation_refuses_a_missing_corpus(tmp_path: Path) -> None:
    assert main([str(tmp_path / "nowhere"), "--out", str(tmp_path / "usage.json")]) == 2


def test_shipped_usage_marks_the_ordinary_words_real_news_showed() -> None:
    names = json.loads(DERIVED_USAGE.read_text(encoding="utf-8"))["names"]
    for word in ("طويله", "القايم", "الصف", "الداخليه", "الجديده"):
        assert names[word]["tier"] == STRICT, word
    assert names["مالي"]["tier"] == LOCATIVE
    for place in ("حلب", "دمشق", "عدن", "جده"):
        assert "tier" not in names[place], place


# Lahij as SaudiNewsNet measures it: a plain place, named in 0.5% of the articles; «للحج» hardly placed.
LAHIJ_CHANCE = Chance(articles=31_000, region_articles=Counter({"YE": 1_600, "YE-LA": 150}))
LAHIJ_REFS = {PLACES: 0.68, COUNTRIES: 0.75}


def _usage(name: str, n: int, placed: int) -> Usage:
    senses = next(e.senses for e in _plain_gazetteer().index[name] if not e.words)
    return Usage(senses, n=n, placed=placed)


def test_a_preposition_written_on_a_plain_place_leaves_it_a_place() -> None:
    lahij, with_bi = _usage("لحج", 574, 554), _usage("لحج", 30, 2)
    assert classify("لحج", lahij, LAHIJ_CHANCE, LAHIJ_REFS) == ""
    assert classify_surface("بلحج", with_bi, "لحج", lahij, LAHIJ_CHANCE, LAHIJ_REFS) == ""


def test_lam_lam_before_a_name_opening_with_lam_is_not_taken_for_a_preposition() -> None:
    # «للحج» is ل + لحج and also ل + الحج ("for the Hajj"): its own uses decide, not Lahij's.
    lahij, with_lam = _usage("لحج", 574, 554), _usage("لحج", 122, 11)
    assert classify_surface("للحج", with_lam, "لحج", lahij, LAHIJ_CHANCE, LAHIJ_REFS) == LOCATIVE


def test_the_shipped_usage_is_what_the_derivation_gives_on_its_sample(shared_dir: Path) -> None:
    shipped = json.loads(DERIVED_USAGE.read_text(encoding="utf-8"))["sample"]
    derived = sample(shared_dir / "real" / "saudinewsnet")
    assert derived["articles"] == SAMPLE_ARTICLES
    rerun = "python -m nashra.regions.derive_usage ../shared/real/saudinewsnet"
    assert derived == shipped, f"data/derived/name_usage.json is out of step with the code: rerun {rerun}"


def test_a_town_of_the_corpus_country_within_its_sampling_error_of_the_bar_is_a_place() -> None:
    # Unaizah as SaudiNewsNet measures it: 133 of 162 uses placed, Saudi Arabia named in 55% of articles.
    chance = Chance(articles=31_000, region_articles=Counter({"SA": 17_050, "SA-05": 900}))
    unaizah = _usage("عنيزه", 162, 133)
    assert classify("عنيزه", unaizah, chance, {PLACES: 0.681, COUNTRIES: 0.747}) == ""
