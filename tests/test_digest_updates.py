"""A story corrected after a digest carried it comes again, marked as updated, once per change; an
edit that leaves every section's text as it was owes nothing; and a story stored a moment before a
digest is in it, while one stored in the same second after the digest's end is in the next one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine
from digest_seed import add_subscribers
from telegram import Bot

from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.model import Article, Furniture, Section
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from nashra.storage.db import to_db_time
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore
from tests.bot_harness import running_bot
from tests.owed_rows import write_owed

TOKEN = "123456:updates-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa"
# Runs are given their "now" and the clock is held there: nothing here waits for time to pass.
T = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)
FIRST = "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس في ريف درعا الغربي دون ورود أنباء عن إصابات."
CORRECTED = "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس في ريف درعا الغربي وأدى إلى مقتل أربعة مدنيين."


def report(text: str, title: str = "قصف على بلدة طفس في ريف درعا", **extra: object) -> Article:
    return Article(
        title=title,
        sections=[Section(None, text, ["SY", "SY-DR"])],
        source="عنب بلدي",
        url="https://e.example/n/77",
        guid="https://e.example/n/77",
        published_at=T - timedelta(hours=1),
        **extra,  # type: ignore[arg-type]
    )


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    with time_machine.travel(moment, tick=False):
        yield


async def save(db: Database, article: Article, moment: datetime) -> str:
    with at(moment):
        return (await ArticleStore(db).save(article)).status


async def digest(db: Database, moment: datetime) -> None:
    with at(moment):
        await Deliverer(Bot(TOKEN), db, Config()).digest_now(1, now=moment)


async def owed(db: Database) -> list[str]:
    """The text of every digest owed to chat 1, in order."""
    await write_owed(db)
    rows = await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 1000)
    return [row.text for row in rows if row.chat_id == 1]


async def subscribed(db: Database, codes: tuple[str, ...] = ("SY-DR",), chat: int = 1) -> None:
    """Chat ``chat`` following ``codes`` since an hour before T, and sent a digest then."""
    with at(T - timedelta(hours=1)):
        await add_subscribers(db, [(chat, list(codes))], last_digest_at=to_db_time(T - timedelta(hours=1)))


async def test_a_story_corrected_after_its_digest_comes_again_marked_as_updated(db: Database) -> None:
    await subscribed(db)
    await save(db, report(FIRST), T)
    await digest(db, T + timedelta(minutes=1))
    corrected = report(CORRECTED, title="مقتل أربعة مدنيين بقصف على طفس")
    assert await save(db, corrected, T + timedelta(minutes=2)) == "updated"
    await digest(db, T + timedelta(minutes=3))

    first, second = await owed(db)
    assert "دون ورود أنباء" in first and "(تحديث)" not in first
    assert "مقتل أربعة مدنيين" in second and "(تحديث)" in second
    assert "دون ورود أنباء" not in second


async def test_a_correction_comes_once(db: Database) -> None:
    await subscribed(db)
    await save(db, report(FIRST), T)
    await digest(db, T + timedelta(minutes=1))
    await save(db, report(CORRECTED), T + timedelta(minutes=2))
    await digest(db, T + timedelta(minutes=3))
    await save(db, report(CORRECTED), T + timedelta(minutes=4))
    await digest(db, T + timedelta(minutes=5))

    assert len(await owed(db)) == 2


async def test_the_same_story_ingested_again_owes_nothing(db: Database) -> None:
    await subscribed(db)
    await save(db, report(FIRST), T)
    await digest(db, T + timedelta(minutes=1))
    assert await save(db, report(FIRST), T + timedelta(minutes=2)) == "unchanged"
    await digest(db, T + timedelta(minutes=3))

    assert len(await owed(db)) == 1


async def test_an_update_that_keeps_what_a_digest_shows_owes_nothing(db: Database) -> None:
    await subscribed(db)
    await save(db, report(FIRST), T)
    await digest(db, T + timedelta(minutes=1))
    await save(db, report(FIRST, furniture=[Furniture("credit", "تصوير: أ.ب")]), T + timedelta(minutes=2))
    await digest(db, T + timedelta(minutes=3))

    assert len(await owed(db)) == 1


async def test_a_corrected_headline_alone_comes_again_marked_as_updated(db: Database) -> None:
    await subscribed(db)
    await save(db, report(FIRST), T)
    await digest(db, T + timedelta(minutes=1))
    assert await save(db, report(FIRST, title="قصف على بلدة نوى في ريف درعا"), T + timedelta(minutes=2)) == (
        "updated"
    )
    await digest(db, T + timedelta(minutes=3))

    _, second = await owed(db)
    assert "بلدة نوى" in second and "(تحديث)" in second


async def test_the_same_text_cut_into_other_sections_owes_nothing(db: Database) -> None:
    await subscribed(db)
    lead, rest = "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس.", "ولم ترد أنباء عن إصابات في ريف درعا."
    await save(db, report(f"{lead} {rest}"), T)
    await digest(db, T + timedelta(minutes=1))
    recut = report(lead)
    recut.sections.append(Section("تفاصيل", rest, ["SY", "SY-DR"]))
    assert await save(db, recut, T + timedelta(minutes=2)) == "updated"
    await digest(db, T + timedelta(minutes=3))

    assert len(await owed(db)) == 1


async def test_a_story_corrected_before_any_digest_goes_out_once_in_its_new_form(db: Database) -> None:
    await subscribed(db)
    await save(db, report(FIRST), T)
    await save(db, report(CORRECTED), T + timedelta(minutes=1))
    await digest(db, T + timedelta(minutes=2))

    (only,) = await owed(db)
    assert "مقتل أربعة مدنيين" in only
    assert "دون ورود أنباء" not in only and "(تحديث)" not in only


async def test_a_story_stored_a_moment_before_a_digest_is_in_it(db: Database) -> None:
    await subscribed(db)
    await save(db, report(FIRST), T + timedelta(microseconds=300_000))
    await digest(db, T + timedelta(microseconds=400_000))

    (only,) = await owed(db)
    assert "طفس" in only


async def test_a_story_stored_in_the_same_second_after_a_digest_is_in_the_next_one(db: Database) -> None:
    await subscribed(db)
    await digest(db, T + timedelta(microseconds=400_000))
    await save(db, report(FIRST), T + timedelta(microseconds=500_000))
    await digest(db, T + timedelta(microseconds=900_000))

    (only,) = await owed(db)
    assert "طفس" in only


async def test_a_subscriber_asking_for_a_digest_after_a_correction_is_told_it_is_an_update(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path) as harness:
        await harness.say(5, "/subscribe درعا")
        db = harness.services.db
        await ArticleStore(db).save(report(FIRST))
        first = await harness.say(5, "/digest")
        await ArticleStore(db).save(report(CORRECTED))
        second = await harness.say(5, "/digest")

    assert "دون ورود أنباء" in first.plain_text
    assert re.search(r"\(تحديث\)", second.plain_text)
    assert "مقتل أربعة مدنيين" in second.plain_text


async def test_a_number_corrected_at_the_start_of_a_section_comes_again(db: Database) -> None:
    await subscribed(db)
    await save(db, report("150 قتيلا في قصف على بلدة طفس بريف درعا الغربي"), T)
    await digest(db, T + timedelta(minutes=1))
    assert await save(
        db, report("50 قتيلا في قصف على بلدة طفس بريف درعا الغربي"), T + timedelta(minutes=2)
    ) == ("updated")
    await digest(db, T + timedelta(minutes=3))

    assert len(await owed(db)) == 2


async def test_a_short_new_section_whose_words_stand_in_the_old_text_is_news(db: Database) -> None:
    await subscribed(db)
    await save(db, report(FIRST), T)
    await digest(db, T + timedelta(minutes=1))
    added = report(FIRST)
    added.sections.append(Section("عاجل", "قصف مدفعي", ["SY", "SY-DR"]))
    await save(db, added, T + timedelta(minutes=2))
    await digest(db, T + timedelta(minutes=3))

    assert len(await owed(db)) == 2


async def test_a_recut_after_an_unsent_correction_resends_only_the_correction(db: Database) -> None:
    await subscribed(db)
    lead, rest = (
        "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس صباح اليوم.",
        "وتقع البلدة قرب الحدود الأردنية في ريف درعا.",
    )
    details, corrected = (
        "ولم ترد أنباء عن إصابات بين المدنيين في البلدة.",
        "وأفاد مصدر طبي بمقتل أربعة مدنيين في البلدة.",
    )
    first = report(f"{lead} {rest}")
    first.sections.append(Section("تفاصيل", details, ["SY", "SY-DR"]))
    await save(db, first, T)
    await digest(db, T + timedelta(minutes=1))
    second = report(f"{lead} {rest}")
    second.sections.append(Section("تفاصيل", corrected, ["SY", "SY-DR"]))
    await save(db, second, T + timedelta(minutes=2))
    recut = report(lead)
    recut.sections += [Section("خلفية", rest, ["SY", "SY-DR"]), Section("تفاصيل", corrected, ["SY", "SY-DR"])]
    await save(db, recut, T + timedelta(minutes=3))
    await digest(db, T + timedelta(minutes=4))

    _, again = await owed(db)
    assert "مقتل أربعة مدنيين" in again
    assert "الحدود الأردنية" not in again
