"""A city typed with one slip beside a name read right («اشترك في الرياض وجدةة»): the reply subscribes
what it read and says which word it did not recognise, offering the name it slipped from; words of
the sentence that merely look like a name stay unsaid."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.handlers.text_commands import split_verb
from nashra.regions.lookup import one_slip
from subscriptions import names_in_sentence
from tests.bot_harness import BotHarness, running_bot


@pytest.mark.parametrize(
    ("typed", "name"), [("وجدةة", "جدة"), ("مصرر", "مصر"), ("الرياظ", "الرياض"), ("وخميس مشيطط", "خميس مشيط")]
)
def test_a_doubled_or_confusable_letter_is_one_slip_from_the_name(typed: str, name: str) -> None:
    assert one_slip(typed, name)


@pytest.mark.parametrize(("typed", "name"), [("بس", "الرس"), ("عاجل", "باجل"), ("الرياضة", "الرياض")])
def test_a_word_that_only_looks_like_a_name_is_no_slip_from_it(typed: str, name: str) -> None:
    assert not one_slip(typed, name)


def test_a_misspelt_city_beside_a_name_is_kept_for_the_reply() -> None:
    assert names_in_sentence("في الرياض وجدةة") == "في الرياض وجدةة"


@pytest.mark.parametrize("talk", ["بس", "عاجل", "الله يخليك"])
def test_talk_beside_a_name_is_still_cut(talk: str) -> None:
    assert talk not in names_in_sentence(f"في الرياض {talk}")


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_the_name_read_right_is_subscribed(harness: BotHarness) -> None:
    await harness.say(1, "اشترك في الرياض وجدةة")

    assert await harness.regions_of(1) == ["SA-01"]


async def test_the_reply_names_the_word_it_did_not_recognise(harness: BotHarness) -> None:
    reply = await harness.say(2, "اشترك في الرياض وجدةة")

    assert "لم أعرف: وجدةة" in reply.plain_text


async def test_the_reply_offers_the_city_the_word_slipped_from(harness: BotHarness) -> None:
    reply = await harness.say(3, "اشترك في الرياض وجدةة")

    assert "جدة — مكة المكرمة (السعودية)" in reply.plain_text


async def test_the_offer_in_english_names_the_city_in_english(harness: BotHarness) -> None:
    await harness.say(4, "/lang en")

    reply = await harness.say(4, "اشترك في الرياض وجدةة")

    assert "Jeddah" in reply.plain_text and await harness.regions_of(4) == ["SA-01"]


@pytest.mark.parametrize(
    ("typed", "command"), [("add Jedda", "/subscribe Jedda"), ("أضف جدةة", "/subscribe جدةة")]
)
async def test_an_everyday_order_to_add_a_mistyped_name_is_answered_as_subscribe_is(
    harness: BotHarness, typed: str, command: str
) -> None:
    said = await harness.say(5, typed)
    commanded = await harness.say(6, command)

    assert said.plain_text == commanded.plain_text


@pytest.mark.parametrize("talk", ["remove sports", "delete my data", "احذف الرياضة", "احذف الصورة"])
def test_a_word_that_merely_looks_like_a_name_after_an_everyday_order_is_talk(talk: str) -> None:
    assert split_verb(talk, private=True) == ("talk", "")


async def test_a_name_like_no_region_is_answered_with_where_to_choose_one(harness: BotHarness) -> None:
    # The reply named it alone, with nothing to press and no next step.
    reply = await harness.say(4, "/subscribe Atlantis")
    assert reply.plain_text == (
        "❓ لم أعرف: Atlantis\nلا منطقة بهذا الاسم ولا باسم يشبهه؛ اختر من القائمة: /regions"
    )
