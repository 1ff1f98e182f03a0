from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "sanshen.org"
    label = "org"
    verbose_name = _("机构与人员")

    def ready(self):
        from . import signals  # noqa: F401  (login/logout audit receivers)
