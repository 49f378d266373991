"""The client's address: a forwarded header counts only when a trusted proxy sent it (issue 12, point 4)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from kopir.accounts.client_address import UNKNOWN, client_address_from
from tests.calculator.test_api import CONTRACT_EXAMPLE, _post


def meta(remote: str, forwarded: str | None = None) -> dict[str, str]:
    environ = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        environ["HTTP_X_FORWARDED_FOR"] = forwarded
    return environ


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert client_address_from(meta("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_a_header_from_an_untrusted_address_is_ignored() -> None:
    environ = meta("198.51.100.7", "203.0.113.9")
    assert client_address_from(environ, proxies=["10.0.0.0/8"]) == "198.51.100.7"


def test_the_first_untrusted_hop_from_the_right_is_the_client() -> None:
    # the client wrote "1.2.3.4" itself; the proxy appended the address it really saw
    environ = meta("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.1")
    assert client_address_from(environ, proxies=["10.0.0.0/8"]) == "203.0.113.9"


def test_a_garbled_hop_stops_the_walk_at_the_proxy() -> None:
    environ = meta("10.0.0.2", "203.0.113.9, not-an-address")
    assert client_address_from(environ, proxies=["10.0.0.0/8"]) == "10.0.0.2"


@pytest.mark.parametrize(
    ("forwarded", "count", "expected"),
    [
        ("203.0.113.9", 1, "203.0.113.9"),
        ("1.2.3.4, 203.0.113.9", 1, "203.0.113.9"),
        ("1.2.3.4, 203.0.113.9, 10.0.0.1", 2, "203.0.113.9"),
        ("203.0.113.9", 2, "10.0.0.2"),  # shorter than the declared chain: not believed
    ],
)
def test_a_proxy_count_takes_the_count_th_hop_from_the_right(forwarded: str, count: int, expected: str) -> None:
    assert client_address_from(meta("10.0.0.2", forwarded), proxy_count=count) == expected


@pytest.mark.parametrize(
    ("remote", "expected"),
    [("[2001:db8::1]:4711", "2001:db8::1"), ("203.0.113.5:80", "203.0.113.5"), ("::ffff:192.0.2.1", "192.0.2.1")],
)
def test_addresses_are_normalised(remote: str, expected: str) -> None:
    assert client_address_from(meta(remote)) == expected


def test_no_usable_address_is_one_key() -> None:
    assert client_address_from({}) == UNKNOWN
    assert client_address_from(meta("garbage")) == UNKNOWN


@pytest.mark.django_db
@override_settings(KOPIR_API_RATE="5/m")
def test_a_new_forwarded_header_each_time_does_not_lift_the_rate_limit(client: Client) -> None:
    statuses = [_post(client, CONTRACT_EXAMPLE, **{"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(8)]
    assert statuses == [200] * 5 + [429] * 3


@pytest.mark.django_db
@override_settings(KOPIR_API_RATE="2/m", KOPIR_TRUSTED_PROXIES=["127.0.0.0/8"])
def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client: Client) -> None:
    first = [_post(client, CONTRACT_EXAMPLE, **{"X-Forwarded-For": "203.0.113.1"}).status_code for _ in range(3)]
    second = _post(client, CONTRACT_EXAMPLE, **{"X-Forwarded-For": "203.0.113.2"}).status_code
    assert first == [200, 200, 429]
    assert second == 200
