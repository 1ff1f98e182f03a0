import uuid

from django.db import migrations, models


def first_edition(apps, schema_editor):
    apps.get_model("website", "SiteEdition").objects.create(pk=1, token=uuid.uuid4().hex)


class Migration(migrations.Migration):

    dependencies = [
        ('website', '0001_search_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='SiteEdition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(first_edition, migrations.RunPython.noop),
    ]
