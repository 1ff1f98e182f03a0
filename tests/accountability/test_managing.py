"""Who decides suspensions and notices of criticism (主要领导、系统管理员), the pages and API, and the audit trail."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sanshen.accountability import services as accountability
from sanshen.accountability.models import Criticism, Suspension
from sanshen.org.models import Department
from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.models import AuditEntry
from tests.conftest import ROLE_USERS

from .conftest import REASON

pytestmark = pytest.mark.django_db
MANAGERS = {"chief", "admin"}
REFUSED = "只有主要领导或系统管理员可以暂停、恢复权限和登记通报批评"


def post_json(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.mark.parametrize("username", ROLE_USERS)
def test_only_the_main_leader_and_administrators_manage_accountability(username, person, client_as):
    who = person(username)
    allowed = username in MANAGERS
    assert (reason_to_prevent("org.manage_accountability", who) is None) == allowed
    client = client_as(username)
    for url in (reverse("accountability:overview"), reverse("accountability:suspension_create"), reverse("accountability:criticism_create")):
        response = client.get(url)
        assert response.status_code == (200 if allowed else 403)
        if not allowed:
            assert REFUSED in response.content.decode()
    target = "editor2" if username == "editor" else "editor"
    api = post_json(client, "/api/suspensions", {"person": target, "scope": "publish", "reason": REASON})
    assert api.status_code == (201 if allowed else 403)
    listed = client.get("/api/suspensions")
    assert listed.status_code == (200 if allowed else 403)
    if not allowed:
        assert REFUSED in api.json()["detail"]
        with pytest.raises(accountability.OrgError, match=REFUSED):
            accountability.suspend(person(target), scope="all", reason=REASON, acting_user=who)
        assert not Suspension.objects.exists()


def test_the_page_suspends_and_lifts_and_both_are_audited(person, client_as):
    chief = client_as("chief")
    response = chief.post(reverse("accountability:suspension_create"), {
        "person": person("officer").pk, "scope": "publish", "reason": REASON,
        "starts_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "ends_at": ""}, follow=True)
    page = response.content.decode()
    assert "已暂停" in page and REASON in page and "生效中" in page
    suspension = Suspension.objects.get()
    assert suspension.person.username == "officer" and suspension.created_by.username == "chief"
    lift_url = reverse("accountability:suspension_lift", args=[suspension.pk])
    refused = chief.post(lift_url, {"reason": ""})
    assert refused.status_code == 200 and "请更正下面标出的错误" in refused.content.decode()
    done = chief.post(lift_url, {"reason": "调查后确认不属实"}, follow=True).content.decode()
    assert "已恢复" in done and "调查后确认不属实" in done
    actions = list(AuditEntry.objects.filter(object_type=Suspension._meta.label_lower).order_by("seq").values_list(
        "action", "actor_username"))
    assert actions == [("org.suspension_recorded", "chief"), ("org.suspension_lifted", "chief")]


def test_a_wrong_suspension_form_keeps_what_was_typed(person, client_as):
    response = client_as("admin").post(reverse("accountability:suspension_create"), {
        "person": person("editor").pk, "scope": "compose", "reason": "多次提交未经核实的数据",
        "starts_at": "2026-12-10T09:00", "ends_at": "2026-12-01T09:00"})
    page = response.content.decode()
    assert response.status_code == 200 and "结束时间必须晚于开始时间" in page
    assert 'value="多次提交未经核实的数据"' in page and not Suspension.objects.exists()


def test_nobody_suspends_themselves(person):
    with pytest.raises(accountability.OrgError, match="不能暂停自己"):
        accountability.suspend(person("admin"), scope="all", reason=REASON, acting_user=person("admin"))


def test_the_api_suspends_lists_and_lifts(client_as):
    admin = client_as("admin")
    created = post_json(admin, "/api/suspensions", {"person": "editor", "scope": "compose", "reason": REASON,
                                                    "ends_at": (timezone.now() + timedelta(days=5)).isoformat()})
    assert created.status_code == 201
    body = created.json()
    assert body["state"] == "current" and body["scope_label"] == "撰写提交" and body["created_by"]["username"] == "admin"
    in_force = admin.get("/api/suspensions?in_force=true&person=editor").json()
    assert [s["id"] for s in in_force] == [body["id"]]
    blocked = post_json(client_as("editor"), "/api/items", {"title": "新稿件"})
    assert blocked.status_code in (400, 403) and "撰写提交权限" in blocked.json()["detail"]
    lifted = post_json(admin, f"/api/suspensions/{body['id']}/lift", {"reason": "提前恢复"})
    assert lifted.status_code == 200 and lifted.json()["state"] == "lifted"
    again = post_json(admin, f"/api/suspensions/{body['id']}/lift", {"reason": "提前恢复"})
    assert again.status_code == 400 and "提前恢复" in again.json()["detail"]
    assert post_json(admin, "/api/suspensions/999999/lift", {"reason": "x"}).status_code == 404
    unknown = post_json(admin, "/api/suspensions", {"person": "nobody", "scope": "compose", "reason": REASON})
    assert unknown.status_code == 422 and "nobody" in unknown.json()["detail"]
    bad_scope = post_json(admin, "/api/suspensions", {"person": "editor", "scope": "everything", "reason": REASON})
    assert bad_scope.status_code == 422
    no_reason = post_json(admin, "/api/suspensions", {"person": "editor", "scope": "compose", "reason": " "})
    assert no_reason.status_code == 400 and "理由" in no_reason.json()["detail"]


# ---- 通报批评 ----------------------------------------------------------------------------------------

def test_an_overdue_correction_shows_on_the_page_and_the_dashboards_of_chief_and_admin(person, client_as):
    today = timezone.localdate()
    late = accountability.record_criticism(Criticism(
        department=Department.objects.get(name="产业发展科"), issued_on=today - timedelta(days=30),
        text="政务新媒体账号连续三个月未更新", requirement="制定更新计划并落实专人负责",
        deadline=today - timedelta(days=1)), acting_user=person("chief"))
    accountability.record_criticism(Criticism(
        person=person("editor"), issued_on=today, text="转载信息未注明来源", requirement="学习转载规定",
        deadline=today + timedelta(days=10)), acting_user=person("chief"))
    page = client_as("chief").get(reverse("accountability:overview")).content.decode()
    assert "整改超期 1" in page and "政务新媒体账号连续三个月未更新" in page and "转载信息未注明来源" in page
    for username in MANAGERS:
        dashboard = client_as(username).get(reverse("dashboard")).content.decode()
        assert 'data-testid="panel-overdue-criticisms"' in dashboard and "产业发展科" in dashboard
    assert "panel-overdue-criticisms" not in client_as("head").get(reverse("dashboard")).content.decode()
    client_as("admin").post(reverse("accountability:criticism_correct", args=[late.pk]),
                            {"done_on": today.isoformat(), "note": "已指定专人，恢复每周更新"})
    late.refresh_from_db()
    assert late.done_on == today and not late.overdue()
    assert "panel-overdue-criticisms" not in client_as("chief").get(reverse("dashboard")).content.decode()
    assert list(AuditEntry.objects.filter(object_type=Criticism._meta.label_lower).order_by("seq").values_list(
        "action", flat=True)) == ["org.criticism_recorded", "org.criticism_recorded", "org.criticism_corrected"]


def test_a_notice_names_a_person_or_a_department_and_a_requirement_needs_a_deadline(person, client_as):
    response = client_as("chief").post(reverse("accountability:criticism_create"), {
        "person": person("editor").pk, "department": Department.objects.get(name="产业发展科").pk,
        "issued_on": timezone.localdate().isoformat(), "text": "审核把关不严", "requirement": "限期整改", "deadline": ""})
    page = response.content.decode()
    assert "二者选一" in page and "须规定整改期限" in page and "审核把关不严" in page
    assert not Criticism.objects.exists()
    with pytest.raises(accountability.OrgError, match="二者选一"):
        accountability.record_criticism(Criticism(issued_on=timezone.localdate(), text="x"),
                                        acting_user=person("chief"))
