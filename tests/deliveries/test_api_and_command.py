"""GET /api/deliveries, POST /api/deliveries/{id}/retry and /confirm; `sanshen deliver`."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from sanshen.deliveries import services
from sanshen.deliveries.models import Delivery
from sanshen.oversight.models import AuditEntry
from tests.conftest import ROLE_USERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(published, wechat, receiver):
    receiver.status = 500
    item, [delivery] = published()
    return services.attempt(delivery.pk)


def post(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


@pytest.mark.parametrize("username", ROLE_USERS)
def test_listing_is_for_officers_and_administrators(client_as, username, failed):
    response = client_as(username).get("/api/deliveries?status=failed")
    if username in ("officer", "admin"):
        body = response.json()
        assert response.status_code == 200 and body["counts"]["failed"] >= 1
        [row] = [r for r in body["results"] if r["id"] == failed.pk]
        assert row["status"] == "failed" and row["response_code"] == 500 and "HTTP 500" in row["last_error"]
        assert row["channel"]["adapter"] == "webhook" and row["next_attempt_at"]
    else:
        assert response.status_code == 403 and response.json()["detail"] == "只有系统管理员或信息专管员可以查看推送记录。"


def test_listing_filters_and_rejects_malformed_filters(client_as, failed):
    officer = client_as("officer")
    assert [r["id"] for r in officer.get(f"/api/deliveries?item={failed.publication.item_id}").json()["results"]] == [
        failed.pk]
    assert officer.get("/api/deliveries?status=delivered&item=%d" % failed.publication.item_id).json()["count"] == 0
    wrong = officer.get("/api/deliveries?status=lost")
    assert wrong.status_code == 422 and "status" in wrong.json()["detail"]


@pytest.mark.parametrize("username", ROLE_USERS)
def test_retry_is_for_the_officer(client_as, username, failed, receiver):
    response = post(client_as(username), f"/api/deliveries/{failed.pk}/retry")
    if username == "officer":
        assert response.status_code == 200 and response.json()["status"] == "pending"
    else:
        assert response.status_code == 403 and response.json()["detail"] == "只有信息专管员可以重新推送。"
        assert Delivery.objects.get(pk=failed.pk).status == Delivery.Status.FAILED


def test_retry_refusals_say_why(client_as, failed):
    officer = client_as("officer")
    assert post(officer, "/api/deliveries/999999/retry").status_code == 404
    assert post(officer, "/api/deliveries/0/retry").status_code == 422
    post(officer, f"/api/deliveries/{failed.pk}/retry")
    again = post(officer, f"/api/deliveries/{failed.pk}/retry")
    assert again.status_code == 400 and again.json()["detail"] == "只有失败的推送可以重新推送。"


def test_confirm_by_api_records_the_note(client_as, failed):
    response = post(client_as("officer"), f"/api/deliveries/{failed.pk}/confirm", {"note": "接收系统故障，已手工录入"})
    assert response.status_code == 200 and response.json()["status"] == "delivered"
    assert AuditEntry.objects.get(action="publishing.delivery_confirmed").details["note"] == "接收系统故障，已手工录入"
    assert post(client_as("admin"), f"/api/deliveries/{failed.pk}/confirm").status_code == 403


def test_sanshen_deliver_sends_what_is_due_and_reports(published, wechat, receiver):
    _item, [delivery] = published()
    out = StringIO()
    call_command("deliver", stdout=out)
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.DELIVERED
    assert f"#{delivery.pk} publish → 江城工信: delivered" in out.getvalue()
    assert "1 delivered, 0 failed" in out.getvalue()


def test_sanshen_deliver_retry_failed_reopens_exhausted_deliveries(failed, receiver):
    Delivery.objects.filter(pk=failed.pk).update(next_attempt_at=None, attempts=services.MAX_ATTEMPTS)
    receiver.status = 200
    out = StringIO()
    call_command("deliver", stdout=out)
    assert Delivery.objects.get(pk=failed.pk).status == Delivery.Status.FAILED  # no automatic retries left
    call_command("deliver", "--retry-failed", stdout=out)
    assert Delivery.objects.get(pk=failed.pk).status == Delivery.Status.DELIVERED
    assert "1 failed deliveries made due again" in out.getvalue()
    assert AuditEntry.objects.filter(action="publishing.delivery_retried",
                                     actor_username="sanshen deliver --retry-failed").exists()


def test_sanshen_deliver_picks_up_retries_when_their_time_comes(failed, receiver):
    receiver.status = 200
    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        call_command("deliver", stdout=StringIO())
    assert Delivery.objects.get(pk=failed.pk).status == Delivery.Status.FAILED
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        call_command("deliver", stdout=StringIO())
    assert Delivery.objects.get(pk=failed.pk).status == Delivery.Status.DELIVERED
