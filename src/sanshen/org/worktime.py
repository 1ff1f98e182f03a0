"""May this person operate now, from this address? (工作时间、办公网络与临时授权) — P3, 002§15."""

import ipaddress
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Person, TemporaryGrant, WorkingPolicy
from .workdays import is_workday


def _parse_networks(text: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            networks.append(ipaddress.ip_network(line, strict=False))
    return networks


def validate_networks(text: str) -> None:
    """Raise ValueError naming the first line that is not an address range."""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            try:
                ipaddress.ip_network(line, strict=False)
            except ValueError:
                raise ValueError(_("“%(line)s”不是有效的 IP 地址段") % {"line": line}) from None


def in_office_network(address: str | None, policy: WorkingPolicy) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _parse_networks(policy.office_networks))


def in_working_hours(moment: datetime, policy: WorkingPolicy) -> bool:
    local = timezone.localtime(moment)
    workday, _known = is_workday(local.date())
    return workday and policy.workday_start <= local.time() < policy.workday_end


def _granted(person: Person, moment: datetime) -> bool:
    return TemporaryGrant.objects.filter(person=person, starts_at__lte=moment, ends_at__gt=moment).exists()


def operation_refusal(person: Person, *, address: str | None, moment: datetime | None = None,
                      goes_out: datetime | None = None) -> str | None:
    """Why `person` may not operate at `moment` from `address`, or None when they may.

    `goes_out` is when a scheduled operation takes effect (定时发布): working hours are asked of that
    moment, the office network of the address the person acts from now. A grant covering the moment
    each check asks about lifts it.
    """
    moment = moment or timezone.now()
    policy = WorkingPolicy.current()
    hours = {"start": policy.workday_start.strftime("%H:%M"), "end": policy.workday_end.strftime("%H:%M")}
    when = goes_out or moment
    if not in_working_hours(when, policy) and not _granted(person, when):
        if goes_out is None:
            return _("现在不是工作时间（工作日 %(start)s–%(end)s），如确需操作请申请临时授权。") % hours
        return _("定时发布时间 %(at)s 不在工作时间（工作日 %(start)s–%(end)s），请改在工作时间，如确需操作请申请临时授权。") % {
            **hours, "at": timezone.localtime(goes_out).strftime("%Y-%m-%d %H:%M")}
    if not in_office_network(address, policy) and not _granted(person, moment):
        return _("当前网络地址 %(address)s 不在办公网络内，如确需操作请申请临时授权。") % {"address": address or "?"}
    return None
