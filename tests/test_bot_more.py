"""/more and the «More» button: the stories a digest's item cap left out, a page at a time, newest
first, none twice, without moving the chat's window (the next digest holds what it would have held)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from digest_seed import SectionSeed, add_article

from bot.handlers.subscriber import outbox_buttons
from nashra.config import Config
from nashra.sandbox import SentMessage
from nashra.storage import Database
from nashra.storage.db import to_db_time
from nashra.storage.outbox import OutboxRow
from tests.bot_harness import BotHarness, running_bot

CAP = 2
# Our own sample summaries (not real reports), oldest first: five stories of Daraa in the window.
SUMMARIES = [
    "افتتاح مدرسة جديدة في بلدة نصيب شرق المحافظة",
    "وصول شحنة قمح إلى صوامع إزرع بعد تأخر طويل",
    "إصلاح خط الكهرباء المغذي لمدينة طفس",
    "مزارعو حوران يبدؤون قطاف الزيتون مبكراً هذا العام",
    "إعادة فتح الطريق بين داعل وأبطع أمام السيارات",
]
LATER = "انطلاق حملة تلقيح للأطفال في مراكز الصحة بالريف الغربي"
GROUP = -100700
ADMIN_OF_GROUP = 91
MORE = [{"text": "المزيد 📰", "callback_data": "mr"}]


async def _stories(db: Database) -> None:
    now = datetime.now(UTC)
    for n, summary in enumerate(SUMMARIES):
        await add_article(
            db, title=f"خبر درعا {n + 1}", source="عنب بلدي", url=f"https://a.example/more/{n}",
            published_at=to_db_time(now - timedelta(hours=2) + timedelta(minutes=n)),
            ingested_at=to_db_time(now - timedelta(minutes=50 - n)),
            sections=[SectionSeed(f"نص {n}", ["SY", "SY-DR"], summary=summary)],
        )  # fmt: skip


def _capped(config: Config) -> None:
    config.delivery.max_items_per_digest = CAP


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path, configure=_capped, seed=_stories) as running:
        running.api.set_admins(GROUP, [ADMIN_OF_GROUP])
        yield running


async def _scheduled_digest(harness: BotHarness) -> None:
    deliverer = harness.services.deliverer
    assert deliverer is not None
    await deliverer.run_scheduled_digest(datetime.now(UTC))
    await harness.drain()


async def _press_more(harness: BotHarness, chat_id: int, message: SentMessage) -> SentMessage:
    before = len(harness.api.sent_to(chat_id))
    harness.api.user_presses(chat_id, message.message_id, "mr")
    return (await harness.api.wait_for(chat_id, 1, after=before))[-1]


def _shown(message: SentMessage) -> list[int]:
    """Which of :data:`SUMMARIES` the message shows."""
    return [n for n, summary in enumerate(SUMMARIES) if summary in message.plain_text]


async def test_a_capped_digest_has_the_more_button_under_its_last_message(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe درعا")
    await _scheduled_digest(harness)

    digest = harness.api.last(5)

    assert _shown(digest) == [3, 4]
    assert "لقراءتها اضغط «المزيد» أو أرسل /more." in digest.plain_text
    assert digest.buttons() == MORE


async def test_more_sends_the_newest_stories_the_cap_left_out_and_how_many_are_still_left(
    harness: BotHarness,
) -> None:
    await harness.say(5, "/subscribe درعا")
    await _scheduled_digest(harness)

    page = await harness.say(5, "/more")

    assert page.plain_text.startswith("\u200f📰 المزيد من نشرة")
    assert _shown(page) == [1, 2]
    assert page.plain_text.index(SUMMARIES[2]) < page.plain_text.index(SUMMARIES[1])
    assert page.plain_text.endswith("\u200f📭 بقي خبر واحد؛ للمزيد اضغط «المزيد» أو أرسل /more")
    assert page.buttons() == MORE


async def test_pressing_more_again_sends_the_next_page_and_then_nothing_is_left(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe درعا")
    await _scheduled_digest(harness)
    first = await _press_more(harness, 5, harness.api.last(5))

    second = await _press_more(harness, 5, first)
    after = await harness.say(5, "/more")

    assert _shown(second) == [0]
    assert "📭" not in second.plain_text and second.buttons() == []
    assert after.plain_text == "لم يبقَ شيء من نشرتك الأخيرة: أرسلت كل أخبارها."


async def test_a_page_telegram_refused_is_sent_again_by_the_next_more(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe درعا")
    await _scheduled_digest(harness)
    tried = harness.api.calls["sendMessage"]
    harness.api.fail_next("sendMessage", 400, "Bad Request: message is too long")
    harness.api.user_says(5, "/more")
    deadline = time.monotonic() + 10
    while harness.api.calls["sendMessage"] == tried:  # the page was tried and refused
        assert time.monotonic() < deadline, "/more sent nothing"
        await asyncio.sleep(0.05)

    page = await harness.say(5, "/more")

    assert _shown(page) == [1, 2]


async def test_the_next_digest_holds_what_it_would_have_held_without_more(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe درعا")
    await harness.say(6, "/subscribe درعا")
    await _scheduled_digest(harness)
    await harness.say(5, "/more")
    await harness.say(5, "/more")
    # Stamped to the second: the next second is after the first digest's window.
    later = to_db_time(datetime.now(UTC) + timedelta(seconds=1))
    await add_article(
        harness.services.db, title="خبر درعا الجديد", source="عنب بلدي", url="https://a.example/more/new",
        published_at=later, ingested_at=later,
        sections=[SectionSeed("نص جديد", ["SY", "SY-DR"], summary=LATER)],
    )  # fmt: skip
    await asyncio.sleep(2.1)  # past that second, and the next slot's audience (windows ended before it)

    await _scheduled_digest(harness)

    asked, untouched = harness.api.last(5), harness.api.last(6)
    assert LATER in asked.plain_text and _shown(asked) == []
    assert asked.plain_text == untouched.plain_text


async def test_a_chat_that_never_had_a_digest_is_told_so(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe درعا")

    reply = await harness.say(5, "/more")

    assert reply.plain_text == "لم تصلك نشرة بعد، فلا شيء بقي منها. النشرة الآن: /digest"


async def test_more_in_english(harness: BotHarness) -> None:
    await harness.say(7, "/lang en")
    await harness.say(7, "/subscribe Daraa")
    await _scheduled_digest(harness)

    page = await harness.say(7, "/more")

    assert harness.api.last(7) is page
    assert page.plain_text.startswith("📰 More from the Nashra digest")
    assert page.plain_text.endswith("📭 Still left: 1 item; press «More» or send /more")
    assert page.buttons() == [{"text": "More 📰", "callback_data": "mr"}]


async def test_more_in_a_group_is_worded_for_the_group(harness: BotHarness) -> None:
    await harness.say(GROUP, "/subscribe درعا", user_id=ADMIN_OF_GROUP)

    reply = await harness.say(GROUP, "/more", user_id=ADMIN_OF_GROUP + 1)

    assert reply.plain_text == "لم تصل المجموعة نشرة بعد، فلا شيء بقي منها. نشرة المجموعة الآن: /digest"


async def test_a_group_member_gets_the_left_out_stories_of_the_groups_digest(harness: BotHarness) -> None:
    await harness.say(GROUP, "/subscribe درعا", user_id=ADMIN_OF_GROUP)
    await _scheduled_digest(harness)

    page = await _press_more(harness, GROUP, harness.api.last(GROUP))

    assert _shown(page) == [1, 2]


async def test_more_asked_for_in_words_and_with_an_arabic_slash(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe درعا")
    await _scheduled_digest(harness)

    first = await harness.say(5, "المزيد")
    second = await harness.say(5, "/المزيد")

    assert (_shown(first), _shown(second)) == ([1, 2], [0])


async def test_the_stories_left_out_of_a_digest_asked_for_are_sent_too(harness: BotHarness) -> None:
    await harness.say(5, "/subscribe درعا")
    await harness.say(5, "/digest")
    await harness.drain()

    page = await _press_more(harness, 5, harness.api.last(5))

    assert _shown(page) == [1, 2]


def _row(chat_kind: str) -> OutboxRow:
    closing = "\n\n<i>📭 This digest holds at most 2 items, so 3 items of its regions' news did not fit</i>"
    return OutboxRow(1, 9, "digest", "s", 0, None, "<b>x</b>" + closing, 0, 0, None, chat_kind, language="en")


def test_a_channels_capped_digest_has_no_more_button_its_readers_could_press() -> None:
    assert outbox_buttons(_row("private")) is not None
    assert outbox_buttons(_row("channel")) is None


CHANNEL = -100800


async def _channel_following_daraa(harness: BotHarness) -> None:
    harness.api.chat(CHANNEL, "channel")
    await harness.say(CHANNEL, "/subscribe درعا")


async def test_a_channel_s_capped_digest_closes_with_a_line_naming_no_button(harness: BotHarness) -> None:
    await _channel_following_daraa(harness)
    await _scheduled_digest(harness)

    digest = harness.api.last(CHANNEL)

    assert _shown(digest) == [3, 4]
    assert "«المزيد»" not in digest.plain_text
    assert "ينشرها مشرفو القناة هنا بالأمر /more." in digest.plain_text
    assert digest.buttons() == []


async def test_more_posted_in_a_channel_sends_a_page_without_a_button(harness: BotHarness) -> None:
    await _channel_following_daraa(harness)
    await _scheduled_digest(harness)

    page = await harness.say(CHANNEL, "/more")

    assert _shown(page) == [1, 2]
    assert page.plain_text.endswith("\u200f📭 بقي خبر واحد؛ ينشره مشرفو القناة هنا بالأمر /more")
    assert page.buttons() == []


async def test_a_channel_s_digest_capped_low_says_its_admins_raise_the_cap(harness: BotHarness) -> None:
    await _channel_following_daraa(harness)
    await harness.say(CHANNEL, "/format items 1")
    await _scheduled_digest(harness)

    digest = harness.api.last(CHANNEL)

    assert digest.plain_text.endswith("لأخبار أكثر في كل نشرة ينشر مشرفو القناة /format")
