"""Chat-level behaviour: languages, groups, channels, forgetting, safety, Telegram errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.callbacks import StopAnswer, encode
from bot.context import NashraContext
from bot.handlers.common import send
from bot.handlers.subscriber import STOP_QUESTION_TTL_S
from nashra.sandbox import SentMessage
from nashra.texts import text
from tests.bot_harness import BotHarness, running_bot

GROUP = -100500
GROUP_ADMIN = 77
GROUP_MEMBER = 78
CHANNEL = -100900


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path, max_input_chars=200) as running:
        yield running


async def test_command_menu_is_set_in_arabic_and_english(harness: BotHarness) -> None:
    assert {"ar", "en"} <= set(harness.api.commands)
    arabic = {c["command"]: c["description"] for c in harness.api.commands["ar"]}
    english = {c["command"]: c["description"] for c in harness.api.commands["en"]}
    assert arabic["digest"] == "النشرة الآن" and english["digest"] == "The digest now"


async def test_lang_en_switches_replies_to_english(harness: BotHarness) -> None:
    await harness.say(1, "/lang en")
    reply = await harness.say(1, "/subscribe Daraa")
    assert reply.plain_text.startswith("✅ Subscribed to: Daraa (Syria)")


def _delete_button(question: SentMessage) -> str:
    """The data of /stop's "delete my data" button, as the question shows it."""
    return str(question.buttons()[0]["callback_data"])


async def _subscribed_a_day_ago(harness: BotHarness, chat_id: int) -> None:
    """The chat's row as a chat that subscribed yesterday has it (rows are stamped to the second)."""
    async with harness.services.db.transaction() as conn:
        await conn.execute(
            "UPDATE subscribers SET created_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', created_at, '-1 day') "
            "WHERE chat_id = ?",
            (chat_id,),
        )


def _keep_button(question: SentMessage) -> str:
    return str(question.buttons()[1]["callback_data"])


async def test_stop_asks_before_deleting_anything(harness: BotHarness) -> None:
    await harness.say(2, "/subscribe درعا، حلب")

    question = await harness.say(2, "/stop")

    assert "هل أحذف كل بياناتك" in question.plain_text
    assert [b["text"] for b in question.buttons()] == [text("ar", "stop_yes"), text("ar", "stop_no")]
    assert await harness.regions_of(2) == ["SY-DR", "SY-HL"]


async def test_stop_confirmed_deletes_the_subscriber_rows(harness: BotHarness) -> None:
    await harness.say(2, "/subscribe درعا، حلب")
    await harness.say(2, "/time 07:30 Asia/Damascus")
    question = await harness.say(2, "/stop")

    done = await harness.press(2, question.message_id, _delete_button(question))

    assert "حذفت" in done.plain_text and not done.buttons()
    db = harness.services.db
    assert await db.fetchall("SELECT * FROM subscribers WHERE chat_id = 2") == []
    assert await db.fetchall("SELECT * FROM subscriptions WHERE chat_id = 2") == []


async def test_stop_answered_keep_deletes_nothing(harness: BotHarness) -> None:
    await harness.say(2, "/subscribe درعا")
    question = await harness.say(2, "/stop")

    kept = await harness.press(2, question.message_id, _keep_button(question))

    assert kept.plain_text == text("ar", "stop_kept") and not kept.buttons()
    assert await harness.regions_of(2) == ["SY-DR"]


async def test_a_double_tap_on_the_confirmation_is_answered_twice_deletes_once(harness: BotHarness) -> None:
    await harness.say(2, "/subscribe درعا")
    question = await harness.say(2, "/stop")
    answers = len(harness.api.callback_answers)

    for _ in range(2):
        harness.api.user_presses(2, question.message_id, _delete_button(question))
    await harness.settle()

    assert len(harness.api.callback_answers) == answers + 2
    assert harness.api.message(2, question.message_id).plain_text == text("ar", "stopped")
    assert await harness.services.subscriptions.get(2) is None
    await harness.say(2, "/subscribe حلب")
    assert await harness.regions_of(2) == ["SY-HL"]


async def test_a_stale_confirmation_deletes_nothing(harness: BotHarness) -> None:
    await harness.say(2, "/subscribe درعا")
    question = await harness.say(2, "/stop")
    harness.api.message(2, question.message_id).date -= STOP_QUESTION_TTL_S + 60

    expired = await harness.press(2, question.message_id, _delete_button(question))

    assert expired.plain_text == text("ar", "stop_expired") and not expired.buttons()
    assert await harness.regions_of(2) == ["SY-DR"]


