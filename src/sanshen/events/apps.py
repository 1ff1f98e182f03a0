from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "sanshen.events"
    label = "events"
    verbose_name = _("活动与自媒体")
