"""Backup and restore (备份与恢复, A3): one archive holding the whole database and the uploaded files.

The archive (`.tar.gz`) holds

- `manifest.json` — format, version, the database it came from, the migrations applied, every model's file and
  row count, and the SHA-256 and size of every other member (plus `content_sha256` over that list);
- `data/NNN-app.model.json` — each model's rows ordered by primary key, in Django's serialisation format with
  primary keys kept, foreign keys to content types and permissions as natural keys (those tables are rebuilt
  by `migrate`), many-to-many lists sorted, date-times with their microseconds (the audit chain hashes them);
- `media/...` — the files under MEDIA_ROOT.

Beside it, `<archive>.sha256` holds the archive's own SHA-256 (sha256sum format). Sessions are left out.
Restoring checks every checksum before touching anything, refuses an installation that already holds data,
migrates, loads everything in one transaction, restores the files, resets sequences and verifies the audit chain.
Being JSON, a backup from SQLite restores into PostgreSQL and the other way round.
"""

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

import sanshen
from sanshen.oversight.audit import ChainVerdict, record, verify_chain
from sanshen.oversight.models import AuditEntry

FORMAT = "sanshen-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# Editions are cache keys, made afresh by `migrate`: a restored installation must not meet the old cache.
# The audit checkpoint is this installation's own verification state: a restored one verifies from the first entry.
EXCLUDED = {"contenttypes.contenttype", "auth.permission", "sessions.session", "web.edition",
            "oversight.auditcheckpoint"}
REBUILT_BY_MIGRATE = (ContentType, Permission)
CHUNK = 1000

Progress = Callable[[str], None]


class BackupError(Exception):
    """The archive cannot be written or restored: the message says why, in Chinese."""


# ---- the portable dump ----------------------------------------------------------------------------------------

class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts date-times to milliseconds; the audit chain hashes microseconds, so keep them."""

    def default(self, o):
        if isinstance(o, (datetime, time)):
            return o.isoformat()
        return super().default(o)


def backed_up_models() -> list:
    """Every concrete model with a table of its own, in registry order (many-to-many links travel with them)."""
    return [model for model in apps.get_models()
            if not model._meta.proxy and model._meta.managed and model._meta.label_lower not in EXCLUDED]


def tables_of(models) -> list[str]:
    """The models' tables and their automatic many-to-many link tables."""
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables += [f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many
                   if f.remote_field.through._meta.auto_created]
    return tables


def _natural(model, pk):
    if pk is None:
        return None
    if model is ContentType:
        return list(ContentType.objects.get_for_id(pk).natural_key())
    return list(Permission.objects.select_related("content_type").get(pk=pk).natural_key())


def _portable(model, rows: list[dict]) -> list[dict]:
    """Foreign keys to rebuilt tables become natural keys; many-to-many lists are sorted."""
    relations = [(f.name, f.related_model, f.many_to_many) for f in model._meta.get_fields()
                 if (f.many_to_one or f.many_to_many) and f.concrete and not f.auto_created]
    for row in rows:
        fields = row["fields"]
        for key, related, many in relations:
            if key not in fields:
                continue
            if related in REBUILT_BY_MIGRATE:
                fields[key] = ([_natural(related, pk) for pk in fields[key]] if many
                               else _natural(related, fields[key]))
            if many:
                fields[key] = sorted(fields[key])
    return rows


def dump_model(model, out: io.TextIOBase) -> int:
    """Write the model's rows, ordered by primary key, as one JSON array; return how many."""
    count = 0
    out.write("[")
    queryset = model._base_manager.order_by("pk")
    batch = []

    def flush():
        nonlocal count
        for row in _portable(model, serializers.serialize("python", batch)):
            out.write(",\n" if count else "\n")
            out.write(json.dumps(row, cls=_Encoder, ensure_ascii=False, sort_keys=True))
            count += 1
        batch.clear()

    for obj in queryset.iterator(chunk_size=CHUNK):
        batch.append(obj)
        if len(batch) >= CHUNK:
            flush()
    flush()
    out.write("\n]\n")
    return count


def load_model(path: Path) -> int:
    """Save every row of one dumped file (primary keys as they were); return how many."""
    with path.open(encoding="utf-8") as fh:
        rows = json.load(fh)
    for deserialized in serializers.deserialize("python", rows):
        deserialized.save()
    return len(rows)


# ---- checksums ------------------------------------------------------------------------------------------------

