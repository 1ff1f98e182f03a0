"""A database made by the previous layout (before accountability, channels and deliveries were apps of their own)
upgrades with `sanshen migrate`: the rows stay, the models of the new apps read them, and the content types follow.

The previous layout is what its migrations made: each app migrated to its last migration before the split.
"""

import json
import subprocess
import sys

import pytest

from tests.backup.conftest import installations

PREVIOUS_LAYOUT = [("org", "0003_grant_requests"), ("oversight", "0003_audit_checkpoint_and_object_index"),
                   ("content", "0005_finding_dismissals"), ("review", "0003_reviewer_seen_and_passage_comments"),
                   ("publishing", "0003_account_filing_and_closing"), ("website", "0002_site_identity"),
                   ("lexicons", "0002_allow_proposals"), ("events", "0001_initial"), ("interaction", "0001_messages"),
                   ("web", "0003_daily_job_runs")]
MOVED = {"accountability": ("org", ["suspension", "criticism"]),
         "channels": ("publishing", ["channel", "account", "namingkeyword"]),
         "deliveries": ("publishing", ["delivery"])}

MADE_BEFORE = """
from datetime import date
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from sanshen.org.demo import load_demo
from sanshen.org.models import Department, Person
load_demo("Demo-2026!pass")
for new, (old, models) in MOVED.items():
    for model in models:  # as the previous layout named them
        ContentType.objects.filter(app_label=new, model=model).delete()
        ContentType.objects.get_or_create(app_label=old, model=model)
chief, officer = Person.objects.get(username="chief"), Person.objects.get(username="officer")
now = timezone.now()
with connection.cursor() as cursor:  # the tables as the previous layout made them, written without the new models
    cursor.execute("INSERT INTO org_suspension (person_id, scope, reason, starts_at, created_by_id, created_at, "
                   "lift_reason) VALUES (%s, 'publish', '旧版暂停', %s, %s, %s, '')", [officer.pk, now, chief.pk, now])
    cursor.execute("INSERT INTO org_criticism (department_id, issued_on, text, requirement, done_note, "
                   "recorded_by_id, recorded_at) VALUES (%s, %s, '旧版通报', '', '', %s, %s)",
                   [Department.objects.first().pk, date(2026, 3, 1), chief.pk, now])
    cursor.execute("INSERT INTO publishing_delivery (publication_id, action, status, attempts, last_error, created_at) "
                   "SELECT id, 'publish', 'failed', 3, '旧版推送失败', %s FROM publishing_publication ORDER BY id LIMIT 1",
                   [now])
    counts = {}
    for table in ("publishing_channel", "publishing_account", "publishing_delivery", "content_item_channels"):
        cursor.execute(f"SELECT count(*) FROM {table}")
        counts[table] = cursor.fetchone()[0]
    cursor.execute("SELECT c.name FROM publishing_delivery d JOIN publishing_publication p ON p.id = d.publication_id "
                   "JOIN publishing_channel c ON c.id = p.channel_id WHERE d.last_error = '旧版推送失败'")
    counts["channel of the delivery"] = cursor.fetchone()[0]
print(json.dumps(counts, ensure_ascii=False))
"""

READ_AFTER = """
from django.contrib.contenttypes.models import ContentType
from sanshen.accountability.models import Criticism, Suspension
from sanshen.channels.models import Account, Channel
from sanshen.content.models import Item
from sanshen.deliveries.models import Delivery
suspension, criticism = Suspension.objects.get(), Criticism.objects.get()
delivery = Delivery.objects.select_related("publication__channel").get(last_error="旧版推送失败")
print(json.dumps({
    "suspension": [suspension.person.username, suspension.reason, suspension.covers("publish")],
    "criticism": criticism.text,
    "delivery": [delivery.last_error, delivery.status, delivery.attempts],
    "counts": {"channel of the delivery": delivery.publication.channel.name,
               "publishing_channel": Channel.objects.count(), "publishing_account": Account.objects.count(),
               "publishing_delivery": Delivery.objects.count(),
               "content_item_channels": Item.channels.through.objects.count()},
    "content_types": sorted(f"{c.app_label}.{c.model}" for c in ContentType.objects.filter(
        model__in=[m for _, models in MOVED.values() for m in models])),
}, ensure_ascii=False))
"""


def django_python(installation, code: str) -> str:
    script = f"import json, django; django.setup()\nMOVED = {MOVED!r}\n" + code
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**installation.env, "DJANGO_SETTINGS_MODULE": "sanshen.settings"})
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


@pytest.fixture
def previous_layout(tmp_path):
    with installations(tmp_path) as make:
        installation = make("previous")
        for app, migration in PREVIOUS_LAYOUT:
            installation.ok("migrate", app, migration, "-v0")
        installation.counts = json.loads(django_python(installation, MADE_BEFORE))
        yield installation


def test_a_database_of_the_previous_layout_upgrades_with_its_rows_and_content_types(previous_layout):
    previous_layout.ok("migrate", "-v0")
    after = json.loads(django_python(previous_layout, READ_AFTER))
    assert after["suspension"] == ["officer", "旧版暂停", True] and after["criticism"] == "旧版通报"
    assert after["delivery"] == ["旧版推送失败", "failed", 3]
    assert after["counts"] == previous_layout.counts
    assert all(previous_layout.counts.values()), previous_layout.counts
    assert after["content_types"] == ["accountability.criticism", "accountability.suspension", "channels.account",
                                      "channels.channel", "channels.namingkeyword", "deliveries.delivery"]
    previous_layout.ok("migrate", "--check")  # nothing left unapplied
