"""Behind nginx (反向代理): the client's address comes from X-Forwarded-For only when a trusted proxy sends it,
so the audit log names the real client and nobody can claim an office address by sending the header."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from sanshen.oversight.models import AuditEntry
from sanshen.web.proxy import ForwardedForMiddleware

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def login_address(peer: str, forwarded_for: str | None = None) -> str:
    headers = {"REMOTE_ADDR": peer}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    response = Client().post("/login/", {"username": "editor", "password": DEMO_PASSWORD}, **headers)
    assert response.status_code == 302
    return AuditEntry.objects.filter(action="account.login").latest("seq").ip


@override_settings(SANSHEN_TRUSTED_PROXIES=["127.0.0.1/32", "10.9.0.0/16"])
def test_a_trusted_proxy_names_the_client_past_every_trusted_hop():
    assert login_address("127.0.0.1", "10.2.3.4") == "10.2.3.4"
    assert login_address("127.0.0.1", "203.0.113.7, 10.2.3.4, 10.9.0.5") == "10.2.3.4"


@override_settings(SANSHEN_TRUSTED_PROXIES=["127.0.0.1/32"])
def test_anyone_else_cannot_claim_an_address_by_sending_the_header():
    assert login_address("198.51.100.9", "10.2.3.4") == "198.51.100.9"
    assert login_address("127.0.0.1", "not-an-address") == "127.0.0.1"


def test_without_trusted_proxies_the_header_is_ignored():
    assert login_address("198.51.100.9", "10.2.3.4") == "198.51.100.9"


def feed_link(peer: str) -> str:
    feed = Client().get("/site/feed.atom", REMOTE_ADDR=peer, HTTP_X_FORWARDED_PROTO="https").content.decode()
    return feed.split('<link href="', 1)[1].split("/", 1)[0]


@override_settings(SANSHEN_TRUSTED_PROXIES=["127.0.0.1/32"])
def test_the_scheme_comes_from_a_trusted_proxy_only():
    assert feed_link("127.0.0.1") == "https:"
    assert feed_link("198.51.100.9") == "http:"


@override_settings(SANSHEN_TRUSTED_PROXIES=["10.9.0.0/33"])
def test_a_wrong_proxy_range_stops_the_server_with_the_setting_named():
    with pytest.raises(ImproperlyConfigured, match="SANSHEN_TRUSTED_PROXIES"):
        ForwardedForMiddleware(lambda request: None)