def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_digest(members: dict[str, dict]) -> str:
    """One SHA-256 over every member's name and checksum, in name order."""
    lines = "".join(f"{members[name]['sha256']}  {name}\n" for name in sorted(members))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def known_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def media_files() -> list[tuple[Path, str]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return [(path, path.relative_to(root).as_posix()) for path in sorted(root.rglob("*")) if path.is_file()]


def _read_one_snapshot() -> None:
    """Every table read from the same moment: PostgreSQL needs REPEATABLE READ; SQLite's transaction is one.

    Inside a caller's transaction the isolation level can no longer change; that transaction is used as it is.
    """
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


# ---- making a backup ------------------------------------------------------------------------------------------

def default_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"sanshen-{stamp}.tar.gz"


def create_backup(output: Path | None = None, *, progress: Progress = lambda line: None, actor=None) -> Path:
    """Write the archive (and its `.sha256`); return its path. Raises BackupError when it cannot be written."""
    output = Path(output or default_path()).resolve()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(_("无法创建目录 %(dir)s：%(error)s") % {"dir": output.parent, "error": error.strerror})
    models = backed_up_models()
    with tempfile.TemporaryDirectory(prefix="sanshen-backup-") as work:
        work_dir = Path(work)
        (work_dir / "data").mkdir()
        members, listed = {}, []
        with transaction.atomic():
            _read_one_snapshot()
            for number, model in enumerate(models, 1):
                label = model._meta.label_lower
                name = f"data/{number:03d}-{label}.json"
                with (work_dir / name).open("w", encoding="utf-8") as fh:
                    count = dump_model(model, fh)
                members[name] = {"sha256": sha256_file(work_dir / name), "size": (work_dir / name).stat().st_size}
                listed.append({"label": label, "file": name, "count": count})
                progress(_("[%(n)s/%(total)s] 数据 %(label)s：%(count)s 条") % {
                    "n": number, "total": len(models), "label": label, "count": count})
            migrations = applied_migrations()
        files = media_files()
        for path, relative in files:
            members[f"media/{relative}"] = {"sha256": sha256_file(path), "size": path.stat().st_size}
        progress(_("上传文件：%(n)s 个") % {"n": len(files)})
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "sanshen_version": sanshen.__version__,
            "created_at": timezone.now().isoformat(), "database_vendor": connection.vendor,
            "migrations": migrations, "models": listed, "members": members, "content_sha256": content_digest(members),
        }
        (work_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = output.with_name(output.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(work_dir / MANIFEST, arcname=MANIFEST)
                for entry in listed:
                    archive.add(work_dir / entry["file"], arcname=entry["file"])
                for path, relative in files:
                    archive.add(path, arcname=f"media/{relative}")
            os.replace(partial, output)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(_("无法写入 %(path)s：%(error)s") % {"path": output, "error": error.strerror}) from None
    whole = sha256_file(output)
    output.with_name(output.name + ".sha256").write_text(f"{whole}  {output.name}\n", encoding="utf-8")
    with transaction.atomic():
        record("oversight.backup_created", actor=actor, actor_username="" if actor else "cli", details={
            "file": output.name, "sha256": whole, "rows": sum(m["count"] for m in listed), "files": len(files)})
    progress(_("SHA-256：%(sha)s") % {"sha": whole})
    return output


# ---- restoring ------------------------------------------------------------------------------------------------

def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and (
        name == MANIFEST or path.parts[0] in ("data", "media"))


def unpack_verified(archive: Path, into: Path) -> dict:
    """Unpack the archive into `into` and check every checksum; return the manifest or raise BackupError."""
    damaged = _("备份文件已损坏或不完整（%(why)s），未作任何改动。")
    sidecar = archive.with_name(archive.name + ".sha256")
    if sidecar.exists():
        expected = sidecar.read_text(encoding="utf-8").split()[:1]
        if expected and expected[0] != sha256_file(archive):
            raise BackupError(damaged % {"why": _("整个文件的 SHA-256 与 %(name)s 不符") % {"name": sidecar.name}})
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if not member.isfile() or not _safe_name(member.name):
                    raise BackupError(damaged % {"why": _("含有不应有的成员 %(name)s") % {"name": member.name}})
                target = into / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as source, target.open("wb") as sink:
                    shutil.copyfileobj(source, sink)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(damaged % {"why": error}) from None
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
        members = manifest["members"]
    except (OSError, ValueError, KeyError, TypeError):
        raise BackupError(damaged % {"why": _("清单 manifest.json 缺失或无法读取")}) from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(_("这不是本系统能识别的备份文件（格式 %(f)s）。") % {"f": manifest.get("format")})
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {MANIFEST}
    if present != set(members):
        missing, extra = sorted(set(members) - present), sorted(present - set(members))
        raise BackupError(damaged % {"why": _("成员与清单不符：缺少 %(missing)s，多出 %(extra)s") % {
            "missing": "、".join(missing) or "—", "extra": "、".join(extra) or "—"}})
    for name in sorted(members):
        if sha256_file(into / name) != members[name]["sha256"]:
            raise BackupError(damaged % {"why": _("%(name)s 的 SHA-256 不符") % {"name": name}})
    if content_digest(members) != manifest.get("content_sha256"):
        raise BackupError(damaged % {"why": _("清单的总校验值不符")})
    return manifest


def migration_refusal(manifest: dict) -> str | None:
    """A backup restores only into the version whose migrations it was taken with (upgrade afterwards)."""
    ours, theirs = set(known_migrations()), set(manifest["migrations"])
    if ours == theirs:
        return None
    return _("备份（%(version)s）与本版本的数据库结构不同：本版本缺少 %(newer)s，备份缺少 %(older)s。"
             "请用生成备份的版本恢复，然后再升级。") % {
        "version": manifest.get("sanshen_version"), "newer": "、".join(sorted(theirs - ours)[:5]) or "—",
        "older": "、".join(sorted(ours - theirs)[:5]) or "—"}


def occupied_refusal() -> str | None:
    """Restoring only fills an empty installation: no people, no audit entries, no uploaded files."""
    tables = set(connection.introspection.table_names())
    person = apps.get_model(settings.AUTH_USER_MODEL)
    people = person._base_manager.count() if person._meta.db_table in tables else 0
    entries = AuditEntry.objects.count() if AuditEntry._meta.db_table in tables else 0
    files = len(media_files())
    if people or entries or files:
        return _("目标安装已有数据（%(people)s 个人员、%(entries)s 条操作日志、%(files)s 个上传文件），"
                 "恢复只能在空的安装中进行：请使用新的 SANSHEN_VAR_DIR 或新的数据库。") % {
            "people": people, "entries": entries, "files": files}
    return None


def _load_everything(root: Path, manifest: dict, progress: Progress) -> None:
    """Empty the tables a migration may have filled, then load every file, in one transaction."""
    by_label = {m._meta.label_lower: m for m in backed_up_models()}
    unknown = [entry["label"] for entry in manifest["models"] if entry["label"] not in by_label]
    if unknown:
        raise BackupError(_("本版本没有这些数据表：%(labels)s。") % {"labels": "、".join(unknown)})
    models = [by_label[entry["label"]] for entry in manifest["models"]]
    tables = tables_of(models)
    with transaction.atomic(), connection.constraint_checks_disabled():
        with connection.cursor() as cursor:
            for statement in connection.ops.sql_flush(no_style(), tables, allow_cascade=False):
                cursor.execute(statement)
        for number, entry in enumerate(manifest["models"], 1):
            count = load_model(root / entry["file"])
            if count != entry["count"]:
                raise BackupError(_("%(label)s 应有 %(expected)s 条，载入了 %(count)s 条。") % {
                    "label": entry["label"], "expected": entry["count"], "count": count})
            progress(_("[%(n)s/%(total)s] 载入 %(label)s：%(count)s 条") % {
                "n": number, "total": len(models), "label": entry["label"], "count": count})
        connection.check_constraints(table_names=tables)
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        progress(_("已重置主键序列（%(n)s 条语句）") % {"n": len(statements)})


def _copy_media(root: Path, manifest: dict, progress: Progress) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    names = [name for name in manifest["members"] if name.startswith("media/")]
    for name in names:
        target = media_root / name.removeprefix("media/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    progress(_("已恢复上传文件 %(n)s 个") % {"n": len(names)})


def restore_backup(archive: Path, *, progress: Progress = lambda line: None) -> ChainVerdict:
    """Check, then restore the archive into this (empty) installation; return the audit chain's verdict."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("找不到备份文件 %(path)s。") % {"path": archive})
    with tempfile.TemporaryDirectory(prefix="sanshen-restore-") as work:
        root = Path(work)
        manifest = unpack_verified(archive, root)
        progress(_("校验通过：%(n)s 个成员，SHA-256 全部相符") % {"n": len(manifest["members"])})
        for refusal in (migration_refusal(manifest), occupied_refusal()):
            if refusal:
                raise BackupError(refusal)
        progress(_("迁移数据库结构 …"))
        call_command("migrate", verbosity=0, interactive=False)
        _load_everything(root, manifest, progress)
        _copy_media(root, manifest, progress)
    return verify_chain()
