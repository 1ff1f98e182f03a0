"""Who may maintain the lexicons, read 关键词提醒 and resolve re-screening flags — every role, refusals included."""

import pytest

from sanshen.org.permissions import ACTIONS
from tests.conftest import ROLE_USERS
from tests.role_matrix import EXPECTED

pytestmark = pytest.mark.django_db

PAGES = {
    "lexicons.manage": ["/lexicons/", "/lexicons/new/", "/lexicons/import/", "/lexicons/export/", "/lexicons/allow/",
                        "/lexicons/rescreens/"],
    "lexicons.view_notices": ["/lexicons/notices/", "/lexicons/flags/"],
    "lexicons.decide_allow": ["/lexicons/allow/proposals/", "/lexicons/allow/proposals/?show=all"],
}


@pytest.mark.parametrize("username", ROLE_USERS)
@pytest.mark.parametrize("action", sorted(PAGES))
def test_pages_agree_with_the_matrix(client_as, username, action):
    client = client_as(username)
    for url in PAGES[action]:
        response = client.get(url)
        if username in EXPECTED[action]:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url
            assert str(ACTIONS[action].refusal) in response.content.decode()


def test_changing_pages_refuse_non_administrators(client_as):
    client = client_as("officer")
    for url, data in [("/lexicons/new/", {"word": "某词", "category": "sensitive", "severity": "block"}),
                      ("/lexicons/allow/", {"phrase": "某短语"}), ("/lexicons/rescreens/", {})]:
        response = client.post(url, data)
        assert response.status_code == 403 and "只有系统管理员可以维护筛查词库和规则" in response.content.decode()
