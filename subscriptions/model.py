"""Plain domain objects of subscriptions."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Subscriber:
    """A chat that receives digests and alerts, with the region codes it follows."""

    chat_id: int
    kind: str
    language: str = "ar"
    timezone: str | None = None
    digest_time: str | None = None
    paused: bool = False
    blocked: bool = False
    last_digest_at: str | None = None
    regions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ParsedRegions:
    """What a user's list of region names resolved to.

    ``via`` maps a code to the place the user named inside it ("الميادين" -> SY-DY); ``unknown`` holds
    the terms that matched nothing exactly, and ``suggestions`` the likely regions for each of them.
    """

    codes: list[str] = field(default_factory=list)
    via: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    suggestions: dict[str, list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class ChangeResult:
    """Outcome of a subscribe / unsubscribe request, for the reply."""

    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    parsed: ParsedRegions = field(default_factory=ParsedRegions)
