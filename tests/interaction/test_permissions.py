"""Who may handle 网上留言 — every role against every interaction action, and the department and drafter checks."""

import pytest

from sanshen.interaction import services
from sanshen.org.permissions import ACTIONS, reason_to_prevent
from tests.conftest import ROLE_USERS

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLE_USERS)
EXPECTED = {
    "interaction.view_messages": EVERYONE - {"member"},
    "interaction.moderate": {"officer", "admin"},
    "interaction.answer": {"editor", "editor2", "head"},
    "interaction.approve_answer": {"head", "leader"},
    "interaction.publish_answer": {"officer"},
}
ON_AN_ANSWERED_MESSAGE = {  # routed to 产业发展科, drafted by editor
    "interaction.view_messages": {"editor", "head", "leader", "chief", "officer", "secrecy", "admin"},
    "interaction.answer": {"editor", "head"},
    "interaction.approve_answer": {"head", "leader"},
}


@pytest.mark.parametrize("username", ROLE_USERS)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_role_action_matrix(person, username, action):
    reason = reason_to_prevent(action, person(username))
    if username in EXPECTED[action]:
        assert reason is None
    else:
        assert reason == str(ACTIONS[action].refusal)


def test_every_interaction_action_is_in_the_matrix():
    assert {name for name in ACTIONS if name.startswith("interaction.")} == set(EXPECTED)


def test_on_a_message_the_department_and_the_drafter_count(answered, person):
    message = answered()
    for action, allowed in ON_AN_ANSWERED_MESSAGE.items():
        for username in ROLE_USERS:
            assert (reason_to_prevent(action, person(username), message) is None) is (username in allowed), \
                (action, username)
    assert "须由他人审核" in reason_to_prevent("interaction.approve_answer", person("head"),
                                          services.submit_answer(services.return_answer(
                                              message, person("head"), reason="改"), person("head"), text="改后"))
