"""Suspensions and criticisms move to the accountability app (问责); their tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0003_grant_requests'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='suspension',
                name='created_by',
            ),
            migrations.RemoveField(
                model_name='suspension',
                name='lifted_by',
            ),
            migrations.RemoveField(
                model_name='suspension',
                name='person',
            ),
            migrations.DeleteModel(
                name='Criticism',
            ),
            migrations.DeleteModel(
                name='Suspension',
            ),
    
        ]),
    ]
