"""Subscriber preferences beyond regions: keyword filters, digest format, forum topics, region channels.

Every table here references ``subscribers`` with ON DELETE / ON UPDATE CASCADE, so /stop forgets the
preferences and a group that becomes a supergroup keeps them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nashra.storage.db import Database, utcnow
from nashra.storage.outbox import withdraw_unsettled

STYLES = ("full", "headlines")


@dataclass(frozen=True, slots=True)
class KeywordRow:
    id: int
    phrase: str
    shown: str
    exclude: bool


@dataclass(frozen=True, slots=True)
class DigestFormat:
    """A digest's look: ``style`` "full" or "headlines", link previews, item cap (None: the default)."""

    style: str = "full"
    link_previews: bool = False
    max_items: int | None = None


@dataclass(frozen=True, slots=True)
class ChannelBinding:
    chat_id: int
    origin: str
    codes: tuple[str, ...]


class PreferenceStore:
    """SQL of the ``keywords``, ``topics`` and ``region_channels`` tables and the format columns."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- keywords -------------------------------------------------------------------------------------

    async def keywords(self, chat_id: int) -> list[KeywordRow]:
        rows = await self._db.fetchall(
            "SELECT id, phrase, shown, mode FROM keywords WHERE chat_id = ? ORDER BY mode DESC, id",
            (chat_id,),
        )
        return [KeywordRow(r["id"], r["phrase"], r["shown"], r["mode"] == "exclude") for r in rows]

    async def add_keywords(self, chat_id: int, keywords: Iterable[tuple[str, str, bool]]) -> list[str]:
        """Add (phrase, shown, exclude) to the (existing) chat; a phrase already there changes mode.

        Returns the phrases that were new or changed.
        """
        now = utcnow()
        changed = []
        async with self._db.transaction() as conn:
            for phrase, shown, exclude in keywords:
                mode = "exclude" if exclude else "include"
                cursor = await conn.execute(
                    "INSERT INTO keywords (chat_id, mode, phrase, shown, created_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (chat_id, phrase) DO UPDATE SET mode = excluded.mode, "
                    "shown = excluded.shown "
                    "WHERE keywords.mode != excluded.mode",
                    (chat_id, mode, phrase, shown, now),
                )
                if cursor.rowcount:
                    changed.append(phrase)
        return changed

    async def remove_keywords(self, chat_id: int, phrases: Iterable[str]) -> list[str]:
        removed = []
        async with self._db.transaction() as conn:
            for phrase in dict.fromkeys(phrases):
                cursor = await conn.execute(
                    "DELETE FROM keywords WHERE chat_id = ? AND phrase = ?", (chat_id, phrase)
                )
                if cursor.rowcount:
                    removed.append(phrase)
        return removed

    async def remove_keyword_id(self, chat_id: int, keyword_id: int) -> bool:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM keywords WHERE chat_id = ? AND id = ?", (chat_id, keyword_id)
            )
            return bool(cursor.rowcount)

    async def clear_keywords(self, chat_id: int) -> int:
        async with self._db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM keywords WHERE chat_id = ?", (chat_id,))
            return cursor.rowcount

    async def keywords_of(self, chat_ids: Sequence[int]) -> dict[int, tuple[list[str], list[str]]]:
        """(include phrases, exclude phrases) of each chat that has keywords, in one query."""
        if not chat_ids:
            return {}
        found: dict[int, tuple[list[str], list[str]]] = {}
        rows = await self._db.fetchall(
            "SELECT chat_id, phrase, mode FROM keywords WHERE chat_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY id",
            (_json_ids(chat_ids),),
        )
        for row in rows:
            include, exclude = found.setdefault(int(row["chat_id"]), ([], []))
            (exclude if row["mode"] == "exclude" else include).append(row["phrase"])
        return found

    # -- format -------------------------------------------------------------------------------------------

    async def digest_format(self, chat_id: int) -> DigestFormat:
        row = await self._db.fetchone(
            "SELECT style, link_previews, max_items FROM subscribers WHERE chat_id = ?", (chat_id,)
        )
        if row is None:
            return DigestFormat()
        return DigestFormat(row["style"], bool(row["link_previews"]), row["max_items"])

    async def formats_of(self, chat_ids: Sequence[int]) -> dict[int, DigestFormat]:
        """The format of each chat that differs from the default, in one query."""
        if not chat_ids:
            return {}
        rows = await self._db.fetchall(
            "SELECT chat_id, style, link_previews, max_items FROM subscribers "
            "WHERE chat_id IN (SELECT value FROM json_each(?)) "
            "AND (style != 'full' OR link_previews != 0 OR max_items IS NOT NULL)",
            (_json_ids(chat_ids),),
        )
        return {
            int(r["chat_id"]): DigestFormat(r["style"], bool(r["link_previews"]), r["max_items"])
            for r in rows
        }

    async def set_format(
        self,
        chat_id: int,
        *,
        style: str | None = None,
        link_previews: bool | None = None,
        max_items: int | None = None,
    ) -> DigestFormat:
        """Change the given parts of the chat's format; returns the result."""
        if style is not None and style not in STYLES:
            raise ValueError(f"digest style must be one of {', '.join(STYLES)}, not {style!r}")
        if max_items is not None and max_items <= 0:
            raise ValueError(f"items per digest must be greater than 0, not {max_items}")
        async with self._db.transaction() as conn:
            for column, value in (
                ("style", style),
                ("link_previews", None if link_previews is None else int(link_previews)),
                ("max_items", max_items),
            ):
                if value is not None:
                    await conn.execute(
                        f"UPDATE subscribers SET {column} = ?, updated_at = ? WHERE chat_id = ?",
                        (value, utcnow(), chat_id),
                    )
        return await self.digest_format(chat_id)

    # -- forum topics ---------------------------------------------------------------------------------

    async def bind_topic(self, chat_id: int, thread_id: int, codes: Iterable[str]) -> None:
        """Route ``codes`` of the (existing) chat into its topic ``thread_id`` (a code has one topic)."""
        now = utcnow()
        async with self._db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO topics (chat_id, code, thread_id, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (chat_id, code) DO UPDATE SET thread_id = excluded.thread_id",
                [(chat_id, code, thread_id, now) for code in dict.fromkeys(codes)],
            )

    async def unbind_topic(self, chat_id: int, thread_id: int) -> list[str]:
        """Stop routing anything into the topic; returns the codes it had."""
        codes = [c for c, t in (await self.topics(chat_id)).items() if t == thread_id]
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM topics WHERE chat_id = ? AND thread_id = ?", (chat_id, thread_id))
        return codes

    async def topics(self, chat_id: int) -> dict[str, int]:
        """code -> thread id of the chat's bound topics."""
        rows = await self._db.fetchall(
            "SELECT code, thread_id FROM topics WHERE chat_id = ? ORDER BY code", (chat_id,)
        )
        return {row["code"]: int(row["thread_id"]) for row in rows}

    async def topics_of(self, chat_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        """code -> thread id, for each of ``chat_ids`` that has bound topics, in one query."""
        if not chat_ids:
            return {}
        rows = await self._db.fetchall(
            "SELECT chat_id, code, thread_id FROM topics WHERE chat_id IN (SELECT value FROM json_each(?))",
            (_json_ids(chat_ids),),
        )
        found: dict[int, dict[str, int]] = {}
        for row in rows:
            found.setdefault(int(row["chat_id"]), {})[row["code"]] = int(row["thread_id"])
        return found

    # -- region channels ------------------------------------------------------------------------------

    async def bind_channel(
        self, chat_id: int, codes: Sequence[str], origin: str, created_by: int | None = None
    ) -> None:
        """Make ``chat_id`` a region channel following exactly ``codes`` (creating its subscriber row).

        A code it already follows keeps its subscription, and so the time it began: the configured
        channels are bound again at every start, and a subscription that looked new would count the
        channel among the chats that may not have seen a corrected story's earlier version
        (:class:`nashra.digest.compose.History`)."""
        now = utcnow()
        wanted = list(dict.fromkeys(c.upper() for c in codes))
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO subscribers (chat_id, kind, language, created_at, updated_at) "
                "VALUES (?, 'channel', 'ar', ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET kind = 'channel', blocked = 0, updated_at = ?",
                (chat_id, now, now, now),
            )
            await conn.execute(
                "DELETE FROM subscriptions WHERE chat_id = ? "
                "AND code NOT IN (SELECT value FROM json_each(?))",
                (chat_id, json.dumps(wanted)),
            )
            await conn.executemany(
                "INSERT OR IGNORE INTO subscriptions (chat_id, code, created_at) VALUES (?, ?, ?)",
                [(chat_id, code, now) for code in wanted],
            )
            await conn.execute(
                "INSERT INTO region_channels (chat_id, origin, created_by, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET origin = excluded.origin, "
                "created_by = excluded.created_by",
                (chat_id, origin, created_by, now),
            )

    async def unbind_channel(self, chat_id: int) -> bool:
        """Forget a region channel (its subscriber row, subscriptions and pending posts)."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM region_channels WHERE chat_id = ?", (chat_id,))
            if not cursor.rowcount:
                return False
            await withdraw_unsettled(conn, chat_id)
            await conn.execute("DELETE FROM subscribers WHERE chat_id = ?", (chat_id,))
            return True

    async def channels(self) -> list[ChannelBinding]:
        rows = await self._db.fetchall(
            "SELECT c.chat_id, c.origin, "
            "(SELECT group_concat(code, ' ') FROM subscriptions s WHERE s.chat_id = c.chat_id) AS codes "
            "FROM region_channels c ORDER BY c.chat_id"
        )
        return [
            ChannelBinding(int(r["chat_id"]), r["origin"], tuple(sorted((r["codes"] or "").split())))
            for r in rows
        ]

    async def sync_config_channels(self, bindings: Sequence[tuple[int, Sequence[str]]]) -> list[int]:
        """Make the config's channels exactly the ``origin='config'`` ones; returns the ids dropped."""
        wanted = {chat_id for chat_id, _ in bindings}
        for chat_id, codes in bindings:
            await self.bind_channel(chat_id, codes, "config")
        dropped = [
            b.chat_id for b in await self.channels() if b.origin == "config" and b.chat_id not in wanted
        ]
        for chat_id in dropped:
            await self.unbind_channel(chat_id)
        return dropped


def _json_ids(chat_ids: Sequence[int]) -> str:
    return "[" + ",".join(str(int(c)) for c in chat_ids) + "]"
