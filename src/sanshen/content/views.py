"""Item pages (稿件页面)."""

from django.shortcuts import get_object_or_404, render

from sanshen.web.mixins import action_required

from .models import Item


@action_required("content.create_item")
def my_items(request):
    items = Item.objects.filter(author=request.user)
    return render(request, "content/my_items.html", {"items": items})


@action_required("web.view_dashboard")
def item_detail(request, pk):
    item = get_object_or_404(Item, pk=pk)
    return render(request, "content/item.html", {"item": item})
