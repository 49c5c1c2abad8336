"""Digests: selecting what is new for each subscriber's regions and composing it as Telegram HTML.

Public API::

    from nashra.digest import preview
    await preview(db, config, ["SY-DR"], since=None, lang="ar") -> list[str]
"""

from __future__ import annotations

from nashra.digest.compose import DigestBook, Story, collapse_stories
from nashra.digest.select import plan_digests, preview

__all__ = ["DigestBook", "Story", "collapse_stories", "plan_digests", "preview"]