@pytest.mark.parametrize("a_day_old", [True, False], ids=["subscribed a day ago", "all within one second"])
async def test_an_older_stop_question_deletes_nothing_chosen_after_a_newer_one_deleted(
    harness: BotHarness, a_day_old: bool
) -> None:
    """Rows are stamped to the second, and without the day all of this happens within one: the question
    names the life of the row it was asked about, which the chat started again does not have."""
    await harness.say(2, "/subscribe درعا")
    if a_day_old:
        await _subscribed_a_day_ago(harness, 2)
    first = await harness.say(2, "/stop")
    second = await harness.say(2, "/stop")
    await harness.press(2, second.message_id, _delete_button(second))
    await harness.say(2, "/subscribe حلب")

    late = await harness.press(2, first.message_id, _delete_button(first))

    assert late.plain_text == text("ar", "stop_expired") and not late.buttons()
    assert await harness.regions_of(2) == ["SY-HL"]


async def test_keep_on_a_question_whose_data_another_deleted_does_not_claim_it_is_kept(
    harness: BotHarness,
) -> None:
    await harness.say(2, "/subscribe درعا")
    first = await harness.say(2, "/stop")
    second = await harness.say(2, "/stop")
    await harness.press(2, second.message_id, _delete_button(second))

    kept = await harness.press(2, first.message_id, _keep_button(first))

    assert kept.plain_text == text("ar", "stop_expired")


async def test_a_confirmation_forged_onto_another_message_deletes_nothing(harness: BotHarness) -> None:
    await harness.say(2, "/subscribe درعا")
    keyboard = await harness.say(2, "/regions")
    answers = len(harness.api.callback_answers)

    harness.api.user_presses(2, keyboard.message_id, encode(StopAnswer(True, since=1)), unchecked=True)
    await harness.settle()

    assert len(harness.api.callback_answers) == answers + 1
    assert await harness.regions_of(2) == ["SY-DR"]


async def test_stop_asks_in_english_on_request(harness: BotHarness) -> None:
    await harness.say(2, "/lang en")
    await harness.say(2, "/subscribe Daraa")

    question = await harness.say(2, "/stop")

    assert question.plain_text == text("en", "stop_confirm")
    assert [b["text"] for b in question.buttons()] == ["Delete my data 🗑", "Keep my data"]


async def test_stop_with_nothing_stored_asks_nothing(harness: BotHarness) -> None:
    reply = await harness.say(2, "/stop")

    assert reply.plain_text == text("ar", "stop_nothing") and not reply.buttons()


async def test_time_sets_the_personal_digest_time(harness: BotHarness) -> None:
    reply = await harness.say(3, "/time 7:05 Asia/Riyadh")
    assert "07:05" in reply.plain_text
    subscriber = await harness.services.subscriptions.get(3)
    assert subscriber is not None and (subscriber.digest_time, subscriber.timezone) == (
        "07:05",
        "Asia/Riyadh",
    )


@pytest.mark.parametrize("word", ["off", "إلغاء", "بدون"])
async def test_time_off_returns_the_chat_to_the_configured_schedule(harness: BotHarness, word: str) -> None:
    await harness.say(3, "/time 7:05 Asia/Riyadh")
    reply = await harness.say(3, f"/time {word}")
    subscriber = await harness.services.subscriptions.get(3)
    assert subscriber is not None and (subscriber.digest_time, subscriber.timezone) == (None, None)
    assert reply.plain_text.startswith(text("ar", "time_cleared"))


async def test_time_with_unknown_zone_names_it(harness: BotHarness) -> None:
    reply = await harness.say(3, "/time 07:00 Mars/Olympus")
    assert "Mars/Olympus" in reply.plain_text


async def test_pause_and_resume(harness: BotHarness) -> None:
    await harness.say(4, "/subscribe درعا")
    await harness.say(4, "/pause")
    assert (await harness.services.subscriptions.get(4)).paused
    await harness.say(4, "/resume")
    assert not (await harness.services.subscriptions.get(4)).paused


async def test_group_member_who_is_not_admin_is_refused(harness: BotHarness) -> None:
    harness.api.set_admins(GROUP, [GROUP_ADMIN])
    reply = await harness.say(GROUP, "/subscribe درعا", user_id=GROUP_MEMBER)
    assert "لمشرفيها فقط" in reply.plain_text
    assert await harness.regions_of(GROUP) == []


