"""The API: tokens, /api/me, OpenAPI docs, and 4xx answers with a reason."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanshen.org.models import ApiToken
from sanshen.org.tokens import LAST_USE_PRECISION
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def token_for(client, username, **extra):
    response = client.post("/api/auth/token", {"username": username, "password": DEMO_PASSWORD, **extra},
                           content_type="application/json")
    return response


def test_a_token_opens_api_me(client):
    token = token_for(client, "leader").json()["token"]
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["username"] == "leader" and me["full_name"] == "赵副局长"
    assert me["roles"] == [{"role": "leader", "label": "分管领导", "departments": ["产业发展科", "市场运行科"]}]
    assert me["has_pledge"] is True


def test_a_tokens_last_use_is_kept_to_the_minute_without_a_write_per_request(client):
    token = token_for(client, "leader").json()["token"]
    me = {"Authorization": f"Bearer {token}"}
    client.get("/api/me", headers=me)
    stored = ApiToken.objects.filter(person__username="leader").latest("pk")
    first_use = stored.last_used_at
    assert first_use is not None
    client.get("/api/me", headers=me)
    assert ApiToken.objects.get(pk=stored.pk).last_used_at == first_use
    ApiToken.objects.filter(pk=stored.pk).update(last_used_at=first_use - LAST_USE_PRECISION)
    client.get("/api/me", headers=me)
    assert ApiToken.objects.get(pk=stored.pk).last_used_at > first_use


def test_wrong_password_gets_401_with_a_reason(client):
    response = client.post("/api/auth/token", {"username": "leader", "password": "nope"},
                           content_type="application/json")
    assert response.status_code == 401 and "用户名或密码不正确" in response.json()["detail"]


def test_missing_fields_get_422_naming_them(client):
    response = client.post("/api/auth/token", {"username": "leader"}, content_type="application/json")
    assert response.status_code == 422 and "password" in response.json()["detail"]


def test_no_or_bad_token_gets_401(client):
    assert client.get("/api/me").status_code == 401
    response = client.get("/api/me", headers={"Authorization": "Bearer forged"})
    assert response.status_code == 401 and "令牌无效" in response.json()["detail"]


def test_administrators_need_their_totp_code(client, person):
    assert token_for(client, "admin").status_code == 401
    device = TOTPDevice.objects.get(user=person("admin"))
    assert token_for(client, "admin", otp=f"{totp(device.bin_key):06d}").status_code == 200


def test_session_login_also_works_for_the_api(client_as):
    assert client_as("editor").get("/api/me").json()["username"] == "editor"


def test_openapi_docs_are_served(client):
    assert client.get("/api/docs").status_code == 200
    schema = client.get("/api/openapi.json").json()
    assert "/api/auth/token" in schema["paths"] and "/api/me" in schema["paths"]


def test_a_type_error_names_the_field_that_was_wrong(client):
    response = client.post("/api/auth/token", {"username": "leader", "password": 123},
                           content_type="application/json")
    assert response.status_code == 422 and "password:" in response.json()["detail"]
