"""Loading the item a page is about, and letting the request through only when the permission module agrees."""

from functools import wraps

from django.shortcuts import get_object_or_404

from sanshen.org.permissions import reason_to_prevent
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
