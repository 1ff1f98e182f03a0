"""Public pages kept rendered (页面缓存) until the site changes.

A page is kept under the data's edition (`web.editions`), which every save or delete of a publication,
a channel or a department renews inside its own transaction (see apps.py): once a retraction or a 熔断
commits, every app server renders afresh — a retracted item is never served from the cache — while a
visit to an unchanged page costs one query.

The kept page is served by a middleware near the top of the chain, before sessions, sign-in and the
rest: a public page is the same for every visitor, signed in or not, so nothing below it has anything
to add. The answer is kept whole — with the headers the inner middleware gave it (`web.kept_answers`) —
and asked by its address and the code's build; a kept page's ETag still answers 304 to a browser that
has it.
"""

import hashlib

from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response

from sanshen.web import editions
from sanshen.web.kept_answers import build, given_again, kept_form


def kept_page(view):
    """Mark a public view whose 200 answers may be kept until the site changes."""
    view.kept_public_page = True
    return view


def is_kept_page(request) -> bool:
    try:
        return getattr(resolve(request.path_info).func, "kept_public_page", False)
    except Resolver404:
        return False


class PublicPageCacheMiddleware:
    """Serve a public page as rendered for the current edition, or render it and keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or not is_kept_page(request):
            return self.get_response(request)
        with editions.pinned(editions.current()):
            key = editions.key(f"site:{build()}:" + hashlib.sha256(request.get_full_path().encode()).hexdigest())
            if key is None:
                return self.get_response(request)
            kept = cache.get(key)
            if kept is not None:
                response = given_again(kept)
                return get_conditional_response(request, etag=response.get("ETag"), response=response)
            response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, kept_form(response), editions.KEPT_SECONDS)
        return response
