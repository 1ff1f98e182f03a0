"""Password rules of 002§14 / 001 website§21: length, classes, not like the username, not common,
not one of the last five, Argon2, and expiry after 365 days forcing a change at login."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def refusal(password, user):
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


@pytest.mark.parametrize("password, expected", [
    ("Ab1!xyz", "至少需要 8 个字符"),                        # 7 characters
    ("abcdefgh12", "符号"),                             # no symbol
    ("abcdefgh!!", "数字"),                             # no digit
    ("12345678!!", "字母"),                             # no letter
    ("Password1!", "太常见"),                          # on the common-password list
])
def test_policy_refuses_weak_passwords(person, password, expected):
    assert expected in refusal(password, person("editor2"))


def test_password_may_not_contain_the_username(person):
    assert "用户名" in refusal("xx-editor2-9!", person("editor2"))
    assert "用户名" in refusal("2rotide-9!Q", person("editor2"))  # reversed


def test_a_strong_password_is_accepted(person):
    assert refusal("Kp7#rWq2vL", person("editor2")) is None


def test_last_five_passwords_cannot_be_reused(person):
    editor = person("editor2")
    used = [f"Used-{n}x!pass" for n in range(6)]
    for password in used:
        editor.set_password(password)
        editor.save()
    assert "最近 5 次" in refusal(used[-1], editor)
    assert "最近 5 次" in refusal(used[1], editor)
    assert refusal(used[0], editor) is None  # the sixth most recent is free again


def test_passwords_are_hashed_with_argon2(person):
    assert person("editor").password.startswith("argon2")


def test_expired_password_forces_a_change_at_login(client, person):
    editor = person("editor")
    editor.password_changed_at = timezone.now() - timedelta(days=366)
    editor.save()
    response = client.post("/login/", {"username": "editor", "password": DEMO_PASSWORD}, follow=True)
    assert response.request["PATH_INFO"] == "/account/password/"
    assert "密码已过期" in response.content.decode()
    # every other page sends them back until they change it
    assert client.get("/").url == "/account/password/"
    response = client.post("/account/password/", {
        "old_password": DEMO_PASSWORD, "new_password1": "Fresh-2027#pw", "new_password2": "Fresh-2027#pw"})
    assert response.url == "/"
    assert client.get("/").status_code == 200


def test_password_expires_after_365_days(person):
    editor = person("editor2")
    editor.set_password("Kp7#rWq2vL")
    editor.save()
    with time_machine.travel(timezone.now() + timedelta(days=364)):
        assert not editor.password_expired()
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        assert editor.password_expired()


def test_change_form_shows_the_rule_that_failed_and_keeps_nothing_secret(client_as):
    client = client_as("editor")
    response = client.post("/account/password/", {
        "old_password": DEMO_PASSWORD, "new_password1": "short", "new_password2": "short"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "符号" in page and "数字" in page
