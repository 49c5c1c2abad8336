"""Article links: which links are kept, and the one spelling of a link that identifies a story.

Feeds are written by others. A ``javascript:`` or ``data:`` link in an ``<a href>`` of a digest runs
or shows whatever the feed's author chose, so only ``http``/``https`` links with a host are kept.
The same story comes back under spellings of its URL that differ only in tracking parameters
(``utm_source`` added by a newsletter, ``fbclid`` by Facebook), letter case of the host, a default
port or a ``#fragment`` that names a place on the page; :func:`canonical_url` folds them, so they are
one story. A fragment that is a route (``#!/news/1``) is part of what the link names, and is kept.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import SplitResult, quote, unquote_plus, urlsplit, urlunsplit

WEB_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that say how a reader arrived, not what they read (Google Analytics' utm_*, the click ids of
# Facebook, Google, Microsoft and Yandex ads, Mailchimp, HubSpot, Instagram and Twitter share links).
_TRACKING_PREFIXES = ("utm_",)
_TRACKING = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "_ga", "_gl", "ref_src", "ref_url",
    }
)  # fmt: skip
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")
# Fragments that are routes of script-driven pages (hash-bang and hash routing), kept in a link.
_ROUTES = ("!", "/")


def web_link(url: str | None) -> str | None:
    """``url`` in its canonical form when it is an http(s) link with a host, else None.

    None for ``javascript:``, ``data:``, ``file:``, relative links and anything with spaces or control
    characters inside, which browsers and Telegram would read differently from Nashra. A user name
    or password in the link is dropped.
    """
    if url is None:
        return None
    url = url.strip()
    if not url or _UNSAFE.search(url):
        return None
    # Invisible format characters (bidi overrides and isolates, zero-width spaces) would turn the link
    # Telegram shows before opening it; percent-encoded, the link still leads where it did.
    url = "".join(quote(char, safe="") if unicodedata.category(char) == "Cf" else char for char in url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a port that is no number, an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return _canonical(parts.scheme.lower(), parts, port)


def canonical_url(url: str) -> str:
    """The identity of a web link: tracking parameters, fragment and default port removed, scheme
    and host lower-cased, an empty path written ``/``. Links that are not http(s) come back unchanged."""
    return web_link(url) or url


def _canonical(scheme: str, parts: SplitResult, port: int | None) -> str:
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 address goes back into brackets
        host = f"[{host}]"
    # A user name in a link ("https://bbc.com@evil.example/") only serves to mislead a reader.
    netloc = host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    # Pieces are filtered as written, not decoded and encoded again, so the rest keeps its spelling.
    query = "&".join(
        piece for piece in parts.query.split("&") if piece and not _is_tracking(piece.partition("=")[0])
    )
    # A fragment that routes ("#!/news/1", "#/article/2") tells stories apart on sites that load their
    # pages by script; any other ("#comments", "#top") only names a place on the page.
    fragment = parts.fragment if parts.fragment.startswith(_ROUTES) else ""
    return urlunsplit((scheme, netloc, parts.path or "/", query, fragment))


def _is_tracking(key: str) -> bool:
    lowered = unquote_plus(key).lower()
    return lowered in _TRACKING or lowered.startswith(_TRACKING_PREFIXES)
