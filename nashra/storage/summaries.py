"""The summaries cache: one row per (normalized section text, summarizer settings).

A section is summarized once whatever the number of subscribers or articles that repeat it, and again
only when its text (``text_hash``) or the model and generation settings (``model_key``) change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nashra.arabic import strip_controls
from nashra.model import StoredSection
from nashra.storage.db import Database, utcnow

METHODS = ("seq2seq", "extractive")
# Model keys whose backlog the database keeps (see SummaryStore._track): the running settings, plus a
# few others (a one-off ``nashra summarize`` with other settings) without rebuilding at each switch.
TRACKED_KEYS = 4
# SQLite limits the number of bound parameters per statement; stay well below it.
_CHUNK = 500
# The first section of each text pending under a model key (?1), newest articles first, at most ?2.
PENDING_QUERY = (
    "SELECT s.id, s.article_id, s.position, s.heading, s.text, s.text_hash, "
    "  (SELECT group_concat(r.code, ' ') FROM section_regions r WHERE r.section_id = s.id) AS codes "
    "FROM summary_backlog b "
    "JOIN sections s ON s.id = (SELECT MIN(p.id) FROM sections p WHERE p.text_hash = b.text_hash) "
    "JOIN articles a ON a.id = s.article_id "
    "WHERE b.model_key = ?1 "
    "ORDER BY a.published_at DESC, s.article_id DESC, s.position "
    "LIMIT ?2"
)


@dataclass(frozen=True, slots=True)
class StoredSummary:
    text_hash: str
    model_key: str
    summary: str
    method: str
    created_at: str


class SummaryStore:
    """Reads and writes of the ``summaries`` table and the backlog query of the summarizer."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get_many(self, text_hashes: Iterable[str], model_key: str) -> dict[str, StoredSummary]:
        """The stored summaries of these section texts under ``model_key``, by text hash."""
        wanted = list(dict.fromkeys(text_hashes))
        found: dict[str, StoredSummary] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetchall(
                "SELECT text_hash, model_key, summary, method, created_at FROM summaries "
                f"WHERE model_key = ? AND text_hash IN ({marks})",
                [model_key, *chunk],
            )
            for row in rows:
                found[row["text_hash"]] = StoredSummary(
                    row["text_hash"], row["model_key"], row["summary"], row["method"], row["created_at"]
                )
        return found

    async def put_many(self, model_key: str, summaries: Sequence[tuple[str, str, str]]) -> int:
        """Store (text_hash, summary, method) rows under ``model_key``, replacing older ones.

        A model can write bidi controls too (it learned them from web text): they are stripped here,
        where every summary is stored, as from every ingested text.
        """
        summaries = [(text_hash, strip_controls(summary), method) for text_hash, summary, method in summaries]
        for text_hash, summary, method in summaries:
            if method not in METHODS:
                raise ValueError(f"summary method must be one of {', '.join(METHODS)}, not {method!r}")
            if not summary.strip():
                raise ValueError(f"refusing to store an empty summary for section text {text_hash}")
        now = utcnow()
        async with self._db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO summaries (text_hash, model_key, summary, method, created_at) "
                "VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (text_hash, model_key) DO UPDATE SET "
                "summary = excluded.summary, method = excluded.method, created_at = excluded.created_at",
                [(text_hash, model_key, summary, method, now) for text_hash, summary, method in summaries],
            )
        return len(summaries)

    async def _track(self, model_key: str) -> None:
        """Make sure the backlog of ``model_key`` is kept (migration 0160): the first time a key is
        asked about, its backlog is filled in one scan of the sections; from then on triggers keep it.

        At most :data:`TRACKED_KEYS` keys are kept; tracking another drops the one tracked longest ago
        (asked about again, it is filled again). Settings change rarely, so this scan is rare.
        """
        if await self._db.fetchone("SELECT 1 FROM summary_backlog_keys WHERE model_key = ?", (model_key,)):
            return
        async with self._db.transaction() as conn:
            found = await conn.execute_fetchall(
                "SELECT 1 FROM summary_backlog_keys WHERE model_key = ?", (model_key,)
            )
            if found:
                return
            stale = await conn.execute_fetchall(
                "SELECT model_key FROM summary_backlog_keys ORDER BY tracked_at DESC, model_key "
                "LIMIT -1 OFFSET ?",
                (TRACKED_KEYS - 1,),
            )
            for (key,) in stale:
                await conn.execute("DELETE FROM summary_backlog WHERE model_key = ?", (key,))
                await conn.execute("DELETE FROM summary_backlog_keys WHERE model_key = ?", (key,))
            await conn.execute(
                "INSERT INTO summary_backlog_keys (model_key, tracked_at) VALUES (?, ?)",
                (model_key, utcnow()),
            )
            await conn.execute(
                "INSERT OR IGNORE INTO summary_backlog (model_key, text_hash) "
                "SELECT DISTINCT ?1, s.text_hash FROM sections s WHERE NOT EXISTS "
                "  (SELECT 1 FROM summaries m WHERE m.text_hash = s.text_hash AND m.model_key = ?1)",
                (model_key,),
            )

    async def pending_sections(self, model_key: str, limit: int) -> list[StoredSection]:
        """Stored sections whose text has no summary under ``model_key``, newest articles first.

        One section per distinct text (the first stored), since its summary serves every section with
        the same text. Read from the backlog table: the cost follows the backlog, not the database.
        """
        await self._track(model_key)
        rows = await self._db.fetchall(PENDING_QUERY, (model_key, limit))
        return [
            StoredSection(
                id=row["id"],
                article_id=row["article_id"],
                position=row["position"],
                heading=row["heading"],
                text=row["text"],
                text_hash=row["text_hash"],
                regions=sorted(row["codes"].split()) if row["codes"] else [],
            )
            for row in rows
        ]

    async def count_pending(self, model_key: str) -> int:
        """How many distinct section texts still lack a summary under ``model_key``."""
        await self._track(model_key)
        row = await self._db.fetchone(
            "SELECT COUNT(*) AS n FROM summary_backlog WHERE model_key = ?", (model_key,)
        )
        return int(row["n"]) if row else 0
