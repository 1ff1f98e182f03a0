from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "sanshen.website"
    label = "website"
    verbose_name = _("门户网站")
