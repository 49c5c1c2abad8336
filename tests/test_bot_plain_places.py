"""A private message that names places without asking for anything gets a subscribe button for each."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_harness import BotHarness, running_bot


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


def _offered(reply: object) -> list[str]:
    return [button["callback_data"] for button in reply.buttons()]  # type: ignore[attr-defined]


async def test_a_place_name_alone_is_offered_for_subscribing(harness: BotHarness) -> None:
    reply = await harness.say(1, "حلب")

    assert _offered(reply) == ["pk:+:SY-HL"]
    assert await harness.regions_of(1) == []


async def test_a_sentence_asking_for_the_news_of_places_offers_each_place(harness: BotHarness) -> None:
    reply = await harness.say(2, "أريد أخبار حلب ودمشق")

    assert _offered(reply) == ["pk:+:SY-HL", "pk:+:SY-DI"]


async def test_a_shared_name_offers_each_place_it_may_mean(harness: BotHarness) -> None:
    reply = await harness.say(3, "طرابلس")

    assert _offered(reply) == ["pk:+:LY-TB", "pk:+:LB-AS"]


async def test_pressing_an_offered_place_subscribes_to_it(harness: BotHarness) -> None:
    reply = await harness.say(4, "بالرياض")

    await harness.press(4, reply.message_id, "pk:+:SA-01")

    assert await harness.regions_of(4) == ["SA-01"]


async def test_a_message_that_names_no_place_gets_the_commands(harness: BotHarness) -> None:
    reply = await harness.say(5, "شكراً")

    assert "/regions" in reply.plain_text and reply.buttons() == []


async def test_a_place_already_followed_is_not_offered_again(harness: BotHarness) -> None:
    await harness.say(6, "/subscribe حلب")

    reply = await harness.say(6, "حلب")

    assert reply.plain_text == "كنت مشتركاً من قبل في: حلب (سوريا)" and reply.buttons() == []


async def test_an_offered_place_pressed_as_the_first_region_says_when_digests_arrive(
    harness: BotHarness,
) -> None:
    reply = await harness.say(7, "حلب ودمشق")

    await harness.press(7, reply.message_id, "pk:+:SY-HL")
    first = harness.api.message(7, reply.message_id).plain_text
    await harness.press(7, reply.message_id, "pk:+:SY-DI")

    assert first.count("/digest") == 1
    assert harness.api.message(7, reply.message_id).plain_text == first
