from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "sanshen.website"
    label = "website"
    verbose_name = _("门户网站")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from sanshen.org.models import Department
        from sanshen.publishing.models import Channel, Publication
        from sanshen.publishing.signals import publication_changed

        from .page_cache import new_edition
        from .receivers import keep_search_index

        publication_changed.connect(keep_search_index, sender=Publication, dispatch_uid="website.search_index")
        for model in (Publication, Channel, Department):
            for signal in (post_save, post_delete):
                signal.connect(new_edition, sender=model, dispatch_uid=f"website.edition.{model.__name__}")
