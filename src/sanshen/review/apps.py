from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "sanshen.review"
    label = "review"
    verbose_name = _("审核")

    def ready(self):
        from sanshen.channels.models import Channel
        from sanshen.content.models import Item
        from sanshen.org.models import Pledge, RoleAssignment
        from sanshen.web import editions

        from .models import Decision, EmergencyApproval, Stage, Workflow

        # what the review queues (queue.py) are computed from
        editions.watch(Item, Decision, EmergencyApproval, Stage, Workflow, Channel, RoleAssignment, Pledge,
                       m2m=(Item.channels.through, RoleAssignment.departments.through))
