"""Helpers for the channel tests: the form data of a channel and of a new-media account."""

from datetime import date

import pytest

from sanshen.channels.models import Account, Channel
from sanshen.review.models import Workflow


def channel(name: str) -> Channel:
    return Channel.objects.get(name=name)


def account(name: str) -> Account:
    return Account.objects.select_related("channel").get(channel__name=name)


@pytest.fixture
def channel_data(person):
    """POST data for the channel form: a website column unless told otherwise."""

    def make(**fields):
        data = {"name": "营商环境", "kind": Channel.Kind.WEBSITE_COLUMN, "parent": "",
                "department": person("officer").department_id, "responsible": person("officer").pk,
                "publisher": "", "workflow": Workflow.objects.order_by("pk").first().pk,
                "update_threshold_days": 14, "webhook_url": "", "webhook_secret": "", "is_active": "on"}
        data.update(fields)
        return {k: v for k, v in data.items() if v is not None}

    return make


@pytest.fixture
def account_data(channel_data, person):
    """POST data for opening a new-media account (channel + 备案登记表)."""

    def make(name="江城工信视频号", kind=Channel.Kind.VIDEO, opened_on=date(2025, 9, 30), **fields):
        return channel_data(name=name, kind=kind, **{
            "account-platform": "微信视频号", "account-account_id": "jcgx_video",
            "account-purpose": "发布产业政策解读短视频", "account-operator": person("officer").pk,
            "account-contact_phone": "0710-12345678", "account-opened_on": opened_on.isoformat(), **fields})

    return make
