"""Inspection (监督检查): sensitive-item handling records, filters, the chain verdict and the export package;
the annual evaluation's commendation rule and notices of criticism."""

import csv
import io
import zipfile
from datetime import date

import pytest
from django.db import connection

from sanshen.accountability.models import Criticism
from sanshen.accountability.services import record_criticism
from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ItemInput, create_item
from sanshen.org.models import Department, Pledge
from sanshen.oversight.models import AuditEntry
from sanshen.review.services import decide, submit_item
from sanshen.statistics.evaluation import COMMENDATION_RULE, commendation, department_report
from sanshen.statistics.figures import finish

from .activity import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def sensitive_item(person):
    """A sensitive item by editor, submitted and rejected once at 初审 by editor2 (pledged for the purpose)."""
    Pledge.objects.create(person=person("editor2"), signed_on=date(2026, 1, 5), recorded_by=person("secrecy"))
    item = create_item(person("editor"), ItemInput(
        title="关于重点企业用能情况的内部通报", body="近期部分重点企业用能情况如下，请各科室注意把握发布口径。",
        channels=[Channel.objects.get(name="要闻动态")], sensitivity=Item.Sensitivity.SENSITIVE))
    submit_item(item, person("editor"))
    decide(Item.objects.get(pk=item.pk), person("editor2"), verdict="reject", opinion="敏感数据须删除后再报。")
    return Item.objects.get(pk=item.pk)


def unzip(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return {name: package.read(name).decode("utf-8-sig") for name in package.namelist()}


def test_the_inspection_page_shows_who_handled_a_sensitive_item(client_as, sensitive_item):
    page = client_as("secrecy").get("/oversight/inspection/").content.decode()
    assert "关于重点企业用能情况的内部通报" in page and "敏感" in page
    for label in ("新建稿件", "提交审核", "审核签字"):
        assert f"<td>{label}</td>" in page
    assert "校验通过" in page
    narrowed = client_as("chief").get("/oversight/inspection/?actor=editor2").content.decode()
    assert "<td>审核签字</td>" in narrowed and "<td>提交审核</td>" not in narrowed


def test_the_export_package_holds_the_filtered_log_the_handling_records_and_the_verdict(client_as, sensitive_item):
    response = client_as("chief").get("/oversight/inspection/export.zip?obj=重点企业用能")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    files = unzip(response.content)
    assert set(files) == {"audit.csv", "sensitive-items.csv", "chain-verification.txt"}
    audit = list(csv.DictReader(io.StringIO(files["audit.csv"])))
    assert {row["object_id"] for row in audit} == {str(sensitive_item.pk)}
    assert [row["action"] for row in audit] == ["content.item_created", "content.item_submitted",
                                                "review.decision_signed"]
    handling = list(csv.DictReader(io.StringIO(files["sensitive-items.csv"])))
    assert [(row["title"], row["sensitivity"], row["actor"], row["action_label"]) for row in handling] == [
        (sensitive_item.title, "敏感", "editor", "新建稿件"), (sensitive_item.title, "敏感", "editor", "提交审核"),
        (sensitive_item.title, "敏感", "editor2", "审核签字")]
    assert "结论：校验通过" in files["chain-verification.txt"]
    assert '"obj": "重点企业用能"' in files["chain-verification.txt"]
    assert AuditEntry.objects.filter(action="oversight.inspection_exported", actor_username="chief").exists()


def test_a_tampered_log_is_reported_in_the_package(client_as, sensitive_item):
    target = AuditEntry.objects.filter(object_id=str(sensitive_item.pk)).order_by("seq").first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE oversight_auditentry SET actor_username = %s WHERE seq = %s", ["someone", target.seq])
    files = unzip(client_as("admin").get("/oversight/inspection/export.zip").content)
    assert f"结论：校验失败，第 {target.seq} 条记录的内容已被改动" in files["chain-verification.txt"]
    assert "校验失败" in client_as("admin").get("/oversight/inspection/").content.decode()


def test_a_bad_filter_is_said_not_exported(client_as):
    response = client_as("chief").get("/oversight/inspection/export.zip?since=yesterday")
    assert response.status_code == 400 and "起始日期格式不对" in response.content.decode()


def test_the_audit_page_filters_by_object_too(client_as, sensitive_item):
    page = client_as("chief").get("/oversight/audit/?obj=重点企业用能").content.decode()
    assert page.count('data-testid="audit-details"') == 3 and 'name="obj"' in page


# ---- annual evaluation ----------------------------------------------------------------------------------------------

def figures(**counts) -> dict:
    return finish(counts)


def test_the_commendation_rule():
    good = figures(published=12, submitted=100, on_time=9, late=1, rejected=2)
    assert commendation(good, []) == (True, [])
    candidate, missed = commendation(figures(published=11, submitted=100, on_time=8, late=2, rejected=3), ["x"])
    assert not candidate
    assert missed == ["发布 11 篇，少于 12 篇", "按时发布率 80.0%，低于 90%", "差错率 3.0%，高于 2%", "本年度被通报批评 1 次"]
    assert "全年发布不少于 12 篇" in COMMENDATION_RULE.describe()


def test_criticisms_of_the_department_or_its_people_bar_commendation(person, year_activity, client_as):
    industry = Department.objects.get(name="产业发展科")
    record_criticism(Criticism(person=person("editor"), issued_on=date(YEAR, 6, 1), text="未按规定程序发布信息。"),
                     acting_user=person("chief"))
    record_criticism(Criticism(department=Department.objects.get(name="市场运行科"), issued_on=date(YEAR, 6, 1),
                               text="栏目长期不更新。"), acting_user=person("chief"))
    report = department_report(industry, YEAR)
    assert [c.text for c in report.criticisms] == ["未按规定程序发布信息。"]
    assert not report.candidate and "本年度被通报批评 1 次" in report.missed
    page = client_as("chief").get(f"/oversight/evaluation/?year={YEAR}").content.decode()
    assert "本年度被通报批评 1 次" in page and f"/oversight/evaluation/{YEAR}/{industry.pk}.pdf" in page
