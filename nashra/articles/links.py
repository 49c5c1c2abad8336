"""Article links: which links are kept, and the one spelling of a link that identifies a story.

Feeds are written by others. A ``javascript:`` or ``data:`` link in an ``<a href>`` of a digest runs
or shows whatever the feed's author chose, so only ``http``/``https`` links with a host are kept.
The same story comes back under spellings of its URL that differ only in tracking parameters
(``utm_source`` added by a newsletter, ``fbclid`` by Facebook), letter case of the host, a default
port or a ``#fragment`` that names a place on the page; :func:`canonical_url` folds them, so they are
one story. A fragment that is a route (``#!/news/1``) is part of what the link names, and is kept.

Links written by hand or crawled from pages carry spaces (``/node/1/«التقني» تعلن.html``, often a
no-break space): they are percent-encoded as browsers do (the WHATWG URL standard's path and query
encoding), never refused. Only a link that leads nowhere (no http(s) scheme, no host, a port that is no
number) is unusable; :func:`link_problem` says in one sentence what is wrong with it.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import SplitResult, quote, unquote_plus, urlsplit, urlunsplit

from nashra.texts import text

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
# Characters a browser percent-encodes in a link's path, query and fragment rather than refuse the link:
# whitespace of any kind (the no-break space of crawled pages), C0 controls and DEL. A tab or line break
# is removed instead, as browsers do (a link wrapped over two lines of a feed).
_ENCODED = re.compile(r"[\s\x00-\x1f\x7f]")
_REMOVED = re.compile(r"[\t\n\r]")
# Half of a UTF-16 surrogate pair (a JSON string cut between the two): no character, so no byte of
# UTF-8 either; the URL standard makes it U+FFFD, percent-encoded.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Where the host ends: the first "/", "?" or "#" after "scheme://".
_AUTHORITY = re.compile(
    r"^(?P<scheme>[a-z][a-z0-9+.-]*:)(?P<slashes>//)?(?P<authority>[^/?#]*)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# Fragments that are routes of script-driven pages (hash-bang and hash routing), kept in a link.
_ROUTES = ("!", "/")


def web_link(url: str | None) -> str | None:
    """``url`` in its canonical form when it is an http(s) link with a host, else None.

    None for ``javascript:``, ``data:``, ``file:``, relative links and a host with spaces or control
    characters in it (see :func:`link_problem`). Spaces and control characters in the path, query or
    fragment are percent-encoded (tabs and line breaks removed), as a browser does, so the link leads
    where the page meant it to and Telegram and Nashra read it alike. A user name or password in the
    link is dropped.
    """
    parts = _parts(url)
    if isinstance(parts, str):
        return None
    split, port = parts
    return _canonical(split.scheme.lower(), split, port)


def link_problem(url: str) -> str | None:
    """What keeps ``url`` from being fetched or linked to, as the end of an English sentence ("names no
    host"), or None when it is a usable http(s) link. For messages that name a bad feed address."""
    code = link_problem_code(url)
    return None if code is None else text("en", f"link_{code}")


def link_problem_code(url: str) -> str | None:
    """The code of what keeps ``url`` from being fetched or linked to (``empty``, ``not_web``,
    ``no_host``, ``host_chars``, ``bad_ipv6``, ``bad_port``: the catalogue words each as ``link_<code>``
    per language), or None when it is a usable http(s) link."""
    parts = _parts(url)
    return parts if isinstance(parts, str) else None


def _parts(url: str | None) -> tuple[SplitResult, int | None] | str:
    """The split link and its port, or the code of why there is none (see :func:`link_problem_code`)."""
    url = _LONE_SURROGATE.sub("%EF%BF%BD", _REMOVED.sub("", url or "")).strip()
    if not url:
        return "empty"
    found = _AUTHORITY.match(url)
    if found is None or found.group("scheme")[:-1].lower() not in WEB_SCHEMES:
        return "not_web"
    authority = found.group("authority")
    if found.group("slashes") is None or not authority.rpartition("@")[2]:
        return "no_host"
    if _ENCODED.search(authority):
        return "host_chars"
    # Invisible format characters (bidi overrides and isolates, zero-width spaces) would turn the link
    # Telegram shows before opening it; percent-encoded, the link still leads where it did.
    rest = "".join(
        quote(char, safe="") if unicodedata.category(char) == "Cf" or _ENCODED.match(char) else char
        for char in found.group("rest")
    )
    authority = "".join(
        quote(char, safe="") if unicodedata.category(char) == "Cf" else char for char in authority
    )
    try:
        parts = urlsplit(f"{found.group('scheme')}//{authority}{rest}")
        port = parts.port
    except ValueError:  # a port that is no number or out of range, an unbalanced IPv6 bracket
        return "bad_ipv6" if "[" in authority else "bad_port"
    if not parts.hostname:
        return "no_host"
    return parts, port


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
