"""Secrecy determination (保密审查, R7): 7 working days on the Chinese calendar, overdue flagged, answers act."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from sanshen.content.models import Item
from sanshen.review.models import SecrecyRequest

from .conftest import refresh

pytestmark = pytest.mark.django_db

QUESTION = "第二段所列企业投资额是否属于工作秘密。"


def ask(client, item, question=QUESTION):
    return client.post(reverse("review:secrecy_request", args=[item.pk]), {"question": question})


def answer(client, asked, verdict, text="经审查，结论如上。"):
    return client.post(reverse("review:secrecy_answer", args=[asked.pk]), {"answer": verdict, "text": text})


def test_the_due_date_counts_seven_working_days_across_national_day(client_as, submitted):
    with time_machine.travel(date(2025, 9, 25), tick=False):
        item = submitted()
        response = ask(client_as("head"), item)
        assert response.status_code == 302
        asked = SecrecyRequest.objects.get(item=item)
        # 9/26, 9/28 (make-up Saturday), 9/29, 9/30, then the holiday 10/1–10/8, 10/9, 10/10, 10/11 (make-up)
        assert asked.due_on == date(2025, 10, 11)
        assert refresh(item).status == Item.Status.AWAITING_SECRECY
        page = client_as("head").get(reverse("review:queue")).content.decode()
        assert QUESTION[:20] in page and "2025-10-11" in page


def test_an_empty_question_is_refused_in_chinese(client_as, submitted):
    item = submitted()
    response = ask(client_as("head"), item, question="  ")
    assert response.status_code == 200 and "请写明需要确定是否涉密的内容" in response.content.decode()


def test_the_secrecy_queue_flags_overdue_requests_for_the_reviewer_and_office(client_as, submitted):
    with time_machine.travel(date(2025, 9, 25), tick=False):
        item = submitted(title="待保密审查的稿件")
        ask(client_as("head"), item)
    with time_machine.travel(date(2025, 10, 11), tick=False):
        page = client_as("secrecy").get(reverse("review:secrecy_queue")).content.decode()
        assert item.title in page and 'data-testid="overdue"' not in page
    with time_machine.travel(date(2025, 10, 13), tick=False):
        page = client_as("secrecy").get(reverse("review:secrecy_queue")).content.decode()
        assert item.title in page and 'data-testid="overdue"' in page
        for who in ("secrecy", "officer"):
            dashboard = client_as(who).get(reverse("dashboard")).content.decode()
            assert 'data-testid="panel-secrecy"' in dashboard and item.title in dashboard, who
    assert client_as("head").get(reverse("review:secrecy_queue")).status_code == 403


def test_answer_secret_refuses_the_item(client_as, submitted):
    item = submitted()
    ask(client_as("head"), item)
    asked = SecrecyRequest.objects.get(item=item)
    assert answer(client_as("secrecy"), asked, "secret", "涉及未公开的投资计划。").status_code == 302
    item = refresh(item)
    assert item.status == Item.Status.REFUSED and item.sensitivity == Item.Sensitivity.CLASSIFIED
    page = client_as("secrecy").get(reverse("review:secrecy_queue")).content.decode()
    assert "涉密，不得公开" in page


def test_answer_not_secret_resumes_the_review(client_as, submitted):
    item = submitted()
    ask(client_as("head"), item)
    asked = SecrecyRequest.objects.get(item=item)
    response = answer(client_as("secrecy"), asked, "", "")
    assert "请选择审查结论" in response.content.decode()
    answer(client_as("secrecy"), asked, "not_secret", "不涉密。")
    assert refresh(item).status == Item.Status.IN_REVIEW
    assert item.title in client_as("editor2").get(reverse("review:queue")).content.decode()
