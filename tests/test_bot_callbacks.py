"""Callback data of the region buttons: typed, within Telegram's 64 bytes, and forgery-proof to read."""

from __future__ import annotations

import pytest

from bot.callbacks import (
    MAX_BYTES,
    Callback,
    PickRegion,
    RegionsClose,
    RegionsPage,
    RegionToggle,
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
    ],
)
def test_malformed_data_is_none(raw: str | None) -> None:
    assert decode(raw) is None
