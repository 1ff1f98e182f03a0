"""An API client per demo person, signed in with a bearer token from POST /api/auth/token."""

import pytest
from django.test import Client

from sanshen.channels.models import Channel
from sanshen.content.models import Source
from tests.conftest import DEMO_PASSWORD


class ApiClient:
    """Sends JSON with `Authorization: Bearer <token>`; returns the Django test response."""

    def __init__(self, token: str):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path):
        return self.client.get(path, headers=self.headers)

    def post(self, path, data=None):
        return self.client.post(path, data or {}, content_type="application/json", headers=self.headers)

    def patch(self, path, data):
        return self.client.patch(path, data, content_type="application/json", headers=self.headers)


API_USERS = ["editor", "editor2", "head", "leader", "chief", "spokesperson", "secrecy", "member"]


@pytest.fixture(scope="session")
def tokens(django_db_setup, django_db_blocker):
    """One token per demo person for the whole session (each password check costs half a second)."""
    issued = {}
    with django_db_blocker.unblock():
        for username in API_USERS:
            response = Client().post("/api/auth/token", {"username": username, "password": DEMO_PASSWORD},
                                     content_type="application/json")
            assert response.status_code == 200, response.json()
            issued[username] = response.json()["token"]
    return issued


@pytest.fixture
def api(db, tokens):
    return lambda username: ApiClient(tokens[username])


@pytest.fixture
def channel(db):
    return lambda name: Channel.objects.get(name=name).pk


@pytest.fixture
def source(db):
    return lambda name: Source.objects.get(name=name).pk


NEWS = {"title": "我局召开工业互联网推进会",
        "body": "12月5日，我局召开工业互联网推进会，部署明年工业互联网平台建设和企业上云工作。"}


@pytest.fixture
def draft(api, channel):
    """Create an item through the API (by default editor's, on 要闻动态) and return its JSON."""

    def make(author: str = "editor", **fields):
        response = api(author).post("/api/items", {**NEWS, "channels": [channel("要闻动态")], **fields})
        assert response.status_code == 201, response.json()
        return response.json()

    return make


@pytest.fixture
def in_review(api, draft):
    """An item of editor's, submitted and waiting for 初审."""

    def make(**fields):
        item = draft(**fields)
        assert api("editor").post(f"/api/items/{item['id']}/submit").status_code == 200
        return item

    return make
