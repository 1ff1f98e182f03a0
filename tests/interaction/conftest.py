"""Helpers for the interactive column: messages left from an address, and messages moved along their steps."""

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import RequestFactory

from sanshen.interaction import services
from sanshen.interaction.models import Message
from sanshen.org.models import Department

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEDNESDAY_MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)  # a working day, within 08:30–17:30
TEXT = "我公司计划申报2026年度技术改造项目，请问申报材料需要哪些，截止时间是什么时候？"


def from_address(address="198.51.100.7", user=None):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.user = user
    return request


def department(name="产业发展科"):
    return Department.objects.get(name=name)


def refresh(message):
    return Message.objects.get(pk=message.pk)


@pytest.fixture
def leave(db):
    """A message from the public, the captcha taken as solved (its nonce is fresh)."""

    def make(subject="技术改造项目申报咨询", text=TEXT, address=None, **fields):
        data = services.MessageInput(name=fields.pop("name", "王先生"), contact=fields.pop("contact", "13912345678"),
                                     subject=subject, text=text, **fields)
        return services.leave_message(data, captcha_nonce=secrets.token_hex(12),
                                      request=from_address(address or f"198.51.100.{secrets.randbelow(250) + 1}"))

    return make


@pytest.fixture
def routed(leave, person):
    def make(**fields):
        return services.accept(leave(**fields), person("officer"), department=department())

    return make


@pytest.fixture
def answered(routed, person):
    def make(by="editor", **fields):
        return services.submit_answer(routed(**fields), person(by), text="申报材料见通知附件，截止时间为12月31日。")

    return make


@pytest.fixture
def approved(answered, person):
    def make(**fields):
        return services.approve_answer(answered(**fields), person("head"))

    return make


@pytest.fixture
def office_hours():
    with time_machine.travel(WEDNESDAY_MORNING, tick=False) as traveller:
        yield traveller
