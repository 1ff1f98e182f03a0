"""Fresh installations for backup tests: each its own SANSHEN_VAR_DIR and, on PostgreSQL, its own database."""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from tests.conftest import DEMO_PASSWORD

ATTACH = """
from sanshen.content.services import ItemInput, attach_file, create_item
from sanshen.org.models import Person
editor = Person.objects.get(username="editor")
item = create_item(editor, ItemInput(title="关于备份测试的通知", body="附件为项目申报材料清单。"))
attach_file(item, editor, "申报材料清单.txt", "一、申报表；二、可行性研究报告。".encode())
"""


class Installation:
    """One installation, driven by running the real `sanshen` commands as subprocesses."""

    def __init__(self, var_dir: Path, env: dict):
        self.var_dir, self.env = var_dir, env

    def run(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "sanshen.cli", *args], env=self.env, capture_output=True,
                              text=True)

    def ok(self, *args) -> subprocess.CompletedProcess:
        result = self.run(*args)
        assert result.returncode == 0, result.stderr
        return result


@contextmanager
def installations(directory: Path):
    """Make fresh, empty installations (nothing migrated) under `directory`; drop their databases afterwards."""
    database_url = os.environ.get("DATABASE_URL", "")
    base = database_url.rpartition("/")[0] if database_url.startswith("postgres") else None
    databases = []

    def make(name: str, *, sqlite: bool = False) -> Installation:
        """`sqlite=True`: the embedded SQLite database even when the suite runs on PostgreSQL."""
        var_dir = directory / name
        var_dir.mkdir()
        env = {**os.environ, "SANSHEN_VAR_DIR": str(var_dir)}
        if sqlite:
            env.pop("DATABASE_URL", None)
        elif base:
            database = f"sanshen_backup_{name}_{os.getpid()}"
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
                conn.execute(f'CREATE DATABASE "{database}"')
            databases.append(database)
            env["DATABASE_URL"] = f"{base}/{database}"
        return Installation(var_dir, env)

    try:
        yield make
    finally:
        if databases:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                for database in databases:
                    conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture
def installation(tmp_path):
    with installations(tmp_path) as make:
        yield make


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """An installation with the demo organisation and an uploaded attachment (shared by a module's tests)."""
    with installations(tmp_path_factory.mktemp("backup-source")) as make:
        source = make("source")
        source.ok("migrate", "-v0")
        source.ok("demo", "--password", DEMO_PASSWORD)
        source.ok("shell", "-c", ATTACH)
        yield source
