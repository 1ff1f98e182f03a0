import uuid

from django.db import migrations, models


def first_editions(apps, schema_editor):
    Edition = apps.get_model("web", "Edition")
    Edition.objects.create(name="data", token=uuid.uuid4().hex)


class Migration(migrations.Migration):

    dependencies = [
        ('web', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Edition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=30, unique=True)),
                ('token', models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(first_editions, migrations.RunPython.noop),
    ]
