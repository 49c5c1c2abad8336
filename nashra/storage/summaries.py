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
# SQLite limits the number of bound parameters per statement; stay well below it.
_CHUNK = 500


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

    async def pending_sections(self, model_key: str, limit: int) -> list[StoredSection]:
        """Stored sections whose text has no summary under ``model_key``, newest articles first.

        One section per distinct text, since its summary serves every section with the same text.
        """
        rows = await self._db.fetchall(
            "SELECT s.id, s.article_id, s.position, s.heading, s.text, s.text_hash, "
            "  (SELECT group_concat(r.code, ' ') FROM section_regions r WHERE r.section_id = s.id) AS codes "
            "FROM sections s JOIN articles a ON a.id = s.article_id "
            "WHERE s.id IN ("
            "  SELECT MIN(p.id) FROM sections p "
            "  WHERE NOT EXISTS "
            "    (SELECT 1 FROM summaries m WHERE m.text_hash = p.text_hash AND m.model_key = ?) "
            "  GROUP BY p.text_hash"
            ") "
            "ORDER BY a.published_at DESC, s.article_id DESC, s.position "
            "LIMIT ?",
            (model_key, limit),
        )
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
        row = await self._db.fetchone(
            "SELECT COUNT(DISTINCT s.text_hash) AS n FROM sections s "
            "WHERE NOT EXISTS "
            "  (SELECT 1 FROM summaries m WHERE m.text_hash = s.text_hash AND m.model_key = ?)",
            (model_key,),
        )
        return int(row["n"]) if row else 0
