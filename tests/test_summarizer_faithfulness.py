"""The faithfulness guard: model summaries naming what their section does not are replaced and counted."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from nashra.config import GenerationConfig, SummarizerConfig
from summarizer.faithfulness import unsupported_names
from summarizer.service import SectionText, Summarizer

SECTION = (
    "قال الرئيس السوري بشار الأسد في دمشق إن ١٥ شخصا قتلوا عام 2024، بحسب وكالة Reuters. "
    "وأضاف أن الحكومة ستعيد بناء ما تهدم."
)


def test_a_summary_naming_only_what_its_section_names_passes() -> None:
    summary = "قال الأسد إن 15 شخصا قتلوا في دمشق عام ٢٠٢٤ بحسب رويترز وReuters."
    assert unsupported_names(summary, "حصيلة جديدة", SECTION) == []


def test_a_number_absent_from_the_section_is_named() -> None:
    assert unsupported_names("قتل 16 شخصا في دمشق.", None, SECTION) == ["number 16"]


def test_a_place_absent_from_the_section_is_named() -> None:
    assert unsupported_names("قتل 15 شخصا في حلب.", None, SECTION) == ["place SY-HL"]


def test_a_place_within_a_country_the_section_names_is_still_absent_but_the_country_passes() -> None:
    assert unsupported_names("قتل 15 شخصا في سوريا.", None, SECTION) == []


def test_a_town_of_a_province_the_section_names_is_absent() -> None:
    assert unsupported_names("انفجار في منبج.", None, "وقع انفجار في حلب.") == ["place SY-HL"]


def test_a_word_the_section_writes_is_no_invented_place_whatever_its_context() -> None:
    # "الداخلية" names an Omani province only after a place word; the section writes it as a ministry.
    section = "أعلنت وزارة الداخلية البحرينية القبض على شبكة احتيال في المنامة."
    assert unsupported_names("أعلنت وزارة الداخلية القبض على شبكة احتيال.", None, section) == []


@pytest.mark.parametrize(
    ("summary", "section"),
    [
        ("قتل 1500 شخص.", "قتل ١٬٥٠٠ شخص في الزلزال."),
        ("قتل 1,500 شخص.", "قتل 1500 شخص في الزلزال."),
        ("قتل 3 أشخاص.", "قتل ۳ أشخاص."),
        ("نما الاقتصاد 2.5 في المئة.", "نما الاقتصاد ٢٫٥ في المئة."),
    ],
)
def test_a_number_respelled_with_other_digits_or_separators_passes(summary: str, section: str) -> None:
    assert unsupported_names(summary, None, section) == []


def test_a_latin_name_followed_by_an_apostrophe_is_the_same_name() -> None:
    assert unsupported_names("قالت Reuters إن الأسعار ارتفعت.", None, "According to Reuters' sources") == []


def test_a_person_absent_from_the_section_is_named() -> None:
    assert unsupported_names("قال الرئيس جو بايدن إن الوضع صعب.", None, SECTION) == ["person جو بايدن"]
    assert unsupported_names("قالت AFP إن 15 شخصا قتلوا.", None, SECTION) == ["person AFP"]


def test_a_title_without_a_name_names_nobody() -> None:
    assert unsupported_names("قال الرئيس إن الحكومة ستعيد البناء.", None, SECTION) == []


def test_an_unfaithful_model_summary_is_replaced_by_the_extractive_one_and_counted(
    clause_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The clause writer copies the start of its input; a prefix puts a year there that the section lacks.
    settings = GenerationConfig(num_beams=2, max_new_tokens=48)
    prefix = "أعلنت الحكومة عام 2031 "
    config = SummarizerConfig(model=str(clause_dir), device="cpu", generation=settings, prefix=prefix)
    summarizer = Summarizer(config)
    section = SectionText(None, "افتتاح مستشفى جديد في المدينة، وقالت وزارة الصحة إنه يضم مئتي سرير.")
    caplog.set_level(logging.WARNING)
    (result,) = summarizer.summarize([section])
    assert result.method == "extractive"
    assert result.dropped == "names number 2031 absent from the section"
    assert "2031" not in result.summary
    assert summarizer.stats.unfaithful == 1 and summarizer.stats.seq2seq == 0
    assert "names number 2031 absent from the section" in caplog.text
