"""Plain domain objects of subscriptions.

A chat's keyword filters, digest format and region-channel binding are stored exactly as the bot shows
them, so they are the storage's own dataclasses, handed out here: the bot reads them from this package
and never from :mod:`nashra.storage`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nashra.storage.preferences import ChannelBinding, DigestFormat, KeywordRow

__all__ = [
    "ChangeResult",
    "ChannelBinding",
    "DigestFormat",
    "KeywordRow",
    "ParsedRegions",
    "Subscriber",
    "Toggled",
]


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
    # When the chat's row was created (ISO 8601 UTC, whole seconds).
    created_at: str | None = None
    # Which of the chat's lives its row is: a chat deleted by /stop and started again has a larger one,
    # however soon after (nashra.storage.subscribers.SubscriberRecord.life).
    life: int = 0


@dataclass(slots=True)
class ParsedRegions:
    """What a user's list of region names resolved to.

    ``via`` maps a code to the place the user named inside it ("الميادين" -> SY-DY); ``unknown`` holds
    the terms that were not settled, and ``suggestions`` the regions to offer for each of them (best
    first). A term in ``ambiguous`` matched exactly but names several places («طرابلس»): its
    suggestions are the choices. ``places`` maps an offered code to the place name that led to it, for
    the button. ``problem`` is set when the text was not read as a list of names at all: ``"too_long"``
    (more than :data:`nashra.regions.lookup.MAX_WORDS` words) or ``"not_a_list"`` (mostly words that
    name nothing, such as a pasted paragraph); then every other field is empty.
    """

    codes: list[str] = field(default_factory=list)
    via: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    suggestions: dict[str, list[str]] = field(default_factory=dict)
    ambiguous: list[str] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Toggled:
    """Outcome of a keyboard press on a region: whether the chat follows it now, and every code (ISO
    3166) the chat follows now, sorted, so the keyboard is redrawn from one call."""

    on: bool
    regions: list[str]


@dataclass(slots=True)
class ChangeResult:
    """Outcome of a subscribe / unsubscribe request, for the reply."""

    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    parsed: ParsedRegions = field(default_factory=ParsedRegions)
