"""What subscribers type to drop a region, stop or restart the sending, in MSA, dialect and English.

A stop verb followed by regions («أوقف حلب») drops them; alone, or followed by what is sent («وقف
التنبيهات»), it pauses. In a group, where the same words are talk among members, only the formal verbs
and a stop naming what is sent are requests.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.handlers.text_commands import split_verb
from subscriptions import parse_regions
from tests.bot_harness import BotHarness, running_bot

GROUP = -100_555

DROPPING_ALEPPO = [
    "أوقف حلب",
    "أَوْقِفْ حلب",
    "أوقف أخبار حلب",
    "ألغِ حلب",
    "احذف حلب",
    "احذف بحلب",
    "أزل حلب",
    "بدون حلب",
    "لا أريد أخبار حلب",
    "لا اريد حلب",
    "ما بدي حلب",
    "مابدي حلب",
    "وقف اخبار حلب",
    "شيل حلب",
    "stop Aleppo",
    "remove Aleppo",
    "no more Aleppo",
    "I don't want Aleppo news",
]


@pytest.mark.parametrize("message", DROPPING_ALEPPO)
def test_an_everyday_order_to_drop_a_region_reads_as_unsubscribing(message: str) -> None:
    found = split_verb(message, private=True)

    assert found is not None and found[0] == "unsubscribe"


@pytest.mark.parametrize(
    "message",
    ["ما ابغى اخبار الرياض", "مش عايز اخبار اسكندرية", "ما أبي أخبار جدة"],
)
def test_not_wanting_in_gulf_and_egyptian_dialect_reads_as_unsubscribing(message: str) -> None:
    found = split_verb(message, private=True)

    assert found is not None and found[0] == "unsubscribe"


@pytest.mark.parametrize(
    "message",
    ["أوقف", "أوقف الإرسال", "أوقف الكل", "وقف التنبيهات", "وقّف الرسايل لو سمحت", "بطل الرسايل", "stop"],
)
def test_a_stop_alone_or_naming_what_is_sent_pauses_in_a_private_chat(message: str) -> None:
    assert split_verb(message, private=True) == ("pause", "")


@pytest.mark.parametrize("message", ["رجعها", "شغل التنبيهات", "resume", "استأنف"])
def test_a_dialect_order_to_switch_the_sending_back_on_resumes_in_a_private_chat(message: str) -> None:
    assert split_verb(message, private=True) == ("resume", "")


@pytest.mark.parametrize(
    "message", ["لا أريد أن أذهب معكم", "احذف الرابط", "stop it", "أوقف", "رجعها", "بدون حلب"]
)
def test_in_a_group_everyday_words_are_no_request(message: str) -> None:
    assert split_verb(message) is None


@pytest.mark.parametrize("message", ["أوقف النشرة؟", "احذف حلب؟"])
def test_a_question_with_a_stop_verb_is_no_request(message: str) -> None:
    assert split_verb(message, private=True) is None


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


@pytest.mark.parametrize("message", ["أوقف حلب", "لا أريد أخبار حلب", "شيل حلب", "stop Aleppo"])
async def test_stopping_a_named_region_unsubscribes_from_it_alone(harness: BotHarness, message: str) -> None:
    await harness.say(31, "اشترك حلب ودرعا")

    reply = await harness.say(31, message)

    assert reply.plain_text == "❎ ألغيت الاشتراك في: حلب (سوريا)"
    assert await harness.regions_of(31) == ["SY-DR"]
    subscriber = await harness.services.subscriptions.get(31)
    assert subscriber is not None and not subscriber.paused


async def test_stop_alone_pauses_and_bring_it_back_resumes(harness: BotHarness) -> None:
    await harness.say(32, "اشترك حلب")

    paused = await harness.say(32, "أوقف")
    held = await harness.services.subscriptions.get(32)
    resumed = await harness.say(32, "رجعها")

    assert paused.plain_text == "⏸ أوقفت الإرسال مؤقتاً. /resume للاستئناف."
    assert held is not None and held.paused
    assert resumed.plain_text == "▶️ استأنفت الإرسال."
    assert await harness.regions_of(32) == ["SY-HL"]


async def test_stop_all_pauses_rather_than_unsubscribing_from_everything(harness: BotHarness) -> None:
    await harness.say(33, "اشترك حلب")

    await harness.say(33, "أوقف الكل")

    subscriber = await harness.services.subscriptions.get(33)
    assert subscriber is not None and subscriber.paused
    assert await harness.regions_of(33) == ["SY-HL"]


async def test_group_talk_with_everyday_words_gets_no_reply(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup", title="الحي")
    harness.api.user_says(GROUP, "لا أريد أن أذهب معكم", chat_type="supergroup", user_id=5)

    await harness.settle()

    assert harness.api.sent_to(GROUP) == []


@pytest.mark.parametrize(
    ("message", "read"),
    [
        ("خلاص ما ابغى حلب", ("unsubscribe", "حلب")),
        ("please unsubscribe me from Riyadh", ("unsubscribe", "Riyadh")),
        ("لو سمحت احذف حلب", ("unsubscribe", "حلب")),
        ("وش اشتراكاتي؟", ("mysubs", "")),
    ],
)
def test_interjections_and_politeness_before_the_request_change_nothing(
    message: str, read: tuple[str, str]
) -> None:
    assert split_verb(message, private=True) == read


@pytest.mark.parametrize("message", ["ايش مشترك فيه", "what am I subscribed to?", "my subscriptions"])
def test_asking_what_one_follows_lists_the_subscriptions(message: str) -> None:
    found = split_verb(message, private=True)

    assert found is not None and found[0] == "mysubs"


@pytest.mark.parametrize(
    ("message", "rest"), [("أضف دبي", "دبي"), ("زيد الكويت", "الكويت"), ("add Jeddah", "Jeddah")]
)
def test_an_order_to_add_a_region_subscribes_in_a_private_chat(message: str, rest: str) -> None:
    assert split_verb(message, private=True) == ("subscribe", rest)
    assert split_verb(message) is None


@pytest.mark.parametrize("message", ["بطل ترسل", "لا ترسل لي شي", "turn off notifications"])
def test_asking_not_to_be_sent_anything_pauses(message: str) -> None:
    assert split_verb(message, private=True) == ("pause", "")


@pytest.mark.parametrize("message", ["النشرة", "ابي النشرة الحين", "أخبار اليوم", "news"])
def test_asking_for_the_news_now_is_asking_for_the_digest(message: str) -> None:
    assert split_verb(message, private=True) == ("digest", "")


def test_the_news_of_a_place_is_no_request_for_the_digest() -> None:
    assert split_verb("أخبار حلب", private=True) is None


async def test_a_dialect_order_to_add_a_region_subscribes_to_it(harness: BotHarness) -> None:
    reply = await harness.say(34, "ضيف الكويت")

    assert reply.plain_text.startswith("✅ اشتركت في: الكويت")
    assert await harness.regions_of(34) == ["KW"]


async def test_an_egyptian_no_more_with_again_drops_the_region_naming_nothing_unknown(
    harness: BotHarness,
) -> None:
    await harness.say(35, "/subscribe EG-ALX, SY-HL")

    reply = await harness.say(35, "مش عايز الاسكندرية تاني")

    assert reply.plain_text == "❎ ألغيت الاشتراك في: الإسكندرية (مصر)"
    assert await harness.regions_of(35) == ["SY-HL"]


async def test_asking_for_the_news_now_answers_as_digest_does(harness: BotHarness) -> None:
    await harness.say(36, "اشترك حلب")

    reply = await harness.say(36, "ابي النشرة الحين")

    assert reply.plain_text == (await harness.say(36, "/digest")).plain_text


TALK_NAMING_ALEPPO = [
    "لا أريد أن أوقف حلب عن باله",
    "وقف حلب إلى جانب روسيا",
    "وقف إطلاق النار في حلب",
    "«أوقف حلب» قالها صديقي",
    '"أوقف حلب" قالها صديقي',
]


@pytest.mark.parametrize("talk", TALK_NAMING_ALEPPO)
async def test_a_sentence_starting_with_an_everyday_verb_keeps_the_subscriptions(
    harness: BotHarness, talk: str
) -> None:
    await harness.say(40, "اشترك حلب دمشق")

    await harness.say(40, talk)

    assert await harness.regions_of(40) == ["SY-DI", "SY-HL"]


@pytest.mark.parametrize("talk", TALK_NAMING_ALEPPO[:3])
def test_an_everyday_verb_followed_by_a_sentence_is_only_talk(talk: str) -> None:
    assert split_verb(talk, private=True) == ("talk", "")


async def test_talk_starting_with_an_everyday_verb_gets_the_help_and_no_buttons(harness: BotHarness) -> None:
    await harness.say(41, "اشترك حلب")

    reply = await harness.say(41, "وقف حلب إلى جانب روسيا")

    assert reply.plain_text == (await harness.say(41, "/help")).plain_text
    assert reply.buttons() == []


@pytest.mark.parametrize("talk", ["بدون شك", "ما أبي شي"])
async def test_everyday_talk_gets_no_unsubscribe_button_for_a_town_it_resembles(
    harness: BotHarness, talk: str
) -> None:
    await harness.say(42, "اشترك حلب")

    reply = await harness.say(42, talk)

    assert not any(button["callback_data"].startswith("pk:-:") for button in reply.buttons())


@pytest.mark.parametrize("said", ["أوقف أخبار حلب لو سمحت", "شيل حلب ودمشق", "ما بدي كل حلب"])
def test_an_everyday_verb_followed_by_names_and_request_words_is_a_request(said: str) -> None:
    assert split_verb(said, private=True) is not None
    assert split_verb(said, private=True)[0] == "unsubscribe"


@pytest.mark.parametrize("said", ["stop it", "please unsubscribe us"])
async def test_an_english_pronoun_is_not_a_country_code(harness: BotHarness, said: str) -> None:
    await harness.say(43, "/lang en")
    await harness.say(43, "subscribe Italy, United States, Aleppo")

    await harness.say(43, said)

    assert await harness.regions_of(43) == ["IT", "SY-HL", "US"]


async def test_stop_it_when_italy_is_not_followed_does_not_answer_about_italy(harness: BotHarness) -> None:
    await harness.say(44, "/lang en")
    await harness.say(44, "subscribe Aleppo")

    reply = await harness.say(44, "stop it")

    assert "Italy" not in reply.plain_text


async def test_country_codes_in_capitals_still_subscribe(harness: BotHarness) -> None:
    await harness.say(45, "/subscribe IT")
    await harness.say(45, "/subscribe SA")

    assert await harness.regions_of(45) == ["IT", "SA"]


async def test_a_question_with_a_formal_verb_in_a_group_changes_nothing(harness: BotHarness) -> None:
    harness.api.set_admins(GROUP, [7])
    await harness.say(GROUP, "/subscribe حلب", user_id=7)
    before = len(harness.api.sent_to(GROUP))

    harness.api.user_says(GROUP, "الغاء حلب؟", user_id=7)
    await harness.settle()

    assert await harness.regions_of(GROUP) == ["SY-HL"]
    assert harness.api.sent_to(GROUP)[before:] == []


@pytest.mark.parametrize("talk", ["تابع معنا البث المباشر", "اشترك معنا في حلب للتطوع"])
async def test_a_formal_verb_followed_by_talk_in_a_group_gets_no_reply(
    harness: BotHarness, talk: str
) -> None:
    harness.api.set_admins(GROUP, [7])
    await harness.say(GROUP, "/subscribe دمشق", user_id=7)
    before = len(harness.api.sent_to(GROUP))

    harness.api.user_says(GROUP, talk, user_id=7)
    await harness.settle()

    assert await harness.regions_of(GROUP) == ["SY-DI"]
    assert harness.api.sent_to(GROUP)[before:] == []


@pytest.mark.parametrize("word", ["it", "us", "no"])
def test_a_lower_case_english_word_names_no_region(word: str) -> None:
    assert parse_regions(word).codes == []


@pytest.mark.parametrize(
    ("word", "codes"),
    [("it", ["IT"]), ("no", ["NO"]), ("in", []), ("me", []), ("IN", ["IN"]), ("ME", ["ME"])],
)
def test_a_command_s_lone_argument_is_a_code_in_any_case_unless_a_lower_case_filler(
    word: str, codes: list[str]
) -> None:
    assert parse_regions(word, command=True).codes == codes


def test_a_lower_case_code_alone_that_is_no_english_word_is_still_a_code() -> None:
    assert parse_regions("sy").codes == ["SY"]
