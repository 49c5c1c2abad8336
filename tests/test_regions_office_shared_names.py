"""An office serves a city, never a country: «أمانة عمان» is Amman's municipality, not Oman's
(tests/data/region_office_shared_names_cases.json)."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.regions import tag_text

CASES = json.loads(
    (Path(__file__).parent / "data" / "region_office_shared_names_cases.json").read_text("utf-8")
)


def _tags(name: str) -> tuple[list[str], list[str]]:
    case = CASES[name]
    return tag_text(case["text"]), case["regions"]


def test_an_office_named_after_a_shared_name_serves_the_city() -> None:
    found, expected = _tags("ammans_municipality")
    assert found == expected


def test_the_shared_name_without_an_office_word_keeps_its_country() -> None:
    found, expected = _tags("oman_after_no_office_word")
    assert found == expected
