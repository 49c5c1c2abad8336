"""Admin commands through the real bot: alerts reach exactly the right chats; others are refused."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.alerts import PENDING_TTL_S
from bot.callbacks import AlertPick, decode
from bot.handlers.admin import STATS_REGIONS
from nashra.config import Config
from nashra.regions import get_gazetteer
from nashra.storage import Database
from tests.bot_harness import ADMIN, BotHarness, running_bot

ADMIN_CHAT = ADMIN  # the admin's private chat with the bot


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path, alert_confirm_threshold=2) as running:
        yield running


async def subscribe(harness: BotHarness, chats: dict[int, str]) -> None:
    for chat, names in chats.items():
        await harness.say(chat, f"/subscribe {names}")


async def test_alert_reaches_the_region_and_its_country_only(harness: BotHarness) -> None:
    await subscribe(harness, {11: "درعا", 12: "سوريا", 13: "حلب"})
    before = {chat: len(harness.api.sent_to(chat)) for chat in (11, 12, 13)}
    await harness.say(ADMIN_CHAT, "/alert درعا | اشتباكات في المدينة", count=2)  # queued, then report
    assert "اشتباكات في المدينة" in harness.api.last(11).plain_text
    assert "اشتباكات في المدينة" in harness.api.last(12).plain_text
    assert len(harness.api.sent_to(13)) == before[13]
    assert "وصل 2" in harness.api.last(ADMIN_CHAT).plain_text


async def test_large_alert_asks_for_confirmation_first(harness: BotHarness) -> None:
    await subscribe(harness, {21: "درعا", 22: "درعا", 23: "سوريا"})
    question = await harness.say(ADMIN_CHAT, "/alert SY-DR | تنبيه")
    assert "إلى 3 مشتركين" in question.plain_text and len(harness.api.sent_to(21)) == 1
    send = next(b for b in question.buttons() if b["callback_data"].startswith("al:y:"))
    harness.api.user_presses(ADMIN_CHAT, question.message_id, send["callback_data"], user_id=ADMIN)
    await harness.api.wait_for(21, 1, after=1)
    assert "تنبيه" in harness.api.last(21).plain_text


async def test_confirmation_pressed_twice_does_not_say_the_alert_it_sent_was_not_sent(
    harness: BotHarness,
) -> None:
    await subscribe(harness, {27: "درعا", 28: "درعا", 29: "سوريا"})
    question = await harness.say(ADMIN_CHAT, "/alert SY-DR | تنبيه مؤكد")
    send = next(b for b in question.buttons() if b["callback_data"].startswith("al:y:"))
    harness.api.user_presses(ADMIN_CHAT, question.message_id, send["callback_data"], user_id=ADMIN)
    await harness.api.wait_for(27, 1, after=1)

    harness.api.user_presses(ADMIN_CHAT, question.message_id, send["callback_data"], user_id=ADMIN)
    await harness.settle()

    assert "انتهت صلاحية" not in harness.api.message(ADMIN_CHAT, question.message_id).plain_text
    assert sum("تنبيه مؤكد" in message.plain_text for message in harness.api.sent_to(27)) == 1


async def test_confirmation_pressed_after_it_expired_sends_nothing(harness: BotHarness) -> None:
    await subscribe(harness, {24: "درعا", 25: "درعا", 26: "سوريا"})
    question = await harness.say(ADMIN_CHAT, "/alert SY-DR | تنبيه قديم")
    (pending,) = harness.services.alerts.waiting.values()
    pending.created -= PENDING_TTL_S + 1  # the admin comes back eleven minutes later
    send = next(b for b in question.buttons() if b["callback_data"].startswith("al:y:"))
    shown = await harness.press(ADMIN_CHAT, question.message_id, send["callback_data"], user_id=ADMIN)
    await harness.settle()
    assert "انتهت صلاحية" in shown.plain_text and "من جديد" in shown.plain_text
    assert all("تنبيه قديم" not in m.plain_text for chat in (24, 25, 26) for m in harness.api.sent_to(chat))


async def test_non_admin_alert_is_refused_and_nothing_is_sent(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    await subscribe(harness, {31: "درعا"})
    with caplog.at_level(logging.WARNING):
        reply = await harness.say(32, "/alert درعا | كاذب")
        await harness.settle()
    assert "لمشرفي نشرة فقط" in reply.plain_text
    assert all("كاذب" not in m.plain_text for m in harness.api.sent_to(31))
    assert any("non-admin user 32" in record.getMessage() for record in caplog.records)


async def test_alert_without_separator_explains_usage(harness: BotHarness) -> None:
    reply = await harness.say(ADMIN_CHAT, "/alert درعا اشتباكات")
    assert "/alert" in reply.plain_text


async def test_alert_for_unknown_region_names_it(harness: BotHarness) -> None:
    reply = await harness.say(ADMIN_CHAT, "/alert كوكبالمريخ | نص")
    assert "كوكبالمريخ" in reply.plain_text


async def test_an_alert_for_a_region_with_nothing_to_offer_says_that_nothing_was_sent(
    harness: BotHarness,
) -> None:
    # It named the region alone: whether the alert went out was left to guess.
    reply = await harness.say(ADMIN_CHAT, "/alert كوكبالمريخ | نص")
    assert reply.plain_text == (
        "❓ لم أعرف: كوكبالمريخ\n"
        "لم يُرسل التنبيه؛ أعد الأمر بأسماء مناطق معروفة: /alert درعا، حلب | نص التنبيه"
    )


async def test_stats_counts_subscribers_per_region(harness: BotHarness) -> None:
    await subscribe(harness, {41: "درعا", 42: "درعا، حلب"})
    reply = await harness.say(ADMIN_CHAT, "/stats")
    assert "المشتركون: 2" in reply.plain_text
    assert "درعا (سوريا): 2" in reply.plain_text


async def test_non_admin_stats_is_refused(harness: BotHarness) -> None:
    reply = await harness.say(43, "/stats")
    assert "لمشرفي نشرة فقط" in reply.plain_text


async def test_ingest_rejects_a_non_url(harness: BotHarness) -> None:
    reply = await harness.say(ADMIN_CHAT, "/ingest not-a-url")
    assert "/ingest" in reply.plain_text


async def test_stats_lists_the_top_regions_and_counts_the_rest(harness: BotHarness) -> None:
    gaz = get_gazetteer()
    codes = [sub for country in gaz.countries() for sub in gaz.subdivisions(country)][: STATS_REGIONS + 12]
    await harness.services.subscriptions.ensure(44, "private")
    await harness.services.subscriptions.store.add_codes(44, codes)
    reply = await harness.say(ADMIN_CHAT, "/stats")
    assert reply.plain_text.count("• ") == STATS_REGIONS
    assert "… و12 غيرها" in reply.plain_text


async def test_alert_text_reaches_subscribers_without_bidi_controls(harness: BotHarness) -> None:
    await subscribe(harness, {51: "درعا"})
    await harness.say(ADMIN_CHAT, "/alert درعا | \u202eطريق مغلق\u2066 الآن", count=2)
    received = harness.api.last(51).plain_text
    assert "طريق مغلق الآن" in received
    assert "\u202e" not in received and "\u2066" not in received


async def test_broadcast_text_reaches_subscribers_without_bidi_controls(harness: BotHarness) -> None:
    await subscribe(harness, {52: "حلب"})
    await harness.say(ADMIN_CHAT, "/broadcast \u202bصيانة\u202c الليلة", count=2)
    received = harness.api.last(52).plain_text
    assert "صيانة الليلة" in received and "\u202b" not in received and "\u202c" not in received


async def test_alert_of_only_bidi_controls_explains_usage(harness: BotHarness) -> None:
    await subscribe(harness, {53: "درعا"})
    reply = await harness.say(ADMIN_CHAT, "/alert درعا | \u202e\u202c")
    assert "/alert" in reply.plain_text
    assert len(harness.api.sent_to(53)) == 1  # the subscription's confirmation only


async def test_broadcast_counts_its_audience_as_the_outbox_reaches_it(harness: BotHarness) -> None:
    await subscribe(harness, {54: "درعا", 55: "حلب", 56: "سوريا", 57: "حمص"})
    await harness.say(57, "/pause")
    question = await harness.say(ADMIN_CHAT, "/broadcast إعلان")
    assert "إلى 3 مشتركين" in question.plain_text  # the paused chat is not counted


async def _one_finished_digest_run(db: Database) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO digest_runs (slot, started_at, finished_at) VALUES (?, ?, ?)",
            ("digest:2026-05-12T05:00Z", "2026-05-12T05:00:00Z", "2026-05-12T05:01:00Z"),
        )


def _riyadh_schedule(config: Config) -> None:
    config.schedule.timezone = "Asia/Riyadh"


async def test_stats_names_the_digest_zone_as_arabic_readers_name_zones(tmp_path: Path) -> None:
    async with running_bot(tmp_path, configure=_riyadh_schedule, seed=_one_finished_digest_run) as running:
        reply = await running.say(ADMIN_CHAT, "/stats")

    assert "آخر نشرة: 2026-05-12 08:00 (توقيت المملكة العربية السعودية)" in reply.plain_text
    assert "Asia/Riyadh" not in reply.plain_text


async def test_stats_names_the_digest_zone_in_english_on_request(tmp_path: Path) -> None:
    async with running_bot(tmp_path, configure=_riyadh_schedule, seed=_one_finished_digest_run) as running:
        await running.say(ADMIN_CHAT, "/lang en")
        reply = await running.say(ADMIN_CHAT, "/stats")

    assert "Last digest: 2026-05-12 08:00 (Saudi Arabia Time)" in reply.plain_text


async def test_stats_says_why_the_configured_model_summarizes_nothing(tmp_path: Path) -> None:
    # The model folder is not copied in yet: the sections waiting for it are not waiting for time.
    def missing_model(config: Config) -> None:
        config.summarizer.model = str(tmp_path / "model-not-copied-yet")

    async with running_bot(tmp_path, configure=missing_model) as running:
        summarizer = running.services.summary_worker.summarizer
        await asyncio.to_thread(summarizer.load)  # what the worker's next batch tries
        reply = await running.say(ADMIN_CHAT, "/stats")

    assert "model-not-copied-yet does not exist" in reply.plain_text
    assert "نموذج التلخيص لا يعمل" in reply.plain_text


async def test_stats_says_nothing_of_a_model_when_none_is_configured(harness: BotHarness) -> None:
    reply = await harness.say(ADMIN_CHAT, "/stats")
    assert "نموذج التلخيص" not in reply.plain_text


async def test_an_alert_with_a_misspelt_region_offers_its_suggestions_as_buttons_and_sends_nothing(
    harness: BotHarness,
) -> None:
    await subscribe(harness, {41: "درعا"})

    reply = await harness.say(ADMIN_CHAT, "/alert درعاا | طريق مغلق")

    assert "درعا (سوريا)" in [button["text"] for button in reply.buttons()]
    assert "لم يُرسل شيء بعد" in reply.plain_text
    assert all("طريق مغلق" not in message.plain_text for message in harness.api.sent_to(41))


async def test_pressing_a_suggested_region_sends_the_alert_there(harness: BotHarness) -> None:
    await subscribe(harness, {42: "درعا"})
    reply = await harness.say(ADMIN_CHAT, "/alert درعاا | طريق مغلق")
    daraa = next(b for b in reply.buttons() if b["text"] == "درعا (سوريا)")

    shown = await harness.press(ADMIN_CHAT, reply.message_id, daraa["callback_data"], user_id=ADMIN)

    await harness.api.wait_for(42, 1, after=1)
    assert "طريق مغلق" in harness.api.last(42).plain_text
    assert shown.plain_text == "🎯 مناطق التنبيه: درعا (سوريا)" and not shown.buttons()


async def test_an_alert_with_two_unsettled_names_asks_for_the_second_once_the_first_is_picked(
    harness: BotHarness,
) -> None:
    await subscribe(harness, {43: "درعا", 44: "طرابلس لبنان"})
    reply = await harness.say(ADMIN_CHAT, "/alert درعاا، طرابلس | انقطاع الكهرباء")
    daraa = next(b for b in reply.buttons() if b["text"] == "درعا (سوريا)")

    shown = await harness.press(ADMIN_CHAT, reply.message_id, daraa["callback_data"], user_id=ADMIN)

    assert "طرابلس" in shown.plain_text and "درعا" not in shown.plain_text
    lebanon = next(b for b in shown.buttons() if "لبنان" in b["text"])
    shown = await harness.press(ADMIN_CHAT, reply.message_id, lebanon["callback_data"], user_id=ADMIN)
    await harness.api.wait_for(44, 1, after=1)
    assert shown.plain_text == "🎯 مناطق التنبيه: درعا (سوريا)، طرابلس — محافظة الشمال (لبنان)"
    assert "انقطاع الكهرباء" in harness.api.last(43).plain_text
    assert "انقطاع الكهرباء" in harness.api.last(44).plain_text


async def test_a_suggested_region_pressed_twice_does_not_say_the_alert_it_sent_was_not_sent(
    harness: BotHarness,
) -> None:
    # A second tap while the first is handled (a slow network) reaches the bot after the alert went.
    await subscribe(harness, {46: "درعا"})
    reply = await harness.say(ADMIN_CHAT, "/alert درعاا | طريق مغلق")
    daraa = next(b for b in reply.buttons() if b["text"] == "درعا (سوريا)")
    shown = await harness.press(ADMIN_CHAT, reply.message_id, daraa["callback_data"], user_id=ADMIN)
    await harness.api.wait_for(46, 1, after=1)

    harness.api.user_presses(ADMIN_CHAT, reply.message_id, daraa["callback_data"], user_id=ADMIN)
    await harness.settle()

    assert shown.plain_text == "🎯 مناطق التنبيه: درعا (سوريا)"
    assert sum("طريق مغلق" in message.plain_text for message in harness.api.sent_to(46)) == 1


async def test_a_suggested_region_pressed_after_the_choice_expired_sends_nothing(harness: BotHarness) -> None:
    await subscribe(harness, {45: "درعا"})
    reply = await harness.say(ADMIN_CHAT, "/alert درعاا | تنبيه قديم")
    (choice,) = harness.services.alerts.choosing.values()
    choice.created -= PENDING_TTL_S + 1
    daraa = next(b for b in reply.buttons() if b["text"] == "درعا (سوريا)")

    shown = await harness.press(ADMIN_CHAT, reply.message_id, daraa["callback_data"], user_id=ADMIN)

    await harness.settle()
    assert "انتهت صلاحية" in shown.plain_text
    assert all("تنبيه قديم" not in message.plain_text for message in harness.api.sent_to(45))


async def test_an_alert_s_suggested_regions_are_its_choice_not_a_subscription(harness: BotHarness) -> None:
    reply = await harness.say(ADMIN_CHAT, "/alert درعاا | تنبيه")

    assert all(isinstance(decode(b["callback_data"]), AlertPick) for b in reply.buttons())
