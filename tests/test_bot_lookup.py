"""Subscribing by name through the real bot: forgiving reading, choices and suggestions as buttons."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.callbacks import PickRegion, decode
from bot.handlers.keyboards import MAX_TERMS_SHOWN, describe_unsettled, picks_keyboard
from nashra.sandbox import SentMessage
from subscriptions.service import parse_regions
from tests.bot_harness import ADMIN, BotHarness, running_bot

GROUP = -100700
GROUP_ADMIN = 71
GROUP_MEMBER = 72


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


def pick_for(message: SentMessage, code: str) -> dict:
    """The button of ``message`` that picks ``code``."""
    for button in message.buttons():
        press = decode(button["callback_data"])
        if isinstance(press, PickRegion) and press.code == code:
            return button
    raise AssertionError(f"no button for {code} in {[b['text'] for b in message.buttons()]}")


async def test_english_city_name_subscribes(harness: BotHarness) -> None:
    reply = await harness.say(1, "/subscribe Mosul")
    assert await harness.regions_of(1) == ["IQ-NI"]
    assert reply.plain_text.startswith("✅")


async def test_a_city_subscribed_to_is_named_beside_its_region(harness: BotHarness) -> None:
    reply = await harness.say(16, "اشترك صيدا")

    assert reply.plain_text.splitlines()[0] == "✅ اشتركت في: صيدا — محافظة الجنوب (لبنان)"


async def test_name_with_a_preposition_subscribes_directly(harness: BotHarness) -> None:
    reply = await harness.say(2, "اشترك بدرعا")
    assert await harness.regions_of(2) == ["SY-DR"]
    assert "هل تقصد" not in reply.plain_text and not reply.buttons()


async def test_tripoli_lebanon_is_lebanons_tripoli_only(harness: BotHarness) -> None:
    await harness.say(3, "اشترك طرابلس لبنان")
    assert await harness.regions_of(3) == ["LB-AS"]


async def test_tripoli_of_the_levant_suggests_nothing_else(harness: BotHarness) -> None:
    reply = await harness.say(4, "اشترك طرابلس الشام")
    assert await harness.regions_of(4) == ["LB-AS"]
    assert "رأس الخيمة" not in reply.plain_text and not reply.buttons()


async def test_bare_shared_name_asks_with_buttons_and_a_press_subscribes(harness: BotHarness) -> None:
    question = await harness.say(5, "اشترك طرابلس")
    assert await harness.regions_of(5) == []
    assert "أكثر من مكان" in question.plain_text
    labels = [b["text"] for b in question.buttons()]
    assert any("ليبيا" in label for label in labels) and any("لبنان" in label for label in labels)
    shown = await harness.press(5, question.message_id, pick_for(question, "LB-AS")["callback_data"])
    assert await harness.regions_of(5) == ["LB-AS"]
    assert "اشتركت" in harness.api.callback_answers[-1]["text"]
    assert pick_for(shown, "LB-AS")["text"].startswith("✓")
    assert not pick_for(shown, "LY-TB")["text"].startswith("✓")


async def test_oman_or_amman_is_asked(harness: BotHarness) -> None:
    question = await harness.say(6, "/subscribe عمان")
    assert await harness.regions_of(6) == []
    assert pick_for(question, "OM") and pick_for(question, "JO-AM")


async def test_oman_in_a_typed_list_of_countries_is_subscribed_unasked(harness: BotHarness) -> None:
    reply = await harness.say(6, "/subscribe سوريا، عمان، الأردن")

    assert sorted(await harness.regions_of(6)) == ["JO", "OM", "SY"]
    assert not reply.buttons()


async def test_oman_and_jordan_joined_by_and_subscribes_both_countries(harness: BotHarness) -> None:
    reply = await harness.say(6, "/subscribe عمان والأردن")

    assert sorted(await harness.regions_of(6)) == ["JO", "OM"]
    assert not reply.buttons()


async def test_unsubscribing_a_list_stops_the_shared_place_the_chat_follows(harness: BotHarness) -> None:
    await harness.say(6, "/subscribe إربد، عمان")
    await harness.say(6, "/subscribe سوريا")
    assert await harness.regions_of(6) == ["JO-AM", "JO-IR", "SY"]

    await harness.say(6, "/unsubscribe سوريا، عمان")

    assert await harness.regions_of(6) == ["JO-IR"]


async def test_a_shared_name_after_and_is_quoted_as_the_name(harness: BotHarness) -> None:
    reply = await harness.say(6, "/subscribe حلب وطرابلس")

    assert "«طرابلس» اسم لأكثر من مكان" in reply.plain_text
    assert "وطرابلس" not in reply.plain_text


async def test_every_suggestion_is_a_button_that_subscribes(harness: BotHarness) -> None:
    reply = await harness.say(7, "/subscribe دراعا")
    assert "هل تقصد" in reply.plain_text
    await harness.press(7, reply.message_id, pick_for(reply, "SY-DR")["callback_data"])
    assert await harness.regions_of(7) == ["SY-DR"]


async def test_unsubscribing_a_shared_name_removes_the_one_followed(harness: BotHarness) -> None:
    await harness.say(8, "/subscribe طرابلس لبنان، درعا")
    reply = await harness.say(8, "/unsubscribe طرابلس")
    assert await harness.regions_of(8) == ["SY-DR"]
    assert "ألغيت" in reply.plain_text


async def test_unsubscribe_choice_button_unsubscribes(harness: BotHarness) -> None:
    await harness.say(9, "/subscribe طرابلس لبنان، طرابلس الغرب")
    question = await harness.say(9, "/unsubscribe طرابلس")
    assert await harness.regions_of(9) == ["LB-AS", "LY-TB"]
    await harness.press(9, question.message_id, pick_for(question, "LY-TB")["callback_data"])
    assert await harness.regions_of(9) == ["LB-AS"]


async def test_group_member_cannot_pick_for_the_group(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup")
    harness.api.set_admins(GROUP, [GROUP_ADMIN])
    question = await harness.say(GROUP, "/subscribe طرابلس", user_id=GROUP_ADMIN)
    data = pick_for(question, "LB-AS")["callback_data"]
    answers = len(harness.api.callback_answers)
    harness.api.user_presses(GROUP, question.message_id, data, user_id=GROUP_MEMBER)
    await harness.settle()
    assert len(harness.api.callback_answers) == answers + 1
    assert "لمشرفيها" in harness.api.callback_answers[-1]["text"]
    assert await harness.regions_of(GROUP) == []


async def test_forged_pick_is_ignored(harness: BotHarness) -> None:
    question = await harness.say(10, "/subscribe طرابلس")
    harness.api.user_presses(10, question.message_id, "pk:+:ZZ-QQ", unchecked=True)
    harness.api.user_presses(10, question.message_id, "pk:*:LB-AS", unchecked=True)
    await harness.settle()
    assert await harness.regions_of(10) == []


async def test_a_long_message_does_not_hold_up_other_chats(harness: BotHarness, shared_dir: Path) -> None:
    """The longest message the bot accepts, of ordinary news words, then another chat's /help."""
    limit = harness.services.config.telegram.max_input_chars
    row = json.loads((shared_dir / "real" / "xlsum_ar_165.jsonl").open(encoding="utf-8").readline())
    words = row["text"].split()
    message = "/subscribe " + " ".join(words)[: limit - len("/subscribe ")]
    harness.api.user_says(11, message)
    reply = await harness.say(12, "/help", timeout=5)
    assert "/subscribe" in reply.plain_text
    (answer,) = await harness.api.wait_for(11, 1, timeout=5)
    assert await harness.regions_of(11) == []
    assert "لم أجد في رسالتك قائمة" in answer.plain_text


