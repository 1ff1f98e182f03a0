"""Pages of the delivery record (推送记录): the log, 重新推送, 已人工发布 and the export package download."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sanshen.channels.models import Channel
from sanshen.oversight.audit import record
from sanshen.web.mixins import action_required, download

from . import log, package, services
from .models import Delivery

PAGE_SIZE = 50


class DeliveryFilter(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("状态"), required=False,
                               choices=[("", gettext_lazy("全部")), *Delivery.Status.choices])
    channel = forms.ModelChoiceField(label=gettext_lazy("渠道"), required=False, empty_label=gettext_lazy("全部"),
                                     queryset=Channel.objects.exclude(kind=Channel.Kind.WEBSITE_COLUMN))
    item = forms.IntegerField(label=gettext_lazy("稿件编号"), required=False, min_value=1, max_value=2**63 - 1)


@action_required("publishing.view_deliveries")
def delivery_list(request):
    filters = DeliveryFilter(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    channel = chosen.get("channel")
    rows = log.deliveries(status=chosen.get("status", ""), channel_id=channel.pk if channel else None,
                          item_id=chosen.get("item"))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    confirmations = log.confirmers([d.pk for d in page])
    for delivery in page:  # the same functions that refuse a request decide whether its button shows
        delivery.confirmation = confirmations.get(delivery.pk)
        delivery.retry_refusal = services.retry_refusal(delivery, request.user)
        delivery.confirm_refusal = services.confirm_refusal(delivery, request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "deliveries/list.html", {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "counts": [(value, label, n) for (value, label), n in zip(
            Delivery.Status.choices, log.status_counts().values(), strict=True)],
        "bars": log.success_by_channel(),
    })


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("deliveries:list")


@require_POST
@action_required("publishing.retry_delivery")
def delivery_retry(request, pk):
    delivery = get_object_or_404(Delivery, pk=pk)
    try:
        services.retry(delivery, request.user, request=request)
    except services.DeliveryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已重新推送，结果稍后显示在列表中。"))
    return _back(request)


@require_POST
@action_required("publishing.confirm_delivery")
def delivery_confirm(request, pk):
    delivery = get_object_or_404(Delivery, pk=pk)
    try:
        delivery = services.confirm_posted(delivery, request.user, note=request.POST.get("note", ""), request=request)
    except services.DeliveryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已记录：%(action)s已由您人工完成。") % {"action": delivery.get_action_display()})
    return _back(request)


@action_required("publishing.view_deliveries")
def delivery_package(request, pk):
    delivery = get_object_or_404(Delivery.objects.select_related(
        "publication__item__department", "publication__item__author", "publication__revision",
        "publication__channel", "publication__published_by", "publication__retracted_by"), pk=pk)
    content = package.build(delivery)
    record("publishing.package_downloaded", actor=request.user, obj=delivery.publication.item, request=request,
           details={"delivery": delivery.pk, "channel": delivery.publication.channel.name,
                    "revision": delivery.publication.content_hash})
    return download(content, "application/zip", package.filename(delivery))
