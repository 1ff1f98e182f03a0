from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "sanshen.publishing"
    label = "publishing"
    verbose_name = _("发布")

    def ready(self):
        from .adapters.services import on_publication_changed
        from .models import Publication
        from .signals import publication_changed

        publication_changed.connect(on_publication_changed, sender=Publication, dispatch_uid="publishing.deliveries")
