"""SQLite's query plan of a statement a storage call runs, for tests that pin how a query is served."""

from __future__ import annotations

from collections.abc import Awaitable

from nashra.storage import Database


async def plan_of(db: Database, read: Awaitable[object], marker: str) -> str:
    """The plan (its lines joined by " | ") of the one statement containing ``marker`` that ``read``
    runs on ``db``'s connection, with its values bound as SQLite traced them."""
    statements: list[str] = []
    await db.conn.set_trace_callback(statements.append)
    try:
        await read
    finally:
        await db.conn.set_trace_callback(None)
    [statement] = [s for s in statements if marker in s]
    rows = await db.fetchall("EXPLAIN QUERY PLAN " + statement)
    return " | ".join(str(row["detail"]) for row in rows)
