"""The audit log: append-only, hash-chained, verified and exported; written with the change it records."""

import csv
import io
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from sanshen.org.models import Department
from sanshen.oversight.audit import record, verify_chain
from sanshen.oversight.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db


def add_entries(n, actor):
    return [record("test.event", actor=actor, details={"n": i, "文字": "中文"}) for i in range(n)]


def test_each_entry_links_to_the_one_before(person):
    first, second = add_entries(2, person("admin"))
    assert second.prev_hash == first.entry_hash
    assert second.seq == first.seq + 1
    assert verify_chain().ok


def test_entries_cannot_be_changed_or_deleted_through_the_application(person):
    entry = add_entries(1, person("admin"))[0]
    entry.action = "something.else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_editing_a_row_by_hand_is_caught_and_named(person):
    entries = add_entries(4, person("admin"))
    target = entries[2]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE oversight_auditentry SET object_repr = %s WHERE seq = %s", ["篡改", target.seq])
    verdict = verify_chain()
    assert verdict.bad_seq == target.seq
    assert "已被改动" in verdict.reason


def test_deleting_a_row_by_hand_is_caught_and_named(person):
    entries = add_entries(4, person("admin"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM oversight_auditentry WHERE seq = %s", [entries[1].seq])
    verdict = verify_chain()
    assert verdict.bad_seq == entries[1].seq and "缺失" in verdict.reason


def test_deleting_the_newest_rows_is_caught_too(person):
    entries = add_entries(3, person("admin"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM oversight_auditentry WHERE seq = %s", [entries[-1].seq])
    assert verify_chain().bad_seq == entries[-1].seq


def test_an_entry_is_rolled_back_with_its_change(person):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            department = Department.objects.create(name="临时科")
            record("org.department_saved", actor=person("admin"), obj=department)
            raise RuntimeError("the change failed")
    assert AuditEntry.objects.count() == before
    assert verify_chain().ok


def test_cli_verify_exits_nonzero_naming_the_bad_entry(person, capsys):
    entries = add_entries(3, person("admin"))
    call_command("audit", "verify")
    assert "chain intact" in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute("UPDATE oversight_auditentry SET details = %s WHERE seq = %s", ['{"n": 99}', entries[0].seq])
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert f"BROKEN at entry {entries[0].seq}" in capsys.readouterr().err


def test_cli_export_writes_every_entry_as_csv(person, tmp_path):
    entries = add_entries(3, person("admin"))
    out = tmp_path / "audit.csv"
    call_command("audit", "export", "--output", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [int(r["seq"]) for r in rows][-3:] == [e.seq for e in entries]
    assert rows[-1]["actor_username"] == "admin" and "中文" in rows[-1]["details"]


def test_cli_export_to_an_unwritable_place_exits_2_with_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "sanshen.cli", "audit", "export", "--output",
                             str(tmp_path / "missing" / "x.csv")], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "cannot write" in result.stderr


def test_audit_page_shows_the_verdict_and_filters(client_as, person):
    add_entries(2, person("chief"))
    page = client_as("admin").get("/oversight/audit/", {"actor": "chief"}).content.decode()
    assert "校验通过" in page and "test.event" in page
    page = client_as("admin").get("/oversight/audit/", {"since": "2026-13-40"}).content.decode()
    assert "格式不对" in page


def test_audit_export_from_the_page_is_a_csv(client_as, person):
    add_entries(1, person("chief"))
    response = client_as("admin").get("/oversight/audit/export.csv", {"action": "test.event"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("seq,at,actor_username") and "test.event" in body
