"""A plain-text article (.txt, no link) is known by its file: a corrected file ingested again replaces
its story, and comes again to the chats it reached, marked as updated; two files sharing a headline
stay two stories, and so does another story written over an old one's file."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine
from digest_seed import add_subscribers

from nashra.articles.files import walk
from nashra.articles.ingest import IngestReport, ingest
from nashra.config import Config
from nashra.digest.fanout import owe_digests
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from nashra.storage.db import to_db_time
from nashra.storage.digests import Audience
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore
from tests.owed_rows import write_owed

T = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
TITLE = "قصف على بلدة طفس في ريف درعا"
FIRST = "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس في ريف درعا الغربي دون ورود أنباء عن إصابات."
CORRECTED = "قال ناشطون إن قصفاً مدفعياً استهدف بلدة طفس في ريف درعا الغربي وأدى إلى مقتل أربعة مدنيين."
OTHER_TITLE = "خطة سير جديدة في بيروت"
OTHER = "أعلنت بلدية بيروت خطة جديدة لتنظيم السير في شوارع العاصمة اللبنانية اعتباراً من الشهر المقبل."


def write(path: Path, body: str, title: str = TITLE) -> Path:
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


async def ingest_at(db: Database, path: Path, moment: datetime) -> IngestReport:
    with time_machine.travel(moment, tick=False):
        return await ingest(db, [path], Config().ingest)


async def test_a_corrected_text_file_ingested_again_replaces_its_story(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "taffas.txt", FIRST)
    await ingest_at(db, path, T)
    report = await ingest_at(db, write(path, CORRECTED), T + timedelta(minutes=2))

    assert (report.ingested, report.updated) == (0, 1)
    assert await ArticleStore(db).count_articles() == 1


async def test_two_text_files_sharing_a_headline_stay_two_stories(db: Database, tmp_path: Path) -> None:
    await ingest_at(db, write(tmp_path / "a.txt", FIRST), T)
    await ingest_at(db, write(tmp_path / "b.txt", OTHER), T + timedelta(minutes=2))

    assert await ArticleStore(db).count_articles() == 2


async def test_another_story_written_over_a_text_file_is_a_new_story(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "today.txt", FIRST)
    await ingest_at(db, path, T)
    report = await ingest_at(db, write(path, OTHER, title=OTHER_TITLE), T + timedelta(minutes=2))

    assert (report.ingested, report.updated) == (1, 0)
    assert await ArticleStore(db).count_articles() == 2


async def cycle(db: Database, moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        await owe_digests(db, Config(), {f"digest:{moment}": Audience(to_db_time(moment))}, moment)


async def test_a_corrected_text_file_comes_again_marked_as_updated(db: Database, tmp_path: Path) -> None:
    with time_machine.travel(T - timedelta(hours=1), tick=False):
        await add_subscribers(db, [(1, ["SY-DR"])], last_digest_at=to_db_time(T - timedelta(hours=1)))
    path = write(tmp_path / "taffas.txt", FIRST)
    await ingest_at(db, path, T)
    await cycle(db, T + timedelta(minutes=1))
    await ingest_at(db, write(path, CORRECTED), T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))
    await write_owed(db)
    first, second = [row.text for row in await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 100)]

    assert "دون ورود أنباء" in first
    assert "مقتل أربعة مدنيين" in second and "(تحديث)" in second


REWRITTEN = (
    "ارتفعت حصيلة القصف المدفعي الذي طال طفس صباح اليوم إلى أربعة قتلى وعشرات الجرحى "
    "بحسب مصادر طبية محلية نقلت المصابين إلى مشافي المنطقة."
)


async def test_a_text_file_rewritten_under_the_same_headline_replaces_its_story(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path / "taffas.txt", FIRST)
    await ingest_at(db, path, T)
    report = await ingest_at(db, write(path, REWRITTEN), T + timedelta(minutes=2))

    assert (report.ingested, report.updated) == (0, 1)
    assert await ArticleStore(db).count_articles() == 1


async def test_a_renamed_text_file_corrected_replaces_its_story(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", FIRST)
    await ingest_at(db, path, T)
    moved = path.rename(tmp_path / "b.txt")
    await ingest_at(db, moved, T + timedelta(minutes=2))
    report = await ingest_at(db, write(moved, CORRECTED), T + timedelta(minutes=4))

    assert (report.ingested, report.updated) == (0, 1)
    assert await ArticleStore(db).count_articles() == 1


async def test_a_copy_of_a_text_file_leaves_its_story_known_by_the_original(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path / "a.txt", FIRST)
    await ingest_at(db, path, T)
    await ingest_at(db, write(tmp_path / "copy.txt", FIRST), T + timedelta(minutes=2))
    report = await ingest_at(db, write(path, CORRECTED), T + timedelta(minutes=4))

    assert (report.ingested, report.updated) == (0, 1)
    assert await ArticleStore(db).count_articles() == 1


async def test_a_file_briefly_holding_another_stored_story_keeps_its_own(
    db: Database, tmp_path: Path
) -> None:
    a = write(tmp_path / "a.txt", FIRST)
    b = write(tmp_path / "b.txt", OTHER, title=OTHER_TITLE)
    await ingest_at(db, a, T)
    await ingest_at(db, b, T)
    a.write_bytes(b.read_bytes())
    await ingest_at(db, a, T + timedelta(minutes=1))
    report = await ingest_at(db, write(a, CORRECTED), T + timedelta(minutes=2))

    assert (report.ingested, report.updated) == (0, 1)
    assert await ArticleStore(db).count_articles() == 2


def _zip(path: Path, body: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("taffas.txt", f"{TITLE}\n\n{body}\n")
    return path


async def _ingest_zip_at(db: Database, path: Path, moment: datetime) -> IngestReport:
    with time_machine.travel(moment, tick=False):
        return await ingest(db, walk([path]), Config().ingest)


async def test_a_corrected_text_file_in_a_zip_ingested_again_replaces_its_story(
    db: Database, tmp_path: Path
) -> None:
    await _ingest_zip_at(db, _zip(tmp_path / "batch.zip", FIRST), T)
    report = await _ingest_zip_at(db, _zip(tmp_path / "batch.zip", CORRECTED), T + timedelta(minutes=2))

    assert (report.ingested, report.updated) == (0, 1)
    assert await ArticleStore(db).count_articles() == 1
