"""Callback data of the region buttons: typed, within Telegram's 64 bytes, and forgery-proof to read."""

from __future__ import annotations

import pytest

from bot.callbacks import (
    MAX_BYTES,
    AlertAnswer,
    Callback,
    FormatClose,
    FormatItems,
    FormatPreviews,
    FormatStyle,
    KeywordRemove,
    KeywordsClear,
    KeywordsClose,
    PickRegion,
    RegionsClose,
    RegionsPage,
    RegionToggle,
    StopAnswer,
    decode,
    encode,
)


@pytest.mark.parametrize(
    "press",
    [
        RegionsPage(None, 3),
        RegionsPage("SY", 0),
        RegionToggle("SY-DR", 1),
        RegionToggle("EG-ALX", 0),
        RegionsClose(),
        PickRegion("LB-AS", True),
        PickRegion("OM", False),
        KeywordRemove(123456789012),
        KeywordsClear(),
        KeywordsClose(),
        FormatStyle("headlines"),
        FormatPreviews(True),
        FormatItems(20),
        FormatClose(),
        AlertAnswer("0f3a9b12", True),
        AlertAnswer("0f3a9b12", False),
        StopAnswer(True, 1795017600),
        StopAnswer(False, 0),
    ],
)
def test_round_trip(press: Callback) -> None:
    raw = encode(press)
    assert len(raw.encode()) <= MAX_BYTES
    assert decode(raw) == press


def test_wire_format_of_the_regions_keyboard_is_kept() -> None:
    assert encode(RegionsPage(None, 2)) == "rg:c:2"
    assert encode(RegionToggle("SY-DR", 1)) == "rg:t:SY-DR:1"
    assert encode(PickRegion("SY-DR", True)) == "pk:+:SY-DR"


def test_wire_format_of_the_other_keyboards_is_kept() -> None:
    """Buttons already sent keep working after an upgrade: the formats are those of earlier versions."""
    assert encode(KeywordRemove(7)) == "kw:r:7"
    assert encode(KeywordsClear()) == "kw:c"
    assert encode(FormatStyle("full")) == "fm:s:full"
    assert encode(FormatPreviews(False)) == "fm:p:0"
    assert encode(FormatItems(10)) == "fm:n:10"
    assert encode(AlertAnswer("ab12cd34", True)) == "al:y:ab12cd34"


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "rg",
        "rg:t:SY-DR",
        "rg:t:SY-DR:x",
        "rg:c:-1",
        "rg:s:sy:0",
        "pk:*:SY",
        "pk:+-:SY",
        "pk:+:",
        "al:y:1",
        "al:z:ab12cd34",
        "kw:r:x",
        "kw:r:",
        "fm:s:big",
        "fm:p:2",
        "fm:n:0",
        "st:y",
        "st:y:",
        "st:y:-5",
        "st:x:1795017600",
    ],
)
def test_malformed_data_is_none(raw: str | None) -> None:
    assert decode(raw) is None
