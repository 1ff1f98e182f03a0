"""Many machines on one database (多机部署): two app servers and two `sanshen worker`s share one PostgreSQL
database and one Redis. Both workers start at once and the daily jobs are enqueued once, scheduled
publications go live once each, a re-screening run shared by both workers screens every revision once,
a session signed in on one server is signed in on the other, the public pages they keep in the shared
cache never outlive a retraction, and a signed-in page kept by one server is served by the other only until
anything commits.

Runs when the suite runs on PostgreSQL and a Redis answers on 127.0.0.1:6379 (as in CI); each server and
worker is the real command in its own process, so nothing here shares memory with the test.
"""

import json
import os
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.utils import timezone

from tests.backup.conftest import installations

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_load import Session, serve  # noqa: E402  (the benchmark's HTTP session and server start-up)

REDIS = ("127.0.0.1", 6379)
REDIS_DB = 11
SCHEDULED = 6
PUBLISHED = 300

PREPARE = f"""
import json, sys
sys.path.insert(0, "bench")
from datetime import timedelta
from django.utils import timezone
from bench_site import setup_database
from sanshen.content.services import ItemInput, create_item
from sanshen.org.models import Person, TemporaryGrant
from tests.publishing.conftest import BODY, channels, submit_and_sign

setup_database({PUBLISHED})
person = lambda username: Person.objects.get(username=username)
now = timezone.now()
TemporaryGrant.objects.create(person=person("officer"), granted_by=person("leader"), reason="多机测试",
                              starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2))
items = [submit_and_sign(create_item(person("editor"), ItemInput(
    title=f"多机定时发布稿件{{n}}", body=BODY, channels=channels("要闻动态"))), person).pk for n in range({SCHEDULED})]
print(json.dumps({{"items": items, "channel": channels("要闻动态")[0].pk}}))
"""

RESCREEN = """
from sanshen.lexicons.rescreen import resume_rescreen, start_rescreen
run = start_rescreen()
resume_rescreen(run)  # a second task for the same run: both workers take batches of it
print(run.pk)
"""


def answers(address) -> bool:
    try:
        socket.create_connection(address, timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                       reason="many machines share a PostgreSQL database; the suite runs on SQLite"),
    pytest.mark.skipif(not answers(REDIS), reason="no Redis on 127.0.0.1:6379"),
]


