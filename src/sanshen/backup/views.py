"""The backups page (数据备份): the archives on disk, 立即备份, downloads. Restoring is `sanshen restore` (A3)."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sanshen.content.services import ContentError
from sanshen.oversight.audit import record
from sanshen.web.mixins import action_required

from .files import backup_files, backup_in_progress, backup_named, request_backup


@action_required("oversight.manage_backups")
def backups(request):
    if request.method == "POST":
        try:
            request_backup(request.user, request=request)
        except ContentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已开始备份，完成后会出现在下面的列表中。"))
        return redirect("backup:list")
    return render(request, "backup/backups.html", {"files": backup_files(), "running": backup_in_progress()})


@action_required("oversight.manage_backups")
def backup_download(request, name):
    found = backup_named(name)
    if found is None:
        raise Http404(name)
    record("oversight.backup_downloaded", actor=request.user, request=request, details={"file": found.name})
    return FileResponse(found.path.open("rb"), as_attachment=True, filename=found.name)
