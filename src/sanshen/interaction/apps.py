from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    name = "sanshen.interaction"
    label = "interaction"
    verbose_name = _("网上互动")

    def ready(self):
        from . import breaches  # noqa: F401 — registers the overdue-messages breach source
