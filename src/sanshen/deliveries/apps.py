from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveriesConfig(AppConfig):
    name = "sanshen.deliveries"
    label = "deliveries"
    verbose_name = _("推送")

    def ready(self):
        from sanshen.publishing.models import Publication
        from sanshen.publishing.signals import publication_changed

        from .services import on_publication_changed

        publication_changed.connect(on_publication_changed, sender=Publication, dispatch_uid="publishing.deliveries")