def django_python(env, code: str) -> str:
    script = "import django; django.setup()\n" + code
    result = subprocess.run([sys.executable, "-c", script], env={**env, "DJANGO_SETTINGS_MODULE": "sanshen.settings"},
                            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A migrated installation with the demo, 300 live items and six approved ones; two servers, two workers."""
    import redis

    redis.Redis(*REDIS, db=REDIS_DB).flushdb()
    with installations(tmp_path_factory.mktemp("cluster")) as make:
        installation = make("cluster")
        env = {**installation.env, "SANSHEN_REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}"}
        installation.env = env
        installation.ok("migrate", "-v0")
        made = json.loads(django_python(env, PREPARE))
        ports = [free_port(), free_port()]
        servers = [serve(env, port, workers=1, threads=4) for port in ports]
        workers = [subprocess.Popen([sys.executable, "-m", "sanshen.cli", "worker", "--interval", "0.2"],
                                    env=env, start_new_session=True) for _ in range(2)]
        try:
            yield {**made, "env": env, "ports": ports, "database": env["DATABASE_URL"], "workers": workers}
        finally:
            for process in servers + workers:
                os.killpg(process.pid, 15)
            for process in servers + workers:
                process.wait(30)


def rows(cluster, sql: str, *args) -> list[tuple]:
    with psycopg.connect(cluster["database"]) as conn:
        return conn.execute(sql, args).fetchall()


def wait_for(condition, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_two_workers_starting_at_once_enqueue_each_daily_job_once(cluster):
    def daily_jobs():
        return rows(cluster, "SELECT task_path, count(*) FROM django_tasks_database_dbtaskresult WHERE task_path IN "
                             "('sanshen.review.tasks.remind', 'sanshen.oversight.tasks.send_daily_digest', "
                             "'sanshen.oversight.tasks.check_audit_chain') GROUP BY task_path")

    assert wait_for(lambda: len(daily_jobs()) == 3), "the daily jobs were not enqueued"
    time.sleep(2)  # both workers have looked by now
    assert {count for _path, count in daily_jobs()} == {1}


def test_a_session_signed_in_on_one_server_works_on_the_other_and_ends_on_both(cluster):
    first, second = (Session(port) for port in cluster["ports"])
    first.log_in("head")
    second.cookies = dict(first.cookies)
    status, page = second.request("GET", "/")
    assert status == 200 and "王科长" in page
    second.request("POST", "/logout/", {"csrfmiddlewaretoken": second.cookies["csrftoken"]})
    assert first.request("GET", "/")[0] == 302, "signed out on one server, still signed in on the other"


def test_scheduled_publications_go_live_once_each_whichever_server_took_them(cluster):
    tokens = [Session(port).api_token("officer") for port in cluster["ports"]]
    at = (timezone.now() + timedelta(seconds=3)).isoformat()
    for n, item in enumerate(cluster["items"]):
        session = Session(cluster["ports"][n % 2])
        status, body = session.request("POST", f"/api/items/{item}/publish", {"channels": [cluster["channel"]], "at": at},
                                       headers={"Content-Type": "application/json",
                                                "Authorization": f"Bearer {tokens[n % 2]}"})
        assert status == 201, body
    items = tuple(cluster["items"])

    def all_live():
        return rows(cluster, "SELECT count(*) FROM publishing_publication WHERE item_id = ANY(%s) AND status = 'live'",
                    list(items))[0][0] == len(items)

    assert wait_for(all_live), "the scheduled publications did not all go live"
    published = rows(cluster, "SELECT object_id, count(*) FROM oversight_auditentry WHERE action = 'publishing.published'"
                              " AND object_type = 'content.item' AND object_id = ANY(%s) GROUP BY object_id",
                     [str(i) for i in items])
    assert sorted(int(i) for i, _ in published) == sorted(items) and {n for _, n in published} == {1}
    follow_ups = rows(cluster, "SELECT item_id, count(*) FROM publishing_followup WHERE item_id = ANY(%s) "
                               "GROUP BY item_id", list(items))
    assert len(follow_ups) == len(items) and {n for _, n in follow_ups} == {1}


def test_a_rescreening_run_shared_by_both_workers_screens_every_revision_once(cluster):
    run = int(django_python(cluster["env"], RESCREEN))

    def finished():
        return rows(cluster, "SELECT status FROM lexicons_rescreenrun WHERE id = %s", run)[0][0] == "done"

    assert wait_for(finished), "the re-screening run did not finish"
    total, done = rows(cluster, "SELECT total, done FROM lexicons_rescreenrun WHERE id = %s", run)[0]
    assert total >= PUBLISHED and done == total
    states = rows(cluster, "SELECT state, count(*) FROM lexicons_rescreentarget WHERE run_id = %s GROUP BY state", run)
    assert states == [(2, total)]
    reports = rows(cluster, "SELECT count(*), count(DISTINCT revision_id) FROM content_screeningreport "
                            "WHERE trigger = 'rescreen'")
    assert reports == [(total, total)], "a revision screened twice, or one left out"
    claims = rows(cluster, "SELECT count(DISTINCT claim) FROM lexicons_rescreentarget WHERE run_id = %s", run)[0][0]
    assert claims >= 2, "both workers should have taken batches of the run"


def test_pages_kept_in_the_shared_cache_never_outlive_a_retraction(cluster):
    import redis

    item = cluster["items"][0]
    url = f"/site/items/{item}/"
    first, second = (Session(port) for port in cluster["ports"])
    assert first.request("GET", url)[0] == 200 and second.request("GET", url)[0] == 200
    assert redis.Redis(*REDIS, db=REDIS_DB).keys("sanshen:*site:*"), "the public pages are kept in Redis"
    token = Session(cluster["ports"][1]).api_token("officer")
    status, body = second.request("POST", f"/api/items/{item}/retract", {"reason": "多机测试撤回"},
                                  headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    assert status == 200, body
    assert first.request("GET", url)[0] == 410


def test_a_signed_in_page_kept_by_one_server_is_served_by_the_other_only_until_anything_commits(cluster):
    first, second = (Session(port) for port in cluster["ports"])
    first.log_in("head")
    second.cookies = dict(first.cookies)

    def served_from_the_cache() -> bool:
        first.request("GET", "/review/")
        status, page = second.request("GET", "/review/")
        return status == 200 and "王科长" in page and "age" in second.last_headers

    assert wait_for(served_from_the_cache, seconds=30), "the page kept by one server was never served by the other"
    rows(cluster, "UPDATE org_person SET full_name = '王副科长' WHERE username = 'head' RETURNING id")
    try:
        for session in (first, second):
            status, page = session.request("GET", "/review/")
            assert status == 200 and "王副科长" in page and "age" not in session.last_headers
    finally:
        rows(cluster, "UPDATE org_person SET full_name = '王科长' WHERE username = 'head' RETURNING id")
    officer = Session(cluster["ports"][1])
    officer.log_in("officer")
    status, page = officer.request("GET", "/review/")
    assert "王科长" not in page and "age" not in officer.last_headers, "another person was shown the head's page"