@pytest.mark.parametrize(
    ("command", "refusal"),
    [
        ("/format headlines", "group_admins_only_format"),
        ("/time 9:00", "group_admins_only_time"),
        ("/lang en", "group_admins_only_language"),
        ("/pause", "group_admins_only_pause"),
    ],
)
async def test_a_members_refusal_names_the_setting_tried(
    harness: BotHarness, command: str, refusal: str
) -> None:
    harness.api.set_admins(GROUP, [GROUP_ADMIN])
    reply = await harness.say(GROUP, command, user_id=GROUP_MEMBER)
    assert reply.plain_text == text("ar", refusal)


async def test_group_admin_subscribes_the_group(harness: BotHarness) -> None:
    harness.api.set_admins(GROUP, [GROUP_ADMIN])
    await harness.say(GROUP, "/subscribe@nashra_sandbox_bot درعا", user_id=GROUP_ADMIN)
    assert await harness.regions_of(GROUP) == ["SY-DR"]
    assert (await harness.services.subscriptions.get(GROUP)).kind == "supergroup"


async def test_a_misspelt_region_after_a_slashed_arabic_verb_in_a_group_gets_suggestions(
    harness: BotHarness,
) -> None:
    harness.api.set_admins(GROUP, [GROUP_ADMIN])

    reply = await harness.say(GROUP, "/اشترك مصرر", user_id=GROUP_ADMIN)

    assert "هل تقصد: مصر" in reply.plain_text and reply.buttons()


async def test_a_misspelt_region_after_a_verb_that_mentions_the_bot_gets_suggestions(
    harness: BotHarness,
) -> None:
    harness.api.set_admins(GROUP, [GROUP_ADMIN])

    reply = await harness.say(GROUP, "@nashra_sandbox_bot اشترك سوريي", user_id=GROUP_ADMIN)

    assert "هل تقصد: سوريا" in reply.plain_text


async def test_a_request_that_ends_with_the_bot_s_mention_is_answered_in_a_group(harness: BotHarness) -> None:
    harness.api.set_admins(GROUP, [GROUP_ADMIN])

    reply = await harness.say(GROUP, "اشترك مصر @nashra_sandbox_bot", user_id=GROUP_ADMIN)

    assert reply.plain_text.startswith("✅ اشتركت المجموعة في: مصر")
    assert await harness.regions_of(GROUP) == ["EG"]


async def test_thanks_after_a_verb_that_mentions_the_bot_get_no_reply_in_a_group(harness: BotHarness) -> None:
    harness.api.set_admins(GROUP, [GROUP_ADMIN])

    harness.api.user_says(
        GROUP, "@nashra_sandbox_bot اشترك، شكرا على جهودكم الرائعة في نقل الأخبار", user_id=GROUP_ADMIN
    )
    await harness.settle()

    assert harness.api.sent_to(GROUP) == []


async def test_a_request_in_a_sentence_that_mentions_the_bot_offers_nothing_for_its_other_words(
    harness: BotHarness,
) -> None:
    harness.api.set_admins(GROUP, [GROUP_ADMIN])

    reply = await harness.say(
        GROUP, "@nashra_sandbox_bot اشترك في الأخبار اللي تخص مصر لو سمحت", user_id=GROUP_ADMIN
    )

    assert reply.plain_text.startswith("✅ اشتركت المجموعة في: مصر") and "لم أعرف" not in reply.plain_text
    assert await harness.regions_of(GROUP) == ["EG"]


async def test_a_verb_and_a_misspelt_word_not_addressed_to_the_bot_stays_group_talk(
    harness: BotHarness,
) -> None:
    harness.api.set_admins(GROUP, [GROUP_ADMIN])

    harness.api.user_says(GROUP, "اشترك معنا", user_id=GROUP_ADMIN)
    await harness.settle()

    assert harness.api.sent_to(GROUP) == []


async def test_a_mention_of_the_bot_without_a_request_gets_no_reply_in_a_group(harness: BotHarness) -> None:
    harness.api.user_says(GROUP, "@nashra_sandbox_bot شكراً لك", user_id=GROUP_MEMBER)
    await harness.settle()

    assert harness.api.sent_to(GROUP) == []


