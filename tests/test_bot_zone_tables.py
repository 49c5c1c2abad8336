"""The bot never builds the time zone tables (nashra.clock) on its event loop: a /time waits for no table."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nashra import clock
from tests.bot_harness import running_bot

# The tables the first /time read, each about 0.1 s to build: zones by Arabic city, one clock per country.
TABLES = ("_zones_by_arabic_city", "_one_clock")


def _recording(built: list[int], table: Callable[..., Any]) -> Callable[..., Any]:
    """``table`` rebuilt from scratch (its cache emptied), noting the thread each build runs on."""

    @functools.cache
    def build(*args: Any) -> Any:
        built.append(threading.get_ident())
        return table.__wrapped__(*args)  # type: ignore[attr-defined]

    return build


async def test_a_first_time_request_builds_no_zone_table_on_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    for name in TABLES:
        monkeypatch.setattr(clock, name, _recording(built, getattr(clock, name)))

    async with running_bot(tmp_path) as harness:
        reply = await harness.say(1, "/time 8 مساءً ميونخ")

    assert "20:00" in reply.plain_text
    assert built and threading.get_ident() not in built
