"""Who may manage channels, approve closing an account and list channels — every role, refusals included."""

import pytest

from tests.conftest import ROLE_USERS
from tests.role_matrix import EXPECTED

from .conftest import channel

pytestmark = pytest.mark.django_db


def management_pages():
    weibo = channel("江城工信微博").pk
    return ["/channels/", "/channels/new/", "/channels/naming/", f"/channels/{weibo}/", f"/channels/{weibo}/account/",
            f"/channels/{weibo}/account/registration/"]


@pytest.mark.parametrize("username", ROLE_USERS)
def test_management_pages_agree_with_the_matrix(client_as, username):
    client = client_as(username)
    for url in management_pages():
        response = client.get(url)
        if username in EXPECTED["publishing.manage_channels"]:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url
            assert "只有系统管理员或信息专管员可以管理栏目和账号。" in response.content.decode()


@pytest.mark.parametrize("username", sorted(set(ROLE_USERS) - EXPECTED["publishing.manage_channels"]))
def test_refused_people_change_nothing(client_as, channel_data, username):
    response = client_as(username).post("/channels/new/", channel_data(name="越权栏目"))
    assert response.status_code == 403
    assert not type(channel("要闻动态")).objects.filter(name="越权栏目").exists()


@pytest.mark.parametrize("username", ROLE_USERS)
def test_the_closing_approval_page_is_the_main_leaders(client_as, username):
    response = client_as(username).get(f"/channels/{channel('江城工信').pk}/account/closing/")
    assert response.status_code == (200 if username == "chief" else 403)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/channels/")
    assert response.status_code == 302 and "/login/" in response["Location"]
