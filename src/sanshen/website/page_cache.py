"""Public pages kept rendered (页面缓存) until the site changes.

A page is kept under the data's edition (`web.editions`), which every save or delete of a publication,
a channel or a department renews inside its own transaction (see apps.py): once a retraction or a 熔断
commits, every app server renders afresh — a retracted item is never served from the cache — while a
visit to an unchanged page costs one query.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from sanshen.web import editions


def cached_page(view):
    """Serve the page rendered for this address in this edition, or render and keep it (200 answers only)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = editions.key("site:" + hashlib.sha256(request.get_full_path().encode()).hexdigest())
        kept = cache.get(key) if key else None
        if kept is not None:
            content, content_type = kept
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if key and response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), editions.KEPT_SECONDS)
        return response

    return wrapper
