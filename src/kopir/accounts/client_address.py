"""The real client address: ``X-Forwarded-For`` is believed only when a trusted proxy sent it.

Rate limits, sign-in lockouts and the access log all key on the client's address. A client can
write any ``X-Forwarded-For`` it likes, so reading that header blindly lets one client appear as
many (issue 12: eight different headers, eight answers at five a minute). The header is read
right to left, from the address that actually connected (``REMOTE_ADDR``), skipping only hops
the operator declared trusted, as MDN's "right-most trusted proxy" method describes:

- ``KOPIR_TRUSTED_PROXIES``: the networks of the reverse proxies (``10.0.0.0/8,::1``); the first
  address from the right that is not in them is the client;
- ``KOPIR_TRUSTED_PROXY_COUNT``: or how many proxies stand in front (their addresses unknown);
  the client is the count-th entry from the right of the header.

With neither set (the embedded default), the header is ignored and the connecting address is
the client. Decision 0012 says why this is not left to a header-guessing library.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
UNKNOWN = "0.0.0.0"  # noqa: S104 - a key for "no usable address", never bound to


def _address(text: str) -> Address | None:
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:4711
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.5:4711
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@cache
def _networks(declared: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in declared if item.strip())


def _behind_networks(remote: Address, chain: list[Address | None], networks: tuple[Network, ...]) -> Address:
    if not any(remote in network for network in networks):
        return remote  # not from a proxy: whatever the header says was written by the client
    for hop in reversed(chain):
        if hop is None:
            return remote  # a garbled hop: nothing left of it can be believed
        if not any(hop in network for network in networks):
            return hop
    return chain[0] or remote if chain else remote


def client_address_from(meta: Mapping[str, Any], *, proxies: Sequence[str] = (), proxy_count: int = 0) -> str:
    """The client's address from a WSGI environ, trusting only the declared proxies."""
    remote = _address(str(meta.get("REMOTE_ADDR") or ""))
    if remote is None:
        return UNKNOWN
    header = str(meta.get("HTTP_X_FORWARDED_FOR") or "")
    chain = [_address(item) for item in header.split(",")] if header.strip() else []
    networks = _networks(tuple(proxies))
    if networks:
        return str(_behind_networks(remote, chain, networks))
    if proxy_count > 0 and len(chain) >= proxy_count:
        return str(chain[-proxy_count] or remote)
    return str(remote)


def client_address(request: HttpRequest) -> str:
    """The client's address under the settings (``KOPIR_TRUSTED_PROXIES``, ``KOPIR_TRUSTED_PROXY_COUNT``)."""
    return client_address_from(
        request.META,
        proxies=settings.KOPIR_TRUSTED_PROXIES,
        proxy_count=settings.KOPIR_TRUSTED_PROXY_COUNT,
    )