async def test_a_group_member_who_is_not_admin_cannot_confirm_the_groups_stop(harness: BotHarness) -> None:
    harness.api.set_admins(GROUP, [GROUP_ADMIN])
    await harness.say(GROUP, "/subscribe@nashra_sandbox_bot درعا", user_id=GROUP_ADMIN)
    question = await harness.say(GROUP, "/stop@nashra_sandbox_bot", user_id=GROUP_ADMIN)
    answers = len(harness.api.callback_answers)

    harness.api.user_presses(GROUP, question.message_id, _delete_button(question), user_id=GROUP_MEMBER)
    await harness.settle()

    assert harness.api.callback_answers[answers]["text"] == text("ar", "group_admins_only_stop")
    assert await harness.regions_of(GROUP) == ["SY-DR"]


async def test_channel_post_subscribes_the_channel(harness: BotHarness) -> None:
    harness.api.chat(CHANNEL, "channel")
    await harness.say(CHANNEL, "/subscribe حلب")
    assert await harness.regions_of(CHANNEL) == ["SY-HL"]


async def test_channel_reader_cannot_press_the_channels_region_buttons(harness: BotHarness) -> None:
    harness.api.chat(CHANNEL, "channel")
    harness.api.set_admins(CHANNEL, [GROUP_ADMIN])
    keyboard = await harness.say(CHANNEL, "/regions")
    await harness.press(CHANNEL, keyboard.message_id, "rg:s:SY:0", user_id=GROUP_ADMIN)
    whole_country = next(
        b["callback_data"] for b in keyboard.buttons() if b["callback_data"].startswith("rg:t:SY")
    )
    harness.api.user_presses(CHANNEL, keyboard.message_id, whole_country, user_id=GROUP_MEMBER)
    await harness.settle()
    assert await harness.regions_of(CHANNEL) == []
    await harness.press(CHANNEL, keyboard.message_id, whole_country, user_id=GROUP_ADMIN)
    assert await harness.regions_of(CHANNEL) == ["SY"]


async def test_unknown_command_gets_help(harness: BotHarness) -> None:
    reply = await harness.say(5, "/frobnicate")
    assert "لا أعرف هذا الأمر" in reply.plain_text and "/regions" in reply.plain_text


