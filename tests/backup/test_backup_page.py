"""The administrators' backup page (数据备份): 立即备份 runs in the worker, the archive is listed and downloads."""

import tarfile
from io import BytesIO

import pytest
from django_tasks_db.models import DBTaskResult

from sanshen.backup.files import BACKUP_TASK
from sanshen.oversight.models import AuditEntry
from sanshen.backup.tasks import make_backup

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_var_dir(settings, tmp_path):
    settings.VAR_DIR, settings.MEDIA_ROOT = tmp_path, tmp_path / "media"
    return tmp_path


def test_backup_now_queues_one_backup_which_is_then_listed_and_downloads(own_var_dir, client_as, person,
                                                                           django_capture_on_commit_callbacks):
    admin = client_as("admin")
    assert "还没有备份" in admin.get("/oversight/backups/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin.post("/oversight/backups/")
    queued = DBTaskResult.objects.get(task_path=BACKUP_TASK)
    assert 'data-testid="backup-running"' in admin.get("/oversight/backups/").content.decode()
    assert "已有一个备份正在进行" in admin.post("/oversight/backups/", follow=True).content.decode()

    name = make_backup.call(person("admin").pk)  # what the worker does with the queued task
    DBTaskResult.objects.filter(pk=queued.pk).update(status="SUCCESSFUL")
    page = admin.get("/oversight/backups/").content.decode()
    assert name in page and 'data-testid="backup-now"' in page
    checksum = (own_var_dir / "backups" / f"{name}.sha256").read_text().split()[0]
    assert checksum in page
    download = admin.get(f"/oversight/backups/{name}")
    archive = tarfile.open(fileobj=BytesIO(b"".join(download.streaming_content)), mode="r:gz")
    assert "manifest.json" in archive.getnames()
    assert AuditEntry.objects.filter(action="oversight.backup_downloaded", actor_username="admin").exists()
    assert admin.get("/oversight/backups/..%2Fsecret_key").status_code == 404


@pytest.mark.parametrize("username", ["editor", "head", "leader", "chief", "officer", "secrecy", "member"])
def test_only_administrators_reach_backups(own_var_dir, client_as, username):
    response = client_as(username).get("/oversight/backups/")
    assert response.status_code == 403 and "只有系统管理员可以备份数据" in response.content.decode()