async def test_topic_with_a_shared_name_lists_the_regions_it_may_mean(harness: BotHarness) -> None:
    forum = -100701
    harness.api.chat(forum, "supergroup", is_forum=True)
    harness.api.set_admins(forum, [GROUP_ADMIN])
    reply = await harness.say(forum, "/topic طرابلس، درعا", thread_id=5, user_id=GROUP_ADMIN)
    assert "درعا" in reply.plain_text and "أكثر من مكان" in reply.plain_text
    assert "ليبيا" in reply.plain_text and "لبنان" in reply.plain_text
    assert not reply.buttons()
    assert await harness.services.subscriptions.topics(forum) == {"SY-DR": 5}


async def test_alert_with_a_shared_name_sends_nothing_and_names_the_choices(harness: BotHarness) -> None:
    await harness.say(13, "/subscribe طرابلس الغرب")
    reply = await harness.say(ADMIN, "/alert طرابلس | تنبيه")
    assert "أكثر من مكان" in reply.plain_text
    assert any("ليبيا" in button["text"] for button in reply.buttons())
    assert all("تنبيه" not in message.plain_text for message in harness.api.sent_to(13))


async def test_unsubscribing_a_shared_name_followed_nowhere_says_so(harness: BotHarness) -> None:
    await harness.say(14, "/subscribe درعا")
    reply = await harness.say(14, "/unsubscribe طرابلس")
    assert "لم تكن مشتركاً" in reply.plain_text and not reply.buttons()
    assert await harness.regions_of(14) == ["SY-DR"]


async def test_subscribe_with_only_filler_words_explains_usage(harness: BotHarness) -> None:
    reply = await harness.say(15, "/subscribe in the")
    assert "/subscribe" in reply.plain_text
    assert await harness.regions_of(15) == []


def test_a_reply_names_five_unsettled_terms_and_counts_the_rest() -> None:
    parsed = parse_regions("دراعا، دمشك، حلبب، حمصص، ادلبب، طرطوسس، حماهه")
    lines = describe_unsettled(parsed, "ar")
    assert sum(line.startswith("❓") for line in lines) == MAX_TERMS_SHOWN
    assert "وبقي اسمان" in lines[-1]
    markup = picks_keyboard(parsed, "ar", subscribe=True)
    assert markup is not None
    offered = {decode(row[0].callback_data).code for row in markup.inline_keyboard}
    shown = {code for term in parsed.unknown[:MAX_TERMS_SHOWN] for code in parsed.suggestions[term]}
    assert offered == shown


def test_every_shared_name_a_reply_asks_about_has_all_its_buttons() -> None:
    # 5 + 2 + 2 + 2 + 3 + 2 choices: more than one keyboard holds.
    parsed = parse_regions("الطيبة، عمان، طرابلس، رفح، الزهراء، أدرار")
    lines = describe_unsettled(parsed, "ar")
    markup = picks_keyboard(parsed, "ar", subscribe=True)

    assert markup is not None
    offered = {decode(row[0].callback_data).code for row in markup.inline_keyboard}
    asked = [term for term in parsed.ambiguous if any(f"«{term}»" in line for line in lines)]
    assert asked and all(set(parsed.suggestions[term]) <= offered for term in asked)
    assert "اكتب الباقي في رسالة أخرى" in lines[-1]
