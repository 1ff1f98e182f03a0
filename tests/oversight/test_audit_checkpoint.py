"""The audit chain's checkpoint (校验点): the audit and inspection pages check only the entries after it, the full
check (daily job, `sanshen audit verify`, the page's button) checks everything and leaves what it found on the
pages until a full check passes again."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sanshen.oversight.audit import record
from sanshen.oversight.models import AuditEntry
from sanshen.oversight.tasks import check_audit_chain

pytestmark = pytest.mark.django_db


def add_entries(n, actor):
    return [record("test.event", actor=actor, details={"n": i}) for i in range(n)]


def verdict_on(client, url="/oversight/audit/") -> str:
    page = client.get(url).content.decode()
    return re.sub(r"\s+", " ", page.split('data-testid="chain-verdict"')[1].split("</div>\n")[0])


def tamper(seq, text="篡改"):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE oversight_auditentry SET object_repr = %s WHERE seq = %s", [text, seq])


def test_an_edited_entry_newer_than_the_checkpoint_shows_on_the_next_load(client_as, person):
    client = client_as("admin")
    add_entries(3, person("chief"))
    assert "校验通过" in verdict_on(client)
    newer = add_entries(4, person("chief"))
    tamper(newer[1].seq)
    shown = verdict_on(client)
    assert "校验失败" in shown and f"第 {newer[1].seq} 条记录的内容已被改动" in shown
    assert f"第 {newer[1].seq} 条" in verdict_on(client_as("secrecy"), "/oversight/inspection/")


def test_removing_the_newest_entries_shows_on_the_next_load(client_as, person):
    client = client_as("admin")
    entries = add_entries(3, person("chief"))
    assert "校验通过" in verdict_on(client)  # the checkpoint is now the newest entry
    newest = AuditEntry.objects.order_by("-seq").first().seq
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM oversight_auditentry WHERE seq >= %s", [entries[-1].seq])
    shown = verdict_on(client)
    assert "校验失败" in shown and f"第 {newest} 条" in shown and "缺失" in shown


def test_an_edited_old_entry_is_left_to_the_full_check_which_then_shows_on_every_page(client_as, person, capsys):
    client = client_as("admin")
    old = add_entries(3, person("chief"))
    assert "校验通过" in verdict_on(client)
    tamper(old[0].seq)
    shown = verdict_on(client)
    assert "校验通过" in shown and "只校验上次校验之后新增的记录" in shown  # the trade-off, told on the page
    with pytest.raises(SystemExit):
        call_command("audit", "verify")
    assert f"BROKEN at entry {old[0].seq}" in capsys.readouterr().err
    add_entries(2, person("chief"))
    for who, url in (("admin", "/oversight/audit/"), ("secrecy", "/oversight/inspection/")):
        shown = verdict_on(client_as(who), url)
        assert "校验失败" in shown and f"第 {old[0].seq} 条记录的内容已被改动" in shown
    assert check_audit_chain.call()["bad_seq"] == old[0].seq


def test_a_full_check_that_passes_again_clears_the_failure(client_as, person):
    client = client_as("admin")
    entry = add_entries(2, person("chief"))[0]
    original = entry.object_repr
    tamper(entry.seq)
    assert check_audit_chain.call()["ok"] is False
    assert "校验失败" in verdict_on(client)
    tamper(entry.seq, original)
    assert check_audit_chain.call()["ok"] is True
    shown = verdict_on(client)
    assert "校验通过" in shown and "最近一次完整校验通过" in shown


def test_the_button_checks_in_full_records_it_and_goes_back_where_it_came_from(client_as, person):
    add_entries(2, person("chief"))
    client = client_as("secrecy")
    response = client.post("/oversight/audit/verify/", {"back": "inspection"})
    assert response.status_code == 302 and response["Location"] == "/oversight/inspection/"
    page = client.get(response["Location"]).content.decode()
    assert "完整校验通过" in page and "最近一次完整校验通过" in page
    checked = AuditEntry.objects.filter(action="oversight.chain_checked").first()
    assert checked.actor_username == "secrecy" and checked.details["ok"] is True
    assert client_as("admin").post("/oversight/audit/verify/")["Location"] == "/oversight/audit/"
    assert client.get("/oversight/audit/verify/").status_code == 405


@pytest.mark.parametrize("username", ["editor", "head", "leader", "officer"])
def test_people_who_may_not_see_the_log_cannot_start_a_full_check(client_as, username):
    before = AuditEntry.objects.filter(action="oversight.chain_checked").count()
    assert client_as(username).post("/oversight/audit/verify/").status_code == 403
    assert AuditEntry.objects.filter(action="oversight.chain_checked").count() == before


def test_the_audit_page_costs_the_same_queries_however_long_the_log(client_as, person):
    client = client_as("admin")
    client.get("/oversight/audit/")
    add_entries(5, person("chief"))
    with CaptureQueriesContext(connection) as few:
        client.get("/oversight/audit/")
    few = len(few)
    add_entries(120, person("chief"))
    with CaptureQueriesContext(connection) as many:
        client.get("/oversight/audit/")
    assert len(many) <= few
