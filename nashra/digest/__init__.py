"""Digests: selecting what is new for each subscriber's regions and composing it as Telegram HTML.

Public API::

    from nashra.digest import digest_now, preview
    await digest_now(db, chat_id, config) -> list[str]   # /digest: new since the last digest; marks it
    await preview(db, config, ["SY-DR"], since=None, lang="ar") -> list[str]
"""

from __future__ import annotations

from datetime import UTC, datetime

from nashra.config import Config
from nashra.digest.compose import DigestBook, Story, collapse_stories
from nashra.digest.select import plan_digests, preview
from nashra.storage.db import Database
from nashra.storage.digests import mark_digested, subscriber


async def digest_now(db: Database, chat_id: int, config: Config) -> list[str]:
    """HTML parts of what is new for this chat since its last digest, and mark them as delivered.

    Returns [] for an unknown chat, a chat without subscriptions, or when nothing is new. The caller
    sends the parts; the window is closed as soon as they are composed.
    """
    row = await subscriber(db, chat_id)
    if row is None or not row.codes:
        return []
    window, planned = await plan_digests(db, config, [row], datetime.now(UTC))
    await mark_digested(db, chat_id, window.cutoff)
    return planned[0][1]


__all__ = ["DigestBook", "Story", "collapse_stories", "digest_now", "plan_digests", "preview"]
