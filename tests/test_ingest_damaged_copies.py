"""A story read again as a damaged copy (a download cut short, text with U+FFFD from a decoding fault)
never replaces its clean stored text: the copy is rejected in one line naming it and why, and the stored
version stays. An editor's correction, even one that shortens the story, still replaces it and comes
again marked as updated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine
from digest_seed import add_subscribers

from nashra.articles.ingest import IngestReport, ingest
from nashra.config import Config
from nashra.digest.fanout import owe_digests
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from nashra.storage.db import to_db_time
from nashra.storage.digests import Audience
from nashra.storage.outbox import PRIORITY_DIGEST, OutboxStore
from tests.owed_rows import write_owed

DATA = Path(__file__).resolve().parent / "data/damaged_copies"
STORY = (DATA / "story.txt").read_text(encoding="utf-8")
CORRECTED = (DATA / "corrected.txt").read_text(encoding="utf-8")
T = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)


async def ingest_at(db: Database, path: Path, moment: datetime) -> IngestReport:
    with time_machine.travel(moment, tick=False):
        return await ingest(db, [path], Config().ingest)


async def stored_text(db: Database) -> str:
    store = ArticleStore(db)
    article_id = (await db.fetchone("SELECT id FROM articles"))[0]
    return " ".join(section.text for section in await store.sections_of(article_id))


async def stored_then(db: Database, path: Path, copy: bytes) -> tuple[str, IngestReport]:
    """The story stored from ``path``, its text, and the report of ``copy`` written there and read."""
    path.write_text(STORY, encoding="utf-8")
    await ingest_at(db, path, T)
    before = await stored_text(db)
    path.write_bytes(copy)
    return before, await ingest_at(db, path, T + timedelta(minutes=2))


async def test_a_copy_cut_short_keeps_the_stored_story(db: Database, tmp_path: Path) -> None:
    before, report = await stored_then(db, tmp_path / "taffas.txt", STORY[:200].encode())

    assert (report.updated, len(report.rejected)) == (0, 1)
    assert await stored_text(db) == before


async def test_a_garbled_copy_keeps_the_stored_story(db: Database, tmp_path: Path) -> None:
    data = STORY.encode()
    garbled = data[:300] + b"\xff\xfe" + data[302:]
    before, report = await stored_then(db, tmp_path / "taffas.txt", garbled)

    assert (report.updated, len(report.rejected)) == (0, 1)
    assert await stored_text(db) == before


async def test_a_kept_out_copy_is_one_line_naming_it_and_why(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "taffas.txt"
    _, report = await stored_then(db, path, STORY[:200].encode())

    assert report.rejected == [
        f"{path}: kept the stored version: the new copy is cut short (882 → 157 characters)"
    ]


async def test_an_editors_shortened_correction_replaces_the_story_marked_as_updated(
    db: Database, tmp_path: Path
) -> None:
    with time_machine.travel(T - timedelta(hours=1), tick=False):
        await add_subscribers(db, [(1, ["SY-DR"])], last_digest_at=to_db_time(T - timedelta(hours=1)))
    path = tmp_path / "taffas.txt"
    path.write_text(STORY, encoding="utf-8")
    await ingest_at(db, path, T)
    await cycle(db, T + timedelta(minutes=1))
    path.write_text(CORRECTED, encoding="utf-8")
    report = await ingest_at(db, path, T + timedelta(minutes=2))
    await cycle(db, T + timedelta(minutes=3))
    await write_owed(db)
    first, second = [row.text for row in await OutboxStore(db).load_pending(PRIORITY_DIGEST, 0, 100)]

    assert (report.updated, report.rejected) == (1, [])
    assert "ثلاثة أطفال في حالة حرجة" in await stored_text(db)
    assert "(تحديث)" not in first and "(تحديث)" in second


async def cycle(db: Database, moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        await owe_digests(db, Config(), {f"digest:{moment}": Audience(to_db_time(moment))}, moment)


async def test_a_copy_that_only_drops_its_closing_full_stop_replaces_the_story(
    db: Database, tmp_path: Path
) -> None:
    unstopped = STORY.rstrip().removesuffix(".") + "\n"
    _, report = await stored_then(db, tmp_path / "taffas.txt", unstopped.encode())

    assert (report.updated, report.rejected) == (1, [])
    assert (await stored_text(db)).endswith("في الأحياء الشرقية")


async def test_a_correction_ending_after_a_dotted_agency_name_replaces_the_story(
    db: Database, tmp_path: Path
) -> None:
    story = (DATA / "agency_credit.txt").read_text(encoding="utf-8")
    path = tmp_path / "idlib.txt"
    path.write_text(story, encoding="utf-8")
    await ingest_at(db, path, T)
    path.write_text(story[: story.index("أ.ف.ب.") + len("أ.ف.ب.")] + "\n", encoding="utf-8")
    report = await ingest_at(db, path, T + timedelta(minutes=2))

    assert (report.updated, report.rejected) == (1, [])
    assert (await stored_text(db)).endswith("بحسب ما نقلته أ.ف.ب.")
