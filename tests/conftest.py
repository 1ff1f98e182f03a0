"""The named cast: the demo organisation, loaded once per test session."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanshen.org.demo import load_demo
from sanshen.org.models import Person

DEMO_PASSWORD = "Demo-2026!pass"
ROLE_USERS = ["editor", "editor2", "head", "leader", "chief", "officer", "spokesperson", "secrecy", "admin", "member"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo(DEMO_PASSWORD)
        admin = Person.objects.get(username="admin")
        TOTPDevice.objects.get_or_create(user=admin, name="test", defaults={"confirmed": True})


@pytest.fixture
def person(db):
    return lambda username: Person.objects.get(username=username)


@pytest.fixture
def client_as(db):
    """A test client signed in as a demo person (administrators also pass their second factor)."""

    def make(username: str) -> Client:
        user = Person.objects.get(username=username)
        client = Client()
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client

    return make
