"""One word and one colour per severity (筛查级别), on every page, sheet and export."""

from django.utils.translation import gettext_lazy as _

SEVERITY_LABELS = {"block": _("须修改"), "warn": _("警告"), "info": _("提示")}
