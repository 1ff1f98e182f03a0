"""Public pages kept rendered (页面缓存) until the site changes.

A page is stored under the site's edition (`SiteEdition`), read with one primary-key query per request;
every save or delete of a publication, a channel or a department gives the site a new edition inside its
own transaction. So once a retraction or a 熔断 commits, every app server asks a new key and renders
afresh — a retracted item is never served from the cache — while an unchanged site costs one query a
page. The cache is the configured one: local memory per process, or Redis shared by all servers.
"""

import hashlib
import uuid
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from .models import SiteEdition

PAGE_TIMEOUT = 24 * 3600


def edition() -> str | None:
    """The site's current edition; None when the row is missing (a database emptied by hand): no caching."""
    return SiteEdition.objects.filter(pk=1).values_list("token", flat=True).first()


def new_edition(**kwargs) -> None:
    """A change the public pages show: every page rendered before it is stale (a signal receiver)."""
    token = uuid.uuid4().hex
    if not SiteEdition.objects.filter(pk=1).update(token=token):
        SiteEdition.objects.update_or_create(pk=1, defaults={"token": token})


def page_key(request) -> str | None:
    current = edition()
    if current is None:
        return None
    return f"site:{current}:{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"


def cached_page(view):
    """Serve the page rendered for this address in this edition, or render and keep it (200 answers only)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = page_key(request)
        if key is None:
            return view(request, *args, **kwargs)
        kept = cache.get(key)
        if kept is not None:
            content, content_type = kept
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
        return response

    return wrapper
