"""sanshen backup → sanshen restore into a second, empty installation: identical data, identical files, and an
audit chain that verifies (A3). Runs on whichever database DATABASE_URL names (SQLite or PostgreSQL)."""

import json
import os
import tarfile
from pathlib import Path

import pytest

from tests.conftest import DEMO_PASSWORD


def members(archive: Path, prefix: str) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.name.startswith(prefix)}


def test_a_backup_restores_into_an_empty_installation_with_identical_data_and_files(source, installation, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    made = source.ok("backup", "--output", str(archive))
    assert made.stdout.strip() == str(archive)
    assert "数据 org.person" in made.stderr and "上传文件：1 个" in made.stderr
    assert (tmp_path / "backup.tar.gz.sha256").read_text().split()[1] == "backup.tar.gz"
    manifest = json.loads(members(archive, "manifest.json")["manifest.json"])
    assert {m["label"] for m in manifest["models"]} >= {"org.person", "oversight.auditentry", "content.attachment"}
    assert not {"sessions.session", "contenttypes.contenttype", "auth.permission"} & {
        m["label"] for m in manifest["models"]}

    target = installation("target")
    restored = target.ok("restore", str(archive))
    assert "校验通过" in restored.stderr and "audit chain intact" in restored.stdout
    assert "OK" in target.ok("audit", "verify").stdout

    again = tmp_path / "again.tar.gz"
    target.ok("backup", "--output", str(again))
    assert members(again, "data/") == members(archive, "data/")
    uploaded = members(archive, "media/")
    assert len(uploaded) == 1 and "一、申报表".encode() in next(iter(uploaded.values()))
    assert members(again, "media/") == uploaded
    on_disk = [p for p in (target.var_dir / "media").rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in on_disk] == list(uploaded.values())
    login = target.ok("shell", "-c", "from sanshen.org.models import Person; print(Person.objects.get("
                                     f"username='officer').check_password('{DEMO_PASSWORD}'))")
    assert login.stdout.strip().endswith("True")


def test_restore_refuses_a_corrupted_archive_or_an_installation_with_data(source, installation, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    source.ok("backup", "--output", str(archive))
    (tmp_path / "backup.tar.gz.sha256").unlink()
    damaged = tmp_path / "damaged.tar.gz"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    target = installation("target")
    result = target.run("restore", str(damaged))
    assert result.returncode == 2 and "备份文件已损坏" in result.stderr and "未作任何改动" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (target.var_dir / "sanshen.sqlite3").exists() or "[X]" not in target.ok(
        "showmigrations", "org").stdout

    occupied = source.run("restore", str(archive))
    assert occupied.returncode == 2 and "目标安装已有数据" in occupied.stderr

    missing = target.run("restore", str(tmp_path / "nothing.tar.gz"))
    assert missing.returncode == 2 and "找不到备份文件" in missing.stderr


def test_a_changed_checksum_file_is_noticed(source, installation, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    source.ok("backup", "--output", str(archive))
    (tmp_path / "backup.tar.gz.sha256").write_text("0" * 64 + "  backup.tar.gz\n")
    result = installation("target").run("restore", str(archive))
    assert result.returncode == 2 and "整个文件的 SHA-256" in result.stderr


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
def test_a_backup_from_sqlite_restores_into_postgresql_and_back(source, installation, tmp_path):
    from_postgres = tmp_path / "postgres.tar.gz"
    source.ok("backup", "--output", str(from_postgres))
    lite = installation("lite", sqlite=True)
    assert "audit chain intact" in lite.ok("restore", str(from_postgres)).stdout
    from_sqlite = tmp_path / "sqlite.tar.gz"
    lite.ok("backup", "--output", str(from_sqlite))
    assert json.loads(members(from_sqlite, "manifest.json")["manifest.json"])["database_vendor"] == "sqlite"
    back = installation("back")
    assert "audit chain intact" in back.ok("restore", str(from_sqlite)).stdout
    again = tmp_path / "again.tar.gz"
    back.ok("backup", "--output", str(again))
    assert members(again, "data/") == members(from_sqlite, "data/") == members(from_postgres, "data/")
