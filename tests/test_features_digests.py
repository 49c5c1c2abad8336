"""The distinguishing features end to end: the real bot and deliverer against the sandbox Bot API.

Each test sets preferences through bot commands (or the config), owes a digest cycle or an alert
through the real deliverer, and reads what each chat received.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nashra.config import ChannelConfig, Config
from nashra.storage.db import to_db_time
from tests.bot_harness import ADMIN, BotHarness, running_bot
from tests.digest_seed import SectionSeed, add_article

QUAKE = "ضرب زلزال بقوة خمس درجات ريف درعا الشرقي دون خسائر بشرية"
FOOTBALL = "فاز نادي الشعلة في مباراة كرة القدم على ملعب درعا البلدي"
ALEPPO = "افتتاح سوق جديد للخضار في مدينة حلب القديمة"
FORUM = -100700
FORUM_ADMIN = 71
CHANNEL = -100900
GROUP = -600
SUPERGROUP = -100601


async def _seed(harness: BotHarness) -> None:
    """Three stories ingested an hour ago: two in Daraa (an earthquake, a football match), one in Aleppo."""
    now = datetime.now(UTC)
    for n, (title, summary, codes) in enumerate(
        [
            ("زلزال في ريف درعا", QUAKE, ["SY", "SY-DR"]),
            ("الشعلة يفوز على أرضه", FOOTBALL, ["SY", "SY-DR"]),
            ("سوق جديد في حلب", ALEPPO, ["SY", "SY-HL"]),
        ]
    ):
        await add_article(
            harness.services.db,
            title=title,
            source="عنب بلدي",
            url=f"https://news.example/{n}",
            published_at=to_db_time(now - timedelta(hours=2, minutes=n)),
            ingested_at=to_db_time(now - timedelta(hours=1)),
            sections=[SectionSeed(f"نص {n}", codes, summary=summary)],
        )


async def _cycle(harness: BotHarness) -> None:
    deliverer = harness.services.deliverer
    assert deliverer is not None
    await deliverer.run_digest_cycle()
    await harness.drain()


def _digests(harness: BotHarness, chat_id: int) -> list[str]:
    return [
        m.plain_text for m in harness.api.sent_to(chat_id) if m.plain_text.lstrip("\u200f").startswith("📰")
    ]


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        await _seed(running)
        yield running


async def test_keyword_excluded_item_is_absent_for_one_subscriber_and_present_for_another(
    harness: BotHarness,
) -> None:
    await harness.say(1, "/subscribe درعا")
    await harness.say(1, "/keywords exclude كرة القدم")
    await harness.say(2, "/subscribe درعا")
    await _cycle(harness)
    (filtered,) = _digests(harness, 1)
    (everything,) = _digests(harness, 2)
    assert QUAKE in filtered and FOOTBALL not in filtered
    assert QUAKE in everything and FOOTBALL in everything


async def test_include_words_keep_only_matching_items(harness: BotHarness) -> None:
    await harness.say(3, "/subscribe سوريا")
    await harness.say(3, "/keywords add الزلازل، سوق")
    await _cycle(harness)
    (digest,) = _digests(harness, 3)
    assert ALEPPO in digest and FOOTBALL not in digest
    assert QUAKE not in digest  # "الزلازل" is a different word from "زلزال": no stemming beyond clitics


async def test_topic_bound_region_lands_in_its_thread(harness: BotHarness) -> None:
    harness.api.chat(FORUM, "supergroup", is_forum=True)
    harness.api.set_admins(FORUM, [FORUM_ADMIN])
    await harness.say(FORUM, "/topic درعا", thread_id=12, user_id=FORUM_ADMIN)
    await harness.say(FORUM, "/subscribe حلب", user_id=FORUM_ADMIN)
    before = len(harness.api.sent_to(FORUM))
    await _cycle(harness)
    posts = harness.api.sent_to(FORUM)[before:]
    in_topic = [m for m in posts if m.thread_id == 12]
    general = [m for m in posts if m.thread_id is None]
    assert len(in_topic) == 1 and len(general) == 1
    assert QUAKE in in_topic[0].plain_text and ALEPPO not in in_topic[0].plain_text
    assert ALEPPO in general[0].plain_text and QUAKE not in general[0].plain_text


async def test_alert_for_a_topic_bound_region_goes_to_the_topic(harness: BotHarness) -> None:
    harness.api.chat(FORUM, "supergroup", is_forum=True)
    harness.api.set_admins(FORUM, [FORUM_ADMIN])
    await harness.say(FORUM, "/topic درعا", thread_id=12, user_id=FORUM_ADMIN)
    before = len(harness.api.sent_to(FORUM))
    await harness.say(ADMIN, "/alert درعا | انقطاع الكهرباء")
    await harness.drain()
    (alert,) = harness.api.sent_to(FORUM)[before:]
    assert "انقطاع الكهرباء" in alert.plain_text and alert.thread_id == 12


async def test_headlines_only_subscriber_gets_no_summaries(harness: BotHarness) -> None:
    await harness.say(4, "/subscribe درعا")
    await harness.say(4, "/format headlines")
    await harness.say(5, "/subscribe درعا")
    await _cycle(harness)
    (headlines,) = _digests(harness, 4)
    (full,) = _digests(harness, 5)
    assert "زلزال في ريف درعا" in headlines and "الشعلة يفوز على أرضه" in headlines
    assert QUAKE not in headlines and FOOTBALL not in headlines
    assert QUAKE in full


async def test_link_previews_and_item_cap_follow_the_format(harness: BotHarness) -> None:
    await harness.say(6, "/subscribe درعا")
    await harness.say(6, "/format previews on items 1")
    await harness.say(7, "/subscribe درعا")
    await _cycle(harness)
    capped = harness.api.last(6)
    assert not capped.disable_preview
    assert (QUAKE in capped.plain_text) != (FOOTBALL in capped.plain_text)
    assert harness.api.last(7).disable_preview


async def test_blocked_chat_is_owed_nothing_and_unblocked_chat_is_served(harness: BotHarness) -> None:
    await harness.say(8, "/subscribe درعا")
    harness.api.member_update(8, "kicked")
    await harness.settle()
    await _cycle(harness)
    owed = await harness.services.db.fetchall("SELECT id FROM outbox WHERE chat_id = 8 AND kind = 'digest'")
    assert owed == [] and _digests(harness, 8) == []
    harness.api.member_update(8, "member")
    await harness.settle()
    await _cycle(harness)
    assert len(_digests(harness, 8)) == 1


async def test_migrated_group_keeps_its_subscriptions_and_gets_its_digest(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "group", admins={91})
    await harness.say(GROUP, "/subscribe درعا", user_id=91)
    await harness.say(GROUP, "/keywords exclude كرة القدم", user_id=91)
    harness.api.migrate(GROUP, SUPERGROUP)
    await _cycle(harness)
    (digest,) = _digests(harness, SUPERGROUP)
    assert QUAKE in digest and FOOTBALL not in digest
    assert await harness.regions_of(SUPERGROUP) == ["SY-DR"]
    assert await harness.services.subscriptions.get(GROUP) is None


def _with_channel(config: Config) -> None:
    config.channels = [ChannelConfig(chat_id=CHANNEL, regions=["SY-DR"])]


async def test_bound_channel_receives_exactly_one_post_per_cycle(tmp_path: Path) -> None:
    async with running_bot(tmp_path, configure=_with_channel) as harness:
        harness.api.chat(CHANNEL, "channel")
        await _seed(harness)
        deliverer = harness.services.deliverer
        assert deliverer is not None
        slot = datetime.now(UTC).replace(second=0, microsecond=0)
        await deliverer.run_scheduled_digest(slot)
        await deliverer.run_scheduled_digest(slot)
        await deliverer.run_digest_cycle()
        await harness.drain()
        (post,) = harness.api.sent_to(CHANNEL)
        assert QUAKE in post.plain_text and FOOTBALL in post.plain_text and ALEPPO not in post.plain_text
        await harness.say(ADMIN, "/alert درعا | طريق دمشق درعا مغلق")
        await harness.drain()
        assert "طريق دمشق درعا مغلق" in harness.api.last(CHANNEL).plain_text


async def test_paid_broadcast_is_used_for_alerts_only_when_configured(tmp_path: Path) -> None:
    async with running_bot(tmp_path, allow_paid_broadcast=True) as harness:
        await _seed(harness)
        await harness.say(9, "/subscribe درعا")
        await _cycle(harness)
        await harness.say(ADMIN, "/alert درعا | تنبيه مدفوع")
        await harness.drain()
        digest, alert = harness.api.sent_to(9)[-2:]
        assert "نشرة" in digest.plain_text and not digest.paid
        assert "تنبيه مدفوع" in alert.plain_text and alert.paid
