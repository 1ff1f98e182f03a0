"""Loading the item a page is about, and letting the request through only when the permission module agrees."""

from functools import wraps

from django.shortcuts import get_object_or_404

from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.audit import record
from sanshen.web.mixins import action_required, refuse

from .models import Item


def item_action(action: str):
    """Load the item named in the URL and let the request through only if `action` on it is allowed."""

    def decorator(view):
        @wraps(view)
        @action_required("web.view_dashboard")
        def wrapper(request, pk, *args, **kwargs):
            item = get_object_or_404(Item.objects.select_related("department", "author", "current_revision"), pk=pk)
            reason = reason_to_prevent(action, request.user, item)
            if reason:
                return refuse(request, reason)
            return view(request, item, *args, **kwargs)

        return wrapper

    return decorator


def record_sensitive_view(item: Item, person, request) -> None:
    """Opening a sensitive or classified item is itself a handling record (涉密敏感稿件的查阅记录, 000§8)."""
    if item.needs_pledge:
        record("content.sensitive_item_viewed", actor=person, obj=item, request=request,
               details={"sensitivity": item.sensitivity, "revision": item.current_revision.content_hash})
