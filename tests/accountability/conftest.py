"""Accountability tests reuse the publishing helpers: an approved item, office hours, a submitted item."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sanshen.accountability import services as accountability
from tests.publishing.conftest import approved, office_hours, submitted_item  # noqa: F401 (fixtures)

REASON = "违规转载未经审核的信息"


@pytest.fixture
def suspend(person):
    """Suspend a demo person's rights (decided by the main leader), from now unless told otherwise."""

    def make(username, scope, *, reason=REASON, starts_at=None, ends_at=None, days=None):
        if days is not None:
            ends_at = timezone.now() + timedelta(days=days)
        return accountability.suspend(person(username), scope=scope, reason=reason, starts_at=starts_at,
                                      ends_at=ends_at, acting_user=person("chief"))

    return make
