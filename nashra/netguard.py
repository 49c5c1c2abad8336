"""Outbound HTTP to addresses that others chose: feed URLs, the pages they link, their redirects.

Whoever can make Nashra fetch a URL (an admin's ``/ingest``, a feed in the config, a feed that
redirects) could otherwise make it read services that only the host itself can reach: a database
admin page on 127.0.0.1, a router on 192.168.0.1, the cloud metadata service on 169.254.169.254
(server-side request forgery). So every connection is checked where it is made:

- the host name is resolved once, every address it resolves to is checked, and the connection goes to
  a checked address, never to a second resolution (a DNS answer that changes between a check and the
  connection, "DNS rebinding", cannot slip through);
- redirects are followed by httpx, and each new host goes through the same connection check;
- loopback, private (RFC 1918, IPv6 unique-local), link-local, carrier-grade NAT, multicast,
  unspecified, reserved and other non-global addresses (the IANA special-purpose registries, as
  :attr:`ipaddress.IPv4Address.is_global` knows them) are refused, including IPv4 addresses inside
  IPv6 ones (``::ffff:127.0.0.1``, NAT64 ``64:ff9b::/96``, 6to4, Teredo);
- an operator's own hosts are permitted by ``[ingest] allow_hosts``: host names (exact, any case)
  or addresses and networks (``10.1.2.3``, ``10.0.0.0/8``, ``::1``).

Proxy settings of the environment (``HTTPS_PROXY``) are not used for these fetches: through a proxy,
the address the proxy connects to cannot be checked here.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import anyio
import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_SHARED = ipaddress.ip_network("100.64.0.0/10")  # RFC 6598 carrier-grade NAT
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the last 32 bits are an IPv4 address


class UnsafeAddress(Exception):
    """A connection was refused because the address is not public and not allowed; says which.

    The message is the English line; ``host`` names what was refused ("localhost (127.0.0.1)", a
    socket's path) and ``kind`` why: one of :func:`address_kind`'s kinds, ``"no address"`` (the name
    resolves to none) or ``"unix socket"``, for a reader that words it in its own language."""

    def __init__(self, message: str, *, host: str = "", kind: str = "non-public") -> None:
        super().__init__(message)
        self.host = host
        self.kind = kind


class UnresolvedHost(httpcore.ConnectError):
    """The host name of a connection resolves to nothing (mistyped, or gone): ``host`` and the
    resolver's ``reason``. httpx raises it on as the cause of its own ``ConnectError``."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"cannot resolve {host}: {reason}")
        self.host = host
        self.reason = reason


def address_kind(address: IPAddress) -> str | None:
    """What makes ``address`` non-public ("loopback", "private", …), or None for a public address."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return address_kind(embedded)
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        # fec0::/10, deprecated (RFC 3879) but still routed inside old networks, and public nowhere.
        ("site-local", isinstance(address, ipaddress.IPv6Address) and address.is_site_local),
        ("multicast", address.is_multicast),
        ("carrier-grade NAT", isinstance(address, ipaddress.IPv4Address) and address in _SHARED),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    )
    for kind, matches in checks:
        if matches:
            return kind
    return None if address.is_global else "non-public"


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which hosts may be fetched besides public ones: names as given, addresses in ``networks``."""

    names: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_entries(cls, entries: Iterable[str]) -> AddressPolicy:
        """Entries of ``[ingest] allow_hosts``; raises ValueError naming an entry that is neither."""
        names: set[str] = set()
        networks: list[IPNetwork] = []
        for entry in entries:
            value = entry.strip().lower()
            network = parse_network(value)
            if network is not None:
                networks.append(network)
            elif is_host_name(value):
                names.add(value.rstrip("."))
            else:
                raise ValueError(f"{entry!r} is neither a host name nor an IP address or network")
        return cls(frozenset(names), tuple(networks))

    def refusal(self, host: str, address: IPAddress) -> str | None:
        """Why connecting to ``address`` (resolved from ``host``) is refused, or None when it may be."""
        refused = self.refused(host, address)
        return None if refused is None else str(refused)

    def refused(self, host: str, address: IPAddress) -> UnsafeAddress | None:
        """The refusal of connecting to ``address`` (resolved from ``host``), or None when it may be."""
        if host.lower().rstrip(".") in self.names or any(address in net for net in self.networks):
            return None
        kind = address_kind(address)
        if kind is None:
            return None
        shown = host if host == str(address) else f"{host} ({address})"
        article = "an" if kind[0] in "aeiou" else "a"
        return UnsafeAddress(
            f"refused to connect to {shown}: {article} {kind} address; "
            "an operator can allow it with [ingest] allow_hosts",
            host=shown,
            kind=kind,
        )


def parse_network(value: str) -> IPNetwork | None:
    """``value`` as an IP network ("10.0.0.0/8"; a single address is a /32 or /128), else None."""
    try:
        return ipaddress.ip_network(value.strip("[]"), strict=False)
    except ValueError:
        return None


def is_host_name(value: str) -> bool:
    """Letters, digits, hyphens and dots, as DNS names are written (IDN in its xn-- form)."""
    labels = value.rstrip(".").split(".")
    return bool(value) and all(
        label and len(label) <= 63 and label.replace("-", "").isalnum() and label.isascii()
        for label in labels
    )


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, with every TCP connection checked against an :class:`AddressPolicy`."""

    def __init__(self, policy: AddressPolicy) -> None:
        self._policy = policy
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        with anyio.fail_after(timeout):
            try:
                infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except OSError as exc:
                raise UnresolvedHost(host, str(exc.strerror or exc)) from exc
        permitted: list[str] = []
        refusal: UnsafeAddress | None = None
        for _family, _type, _proto, _name, sockaddr in infos:
            literal = str(sockaddr[0]).split("%")[0]  # an IPv6 scope id ("fe80::1%eth0") is no address
            address = ipaddress.ip_address(literal)
            refused = self._policy.refused(host, address)
            if refused is None:
                permitted.append(literal)
            else:
                refusal = refusal or refused
        if not permitted:
            raise refusal or UnsafeAddress(f"{host} resolves to no address", host=host, kind="no address")
        last: Exception | None = None
        for literal in dict.fromkeys(permitted):
            try:
                return await self._inner.connect_tcp(
                    literal, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise UnsafeAddress(f"refused to connect to the Unix socket {path}", host=path, kind="unix socket")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport whose connections go through the address check; no proxy, no Unix socket."""

    def __init__(self, policy: AddressPolicy, *, limits: httpx.Limits | None = None) -> None:
        limits = limits or httpx.Limits()
        # One context for both pools (loading the CA bundle takes 30-140 ms): httpx's own, replaced
        # below, and the guarded one.
        ssl_context = httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=ssl_context, trust_env=False, limits=limits)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_GuardedBackend(policy),
        )


def guarded_client(
    policy: AddressPolicy, *, timeout_s: float, headers: dict[str, str] | None = None
) -> httpx.AsyncClient:
    """An httpx client for URLs from outside: redirects followed, each connection checked.

    A refused connection raises :class:`UnsafeAddress` out of the request (not an ``httpx.HTTPError``),
    so callers report it as what it is.
    """
    return httpx.AsyncClient(
        transport=GuardedTransport(policy),
        timeout=httpx.Timeout(timeout_s),
        follow_redirects=True,
        trust_env=False,
        headers=headers,
    )
