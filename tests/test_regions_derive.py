"""How name usage is measured on a corpus and turned into evidence tiers (nashra.regions.derive_usage)."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path

from nashra.regions.derive_usage import (
    LOCATIVE,
    STRICT,
    classify,
    given_names,
    main,
    measure,
    references,
)
from nashra.regions.gazetteer import DERIVED_USAGE

ORDINARY = "استمر الاجتماع فترة طويلة دون أن يصل المجتمعون إلى نتيجة واضحة"
PLACE = "قصفت الطائرات مدينة درعا جنوب سوريا وسقط قتلى في درعا"


def test_a_name_its_articles_never_place_is_a_word() -> None:
    names, _, chance = measure([ORDINARY] * 25 + [PLACE] * 25)
    assert classify("طويله", names["طويله"], chance, references(names)) == STRICT


def test_a_name_its_articles_place_is_a_place() -> None:
    names, _, chance = measure([ORDINARY] * 25 + [PLACE] * 25)
    assert classify("درعا", names["درعا"], chance, references(names)) == ""


def test_a_name_seen_too_rarely_is_not_judged() -> None:
    names, _, chance = measure([ORDINARY] * 3)
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