async def test_a_command_for_another_bot_gets_no_answer(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup")
    harness.api.user_says(GROUP, "/start@weather_bot", user_id=GROUP_MEMBER)
    await harness.say(GROUP, "/mysubs", user_id=GROUP_MEMBER)  # answered after the command before it

    assert not any("لا أعرف هذا الأمر" in m.plain_text for m in harness.api.sent_to(GROUP))


async def test_a_long_command_for_another_bot_is_not_answered_as_too_long(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup")
    harness.api.user_says(GROUP, "/note@weather_bot " + "كلام " * 100, user_id=GROUP_MEMBER)
    await harness.say(GROUP, "/mysubs", user_id=GROUP_MEMBER)

    assert not any("طويلة" in m.plain_text for m in harness.api.sent_to(GROUP))


async def test_an_unknown_bare_command_in_a_group_gets_no_answer(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup")
    harness.api.user_says(GROUP, "/weather", user_id=GROUP_MEMBER)
    await harness.say(GROUP, "/mysubs", user_id=GROUP_MEMBER)  # answered after the command before it

    assert not any("لا أعرف هذا الأمر" in m.plain_text for m in harness.api.sent_to(GROUP))


async def test_an_unknown_command_addressed_to_this_bot_in_a_group_gets_help(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup")
    reply = await harness.say(GROUP, f"/frobnicate@{harness.api.bot['username']}", user_id=GROUP_MEMBER)

    assert "لا أعرف هذا الأمر" in reply.plain_text


async def test_html_in_user_input_is_escaped(harness: BotHarness) -> None:
    reply = await harness.say(6, "/subscribe <b>x</b>&")
    assert "<b>x</b>&" in reply.plain_text
    assert "&lt;b&gt;" in reply.text


async def test_over_long_message_is_refused(harness: BotHarness) -> None:
    reply = await harness.say(6, "/subscribe " + "د" * 300)
    assert "طويلة جداً" in reply.plain_text
    assert await harness.regions_of(6) == []


async def test_flooding_chat_is_warned_once_then_ignored(harness: BotHarness) -> None:
    harness.services.flood.per_minute = 3
    for _ in range(6):
        harness.api.user_says(7, "/help")
    await harness.settle()
    texts = [m.plain_text for m in harness.api.sent_to(7)]
    assert len(texts) == 4 and "رسائل كثيرة" in texts[-1]


async def test_group_conversation_does_not_count_as_flooding(harness: BotHarness) -> None:
    harness.services.flood.per_minute = 3
    for n in range(6):
        harness.api.user_says(GROUP, f"صباح الخير {n}", user_id=GROUP_MEMBER)
    reply = await harness.say(GROUP, "/help", user_id=GROUP_MEMBER)
    assert "/regions" in reply.plain_text
    assert [m.plain_text for m in harness.api.sent_to(GROUP)] == [reply.plain_text]


async def test_commands_for_another_bot_do_not_count_as_flooding(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup")
    harness.services.flood.per_minute = 3
    for n in range(6):
        harness.api.user_says(GROUP, f"/weather@weather_bot {n}", user_id=GROUP_MEMBER)
    reply = await harness.say(GROUP, "/help", user_id=GROUP_MEMBER)
    assert "/regions" in reply.plain_text
    assert [m.plain_text for m in harness.api.sent_to(GROUP)] == [reply.plain_text]


async def test_long_message_in_a_group_conversation_gets_no_reply(harness: BotHarness) -> None:
    harness.api.user_says(GROUP, "ن" * 300, user_id=GROUP_MEMBER)
    await harness.settle()
    assert harness.api.sent_to(GROUP) == []


async def test_channel_post_starting_with_a_verb_is_content_not_a_command(harness: BotHarness) -> None:
    harness.api.chat(CHANNEL, "channel")
    harness.api.user_says(CHANNEL, "تابع معنا التغطية المباشرة من درعا")
    await harness.settle()
    assert harness.api.sent_to(CHANNEL) == []
    assert await harness.regions_of(CHANNEL) == []


async def test_blocked_chat_does_not_crash_the_bot(harness: BotHarness) -> None:
    await harness.say(8, "/subscribe درعا")
    harness.api.block(8)
    harness.api.user_says(8, "/mysubs")
    await harness.settle()
    assert (await harness.services.subscriptions.get(8)).blocked
    reply = await harness.say(9, "/start")
    assert "نشرة" in reply.plain_text


async def test_reply_waits_out_a_short_flood_control(harness: BotHarness) -> None:
    harness.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    reply = await harness.say(10, "/help", timeout=5)
    assert "/regions" in reply.plain_text


async def test_user_blocking_the_bot_marks_the_chat(harness: BotHarness) -> None:
    await harness.say(11, "/subscribe درعا")
    harness.api.member_update(11, "kicked")
    await harness.settle()
    assert (await harness.services.subscriptions.get(11)).blocked


async def test_replies_and_redraws_go_as_html_without_link_previews(harness: BotHarness) -> None:
    keyboard = await harness.say(61, "/regions")
    help_reply = await harness.say(61, "/help")
    redrawn = await harness.press(61, keyboard.message_id, keyboard.buttons()[0]["callback_data"])
    assert [(m.parse_mode, m.disable_preview) for m in (keyboard, help_reply)] == [("HTML", True)] * 2
    assert redrawn.edited and redrawn.parse_mode == "HTML"


async def test_a_reply_telegram_cannot_parse_goes_again_as_plain_text(harness: BotHarness) -> None:
    harness.api.chat(62, "private")
    sent = await send(NashraContext(harness.application), 62, "<b>درعا <i>وحلب</b>")
    assert sent is not None
    (message,) = harness.api.sent_to(62)
    assert message.parse_mode is None and "درعا" in message.plain_text and "<" not in message.plain_text


async def test_the_language_is_read_once_per_command_and_never_for_group_talk(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    domain = harness.services.subscriptions
    reads: list[int] = []
    language_of = domain.language_of

    async def counted(chat_id: int) -> str:
        reads.append(chat_id)
        return await language_of(chat_id)

    monkeypatch.setattr(domain, "language_of", counted)
    harness.api.chat(GROUP, "supergroup")
    harness.api.user_says(GROUP, "صباح الخير", user_id=GROUP_MEMBER)
    harness.api.user_says(GROUP, "/weather@weather_bot", user_id=GROUP_MEMBER)
    await harness.say(63, "/mysubs")
    await harness.settle()
    assert reads.count(63) == 1 and GROUP not in reads
