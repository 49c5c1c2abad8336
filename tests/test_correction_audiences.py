"""A corrected story reaches each chat as that chat expects: marked «(تحديث)» only where the chat was
sent an earlier version (it followed one of that version's regions when it was stored, and a digest of
its own has ended since), as a new story anywhere else; to the followers of the regions it moved to,
and to those of the regions it left when what they were told changed; and, past ``max_age_days``,
to the chats that were sent it only. Scheduled cycles (plain subscribers owed by edition) and /digest
alike."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import time_machine
from digest_seed import add_subscribers

from nashra.config import Config
from nashra.digest.fanout import owe_digests
from nashra.model import Article, Section
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from nashra.storage.db import to_db_time
from nashra.storage.digests import Audience, subscriber
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore
from nashra.storage.preferences import PreferenceStore
from nashra.storage.subscribers import SubscriberStore
from tests.owed_rows import write_owed

# Runs are given their "now" and the clock is held there.
T = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
FIRST = "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس في ريف درعا الغربي دون ورود أنباء عن إصابات."
CORRECTED = "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس في ريف درعا الغربي وأدى إلى مقتل أربعة مدنيين."
UPDATED = "(تحديث)"
OLD, NEW, ELSEWHERE = 1, 2, 3


def report(text: str, codes: tuple[str, ...] = ("SY", "SY-DR"), published: datetime | None = None) -> Article:
    return Article(
        title="قصف على بلدة طفس في ريف درعا",
        sections=[Section(None, text, list(codes))],
        source="عنب بلدي",
        url="https://e.example/n/77",
        guid="https://e.example/n/77",
        published_at=published or T - timedelta(hours=1),
    )


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    with time_machine.travel(moment, tick=False):
        yield


async def follow(db: Database, chat: int, codes: list[str], moment: datetime) -> None:
    """``chat`` follows ``codes`` from ``moment``, its last digest then."""
    with at(moment):
        await add_subscribers(db, [(chat, codes)], last_digest_at=to_db_time(moment))


async def save(db: Database, article: Article, moment: datetime) -> None:
    with at(moment):
        await ArticleStore(db).save(article)


async def cycle(db: Database, moment: datetime, config: Config | None = None) -> None:
    """One scheduled cycle at ``moment`` over everyone due (plain chats are owed by edition)."""
    with at(moment):
        await owe_digests(db, config or Config(), {f"digest:{moment}": Audience(to_db_time(moment))}, moment)


async def digest_now(db: Database, chat: int, moment: datetime) -> None:
    """``chat`` asks for its digest (/digest) at ``moment``: a book of its own regions only."""
    with at(moment):
        row = await subscriber(db, chat)
        assert row is not None
        await owe_digests(db, Config(), {f"digest:{chat}:{moment}": [row]}, moment)


async def owed(db: Database, chat: int) -> list[str]:
    """The text of every digest owed to ``chat``, in order."""
    await write_owed(db)
    rows = await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 1000)
    return [row.text for row in rows if row.chat_id == chat]


async def test_a_chat_sent_the_first_version_gets_the_correction_marked(db: Database) -> None:
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, report(FIRST), T)
    await cycle(db, T + timedelta(minutes=1))
    await save(db, report(CORRECTED), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))

    _, second = await owed(db, OLD)
    assert "مقتل أربعة مدنيين" in second and UPDATED in second


async def test_a_chat_that_subscribed_after_the_first_version_gets_the_correction_unmarked(
    db: Database,
) -> None:
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, report(FIRST), T)
    await cycle(db, T + timedelta(minutes=1))
    await follow(db, NEW, ["SY-DR"], T + timedelta(minutes=1, seconds=30))
    await save(db, report(CORRECTED), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))

    (only,) = await owed(db, NEW)
    assert "مقتل أربعة مدنيين" in only and UPDATED not in only


async def test_a_region_channel_bound_again_at_a_restart_gets_the_correction_marked(db: Database) -> None:
    channel = -1001
    with at(T - timedelta(hours=1)):
        await PreferenceStore(db).bind_channel(channel, ["SY-DR"], "config")
    await save(db, report(FIRST), T)
    await cycle(db, T + timedelta(minutes=1))
    with at(T + timedelta(minutes=1, seconds=30)):  # the bot restarts: the config's channels bound again
        await PreferenceStore(db).sync_config_channels([(channel, ["SY-DR"])])
    await save(db, report(CORRECTED), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))

    _, second = await owed(db, channel)
    assert "مقتل أربعة مدنيين" in second and UPDATED in second


async def test_a_chat_that_followed_another_region_then_gets_the_correction_unmarked(db: Database) -> None:
    # Both chats end up with the same regions and the same window: one edition key, two answers.
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await follow(db, ELSEWHERE, ["LB"], T - timedelta(hours=1))
    await save(db, report(FIRST), T)
    await cycle(db, T + timedelta(minutes=1))
    with at(T + timedelta(minutes=1, seconds=30)):
        await SubscriberStore(db).remove_codes(ELSEWHERE, ["LB"])
        await SubscriberStore(db).add_codes(ELSEWHERE, ["SY-DR"])
    await save(db, report(CORRECTED), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))

    (only,) = await owed(db, ELSEWHERE)
    assert "مقتل أربعة مدنيين" in only and UPDATED not in only
    assert UPDATED in (await owed(db, OLD))[-1]


async def test_a_chat_paused_while_the_first_version_went_out_gets_the_correction_unmarked(
    db: Database,
) -> None:
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await follow(db, NEW, ["SY-DR"], T - timedelta(hours=1))
    with at(T - timedelta(minutes=5)):
        await SubscriberStore(db).set_paused(NEW, True)
    await save(db, report(FIRST), T)
    await cycle(db, T + timedelta(minutes=1))
    await save(db, report(CORRECTED), T + timedelta(minutes=2))
    with at(T + timedelta(minutes=2, seconds=30)):
        await SubscriberStore(db).set_paused(NEW, False)
    await cycle(db, T + timedelta(minutes=3))

    (only,) = await owed(db, NEW)
    assert "مقتل أربعة مدنيين" in only and UPDATED not in only


async def test_a_story_moved_to_another_region_reaches_that_regions_followers(db: Database) -> None:
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await follow(db, ELSEWHERE, ["LB"], T - timedelta(hours=1))
    await save(db, report(FIRST), T)
    await cycle(db, T + timedelta(minutes=1))
    await save(db, report(FIRST, codes=("LB",)), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))

    (only,) = await owed(db, ELSEWHERE)
    assert "دون ورود أنباء" in only and UPDATED not in only


async def test_a_story_moved_away_unchanged_owes_its_old_regions_nothing(db: Database) -> None:
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, report(FIRST), T)
    await cycle(db, T + timedelta(minutes=1))
    await save(db, report(FIRST, codes=("LB",)), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))

    assert len(await owed(db, OLD)) == 1


async def test_a_story_corrected_and_moved_away_comes_to_its_old_regions_marked(db: Database) -> None:
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await follow(db, NEW, ["SY-DR"], T + timedelta(minutes=1, seconds=30))
    await save(db, report(FIRST), T)
    await cycle(db, T + timedelta(minutes=1))
    await save(db, report(CORRECTED, codes=("LB",)), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))

    _, second = await owed(db, OLD)
    assert "مقتل أربعة مدنيين" in second and UPDATED in second
    assert await owed(db, NEW) == []


async def test_a_story_corrected_and_moved_away_comes_marked_to_digest_now(db: Database) -> None:
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, report(FIRST), T)
    await digest_now(db, OLD, T + timedelta(minutes=1))
    await save(db, report(CORRECTED, codes=("LB",)), T + timedelta(minutes=2))
    await digest_now(db, OLD, T + timedelta(minutes=3))

    _, second = await owed(db, OLD)
    assert "مقتل أربعة مدنيين" in second and UPDATED in second


async def test_a_correction_past_max_age_reaches_the_chats_that_were_sent_the_story(db: Database) -> None:
    config = Config()
    config.delivery.max_age_days = 1
    published = T - timedelta(hours=23)
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, report(FIRST, published=published), T)
    await cycle(db, T + timedelta(minutes=1), config)
    await save(db, report(CORRECTED, published=published), T + timedelta(hours=2))
    await cycle(db, T + timedelta(hours=2, minutes=1), config)

    _, second = await owed(db, OLD)
    assert "مقتل أربعة مدنيين" in second and UPDATED in second


async def test_a_correction_past_max_age_is_no_news_to_a_chat_never_sent_the_story(db: Database) -> None:
    config = Config()
    config.delivery.max_age_days = 1
    published = T - timedelta(hours=23)
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, report(FIRST, published=published), T)
    await cycle(db, T + timedelta(minutes=1), config)
    await follow(db, NEW, ["SY-DR"], T + timedelta(hours=1))
    await save(db, report(CORRECTED, published=published), T + timedelta(hours=2))
    await cycle(db, T + timedelta(hours=2, minutes=1), config)

    assert await owed(db, NEW) == []


LEAD = "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس في ريف درعا الغربي صباح اليوم."
MIDDLE = "وتقع البلدة قرب الحدود الأردنية وتضم آلاف النازحين منذ سنوات طويلة."
LAST = "واشار السكان الى ان القصف تكرر خلال الاسبوع الماضي عدة مرات."
TYPO = "واشار السكان الى ان القصف تكرر خلال الاسبوغ الماضي عدة مرات."


async def _sent_then_saved(db: Database, first: Article, second: Article) -> list[str]:
    """What a chat that was sent ``first`` is owed after ``second`` replaced it (each a digest)."""
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, first, T)
    await cycle(db, T + timedelta(minutes=1))
    await save(db, second, T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))
    return await owed(db, OLD)


async def test_a_typo_fixed_where_the_summary_does_not_look_owes_nothing_again(db: Database) -> None:
    sent = await _sent_then_saved(db, report(f"{LEAD} {MIDDLE} {TYPO}"), report(f"{LEAD} {MIDDLE} {LAST}"))

    assert len(sent) == 1


async def test_a_typo_fixed_in_a_story_never_sent_goes_out_in_its_new_form(db: Database) -> None:
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, report(f"{LEAD} {MIDDLE} {TYPO}"), T)
    await cycle(db, T + timedelta(minutes=1))
    await follow(db, NEW, ["SY-DR"], T + timedelta(minutes=1, seconds=30))
    await save(db, report(f"{LEAD} {MIDDLE} {LAST}"), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))

    (only,) = await owed(db, NEW)
    assert "طفس" in only and UPDATED not in only


async def test_a_sentence_the_summary_showed_withdrawn_comes_again_marked(db: Database) -> None:
    first = f"{LEAD} {MIDDLE} {LAST}"
    _, second = await _sent_then_saved(db, report(first), report(f"{MIDDLE} {LAST}"))

    assert UPDATED in second and "استهدف بلدة طفس" not in second


async def test_a_sentence_the_summary_did_not_show_withdrawn_owes_nothing_again(db: Database) -> None:
    sent = await _sent_then_saved(db, report(f"{LEAD} {MIDDLE} {LAST}"), report(f"{LEAD} {MIDDLE}"))

    assert len(sent) == 1


async def test_a_retracted_paragraph_sends_the_story_again_as_it_now_stands(db: Database) -> None:
    first = report(LEAD)
    first.sections.append(
        Section("حصيلة", "وأفاد مصدر طبي بمقتل أربعة مدنيين بينهم طفلان في القصف.", ["SY-DR"])
    )
    _, second = await _sent_then_saved(db, first, report(LEAD))

    assert UPDATED in second and "استهدف بلدة طفس" in second and "مصدر طبي" not in second


THIRD = "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس في ريف درعا الغربي وأدى إلى مقتل خمسة مدنيين بينهم طفل."
LEAD2 = "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس في ريف درعا الغربي صباح اليوم وقتل ثلاثة مدنيين."


async def _sent_then_saved_twice(db: Database, first: Article, second: Article, third: Article) -> list[str]:
    """What a chat that was sent ``first`` is owed after ``second`` then ``third`` replaced it, with
    no digest in between."""
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, first, T)
    await cycle(db, T + timedelta(minutes=1))
    await save(db, second, T + timedelta(minutes=2))
    await save(db, third, T + timedelta(minutes=3))
    await cycle(db, T + timedelta(minutes=4))
    return await owed(db, OLD)


async def test_a_correction_followed_by_a_hidden_typo_fix_before_the_digest_still_comes_marked(
    db: Database,
) -> None:
    _, second = await _sent_then_saved_twice(
        db,
        report(f"{LEAD} {MIDDLE} {TYPO}"),
        report(f"{LEAD2} {MIDDLE} {TYPO}"),
        report(f"{LEAD2} {MIDDLE} {LAST}"),
    )

    assert UPDATED in second and "ثلاثة" in second


async def test_a_correction_followed_by_a_new_region_before_the_digest_still_comes_marked(
    db: Database,
) -> None:
    _, second = await _sent_then_saved_twice(
        db, report(FIRST), report(CORRECTED), report(CORRECTED, codes=("SY", "SY-DR", "LB"))
    )

    assert UPDATED in second and "مقتل أربعة" in second


async def test_an_edit_reverted_before_the_digest_owes_nothing_again(db: Database) -> None:
    first = report(f"{LEAD} {MIDDLE} {TYPO}")
    sent = await _sent_then_saved_twice(db, first, report(f"{LEAD2} {MIDDLE} {TYPO}"), first)

    assert len(sent) == 1


async def test_two_corrections_between_digests_come_once_marked_and_once_new(db: Database) -> None:
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, report(FIRST), T)
    await cycle(db, T + timedelta(minutes=1))
    await follow(db, NEW, ["SY-DR"], T + timedelta(minutes=1, seconds=30))
    await save(db, report(CORRECTED), T + timedelta(minutes=2))
    await save(db, report(THIRD), T + timedelta(minutes=3))
    await cycle(db, T + timedelta(minutes=4))

    (new,) = await owed(db, NEW)
    _, old = await owed(db, OLD)
    assert UPDATED not in new and "خمسة" in new
    assert UPDATED in old and "خمسة" in old


async def test_a_chat_sent_only_the_first_correction_gets_the_second_marked(db: Database) -> None:
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, report(FIRST), T)
    await cycle(db, T + timedelta(minutes=1))
    await follow(db, NEW, ["SY-DR"], T + timedelta(minutes=1, seconds=30))
    await save(db, report(CORRECTED), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))
    await save(db, report(THIRD), T + timedelta(minutes=4))
    await cycle(db, T + timedelta(minutes=5))

    first, second = await owed(db, NEW)
    assert UPDATED not in first and UPDATED in second and "خمسة" in second


async def test_a_stale_second_correction_reaches_a_chat_sent_only_the_first(db: Database) -> None:
    config = Config()
    config.delivery.max_age_days = 1
    published = T - timedelta(hours=23)
    await follow(db, OLD, ["SY-DR"], T - timedelta(hours=1))
    await save(db, report(FIRST, published=published), T)
    await cycle(db, T + timedelta(minutes=1), config)
    await follow(db, NEW, ["SY-DR"], T + timedelta(minutes=1, seconds=30))
    await save(db, report(CORRECTED, published=published), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3), config)
    await save(db, report(THIRD, published=published), T + timedelta(hours=2))
    await cycle(db, T + timedelta(hours=2, minutes=1), config)

    _, second = await owed(db, NEW)
    assert UPDATED in second and "خمسة" in second
