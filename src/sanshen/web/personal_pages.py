"""Personal pages kept for a moment (个人页面缓存): the same person asking the same page again, while nothing
has changed in the database, gets the page rendered moments ago instead of a fresh render.

A page is kept under who asks and how — the full address, the request's cookies (the session, the CSRF
secret, the language), the Authorization header, htmx's headers, Accept, Accept-Language, the host and
scheme, the client's address (the office-network rule reads it) and the code's build — within a window
of `KEPT_SECONDS`. With it is stored the database's snapshot (PostgreSQL's `pg_current_snapshot()`: which
transactions are visible). A kept page is served only while the snapshot is the same, that is while no
transaction of any process on any server has committed or ended since: a save, an `.update()`, raw SQL, a
worker's job, a sign-out (the session row goes) all change it. So a kept page is what a fresh render would
show, except for what depends on the clock alone (a deadline's hours left, a grant's last minutes), which
may be up to `KEPT_SECONDS` old; every action (POST) is checked afresh.

A page is kept only when the snapshot after its render equals the one before (nothing committed meanwhile,
the render's own writes included: a page that records its being read is never kept), when it answered 200
with no cookie but the CSRF cookie renewed unchanged, without `no-store`, not as a download, and when no
message was waiting to be shown (the messages cookie). Anonymous visitors pass by: the public pages keep
their own cache (`website.page_cache`). PostgreSQL only — SQLite renders every time.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection
from django.http import HttpResponse

from .kept_answers import build, given_again, kept_form

KEPT_SECONDS = 30
LARGEST_KEPT = 512 * 1024  # bytes: larger answers are rendered every time
ASKER = ("HTTP_COOKIE", "HTTP_AUTHORIZATION", "HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE", "HTTP_HOST", "REMOTE_ADDR")


def snapshot() -> str:
    """Which transactions the database shows as committed now."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_snapshot()::text")
        return cursor.fetchone()[0]


def asker_key(request) -> str | None:
    """The cache key of this request in this window, or None when it may not be served from the cache."""
    meta = request.META
    personal = settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in meta
    if request.method != "GET" or not personal or CookieStorage.cookie_name in request.COOKIES:
        return None
    parts = [build(), str(int(time.time() // KEPT_SECONDS)), request.scheme, request.get_full_path()]
    parts += [meta.get(name, "") for name in ASKER]
    parts += [f"{name}={meta[name]}" for name in sorted(meta) if name.startswith("HTTP_HX_")]
    return "personal:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()


def keepable(request, response) -> bool:
    """Whether this answer may be served again to the same request."""
    if response.status_code != 200 or response.streaming or len(response.content) > LARGEST_KEPT:
        return False
    if "no-store" in response.get("Cache-Control", "") or response.has_header("Content-Disposition"):
        return False
    csrf = settings.CSRF_COOKIE_NAME
    return all(name == csrf and morsel.value == request.COOKIES.get(csrf)
               for name, morsel in response.cookies.items())


def replay(kept_at: float, form) -> HttpResponse:
    """The kept answer again, its `Age` header saying how many seconds ago it was rendered."""
    response = given_again(form)
    response["Age"] = str(int(time.time() - kept_at))
    return response


class PersonalPageCacheMiddleware:
    """Serve a signed-in person's page again while the database shows the same snapshot."""

    def __init__(self, get_response):
        if connection.vendor != "postgresql" or not settings.SANSHEN_PERSONAL_PAGE_CACHE:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        key = asker_key(request)
        if key is None or connection.in_atomic_block:  # inside a transaction the snapshot hides its own writes
            return self.get_response(request)
        before = snapshot()
        kept = cache.get(key)
        if kept is not None and kept[0] == before:
            return replay(*kept[1:])
        response = self.get_response(request)
        if keepable(request, response) and snapshot() == before:
            cache.set(key, (before, time.time(), kept_form(response)), KEPT_SECONDS)
        return response
