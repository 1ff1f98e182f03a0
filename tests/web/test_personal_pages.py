"""Which signed-in answers the personal page cache (个人页面缓存) may keep, and for whom.

Serving a kept page between two servers, and its end when anything commits, is proven with real servers
on PostgreSQL in tests/cluster/test_many_machines.py; here, the rules that decide what is kept.
"""

from django.http import HttpResponse
from django.test import RequestFactory

from sanshen.web.personal_pages import LARGEST_KEPT, asker_key, keepable

SESSION = {"sessionid": "s" * 32, "csrftoken": "c" * 32}


def ask(path="/review/", cookies=SESSION, **headers):
    request = RequestFactory().get(path, **headers)
    request.COOKIES = dict(cookies)
    request.META["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    return request


def test_the_same_person_asking_the_same_page_again_has_the_same_key():
    assert asker_key(ask()) == asker_key(ask()) is not None


def test_another_session_address_language_or_htmx_request_is_asked_apart():
    keys = {asker_key(ask()), asker_key(ask(cookies={**SESSION, "sessionid": "t" * 32})),
            asker_key(ask("/review/?page=2")), asker_key(ask(HTTP_ACCEPT_LANGUAGE="en")),
            asker_key(ask(HTTP_HX_REQUEST="true")), asker_key(ask(REMOTE_ADDR="10.0.0.9"))}
    assert len(keys) == 6


def test_visitors_without_a_session_posts_and_pending_messages_are_never_served_from_the_cache():
    assert asker_key(ask(cookies={})) is None
    assert asker_key(ask(cookies={**SESSION, "messages": "x"})) is None
    posted = RequestFactory().post("/review/")
    posted.COOKIES = dict(SESSION)
    assert asker_key(posted) is None


def test_an_api_request_with_a_token_is_asked_by_its_token():
    with_token = ask(cookies={}, HTTP_AUTHORIZATION="Bearer a")
    assert asker_key(with_token) is not None
    assert asker_key(with_token) != asker_key(ask(cookies={}, HTTP_AUTHORIZATION="Bearer b"))


def test_a_page_renewing_the_csrf_cookie_unchanged_is_kept():
    response = HttpResponse("页面")
    response.set_cookie("csrftoken", SESSION["csrftoken"])
    assert keepable(ask(), response)


def test_answers_setting_another_cookie_failing_forbidding_storage_or_downloading_are_not_kept():
    new_session = HttpResponse("页面")
    new_session.set_cookie("sessionid", "n" * 32)
    new_csrf = HttpResponse("页面")
    new_csrf.set_cookie("csrftoken", "n" * 32)
    no_store = HttpResponse("页面", headers={"Cache-Control": "no-store"})
    download = HttpResponse("表格", headers={"Content-Disposition": 'attachment; filename="a.xlsx"'})
    refused = HttpResponse("无权", status=403)
    too_large = HttpResponse(b"x" * (LARGEST_KEPT + 1))
    for response in (new_session, new_csrf, no_store, download, refused, too_large):
        assert not keepable(ask(), response)
