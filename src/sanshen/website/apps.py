from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "sanshen.website"
    label = "website"
    verbose_name = _("门户网站")

    def ready(self):
        from sanshen.channels.models import Channel
        from sanshen.org.models import Department
        from sanshen.publishing.models import Publication
        from sanshen.publishing.signals import publication_changed
        from sanshen.web import editions

        from .receivers import keep_search_index

        publication_changed.connect(keep_search_index, sender=Publication, dispatch_uid="website.search_index")
        from .models import SiteIdentity

        editions.watch(Publication, Channel, Department, SiteIdentity)  # what the kept pages (page_cache) show
