"""How every public page answers (公开页面): in Chinese, without login, GET only, revalidated by ETag.

Pages are not cached for a fixed time: each answer carries an ETag of its content and `no-cache`, so a
browser or proxy asks again every time and gets 304 only while the page is unchanged — a retracted item
or an offline column is never served from a cache. No Last-Modified: a retraction makes a feed older.
"""

from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sanshen.web import editions

from .models import SiteIdentity
from .portal import Columns, site_title


def public_view(view):
    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            response = view(request, *args, **kwargs)
        patch_cache_control(response, public=True, no_cache=True)
        if "Last-Modified" in response:
            del response["Last-Modified"]
        if response.status_code != 200 or response.streaming:
            return response
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapper


def public_context(columns: Columns, current=None) -> dict:
    """What the public layout needs: the body's name, the column menu, the footer's identifiers (网站标识)
    and the menu entry to mark."""
    identity = editions.kept_in_process("website.identity", SiteIdentity.current)
    return {"site": {"title": site_title(), "menu": columns.menu, "identity": identity},
            "current": current}


def render_public(request, template: str, context: dict, *, columns: Columns, status: int = 200, current=None):
    """Render a page in the public layout: the body's name, the column menu (marking `current`), search.

    Rendered without the request: the public pages never use the back office's context (navigation,
    unread reminders), so a page is the same for every visitor, signed in or not.
    """
    return HttpResponse(render_to_string(template, {**public_context(columns, current), **context}), status=status)


def notice(request, columns: Columns, *, status: int, heading: str, message: str, current=None):
    """A public notice page (not found, withdrawn, under maintenance) with its status code."""
    return render_public(request, "website/notice.html", {"heading": heading, "message": message},
                         columns=columns, status=status, current=current)


def not_found(request, columns: Columns | None = None):
    return notice(request, columns or Columns.load(), status=404, heading=_("页面不存在"),
                  message=_("您访问的页面不存在，可能地址有误或信息尚未发布。"))


def under_maintenance(request, columns: Columns, column):
    return notice(request, columns, status=503, heading=_("栏目维护中"),
                  message=_("“%(column)s”栏目正在维护，暂时无法访问，请稍后再试。") % {"column": column.name})
