"""Plain-text commands: the words of the request around the verb are not read as region names."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.handlers.text_commands import split_verb, without_mention
from tests.bot_harness import BotHarness, running_bot


@pytest.mark.parametrize(
    ("message", "read"),
    [
        ("ألغي اشتراكي في حلب", ("unsubscribe", "حلب")),
        ("الغاء اشتراكي بحلب", ("unsubscribe", "بحلب")),
        ("Subscribe me to Aleppo", ("subscribe", "Aleppo")),
        ("unsubscribe me from Aleppo", ("unsubscribe", "Aleppo")),
        ("unsubscribe my subscription to Aleppo", ("unsubscribe", "Aleppo")),
    ],
)
def test_the_object_of_the_verb_is_no_region_name(message: str, read: tuple[str, str]) -> None:
    assert split_verb(message) == read


@pytest.mark.parametrize(
    ("message", "read"),
    [("اشتركني بدرعا", ("subscribe", "بدرعا")), ("الاشتراك في حلب", ("subscribe", "حلب"))],
)
def test_subscribe_me_and_the_noun_are_requests_to_subscribe(message: str, read: tuple[str, str]) -> None:
    assert split_verb(message) == read


def test_my_subscription_in_the_singular_lists_the_subscriptions() -> None:
    assert split_verb("اشتراكي؟") == ("mysubs", "")


def test_the_lines_of_a_list_after_the_object_stay_lines() -> None:
    assert split_verb("الغاء اشتراكي\nحلب\nدمشق") == ("unsubscribe", "حلب\nدمشق")


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("أوقف النشرة", "pause"),
        ("إيقاف الإرسال مؤقتاً", "pause"),
        ("أوقف لي النشرة", "pause"),
        ("Pause the digests", "pause"),
        ("استأنف الإرسال", "resume"),
        ("resume the digest", "resume"),
    ],
)
def test_pausing_and_resuming_are_asked_for_in_a_phrase(message: str, kind: str) -> None:
    assert split_verb(message) == (kind, "")


@pytest.mark.parametrize("message", ["أوقف", "pause", "resume", "أوقف حلب", "أوقف النشرة عن حلب"])
def test_in_a_group_a_bare_verb_or_one_naming_anything_else_is_no_request_to_pause(message: str) -> None:
    assert split_verb(message) is None


@pytest.mark.parametrize(
    "message", ["توقف الإرسال؟", "أوقف النشرة؟", "توقف الإرسال", "أعد النشرة", "شغل التنبيهات"]
)
def test_a_question_or_a_statement_about_the_sending_is_no_request(message: str) -> None:
    assert split_verb(message) is None


def test_in_a_group_a_formal_verb_before_a_misspelt_word_is_no_request() -> None:
    assert split_verb("اشترك مصرر") is None


def test_a_formal_verb_addressed_to_the_bot_takes_what_follows_as_a_command_does() -> None:
    assert split_verb("اشترك مصرر", addressed=True) == ("subscribe", "مصرر")


def test_an_addressed_verb_then_a_sentence_keeps_only_what_names_a_region() -> None:
    assert split_verb("اشترك في الأخبار اللي تخص مصر لو سمحت", addressed=True) == (
        "subscribe",
        "الأخبار ، مصر لو سمحت",
    )


def test_an_addressed_verb_then_thanks_is_no_request() -> None:
    assert split_verb("اشترك، شكرا على جهودكم الرائعة في نقل الأخبار", addressed=True) is None


@pytest.mark.parametrize("word", ["سوريي", "دير الزوو", "موسكوو"])
def test_an_addressed_verb_then_a_misspelt_region_or_city_alone_is_still_read(word: str) -> None:
    assert split_verb(f"اشترك {word}", addressed=True) == ("subscribe", word)


def test_in_a_private_chat_a_formal_verb_then_thanks_is_talk() -> None:
    assert split_verb("اشترك، شكرا على جهودكم", private=True) == ("talk", "")


def test_a_slash_before_the_verb_addresses_it_to_the_bot() -> None:
    assert split_verb("/اشترك مصرر") == ("subscribe", "مصرر")


def test_a_mention_of_the_bot_at_the_start_is_taken_off() -> None:
    assert without_mention("@Nashra_Bot اشترك مصرر", "nashra_bot") == "اشترك مصرر"


@pytest.mark.parametrize("message", ["اشترك مصرر @nashra_bot", "اشترك مصرر، @Nashra_Bot!"])
def test_a_mention_of_the_bot_at_the_end_is_taken_off(message: str) -> None:
    assert without_mention(message, "nashra_bot") == "اشترك مصرر"


@pytest.mark.parametrize(
    "message",
    [
        "اشترك مصرر",
        "@nashra_bot_fan اشترك مصرر",
        "اشترك @nashra_bot مصرر",
        "اشترك مصرر @nashra_bot_fan",
        "اشترك مصرر me@nashra_bot",
    ],
)
def test_a_message_that_neither_starts_nor_ends_with_the_bot_s_mention_has_none(message: str) -> None:
    assert without_mention(message, "nashra_bot") is None


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


async def test_cancelling_my_subscription_to_a_place_names_nothing_unknown(harness: BotHarness) -> None:
    await harness.say(1, "اشترك حلب ودرعا")

    reply = await harness.say(1, "ألغي اشتراكي في حلب")

    assert reply.plain_text == "❎ ألغيت الاشتراك في: حلب (سوريا)"
    assert await harness.regions_of(1) == ["SY-DR"]


@pytest.mark.parametrize(
    "message", ["ألغ الاشتراك كله", "الغ اشتراكي في كل المناطق", "unsubscribe from all regions"]
)
async def test_every_way_of_saying_all_unsubscribes_from_every_region(
    harness: BotHarness, message: str
) -> None:
    await harness.say(21, "/subscribe حلب، درعا")

    await harness.say(21, message)

    assert await harness.regions_of(21) == []


async def test_an_unsubscribe_naming_no_region_does_not_say_the_chat_follows_none(
    harness: BotHarness,
) -> None:
    await harness.say(22, "/subscribe حلب")

    reply = await harness.say(22, "/unsubscribe من فضلك")

    assert reply.plain_text.startswith("اكتب أسماء المناطق بعد الأمر")
    assert await harness.regions_of(22) == ["SY-HL"]


async def test_asking_in_arabic_to_stop_the_digest_pauses_it_and_asking_again_resumes_it(
    harness: BotHarness,
) -> None:
    await harness.say(23, "اشترك درعا")

    paused = await harness.say(23, "أوقف النشرة")
    held = await harness.services.subscriptions.get(23)
    resumed = await harness.say(23, "استأنف الإرسال")

    assert paused.plain_text == "⏸ أوقفت الإرسال مؤقتاً. /resume للاستئناف."
    assert held is not None and held.paused
    assert resumed.plain_text == "▶️ استأنفت الإرسال."
