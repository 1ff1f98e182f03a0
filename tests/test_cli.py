"""The `sanshen` command: demo, worker, and exit codes for bad input."""

import os
import subprocess
import sys

import pytest


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "sanshen.cli", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def installation(tmp_path):
    """The environment of a fresh installation on its embedded default database."""
    env = {**os.environ, "SANSHEN_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    assert run_cli("migrate", "-v0", env=env).returncode == 0
    return env


def test_demo_refuses_a_weak_password_with_exit_2_and_one_line(installation):
    env = installation
    result = run_cli("demo", "--password", "weak", env=env)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "password refused" in result.stderr
    result = run_cli("demo", "--password", "Good-2026#demo", env=env)
    assert result.returncode == 0
    assert "editor" in result.stdout and "Good-2026#demo" in result.stdout and "secrecy" in result.stdout
    again = run_cli("demo", "--if-empty", env=env)
    assert again.returncode == 0 and "already has people" in again.stdout


def test_unknown_command_exits_nonzero_without_a_traceback():
    result = run_cli("no-such-command")
    assert result.returncode != 0 and "Traceback" not in result.stderr


def django_python(code, env):
    script = "import django; django.setup()\n" + code
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**env, "DJANGO_SETTINGS_MODULE": "sanshen.settings"})


def test_worker_runs_queued_jobs(installation):
    queued = django_python("from sanshen.oversight.tasks import check_audit_chain\n"
                           "print(check_audit_chain.enqueue().id)", installation)
    job_id = queued.stdout.strip()
    worker = run_cli("worker", "--batch", "--no-daily", env=installation)
    assert worker.returncode == 0, worker.stderr
    outcome = django_python("from sanshen.oversight.tasks import check_audit_chain\n"
                            "from sanshen.oversight.models import AuditEntry\n"
                            f"r = check_audit_chain.get_result({job_id!r})\n"
                            "print(r.status, r.return_value['ok'], "
                            "AuditEntry.objects.filter(action='oversight.chain_checked').count())", installation)
    assert outcome.stdout.split() == ["SUCCESSFUL", "True", "1"], outcome.stderr


def test_the_worker_runs_the_daily_jobs_once_a_day(installation):
    for _ in range(2):
        assert run_cli("worker", "--batch", env=installation).returncode == 0
    ran = django_python("from django_tasks_db.models import DBTaskResult\n"
                        "print(sorted(DBTaskResult.objects.filter(status='SUCCESSFUL')"
                        ".values_list('task_path', flat=True)))", installation)
    assert ran.stdout.strip() == str(sorted([
        "sanshen.oversight.tasks.check_audit_chain", "sanshen.oversight.tasks.send_daily_digest",
        "sanshen.review.tasks.remind"])), ran.stderr
    quiet = run_cli("worker", "--batch", "--no-daily", env=installation)
    assert quiet.returncode == 0
