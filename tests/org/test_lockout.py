"""Lockout after repeated failures (django-axes), and every login, logout and failure audited."""

from datetime import timedelta

import time_machine
from django.utils import timezone

import pytest

from sanshen.oversight.models import AuditEntry
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_five_failures_lock_the_account_even_for_the_right_password(client):
    for _ in range(5):
        response = client.post("/login/", {"username": "head", "password": "wrong-Pass1!"})
    response = client.post("/login/", {"username": "head", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "账号已被锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_says_so_in_chinese(client):
    response = client.post("/login/", {"username": "leader", "password": "nope"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_login_logout_and_failure_are_recorded(client):
    client.post("/login/", {"username": "officer", "password": "bad-Pass1!"})
    client.post("/login/", {"username": "officer", "password": DEMO_PASSWORD})
    client.post("/logout/")
    actions = list(AuditEntry.objects.filter(actor_username="officer", action__startswith="account.")
                   .order_by("seq").values_list("action", flat=True))
    assert actions == ["account.login_failed", "account.login", "account.logout"]
    assert AuditEntry.objects.filter(actor_username="officer").first().ip == "127.0.0.1"


def test_administrator_must_set_up_a_second_factor(client, person):
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp.oath import totp

    TOTPDevice.objects.filter(user=person("admin")).delete()
    client.post("/login/", {"username": "admin", "password": DEMO_PASSWORD})
    assert client.get("/org/people/").url == "/account/otp/setup/"
    page = client.get("/account/otp/setup/")
    assert "动态口令" in page.content.decode()
    device = TOTPDevice.objects.get(user=person("admin"), confirmed=False)
    wrong = client.post("/account/otp/setup/", {"token": "12345"})
    assert "验证码不正确" in wrong.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=30)):  # past django-otp's throttle delay
        client.post("/account/otp/setup/", {"token": f"{totp(device.bin_key):06d}"})
    assert client.get("/org/people/").status_code == 200
