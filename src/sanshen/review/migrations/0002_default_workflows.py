from django.db import migrations

from sanshen.review.defaults import DEFAULT_WORKFLOWS


def create_defaults(apps, schema_editor):
    Workflow = apps.get_model("review", "Workflow")
    Stage = apps.get_model("review", "Stage")
    for name, (description, stages) in DEFAULT_WORKFLOWS.items():
        workflow, created = Workflow.objects.get_or_create(name=name, defaults={"description": description})
        if created:
            for order, stage, role, scoped, escalation_only, checklist in stages:
                Stage.objects.create(workflow=workflow, order=order, name=stage, role=role,
                                     scoped_to_item_department=scoped, escalation_only=escalation_only,
                                     checklist=checklist)


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
