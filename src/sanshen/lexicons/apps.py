from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LexiconsConfig(AppConfig):
    name = "sanshen.lexicons"
    label = "lexicons"
    verbose_name = _("筛查词库与规则")
