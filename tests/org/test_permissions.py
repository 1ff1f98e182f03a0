"""The role × action matrix, walked whole: every role against every action, refusals included,
both through the permission module and through the pages that the actions guard."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sanshen.org.permissions import ACTIONS, reason_to_prevent
from tests.conftest import ROLE_USERS
from tests.role_matrix import EXPECTED

pytestmark = pytest.mark.django_db

PAGES = {
    "org.manage_departments": "/org/departments/",
    "org.manage_people": "/org/people/",
    "org.manage_worktime": "/org/worktime/",
    "website.manage_identity": "/site-identity/",
    "org.record_pledge": "/org/pledges/",
    "org.view_grants": "/org/grants/",
    "org.request_grant": "/org/grants/requests/new/",
    "oversight.view_audit": "/oversight/audit/",
    "oversight.export_audit": "/oversight/audit/export.csv",
    "web.view_dashboard": "/",
    "org.manage_accountability": "/org/accountability/",
    "publishing.view_publications": "/publishing/",
    "publishing.take_offline": "/publishing/breaker/",
    "publishing.manage_channels": "/channels/",
    "publishing.view_deliveries": "/deliveries/",
    "events.view": "/events/",
    "events.propose": "/events/new/",
    "events.manage_self_media": "/events/self-media/new/",
    "lexicons.view_notices": "/lexicons/notices/",
    "lexicons.manage": "/lexicons/",
    "oversight.manage_backups": "/oversight/backups/",
}


def test_the_matrix_covers_every_action():
    assert set(EXPECTED) == set(ACTIONS)


@pytest.mark.parametrize("username", ROLE_USERS)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_role_action_matrix(person, username, action):
    reason = reason_to_prevent(action, person(username))
    if username in EXPECTED[action]:
        assert reason is None
    else:
        assert reason and reason == str(ACTIONS[action].refusal)


@pytest.mark.parametrize("username", ROLE_USERS)
@pytest.mark.parametrize("action", sorted(PAGES))
def test_pages_agree_with_the_matrix(client_as, username, action):
    response = client_as(username).get(PAGES[action])
    if username in EXPECTED[action]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert str(ACTIONS[action].refusal) in response.content.decode()


def test_anonymous_and_deactivated_people_are_refused(person):
    for action in EXPECTED:
        assert reason_to_prevent(action, AnonymousUser()) == "请先登录。"
    admin = person("admin")
    admin.is_active = False
    assert reason_to_prevent("org.manage_people", admin)


def test_anonymous_visitors_are_sent_to_login(client):
    for url in PAGES.values():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/")


def test_unknown_actions_are_a_programming_error(person):
    with pytest.raises(ValueError):
        reason_to_prevent("publish.everything", person("admin"))
