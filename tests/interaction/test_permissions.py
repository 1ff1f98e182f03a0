"""Who may handle 网上留言 — every role against every interaction action, and the department and drafter checks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sanshen.accountability.models import Suspension
from sanshen.interaction import services
from sanshen.org.permissions import reason_to_prevent
from tests.conftest import ROLE_USERS

from .conftest import from_address

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLE_USERS)
ON_AN_ANSWERED_MESSAGE = {  # routed to 产业发展科, drafted by editor
    "interaction.view_messages": {"editor", "head", "leader", "chief", "officer", "secrecy", "admin"},
    "interaction.answer": {"editor", "head"},
    "interaction.approve_answer": {"head", "leader"},
}


def test_on_a_message_the_department_and_the_drafter_count(answered, person):
    message = answered()
    for action, allowed in ON_AN_ANSWERED_MESSAGE.items():
        for username in ROLE_USERS:
            assert (reason_to_prevent(action, person(username), message) is None) is (username in allowed), \
                (action, username)
    assert "须由他人审核" in reason_to_prevent("interaction.approve_answer", person("head"),
                                          services.submit_answer(services.return_answer(
                                              message, person("head"), reason="改"), person("head"), text="改后"))


def test_a_suspended_officer_cannot_publish_an_answer_nor_a_suspended_head_approve(office_hours, approved, answered,
                                                                                   person):
    to_publish, to_approve = approved(), answered()
    start = timezone.now() - timedelta(minutes=1)
    for username, scope in (("officer", Suspension.Scope.PUBLISH), ("head", Suspension.Scope.REVIEW)):
        Suspension.objects.create(person=person(username), scope=scope, reason="通报批评期间", starts_at=start,
                                  created_by=person("chief"))
    with pytest.raises(services.InteractionError, match="暂停：通报批评期间"):
        services.publish_answer(to_publish, person("officer"), request=from_address("10.1.1.1"))
    with pytest.raises(services.InteractionError, match="暂停：通报批评期间"):
        services.approve_answer(to_approve, person("head"))
